"""Small client briefs and rate cards built in code; figures are hand-checked in the tests."""

from __future__ import annotations

from datetime import date

import pytest

from planner.client import ClientBrief, Deliverable, Estimate, RateCard, RoleRate


def card(people: int = 1, share: float = 1.0) -> RateCard:
    """Designer 80/100/120 per hour, copywriter 50/60/80; 37.5 h weeks."""
    return RateCard(
        name="test card",
        currency="EUR",
        roles=(
            RoleRate("designer", Estimate(80, 100, 120), people, share),
            RoleRate("copywriter", Estimate(50, 60, 80), 1, 1.0),
        ),
        hours_per_week=37.5,
    )


def deliverable(ident: str, effort: dict[str, object], **fields: object) -> Deliverable:
    """A deliverable with effort given as figures or (low, typical, high) tuples."""
    ranges = tuple(
        (role, Estimate(*hours) if isinstance(hours, tuple) else Estimate.single(float(hours)))
        for role, hours in effort.items()
    )
    return Deliverable(ident, fields.pop("name", ident.title()), ranges, **fields)  # type: ignore[arg-type]


def brief(*items: Deliverable, budget: float | None = 5000) -> ClientBrief:
    """A brief starting Monday 2027-03-01, no public holidays."""
    return ClientBrief("Test brief", "Test Oy", date(2027, 3, 1), items, budget, "EUR")


@pytest.fixture
def small_brief() -> ClientBrief:
    """a: designer 10/20/30 h; b (after a): copywriter 10 h; c: designer 25 h; budget 5000."""
    return brief(
        deliverable("a", {"designer": (10, 20, 30)}),
        deliverable("b", {"copywriter": 10}, after=("a",)),
        deliverable("c", {"designer": 25}),
    )
