"""Pipeline view data: booked against free hours per person and per role, week by week.

This feeds the app's capacity heatmap and ``planner pipeline``. It is agency-internal: it
shows people and hours, never which client the hours are for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from planner.model import Brief, Scenario
from planner.planning.calendar import WorkCalendar
from planner.store.portfolio import project_weight
from planner.store.records import Portfolio

NAMED_ROLE = "(named person)"
"""Role shown for work booked on a person by name rather than by role."""


@dataclass(frozen=True)
class Pipeline:
    """Weekly utilisation tables; ``week`` is the Monday starting the week."""

    by_person: pd.DataFrame  # person, week, booked_hours, available_hours, utilisation
    by_role: pd.DataFrame  # role, week, booked_hours, available_hours, utilisation


def monday(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def pipeline(
    portfolio: Portfolio, start: date, weeks: int = 12, tentative: str = "ignore"
) -> Pipeline:
    """Booked and free hours per person and per role for ``weeks`` weeks from ``start``.

    Free hours are each person's contract hours less public holidays and time off. A role's
    free hours are those of everyone who can take the role (people with several roles count
    in each), so role rows show how busy the people behind a role are. Tentative projects
    count by ``tentative`` (``ignore`` / ``weighted`` / ``full``).
    """
    first = monday(start)
    last = first + timedelta(weeks=weeks) - timedelta(days=1)
    weeks_list = [first + timedelta(weeks=i) for i in range(weeks)]
    available = _available(portfolio, first, last)
    booked_person: dict[tuple[str, date], float] = defaultdict(float)
    booked_role: dict[tuple[str, date], float] = defaultdict(float)
    for project in portfolio.projects:
        weight = project_weight(project, tentative)
        roles = {t.task: t.role or NAMED_ROLE for t in project.tasks}
        for b in project.bookings:
            if weight and first <= b.day <= last:
                hours = b.minutes / 60 * weight
                booked_person[(b.person, monday(b.day))] += hours
                booked_role[(roles.get(b.task, NAMED_ROLE), monday(b.day))] += hours
    people = [p.name for p in portfolio.people]
    role_people: dict[str, list[str]] = defaultdict(list)
    for person in portfolio.people:
        for role in person.roles:
            role_people[role].append(person.name)
    for role, _ in booked_role:
        role_people.setdefault(role, [])
    by_person = _frame(
        "person",
        [(p, w, booked_person[(p, w)], available[(p, w)]) for p in people for w in weeks_list],
    )
    by_role = _frame(
        "role",
        [
            (r, w, booked_role[(r, w)], sum(available[(p, w)] for p in role_people[r]))
            for r in sorted(role_people)
            for w in weeks_list
        ],
    )
    return Pipeline(by_person, by_role)


def _available(portfolio: Portfolio, first: date, last: date) -> dict[tuple[str, date], float]:
    if not portfolio.people:
        return defaultdict(float)
    agency = Scenario(
        "pipeline", first, Brief("", ()), portfolio.people, calendar=portfolio.calendar
    )
    calendar = WorkCalendar(agency, last)
    hours: dict[tuple[str, date], float] = defaultdict(float)
    for person in portfolio.people:
        for day, minutes in calendar.available_by_day(person.name).items():
            hours[(person.name, monday(day))] += minutes / 60
    return hours


def _frame(key: str, rows: list[tuple[str, date, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[key, "week", "booked_hours", "available_hours"])
    frame["booked_hours"] = frame["booked_hours"].astype(float).round(2)
    frame["available_hours"] = frame["available_hours"].astype(float).round(2)
    share = frame["booked_hours"] / frame["available_hours"].where(frame["available_hours"] > 0)
    frame["utilisation"] = share.fillna(0.0).round(4)
    return frame
