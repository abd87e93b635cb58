"""Other projects' bookings become the brief's commitments, exactly and without client names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from planner.io import load_scenario
from planner.model import CalendarSettings, Person
from planner.planning import SolveSettings
from planner.planning.calendar import WorkCalendar
from planner.planning.pipeline import plan_scenario
from planner.store import Store, accept_brief, check_with_portfolio, with_portfolio
from planner.store.portfolio import BOOKED_LABEL, booked_minutes, commitments_from_minutes
from planner.store.records import Portfolio, StoredBooking, StoredProject, TeamMember
from planner.validate.rules import CAPACITY, assert_valid, validate_plan
from tests.conftest import DATA_DIR
from tests.store.conftest import MONDAY, tiny_brief

SAMPLES = ("lumo-spring-campaign", "tundra-product-launch", "kivi-retainer-easter")


@pytest.mark.parametrize("minutes", [1, 7, 100, 450, 451, 479])
@pytest.mark.parametrize("workdays", [(0, 1, 2, 3, 4), (0, 1, 2, 3), (0, 2, 4)])
def test_commitments_take_exactly_the_booked_minutes(
    minutes: int, workdays: tuple[int, ...]
) -> None:
    """The calendar rounds a commitment's daily share up; the written hours land on the minute."""
    person = Person("Ana", ("designer",), 40, 100, workdays=workdays)
    booked = {"Ana": {MONDAY: minutes, MONDAY + timedelta(days=2): minutes}}
    commitments = commitments_from_minutes(booked, lambda _: workdays)
    scenario = replace(
        tiny_brief("A", "A Oy", 1, MONDAY + timedelta(days=20)),
        team=(person,),
        commitments=commitments,
    )
    calendar = WorkCalendar(scenario, MONDAY + timedelta(days=6))
    contract = 40 * 60 // len(workdays)
    free = calendar.available_by_day("Ana")
    assert free[MONDAY] == contract - minutes
    assert free[MONDAY + timedelta(days=2)] == contract - minutes
    assert free[MONDAY + timedelta(days=4)] == (contract if 4 in workdays else 0)
    assert all(c.label == BOOKED_LABEL for c in commitments)


def _portfolio(*projects: StoredProject) -> Portfolio:
    ana = Person("Ana", ("designer",), 40, 100)
    return Portfolio(1, "EUR", CalendarSettings(), (TeamMember(ana, 1),), projects)


def _project(name: str, status: str, probability: float | None, minutes: int) -> StoredProject:
    booking = StoredBooking(name, "work", "Ana", MONDAY, minutes)
    return StoredProject(name, "Secret Client", status, probability, 1, "", (), (booking,))


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("ignore", 200), ("weighted", 200 + 100 + 61), ("full", 200 + 200 + 121)],
)
def test_tentative_work_counts_by_choice(mode: str, expected: int) -> None:
    portfolio = _portfolio(
        _project("accepted", "accepted", None, 200),
        _project("likely", "tentative", 0.5, 200),
        _project("maybe", "tentative", 0.5, 121),  # 60.5 minutes round up to 61
    )
    assert booked_minutes(portfolio, mode) == {"Ana": {MONDAY: expected}}


def test_the_brief_itself_is_left_out_and_no_client_name_travels() -> None:
    portfolio = _portfolio(
        _project("Other", "accepted", None, 240), _project("A", "done", None, 60)
    )
    scenario = tiny_brief("A", "A Oy", 8, MONDAY + timedelta(days=7))
    merged = with_portfolio(scenario, portfolio)
    assert [(c.person, c.period.start, c.label) for c in merged.commitments] == [
        ("Ana", MONDAY, BOOKED_LABEL)
    ]
    assert "Secret Client" not in repr(merged)
    assert "Other" not in repr(merged)


def test_the_stores_record_of_a_person_wins_over_the_briefs() -> None:
    stored = Person("Ana", ("designer",), 20, 130)
    portfolio = replace(_portfolio(), team=(TeamMember(stored, 3),))
    merged = with_portfolio(tiny_brief("A", "A Oy", 8, MONDAY), portfolio)
    assert merged.team == (stored,)


def test_a_second_brief_plans_around_the_first(store: Store) -> None:
    """Hand-computed: Alpha takes Ana's Monday and Tuesday, so Beta's 8 h land on Wednesday."""
    accept_brief(
        store,
        tiny_brief("Alpha", "Alpha Oy", 16, date(2031, 3, 7)),
        settings=SolveSettings(time_limit=2),
    )
    beta = tiny_brief("Beta", "Beta Oy", 8, MONDAY)
    check = check_with_portfolio(beta, store.snapshot(), settings=SolveSettings(time_limit=2))
    assert_valid(check.scenario, check.plan)
    assert [(b.day, b.minutes) for b in check.plan.bookings] == [(date(2031, 3, 5), 480)]
    assert check.plan.promises[0].slip_days == 2


def _free_minutes(scenario) -> dict[tuple[str, date], int]:  # type: ignore[no-untyped-def]
    calendar = WorkCalendar(scenario, scenario.start + timedelta(days=150))
    return {
        (p.name, d): m for p in scenario.team for d, m in calendar.available_by_day(p.name).items()
    }


def test_accepting_the_samples_one_after_another_makes_later_checks_tighter(
    store: Store,
) -> None:
    overbooked_alone = []
    for number, name in enumerate(SAMPLES):
        scenario = load_scenario(DATA_DIR / f"{name}.yaml")
        # The same brief with the store's team records but none of its bookings.
        unbooked = with_portfolio(scenario, replace(store.snapshot(), projects=()))
        accepted = accept_brief(store, scenario, settings=SolveSettings(time_limit=1))
        check = accepted.check
        assert_valid(check.scenario, check.plan)
        if not number:
            assert check.scenario == unbooked == scenario  # nothing accepted yet
            continue
        # Tighter: no one has more free time on any day, and in all less.
        alone, seen = _free_minutes(unbooked), _free_minutes(check.scenario)
        assert all(seen[key] <= free for key, free in alone.items())
        assert sum(seen.values()) < sum(alone.values())
        # The brief planned alone would use hours the earlier work now holds.
        plan_alone = plan_scenario(unbooked, SolveSettings(time_limit=1))
        if any(v.rule == CAPACITY for v in validate_plan(check.scenario, plan_alone)):
            overbooked_alone.append(name)
    assert overbooked_alone
    _assert_nobody_double_booked(store)


def _assert_nobody_double_booked(store: Store) -> None:
    """Across all accepted projects no one works more than their contract on any day."""
    portfolio = store.snapshot()
    team = replace(
        load_scenario(DATA_DIR / f"{SAMPLES[0]}.yaml"),
        start=date(2027, 1, 1),
        team=portfolio.people,
        commitments=(),
    )
    calendar = WorkCalendar(team, date(2028, 1, 1))
    per_day = booked_minutes(portfolio)
    for person, days in per_day.items():
        contract = {c.day: c.contract_minutes for c in calendar.capacity[person]}
        for day, minutes in days.items():
            assert minutes <= contract[day], (person, day, minutes)
