"""Money for a client: the price range of a brief at market rates and the scope that fits.

All figures are market estimates (effort × rate at the low, typical and high ends); no
agency's internal cost or margin exists here.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.client.model import ESTIMATES, ClientBrief, Deliverable, RateCard

BUDGET_VERDICTS: tuple[str, ...] = ("fits", "likely", "risky", "over", "no_budget")
"""``fits``: even the high price is within budget; ``likely``: the typical price is;
``risky``: only the low price is; ``over``: even the low price exceeds it."""


@dataclass(frozen=True)
class PriceRange:
    """The brief's price at the low, typical and high ends, against the budget."""

    low: float
    typical: float
    high: float
    budget: float | None
    currency: str

    def at(self, point: str) -> float:
        """The price at ``point`` (low, typical or high)."""
        return float(getattr(self, point))

    @property
    def verdict(self) -> str:
        """One of :data:`BUDGET_VERDICTS`."""
        if self.budget is None:
            return "no_budget"
        for verdict, point in (("fits", "high"), ("likely", "typical"), ("risky", "low")):
            if self.at(point) <= self.budget + 0.005:
                return verdict
        return "over"


@dataclass(frozen=True)
class Scope:
    """The deliverables that fit the budget at one price point, in the client's order."""

    point: str
    included: tuple[str, ...]
    left_out: tuple[str, ...]
    price: float


def deliverable_price(item: Deliverable, card: RateCard, point: str) -> float:
    """Effort × rate for every role of ``item``, both at ``point``."""
    return sum(hours.at(point) * card.role(role).rate.at(point) for role, hours in item.effort)


def price_range(brief: ClientBrief, card: RateCard) -> PriceRange:
    """The price of the whole brief at the low, typical and high ends (rounded to cents)."""
    totals = {
        point: round(sum(deliverable_price(d, card, point) for d in brief.deliverables), 2)
        for point in ESTIMATES
    }
    return PriceRange(budget=brief.budget, currency=card.currency, **totals)


def prerequisites(brief: ClientBrief, deliverable_id: str) -> list[str]:
    """``deliverable_id`` and every deliverable it waits for, directly or not."""
    found: list[str] = []
    stack = [deliverable_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.append(current)
        stack.extend(brief.deliverable(current).after)
    return found


def scope_within_budget(brief: ClientBrief, card: RateCard, point: str = "typical") -> Scope:
    """The largest set of deliverables the budget pays for, taken in the client's order.

    Deliverables are considered in the brief's order (most important first); each is taken,
    with whatever it waits for, when the total still fits the budget, so a more important
    deliverable is never left out to make room for a less important one. Without a budget
    everything fits.
    """
    chosen: list[str] = []
    total = 0.0
    for item in brief.deliverables:
        if item.id in chosen:
            continue
        extra = [d for d in prerequisites(brief, item.id) if d not in chosen]
        cost = sum(deliverable_price(brief.deliverable(d), card, point) for d in extra)
        if brief.budget is None or total + cost <= brief.budget + 0.005:
            chosen += extra
            total += cost
    ordered = tuple(d.id for d in brief.deliverables if d.id in chosen)
    left = tuple(d.id for d in brief.deliverables if d.id not in chosen)
    return Scope(point, ordered, left, round(total, 2))
