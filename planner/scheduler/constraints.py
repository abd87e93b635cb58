"""Constraint families of the CP-SAT model, one named function each.

The names in :data:`CONSTRAINT_FAMILIES` are what diagnosis reports point at.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from planner.scheduler.problem import Activity, Problem
from planner.scheduler.variables import Variables

CONSTRAINT_FAMILIES: dict[str, str] = {
    "precedence": "An activity starts only after its predecessors finish, plus the lag.",
    "effort_complete": "All effort of an activity is booked.",
    "effort_window": "Effort is booked only between an activity's start and finish.",
    "team_size": "At most max_resources resources share an effort activity.",
    "effort_capacity": "No resource is booked beyond its capacity in any period.",
    "fixed_capacity": "Fixed-duration demands never exceed a resource's capacity.",
    "tail": "Tail relaxation only: effort booked past the model's periods ends after them.",
}


def add_precedences(model: cp_model.CpModel, problem: Problem, v: Variables) -> None:
    """Hard constraint "precedence": ``start[after] >= finish[before] + lag``."""
    for p in problem.precedences:
        model.add(v.start[p.after] >= v.finish[p.before] + p.lag)


def add_effort_rules(model: cp_model.CpModel, problem: Problem, v: Variables) -> None:
    """Hard constraints "effort_complete", "effort_window" and "team_size"."""
    for activity in problem.activities:
        if not activity.is_effort:
            continue
        a = activity.id
        first, latest = v.window[a]
        booked = v.units_of[a]
        overflow = [(r, x) for (b, r), x in v.overflow.items() if b == a]
        model.add(sum(x for _, _, x in booked) + sum(x for _, x in overflow) == activity.work)
        by_period: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        by_resource: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for r, p, x in booked:
            by_period[p].append(x)
            by_resource[r].append(x)
        for r, x in overflow:
            by_resource[r].append(x)
        # One linear link per (activity, resource) instead of one enforced constraint per unit.
        for r, xs in by_resource.items():
            if (a, r) in v.assigned:
                model.add(sum(xs) <= activity.work * v.assigned[a, r])
        for p in range(first, min(latest, v.tail_start or latest)):
            active = v.active[a, p]
            model.add(v.start[a] <= p).only_enforce_if(active)
            model.add(v.finish[a] >= p + 1).only_enforce_if(active)
            if by_period[p]:
                model.add(sum(by_period[p]) == 0).only_enforce_if(~active)
        team = [v.assigned[a, r] for r in activity.eligible if (a, r) in v.assigned]
        if team:
            model.add(sum(team) >= 1)
            model.add(sum(team) <= activity.max_resources)
        if overflow:
            add_tail_rule(model, activity, v, [x for _, x in overflow])


def add_tail_rule(
    model: cp_model.CpModel, activity: Activity, v: Variables, overflow: list[cp_model.IntVar]
) -> None:
    """Relaxation rule "tail": effort booked at or after ``tail_start`` (where capacity counts
    as unlimited) makes the activity finish after ``tail_start``, one period after its start
    at the earliest."""
    a, spills = activity.id, v.spills[activity.id]
    assert v.tail_start is not None
    model.add(sum(overflow) == 0).only_enforce_if(~spills)
    model.add(v.finish[a] >= v.tail_start + 1).only_enforce_if(spills)
    model.add(v.finish[a] >= v.start[a] + 1)


def add_capacity(model: cp_model.CpModel, problem: Problem, v: Variables) -> None:
    """Hard constraints "effort_capacity" and "fixed_capacity".

    Raises
    ------
    ValueError
        If one resource carries both effort work and fixed demands (not supported).
    """
    effort_load: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    for (_, r, p), x in v.units.items():
        effort_load[r, p].append(x)
    fixed_users: dict[str, list[tuple[cp_model.IntervalVar, int]]] = defaultdict(list)
    for activity in problem.activities:
        for r, units in activity.demands.items():
            if units > 0 and activity.duration > 0:
                fixed_users[r].append((v.interval[activity.id], units))
    for (r, p), loads in effort_load.items():
        if r in fixed_users:
            raise ValueError(f"resource {r!r} carries both effort and fixed-duration demands")
        if len(loads) > 1:
            model.add(sum(loads) <= problem.resource(r).available(p))
    for r, users in fixed_users.items():
        resource = problem.resource(r)
        peak = max(resource.capacity[: v.horizon], default=0)
        intervals = [i for i, _ in users]
        demands = [d for _, d in users]
        # Periods with less than the peak get a fixed blocker so one cumulative suffices.
        for start, length, missing in _shortfalls(resource.capacity, peak, v.horizon):
            intervals.append(
                model.new_fixed_size_interval_var(start, length, f"blocked[{r},{start}]")
            )
            demands.append(missing)
        model.add_cumulative(intervals, demands, peak)


def _shortfalls(capacity: tuple[int, ...], peak: int, horizon: int) -> list[tuple[int, int, int]]:
    """Runs of periods below ``peak`` as (start, length, missing units)."""
    runs: list[tuple[int, int, int]] = []
    p = 0
    while p < horizon:
        missing = peak - (capacity[p] if p < len(capacity) else 0)
        q = p
        while q < horizon and peak - (capacity[q] if q < len(capacity) else 0) == missing:
            q += 1
        if missing > 0:
            runs.append((p, q - p, missing))
        p = q
    return runs
