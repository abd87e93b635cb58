"""A re-timed sample as a full :class:`~planner.plan.Plan`, so the validator can check it.

The sample's efforts and turnarounds are written into a *realised* scenario (every range
replaced by the drawn value), against which the independent validator checks the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.model import Scenario, Task
from planner.plan import Plan
from planner.planning.pipeline import plan_from_result, prepare
from planner.risk.frame import RetimeFrame
from planner.risk.retime import retime
from planner.risk.simulate import Optimised
from planner.scheduler.problem import Schedule, SolveResult


def realised_scenario(scenario: Scenario, frame: RetimeFrame, units: Sequence[int]) -> Scenario:
    """``scenario`` with each task's effort/turnaround set to its sampled value.

    Raises
    ------
    ValueError
        When the instances of a recurring task drew different values (a scenario cannot
        express that; the validator then cannot check the sample).
    """
    drawn: dict[str, int] = {}
    for k, instance_id in enumerate(frame.ids):
        task_id = instance_id.split("#")[0]
        if drawn.setdefault(task_id, int(units[k])) != int(units[k]):
            raise ValueError(f"instances of {task_id!r} drew different values")
    tasks = tuple(_realised(task, drawn.get(task.id)) for task in scenario.brief.tasks)
    return replace(scenario, brief=replace(scenario.brief, tasks=tasks))


def _realised(task: Task, units: int | None) -> Task:
    if units is None:
        return task
    if task.is_client_step:
        return replace(task, client_days=units, client_days_range=None)
    return replace(task, hours=units / 60, hours_range=None)


def retimed_plan(
    scenario: Scenario, optimised: Optimised, units: Sequence[int]
) -> tuple[Scenario, Plan]:
    """The re-timed plan of one sample and the realised scenario it must be valid for."""
    frame = optimised.frame
    assert frame is not None
    realised = realised_scenario(scenario, frame, units)
    sample = retime(frame, list(units), record=True)
    names = frame.resource_names
    allocation: dict[str, dict[str, dict[int, int]]] = {}
    for a, booked in (sample.allocation or {}).items():
        for (person, day), minutes in booked.items():
            by_person = allocation.setdefault(frame.ids[a], {})
            by_person.setdefault(names[person], {})[day] = minutes
    schedule = Schedule(
        start={i: sample.start[k] for k, i in enumerate(frame.ids)},
        finish={i: sample.finish[k] for k, i in enumerate(frame.ids)},
        allocation=allocation,
    )
    message = "re-timed sample" + (" (ran past the calendar)" if sample.overflow else "")
    result = SolveResult(status="FEASIBLE", schedule=schedule, message=message)
    plan = plan_from_result(prepare(realised), result)
    return realised, plan
