"""The pipeline for fixed-duration makespan problems (RCPSP, e.g. PSPLIB).

:func:`planner.scheduler.solve.solve` hands these problems here. Within one time limit:

1. **first warm start** (:data:`~planner.scheduler.improve.FIRST_SHARE` of the limit):
   priority rules, forward–backward improvement and a few biased samples, plus a lower bound
   (critical path, energy, disjunctions). If the best schedule meets the bound it is optimal
   and CP-SAT never runs;
2. **CP-SAT probe** (:data:`~planner.scheduler.improve.PROBE_SHARE`): the model over the
   heuristic's makespan as horizon, the schedule as a complete hint and ``makespan >= bound``.
   Easy instances are proven here. Problems of at most
   :data:`~planner.scheduler.improve.EVOLVE_ABOVE` activities get the whole rest of the
   limit in this one run instead (steps 3 and 4 are skipped);
3. **genetic algorithm** (:data:`~planner.scheduler.improve.EVOLVE_SHARE`) when the probe
   did not prove and the problem has more than
   :data:`~planner.scheduler.improve.EVOLVE_ABOVE` activities: there it finds shorter
   schedules per second than CP-SAT;
4. **CP-SAT** for the rest of the limit, from the best schedule so far and
   ``makespan <= best``, to improve it or prove it optimal.

``bound`` in the result is the best proven lower bound (the heuristic's or CP-SAT's).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.scheduler.cpsat import (
    DETERMINISTIC_UNITS_PER_SECOND,
    SolutionTimer,
    add_schedule_hint,
    build_model,
    extract_schedule,
    new_solver,
)
from planner.scheduler.heuristic import serial_sgs
from planner.scheduler.improve import (
    EVOLVE_ABOVE,
    EVOLVE_SHARE,
    FIRST_SHARE,
    PROBE_SHARE,
    plan_warm_start,
)
from planner.scheduler.objective import makespan as makespan_var
from planner.scheduler.problem import Problem, Schedule, SolveResult, Status, lateness_of


@dataclass
class _Best:
    """Best schedule so far, the proven bound, and when the first and the best were found."""

    schedule: Schedule
    bound: int
    first_at: float
    found_at: float

    @property
    def proven(self) -> bool:
        return self.schedule.makespan <= self.bound

    @property
    def gap(self) -> float:
        """How far the best schedule may still be above the optimum, as a share of the bound."""
        return (self.schedule.makespan - self.bound) / max(self.bound, 1)

    def offer(self, schedule: Schedule | None, at: float) -> None:
        if schedule is not None and schedule.makespan < self.schedule.makespan:
            self.schedule, self.found_at = schedule, at


CLOSE_GAP = 0.04
"""After the probe, a best schedule within this share of the proven bound goes straight to the
final CP-SAT run: near a proof, CP-SAT's search beats the genetic algorithm (j1206_3: the probe
reaches 140 over a bound of 135, the GA finds nothing shorter, the textbook model proves 135)."""


def solve_makespan(
    problem: Problem,
    time_limit: float,
    seed: int,
    workers: int,
    hint: Schedule | None,
    deterministic: bool,
    log: bool,
) -> SolveResult:
    """Minimise the makespan of a fixed-duration problem; arguments as in ``solve``."""
    started = time.perf_counter()
    best = _first_best(problem, time_limit, seed, hint, started)
    if best is None:
        return SolveResult(
            status=Status.UNKNOWN,
            schedule=None,
            wall_seconds=time.perf_counter() - started,
            message="no schedule fits the capacity rows (nothing is proven)",
        )
    heuristic_makespan = best.schedule.makespan
    if best.proven:
        return _finish(problem, best, started, heuristic_makespan)
    search = _CpSatRuns(problem, best, started, time_limit, seed, workers, deterministic, log)
    if not search.evolve:  # one uninterrupted search: a restart would lose what it learned
        search.run(None)
        return _finish(problem, best, started, heuristic_makespan)
    search.run(PROBE_SHARE)
    if not best.proven and best.gap > CLOSE_GAP:
        evolved = plan_warm_start(problem, time_limit, EVOLVE_SHARE, seed + 1)
        if evolved is not None:
            best.offer(evolved.schedule, time.perf_counter() - started)
    if not best.proven:
        search.model.add(search.span <= best.schedule.makespan)
        search.run(None)
    return _finish(problem, best, started, heuristic_makespan)


def _first_best(
    problem: Problem, time_limit: float, seed: int, hint: Schedule | None, started: float
) -> _Best | None:
    """The first warm start's schedule (or the hint, if shorter) and lower bound."""
    first = plan_warm_start(problem, time_limit, FIRST_SHARE, seed)
    schedule = first.schedule if first is not None else None
    schedule = schedule or serial_sgs(problem)
    if hint is not None and (schedule is None or hint.makespan < schedule.makespan):
        schedule = hint
    if first is None or schedule is None:
        return None
    found_at = time.perf_counter() - started
    return _Best(schedule, first.lower_bound, found_at, found_at)


class _CpSatRuns:
    """The CP-SAT model over the first makespan as horizon, ``makespan >= bound``, and runs
    of it from the best schedule so far."""

    def __init__(
        self,
        problem: Problem,
        best: _Best,
        started: float,
        time_limit: float,
        seed: int,
        workers: int,
        deterministic: bool,
        log: bool,
    ) -> None:
        self.problem, self.best, self.started = problem, best, started
        self.time_limit, self.seed, self.workers = time_limit, seed, workers
        self.deterministic, self.log = deterministic, log
        self.model, self.variables = build_model(problem, best.schedule.makespan)
        self.span = makespan_var(self.model, problem, self.variables)
        self.model.add(self.span >= best.bound)
        self.model.minimize(self.span)
        self.timer = SolutionTimer(started)
        self.evolve = len(problem.activities) > EVOLVE_ABOVE

    def run(self, share: float | None) -> None:
        """One CP-SAT run from the best schedule; ``share`` None: the rest of the limit."""
        best, limit = self.best, self.time_limit
        add_schedule_hint(self.model, self.variables, best.schedule)
        left = limit - (time.perf_counter() - self.started)
        wall = max(0.05, left if share is None else min(left, share * limit))
        rest = 1.0 - FIRST_SHARE - (PROBE_SHARE + EVOLVE_SHARE if self.evolve else 0.0)
        planned = rest if share is None else share
        work = planned * limit * DETERMINISTIC_UNITS_PER_SECOND if self.deterministic else None
        solver = new_solver(wall, work, self.seed, self.workers, self.log)
        status = solver.solve(self.model, self.timer)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = extract_schedule(solver, self.problem, self.variables)
            at = self.timer.times[-1] if self.timer.times else time.perf_counter() - self.started
            best.offer(found, at)
            bound = best.schedule.makespan if status == cp_model.OPTIMAL else 0
            best.bound = max(best.bound, bound, round(solver.best_objective_bound))


def _finish(problem: Problem, best: _Best, started: float, heuristic_makespan: int) -> SolveResult:
    proven = best.proven
    return SolveResult(
        status="OPTIMAL" if proven else "FEASIBLE",
        schedule=best.schedule,
        lateness=lateness_of(problem, best.schedule),
        makespan=best.schedule.makespan,
        bound=best.bound,
        wall_seconds=time.perf_counter() - started,
        first_solution_seconds=best.first_at,
        best_solution_seconds=best.found_at,
        heuristic_makespan=heuristic_makespan,
        message="" if proven else "optimality not proven within the time limit",
        stats={"makespan": best.schedule.makespan},
    )
