"""Plain data read from the store, and the conversions between rows and domain objects.

Everything outside :mod:`planner.store` sees these frozen dataclasses and
:mod:`planner.model` objects, never a live database row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.model import CalendarSettings, DateRange, Person
from planner.store.schema import PersonRow, RoleRow, TimeOffRow


@dataclass(frozen=True)
class StoredBooking:
    """``minutes`` of ``person`` on ``task`` of ``project`` on ``day``."""

    project: str
    task: str
    person: str
    day: date
    minutes: int


@dataclass(frozen=True)
class StoredTask:
    """A planned task (or recurring instance) of a stored project."""

    task: str
    name: str
    role: str | None
    minutes: int
    start: date | None
    finish: date | None
    due: date | None


@dataclass(frozen=True)
class StoredProject:
    """A project with its status, the scenario it was planned from and its planned work."""

    name: str
    client: str
    status: str
    probability: float | None
    version: int
    scenario_yaml: str
    tasks: tuple[StoredTask, ...] = ()
    bookings: tuple[StoredBooking, ...] = ()

    @property
    def booked_minutes(self) -> int:
        """All minutes booked for the project."""
        return sum(b.minutes for b in self.bookings)


@dataclass(frozen=True)
class TeamMember:
    """A person as the store holds them, with the version an edit must name."""

    person: Person
    version: int


@dataclass(frozen=True)
class SavedVersion:
    """A saved version of a brief and the result of its check (see ``check_summary``)."""

    brief: str
    label: str
    scenario_yaml: str
    result: dict[str, Any]


@dataclass(frozen=True)
class Portfolio:
    """Everything a check needs from the store, read in one transaction."""

    revision: int
    currency: str | None
    calendar: CalendarSettings
    team: tuple[TeamMember, ...]
    projects: tuple[StoredProject, ...]

    @property
    def people(self) -> tuple[Person, ...]:
        """The team as domain objects."""
        return tuple(member.person for member in self.team)

    def member(self, name: str) -> TeamMember:
        """The team member called ``name`` (KeyError if there is none)."""
        for member in self.team:
            if member.person.name == name:
                return member
        raise KeyError(name)

    def project(self, name: str) -> StoredProject:
        """The project called ``name`` (KeyError if there is none)."""
        for project in self.projects:
            if project.name == name:
                return project
        raise KeyError(name)


def days_text(days: tuple[int, ...] | None) -> str | None:
    """Weekday indexes as stored: ``(0, 1, 2)`` → ``"0,1,2"``."""
    return None if days is None else ",".join(str(d) for d in days)


def days_tuple(text: str | None) -> tuple[int, ...] | None:
    """The inverse of :func:`days_text`."""
    if text is None:
        return None
    return tuple(int(part) for part in text.split(",") if part != "")


def person_from_row(row: PersonRow) -> Person:
    """The domain person a row describes."""
    return Person(
        name=row.name,
        roles=tuple(r.role for r in row.roles),
        hours_per_week=row.hours_per_week,
        bill_rate=row.bill_rate,
        cost_rate=row.cost_rate,
        workdays=days_tuple(row.workdays),
        country=row.country,
        subdivision=row.subdivision,
        time_off=tuple(DateRange(t.start, t.end) for t in row.time_off),
    )


def fill_person_row(row: PersonRow, person: Person) -> None:
    """Write every field of ``person`` into ``row`` (roles and time off replaced)."""
    row.name = person.name
    row.hours_per_week = person.hours_per_week
    row.bill_rate = person.bill_rate
    row.cost_rate = person.cost_rate
    row.workdays = days_text(person.workdays)
    row.country = person.country
    row.subdivision = person.subdivision
    row.roles = [RoleRow(position=i, role=role) for i, role in enumerate(person.roles)]
    row.time_off = [TimeOffRow(start=r.start, end=r.end) for r in person.time_off]
