"""The cheapest ways to make a brief's promises hold, each re-planned and checked.

Levers are the changes the agency is willing to make, with their prices, from the scenario's
``levers:`` section (:class:`~planner.model.Levers`; defaults: move dates, drop optional
tasks, raise the budget). :func:`find_alternatives` searches for the cheapest combinations,
applies each to the scenario (:func:`apply_alternative`), plans the result again and keeps it
only when the independent checker accepts the plan and every targeted promise holds; when
the price then exceeds the budget (and raising it is allowed) the raise is part of the
alternative and of its cost.

Usage::

    from planner.diagnosis.alternative import apply_alternative
    from planner.diagnosis.levers import find_alternatives
    best = find_alternatives(scenario)[0]
    fixed = apply_alternative(scenario, best)   # plan_scenario(fixed) keeps every promise
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from planner.diagnosis.alternative import Alternative
from planner.diagnosis.changes import (
    BUDGET,
    MOVE_DATE,
    Change,
    apply_changes,
    budget_raised,
    changes_cost,
    levers_of,
    move_date_change,
)
from planner.diagnosis.pruning import (
    Once,
    SearchJob,
    cost_bound,
    meaningful,
    search_waves,
    too_small,
    unneeded_moves,
)
from planner.diagnosis.search import (
    priced_setup,
    promises_hold,
    run,
    short_context,
    structural_variants,
    targets,
    trim,
)
from planner.i18n import N_
from planner.model import Levers, Scenario
from planner.plan import Plan
from planner.planning.pipeline import PlanningContext, plan_context, plan_scenario, prepare
from planner.scheduler.settings import SolveSettings
from planner.validate.rules import validate_plan

DEFAULT_SEARCH_LIMIT = 1.0
"""Seconds per priced search run."""
DEFAULT_REPLAN_LIMIT = 2.0
"""Seconds per re-plan of an alternative."""
SEARCH_SETTINGS = SolveSettings(time_limit=DEFAULT_SEARCH_LIMIT)
REPLAN_SETTINGS = SolveSettings(time_limit=DEFAULT_REPLAN_LIMIT)
REPAIR_ROUNDS = 2
T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[str, float], None]
"""A progress callback: a few words on what is being done and the share done (0 … 1)."""
SEARCH_THREADS = max(1, min(2, os.cpu_count() or 1))
"""Priced searches run side by side (each with one solver worker, so answers repeat)."""
MIN_OVERTIME_MINUTES = 60
"""Overtime granting less than this in all is too small to offer as a change."""
RANKING_NOTE = N_("ranked by what the client pays, then by how few changes they need")
"""How alternatives are ordered, said wherever they are listed."""


def _modes(levers: Levers, base: bool) -> list[tuple[tuple[Any, ...], tuple[Any, ...], bool]]:
    """(overtime options, freelancer options, move dates) runs for one scenario variant.

    The unchanged scenario is priced with all levers, with date moves alone, with each
    capacity option alone (plus date moves when allowed) and with capacity but fixed dates;
    a changed brief with all levers, date moves alone and nothing else.
    """
    overtime, freelancers, move = levers.overtime, levers.freelancers, levers.move_dates
    modes = [(overtime, freelancers, move), ((), (), move)]
    if base:
        modes += [((o,), (), move) for o in overtime]
        modes += [((), (f,), move) for f in freelancers]
        modes.append((overtime, freelancers, False))
    else:
        modes.append(((), (), False))
    return list(dict.fromkeys(modes))


def candidates(
    context: PlanningContext,
    min_priority: int | None = None,
    settings: SolveSettings = SEARCH_SETTINGS,
    progress: Progress | None = None,
) -> list[tuple[Change, ...]]:
    """Distinct change sets that keep the targeted promises (before re-planning), cheapest first.

    Each scenario variant (as is, each turnaround cut, each optional task dropped or shrunk)
    is priced with all levers together, and the unchanged scenario also with each lever
    family alone, so the answer offers different kinds of fixes.
    """
    scenario = context.scenario
    levers = levers_of(scenario)
    jobs = []
    for variant in [(), *structural_variants(scenario, levers)]:
        ctx = short_context(apply_changes(scenario, variant)) if variant else context
        groups = targets(ctx, min_priority)
        for overtime, freelancers, move in _modes(levers, base=not variant):
            jobs.append(SearchJob(variant, ctx, overtime, freelancers, groups, move))

    def priced(job: SearchJob, bound: int | None) -> tuple[Any, int | None]:
        setup = priced_setup(job.context, job.overtime, job.freelancers)
        changes, cost = run(job.context, setup, job.groups, job.move, settings, bound)
        return (None if changes is None else (*job.variant, *changes)), cost

    # The runs are deterministic (one solver worker, a work budget), so running them side
    # by side on the machine's cores gives the same answers; CP-SAT releases the GIL while
    # it searches. A run goes after the runs with fewer of its levers (see search_waves),
    # bounded by their cheapest answer.
    answers: dict[int, tuple[Any, int | None]] = {}
    for wave in search_waves(jobs):
        bounds = [cost_bound(jobs, answers, k) for k in wave]
        results = side_by_side(priced, [jobs[k] for k in wave], bounds)
        for k, answer in zip(wave, results, strict=True):
            answers[k] = answer
            if progress is not None:
                progress(f"Priced search {len(answers)} of {len(jobs)}", len(answers) / len(jobs))
    found: dict[tuple[Any, ...], tuple[Change, ...]] = {}
    for k in range(len(jobs)):
        changes = answers[k][0]
        if changes is not None:
            found.setdefault(_signature(changes), changes)
    return sorted(found.values(), key=changes_cost)


def side_by_side(
    action: Callable[..., R], items: Sequence[T], *extra: Sequence[Any]
) -> Iterator[R]:
    """``action`` over ``items`` (and the matching ``extra`` arguments) on
    :data:`SEARCH_THREADS` threads, results in order.

    The results are yielded in the caller's thread (so a progress callback may update a
    page); when the caller stops early (or is interrupted) the work not yet started is
    cancelled instead of waited for.
    """
    executor = ThreadPoolExecutor(max_workers=SEARCH_THREADS)
    try:
        yield from executor.map(action, items, *extra)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _signature(changes: Sequence[Change]) -> tuple[Any, ...]:
    return tuple(sorted((c.kind, c.target, c.amount, c.first_day, c.last_day) for c in changes))


def find_alternatives(
    scenario: Scenario,
    plan: Plan | None = None,
    min_priority: int | None = None,
    limit: int = 4,
    settings: SolveSettings = SEARCH_SETTINGS,
    replan_limit: float = DEFAULT_REPLAN_LIMIT,
    context: PlanningContext | None = None,
    progress: Progress | None = None,
) -> tuple[Alternative, ...]:
    """Up to ``limit`` different kinds of fix, each checked, cheapest first (labelled A, B, …).

    Candidates are grouped by :func:`kind_of` (e.g. "move dates", "move dates and overtime
    for Aino", "drop the banner set"); the cheapest of each group that survives re-planning
    is kept, so the answer shows distinct ways out rather than near-copies of one.

    Parameters
    ----------
    scenario, context
        The brief, capacity and levers; the prepared scenario when the caller has it.
    plan
        The current plan (planned here when not given); nothing is returned when it holds.
    min_priority
        Keep only the promises of this priority or higher (default: every promise).
    limit
        Most alternatives returned.
    settings, replan_limit
        Solver settings (``time_limit`` per priced search run); seconds per re-plan.
    progress
        Called with a few words and the share done (0 … 1) as the search goes on.

    Returns
    -------
    tuple[Alternative, ...]
        Each re-planned, accepted by :func:`planner.validate.rules.validate_plan` and keeping every
        targeted promise within (the possibly raised) budget.
    """
    context = context or prepare(scenario)
    if plan is None:
        plan = plan_context(context, settings.limited_to(replan_limit))
    if plan.verdict == "feasible":
        return ()
    pools: dict[frozenset[tuple[str, str]], list[tuple[Change, ...]]] = {}
    searching = _scaled(progress, 0.0, 0.6)
    for changes in candidates(context, min_priority, settings, searching):
        pools.setdefault(kind_of(changes), []).append(changes)
    ordered = sorted(pools.values(), key=lambda p: changes_cost(p[0]))
    settler = _Settler(context, plan, min_priority, settings, settings.limited_to(replan_limit))
    kinds = _first_of_each_kind(ordered, settler.settle, limit, _scaled(progress, 0.6, 1.0))
    ranked = _undominated(sorted(kinds.values(), key=_rank))
    return tuple(
        Alternative(a.changes, a.cost, a.verdict_after, a.price_after, a.plan_after, chr(65 + k))
        for k, a in enumerate(ranked)
    )


class _Settler:
    """Trims, re-plans and checks the candidate change sets of one search, each set once."""

    def __init__(
        self,
        context: PlanningContext,
        plan: Plan,
        min_priority: int | None,
        settings: SolveSettings,
        replan: SolveSettings,
    ) -> None:
        self.context, self.min_priority = context, min_priority
        self.settings, self.replan = settings, replan
        self.promised = {p.task: p.due for p in plan.promises}
        self.verified: Once[Alternative | None] = Once()
        self.holding: Once[bool] = Once()

    def holds(self, trial: Sequence[Change]) -> bool:
        """True when the targeted promises are proven able to hold after ``trial``."""

        def check() -> bool:
            scenario = self.context.scenario
            return promises_hold(scenario, trial, self.min_priority, self.settings)

        return self.holding.get(_signature(trial), check)

    def checked(self, changes: Sequence[Change]) -> Alternative | None:
        """Re-planned and checked (once per set of changes), without unused date moves."""

        def check() -> Alternative | None:
            scenario, context = self.context.scenario, self.context
            found = verify(scenario, changes, self.min_priority, self.replan, context)
            unused = unneeded_moves(found.changes, found.plan_after, self.promised) if found else []
            if found is None or not unused:
                return found
            fewer = [c for c in found.changes if c not in unused and c.kind != BUDGET]
            return self.checked(fewer) or found

        return self.verified.get(_signature(changes), check)

    def settle(self, pool: list[tuple[Change, ...]]) -> Alternative | None:
        """The first of a pool's two cheapest candidates that survives trimming and checks;
        capacity too small to offer is left out (a candidate that needs it is not offered)."""
        for found in pool[:2]:
            trimmed = trim(
                self.context, found, self.min_priority, self.settings, self.holds, too_small
            )
            alternative = self.checked(meaningful(trimmed))
            if alternative is not None:
                return alternative
        return None


def _first_of_each_kind(
    ordered: list[list[tuple[Change, ...]]],
    settle: Callable[[list[tuple[Change, ...]]], Alternative | None],
    limit: int,
    progress: Progress | None,
) -> dict[frozenset[tuple[str, str]], Alternative]:
    """Settle pools in order until ``limit`` kinds of fix are found; the cheapest of each kind.

    Keyed by the kind of the trimmed, verified changes: trimming can turn two different
    candidates into the same fix (e.g. both down to one review and the same overtime). Pools
    are settled a few at a time side by side, then merged in order and stopped at ``limit``
    exactly as one after the other would: the answer does not depend on threads.
    """
    checked: dict[frozenset[tuple[str, str]], Alternative] = {}
    for start in range(0, len(ordered), SEARCH_THREADS):
        for alternative in side_by_side(settle, ordered[start : start + SEARCH_THREADS]):
            if alternative is not None:
                kind = kind_of(alternative.changes)
                if kind not in checked or alternative.cost < checked[kind].cost:
                    checked[kind] = alternative
            if len(checked) >= limit:
                break
        if progress is not None:
            done = min(len(checked), limit)
            progress(f"Checked {done} of up to {limit} alternatives", done / limit)
        if len(checked) >= limit:
            break
    return checked


def _scaled(progress: Progress | None, low: float, high: float) -> Progress | None:
    """``progress`` with its share mapped into ``low`` … ``high``."""
    if progress is None:
        return None
    return lambda words, share: progress(words, low + (high - low) * share)


def _undominated(ranked: list[Alternative]) -> list[Alternative]:
    """``ranked`` without the alternatives another one beats outright: the other makes a subset
    of the same changes to the brief (budget raises aside) and the client pays no more."""

    def brief_changes(alternative: Alternative) -> set[tuple[Any, ...]]:
        return {_signature([c])[0] for c in alternative.changes if c.kind != BUDGET}

    kept: list[Alternative] = []
    for alternative in ranked:
        mine = brief_changes(alternative)
        if not any(
            brief_changes(other) <= mine and other.price_after <= alternative.price_after
            for other in kept
        ):
            kept.append(alternative)
    return kept


def _rank(alternative: Alternative) -> tuple[float, int, float]:
    """What the client pays, then how many changes, then the levers' own price."""
    return (round(alternative.price_after, 2), len(alternative.changes), alternative.cost)


def kind_of(changes: Sequence[Change]) -> frozenset[tuple[str, str]]:
    """What sort of fix a change set is: its change kinds, with the person, role or task for
    capacity and brief changes (which promises move does not make a fix different)."""
    return frozenset((c.kind, "" if c.kind in (MOVE_DATE, BUDGET) else c.target) for c in changes)


def verify(
    scenario: Scenario,
    changes: Sequence[Change],
    min_priority: int | None = None,
    settings: SolveSettings = REPLAN_SETTINGS,
    context: PlanningContext | None = None,
) -> Alternative | None:
    """Apply, re-plan and check some changes; repair small slips and the budget if allowed.

    A targeted promise still late after re-planning gets its date moved by the slip (when
    dates may move, at most :data:`REPAIR_ROUNDS` times); a price over budget becomes a
    budget raise (when allowed). None when the changes cannot be made to work.
    """
    levers = levers_of(scenario)
    context = context or short_context(scenario)
    changes = list(changes)
    for _ in range(REPAIR_ROUNDS + 1):
        applied = apply_changes(scenario, changes)
        plan = plan_scenario(applied, settings)
        if not plan.has_schedule or validate_plan(applied, plan):
            return None
        priority = {p.task: p.priority for p in plan.promises}
        late = [
            p
            for p in plan.broken_promises
            if min_priority is None or priority[p.task] >= min_priority
        ]
        if late:
            if not levers.move_dates:
                return None
            slips: dict[str, int] = {}
            for p in late:
                task = p.task.split("#")[0]
                slips[task] = max(slips.get(task, 0), p.slip_days)
            changes = _moved(context, changes, slips)
            continue
        if not plan.budget.within:
            if not levers.raise_budget or plan.budget.budget is None:
                return None
            changes, plan = budget_raised(scenario, changes, plan)
            if validate_plan(apply_changes(scenario, changes), plan):
                return None
        return Alternative(
            changes=tuple(changes),
            cost=changes_cost(changes),
            verdict_after=plan.verdict,
            price_after=plan.budget.price,
            plan_after=plan,
        )
    return None


def _moved(context: PlanningContext, changes: list[Change], slips: dict[str, int]) -> list[Change]:
    """``changes`` with each slipping task's date move grown by its slip."""
    moved = {c.target: round(c.amount) for c in changes if c.kind == MOVE_DATE}
    for task, slip in slips.items():
        moved[task] = moved.get(task, 0) + slip
    kept = [c for c in changes if not (c.kind == MOVE_DATE and c.target in slips)]
    extra = [
        move_date_change(context.scenario, context.calendar, task, days)
        for task, days in moved.items()
        if task in slips
    ]
    return kept + extra
