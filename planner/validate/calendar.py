"""Calendar arithmetic and task expansion for the independent plan checker.

Used only by :mod:`planner.validate.rules`.

Deliberately shares no code with :mod:`planner.planning.calendar` or the scheduler: working days,
public holidays and per-person minutes are recomputed here from the scenario with the
``holidays`` package and exact :class:`fractions.Fraction` arithmetic, so that a bug in the
planner's own calendar cannot hide itself from the checker.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from math import ceil, floor

import holidays

from planner.model import WEEKDAY_NAMES, Person, Scenario, Task

NOT_A_WORKING_DAY = "not_a_working_day"
HOLIDAY = "holiday"
TIME_OFF = "time_off"
BEFORE_START = "before_start"

_MAX_EXTRA_YEARS = 10
"""How far past the dates in question a working-day search may look before giving up."""


def exact(value: float) -> Fraction:
    """``value`` as an exact fraction of its decimal text (37.5 → 75/2, 0.1 → 1/10)."""
    return Fraction(str(value))


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def shift(day: date, every: str, steps: int) -> date:
    """``day`` moved ``steps`` units of ``every`` (day, week or month) forward.

    Months keep the day of the month, clamped to the last day of a shorter month
    (2027-01-31 + 1 month = 2027-02-28).
    """
    if every == "day":
        return day + timedelta(days=steps)
    if every == "week":
        return day + timedelta(weeks=steps)
    if every != "month":
        raise ValueError(f"unknown repeat unit {every!r}")
    month0 = day.month - 1 + steps
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, _days_in_month(year, month)))


def weekday_list(days: tuple[int, ...]) -> str:
    """Weekday numbers as names, e.g. ``(0, 1, 2)`` → ``"Mon, Tue, Wed"``."""
    return ", ".join(WEEKDAY_NAMES[d] for d in sorted(set(days))) or "none"


@dataclass(frozen=True)
class Availability:
    """A person's bookable minutes on one day and, when zero, why.

    ``rule`` is one of the zero-availability reasons (``not_a_working_day``, ``holiday``,
    ``time_off``, ``before_start``) or ``None`` when the day is a normal workday (possibly
    reduced by commitments); ``reason`` completes the sentence "… but <reason>".
    """

    minutes: int
    rule: str | None = None
    reason: str = ""


class CheckCalendar:
    """Agency working days, their indices and per-person availability for one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._tables: dict[tuple[str, str | None], holidays.HolidayBase] = {}
        self._working: dict[date, bool] = {}
        self._span: tuple[int, int] | None = None
        self._days: list[date] = []

    # --- public holidays ------------------------------------------------------------------
    def holiday_name(self, country: str | None, subdivision: str | None, day: date) -> str | None:
        """Name of the public holiday on ``day`` in ``country``/``subdivision``, else None."""
        if not country:
            return None
        key = (country, subdivision)
        table = self._tables.get(key)
        if table is None:
            table = holidays.country_holidays(country, subdiv=subdivision)
            self._tables[key] = table
        return table.get(day) if day in table else None

    @staticmethod
    def _place(country: str, subdivision: str | None) -> str:
        return f"{country}-{subdivision}" if subdivision else country

    # --- agency working days ---------------------------------------------------------------
    def is_working_day(self, day: date) -> bool:
        """True when ``day`` is an agency working day (workday and no agency holiday)."""
        known = self._working.get(day)
        if known is None:
            cal = self.scenario.calendar
            known = day.weekday() in cal.workdays and not self.holiday_name(
                cal.country, cal.subdivision, day
            )
            self._working[day] = known
        return known

    def _cover(self, first_year: int, last_year: int) -> None:
        if self._span is not None:
            if self._span[0] <= first_year and last_year <= self._span[1]:
                return
            first_year, last_year = min(first_year, self._span[0]), max(last_year, self._span[1])
        first_year, last_year = max(first_year, date.min.year), min(last_year, date.max.year)
        self._span = (first_year, last_year)
        day, end = date(first_year, 1, 1), date(last_year, 12, 31)
        days = []
        while True:
            if self.is_working_day(day):
                days.append(day)
            if day == end:
                break
            day += timedelta(days=1)
        self._days = days

    def index(self, day: date) -> int:
        """Position of ``day`` among agency working days, counted from the scenario start.

        Differences of indices count working days. A non-working day gets the index of the
        next working day.
        """
        anchor = self.scenario.start
        self._cover(min(day.year, anchor.year), max(day.year, anchor.year))
        return bisect_left(self._days, day) - bisect_left(self._days, anchor)

    def day_at(self, index: int) -> date | None:
        """The agency working day with ``index`` (see :meth:`index`); None if none is near."""
        anchor = self.scenario.start
        self._cover(anchor.year, anchor.year)
        assert self._span is not None
        for _ in range(abs(index) // 200 + _MAX_EXTRA_YEARS):
            position = bisect_left(self._days, anchor) + index
            if 0 <= position < len(self._days):
                return self._days[position]
            if position < 0:
                self._cover(self._span[0] - 1, self._span[1])
            else:
                self._cover(self._span[0], self._span[1] + 1)
        return None

    def next_working_day(self, day: date) -> date | None:
        """First agency working day on or after ``day`` (None if none within years)."""
        for extra in range(_MAX_EXTRA_YEARS):
            self._cover(day.year, day.year + extra)
            position = bisect_left(self._days, day)
            if position < len(self._days):
                return self._days[position]
        return None

    def previous_working_day(self, day: date) -> date | None:
        """Last agency working day on or before ``day`` (None if none within years)."""
        for extra in range(_MAX_EXTRA_YEARS):
            self._cover(day.year - extra, day.year)
            position = bisect_right(self._days, day) - 1
            if position >= 0:
                return self._days[position]
        return None

    # --- people ----------------------------------------------------------------------------
    def person_workdays(self, person: Person) -> tuple[int, ...]:
        """The weekdays ``person`` works (their own, else the agency's)."""
        if person.workdays is not None:
            return person.workdays
        return self.scenario.calendar.workdays

    def availability(self, person: Person, day: date) -> Availability:
        """Minutes ``person`` can be booked on ``day``, with the reason when there are none."""
        scenario, cal = self.scenario, self.scenario.calendar
        if day < scenario.start:
            return Availability(0, BEFORE_START, f"the scenario starts on {scenario.start}")
        weekday = WEEKDAY_NAMES[day.weekday()]
        if day.weekday() not in cal.workdays:
            return Availability(0, NOT_A_WORKING_DAY, f"{weekday} is not an agency working day")
        name = self.holiday_name(cal.country, cal.subdivision, day)
        if name and cal.country:
            place = self._place(cal.country, cal.subdivision)
            return Availability(0, HOLIDAY, f"it is a public holiday in {place} ({name})")
        workdays = self.person_workdays(person)
        if day.weekday() not in workdays:
            reason = f"{weekday} is not one of their workdays ({weekday_list(workdays)})"
            return Availability(0, NOT_A_WORKING_DAY, reason)
        if person.country is None:
            country, subdivision = cal.country, cal.subdivision
        else:
            country, subdivision = person.country, person.subdivision
        name = self.holiday_name(country, subdivision, day)
        if name and country:
            place = self._place(country, subdivision)
            return Availability(0, HOLIDAY, f"it is a public holiday in {place} ({name})")
        for period in person.time_off:
            if day in period:
                return Availability(0, TIME_OFF, f"is on time off ({period.start} – {period.end})")
        per_day = len(set(workdays))
        minutes = floor(exact(person.hours_per_week) * 60 / per_day)
        committed = []
        for commitment in scenario.commitments:
            if commitment.person == person.name and day in commitment.period:
                minutes -= ceil(exact(commitment.hours_per_week) * 60 / per_day)
                committed.append(commitment.label or f"{commitment.hours_per_week:g} h/week")
        reason = f"has only {minutes_text(max(minutes, 0))} available"
        if committed:
            reason += f" after commitments ({', '.join(committed)})"
        return Availability(max(minutes, 0), None, reason)


def minutes_text(minutes: int) -> str:
    """Minutes as hours for messages: ``480`` → ``"8.0 h"``, ``451`` → ``"7.52 h (451 min)"``."""
    if minutes % 6 == 0:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 60:.2f} h ({minutes} min)"


@dataclass(frozen=True)
class Instance:
    """A brief task as planned: the task itself or one occurrence ``id#k`` of a recurring one.

    ``earliest`` is the first agency working day it may use; ``effort`` its agency minutes.
    """

    id: str
    task: Task
    number: int | None
    earliest: date | None
    effort: int

    @property
    def is_client_step(self) -> bool:
        """True for client turnaround steps."""
        return self.task.is_client_step


def expand_tasks(scenario: Scenario, calendar: CheckCalendar) -> dict[str, Instance]:
    """Every task instance of the brief by id (recurring tasks become ``id#1`` … ``id#n``).

    Parameters
    ----------
    scenario : Scenario
        The scenario whose brief is expanded.
    calendar : CheckCalendar
        The checker's calendar for ``scenario`` (finds release working days).

    Returns
    -------
    dict[str, Instance]
        Instances keyed by id, in brief order.
    """
    instances: dict[str, Instance] = {}
    for task in scenario.brief.tasks:
        effort = 0 if task.is_client_step else round(exact(task.hours) * 60)
        base = task.release or scenario.start
        if task.repeat is None:
            earliest = calendar.next_working_day(base)
            instances[task.id] = Instance(task.id, task, None, earliest, effort)
            continue
        for k in range(1, task.repeat.count + 1):
            release = shift(base, task.repeat.every, (k - 1) * task.repeat.interval)
            earliest = calendar.next_working_day(release)
            instances[f"{task.id}#{k}"] = Instance(f"{task.id}#{k}", task, k, earliest, effort)
    return instances
