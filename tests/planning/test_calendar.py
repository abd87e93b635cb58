"""Working-time arithmetic: exact minutes, holidays, time off, commitments."""

from __future__ import annotations

from datetime import date

import pytest

from planner.model import Commitment, DateRange, Person, Task
from planner.planning.calendar import WorkCalendar, add_months, public_holiday
from tests.conftest import contract_scenario, tiny_scenario


def test_contract_hours_are_exact_per_working_day() -> None:
    calendar = WorkCalendar(contract_scenario(), date(2027, 4, 30))
    aino = dict(zip(calendar.days, calendar.minutes("Aino"), strict=True))
    # 37.5 h over 5 days = 7.5 h = 450 min, minus the 15 h/week commitment (180 min) in March.
    assert aino[date(2027, 3, 2)] == 450 - 180
    assert aino[date(2027, 4, 1)] == 450


def test_time_off_holidays_and_non_workdays_give_zero() -> None:
    calendar = WorkCalendar(contract_scenario(), date(2027, 4, 30))
    aino = calendar.available_by_day("Aino")
    piotr = calendar.available_by_day("Piotr")
    assert aino[date(2027, 3, 17)] == 0  # time off 15-19 March
    assert date(2027, 3, 26) not in aino  # Good Friday closes the Finnish agency
    assert date(2027, 3, 29) not in aino  # Easter Monday
    assert piotr[date(2027, 3, 5)] == 0  # a Friday: Piotr works Mon-Thu
    assert piotr[date(2027, 3, 4)] == 450  # 30 h over 4 days = 7.5 h


def test_person_country_overrides_agency_holidays() -> None:
    team = (Person("Marta", ("designer",), 24, bill_rate=70, workdays=(0, 1, 2), country="PL"),)
    scenario = tiny_scenario((Task("t", role="designer", hours=1),), team=team, country="FI")
    calendar = WorkCalendar(scenario, date(2027, 5, 31))
    marta = calendar.available_by_day("Marta")
    assert public_holiday("PL", None, date(2027, 5, 3)) is not None
    assert marta[date(2027, 5, 3)] == 0  # Constitution Day in Poland, a working Monday in Finland
    assert marta[date(2027, 5, 4)] == 480  # 24 h over 3 days
    capacity = calendar.capacity["Marta"][calendar.index(date(2027, 5, 3))]
    assert capacity.holiday and capacity.contract_minutes == 480


@pytest.mark.parametrize(
    ("hours", "workdays", "minutes"),
    [
        (37.5, (0, 1, 2, 3, 4), 450),
        (32, (0, 1, 2, 3, 4), 384),
        (10, (0, 1, 2), 200),
        (7.3, (0, 1, 2, 3, 4), 87),
    ],
)
def test_daily_minutes_are_exact_or_floored(
    hours: float, workdays: tuple[int, ...], minutes: int
) -> None:
    team = (Person("P", ("designer",), hours, bill_rate=1, workdays=workdays),)
    scenario = tiny_scenario((Task("t", role="designer", hours=1),), team=team)
    calendar = WorkCalendar(scenario, date(2027, 3, 5))
    assert calendar.available_by_day("P")[date(2027, 3, 1)] == minutes


def test_commitments_round_up_and_name_what_they_take() -> None:
    commitment = Commitment(
        "Dana", DateRange(date(2027, 3, 1), date(2027, 3, 3)), 10, label="Globex"
    )
    scenario = tiny_scenario((Task("t", role="designer", hours=1),), commitments=(commitment,))
    calendar = WorkCalendar(scenario, date(2027, 3, 5))
    day = calendar.capacity["Dana"][0]
    assert day.commitment_minutes == (("Globex", 120),)
    assert day.available_minutes == 330
    assert calendar.available_by_day("Dana")[date(2027, 3, 4)] == 450


def test_working_day_arithmetic() -> None:
    calendar = WorkCalendar(contract_scenario(), date(2027, 4, 30))
    assert calendar.working_days_between(date(2027, 3, 25), date(2027, 3, 30)) == 1
    assert calendar.index_on_or_after(date(2027, 3, 27)) == calendar.index(date(2027, 3, 30))
    assert calendar.index_on_or_before(date(2027, 3, 28)) == calendar.index(date(2027, 3, 25))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2027, 11, 15), 2, date(2028, 1, 15)),
        (date(2027, 3, 1), 0, date(2027, 3, 1)),
    ],
)
def test_add_months_clamps_to_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
