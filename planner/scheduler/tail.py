"""Is the best plan inside the model's periods the best of all plans, however late they end?

The CP-SAT model of an agency problem covers periods ``0 .. H-1`` (H a little past the
heuristic plan), far fewer than the calendar. A plan that ends later can be better: deferring
a chain that runs through a long client review can protect a high-priority promise, and work
nobody waits for can wait for a cheaper person. So an optimum proven inside H is not yet the
optimum of the whole problem.

The **tail relaxation** settles this without modelling every later period. From H on every
resource has unlimited capacity: effort booked there (``overflow``) only makes its activity
finish after H; precedences, releases and client-step lengths still hold. Any plan of the whole
problem maps onto a relaxed plan that is no worse: work booked before H stays where it is, and
every activity that ends after H moves earlier or stays (in precedence order, with unlimited
capacity it can always start as soon as its predecessors allow), so its lateness does not grow
and its cost is the same. The relaxation's lower bound is therefore a lower bound for the whole
problem, and when it reaches the value found inside H that value is optimal overall (the
model spans enough periods past H for that image of any plan: :func:`tail_span`). When the
relaxation instead finds something better, its plan tells how many periods a better real plan
may need: the solver grows H to that and tries again (:mod:`planner.scheduler.solve`).

Fixed-duration activities that use capacity (PSPLIB jobs) would keep their demands in the tail,
which is not a relaxation; problems with such activities are not checked here (they go through
:mod:`planner.scheduler.makespan`, whose horizon is an upper bound by construction).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.scheduler.constraints import add_capacity, add_effort_rules, add_precedences
from planner.scheduler.cpsat import SolveBudget, add_schedule_hint
from planner.scheduler.heuristic import earliest_start, min_duration
from planner.scheduler.objective import cost, lateness
from planner.scheduler.problem import Problem, Schedule
from planner.scheduler.variables import Variables, create_variables


@dataclass(frozen=True)
class TailCheck:
    """What the tail relaxation says about one objective stage.

    ``bound`` is a lower bound of the stage over the whole problem (None when none was
    found); ``proven`` is true when it reaches the value found inside the horizon; ``reach`` is
    the finish of a strictly better relaxed plan (a horizon worth trying), else None.
    """

    bound: int | None
    proven: bool
    reach: int | None = None


def applies_to(problem: Problem) -> bool:
    """True when the tail relaxation is a relaxation of ``problem`` (no capacity-using fixed
    activities)."""
    return not any(a.demands and a.duration for a in problem.activities)


def tail_span(problem: Problem) -> int:
    """Periods after the tail start enough for the relaxed image of any real plan.

    That image keeps every activity that ends before the tail start and moves each later one
    as early as its predecessors, its release and its shortest possible duration allow (in
    precedence order). So no finish exceeds the tail start plus the latest earliest finish,
    plus every activity one after the other, plus every lag.
    """
    est = earliest_start(problem)
    lengths = {a.id: max(min_duration(a, problem), 1) for a in problem.activities}
    return (
        max((est[a] + n for a, n in lengths.items()), default=0)
        + sum(lengths.values())
        + sum(max(p.lag, 0) for p in problem.precedences)
        + 1
    )


def cost_floor(problem: Problem) -> int:
    """The cost if every effort unit went to its cheapest eligible resource: a lower bound of
    the cost stage that no horizon can beat."""
    rate = {r.id: r.unit_cost for r in problem.resources}
    return sum(a.work * min(rate[r] for r in a.eligible) for a in problem.activities if a.is_effort)


def check_stage(
    problem: Problem,
    horizon: int,
    stage: str,
    found: dict[str, int],
    schedule: Schedule,
    solver: cp_model.CpSolver,
    budget: SolveBudget,
) -> TailCheck:
    """Bound ``stage`` ("lateness" or "cost") over the whole problem with the tail relaxation.

    Parameters
    ----------
    problem
        The problem (see :func:`applies_to`).
    horizon
        Periods of the real model; the tail starts here.
    stage
        The stage to bound; for "cost", lateness is held to ``found["lateness"]``.
    found
        Values found inside the horizon per stage (the one to prove and those before it).
    schedule
        The plan found inside the horizon (a hint; it is a relaxed plan too).
    solver
        A configured CP-SAT solver (its limits are the check's share of ``budget``).
    budget
        The solve's budget, charged with the work done.
    """
    model = cp_model.CpModel()
    v = create_variables(model, problem, horizon + tail_span(problem), tail_start=horizon)
    add_precedences(model, problem, v)
    add_effort_rules(model, problem, v)
    add_capacity(model, problem, v)
    late = lateness(model, problem, v)
    if stage == "cost":
        model.add(late <= found["lateness"])
        objective = cost(model, problem, v)
    else:
        objective = late
    _hint(model, v, schedule)
    model.minimize(objective)
    # Probing in presolve spent a whole 0.3-unit budget on the Kivi retainer's relaxation
    # without a first solution; without it the proof takes 0.1 unit (measured).
    solver.parameters.cp_model_probing_level = 0
    status = budget.run(solver, model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return TailCheck(bound=None, proven=False)
    # Objective values are integers, so a fractional bound rounds up.
    bound = math.ceil(solver.best_objective_bound - 1e-6)
    if bound >= found[stage]:
        return TailCheck(bound=found[stage], proven=True)
    better = round(solver.objective_value) < found[stage]
    reach = max(solver.value(f) for f in v.finish.values()) if better else None
    return TailCheck(bound=max(bound, 0), proven=False, reach=reach)


def _hint(model: cp_model.CpModel, v: Variables, schedule: Schedule) -> None:
    """The real plan as the relaxed model's starting point: nothing in the tail."""
    add_schedule_hint(model, v, schedule)
    for var in v.overflow.values():
        model.add_hint(var, 0)
    for var in v.spills.values():
        model.add_hint(var, False)
