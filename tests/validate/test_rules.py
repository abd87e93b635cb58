"""Tests for the independent plan checker: a valid plan, then one minimally broken copy per rule."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date

import pytest

from planner.model import (
    Brief,
    CalendarSettings,
    Commitment,
    DateRange,
    Dependency,
    FixedCost,
    Person,
    Repeat,
    Scenario,
    Task,
)
from planner.plan import Booking, BudgetCheck, Plan, PromiseOutcome, TaskPlan
from planner.validate.calendar import CheckCalendar, shift
from planner.validate.rules import Violation, assert_valid, validate_plan

START = date(2027, 3, 1)  # a Monday
AINO = Person(
    "Aino", ("design",), 37.5, 100.0, time_off=(DateRange(date(2027, 3, 15), date(2027, 3, 19)),)
)
VILLE = Person("Ville", ("design",), 37.5, 90.0)
PIOTR = Person("Piotr", ("dev",), 40.0, 80.0, country="PL")
KAISA = Person("Kaisa", ("design",), 30.0, 70.0, workdays=(0, 1, 2, 3))
VILLE_BUSY = (Commitment("Ville", DateRange(START, date(2027, 3, 31)), 15.0, "retainer"),)

TASKS = (
    Task("concept", role="design", hours=12, max_people=2, due=date(2027, 3, 3)),
    Task("review", client_days=2, after=(Dependency("concept"),)),
    Task("build", role="dev", hours=16, after=(Dependency("review", lag=1),), due=date(2027, 3, 8)),
    Task("report", role="dev", hours=1, repeat=Repeat("week", 2), due_within=2),
)
BOOKINGS = (
    Booking("concept", "Aino", date(2027, 3, 1), 450),
    Booking("concept", "Ville", date(2027, 3, 2), 270),
    Booking("build", "Piotr", date(2027, 3, 8), 480),
    Booking("build", "Piotr", date(2027, 3, 9), 480),
    Booking("report#1", "Piotr", date(2027, 3, 1), 60),
    Booking("report#2", "Piotr", date(2027, 3, 10), 60),
)
CLIENT_DATES = {"review": (date(2027, 3, 3), date(2027, 3, 4))}
PROMISES = (
    PromiseOutcome("concept", "concept", date(2027, 3, 3), date(2027, 3, 2), 0),
    PromiseOutcome("build", "build", date(2027, 3, 8), date(2027, 3, 9), 1),
    PromiseOutcome("report#1", "report", date(2027, 3, 3), date(2027, 3, 1), 0),
    PromiseOutcome("report#2", "report", date(2027, 3, 10), date(2027, 3, 10), 0),
)


def make_scenario(
    tasks: Sequence[Task] = TASKS,
    team: Sequence[Person] = (AINO, VILLE, PIOTR),
    commitments: Sequence[Commitment] = VILLE_BUSY,
) -> Scenario:
    """A Finnish agency starting Monday 2027-03-01, 4000 EUR budget, 500 EUR fixed cost."""
    brief = Brief("Client", tuple(tasks), 4000.0, (FixedCost("print", 500.0),))
    calendar = CalendarSettings(country="FI")
    return Scenario("test", START, brief, tuple(team), "EUR", calendar, tuple(commitments))


def make_plan(
    scenario: Scenario,
    bookings: Iterable[Booking] = BOOKINGS,
    client_dates: dict[str, tuple[date, date]] = CLIENT_DATES,
    promises: Sequence[PromiseOutcome] = PROMISES,
    status: str = "OPTIMAL",
) -> Plan:
    """A plan whose task rows and price are derived from ``bookings`` (test-side bookkeeping)."""
    bookings = tuple(bookings)
    rows = []
    for task in scenario.brief.tasks:
        ids = [task.id] if task.repeat is None else [f"{task.id}#{k + 1}" for k in range(2)]
        for task_id in ids:
            if task.is_client_step:
                start, finish = client_dates[task_id]
                rows.append(TaskPlan(task_id, task.label, "client", start, finish))
                continue
            own = [b for b in bookings if b.task == task_id]
            days = [b.day for b in own]
            people = tuple(sorted({b.person for b in own}))
            minutes = sum(b.minutes for b in own)
            row = TaskPlan(task_id, task.label, "agency", min(days), max(days), people, minutes)
            rows.append(row)
    rates = {p.name: p.bill_rate for p in scenario.team}
    price = sum(b.minutes / 60 * rates.get(b.person, 0.0) for b in bookings) + 500.0
    budget = BudgetCheck(round(price, 2), scenario.brief.budget, 500.0)
    return Plan("test", "EUR", status, tuple(rows), bookings, tuple(promises), budget)


def rules(violations: list[Violation]) -> set[str]:
    return {v.rule for v in violations}


def swap(old: Booking, new: Booking | None) -> list[Booking]:
    """The valid bookings with ``old`` replaced by ``new`` (or dropped)."""
    assert old in BOOKINGS
    return [b for b in BOOKINGS if b != old] + ([new] if new else [])


@pytest.fixture
def scenario() -> Scenario:
    return make_scenario()


@pytest.fixture
def plan(scenario: Scenario) -> Plan:
    return make_plan(scenario)


def test_valid_plan_has_no_violations(scenario: Scenario, plan: Plan) -> None:
    assert validate_plan(scenario, plan) == []
    assert_valid(scenario, plan)


# --- one person, one task: calendar and capacity rules ------------------------------------
def solo(person: Person, bookings: list[tuple[str, int]]) -> tuple[Scenario, Plan]:
    """One task done by ``person`` with exactly the booked minutes."""
    total = sum(minutes for _, minutes in bookings)
    task = Task("work", role=person.roles[0], hours=total / 60)
    commitments = VILLE_BUSY if person is VILLE else ()
    scenario = make_scenario((task,), (person,), commitments)
    booked = [Booking("work", person.name, date.fromisoformat(d), m) for d, m in bookings]
    return scenario, make_plan(scenario, booked, {}, ())


@pytest.mark.parametrize(
    ("person", "bookings"),
    [
        (AINO, [("2027-03-01", 450)]),  # 37.5 h / 5 days = exactly 450 minutes
        (VILLE, [("2027-03-02", 270)]),  # 450 - 15 h/week commitment (180) = 270
        (PIOTR, [("2027-03-01", 480)]),
        (AINO, [("2027-05-03", 450)]),  # Polish Constitution Day is a Finnish workday
        (KAISA, [("2027-03-04", 450)]),  # 30 h over Mon-Thu
        (VILLE, [("2027-04-01", 450)]),  # the commitment has ended
    ],
)
def test_valid_solo_bookings(person: Person, bookings: list[tuple[str, int]]) -> None:
    assert validate_plan(*solo(person, bookings)) == []


@pytest.mark.parametrize(
    ("person", "bookings", "rule", "text"),
    [
        (AINO, [("2027-03-01", 451)], "capacity", "7.52 h (451 min) on 2027-03-01"),
        (VILLE, [("2027-03-02", 271)], "capacity", "4.5 h available after commitments"),
        (PIOTR, [("2027-03-01", 481)], "capacity", "has only 8.0 h available"),
        (AINO, [("2027-03-05", 450), ("2027-03-06", 60)], "not_a_working_day", "Sat is not"),
        (AINO, [("2027-03-25", 450), ("2027-03-26", 60)], "holiday", "FI (Good Friday)"),
        (AINO, [("2027-03-12", 450), ("2027-03-17", 450)], "time_off", "time off"),
        (PIOTR, [("2027-04-30", 480), ("2027-05-03", 480)], "holiday", "public holiday in PL"),
        (KAISA, [("2027-03-05", 60)], "not_a_working_day", "(Mon, Tue, Wed, Thu)"),
        (AINO, [("2027-02-26", 60)], "before_start", "starts on 2027-03-01"),
    ],
)
def test_broken_solo_bookings(
    person: Person, bookings: list[tuple[str, int]], rule: str, text: str
) -> None:
    violations = validate_plan(*solo(person, bookings))
    assert rules(violations) == {rule}, violations
    assert text in violations[0].message
    assert violations[0].person == person.name


def test_time_off_message_names_the_range() -> None:
    [violation] = validate_plan(*solo(AINO, [("2027-03-17", 450)]))
    expected = "Aino is booked 7.5 h on 2027-03-17 but is on time off (2027-03-15 – 2027-03-19)"
    assert violation.message == expected
    assert violation.day == date(2027, 3, 17)


# --- the full scenario, broken one rule at a time -----------------------------------------
def with_bookings(scenario: Scenario, bookings: list[Booking], **changes: object) -> Plan:
    return make_plan(scenario, bookings, **changes)  # type: ignore[arg-type]


def test_wrong_role(scenario: Scenario) -> None:
    bookings = swap(BOOKINGS[1], Booking("concept", "Piotr", date(2027, 3, 2), 270))
    violations = validate_plan(scenario, with_bookings(scenario, bookings))
    assert rules(violations) == {"role"}
    assert "Piotr (roles: dev)" in violations[0].message


def test_unknown_person(scenario: Scenario) -> None:
    bookings = swap(BOOKINGS[1], Booking("concept", "Ghost", date(2027, 3, 2), 270))
    assert rules(validate_plan(scenario, with_bookings(scenario, bookings))) == {"unknown_person"}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (BOOKINGS[1], Booking("concept", "Ville", date(2027, 3, 2), 269)),
        (BOOKINGS[4], Booking("report#1", "Piotr", date(2027, 3, 1), 61)),
    ],
    ids=["short", "over"],
)
def test_effort_off_by_one_minute(scenario: Scenario, old: Booking, new: Booking) -> None:
    violations = validate_plan(scenario, with_bookings(scenario, swap(old, new)))
    assert rules(violations) == {"effort"}
    assert violations[0].task == new.task


def test_plan_minutes_must_match_bookings(scenario: Scenario, plan: Plan) -> None:
    tasks = tuple(dataclasses.replace(t, minutes=1) if t.id == "build" else t for t in plan.tasks)
    assert rules(validate_plan(scenario, dataclasses.replace(plan, tasks=tasks))) == {"effort"}


def test_max_people(plan: Plan) -> None:
    tasks = (dataclasses.replace(TASKS[0], max_people=1), *TASKS[1:])
    assert rules(validate_plan(make_scenario(tasks), plan)) == {"max_people"}


def test_booking_before_recurring_release(scenario: Scenario) -> None:
    bookings = swap(BOOKINGS[5], Booking("report#2", "Piotr", date(2027, 3, 5), 60))
    promises = (*PROMISES[:3], dataclasses.replace(PROMISES[3], finish=date(2027, 3, 5)))
    violations = validate_plan(scenario, with_bookings(scenario, bookings, promises=promises))
    assert rules(violations) == {"release"}
    assert "before its release day 2027-03-08" in violations[0].message


def test_precedence_lag_in_scenario(plan: Plan) -> None:
    build = dataclasses.replace(TASKS[2], after=(Dependency("review", lag=2),))
    violations = validate_plan(make_scenario((*TASKS[:2], build, TASKS[3])), plan)
    assert rules(violations) == {"precedence"}
    assert "earliest start is 2027-03-09" in violations[0].message


def test_precedence_lag_in_plan(scenario: Scenario) -> None:
    bookings = swap(BOOKINGS[2], Booking("build", "Piotr", date(2027, 3, 5), 480))
    violations = validate_plan(scenario, with_bookings(scenario, bookings))
    assert rules(violations) == {"precedence"}
    assert violations[0].task == "build"


def test_client_step_too_short(scenario: Scenario) -> None:
    short = {"review": (date(2027, 3, 3), date(2027, 3, 3))}
    violations = validate_plan(scenario, make_plan(scenario, client_dates=short))
    assert rules(violations) == {"client_step"}
    assert "1 working day(s), but takes 2" in violations[0].message


def test_client_step_counts_working_days_over_weekend(scenario: Scenario) -> None:
    """Fri + Mon is two working days: valid for review, with build moved accordingly."""
    review = {"review": (date(2027, 3, 5), date(2027, 3, 8))}
    build = [Booking("build", "Piotr", date(2027, 3, d), 480) for d in (10, 11)]
    report = Booking("report#2", "Piotr", date(2027, 3, 9), 60)
    bookings = [*BOOKINGS[:2], *build, BOOKINGS[4], report]
    promises = (
        PROMISES[0],
        dataclasses.replace(PROMISES[1], finish=date(2027, 3, 11), slip_days=3),
        PROMISES[2],
        dataclasses.replace(PROMISES[3], finish=date(2027, 3, 9)),
    )
    valid = make_plan(scenario, bookings, review, promises)
    assert validate_plan(scenario, valid) == []


def test_booking_on_client_step(scenario: Scenario) -> None:
    bookings = [*BOOKINGS, Booking("review", "Aino", date(2027, 3, 3), 60)]
    assert rules(validate_plan(scenario, with_bookings(scenario, bookings))) == {"client_step"}


@pytest.mark.parametrize(
    "change",
    [{"start": date(2027, 3, 2)}, {"finish": date(2027, 3, 1)}, {"people": ("Aino",)}],
    ids=["start", "finish", "people"],
)
def test_wrong_task_dates(scenario: Scenario, plan: Plan, change: dict[str, object]) -> None:
    tasks = tuple(
        dataclasses.replace(t, **change) if t.id == "concept" else t  # type: ignore[arg-type]
        for t in plan.tasks
    )
    violations = validate_plan(scenario, dataclasses.replace(plan, tasks=tasks))
    assert rules(violations) == {"task_dates"}


def test_task_list_rules(scenario: Scenario, plan: Plan) -> None:
    missing = dataclasses.replace(plan, tasks=plan.tasks[:-1])
    assert rules(validate_plan(scenario, missing)) == {"missing_task"}
    twice = dataclasses.replace(plan, tasks=(*plan.tasks, plan.tasks[0]))
    assert rules(validate_plan(scenario, twice)) == {"duplicate_task"}
    extra = dataclasses.replace(plan, tasks=(*plan.tasks, TaskPlan("x", "x", "agency", None, None)))
    assert rules(validate_plan(scenario, extra)) == {"unknown_task"}
    kind = [dataclasses.replace(t, kind="agency") if t.id == "review" else t for t in plan.tasks]
    found = validate_plan(scenario, dataclasses.replace(plan, tasks=tuple(kind)))
    assert rules(found) == {"task_kind"}


def test_booking_on_unknown_task(scenario: Scenario) -> None:
    bookings = [*BOOKINGS, Booking("nope", "Aino", date(2027, 3, 2), 60)]
    assert rules(validate_plan(scenario, with_bookings(scenario, bookings))) == {"unknown_task"}


def test_zero_minute_booking(scenario: Scenario) -> None:
    bookings = [*BOOKINGS, Booking("build", "Piotr", date(2027, 3, 9), 0)]
    assert rules(validate_plan(scenario, with_bookings(scenario, bookings))) == {"minutes"}


@pytest.mark.parametrize(
    ("index", "change"),
    [
        (1, {"slip_days": 0}),
        (0, {"slip_days": 1}),
        (3, {"finish": date(2027, 3, 9)}),
        (2, {"due": date(2027, 3, 2)}),
    ],
    ids=["slip-too-small", "slip-on-met", "finish", "due"],
)
def test_wrong_promise(scenario: Scenario, index: int, change: dict[str, object]) -> None:
    promises = list(PROMISES)
    promises[index] = dataclasses.replace(promises[index], **change)  # type: ignore[arg-type]
    violations = validate_plan(scenario, make_plan(scenario, promises=promises))
    assert rules(violations) == {"promise"}


def test_missing_and_extra_promise(scenario: Scenario) -> None:
    missing = validate_plan(scenario, make_plan(scenario, promises=PROMISES[1:]))
    assert rules(missing) == {"promise"} and missing[0].task == "concept"
    extra = PromiseOutcome("review", "review", date(2027, 3, 4), date(2027, 3, 4), 0)
    violations = validate_plan(scenario, make_plan(scenario, promises=(*PROMISES, extra)))
    assert rules(violations) == {"promise"}


def test_promise_due_on_weekend_uses_previous_working_day() -> None:
    concept = dataclasses.replace(TASKS[0], due=date(2027, 3, 6))  # Saturday → Friday 5th
    scenario = make_scenario((concept, *TASKS[1:]))
    for due in (date(2027, 3, 6), date(2027, 3, 5)):
        promises = (dataclasses.replace(PROMISES[0], due=due), *PROMISES[1:])
        assert validate_plan(scenario, make_plan(scenario, promises=promises)) == []


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({"price": 3095.0 + 0.005}, True),
        ({"price": 3096.0}, False),
        ({"budget": 3000.0}, False),
        ({"budget": None}, False),
        ({"fixed_costs": 0.0}, False),
    ],
)
def test_price(scenario: Scenario, plan: Plan, change: dict[str, object], valid: bool) -> None:
    assert plan.budget.price == 3095.0  # 7.5*100 + 4.5*90 + 18*80 + 500
    budget = dataclasses.replace(plan.budget, **change)  # type: ignore[arg-type]
    found = rules(validate_plan(scenario, dataclasses.replace(plan, budget=budget)))
    assert found == (set() if valid else {"price"})


def test_available_minutes_cross_check(scenario: Scenario, plan: Plan) -> None:
    right = {"Ville": {date(2027, 3, 2): 270, date(2027, 3, 6): 0}, "Piotr": {START: 480}}
    assert validate_plan(scenario, dataclasses.replace(plan, available_minutes=right)) == []
    wrong = {"Ville": {date(2027, 3, 2): 450}}
    found = validate_plan(scenario, dataclasses.replace(plan, available_minutes=wrong))
    assert rules(found) == {"available_minutes"}


@pytest.mark.parametrize("status", ["INFEASIBLE", "UNKNOWN"])
def test_plan_without_schedule(scenario: Scenario, plan: Plan, status: str) -> None:
    empty = dataclasses.replace(plan, solver_status=status, tasks=(), bookings=(), promises=())
    assert validate_plan(scenario, empty) == []
    booked = dataclasses.replace(empty, bookings=BOOKINGS)
    assert rules(validate_plan(scenario, booked)) == {"no_schedule"}


def test_assert_valid_lists_violations(scenario: Scenario) -> None:
    broken = [b for b in BOOKINGS if b not in BOOKINGS[:2]]
    broken += [
        Booking("concept", "Aino", date(2027, 3, 1), 451),
        Booking("concept", "Ville", date(2027, 3, 2), 269),
    ]
    assert rules(validate_plan(scenario, with_bookings(scenario, broken))) == {"capacity"}
    with pytest.raises(AssertionError, match=r"\[capacity\] Aino is booked 7.52 h \(451 min\)"):
        assert_valid(scenario, with_bookings(scenario, broken))


# --- recurring tasks and precedence between them ------------------------------------------
def recurring_scenario(c_after_a: bool = True) -> Scenario:
    a = Task("a", role="dev", hours=1, repeat=Repeat("week", 2))
    b = Task("b", role="dev", hours=1, repeat=Repeat("week", 2), after=(Dependency("a"),))
    c = Task("c", role="dev", hours=1, after=(Dependency("a"),) if c_after_a else ())
    return make_scenario((a, b, c), (PIOTR,), ())


def recurring_plan(scenario: Scenario, c_day: int) -> Plan:
    days = {"a#1": 1, "b#1": 2, "a#2": 8, "b#2": 9, "c": c_day}
    bookings = [Booking(t, "Piotr", date(2027, 3, d), 60) for t, d in days.items()]
    return make_plan(scenario, bookings, {}, ())


def test_recurring_same_cadence_pairs_instances() -> None:
    scenario = recurring_scenario()
    assert validate_plan(scenario, recurring_plan(scenario, c_day=9)) == []


def test_recurring_predecessor_gates_non_recurring_dependent() -> None:
    scenario = recurring_scenario()
    violations = validate_plan(scenario, recurring_plan(scenario, c_day=2))
    assert rules(violations) == {"precedence"}
    assert "'a#2' finishes 2027-03-08" in violations[0].message
    free = recurring_scenario(c_after_a=False)
    assert validate_plan(free, recurring_plan(free, c_day=2)) == []


def test_optional_task_may_be_left_out(scenario: Scenario, plan: Plan) -> None:
    extra = Task("extra", role="design", hours=4, optional=True, due=date(2027, 3, 5))
    assert validate_plan(make_scenario((*TASKS, extra)), plan) == []
    required = dataclasses.replace(extra, optional=False)
    assert rules(validate_plan(make_scenario((*TASKS, required)), plan)) == {
        "missing_task",
        "promise",
    }


# --- calendar helpers ----------------------------------------------------------------------
def test_monthly_shift_clamps_and_keeps_day_of_month() -> None:
    assert shift(date(2027, 1, 31), "month", 1) == date(2027, 2, 28)
    assert shift(date(2027, 1, 31), "month", 2) == date(2027, 3, 31)
    assert shift(date(2027, 11, 30), "month", 3) == date(2028, 2, 29)
    assert shift(date(2027, 3, 1), "week", 2) == date(2027, 3, 15)


def test_working_day_index_skips_weekends_and_holidays(scenario: Scenario) -> None:
    cal = CheckCalendar(scenario)
    assert cal.index(date(2027, 3, 8)) - cal.index(date(2027, 3, 5)) == 1
    assert cal.index(date(2027, 3, 30)) - cal.index(date(2027, 3, 25)) == 1  # Easter
    assert cal.day_at(cal.index(date(2027, 3, 25)) + 1) == date(2027, 3, 30)
    assert cal.next_working_day(date(2027, 3, 26)) == date(2027, 3, 30)
    assert cal.previous_working_day(date(2027, 3, 29)) == date(2027, 3, 25)
    # 2027 has 261 weekdays, 8 of them Finnish public holidays
    assert cal.index(date(2027, 12, 31)) - cal.index(date(2026, 12, 31)) == 253
