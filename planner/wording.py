"""Every word a person reads about a plan: verdicts, money, dates, hours and plurals.

One module for the CLI, the app, the charts and the reports, so that the same plan reads the
same everywhere. Money is always written one way (``5,810 EUR``), dates as ``17 Mar 2027``,
counts with the right plural (``1 working day``, ``2 working days``). Solver vocabulary
(OPTIMAL, FEASIBLE, …) never appears here except in :func:`solver_details`, which the CLI's
``--json`` and the app's details section use.

Two audiences read a plan (:data:`AUDIENCES`): the **client** sees promised against realistic
dates, the price, the budget and the changes to the brief; the **agency** also sees internal
cost, margin and utilisation by person.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from planner.plan import Plan

Audience = Literal["client", "agency"]
CLIENT: Audience = "client"
AGENCY: Audience = "agency"
AUDIENCES: tuple[Audience, ...] = (CLIENT, AGENCY)
"""Who a verdict, report or export is made for; the client version never shows internal cost,
margin, people's rates or other clients' bookings."""

AUDIENCE_LABELS: dict[str, str] = {
    CLIENT: "Client (price, budget, dates)",
    AGENCY: "Agency (adds internal cost, margin, utilisation)",
}


def check_audience(audience: str) -> Audience:
    """``audience`` when it is one of :data:`AUDIENCES`, else ``ValueError``."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be 'client' or 'agency', not {audience!r}")
    return audience  # type: ignore[return-value]


# --- numbers, dates, plurals -------------------------------------------------------------------
def money(amount: float, currency: str) -> str:
    """An amount in whole units with thousands separators: ``money(5810, "EUR") == "5,810 EUR"``.

    Negative amounts keep their sign (``-120 EUR``); callers that mean "over" or "under" say
    so in words and pass the size.
    """
    rounded = round(amount)
    sign = "-" if rounded < 0 else ""
    return f"{sign}{abs(rounded):,} {currency}"


def day_text(day: date) -> str:
    """``2027-03-17`` → ``"17 Mar 2027"``."""
    return f"{day.day} {day:%b %Y}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``plural(1, "promise") == "1 promise"``, ``plural(4, "promise") == "4 promises"``."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def days_text(days: int) -> str:
    """``1`` → ``"1 working day"``, ``4`` → ``"4 working days"``."""
    return plural(days, "working day")


def hours_text(minutes: int | float) -> str:
    """Minutes as hours: ``2400`` → ``"40 h"``, ``270`` → ``"4.5 h"``, ``100`` → ``"1.67 h"``."""
    hours = minutes / 60
    if abs(hours - round(hours)) < 1e-9:
        return f"{round(hours):,} h"
    text = f"{hours:,.2f}".rstrip("0").rstrip(".")
    return f"{text} h"


def listing(items: Sequence[str]) -> str:
    """``["a", "b", "c"]`` → ``"a, b and c"``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def capitalised(text: str) -> str:
    """The text with a capital first letter."""
    return text[:1].upper() + text[1:]


def readable_key(key: str) -> str:
    """An identifier as words: ``account_manager`` → ``Account manager``."""
    return capitalised(key.replace("_", " ").strip())


# --- the verdict -------------------------------------------------------------------------------
def dates_line(plan: Plan) -> str:
    """Can the promised dates be kept? E.g. "4 of 8 promises cannot be kept with this team
    (worst: Launch video, 5 working days late)" or "Can be delivered as promised"."""
    if not plan.has_schedule:
        if plan.solver_status == "INFEASIBLE":
            return "The work cannot be scheduled at all with this team and these dates"
        return "No plan was found in the time allowed, so nothing can be promised yet"
    total = len(plan.promises)
    if total == 0:
        return "The brief makes no promised dates; the plan below shows when work finishes"
    broken = plan.broken_promises
    if not broken:
        kept = "the promised date is kept" if total == 1 else f"all {total} promised dates kept"
        return f"Can be delivered as promised ({kept})"
    worst = broken[0]
    return (
        f"{len(broken)} of {plural(total, 'promise')} cannot be kept with this team "
        f"(worst: {worst.name}, {days_text(worst.slip_days)} late)"
    )


def money_line(plan: Plan) -> str:
    """The price against the budget: "Within budget (…)" or "5,810 EUR over budget (…)"."""
    b, cur = plan.budget, plan.currency
    if b.budget is None:
        return f"Price {money(b.price, cur)}; the brief gives no budget"
    figures = f"price {money(b.price, cur)}, budget {money(b.budget, cur)}"
    if b.within:
        return f"Within budget ({figures})"
    over = f"{money(b.price - b.budget, cur)} over budget ({figures})"
    if b.over_budget_proven:
        return f"{over}: no plan that keeps these promises fits the budget"
    return f"{over}; a cheaper plan keeping these promises was not ruled out in the time allowed"


def verdict_lines(plan: Plan) -> tuple[str, str]:
    """The two answers a brief gets, as separate lines: dates, then money."""
    return dates_line(plan), money_line(plan)


def verdict_sentence(plan: Plan) -> str:
    """Both answers in one line (charts, short summaries): ``"<dates>. <money>."``."""
    return ". ".join(verdict_lines(plan)) + "."


def certainty_line(plan: Plan) -> str:
    """How sure we are, in words: "This is the best plan possible." or "The best plan found
    in 5 s; a better one may exist."."""
    seconds = f"{plan.solve_seconds:.0f} s" if plan.solve_seconds >= 1 else "under 1 s"
    if plan.solver_status == "OPTIMAL":
        return "This is the best plan possible."
    if plan.solver_status == "FEASIBLE":
        busy = (
            " The computer was so busy that the clock, not the usual amount of work, ended "
            "the search: running it again may give another plan."
            if plan.clock_stopped
            else ""
        )
        return f"The best plan found in {seconds}; a better one may exist.{busy}"
    if plan.solver_status == "INFEASIBLE":
        return "It is proven that no plan fits these dates and this team."
    return f"No plan was found in {seconds}; with more time one may be found."


def solver_details(plan: Plan) -> str:
    """The solver's own words, for ``--json`` and the details section only."""
    text = f"Solver status {plan.solver_status} in {plan.solve_seconds:.2f} s"
    return text + (f" ({plan.message})" if plan.message else "")


def budget_delta(plan: Plan) -> str | None:
    """The budget gap as a metric delta: "5,810 EUR over budget" / "1,200 EUR under budget" /
    "exactly on budget"; None without a budget."""
    b = plan.budget
    if b.budget is None:
        return None
    gap = round(b.budget - b.price)
    if gap == 0:
        return "exactly on budget"
    if gap < 0:
        return f"{money(-gap, plan.currency)} over budget"
    return f"{money(gap, plan.currency)} under budget"


def promises_count(plan: Plan) -> str:
    """``"4 of 8 cannot be kept"`` / ``"all 8 kept"`` / ``"kept"`` (one promise)."""
    if not plan.promises or not plan.has_schedule:
        return ""
    total = len(plan.promises)
    broken = len(plan.broken_promises)
    if broken:
        return f"{broken} of {total} cannot be kept"
    return "kept" if total == 1 else f"all {total} kept"


def promise_status(slip_days: int, finish: date | None) -> str:
    """One promise's status: ``kept``, ``3 working days late`` or ``not planned``."""
    if finish is None:
        return "not planned"
    return "kept" if slip_days == 0 else f"{days_text(slip_days)} late"


def internal_lines(plan: Plan) -> list[str]:
    """Agency-only money lines: internal cost and margin (empty when cost rates are unknown)."""
    b, cur = plan.budget, plan.currency
    if b.cost is None:
        return ["Internal cost: not known (the team has no cost rates)"]
    margin = b.price - b.cost
    share = f" ({margin / b.price:.0%} of the price)" if b.price else ""
    return [f"Internal cost {money(b.cost, cur)}", f"Margin {money(margin, cur)}{share}"]
