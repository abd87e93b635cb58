"""Expand the brief into schedulable task instances (recurring tasks become ``id#k``).

Each instance knows its earliest working day, its promised date (if any) and its
predecessors, in business terms; :mod:`planner.planning.agency` turns them into periods.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.model import Scenario, Task
from planner.planning.calendar import WorkCalendar, shift


@dataclass(frozen=True)
class TaskInstance:
    """One schedulable piece of the brief.

    ``earliest`` is the first agency working day work may happen (period index),
    ``due`` the promised finish date (None: no promise) and ``due_index`` its working-day
    period: the last working day on or before the promise.
    """

    id: str
    task: Task
    occurrence: int | None
    release: date
    earliest: int
    due: date | None
    due_index: int | None
    predecessors: tuple[tuple[str, int], ...]

    @property
    def minutes(self) -> int:
        """Agency effort in whole minutes (0 for a client step)."""
        return 0 if self.task.is_client_step else round(self.task.hours * 60)


def instance_ids(task: Task) -> list[str]:
    """Ids of a task's instances: ``[id]`` or ``[id#1, …, id#count]`` when it repeats."""
    if task.repeat is None:
        return [task.id]
    return [f"{task.id}#{k}" for k in range(1, task.repeat.count + 1)]


def _same_cadence(a: Task, b: Task) -> bool:
    return (
        a.repeat is not None
        and b.repeat is not None
        and (a.repeat.every, a.repeat.interval, a.repeat.count)
        == (b.repeat.every, b.repeat.interval, b.repeat.count)
    )


def expand_tasks(scenario: Scenario, calendar: WorkCalendar) -> list[TaskInstance]:
    """All task instances of the brief, in brief order.

    Raises
    ------
    ValueError
        If a release date lies beyond the calendar (the caller sized it too short).
    """
    tasks = {t.id: t for t in scenario.brief.tasks}
    instances: list[TaskInstance] = []
    for task in scenario.brief.tasks:
        ids = instance_ids(task)
        for k, instance_id in enumerate(ids, start=1):
            base = task.release or scenario.start
            release = (
                base
                if task.repeat is None
                else shift(base, task.repeat.every, (k - 1) * task.repeat.interval)
            )
            earliest = calendar.index_on_or_after(max(release, scenario.start))
            if earliest >= len(calendar):
                raise ValueError(
                    f"task {instance_id!r} is released after the planning calendar ends"
                )
            due, due_index = None, None
            if task.repeat is not None and task.due_within is not None:
                due_index = earliest + task.due_within
                due = calendar.day(due_index)
            elif task.repeat is None and task.due is not None:
                due = task.due
                due_index = calendar.index_on_or_before(task.due)
            predecessors: list[tuple[str, int]] = []
            for dep in task.after:
                before = tasks[dep.task]
                if _same_cadence(before, task):
                    predecessors.append((f"{before.id}#{k}", dep.lag))
                else:
                    predecessors.extend((pid, dep.lag) for pid in instance_ids(before))
            instances.append(
                TaskInstance(
                    id=instance_id,
                    task=task,
                    occurrence=k if task.repeat else None,
                    release=release,
                    earliest=earliest,
                    due=due,
                    due_index=due_index,
                    predecessors=tuple(predecessors),
                )
            )
    return instances
