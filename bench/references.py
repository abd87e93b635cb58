"""Reference methods the production core is measured against on PSPLIB.

* :func:`solve_textbook` — the plain CP-SAT RCPSP model found in every tutorial: one interval
  per job, one ``AddCumulative`` per resource, precedence inequalities, minimise the makespan.
  No hints, no redundant constraints, no search tuning.
* :func:`solve_sgs_lft` — the serial schedule generation scheme with the latest-finish-time
  priority rule, a classic single-pass constructive heuristic.

Both work on :class:`planner.scheduler.rcpsp.PsplibInstance` directly (its plain data, predecessor
lists
and topological order, nothing that schedules) and do not use the production scheduler, so they
are independent yardsticks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.scheduler.rcpsp import PsplibInstance

__all__ = ["ReferenceResult", "latest_finish_times", "solve_sgs_lft", "solve_textbook"]


@dataclass
class ReferenceResult:
    """Outcome of a reference method.

    Attributes
    ----------
    status : str
        ``OPTIMAL``, ``FEASIBLE``, ``INFEASIBLE`` or ``UNKNOWN`` (CP-SAT), ``HEURISTIC`` (SGS).
    starts : dict[int, int]
        Start period per job number (empty if nothing was found).
    makespan : int | None
        Makespan of ``starts``.
    bound : int | None
        Proven lower bound (CP-SAT only).
    wall_seconds : float
        Total run time including model building.
    best_solution_seconds : float | None
        Time from the start of the call until the last improving solution was found.
    first_solution_seconds : float | None
        Time until the first solution.
    """

    status: str
    starts: dict[int, int] = field(default_factory=dict)
    makespan: int | None = None
    bound: int | None = None
    wall_seconds: float = 0.0
    best_solution_seconds: float | None = None
    first_solution_seconds: float | None = None


class _BestTimer(cp_model.CpSolverSolutionCallback):
    """Records when the first and the last improving solutions were found."""

    def __init__(self, t0: float) -> None:
        super().__init__()
        self._t0 = t0
        self.first: float | None = None
        self.best: float | None = None
        self.best_value: float | None = None

    def on_solution_callback(self) -> None:
        now = time.perf_counter() - self._t0
        value = self.ObjectiveValue()
        if self.first is None:
            self.first = now
        if self.best_value is None or value < self.best_value:
            self.best_value = value
            self.best = now


def solve_textbook(
    instance: PsplibInstance,
    time_limit: float = 10.0,
    workers: int = 2,
    seed: int = 0,
    log: bool = False,
) -> ReferenceResult:
    """Solve an RCPSP instance with the textbook CP-SAT model.

    Parameters
    ----------
    instance : PsplibInstance
        The instance.
    time_limit : float
        ``max_time_in_seconds`` of the solver.
    workers : int
        ``num_workers`` of the solver.
    seed : int
        ``random_seed`` of the solver.
    log : bool
        Print the CP-SAT search log.

    Returns
    -------
    ReferenceResult
    """
    t0 = time.perf_counter()
    horizon = instance.horizon
    model = cp_model.CpModel()
    starts: list[cp_model.IntVar] = []
    ends: list[cp_model.IntVar] = []
    intervals: list[cp_model.IntervalVar] = []
    for job in instance.jobs:
        d = instance.durations[job - 1]
        s = model.new_int_var(0, horizon - d, f"s{job}")
        e = model.new_int_var(d, horizon, f"e{job}")
        starts.append(s)
        ends.append(e)
        intervals.append(model.new_interval_var(s, d, e, f"i{job}"))
    for job in instance.jobs:
        for succ in instance.successors[job - 1]:
            model.add(starts[succ - 1] >= ends[job - 1])
    for k, cap in enumerate(instance.capacities):
        used = [(intervals[j - 1], instance.demands[j - 1][k]) for j in instance.jobs]
        used = [(iv, d) for iv, d in used if d > 0]
        if used:
            model.add_cumulative([iv for iv, _ in used], [d for _, d in used], cap)
    makespan = model.new_int_var(0, horizon, "makespan")
    model.add_max_equality(makespan, ends)
    model.minimize(makespan)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = log
    timer = _BestTimer(t0)
    status = solver.solve(model, timer)
    wall = time.perf_counter() - t0
    name = solver.status_name(status)
    result = ReferenceResult(status=name, wall_seconds=wall)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result.starts = {job: solver.value(starts[job - 1]) for job in instance.jobs}
        result.makespan = int(solver.objective_value)
        result.bound = int(solver.best_objective_bound)
        result.best_solution_seconds = timer.best if timer.best is not None else wall
        result.first_solution_seconds = timer.first if timer.first is not None else wall
    return result


def latest_finish_times(instance: PsplibInstance) -> list[int]:
    """Latest finish time of every job (index ``job - 1``) by a backward pass.

    The project deadline is the critical-path length (earliest finish of the project with
    unlimited resources), so the LFT of a job is the critical-path bound minus the longest
    path from the job's finish to the project end.
    """
    n = instance.n_jobs
    dur = instance.durations
    preds = instance.predecessors()
    order = instance.topological_order()
    earliest_finish = [0] * n
    for job in order:
        est = max((earliest_finish[p - 1] for p in preds[job - 1]), default=0)
        earliest_finish[job - 1] = est + dur[job - 1]
    deadline = max(earliest_finish, default=0)
    lft = [deadline] * n
    for job in reversed(order):
        for succ in instance.successors[job - 1]:
            lft[job - 1] = min(lft[job - 1], lft[succ - 1] - dur[succ - 1])
    return lft


def solve_sgs_lft(instance: PsplibInstance) -> ReferenceResult:
    """Serial schedule generation scheme with the latest-finish-time priority rule.

    Repeatedly take the eligible job (all predecessors scheduled) with the smallest LFT (ties:
    smaller job number) and start it at the earliest period that is after all its predecessors
    have finished and where every resource has room for its whole duration.

    Raises
    ------
    ValueError
        If a job needs more of a resource than its capacity (no schedule exists).
    """
    t0 = time.perf_counter()
    n = instance.n_jobs
    dur = instance.durations
    caps = instance.capacities
    for job in instance.jobs:
        for k, need in enumerate(instance.demands[job - 1]):
            if need > caps[k]:
                raise ValueError(f"{instance.name}: job {job} needs {need} > capacity {caps[k]}")
    lft = latest_finish_times(instance)
    preds = instance.predecessors()
    horizon = instance.horizon + 1
    free = [[c] * horizon for c in caps]  # free[k][t]: units of resource k left in period t
    waiting = [len(p) for p in preds]
    eligible = {j for j in instance.jobs if waiting[j - 1] == 0}
    starts: dict[int, int] = {}
    finish = [0] * n
    while eligible:
        job = min(eligible, key=lambda j: (lft[j - 1], j))
        eligible.remove(job)
        d = dur[job - 1]
        need = [(k, q) for k, q in enumerate(instance.demands[job - 1]) if q > 0]
        t = max((finish[p - 1] for p in preds[job - 1]), default=0)
        while True:
            clash = -1
            for k, q in need:
                row = free[k]
                for u in range(t, t + d):
                    if row[u] < q:
                        clash = max(clash, u)
                        break
            if clash < 0:
                break
            t = clash + 1
        for k, q in need:
            row = free[k]
            for u in range(t, t + d):
                row[u] -= q
        starts[job] = t
        finish[job - 1] = t + d
        for succ in instance.successors[job - 1]:
            waiting[succ - 1] -= 1
            if waiting[succ - 1] == 0:
                eligible.add(succ)
    wall = time.perf_counter() - t0
    return ReferenceResult(
        status="HEURISTIC",
        starts=starts,
        makespan=max(finish, default=0),
        wall_seconds=wall,
        best_solution_seconds=wall,
        first_solution_seconds=wall,
    )
