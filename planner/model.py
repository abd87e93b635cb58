"""Domain objects: the scenario (brief + agency capacity) as frozen, typed dataclasses.

No I/O lives here. Readers in :mod:`planner.io` turn files into these objects and report every
user mistake with file/row/field; the checks in ``__post_init__`` only guard against states a
correct reader can never produce, so a failure here is a bug, not bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

WEEKDAY_NAMES: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Weekday names as written in scenario files; index = ``date.weekday()``."""

DEFAULT_WORKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4)

REPEAT_UNITS: tuple[str, ...] = ("day", "week", "month")
"""Cadences a recurring task may use (``repeat.every``)."""


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of calendar days, e.g. a holiday week or a commitment."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"date range ends ({self.end}) before it starts ({self.start})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class CalendarSettings:
    """The agency calendar: public holidays of a country (optional) and the default workdays."""

    country: str | None = None
    subdivision: str | None = None
    workdays: tuple[int, ...] = DEFAULT_WORKDAYS


@dataclass(frozen=True)
class Person:
    """Someone who can do agency work.

    ``workdays``/``country``/``subdivision`` default to the agency calendar when ``None``.
    Rates are per hour in the scenario currency.
    """

    name: str
    roles: tuple[str, ...]
    hours_per_week: float
    bill_rate: float
    cost_rate: float | None = None
    workdays: tuple[int, ...] | None = None
    country: str | None = None
    subdivision: str | None = None
    time_off: tuple[DateRange, ...] = ()

    def __post_init__(self) -> None:
        if self.hours_per_week < 0:
            raise ValueError(f"person {self.name!r}: hours_per_week must not be negative")


@dataclass(frozen=True)
class Commitment:
    """Hours per week a person has already promised to other work over a date range."""

    person: str
    period: DateRange
    hours_per_week: float
    label: str | None = None


@dataclass(frozen=True)
class Dependency:
    """``task`` must finish before the dependent task starts, plus ``lag`` working days."""

    task: str
    lag: int = 0


@dataclass(frozen=True)
class Repeat:
    """Recurring work: ``count`` instances, one every ``interval`` ``every`` (day/week/month)."""

    every: str
    count: int
    interval: int = 1

    def __post_init__(self) -> None:
        if self.every not in REPEAT_UNITS:
            raise ValueError(f"repeat.every must be one of {REPEAT_UNITS}, not {self.every!r}")


@dataclass(frozen=True)
class ThreePoint:
    """A three-point estimate: the least, most likely and most a quantity can be.

    The deterministic planner uses ``likely``; :mod:`planner.risk` samples a PERT (beta)
    distribution over ``low .. high`` around it (see ``docs/risk.md``).
    """

    low: float
    likely: float
    high: float

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.likely <= self.high:
            raise ValueError(f"three-point estimate must have 0 <= low <= likely <= high: {self}")

    def scaled_to(self, likely: float) -> ThreePoint:
        """The same spread, scaled so that its likely value is ``likely`` (effort levers)."""
        if self.likely == likely:
            return self
        factor = likely / self.likely if self.likely else 1.0
        return ThreePoint(min(self.low * factor, likely), likely, max(self.high * factor, likely))

    def shifted_to(self, likely: float) -> ThreePoint:
        """The same spread, shifted so that its likely value is ``likely`` (turnaround levers)."""
        if self.likely == likely:
            return self
        delta = likely - self.likely
        return ThreePoint(max(0.0, self.low + delta), likely, self.high + delta)


@dataclass(frozen=True)
class Task:
    """One line of the brief: agency work (``hours`` on a role or person) or a client step.

    A client step has ``client_days`` (working days of client turnaround) and uses no agency
    capacity. ``due`` is a promised finish date; recurring tasks use ``due_within`` working
    days after each instance's release instead. ``hours_range``/``client_days_range`` are
    optional three-point estimates whose ``likely`` value is ``hours``/``client_days``.
    """

    id: str
    name: str | None = None
    role: str | None = None
    person: str | None = None
    hours: float = 0.0
    client_days: int | None = None
    after: tuple[Dependency, ...] = ()
    due: date | None = None
    priority: int = 1
    max_people: int = 1
    repeat: Repeat | None = None
    due_within: int | None = None
    release: date | None = None
    optional: bool = False
    value: float | None = None
    deliverable: str | None = None
    hours_range: ThreePoint | None = None
    client_days_range: ThreePoint | None = None

    def __post_init__(self) -> None:
        # A range's likely value is always the planned one: a change of hours or client days
        # (an applied lever) scales or shifts the range along with it.
        hours, days = self.hours_range, self.client_days_range
        if hours is not None and hours.likely != self.hours:
            object.__setattr__(self, "hours_range", hours.scaled_to(self.hours))
        if days is not None and self.client_days is not None and days.likely != self.client_days:
            object.__setattr__(self, "client_days_range", days.shifted_to(self.client_days))

    @property
    def effort_estimate(self) -> ThreePoint:
        """The effort range in hours, its likely value ``hours`` (a point without a range)."""
        return self.hours_range or ThreePoint(self.hours, self.hours, self.hours)

    @property
    def turnaround_estimate(self) -> ThreePoint:
        """The client turnaround range in working days, its likely value ``client_days``."""
        days = float(self.client_days or 0)
        return self.client_days_range or ThreePoint(days, days, days)

    @property
    def is_client_step(self) -> bool:
        """True for client turnaround steps (no agency effort)."""
        return self.client_days is not None

    @property
    def label(self) -> str:
        """Human name: ``name`` when given, else the id."""
        return self.name or self.id


@dataclass(frozen=True)
class FixedCost:
    """A priced item that is not agency time (media buy, stock licences, printing)."""

    name: str
    amount: float


@dataclass(frozen=True)
class Brief:
    """What the client asks for: tasks, promised dates and the money available."""

    client: str
    tasks: tuple[Task, ...]
    budget: float | None = None
    fixed_costs: tuple[FixedCost, ...] = ()


DEFAULT_DATE_PENALTY = 500.0
"""Default price of moving a promised date, per working day (scenario currency)."""


@dataclass(frozen=True)
class DatePenalty:
    """The price per working day of moving one promise (task id) later."""

    task: str
    per_day: float


@dataclass(frozen=True)
class OvertimeOption:
    """``person`` may work up to ``max_hours_per_week`` extra hours at ``cost_per_hour``."""

    person: str
    max_hours_per_week: float
    cost_per_hour: float


@dataclass(frozen=True)
class FreelancerOption:
    """A freelancer for ``role``: up to ``hours_per_week`` from ``available_from`` at ``rate``.

    ``rate`` is what the agency pays per hour and also what the client is billed for the
    freelancer's hours; ``available_from`` ``None`` means from the scenario start.
    """

    role: str
    hours_per_week: float
    rate: float
    available_from: date | None = None


@dataclass(frozen=True)
class TurnaroundOption:
    """The client may shorten review step ``task`` by up to ``max_days`` working days."""

    task: str
    max_days: int
    penalty_per_day: float


@dataclass(frozen=True)
class Levers:
    """Which changes may be proposed to make the promises hold, and what each costs.

    The defaults (no ``levers:`` section) allow moving promised dates at
    :data:`DEFAULT_DATE_PENALTY` per working day, dropping optional tasks (their ``value`` is
    lost) and raising the budget (each unit of currency costs one unit). Overtime, freelancers
    and faster client turnaround need figures only the agency knows, so they are off until
    listed.
    """

    move_dates: bool = True
    date_penalty_per_day: float = DEFAULT_DATE_PENALTY
    date_penalties: tuple[DatePenalty, ...] = ()
    overtime: tuple[OvertimeOption, ...] = ()
    freelancers: tuple[FreelancerOption, ...] = ()
    drop_optional: bool = True
    shrink_optional_to: float | None = None
    turnaround: tuple[TurnaroundOption, ...] = ()
    raise_budget: bool = True

    def __post_init__(self) -> None:
        share = self.shrink_optional_to
        if share is not None and not 0 < share < 1:
            raise ValueError("levers: shrink_optional_to must lie strictly between 0 and 1")

    def date_penalty(self, task_id: str) -> float:
        """Price per working day of moving the promise of ``task_id``."""
        for item in self.date_penalties:
            if item.task == task_id:
                return item.per_day
        return self.date_penalty_per_day


@dataclass(frozen=True)
class Scenario:
    """A brief together with the agency capacity it must be delivered with."""

    title: str
    start: date
    brief: Brief
    team: tuple[Person, ...]
    currency: str = "EUR"
    calendar: CalendarSettings = field(default_factory=CalendarSettings)
    commitments: tuple[Commitment, ...] = ()
    levers: Levers | None = None

    def person(self, name: str) -> Person:
        """The team member called ``name`` (KeyError if there is none)."""
        for member in self.team:
            if member.name == name:
                return member
        raise KeyError(name)

    def task(self, task_id: str) -> Task:
        """The brief task with id ``task_id`` (KeyError if there is none)."""
        for task in self.brief.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)
