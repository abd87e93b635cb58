"""Levers below a meaningful size are not offered: a date move the re-planned alternative does
not use, and overtime or freelance time under an hour in all (hand-made tiny scenarios, the
expected answers worked out by hand)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import planner.diagnosis.levers as levers
from planner.diagnosis.changes import (
    MOVE_DATE,
    OVERTIME,
    apply_changes,
    move_date_change,
    overtime_change,
)
from planner.diagnosis.levers import find_alternatives
from planner.diagnosis.pruning import (
    SearchJob,
    meaningful,
    search_waves,
    too_small,
    unneeded_moves,
)
from planner.model import Levers, OvertimeOption, Scenario, Task
from planner.planning import SolveSettings, plan_scenario, prepare
from planner.validate import assert_valid
from tests.conftest import tiny_scenario

LIMIT = 2.0
MONDAY = date(2027, 3, 1)


def two_promises() -> Scenario:
    """Dana (7.5 h/day) has a 40 h campaign promised for Thu 4 Mar (30 h fit: 10 h short, so
    it needs 2 more working days, to Mon 8 Mar) and a 2 h memo promised for Wed 10 Mar (it
    fits easily after the campaign, so moving it changes nothing)."""
    tasks = (
        Task("campaign", role="designer", hours=40, due=date(2027, 3, 4)),
        Task("memo", role="designer", hours=2, due=date(2027, 3, 10), after=()),
    )
    levers_ = Levers(overtime=(OvertimeOption("Dana", 10, 50),))
    return replace(tiny_scenario(tasks), levers=levers_)


def test_a_one_day_move_the_plan_does_not_use_is_found() -> None:
    scenario = two_promises()
    calendar = prepare(scenario).calendar
    needed = move_date_change(scenario, calendar, "campaign", 2)
    idle = move_date_change(scenario, calendar, "memo", 1)
    changed = apply_changes(scenario, [needed, idle])
    plan_after = plan_scenario(changed, SolveSettings(time_limit=LIMIT))
    assert_valid(changed, plan_after)
    assert plan_after.verdict == "feasible"
    promised = {"campaign": date(2027, 3, 4), "memo": date(2027, 3, 10)}
    assert unneeded_moves([needed, idle], plan_after, promised) == [idle]


def test_overtime_under_an_hour_in_all_is_too_small() -> None:
    scenario = two_promises()
    calendar = prepare(scenario).calendar
    option = OvertimeOption("Dana", 10, 50)
    half_hour = overtime_change(scenario, calendar, option, 2.5, MONDAY, MONDAY)  # 0.5 h
    one_hour = overtime_change(scenario, calendar, option, 5, MONDAY, MONDAY)  # 1 h
    assert too_small(half_hour) and not too_small(one_hour)
    assert meaningful([half_hour, one_hour]) == [one_hour]


def test_alternatives_leave_out_idle_moves_and_tiny_overtime(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The search is made to propose the needed move plus an idle 1-day move of the memo and
    half an hour of overtime: what is offered is the needed move alone (2 days, 1,000 at the
    default 500 a day), and its plan keeps every promise."""
    scenario = two_promises()
    calendar = prepare(scenario).calendar
    needed = move_date_change(scenario, calendar, "campaign", 2)
    idle = move_date_change(scenario, calendar, "memo", 1)
    option = OvertimeOption("Dana", 10, 50)
    tiny = overtime_change(scenario, calendar, option, 2.5, date(2027, 3, 3), date(2027, 3, 3))
    assert too_small(tiny)
    proposed = (needed, idle, tiny)
    monkeypatch.setattr(levers, "candidates", lambda *args, **kwargs: [proposed])
    monkeypatch.setattr(levers, "trim", lambda context, changes, *args: tuple(changes))
    (alternative,) = find_alternatives(
        scenario, replan_limit=LIMIT, settings=SolveSettings(time_limit=LIMIT)
    )
    assert [(c.kind, c.target, c.amount) for c in alternative.changes] == [
        (MOVE_DATE, "campaign", 2)
    ]
    assert alternative.cost == 1000
    changed = apply_changes(scenario, alternative.changes)
    plan = plan_scenario(changed, SolveSettings(time_limit=LIMIT))
    assert_valid(changed, plan)
    assert plan.verdict == "feasible"
    assert all(c.kind != OVERTIME for c in alternative.changes)


def test_wider_searches_wait_for_the_narrower_ones() -> None:
    """A search with every lever goes after those with fewer of its levers (their answers
    bound it); searches of different variants do not wait for each other."""
    scenario = two_promises()
    context = prepare(scenario)
    option = OvertimeOption("Dana", 10, 50)

    def job(variant: tuple, overtime: tuple, move: bool) -> SearchJob:
        return SearchJob(variant, context, overtime, (), {}, move)

    other = (move_date_change(scenario, context.calendar, "memo", 1),)
    jobs = [
        job((), (option,), True),  # every lever
        job((), (), True),  # dates alone
        job((), (option,), False),  # overtime, fixed dates
        job(other, (option,), True),
    ]
    assert search_waves(jobs) == [[1, 2, 3], [0]]
