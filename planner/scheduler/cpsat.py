"""CP-SAT plumbing shared by every solve: the model of a :class:`Problem`, hints, reading a
schedule back, and solver parameters.
"""

from __future__ import annotations

import time
from collections import defaultdict

from ortools.sat.python import cp_model

from planner.scheduler.constraints import add_capacity, add_effort_rules, add_precedences
from planner.scheduler.problem import Problem, Schedule
from planner.scheduler.variables import Variables, create_variables

DETERMINISTIC_UNITS_PER_SECOND = 0.3
"""CP-SAT deterministic work allowed per second of time limit (measured: one unit takes about
1.5–3 s of wall time on a 2-core machine), so the deterministic budget normally ends first."""

WALL_GUARD = 2.0
"""In deterministic runs the clock stops a solve only at this multiple of its time limit: the
deterministic budget ends first even on a busy machine, so answers repeat run to run."""


class SolutionTimer(cp_model.CpSolverSolutionCallback):
    """Records when solutions arrive, for time-to-first/best figures."""

    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.times: list[float] = []

    def on_solution_callback(self) -> None:
        self.times.append(time.perf_counter() - self.started)


def build_model(
    problem: Problem, horizon: int, caps: dict[str, int] | None = None
) -> tuple[cp_model.CpModel, Variables]:
    """The CP-SAT model of ``problem`` (variables and hard constraints, no objective).

    ``caps`` narrows activities' latest finish (see :func:`planner.scheduler.solve.search_caps`).
    """
    model = cp_model.CpModel()
    variables = create_variables(model, problem, horizon, caps)
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
    for a, (var, due) in v.late.items():
        model.add_hint(var, max(0, schedule.finish[a] - due))
    if v.makespan is not None:
        model.add_hint(v.makespan, schedule.makespan)


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


def new_solver(
    wall: float, work: float | None, seed: int, workers: int, log: bool, light: bool = False
) -> cp_model.CpSolver:
    """A CP-SAT solver with the project's parameters.

    ``work`` is a deterministic-time budget (None: the wall clock alone); ``light`` keeps
    presolve short for large models.
    """
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = workers
    params.random_seed = seed
    params.log_search_progress = log
    params.catch_sigint_signal = False  # Ctrl-C is the CLI's (planner.interrupt)
    params.max_time_in_seconds = wall
    if light:  # large models: a presolve that leaves time for search
        params.cp_model_probing_level = 0
        params.symmetry_level = 0
        params.max_presolve_iterations = 1
    if work is not None:
        params.max_deterministic_time = work
        params.interleave_search = workers > 1
    return solver
