"""The client's side of a brief: deliverables with effort ranges, and a market rate card.

A client knows what they want (deliverables, their order of importance, the dates they need,
their own review rounds, a budget) but not who at an agency would do the work. A
:class:`RateCard` stands in for the agency: per role a rate range and an assumed delivery
capacity. No I/O lives here; :mod:`planner.client.reading` builds these objects from files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ESTIMATES: tuple[str, ...] = ("low", "typical", "high")
"""The three points of every range, cheapest first."""


@dataclass(frozen=True)
class Estimate:
    """A low / typical / high range; a single figure has all three equal."""

    low: float
    typical: float
    high: float

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.typical <= self.high:
            raise ValueError(f"estimate must satisfy 0 <= low <= typical <= high: {self}")

    @classmethod
    def single(cls, value: float) -> Estimate:
        """A range with no spread."""
        return cls(value, value, value)

    def at(self, point: str) -> float:
        """The figure at ``point`` (one of :data:`ESTIMATES`)."""
        if point not in ESTIMATES:
            raise ValueError(f"unknown estimate point {point!r}")
        return float(getattr(self, point))

    @property
    def is_single(self) -> bool:
        """True when low, typical and high are equal."""
        return self.low == self.typical == self.high


@dataclass(frozen=True)
class RoleRate:
    """What one role costs on the market and how much of it an agency would assign.

    ``rate`` is per hour (cards given per day are converted when read); ``people`` of this
    role would work on the brief, each for ``share`` of a full week.
    """

    role: str
    rate: Estimate
    people: int = 1
    share: float = 1.0

    def __post_init__(self) -> None:
        if self.people < 1 or not 0 < self.share <= 1:
            raise ValueError(f"role {self.role!r}: people >= 1 and 0 < share <= 1 required")


@dataclass(frozen=True)
class RateCard:
    """Market rates and assumed capacity per role, in one currency.

    ``illustrative`` marks figures that are examples, not quotes; ``source`` says where they
    come from or how they were made.
    """

    name: str
    currency: str
    roles: tuple[RoleRate, ...]
    hours_per_week: float = 37.5
    country: str | None = None
    illustrative: bool = False
    source: str = ""

    def role(self, name: str) -> RoleRate:
        """The rate of role ``name`` (KeyError if the card has none)."""
        for item in self.roles:
            if item.role == name:
                return item
        raise KeyError(name)


@dataclass(frozen=True)
class Deliverable:
    """One thing the client wants: agency effort per role, then optionally a client review.

    The roles work in parallel once every deliverable in ``after`` is finished (reviews
    included); ``review_days`` is the client's own review round in working days; ``due`` is
    the date the deliverable must be done, review included.
    """

    id: str
    name: str
    effort: tuple[tuple[str, Estimate], ...]
    after: tuple[str, ...] = ()
    review_days: int = 0
    due: date | None = None

    @property
    def label(self) -> str:
        """Human name (the name, else the id)."""
        return self.name or self.id


@dataclass(frozen=True)
class ClientBrief:
    """A brief without a team: deliverables in the client's priority order (first = most
    important), a start date, a budget and the calendar whose public holidays apply.

    ``currency`` ``None`` means "the rate card's currency"."""

    title: str
    client: str
    start: date
    deliverables: tuple[Deliverable, ...]
    budget: float | None = None
    currency: str | None = None
    country: str | None = None

    def deliverable(self, deliverable_id: str) -> Deliverable:
        """The deliverable with id ``deliverable_id`` (KeyError if there is none)."""
        for item in self.deliverables:
            if item.id == deliverable_id:
                return item
        raise KeyError(deliverable_id)

    @property
    def roles(self) -> tuple[str, ...]:
        """Every role the brief needs, in order of first mention."""
        return tuple(dict.fromkeys(role for d in self.deliverables for role, _ in d.effort))
