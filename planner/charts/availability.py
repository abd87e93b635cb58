"""Who cannot work when: time off, public holidays and non-working days per person.

The Gantt shades these days in each person's row, so a bar never seems to run through a
week off or a weekend. Days are read from :class:`planner.planning.calendar.WorkCalendar`'s rules
for
each person (their own workdays, country and time off), over the span the chart shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.i18n import N_
from planner.model import Person, Scenario
from planner.planning.calendar import public_holiday

TIME_OFF, HOLIDAY, DAY_OFF = N_("Time off"), N_("Public holiday"), N_("Not a working day")
AWAY_KINDS: tuple[str, ...] = (TIME_OFF, HOLIDAY, DAY_OFF)
"""The kinds of unavailable day, as the chart's legend names them (in English; the Gantt
translates them)."""
AWAY_COLOURS: dict[str, str] = {TIME_OFF: "#9e9e9e", HOLIDAY: "#c9b8dd", DAY_OFF: "#e8e8e8"}


@dataclass(frozen=True)
class Away:
    """Consecutive days ``first`` … ``last`` when ``person`` cannot work, and why."""

    person: str
    kind: str
    first: date
    last: date
    reason: str


def day_kind(scenario: Scenario, person: Person, day: date) -> tuple[str, str] | None:
    """(kind, reason) when ``person`` cannot work on ``day``; None on a working day."""
    workdays = person.workdays if person.workdays is not None else scenario.calendar.workdays
    if day.weekday() not in workdays:
        return DAY_OFF, f"{person.name}: not a working day"
    country = person.country or scenario.calendar.country
    subdivision = person.subdivision if person.country else scenario.calendar.subdivision
    holiday = public_holiday(country, subdivision, day)
    if holiday:
        return HOLIDAY, holiday
    if any(day in period for period in person.time_off):
        return TIME_OFF, f"{person.name}: time off"
    return None


def away_days(scenario: Scenario, first: date, last: date) -> list[Away]:
    """Every stretch of unavailable days per person between ``first`` and ``last``.

    Consecutive days of the same kind and reason form one :class:`Away`.
    """
    stretches: list[Away] = []
    for person in scenario.team:
        current: Away | None = None
        day = first
        while day <= last:
            found = day_kind(scenario, person, day)
            if found is None:
                current = None
            elif (
                current is not None
                and (current.kind, current.reason) == found
                and current.last == day - timedelta(days=1)
            ):
                current = Away(person.name, current.kind, current.first, day, current.reason)
                stretches[-1] = current
            else:
                current = Away(person.name, found[0], day, day, found[1])
                stretches.append(current)
            day += timedelta(days=1)
    return stretches
