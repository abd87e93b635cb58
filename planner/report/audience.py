"""What each audience is shown of a plan: the client version never carries internal figures.

The **client** version has promised and realistic dates, the price, the budget, the price by
role and by deliverable and the changes to the brief; the **agency** version adds internal
cost, margin and utilisation by person (which also reflects other clients' bookings). Used by
the CLI's ``--json``, the report and the plan exports.
"""

from __future__ import annotations

from typing import Any

from planner.i18n import N_
from planner.model import Scenario
from planner.plan import Plan
from planner.wording import (
    AGENCY,
    Audience,
    Lang,
    certainty_line,
    check_audience,
    solver_details,
    verdict_lines,
    words_in,
)

AGENCY_ONLY_KEYS: tuple[str, ...] = ("utilisation",)
"""Top-level keys of :meth:`planner.plan.Plan.to_dict` only the agency sees."""


def margin(plan: Plan) -> float | None:
    """Price minus internal cost; None when cost rates are unknown."""
    cost = plan.budget.cost
    return None if cost is None else round(plan.budget.price - cost, 2)


def plan_dict(
    plan: Plan, audience: Audience = "client", changes: list[str] | None = None
) -> dict[str, Any]:
    """The ``--json`` object for ``audience``.

    Parameters
    ----------
    plan
        The plan.
    audience
        ``"client"`` or ``"agency"``.
    changes
        Changes from the brief as received (see :mod:`planner.report.brief_changes`).

    Returns
    -------
    dict
        :meth:`Plan.to_dict` plus ``audience``, ``verdict_lines``, ``certainty`` and
        ``solver_details``; ``changes_from_brief`` when given. The agency version adds
        ``budget.cost`` and ``budget.margin``; the client version drops utilisation.
    """
    audience = check_audience(audience)
    data = plan.to_dict()
    data["audience"] = audience
    data["verdict_lines"] = list(verdict_lines(plan))
    data["certainty"] = certainty_line(plan)
    data["solver_details"] = solver_details(plan)
    if changes is not None:
        data["changes_from_brief"] = list(changes)
    if audience == AGENCY:
        data["budget"]["cost"] = plan.budget.cost
        data["budget"]["margin"] = margin(plan)
    else:
        for key in AGENCY_ONLY_KEYS:
            data.pop(key, None)
    return data


OTHER_WORK = N_("other booked work")
"""What a client reads instead of the name of another client's booking."""


def booking_labels(scenario: Scenario) -> tuple[str, ...]:
    """The labels of the agency's other bookings (other clients' work), longest first."""
    labels = {c.label for c in scenario.commitments if c.label and c.hours_per_week > 0}
    return tuple(sorted(labels, key=len, reverse=True))


def for_audience(text: str, scenario: Scenario, audience: Audience, lang: Lang = None) -> str:
    """``text`` as ``audience`` may read it: for a client, other clients' bookings are named
    only as "other booked work" (in ``lang``, default English)."""
    if check_audience(audience) == AGENCY:
        return text
    other = words_in(lang).gettext(OTHER_WORK)
    for label in booking_labels(scenario):
        text = text.replace(label, other)
    return text
