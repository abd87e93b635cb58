"""The reverse questions: the earliest date each promise could be made, and the largest scope
the budget pays for.

* Earliest date — each promised task in turn gets first call on the team (everything it
  waits for included); the scheduler finds its earliest finish with today's capacity.
* Largest scope — deliverables (tasks without one count on their own; a client review goes
  with what it reviews) are dropped whole and
  only together with everything that waits for them; among the sets that fit the budget
  (priced as in the plan, fixed costs always kept) the one with the highest price wins, then
  it is re-planned to confirm the price.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.diagnosis.changes import apply_changes, drop_change
from planner.plan import Plan
from planner.planning.pipeline import PlanningContext, plan_scenario
from planner.scheduler.deadlines import earliest_finish
from planner.scheduler.settings import SolveSettings

MAX_EXACT_UNITS = 14
"""Deliverables up to which every subset is tried; beyond, the cheapest are dropped first."""
SCOPE_TRIES = 3
PROOF_SETTINGS = SolveSettings(time_limit=1.0)
"""Seconds per earliest-date proof."""
REPLAN_SETTINGS = SolveSettings(time_limit=2.0)
"""Seconds per re-plan of a smaller scope."""


@dataclass(frozen=True)
class EarliestDate:
    """The earliest finish of one promise if it had first call on the team.

    ``proven`` is False when the solver ran out of time (the date is then achievable, but an
    earlier one may exist).
    """

    task: str
    name: str
    due: date
    earliest: date | None
    proven: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "task": self.task,
            "name": self.name,
            "due": self.due.isoformat(),
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "proven": self.proven,
        }


def earliest_dates(
    context: PlanningContext, settings: SolveSettings = PROOF_SETTINGS
) -> tuple[EarliestDate, ...]:
    """The earliest possible date of every promise, one at a time, with today's capacity."""
    calendar = context.calendar
    answers = []
    for instance in context.instances:
        if instance.due is None:
            continue
        found = earliest_finish(context.problem, instance.id, **settings.options)
        name = instance.task.label
        if instance.occurrence is not None:
            name = f"{name} #{instance.occurrence}"
        day = calendar.day(max(found[0] - 1, 0)) if found else None
        answers.append(EarliestDate(instance.id, name, instance.due, day, bool(found and found[1])))
    return tuple(answers)


@dataclass(frozen=True)
class Scope:
    """The largest part of the brief the budget pays for.

    ``price`` is the re-planned price of the kept part when ``confirmed``, else the estimate
    from the current plan.
    """

    kept: tuple[str, ...]
    dropped: tuple[str, ...]
    dropped_tasks: tuple[str, ...]
    price: float
    budget: float
    confirmed: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "kept": list(self.kept),
            "dropped": list(self.dropped),
            "dropped_tasks": list(self.dropped_tasks),
            "price": round(self.price, 2),
            "budget": round(self.budget, 2),
            "confirmed": self.confirmed,
        }


def _units(context: PlanningContext) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Deliverable → task ids, and deliverable → deliverables it waits for."""
    tasks = context.scenario.brief.tasks
    by_id = {t.id: t for t in tasks}

    def unit(task_id: str) -> str:
        task = by_id[task_id]
        if task.deliverable or not task.is_client_step or not task.after:
            return task.deliverable or task.id
        return unit(task.after[0].task)  # a review belongs with what it reviews

    unit_of = {t.id: unit(t.id) for t in tasks}
    members: dict[str, list[str]] = defaultdict(list)
    needs: dict[str, set[str]] = defaultdict(set)
    for task in tasks:
        members[unit_of[task.id]].append(task.id)
        for dep in task.after:
            if unit_of[dep.task] != unit_of[task.id]:
                needs[unit_of[task.id]].add(unit_of[dep.task])
    return dict(members), needs


def _ranked_scopes(
    prices: dict[str, float], needs: dict[str, set[str]], money: float
) -> list[frozenset[str]]:
    """Kept sets closed under "waits for" that cost at most ``money``, best first."""
    units = sorted(prices)
    if len(units) <= MAX_EXACT_UNITS:
        subsets = (
            frozenset(c)
            for k in range(len(units), -1, -1)
            for c in itertools.combinations(units, k)
        )
    else:
        by_price = sorted(units, key=lambda u: prices[u])
        subsets = (frozenset(by_price[k:]) for k in range(len(units) + 1))
    valid = [
        s
        for s in subsets
        if all(needs.get(u, set()) <= s for u in s) and sum(prices[u] for u in s) <= money + 1e-9
    ]
    return sorted(valid, key=lambda s: (-sum(prices[u] for u in s), -len(s), sorted(s)))


def largest_scope(
    context: PlanningContext,
    plan: Plan,
    settings: SolveSettings = REPLAN_SETTINGS,
) -> Scope | None:
    """The most of the brief (by price) the budget covers; None without budget or schedule.

    When the whole brief fits, everything is kept. Otherwise the best few candidate scopes
    are re-planned and the first whose real price fits is returned (``confirmed``).
    """
    scenario = context.scenario
    budget = scenario.brief.budget
    if budget is None or not plan.has_schedule:
        return None
    members, needs = _units(context)
    if plan.budget.within:
        return Scope(tuple(members), (), (), plan.budget.price, budget, True)
    unit_of = {
        i.id: unit
        for unit, ids in members.items()
        for t in ids
        for i in context.instances
        if i.task.id == t
    }
    labour = dict.fromkeys(members, 0.0)
    for booking in plan.bookings:
        rate = scenario.person(booking.person).bill_rate
        labour[unit_of[booking.task]] += booking.minutes / 60 * rate
    money = budget - plan.budget.fixed_costs
    ranked = _ranked_scopes(labour, needs, money)
    for kept in ranked[:SCOPE_TRIES]:
        dropped = tuple(u for u in members if u not in kept)
        tasks = tuple(t for u in dropped for t in members[u])
        smaller = apply_changes(scenario, [drop_change(scenario, t) for t in tasks])
        if not smaller.brief.tasks:
            return Scope((), dropped, tasks, plan.budget.fixed_costs, budget, True)
        replanned = plan_scenario(smaller, settings)
        if replanned.has_schedule and replanned.budget.within:
            kept_units = tuple(u for u in members if u in kept)
            return Scope(kept_units, dropped, tasks, replanned.budget.price, budget, True)
    if not ranked:
        return None
    kept = ranked[0]
    dropped = tuple(u for u in members if u not in kept)
    price = sum(labour[u] for u in kept) + plan.budget.fixed_costs
    tasks = tuple(t for u in dropped for t in members[u])
    return Scope(tuple(u for u in members if u in kept), dropped, tasks, price, budget, False)
