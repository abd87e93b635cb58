"""Promised finishes as hard limits: which can hold together, how early, and at what price.

Every question here is asked of the part of a :class:`Problem` that the promised activities
depend on (:func:`closure`): an activity no promise waits for can always be placed after all
of them, so leaving it out changes no answer but keeps the models small. The horizon of each
model is ample (latest due plus a greedy schedule's length), so "INFEASIBLE" means the
promises themselves cannot hold, not that the model ran out of periods.

* :func:`check_deadlines` — can these activities all finish by their due periods?
* :func:`conflict_core` — a minimal set of due periods that cannot all hold, proven with
  assumption literals and the solver's ``sufficient_assumptions_for_infeasibility``, then
  shrunk by a deletion filter (the solver's set is sufficient, not minimal).
* :func:`earliest_finish` — the earliest finish of one activity if it goes first.
* :func:`solve_min_cost` — the cheapest way to keep every due period when some may move (at a
  price per period) and some resources cost money per unit used.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from planner.scheduler.cpsat import (
    DETERMINISTIC_UNITS_PER_SECOND,
    WALL_GUARD,
    add_schedule_hint,
    build_model,
    extract_schedule,
    new_solver,
)
from planner.scheduler.heuristic import serial_sgs
from planner.scheduler.problem import Problem, Schedule
from planner.scheduler.variables import Variables

DEFAULT_LIMIT = 1.0
"""Seconds per sub-solve unless the caller says otherwise (work-limited, as in ``solve``)."""


def closure(problem: Problem, targets: Collection[str]) -> Problem:
    """The sub-problem of ``targets`` and every activity they wait for (transitively).

    Parameters
    ----------
    problem
        The whole problem.
    targets
        Activity ids whose predecessors to keep.

    Returns
    -------
    Problem
        Same resources; only the kept activities and the precedences among them.
    """
    before: dict[str, list[str]] = {a.id: [] for a in problem.activities}
    for p in problem.precedences:
        before[p.after].append(p.before)
    keep: set[str] = set()
    stack = list(targets)
    while stack:
        current = stack.pop()
        if current not in keep:
            keep.add(current)
            stack.extend(before[current])
    return replace(
        problem,
        activities=tuple(a for a in problem.activities if a.id in keep),
        precedences=tuple(p for p in problem.precedences if p.before in keep and p.after in keep),
    )


def ample_horizon(problem: Problem) -> int:
    """Periods enough for any schedule of ``problem`` that keeps some of its due periods."""
    rows = problem.horizon or max((len(r.capacity) for r in problem.resources), default=0)
    greedy = serial_sgs(problem)
    span = greedy.makespan if greedy is not None else rows
    latest_due = max((a.due for a in problem.activities if a.due is not None), default=0)
    return max(1, min(rows, latest_due + span + 5)) if rows else latest_due + span + 5


def _new_solver(time_limit: float, seed: int, workers: int) -> cp_model.CpSolver:
    """A solver stopped by deterministic work (repeatable with one worker), the clock as a
    safety net; presolve probing off (measured: 2.6 units of work on a 44-task retainer went to
    probing before the search even tried the hint)."""
    work = time_limit * DETERMINISTIC_UNITS_PER_SECOND
    return new_solver(time_limit * WALL_GUARD, work, seed, workers, probing=False)


def _status(code: int) -> str:
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "FEASIBLE"
    return "INFEASIBLE" if code == cp_model.INFEASIBLE else "UNKNOWN"


def _due(problem: Problem, activity_id: str) -> int:
    due = next(a.due for a in problem.activities if a.id == activity_id)
    if due is None:
        raise ValueError(f"activity {activity_id!r} has no due period")
    return due


class _DeadlineModel:
    """One model of a sub-problem with a switchable ``finish <= due`` per candidate."""

    def __init__(self, problem: Problem, candidates: Sequence[str]) -> None:
        self.problem = closure(problem, candidates)
        self.model, self.v = build_model(self.problem, ample_horizon(self.problem))
        self.literal: dict[str, cp_model.IntVar] = {}
        for a in candidates:
            lit = self.model.new_bool_var(f"keep[{a}]")
            self.model.add(self.v.finish[a] <= _due(self.problem, a)).only_enforce_if(lit)
            self.literal[a] = lit

    def solve(
        self, kept: Collection[str], time_limit: float, seed: int, workers: int
    ) -> tuple[str, set[str]]:
        """Status with only ``kept`` enforced, and a sufficient subset when infeasible."""
        self.model.clear_assumptions()
        self.model.add_assumptions([self.literal[a] for a in kept])
        solver = _new_solver(time_limit, seed, workers)
        status = _status(solver.solve(self.model))
        if status != "INFEASIBLE":
            return status, set(kept)
        by_index = {self.literal[a].index: a for a in kept}
        core = {by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()}
        return status, (core & set(kept)) or set(kept)


def check_deadlines(
    problem: Problem,
    hard: Collection[str],
    time_limit: float = DEFAULT_LIMIT,
    seed: int = 0,
    workers: int = 1,
) -> str:
    """Whether all of ``hard`` can finish by their due periods together.

    Returns
    -------
    str
        "FEASIBLE", "INFEASIBLE" (proven) or "UNKNOWN" (not decided within ``time_limit``).
    """
    if not hard:
        return "FEASIBLE"
    try:
        deadline_model = _DeadlineModel(problem, list(hard))
    except ValueError:
        return "INFEASIBLE"
    return deadline_model.solve(hard, time_limit, seed, workers)[0]


@dataclass(frozen=True)
class Core:
    """Due periods that cannot all hold together.

    ``status`` is "INFEASIBLE" when ``members`` are proven not to hold together, "FEASIBLE"
    when all candidates can hold, "UNKNOWN" when the first solve was not decided in time.
    ``minimal`` is True when dropping any one member was proven to make the rest hold.
    """

    status: str
    members: tuple[str, ...]
    minimal: bool
    solves: int = 0


def conflict_core(
    problem: Problem,
    candidates: Sequence[str],
    pinned: Collection[str] = (),
    time_limit: float = DEFAULT_LIMIT,
    seed: int = 0,
    workers: int = 1,
) -> Core:
    """A minimal set of candidate due periods that cannot all hold (deletion filter).

    Parameters
    ----------
    problem
        The problem; each candidate activity must have a due period.
    candidates
        Activity ids whose due periods may be part of the answer, in the order removal is
        tried (members listed last are the likeliest to stay).
    pinned
        Candidates that stay in the set throughout; the answer is minimal only if each pinned
        one is needed too (checked at the end).
    time_limit
        Seconds per solve; an undecided removal keeps its member and clears
        ``minimal``.

    Returns
    -------
    Core
    """
    try:
        deadline_model = _DeadlineModel(problem, candidates)
    except ValueError:
        return Core("INFEASIBLE", tuple(candidates), minimal=False)
    solves = 1
    status, core = deadline_model.solve(candidates, time_limit, seed, workers)
    if status != "INFEASIBLE":
        return Core(status, tuple(candidates), minimal=False, solves=solves)
    keep = set(pinned)
    if keep and not keep & core:
        # The solver's set leaves the pinned ones out: start over and break it up first.
        current, order = set(candidates), [*core, *(c for c in candidates if c not in core)]
    else:
        current, order = core | keep, [c for c in candidates if c in core]
    minimal = True
    for member in order:
        if member in keep or member not in current:
            continue
        trial = current - {member}
        solves += 1
        outcome, smaller = deadline_model.solve(trial, time_limit, seed, workers)
        if outcome == "INFEASIBLE":
            current = smaller | keep  # a superset of an infeasible set stays infeasible
        elif outcome == "UNKNOWN":
            minimal = False
    if keep and minimal:
        solves += 1
        without = current - keep
        if without:
            minimal = deadline_model.solve(without, time_limit, seed, workers)[0] == "FEASIBLE"
    members = tuple(c for c in candidates if c in current)
    return Core("INFEASIBLE", members, minimal=minimal, solves=solves)


def earliest_finish(
    problem: Problem,
    activity_id: str,
    time_limit: float = DEFAULT_LIMIT,
    seed: int = 0,
    workers: int = 1,
) -> tuple[int, bool] | None:
    """The earliest (exclusive) finish period of one activity when it has first call.

    Returns
    -------
    tuple[int, bool] or None
        ``(finish, proven)``; None when no schedule was found in time.
    """
    sub = closure(problem, [activity_id])
    greedy = serial_sgs(sub)
    horizon = greedy.makespan if greedy is not None else ample_horizon(sub)
    try:
        model, v = build_model(sub, max(horizon, 1))
    except ValueError:
        return None
    if greedy is not None:
        add_schedule_hint(model, v, greedy)
    model.minimize(v.finish[activity_id])
    solver = _new_solver(time_limit, seed, workers)
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None if greedy is None else (greedy.finish[activity_id], False)
    return solver.value(v.finish[activity_id]), code == cp_model.OPTIMAL


@dataclass(frozen=True)
class PricedResult:
    """The cheapest schedule found by :func:`solve_min_cost`.

    ``shift`` gives the periods each movable group's due periods were moved; ``schedule``
    covers only the activities the promises depend on; ``cost`` is the objective in the
    caller's integer units.
    """

    status: str
    cost: int | None = None
    schedule: Schedule | None = None
    shift: Mapping[str, int] = field(default_factory=dict)
    proven: bool = False


def solve_min_cost(
    problem: Problem,
    hard: Collection[str],
    movable: Mapping[str, tuple[tuple[str, ...], int]] | None = None,
    priced: Mapping[str, int] | None = None,
    companions: Mapping[str, str] | None = None,
    team_limit: Mapping[str, int] | None = None,
    time_limit: float = DEFAULT_LIMIT,
    seed: int = 0,
    workers: int = 1,
    cost_at_most: int | None = None,
) -> PricedResult:
    """Keep every due period at the least cost.

    Parameters
    ----------
    problem
        The problem; resources in ``priced`` are extra capacity that costs per unit used.
    hard
        Activities that must finish by their due period.
    movable
        Named groups ``(activity ids, price per period)`` whose due periods may all move by
        the same number of periods at that price.
    priced
        Price per unit booked on a resource (integers, in the caller's units).
    companions
        ``extra resource -> resource`` it extends (e.g. someone's overtime): the extra one
        may only work on an activity its owner works on and does not count as a team member.
    team_limit
        The real team-size limit per activity when ``max_resources`` was raised to make room
        for companions.
    time_limit, seed, workers
        Solver settings.
    cost_at_most
        Only schedules costing at most this (e.g. a known schedule's cost): "INFEASIBLE"
        then means none does; the bound keeps the search near the cheapest schedules.

    Returns
    -------
    PricedResult
        Status "OPTIMAL", "FEASIBLE", "INFEASIBLE" or "UNKNOWN".
    """
    movable, priced, companions = movable or {}, priced or {}, companions or {}
    targets = set(hard) | {a for ids, _ in movable.values() for a in ids}
    sub = closure(problem, targets)
    try:
        model, v = build_model(sub, ample_horizon(sub))
    except ValueError:
        return PricedResult("INFEASIBLE")
    for a in hard:
        model.add(v.finish[a] <= _due(sub, a))
    shift, terms = _add_movable(model, sub, v, movable)
    terms += [priced[r] * x for (_, r, _), x in v.units.items() if priced.get(r)]
    _add_companions(model, sub, v, companions, team_limit or {})
    _hint_greedy(model, sub, v, movable, shift)
    if cost_at_most is not None and terms:
        model.add(sum(terms) <= cost_at_most)
    model.minimize(sum(terms) if terms else 0)
    solver = _new_solver(time_limit, seed, workers)
    return _priced_result(solver, solver.solve(model), sub, v, shift)


def _priced_result(
    solver: cp_model.CpSolver,
    code: int,
    problem: Problem,
    v: Variables,
    shift: Mapping[str, cp_model.IntVar],
) -> PricedResult:
    """The :class:`PricedResult` of a finished priced solve."""
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return PricedResult("INFEASIBLE" if code == cp_model.INFEASIBLE else "UNKNOWN")
    return PricedResult(
        status="OPTIMAL" if code == cp_model.OPTIMAL else "FEASIBLE",
        cost=round(solver.objective_value),
        schedule=extract_schedule(solver, problem, v),
        shift={name: solver.value(var) for name, var in shift.items()},
        proven=code == cp_model.OPTIMAL,
    )


def _add_movable(
    model: cp_model.CpModel,
    problem: Problem,
    v: Variables,
    movable: Mapping[str, tuple[tuple[str, ...], int]],
) -> tuple[dict[str, cp_model.IntVar], list[cp_model.LinearExprT]]:
    """A priced ``shift`` per movable group: its due periods may all move by it."""
    shift: dict[str, cp_model.IntVar] = {}
    terms: list[cp_model.LinearExprT] = []
    for name, (ids, price) in movable.items():
        shift[name] = model.new_int_var(0, v.horizon, f"shift[{name}]")
        for a in ids:
            model.add(v.finish[a] <= _due(problem, a) + shift[name])
        terms.append(price * shift[name])
    return shift, terms


def _hint_greedy(
    model: cp_model.CpModel,
    problem: Problem,
    v: Variables,
    movable: Mapping[str, tuple[tuple[str, ...], int]],
    shift: Mapping[str, cp_model.IntVar],
) -> None:
    """The greedy schedule (and the shifts it needs) as the search's starting point."""
    greedy = serial_sgs(problem)
    if greedy is None or greedy.makespan > v.horizon:
        return
    add_schedule_hint(model, v, greedy)
    for name, (ids, _) in movable.items():
        late = max(greedy.finish[a] - _due(problem, a) for a in ids)
        model.add_hint(shift[name], min(max(late, 0), v.horizon))


def _add_companions(
    model: cp_model.CpModel,
    problem: Problem,
    v: Variables,
    companions: Mapping[str, str],
    team_limit: Mapping[str, int],
) -> None:
    """Extra resources follow their owner; only real resources count towards the team."""
    for activity in problem.activities:
        a = activity.id
        for extra, owner in companions.items():
            if (a, extra) in v.assigned and (a, owner) in v.assigned:
                model.add_implication(v.assigned[a, extra], v.assigned[a, owner])
        if a in team_limit:
            real = [
                v.assigned[a, r]
                for r in activity.eligible
                if r not in companions and (a, r) in v.assigned
            ]
            if real:
                model.add(sum(real) <= team_limit[a])
