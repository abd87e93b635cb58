"""The client's answer in one object: money, scope and dates for a brief at market rates.

``check_brief`` is the library entry point of the client mode::

    from planner.client import check_brief, load_brief, load_rate_card
    answer = check_brief(load_brief("data/client/brief-fi.yaml"),
                         load_rate_card("data/client/rate-card-fi.yaml"))
    print(answer.price.verdict, answer.scope.included, answer.timeline.verdict)

The answer holds only what a client may see: market price ranges, the assumed capacity and
the dates. No agency's people, costs or margins exist in it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from planner.client.documents import card_mismatches
from planner.client.model import ClientBrief, RateCard
from planner.client.pricing import PriceRange, Scope, price_range, scope_within_budget
from planner.client.reading import raise_located
from planner.client.timeline import Timeline, check_timeline
from planner.i18n import texts
from planner.planning import SolveSettings
from planner.planning.pipeline import DEFAULT_SETTINGS


@dataclass(frozen=True)
class Capacity:
    """What the rate card assumes for one role: how many people, what share of a week."""

    role: str
    people: int
    share: float
    hours_per_week: float


@dataclass(frozen=True)
class ClientAnswer:
    """Price range against the budget, the scope that fits, and the timeline verdict."""

    title: str
    client: str
    currency: str
    rate_card: str
    illustrative: bool
    price: PriceRange
    scope: Scope
    timeline: Timeline
    capacity: tuple[Capacity, ...]
    names: dict[str, str]

    @property
    def verdict(self) -> str:
        """``realistic`` when the timeline holds and the typical price fits the budget,
        ``doubtful`` when either is only at risk, ``unrealistic`` otherwise."""
        if self.timeline.verdict in ("unrealistic", "undecided") or self.price.verdict == "over":
            return "unrealistic"
        if self.timeline.verdict == "realistic" and self.price.verdict in ("fits", "no_budget"):
            return "realistic"
        return "doubtful"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (dates as ISO text)."""

        def plain(value: Any) -> Any:
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list | tuple):
                return [plain(v) for v in value]
            return value

        data = plain(asdict(self))
        data["verdict"] = self.verdict
        data["price"]["verdict"] = self.price.verdict
        return data


def check_brief(
    brief: ClientBrief,
    card: RateCard,
    settings: SolveSettings = DEFAULT_SETTINGS,
    source: str = "<brief>",
    lang: str | None = "en",
) -> ClientAnswer:
    """Check a brief against market rates and assumed capacity.

    Parameters
    ----------
    brief:
        The client's brief (no team).
    card:
        Rates and assumed capacity per role.
    settings:
        Passed to the planner.
    source:
        The brief's file name, for the error when the card lacks a role.
    lang:
        Language of that error message.

    Returns
    -------
    ClientAnswer
        Money, scope and dates.

    Raises
    ------
    ScenarioError
        When the rate card has no rate for a role the brief needs (located in the brief).
    """
    raise_located(card_mismatches(brief, card, texts(lang)), source)
    brief = dataclasses.replace(brief, currency=card.currency)
    capacity = tuple(
        Capacity(role, card.role(role).people, card.role(role).share, card.hours_per_week)
        for role in brief.roles
    )
    return ClientAnswer(
        title=brief.title,
        client=brief.client,
        currency=card.currency,
        rate_card=card.name,
        illustrative=card.illustrative,
        price=price_range(brief, card),
        scope=scope_within_budget(brief, card),
        timeline=check_timeline(brief, card, settings),
        capacity=capacity,
        names={d.id: d.label for d in brief.deliverables},
    )
