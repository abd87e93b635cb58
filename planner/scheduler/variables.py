"""Decision variables of the CP-SAT model: when each activity runs and who does how much.

* ``start``/``finish`` per activity (periods; finish exclusive), with domains cut to the
  window that precedences, releases and the horizon allow;
* ``interval`` per fixed activity (for cumulative constraints);
* ``units[a, r, p]``: effort units activity ``a`` books on resource ``r`` in period ``p``;
* ``assigned[a, r]``: resource ``r`` takes part in effort activity ``a``;
* ``active[a, p]``: effort activity ``a`` may book in period ``p`` (start ≤ p < finish);
* ``late``/``makespan``: objective auxiliaries, filled in by :mod:`.objective` (kept here so a
  hint can cover every variable);
* ``overflow[a, r]`` (tail relaxation only, see :mod:`.tail`): effort units booked on ``r`` at
  or after ``tail_start``, where capacity is taken as unlimited; ``spills[a]`` is true when any
  are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.scheduler.heuristic import earliest_start, latest_finish, min_duration
from planner.scheduler.problem import Activity, Problem


@dataclass
class Variables:
    """All variables of one model, keyed by activity/resource ids and periods."""

    horizon: int
    start: dict[str, cp_model.IntVar] = field(default_factory=dict)
    finish: dict[str, cp_model.IntVar] = field(default_factory=dict)
    interval: dict[str, cp_model.IntervalVar] = field(default_factory=dict)
    units: dict[tuple[str, str, int], cp_model.IntVar] = field(default_factory=dict)
    assigned: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    active: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    window: dict[str, tuple[int, int]] = field(default_factory=dict)
    units_of: dict[str, list[tuple[str, int, cp_model.IntVar]]] = field(default_factory=dict)
    late: dict[str, tuple[cp_model.IntVar, int]] = field(default_factory=dict)
    makespan: cp_model.IntVar | None = None
    tail_start: int | None = None
    overflow: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    spills: dict[str, cp_model.IntVar] = field(default_factory=dict)


def create_variables(
    model: cp_model.CpModel,
    problem: Problem,
    horizon: int,
    caps: Mapping[str, int] | None = None,
    tail_start: int | None = None,
) -> Variables:
    """Create the variables of ``problem`` over periods ``0 .. horizon-1``.

    ``caps`` optionally bounds activities' latest finish below the horizon (search windows);
    the bounds are pushed back through the precedences like the horizon is. With
    ``tail_start`` effort is booked period by period only before it, and as ``overflow`` from
    it on (the tail relaxation of :mod:`planner.scheduler.tail`).

    Raises
    ------
    ValueError
        If some activity cannot fit in the horizon even with unlimited capacity.
    """
    variables = Variables(horizon=horizon)
    est = earliest_start(problem)
    lft = latest_finish(problem, horizon, with_due=False, caps=caps)
    for activity in problem.activities:
        a = activity.id
        duration = min_duration(activity, problem)
        latest = lft[a]
        if est[a] + duration > latest:
            raise ValueError(f"activity {a!r} cannot fit before period {horizon}")
        variables.window[a] = (est[a], latest)
        variables.start[a] = model.new_int_var(est[a], latest - duration, f"start[{a}]")
        variables.finish[a] = model.new_int_var(est[a] + duration, latest, f"finish[{a}]")
        if not activity.is_effort:
            variables.interval[a] = model.new_interval_var(
                variables.start[a], activity.duration, variables.finish[a], f"interval[{a}]"
            )
            continue
        booking_end = latest if tail_start is None else min(latest, tail_start)
        _add_effort_variables(model, problem, activity, range(est[a], booking_end), variables)
    if tail_start is not None:
        _add_overflow_variables(model, problem, tail_start, variables)
    return variables


def _add_effort_variables(
    model: cp_model.CpModel,
    problem: Problem,
    activity: Activity,
    periods: range,
    variables: Variables,
) -> None:
    """``units``, ``assigned`` and ``active`` of one effort activity over ``periods``."""
    a = activity.id
    booked = variables.units_of[a] = []
    for r in activity.eligible:
        capacity = problem.resource(r)
        if len(activity.eligible) > 1:
            variables.assigned[a, r] = model.new_bool_var(f"assigned[{a},{r}]")
        for p in periods:
            units = capacity.available(p)
            if units > 0:
                x = model.new_int_var(0, min(units, activity.work), f"units[{a},{r},{p}]")
                variables.units[a, r, p] = x
                booked.append((r, p, x))
    for p in periods:
        variables.active[a, p] = model.new_bool_var(f"active[{a},{p}]")


def _add_overflow_variables(
    model: cp_model.CpModel, problem: Problem, tail_start: int, variables: Variables
) -> None:
    """``overflow`` and ``spills`` of every effort activity (tail relaxation)."""
    variables.tail_start = tail_start
    for activity in problem.activities:
        if not activity.is_effort:
            continue
        a = activity.id
        variables.spills[a] = model.new_bool_var(f"spills[{a}]")
        for r in activity.eligible:
            variables.overflow[a, r] = model.new_int_var(0, activity.work, f"overflow[{a},{r}]")
