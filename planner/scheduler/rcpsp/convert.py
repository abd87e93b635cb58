"""The generic scheduling :class:`Problem` of a PSPLIB instance (what the core solves)."""

from __future__ import annotations

from planner.scheduler.problem import Activity, Precedence, Problem, Resource
from planner.scheduler.rcpsp.instance import PsplibInstance, activity_id


def to_problem(instance: PsplibInstance) -> Problem:
    """The generic scheduling :class:`Problem` of an RCPSP instance.

    Every job (dummies included) becomes a fixed-duration activity ``"j<n>"`` with its nonzero
    demands; each resource is a pool with constant capacity over the horizon (sum of
    durations); successors become zero-lag precedences; the objective is the makespan.
    """
    horizon = instance.horizon
    resources = tuple(
        Resource(id=name, capacity=(cap,) * horizon)
        for name, cap in zip(instance.resource_names, instance.capacities, strict=True)
    )
    activities = tuple(
        Activity(
            id=activity_id(job),
            duration=instance.durations[job - 1],
            demands={
                name: d
                for name, d in zip(instance.resource_names, instance.demands[job - 1], strict=True)
                if d > 0
            },
        )
        for job in instance.jobs
    )
    precedences = tuple(
        Precedence(before=activity_id(job), after=activity_id(succ))
        for job in instance.jobs
        for succ in instance.successors[job - 1]
    )
    return Problem(
        resources=resources,
        activities=activities,
        precedences=precedences,
        horizon=horizon,
        objective="makespan",
    )
