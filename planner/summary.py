"""Plain-language summaries of a plan, shared by the CLI, the charts, the reports and the app."""

from __future__ import annotations

from planner.plan import Plan


def money(amount: float, currency: str) -> str:
    """Format an amount for people: ``money(12640, "EUR") == "12,640 EUR"``.

    Parameters
    ----------
    amount
        The amount; rounded to whole units.
    currency
        Currency code written after the amount.

    Returns
    -------
    str
        The formatted amount with thousands separators.
    """
    return f"{amount:,.0f} {currency}"


def verdict_sentence(plan: Plan) -> str:
    """One sentence: can the brief be delivered as promised and within budget?

    Parameters
    ----------
    plan
        A planned scenario (with or without a schedule).

    Returns
    -------
    str
        Starts with FEASIBLE, INFEASIBLE, NO PLAN or UNDECIDED.
    """
    if not plan.has_schedule:
        if plan.solver_status == "INFEASIBLE":
            return f"NO PLAN: the work cannot be scheduled at all ({plan.message})."
        return f"UNDECIDED: {plan.message}."
    broken = plan.broken_promises
    money_part = budget_phrase(plan)
    if not broken and plan.budget.within:
        return f"FEASIBLE: all {len(plan.promises)} promises can be kept, {money_part}."
    parts = []
    if broken:
        worst = broken[0]
        parts.append(
            f"{len(broken)} of {len(plan.promises)} promises break "
            f"(worst: {worst.name}, {worst.slip_days} working days late)"
        )
    else:
        parts.append(f"all {len(plan.promises)} promises can be kept")
    parts.append(money_part)
    return "INFEASIBLE: " + "; ".join(parts) + "."


def budget_phrase(plan: Plan) -> str:
    """The price against the budget in words, e.g. "price 12,640 EUR within the 18,000 EUR budget".

    Parameters
    ----------
    plan
        A planned scenario.

    Returns
    -------
    str
        Lower-case phrase suitable for the middle of a sentence.
    """
    b, cur = plan.budget, plan.currency
    if b.budget is None:
        return f"price {money(b.price, cur)} (no budget given)"
    if b.within:
        return f"price {money(b.price, cur)} within the {money(b.budget, cur)} budget"
    over = -(b.gap or 0)
    phrase = (
        f"price {money(b.price, cur)} is {money(over, cur)} over the {money(b.budget, cur)} budget"
    )
    if b.over_budget_proven:
        return phrase + " (no plan that keeps these promises fits it)"
    return phrase + " (a cheaper plan keeping these promises was not ruled out in the time limit)"
