"""Solve a :class:`Problem` with CP-SAT: warm start, lexicographic stages, plain-data result.

ortools is imported inside ``planner.scheduler`` only.
"""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from planner.scheduler.cpsat import (
    DETERMINISTIC_UNITS_PER_SECOND,
    WALL_GUARD,
    SolutionTimer,
    add_schedule_hint,
    build_model,
    extract_schedule,
    new_solver,
)
from planner.scheduler.heuristic import sampled_sgs, schedule_quality, serial_sgs
from planner.scheduler.objective import stages
from planner.scheduler.passes import applies
from planner.scheduler.problem import Problem, Schedule, SolveResult, lateness_of

STAGE_SHARE = (0.6, 0.6, 1.0)
"""Share of the time still left that each objective stage may use (the last takes the rest)."""

LARGE_MODEL_UNITS = 8_000
"""Above this many potential ``units`` variables (eligible people × periods left, summed over
effort activities) a model counts as large: its search windows are narrowed around the warm
start and presolve is kept light (measured: at 25 people × 300 tasks the full model spent a
5 s budget in presolve without a solution)."""

WINDOW_SLACK = 10
"""Periods a large model may finish an activity after max(warm-start finish, promised period)."""

SAMPLE_SHARE = 0.2
"""Share of the time limit spent on randomised heuristic restarts before CP-SAT."""

SAMPLE_SECONDS_PER_PLACEMENT = 4e-8
"""Estimated seconds of one heuristic pass per (activity × eligible resource × period): measured
2e-8 on generated agencies, doubled for busy machines. The number of restarts follows from the
problem size alone, so it (and the plan) repeats exactly."""

MAX_SAMPLES = 200


def capacity_rows(problem: Problem) -> int:
    """Periods the problem may use: its horizon, else its longest capacity row."""
    return problem.horizon or max((len(r.capacity) for r in problem.resources), default=0)


def beyond_calendar(horizon: int) -> str:
    """Plain words for work that does not fit in the planned calendar (not a proof)."""
    return (
        f"the work does not fit in the {horizon} working days planned; that is the end of "
        "the calendar the planner covers, not a proof that it cannot be done (split the brief "
        "or move the promised dates later)"
    )


def horizon_for(problem: Problem, heuristic: Schedule | None) -> int:
    """Periods the model spans: the heuristic's finish plus slack, within the capacity rows.

    For a pure makespan objective the heuristic makespan is itself a valid upper bound; with
    promised dates a later finish can pay off, so a quarter (at least 5 periods) is added.
    """
    rows = capacity_rows(problem)
    if heuristic is None:
        return rows
    if problem.objective == "makespan":
        return max(heuristic.makespan, 1)
    slack = max(5, heuristic.makespan // 4)
    return min(rows, heuristic.makespan + slack) if rows else heuristic.makespan + slack


def potential_units(problem: Problem, horizon: int) -> int:
    """How many ``units`` variables a model over ``horizon`` could have (a cheap upper bound)."""
    return sum(
        len(a.eligible) * max(0, horizon - a.release) for a in problem.activities if a.is_effort
    )


def search_caps(problem: Problem, schedule: Schedule, slack: int = WINDOW_SLACK) -> dict[str, int]:
    """Latest finish per activity for a narrowed model: around ``schedule`` and the promises.

    ``schedule`` stays inside the windows, so the model keeps it as a solution.
    """
    return {a.id: max(schedule.finish[a.id], a.due or 0) + slack for a in problem.activities}


def sample_passes(problem: Problem, time_limit: float) -> int:
    """Heuristic restarts that fit :data:`SAMPLE_SHARE` of the limit (from the size alone)."""
    size = sum(max(1, len(a.eligible)) for a in problem.activities) * max(1, capacity_rows(problem))
    return min(MAX_SAMPLES, int(SAMPLE_SHARE * time_limit / (SAMPLE_SECONDS_PER_PLACEMENT * size)))


def warm_start(problem: Problem, time_limit: float, seed: int) -> Schedule | None:
    """The serial heuristic's schedule, improved by seeded randomised restarts."""
    first = serial_sgs(problem)
    if first is None:
        return None
    return sampled_sgs(problem, first, sample_passes(problem, time_limit), seed)


def model_shape(problem: Problem, start_from: Schedule | None) -> tuple[int, dict[str, int] | None]:
    """Horizon of the model and, for a large model, the narrowed latest finishes."""
    horizon = horizon_for(problem, start_from)
    if start_from is None or potential_units(problem, horizon) <= LARGE_MODEL_UNITS:
        return horizon, None
    return horizon, search_caps(problem, start_from)


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
        Budget in seconds for all objective stages together (see Notes for how it is kept).
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

    The deterministic budget is ``DETERMINISTIC_UNITS_PER_SECOND × time_limit`` and normally
    ends within the limit; the clock stops a deterministic run only at ``WALL_GUARD`` times the
    limit (a very busy machine), and only then may repeat runs differ.
    """
    if deterministic is None:
        deterministic = workers == 1
    if applies(problem):  # fixed durations, makespan only (RCPSP): its own pipeline
        from planner.scheduler.makespan import solve_makespan

        return solve_makespan(problem, time_limit, seed, workers, hint, deterministic, log)
    started = time.perf_counter()
    heuristic = warm_start(problem, time_limit, seed)
    start_from = _better(problem, heuristic, hint)
    horizon, caps = model_shape(problem, start_from)
    try:
        model, variables = build_model(problem, horizon, caps)
    except ValueError:  # the calendar ends too soon: a limit of the period planned, no proof
        return SolveResult(status="UNKNOWN", schedule=None, message=beyond_calendar(horizon))
    objectives = stages(model, problem, variables)
    best = start_from if start_from is not None and start_from.makespan <= horizon else None
    if best is not None:
        add_schedule_hint(model, variables, best)
    status_names: list[str] = []
    bound: int | None = None
    stage_values: dict[str, float] = {}
    spent = 0.0
    timer = SolutionTimer(started)
    for index, (name, expression) in enumerate(objectives):
        if name == "lateness" and best is not None and lateness_of(problem, best) == 0:
            # Lateness cannot go below zero: the warm start is already optimal for this stage.
            model.add(expression <= 0)
            stage_values[name], bound = 0, 0
            status_names.append("OPTIMAL")
            continue
        share = 1.0 if index == len(objectives) - 1 else STAGE_SHARE[index]
        clock = time_limit * (WALL_GUARD if deterministic else 1.0)
        wall = max(0.05, (clock - (time.perf_counter() - started)) * share)
        # Deterministic work left is counted in CP-SAT's own units, so budgets repeat exactly.
        work = max(0.01, (time_limit * DETERMINISTIC_UNITS_PER_SECOND - spent) * share)
        model.minimize(expression)
        solver = new_solver(
            wall, work if deterministic else None, seed, workers, log, light=caps is not None
        )
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
        elif status == cp_model.INFEASIBLE and index == 0 and start_from is None:
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
    proven = bool(status_names) and all(s == "OPTIMAL" for s in status_names)
    message = "" if proven else "optimality not proven within the time limit"
    if caps is not None:
        # Optimal or bounded only among plans inside the narrowed windows: nothing overall.
        bound = 0 if bound == 0 else None
        if proven:
            proven = False
            message = "best plan found near the heuristic plan; optimality not proven"
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


def _better(problem: Problem, first: Schedule | None, second: Schedule | None) -> Schedule | None:
    """The better of two optional schedules by :func:`schedule_quality`."""
    if first is None or second is None:
        return first or second
    return min(first, second, key=lambda s: schedule_quality(problem, s))


def _result(
    status: str,
    schedule: Schedule | None,
    problem: Problem,
    started: float,
    timer: SolutionTimer,
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
