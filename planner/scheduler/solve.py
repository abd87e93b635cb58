"""Solve a :class:`Problem` with CP-SAT: warm start, lexicographic stages, plain-data result.

The agency stages and when their values are proven for the whole problem are in
:mod:`planner.scheduler.lexicographic`; fixed-duration makespan problems (RCPSP) have their own
pipeline in :mod:`planner.scheduler.makespan`.

ortools is imported inside ``planner.scheduler`` only.
"""

from __future__ import annotations

from planner.scheduler.cpsat import SolveBudget
from planner.scheduler.heuristic import sampled_sgs, schedule_quality, serial_sgs
from planner.scheduler.lexicographic import LexicographicSearch, StageOutcome
from planner.scheduler.passes import applies
from planner.scheduler.problem import Problem, Schedule, SolveResult, Status, Unproven, lateness_of

LARGE_MODEL_UNITS = 8_000
"""Above this many potential ``units`` variables (eligible people × periods left, summed over
effort activities) a model counts as large: its search windows are narrowed around the warm
start and presolve is kept light (measured: at 25 people × 300 tasks the full model spent a
5 s budget in presolve without a solution)."""

MAX_MODEL_UNITS = 400_000
"""Above this many potential ``units`` variables a model that is not narrowed (the heuristic
found no plan to narrow around) is not built: that build alone took 47–80 s and 2.9 GB before
the time limit started counting (2,900 one-hour tasks for one person, 760,000 variables), only
to report what the failed heuristic already shows, that no plan was found."""
MAX_NARROWED_UNITS = 1_500_000
"""The same bound for narrowed models (an upper bound of their variables; the agency benchmark
at 60 people × 2,000 tasks × 6 months counts 687,000 and builds about 280,000 variables in
3 s): above it the heuristic's valid plan is returned, labelled as not searched."""
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


def narrowed_units(problem: Problem, caps: dict[str, int]) -> int:
    """How many ``units`` variables a model narrowed to ``caps`` could have (an upper bound)."""
    return sum(
        len(a.eligible) * max(0, caps[a.id] - a.release) for a in problem.activities if a.is_effort
    )


def largest_small_horizon(problem: Problem, at_least: int) -> int:
    """The largest horizon (up to the capacity rows) whose model is not large, or ``at_least``.

    ``potential_units`` grows with the horizon, so a bisection finds it.
    """
    low, high = at_least, capacity_rows(problem)
    while low < high:
        middle = (low + high + 1) // 2
        if potential_units(problem, middle) <= LARGE_MODEL_UNITS:
            low = middle
        else:
            high = middle - 1
    return low


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
        Status OPTIMAL only when every stage is proven best over the whole problem (all its
        capacity periods), not only inside the model's horizon.

    Notes
    -----
    The deterministic budget is ``DETERMINISTIC_UNITS_PER_SECOND × time_limit`` and normally
    ends within the limit; the clock stops a deterministic run only at ``WALL_GUARD`` times the
    limit (a very busy machine): the result then says ``clock_stopped`` and repeat runs may
    differ.
    """
    if deterministic is None:
        deterministic = workers == 1
    if applies(problem):  # fixed durations, makespan only (RCPSP): its own pipeline
        from planner.scheduler.makespan import solve_makespan

        return solve_makespan(problem, time_limit, seed, workers, hint, deterministic, log)
    return _solve_stages(problem, SolveBudget(time_limit, seed, workers, deterministic, log), hint)


def _solve_stages(problem: Problem, budget: SolveBudget, hint: Schedule | None) -> SolveResult:
    """Warm start, then the lexicographic stages over a horizon that grows as needed."""
    heuristic = warm_start(problem, budget.time_limit, budget.seed)
    start_from = _better(problem, heuristic, hint)
    horizon, caps = model_shape(problem, start_from)
    if too_large_to_build(problem, horizon, caps):
        return _heuristic_only(problem, start_from, budget)
    search = LexicographicSearch(
        problem, budget, capacity_rows(problem), start_from, light=caps is not None
    )
    try:
        search.run(horizon, caps, largest_small_horizon(problem, horizon))
    except ValueError as exc:  # an activity that cannot fit in the capacity rows at all
        return SolveResult(status=Status.INFEASIBLE, schedule=None, message=str(exc))
    return _result(problem, search, heuristic, narrowed=caps is not None)


def too_large_to_build(problem: Problem, horizon: int, caps: dict[str, int] | None) -> bool:
    """True when the model would exceed :data:`MAX_MODEL_UNITS` (not narrowed) or
    :data:`MAX_NARROWED_UNITS` (narrowed) variables."""
    if caps is None:
        return potential_units(problem, horizon) > MAX_MODEL_UNITS
    return narrowed_units(problem, caps) > MAX_NARROWED_UNITS


def _heuristic_only(
    problem: Problem, schedule: Schedule | None, budget: SolveBudget
) -> SolveResult:
    """A model too large to build: the heuristic's valid plan as it is (not searched, not
    proven), or, when the heuristic found none, no plan and nothing proven."""
    if schedule is None:
        return SolveResult(
            status=Status.UNKNOWN,
            schedule=None,
            wall_seconds=budget.elapsed,
            message=TOO_LARGE_UNPLANNED,
        )
    return SolveResult(
        status=Status.FEASIBLE,
        schedule=schedule,
        lateness=lateness_of(problem, schedule),
        makespan=schedule.makespan,
        wall_seconds=budget.elapsed,
        heuristic_makespan=schedule.makespan,
        message=UNPROVEN_MESSAGES[Unproven.TOO_LARGE],
        unproven=Unproven.TOO_LARGE,
    )


def _result(
    problem: Problem,
    search: LexicographicSearch,
    heuristic: Schedule | None,
    narrowed: bool,
) -> SolveResult:
    """The plain-data result of a finished search, its status and claims made true."""
    best, budget, timer = search.best, search.budget, search.budget.timer
    status, unproven, message = _status(search, narrowed)
    lateness = next(iter(search.stages.values()))
    cost = search.stages.get("cost", StageOutcome())
    return SolveResult(
        status=status,
        schedule=best,
        lateness=lateness_of(problem, best) if best else None,
        makespan=best.makespan if best else None,
        bound=lateness.bound if best else None,
        wall_seconds=budget.elapsed,
        first_solution_seconds=timer.times[0] if timer.times else None,
        best_solution_seconds=timer.times[-1] if timer.times else None,
        heuristic_makespan=heuristic.makespan if heuristic else None,
        message=message,
        stats={n: s.value for n, s in search.stages.items() if s.value is not None},
        cost=cost.value if best else None,
        cost_bound=cost.bound if best else None,
        horizon=search.horizon,
        clock_stopped=budget.clock_stopped,
        unproven=unproven,
        work=budget.spent,
    )


TOO_LARGE_UNPLANNED = "too large to search, and the quick plan does not fit (nothing is proven)"
"""The message of a model too large to build whose heuristic found no plan either."""

UNPROVEN_MESSAGES = {
    Unproven.TIME_LIMIT: "optimality not proven within the time limit",
    Unproven.HORIZON: "best plan among those ending by period {horizon}; one ending later may be "
    "better and was not ruled out within the time limit",
    Unproven.NARROWED: "best plan found near the heuristic plan; optimality not proven",
    Unproven.TOO_LARGE: "too large to search: the quick heuristic plan, not optimised",
}


def _status(search: LexicographicSearch, narrowed: bool) -> tuple[str, str | None, str]:
    """Status, why it is not proven (if so) and the message of a finished search."""
    if search.best is None:
        first = next(iter(search.stages.values()), None)
        if first is not None and first.status == Status.INFEASIBLE:
            return Status.INFEASIBLE, None, "no schedule exists within the planning horizon"
        return Status.UNKNOWN, None, "no schedule found within the time limit (nothing is proven)"
    if search.proven and not narrowed:
        return Status.OPTIMAL, None, ""
    reason = Unproven.NARROWED if narrowed else search.unproven or Unproven.TIME_LIMIT
    return Status.FEASIBLE, reason, UNPROVEN_MESSAGES[reason].format(horizon=search.horizon)


def _better(problem: Problem, first: Schedule | None, second: Schedule | None) -> Schedule | None:
    """The better of two optional schedules by :func:`schedule_quality`."""
    if first is None or second is None:
        return first or second
    return min(first, second, key=lambda s: schedule_quality(problem, s))


TOO_LARGE_MESSAGES = (UNPROVEN_MESSAGES[Unproven.TOO_LARGE], TOO_LARGE_UNPLANNED)
"""The messages of a plan from a model too large to search (callers skip further searches)."""
