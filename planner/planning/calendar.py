"""Working time: which days the agency works and how many minutes each person has free.

All hour arithmetic is exact: hours per week are converted with :class:`fractions.Fraction`
to minutes per working day (37.5 h over five days is exactly 450 minutes). A person's base
minutes are floored only when not whole; commitments are rounded up, so free time is never
overstated.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import cache

import holidays

from planner.model import Commitment, Person, Scenario


@cache
def _holiday_table(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    """Public holidays of one country/region and year (cached: the package is slow to build)."""
    table = holidays.country_holidays(country, subdiv=subdivision, years=year)
    return dict(table.items())


def public_holiday(country: str | None, subdivision: str | None, day: date) -> str | None:
    """The name of the public holiday on ``day`` in ``country`` (None when it is not one)."""
    if not country:
        return None
    return _holiday_table(country, subdivision, day.year).get(day)


@cache  # a handful of distinct figures, asked for every person-day of every calendar built
def hours_to_minutes(hours: float) -> Fraction:
    """Exact minutes of a decimal hour figure (``37.5`` → ``2250``)."""
    return Fraction(str(hours)) * 60


@dataclass(frozen=True)
class DayCapacity:
    """One person's day: what the contract gives, what took it away, what is left.

    ``lost_to`` names why the day has less than the contract gives: a holiday name,
    "time off", "not a workday" or commitment labels with the minutes they take.
    """

    day: date
    contract_minutes: int
    available_minutes: int
    holiday: str | None = None
    time_off: bool = False
    workday: bool = True
    commitment_minutes: tuple[tuple[str, int], ...] = ()


class WorkCalendar:
    """Agency working days from the scenario start to ``until`` and each person's free minutes.

    Work is only booked on agency working days (the calendar's workdays minus the calendar
    country's public holidays). Index ``i`` of :attr:`days` is the scheduler's period ``i``.

    Parameters
    ----------
    scenario
        The scenario whose team and calendar to expand.
    until
        Last calendar day to cover (inclusive).
    """

    def __init__(self, scenario: Scenario, until: date) -> None:
        self.scenario = scenario
        settings = scenario.calendar
        days: list[date] = []
        day = scenario.start
        while day <= until:
            if day.weekday() in settings.workdays and not public_holiday(
                settings.country, settings.subdivision, day
            ):
                days.append(day)
            day += timedelta(days=1)
        self.days: tuple[date, ...] = tuple(days)
        self._index = {d: i for i, d in enumerate(self.days)}
        self._commitments: dict[str, list[Commitment]] = {}
        for commitment in scenario.commitments:
            self._commitments.setdefault(commitment.person, []).append(commitment)
        self.capacity: dict[str, tuple[DayCapacity, ...]] = {
            person.name: tuple(self._day_capacity(person, d) for d in self.days)
            for person in scenario.team
        }

    # --- day arithmetic -------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.days)

    def index(self, day: date) -> int:
        """Period index of an agency working day (KeyError if it is not one)."""
        return self._index[day]

    def index_on_or_after(self, day: date) -> int:
        """Index of the first agency working day on or after ``day`` (may equal ``len``)."""
        return bisect.bisect_left(self.days, day)

    def index_on_or_before(self, day: date) -> int:
        """Index of the last agency working day on or before ``day`` (−1 if none)."""
        return bisect.bisect_right(self.days, day) - 1

    def day(self, index: int) -> date:
        """The date of period ``index``; past the calendar's end, counted on in workdays."""
        if index < len(self.days):
            return self.days[index]
        raise IndexError(f"period {index} lies beyond the calendar end {self.days[-1]}")

    def working_days_between(self, earlier: date, later: date) -> int:
        """Agency working days after ``earlier`` up to and including ``later`` (≥ 0)."""
        if later <= earlier:
            return 0
        return max(0, self.index_on_or_before(later) - self.index_on_or_before(earlier))

    # --- capacity -------------------------------------------------------------------------
    def minutes(self, person: str) -> tuple[int, ...]:
        """Free minutes of ``person`` per period."""
        return tuple(c.available_minutes for c in self.capacity[person])

    def available_by_day(self, person: str) -> dict[date, int]:
        """Free minutes of ``person`` keyed by date (agency working days only)."""
        return {c.day: c.available_minutes for c in self.capacity[person]}

    def _day_capacity(self, person: Person, day: date) -> DayCapacity:
        workdays = (
            person.workdays if person.workdays is not None else self.scenario.calendar.workdays
        )
        per_day = hours_to_minutes(person.hours_per_week) / len(workdays) if workdays else 0
        contract = math.floor(per_day)
        if day.weekday() not in workdays:
            return DayCapacity(day, contract, 0, workday=False)
        country = person.country or self.scenario.calendar.country
        subdivision = person.subdivision if person.country else self.scenario.calendar.subdivision
        holiday = public_holiday(country, subdivision, day)
        if holiday:
            return DayCapacity(day, contract, 0, holiday=holiday)
        if any(day in period for period in person.time_off):
            return DayCapacity(day, contract, 0, time_off=True)
        taken = tuple(
            (c.label or "other work", math.ceil(hours_to_minutes(c.hours_per_week) / len(workdays)))
            for c in self._commitments.get(person.name, ())
            if day in c.period
        )
        free = max(0, contract - sum(m for _, m in taken))
        return DayCapacity(day, contract, free, commitment_minutes=taken)


def calendar_end(scenario: Scenario, extra_days: int = 365) -> date:
    """A calendar end far enough out for any plan: latest date in the scenario + ``extra_days``."""
    dates: list[date] = [scenario.start]
    for task in scenario.brief.tasks:
        dates.extend(d for d in (task.due, task.release) if d)
        if task.repeat:
            dates.append(
                scenario.start
                + timedelta(
                    days=_repeat_span_days(task.repeat.every)
                    * task.repeat.interval
                    * task.repeat.count
                )
            )
    dates.extend(c.period.end for c in scenario.commitments)
    return max(dates) + timedelta(days=extra_days)


def _repeat_span_days(unit: str) -> int:
    return {"day": 1, "week": 7, "month": 31}[unit]


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, keeping the day of month (clamped)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))


def shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` days, weeks or months."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit == "week":
        return day + timedelta(weeks=amount)
    return add_months(day, amount)


def total_minutes(capacities: Iterable[DayCapacity]) -> int:
    """Sum of free minutes over some days."""
    return sum(c.available_minutes for c in capacities)
