"""Why a promise breaks: the binding cause of every promise a plan misses, with figures.

Four kinds of cause, checked in this order for each broken promise:

* ``dependency_chain`` — even with every eligible person free for it, the chain of earlier
  tasks and client steps needs more working days than the promise allows;
* ``capacity`` — the people who may do the work have fewer free hours in the promise's
  window than the work needs (after holidays, time off and other commitments);
* ``conflict`` — the promise could hold on its own, but not together with a set of other
  promises (the smallest such set, proven by the scheduler; labelled when a proof ran out of
  time);
* ``budget`` — not about a date: the plan's price exceeds the budget (one cause per plan).

Usage::

    from planner.diagnose import diagnose
    for cause in diagnose(scenario).causes:
        print(cause.sentence)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.diagnosis.capacity import Shortfall, worst_shortfall
from planner.diagnosis.chain import ChainBound, Reach
from planner.diagnosis.sentences import (
    budget_sentence,
    capacity_sentence,
    chain_sentence,
    conflict_sentence,
    same_shortage_sentence,
)
from planner.diagnosis.text import capitalised, day_text
from planner.i18n import N_
from planner.model import Scenario
from planner.plan import Plan, PromiseOutcome
from planner.planning import DEFAULT_TIME_LIMIT, PlanningContext, plan_from_result, prepare
from planner.scheduler import Problem, solve
from planner.scheduler.agency import build_problem
from planner.scheduler.deadlines import conflict_core
from planner.wording import Lang, words_in

CHAIN, CAPACITY, CONFLICT, BUDGET = "dependency_chain", "capacity", "conflict", "budget"
BUDGET_NAME = N_("Budget")
"""The name of the budget cause (a client reads it beside the names of promises)."""
CAUSE_KINDS: tuple[str, ...] = (CHAIN, CAPACITY, CONFLICT, BUDGET)
DEFAULT_CHECK_LIMIT = 1.0
"""Seconds per proof step (each removal test of a conflict)."""


@dataclass(frozen=True)
class Conflict:
    """Promises (instance ids) that cannot all hold together.

    ``proven`` is False when the solver could not decide within the time limit; ``minimal``
    is True when dropping any one of them was shown to let the others hold.
    """

    members: tuple[str, ...]
    names: tuple[str, ...]
    dues: tuple[date, ...]
    proven: bool
    minimal: bool
    shortfall: Shortfall | None = None
    shared_people: tuple[str, ...] = ()

    def figures(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return {
            "promises": [
                {"task": t, "name": n, "due": d.isoformat()}
                for t, n, d in zip(self.members, self.names, self.dues, strict=True)
            ],
            "proven": self.proven,
            "minimal": self.minimal,
            "shared_people": list(self.shared_people),
            "capacity": self.shortfall.figures() if self.shortfall else None,
        }


@dataclass(frozen=True)
class BudgetGap:
    """The plan's price against the budget, by role and by deliverable."""

    price: float
    budget: float
    currency: str
    price_by_role: tuple[tuple[str, float], ...]
    price_by_deliverable: tuple[tuple[str, float], ...]

    @property
    def over(self) -> float:
        """How much the price exceeds the budget."""
        return round(self.price - self.budget, 2)

    @property
    def share_covered(self) -> float:
        """The share of the brief's price the budget pays for (0–1)."""
        return min(1.0, self.budget / self.price) if self.price > 0 else 1.0

    def figures(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return {
            "price": round(self.price, 2),
            "budget": round(self.budget, 2),
            "over": self.over,
            "share_covered": round(self.share_covered, 4),
            "price_by_role": {k: round(v, 2) for k, v in self.price_by_role},
            "price_by_deliverable": {k: round(v, 2) for k, v in self.price_by_deliverable},
        }


Detail = ChainBound | Shortfall | Conflict | BudgetGap


@dataclass(frozen=True)
class Cause:
    """One reason the brief does not hold, with the figures behind ``sentence``.

    ``task`` is the broken promise (instance id; None for the budget) and ``kind`` one of
    :data:`CAUSE_KINDS`.
    """

    kind: str
    task: str | None
    name: str
    sentence: str
    detail: Detail
    proven: bool = True

    def figures(self) -> dict[str, Any]:
        """JSON-ready figures of the detail."""
        if isinstance(self.detail, ChainBound):
            return chain_figures(self.detail)
        return self.detail.figures()


@dataclass(frozen=True)
class Diagnosis:
    """Every cause found for a plan's broken promises and its budget.

    ``notes`` holds what could not be explained (e.g. all promises can hold together and the
    plan simply ran out of time).
    """

    plan: Plan
    causes: tuple[Cause, ...]
    notes: tuple[str, ...] = ()

    def causes_for(self, task: str) -> tuple[Cause, ...]:
        """The causes of one broken promise."""
        return tuple(c for c in self.causes if c.task == task)


def chain_figures(bound: ChainBound) -> dict[str, Any]:
    """JSON-ready figures of a dependency chain."""
    return {
        "days_needed": bound.needed_days,
        "days_allowed": bound.allowed_days,
        "agency_days": bound.agency_days,
        "client_days": bound.client_days,
        "earliest_finish": bound.earliest_finish.isoformat(),
        "due": bound.due.isoformat(),
        "chain": [
            {
                "task": s.task,
                "name": s.name,
                "kind": s.kind,
                "start": s.start.isoformat(),
                "finish": s.finish.isoformat(),
                "working_days": s.working_days,
                "hours": round(s.hours, 2),
                "people": list(s.people),
            }
            for s in bound.steps
        ],
    }


def diagnose(
    scenario: Scenario,
    plan: Plan | None = None,
    time_limit: float = DEFAULT_CHECK_LIMIT,
    seed: int = 0,
    workers: int = 1,
    context: PlanningContext | None = None,
    lang: Lang = None,
) -> Diagnosis:
    """Name the binding cause(s) of every promise the plan misses, and the budget gap.

    Parameters
    ----------
    scenario
        The brief and capacity.
    plan
        The plan to explain; planned here (default solver time limit) when not given.
    time_limit
        Seconds per solver step when proving conflicts.
    seed, workers
        Solver settings.
    context
        The prepared scenario, when the caller already has it.
    lang
        Language of the sentences and notes (default English); the figures are the same.

    Returns
    -------
    Diagnosis
    """
    context = context or prepare(scenario)
    problem = build_problem(scenario, context.calendar, context.instances)
    if plan is None:
        result = solve(problem, time_limit=DEFAULT_TIME_LIMIT, seed=seed, workers=workers)
        plan = plan_from_result(context, result)
    reach = Reach(context)
    causes: list[Cause] = []
    notes: list[str] = []
    met = sorted((p for p in plan.promises if p.met), key=lambda p: p.priority)
    broken = plan.broken_promises if plan.has_schedule else plan.promises
    shortages: dict[tuple[object, ...], str] = {}  # one full sentence per shortage
    for promise in broken:
        bound = reach.chain(promise.task)
        if bound.breaks:
            causes.append(
                Cause(
                    CHAIN,
                    promise.task,
                    promise.name,
                    chain_sentence(bound, promise, reach, lang),
                    bound,
                )
            )
            continue
        due = {promise.task: _due_period(context, promise.task)}
        short = worst_shortfall(reach, due)
        if short is not None:
            seen = (short.who, short.first_day, short.last_day, short.needed_minutes)
            if seen in shortages:
                sentence = same_shortage_sentence(promise, short, shortages[seen], lang)
            else:
                sentence = capacity_sentence(promise, short, lang)
                shortages[seen] = promise.name
            causes.append(Cause(CAPACITY, promise.task, promise.name, sentence, short))
            continue
        others = [p for p in broken if p.task != promise.task]
        found = _conflict(
            context, reach, problem, promise, (met, others), (time_limit, seed, workers), lang
        )
        if isinstance(found, str):
            notes.append(found)
        else:
            causes.append(found)
    gap = budget_gap(plan)
    if gap is not None:
        name = words_in(lang).gettext(BUDGET_NAME)
        causes.append(Cause(BUDGET, None, name, budget_sentence(gap, lang), gap))
    return Diagnosis(plan=plan, causes=tuple(causes), notes=tuple(notes))


def _due_period(context: PlanningContext, task: str) -> int:
    instance = next(i for i in context.instances if i.id == task)
    assert instance.due_index is not None
    return instance.due_index + 1


def _conflict(
    context: PlanningContext,
    reach: Reach,
    problem: Problem,
    promise: PromiseOutcome,
    promises: tuple[list[PromiseOutcome], list[PromiseOutcome]],
    solver: tuple[float, int, int],
    lang: Lang = None,
) -> Cause | str:
    """A conflict cause for ``promise``, or a note when every promise can hold together.

    ``promises`` holds the kept and the other broken promises; ``solver`` the time limit,
    seed and workers of each proof step.
    """
    met, others = promises
    time_limit, seed, workers = solver
    words = words_in(lang)
    _ = words.gettext
    core = None
    for pool in (met, [*others, *met]):
        candidates = [p.task for p in pool] + [promise.task]
        core = conflict_core(problem, candidates, [promise.task], time_limit, seed, workers)
        if core.status != "FEASIBLE":
            break
    assert core is not None
    if core.status == "FEASIBLE":
        return _(
            "{name} can be kept together with every other promise; a longer search should find "
            "such a plan."
        ).format(name=promise.name)
    by_task = {p.task: p for p in [*met, *others, promise]}
    members = tuple(m for m in core.members if m in by_task)
    due = {m: _due_period(context, m) for m in members}
    short = worst_shortfall(reach, due)
    people = [set().union(*(reach.people[i] for i in reach.ancestors([m]))) for m in members]
    shared = tuple(sorted(set.intersection(*people))) if people else ()
    conflict = Conflict(
        members=members,
        names=tuple(by_task[m].name for m in members),
        dues=tuple(by_task[m].due for m in members),
        proven=core.status == "INFEASIBLE",
        minimal=core.minimal,
        shortfall=short,
        shared_people=shared,
    )
    if members == (promise.task,) and conflict.proven:
        sentence = capitalised(
            _(
                "{name} cannot be ready by {due}: on paper there are enough free hours, but not "
                "in the way the work can be shared out between people."
            ).format(name=promise.name, due=day_text(promise.due, words))
        )
        return Cause(CAPACITY, promise.task, promise.name, sentence, conflict)
    return Cause(
        CONFLICT,
        promise.task,
        promise.name,
        conflict_sentence(promise, conflict, lang),
        conflict,
        proven=conflict.proven,
    )


def budget_gap(plan: Plan) -> BudgetGap | None:
    """The budget gap of a plan; None when there is no budget or the price fits."""
    check = plan.budget
    if check.budget is None or check.within or not plan.has_schedule:
        return None
    return BudgetGap(
        price=check.price,
        budget=check.budget,
        currency=plan.currency,
        price_by_role=tuple(sorted(check.price_by_role.items(), key=lambda kv: -kv[1])),
        price_by_deliverable=tuple(
            sorted(check.price_by_deliverable.items(), key=lambda kv: -kv[1])
        ),
    )
