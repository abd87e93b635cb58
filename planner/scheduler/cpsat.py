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
    wall: float,
    work: float | None,
    seed: int,
    workers: int,
    log: bool = False,
    light: bool = False,
    probing: bool = True,
) -> cp_model.CpSolver:
    """A CP-SAT solver with the project's parameters (the only place solvers are made).

    ``work`` is a deterministic-time budget (None: the wall clock alone); ``light`` keeps
    presolve short for large models; ``probing`` False skips presolve probing only (the proof
    models of diagnosis: probing can eat a whole small budget before the hint is tried).
    """
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = workers
    params.random_seed = seed
    params.log_search_progress = log
    params.catch_sigint_signal = False  # Ctrl-C is the CLI's (planner.cli.interrupt)
    params.max_time_in_seconds = wall
    if not probing:
        params.cp_model_probing_level = 0
    if light:  # large models: a presolve that leaves time for search
        params.cp_model_probing_level = 0
        params.symmetry_level = 0
        params.max_presolve_iterations = 1
    if work is not None:
        params.max_deterministic_time = work
        params.interleave_search = workers > 1
    return solver


class SolveBudget:
    """One time limit shared by the solver runs of a solve, kept repeatable.

    Each run gets a share of what is left: of the deterministic work budget
    (``DETERMINISTIC_UNITS_PER_SECOND × time_limit``, counted in CP-SAT's own units so it
    repeats exactly) and of the wall clock (``WALL_GUARD × time_limit`` in deterministic runs,
    a safety net). ``clock_stopped`` records whether the clock ever ended a run before its work
    budget: only then may the same problem and seed give another answer.
    """

    def __init__(
        self, time_limit: float, seed: int, workers: int, deterministic: bool, log: bool
    ) -> None:
        self.started = time.perf_counter()
        self.time_limit, self.seed, self.workers = time_limit, seed, workers
        self.deterministic, self.log = deterministic, log
        self.spent = 0.0
        self.clock_stopped = False
        self.timer = SolutionTimer(self.started)

    def solver(self, share: float, light: bool = False) -> cp_model.CpSolver:
        """A solver allowed ``share`` of the work and time left."""
        clock = self.time_limit * (WALL_GUARD if self.deterministic else 1.0)
        wall = max(0.05, (clock - (time.perf_counter() - self.started)) * share)
        work = max(0.01, (self.time_limit * DETERMINISTIC_UNITS_PER_SECOND - self.spent) * share)
        deterministic_work = work if self.deterministic else None
        return new_solver(wall, deterministic_work, self.seed, self.workers, self.log, light)

    def run(self, solver: cp_model.CpSolver, model: cp_model.CpModel, timed: bool = False) -> int:
        """Solve ``model``, charge the work done, note a clock stop; returns the status code."""
        status = solver.solve(model, self.timer) if timed else solver.solve(model)
        self.spent += solver.deterministic_time
        decided = status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
        # An undecided run that did not use up its work budget was stopped by the clock.
        work_left = solver.deterministic_time < 0.95 * solver.parameters.max_deterministic_time
        if self.deterministic and not decided and work_left:
            self.clock_stopped = True
        return status

    @property
    def elapsed(self) -> float:
        """Seconds since the budget was opened."""
        return time.perf_counter() - self.started
