"""The sentences of a diagnosis: short, concrete, in the scenario's dates and currency.

Each names the promise, the figure that breaks it and what is behind that figure, with no
scheduling vocabulary, so that it can be read out in a client meeting.
"""

from __future__ import annotations

from planner.diagnosis.capacity import Shortfall, losses, losses_text
from planner.diagnosis.chain import ChainBound, Reach
from planner.diagnosis.findings import BudgetGap, Conflict
from planner.diagnosis.text import (
    capitalised,
    day_text,
    days_text,
    hours_text,
    listing,
    money_text,
)
from planner.plan import PromiseOutcome


def _role(text: str) -> str:
    return text.replace("_", " ")


def chain_names(bound: ChainBound, most: int = 4) -> str:
    """The chain as "A → B → C", shortened to its ends when longer than ``most`` steps."""
    names = [s.name for s in bound.steps]
    if len(names) > most:
        names = [*names[:2], "…", names[-1]]
    return " → ".join(names)


def chain_sentence(bound: ChainBound, promise: PromiseOutcome, reach: Reach) -> str:
    """Why the chain alone breaks a promise, with its slowest agency step explained."""
    first = bound.steps[0].start
    if len(bound.steps) > 1:
        what = f"its chain of {len(bound.steps)} steps ({chain_names(bound)}) needs"
        split = f" — {bound.agency_days} of agency work, {bound.client_days} with the client —"
    else:
        what, split = "it needs", ""
    text = (
        f"{promise.name} cannot be ready by {day_text(bound.due)}: even with everyone free "
        f"for it, {what} {days_text(bound.needed_days)} from {day_text(first)}{split} and the "
        f"promise allows {bound.allowed_days}. The earliest possible finish is "
        f"{day_text(bound.earliest_finish)}."
    )
    agency = [s for s in bound.steps if s.kind == "agency" and s.people]
    if agency:
        slow = max(agency, key=lambda s: s.working_days)
        lost = losses(reach, slow.people, slow.start, slow.finish)
        if lost:
            text += (
                f" The slowest step, {slow.name} ({hours_text(slow.hours * 60)}, "
                f"{listing(list(slow.people))}), takes {days_text(slow.working_days)}: "
                f"{losses_text(lost, 2)} in those days."
            )
    return capitalised(text)


def capacity_sentence(promise: PromiseOutcome, short: Shortfall) -> str:
    """Hours needed against hours free in the window, and what took the rest."""
    text = (
        f"{promise.name} cannot be ready by {day_text(promise.due)}: it needs "
        f"{hours_text(short.needed_minutes)} of {_role(short.who)} time between "
        f"{day_text(short.first_day)} and {day_text(short.last_day)}, and only "
        f"{hours_text(short.free_minutes)} are free then"
    )
    eaten = short.losses_text()
    return capitalised(text + (f" ({eaten})." if eaten else "."))


def same_shortage_sentence(promise: PromiseOutcome, short: Shortfall, first: str) -> str:
    """A promise held up by a shortage already explained for ``first``: said once, then
    referred to, so no two causes read the same."""
    late = f", {days_text(promise.slip_days)} late" if promise.slip_days else ""
    return capitalised(
        f"{promise.name} cannot be ready by {day_text(promise.due)}{late}: it waits for work "
        f"caught in the same shortage of {_role(short.who)} time between "
        f"{day_text(short.first_day)} and {day_text(short.last_day)} as {first}."
    )


def conflict_sentence(promise: PromiseOutcome, conflict: Conflict) -> str:
    """Which promises cannot all be kept, and what they compete for."""
    others = [
        f"{n} ({day_text(d)})"
        for t, n, d in zip(conflict.members, conflict.names, conflict.dues, strict=True)
        if t != promise.task
    ]
    text = (
        f"{promise.name} ({day_text(promise.due)}) cannot be kept together with {listing(others)}"
    )
    short = conflict.shortfall
    if short is not None:
        text += (
            f": together they need {hours_text(short.needed_minutes)} of {_role(short.who)} "
            f"time between {day_text(short.first_day)} and {day_text(short.last_day)}, and only "
            f"{hours_text(short.free_minutes)} are free"
        )
    elif conflict.shared_people:
        text += f": they need the same people ({listing(list(conflict.shared_people))})"
    text += "."
    if not conflict.proven:
        text += " (Not proven within the time limit.)"
    return capitalised(text)


def budget_sentence(gap: BudgetGap) -> str:
    """Price against budget, the share covered and the biggest items."""
    top = ", ".join(
        f"{name} {money_text(amount, gap.currency)}"
        for name, amount in gap.price_by_deliverable[:3]
    )
    return (
        f"The plan costs {money_text(gap.price, gap.currency)} against a budget of "
        f"{money_text(gap.budget, gap.currency)}: {money_text(gap.over, gap.currency)} over, so "
        f"the budget covers {gap.share_covered:.0%} of the brief. The biggest items: {top}."
    )
