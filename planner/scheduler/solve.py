"""Solve a :class:`Problem` with CP-SAT: warm start, lexicographic stages, plain-data result.

ortools is imported inside ``planner.scheduler`` only.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace

from ortools.sat.python import cp_model

from planner.scheduler.constraints import add_capacity, add_effort_rules, add_precedences
from planner.scheduler.heuristic import serial_sgs
from planner.scheduler.objective import stages
from planner.scheduler.passes import applies
from planner.scheduler.problem import Problem, Schedule, SolveResult
from planner.scheduler.variables import Variables, create_variables

STAGE_SHARE = (0.6, 0.6, 1.0)
"""Share of the time still left that each objective stage may use (the last takes the rest)."""

DETERMINISTIC_UNITS_PER_SECOND = 0.3
"""CP-SAT deterministic work allowed per second of time limit (measured: one unit takes about
1.5–3 s of wall time on a 2-core machine), so the deterministic budget normally ends first."""


class _SolutionTimer(cp_model.CpSolverSolutionCallback):
    """Records when solutions arrive, for time-to-first/best figures."""

    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.times: list[float] = []

    def on_solution_callback(self) -> None:
        self.times.append(time.perf_counter() - self.started)


def horizon_for(problem: Problem, heuristic: Schedule | None) -> int:
    """Periods the model spans: the heuristic's finish plus slack, within the capacity rows.

    For a pure makespan objective the heuristic makespan is itself a valid upper bound; with
    promised dates a later finish can pay off, so a quarter (at least 5 periods) is added.
    """
    rows = problem.horizon or max((len(r.capacity) for r in problem.resources), default=0)
    if heuristic is None:
        return rows
    if problem.objective == "makespan":
        return max(heuristic.makespan, 1)
    slack = max(5, heuristic.makespan // 4)
    return min(rows, heuristic.makespan + slack) if rows else heuristic.makespan + slack


def build_model(problem: Problem, horizon: int) -> tuple[cp_model.CpModel, Variables]:
    """The CP-SAT model of ``problem`` (variables and hard constraints, no objective)."""
    model = cp_model.CpModel()
    variables = create_variables(model, problem, horizon)
    add_precedences(model, problem, variables)
    add_effort_rules(model, problem, variables)
    add_capacity(model, problem, variables)
    return model, variables


def add_schedule_hint(model: cp_model.CpModel, v: Variables, schedule: Schedule) -> None:
    """Hint every variable with a known schedule so the search starts from a valid plan."""
    model.clear_hints()
    for a, var in v.start.items():
        model.add_hint(var, schedule.start[a])
        model.add_hint(v.finish[a], schedule.finish[a])
    for (a, r, p), var in v.units.items():
        model.add_hint(var, schedule.allocation.get(a, {}).get(r, {}).get(p, 0))
    for (a, r), var in v.assigned.items():
        model.add_hint(var, bool(schedule.allocation.get(a, {}).get(r)))
    for (a, p), var in v.active.items():
        model.add_hint(var, schedule.start[a] <= p < schedule.finish[a])


def extract_schedule(solver: cp_model.CpSolver, problem: Problem, v: Variables) -> Schedule:
    """Read the schedule from a solved model; effort dates come from the booked periods."""
    allocation: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for (a, r, p), var in v.units.items():
        units = solver.value(var)
        if units:
            allocation[a][r][p] = units
    start: dict[str, int] = {}
    finish: dict[str, int] = {}
    for activity in problem.activities:
        a = activity.id
        if activity.is_effort:
            periods = [p for per in allocation[a].values() for p in per]
            start[a], finish[a] = min(periods), max(periods) + 1
        else:
            start[a] = solver.value(v.start[a])
            finish[a] = start[a] + activity.duration
    plain = {a: {r: dict(per) for r, per in by_r.items()} for a, by_r in allocation.items()}
    return Schedule(start=start, finish=finish, allocation=plain)


def lateness_of(problem: Problem, schedule: Schedule) -> int:
    """Weighted periods late of a schedule (the first agency objective)."""
    return sum(
        a.weight * max(0, schedule.finish[a.id] - a.due)
        for a in problem.activities
        if a.due is not None
    )


def solve(
    problem: Problem,
    time_limit: float = 5.0,
    seed: int = 0,
    workers: int = 1,
    hint: Schedule | None = None,
    deterministic: bool | None = None,
    log: bool = False,
) -> SolveResult:
    """Find the best schedule within ``time_limit`` seconds.

    Parameters
    ----------
    problem
        What to schedule.
    time_limit
        Wall-clock budget in seconds for all objective stages together.
    seed
        CP-SAT random seed.
    workers
        CP-SAT search workers. One worker searches deterministically; more search in
        parallel, which is stronger on hard problems but not repeatable run to run.
    hint
        A known schedule to start from (else the serial heuristic's).
    deterministic
        Stop each stage at a budget of CP-SAT's deterministic work (not only the clock), so
        the same problem and seed give the same schedule. Default: on with one worker; with
        more workers it interleaves them (repeatable, but slower).
    log
        Print CP-SAT's search log.

    Returns
    -------
    SolveResult
        Status OPTIMAL only when every stage is proven optimal within the horizon.

    Notes
    -----
    Problems of fixed-duration activities with ``objective="makespan"`` (RCPSP) go through
    :func:`planner.scheduler.makespan.solve_makespan`: improved heuristic schedules, a
    lower bound, and CP-SAT runs around them.

    The deterministic budget is ``DETERMINISTIC_UNITS_PER_SECOND × time_limit``; if a very
    busy machine reaches the wall-clock limit first, the search stops there and repeat runs
    may then differ.
    """
    if deterministic is None:
        deterministic = workers == 1
    if applies(problem):  # fixed durations, makespan only (RCPSP): its own pipeline
        from planner.scheduler.makespan import solve_makespan

        return solve_makespan(problem, time_limit, seed, workers, hint, deterministic, log)
    started = time.perf_counter()
    heuristic = serial_sgs(problem)
    horizon = horizon_for(problem, heuristic)
    try:
        model, variables = build_model(problem, horizon)
    except ValueError as exc:
        return SolveResult(status="INFEASIBLE", schedule=None, message=str(exc))
    start_from = hint or heuristic
    if start_from is not None and start_from.makespan <= horizon:
        add_schedule_hint(model, variables, start_from)
    objectives = stages(model, problem, variables)
    best = start_from if start_from is not None and start_from.makespan <= horizon else None
    status_names: list[str] = []
    bound: int | None = None
    stage_values: dict[str, float] = {}
    spent = 0.0
    timer = _SolutionTimer(started)
    for index, (name, expression) in enumerate(objectives):
        share = 1.0 if index == len(objectives) - 1 else STAGE_SHARE[index]
        wall = max(0.05, (time_limit - (time.perf_counter() - started)) * share)
        # Deterministic work left is counted in CP-SAT's own units, so budgets repeat exactly.
        work = max(0.01, (time_limit * DETERMINISTIC_UNITS_PER_SECOND - spent) * share)
        model.minimize(expression)
        solver = _solver(wall, work if deterministic else None, seed, workers, log)
        status = solver.solve(model, timer)
        spent += solver.deterministic_time
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best = extract_schedule(solver, problem, variables)
            value = round(solver.objective_value)
            stage_values[name] = value
            if index == 0:
                bound = round(solver.best_objective_bound)
            model.add(expression <= value)
            add_schedule_hint(model, variables, best)
            status_names.append("OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE")
        elif status == cp_model.INFEASIBLE and index == 0 and heuristic is None:
            return _result(
                "INFEASIBLE",
                None,
                problem,
                started,
                timer,
                bound,
                heuristic,
                "no schedule exists within the planning horizon",
            )
        else:
            status_names.append("FEASIBLE" if best is not None else "UNKNOWN")
            if best is None:
                break
    if best is None:
        return _result(
            "UNKNOWN",
            None,
            problem,
            started,
            timer,
            bound,
            heuristic,
            "no schedule found within the time limit (nothing is proven)",
        )
    proven = status_names and all(s == "OPTIMAL" for s in status_names)
    message = "" if proven else "optimality not proven within the time limit"
    result = _result(
        "OPTIMAL" if proven else "FEASIBLE",
        best,
        problem,
        started,
        timer,
        bound,
        heuristic,
        message,
    )
    return replace(result, stats=stage_values)


def _solver(
    wall: float, work: float | None, seed: int, workers: int, log: bool
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = workers
    params.random_seed = seed
    params.log_search_progress = log
    params.max_time_in_seconds = wall
    if work is not None:
        params.max_deterministic_time = work
        params.interleave_search = workers > 1
    return solver


def _result(
    status: str,
    schedule: Schedule | None,
    problem: Problem,
    started: float,
    timer: _SolutionTimer,
    bound: int | None,
    heuristic: Schedule | None,
    message: str,
) -> SolveResult:
    return SolveResult(
        status=status,
        schedule=schedule,
        lateness=lateness_of(problem, schedule) if schedule else None,
        makespan=schedule.makespan if schedule else None,
        bound=bound,
        wall_seconds=time.perf_counter() - started,
        first_solution_seconds=timer.times[0] if timer.times else None,
        best_solution_seconds=timer.times[-1] if timer.times else None,
        heuristic_makespan=heuristic.makespan if heuristic else None,
        message=message,
    )
