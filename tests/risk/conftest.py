"""Tiny scenarios whose risk figures can be computed by hand."""

from __future__ import annotations

from datetime import date

from planner.model import Brief, Dependency, Person, Scenario, Task, ThreePoint

MONDAY = date(2027, 3, 1)
"""Start of the tiny scenarios: no holidays that week, Mon-Fri workdays."""


def one_task_scenario(
    hours: ThreePoint, due: date, *, client_days: ThreePoint | None = None
) -> Scenario:
    """One person (40 h a week = 480 min a day) and one task with a range, due on ``due``.

    With ``client_days`` a client step with that range follows the task and carries the
    promise instead.
    """
    work = Task(
        "draft",
        role="designer",
        hours=hours.likely,
        hours_range=hours,
        due=None if client_days else due,
    )
    tasks = [work]
    if client_days is not None:
        tasks.append(
            Task(
                "review",
                client_days=int(client_days.likely),
                client_days_range=client_days,
                after=(Dependency("draft"),),
                due=due,
            )
        )
    return Scenario(
        title="Tiny",
        start=MONDAY,
        brief=Brief(client="Tiny client", tasks=tuple(tasks), budget=1500),
        team=(Person("Aino", ("designer",), 40, bill_rate=60),),
    )
