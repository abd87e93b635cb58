"""Objective stages, solved lexicographically.

Agency: (1) weighted working days late over all promises, (2) the lowest cost of who does the
work at that lateness, (3) finish early — the makespan, then the sum of finishes. PSPLIB: the
makespan alone.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from planner.scheduler.problem import Problem
from planner.scheduler.variables import Variables


def lateness(model: cp_model.CpModel, problem: Problem, v: Variables) -> cp_model.LinearExpr:
    """Soft constraint "promise": weighted periods each promised activity finishes late."""
    terms = []
    for activity in problem.activities:
        if activity.due is None:
            continue
        late = model.new_int_var(0, v.horizon, f"late[{activity.id}]")
        model.add(late >= v.finish[activity.id] - activity.due)
        v.late[activity.id] = (late, activity.due)
        terms.append(activity.weight * late)
    return sum(terms) if terms else cp_model.LinearExpr.constant(0)


def makespan(model: cp_model.CpModel, problem: Problem, v: Variables) -> cp_model.IntVar:
    """The latest finish over all activities."""
    end = model.new_int_var(0, v.horizon, "makespan")
    model.add_max_equality(end, list(v.finish.values()) or [0])
    v.makespan = end
    return end


def earliness(model: cp_model.CpModel, problem: Problem, v: Variables) -> cp_model.LinearExpr:
    """Makespan first, then the sum of all finishes (everything as early as it can be)."""
    weight = len(v.finish) * v.horizon + 1
    return weight * makespan(model, problem, v) + sum(v.finish.values())


def cost(model: cp_model.CpModel, problem: Problem, v: Variables) -> cp_model.LinearExpr:
    """Units booked (tail overflow included) times each resource's unit cost, exactly."""
    rates = {r.id: r.unit_cost for r in problem.resources}
    terms = [rates[r] * x for (_, r, _), x in v.units.items() if rates[r]]
    terms += [rates[r] * x for (_, r), x in v.overflow.items() if rates[r]]
    return sum(terms) if terms else cp_model.LinearExpr.constant(0)


def stages(
    model: cp_model.CpModel, problem: Problem, v: Variables
) -> list[tuple[str, cp_model.LinearExpr]]:
    """The named objective stages of ``problem.objective``, most important first."""
    if problem.objective == "makespan":
        return [("makespan", makespan(model, problem, v))]
    return [
        ("lateness", lateness(model, problem, v)),
        ("cost", cost(model, problem, v)),
        ("earliness", earliness(model, problem, v)),
    ]
