"""Adapter: an agency scenario (people, brief) as a generic scheduling :class:`Problem`.

People become resources whose capacity is their free minutes per agency working day; agency
tasks become effort activities on the people holding the role; client steps become fixed
activities with no demand; promised dates become due periods.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.model import Scenario
from planner.planning.calendar import WorkCalendar
from planner.planning.instances import TaskInstance
from planner.scheduler.problem import Activity, Precedence, Problem, Resource


def eligible_people(scenario: Scenario, instance: TaskInstance) -> tuple[str, ...]:
    """Names of the people who may do an agency task (the named person, or the role holders)."""
    task = instance.task
    if task.person:
        return (task.person,)
    return tuple(p.name for p in scenario.team if task.role in p.roles)


RATE_DIGITS = 6
"""Decimal places of a bill rate the cost stage keeps exactly (a millionth of a currency unit
per hour); finer rates are rounded there, and the price shown is always computed exactly."""


def rate_scale(rates: Sequence[float]) -> int:
    """The smallest power of ten that makes every rate a whole number (at most 10**RATE_DIGITS).

    The cost stage compares plans in exact integers: ``round(rate × scale)`` per minute booked.
    """
    for digits in range(RATE_DIGITS + 1):
        scale = 10**digits
        if all(abs(rate * scale - round(rate * scale)) < 1e-6 for rate in rates):
            return scale
    return 10**RATE_DIGITS


def money_of_cost(scenario: Scenario, cost: int) -> float:
    """A cost-stage value of :func:`build_problem`'s problem in the scenario's currency
    (minutes × scaled hourly rates, so divided by 60 and by :func:`rate_scale`)."""
    return cost / (60 * rate_scale([p.bill_rate for p in scenario.team]))


def build_problem(
    scenario: Scenario, calendar: WorkCalendar, instances: Sequence[TaskInstance]
) -> Problem:
    """The scheduling problem of a scenario over its calendar's working days.

    Raises
    ------
    ValueError
        If an agency task has nobody who may do it (the readers report this first).
    """
    scale = rate_scale([p.bill_rate for p in scenario.team])
    resources = tuple(
        Resource(id=p.name, capacity=calendar.minutes(p.name), unit_cost=round(p.bill_rate * scale))
        for p in scenario.team
    )
    activities = []
    for instance in instances:
        due = None if instance.due_index is None else max(0, instance.due_index + 1)
        weight = instance.task.priority
        if instance.task.is_client_step:
            activities.append(
                Activity(
                    id=instance.id,
                    duration=instance.task.client_days or 0,
                    release=instance.earliest,
                    due=due,
                    weight=weight,
                )
            )
            continue
        people = eligible_people(scenario, instance)
        if not people:
            raise ValueError(f"nobody in the team can do task {instance.id!r}")
        activities.append(
            Activity(
                id=instance.id,
                work=instance.minutes,
                eligible=people,
                max_resources=min(instance.task.max_people, len(people)),
                release=instance.earliest,
                due=due,
                weight=weight,
            )
        )
    precedences = tuple(
        Precedence(before=before, after=instance.id, lag=lag)
        for instance in instances
        for before, lag in instance.predecessors
    )
    return Problem(
        resources=resources,
        activities=tuple(activities),
        precedences=precedences,
        horizon=len(calendar),
        objective="agency",
    )
