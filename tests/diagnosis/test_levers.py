"""Levers: every change applies cleanly, every alternative really makes the promises hold,
and the first alternative is the cheapest (brute force over lever settings on a tiny case)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest

from planner.diagnosis import levers
from planner.diagnosis.alternative import Alternative, apply_alternative
from planner.diagnosis.changes import (
    BUDGET,
    DROP_TASK,
    FREELANCER,
    MOVE_DATE,
    OVERTIME,
    SHRINK_TASK,
    TURNAROUND,
    Change,
    apply_changes,
    budget_change,
    drop_change,
    freelancer_change,
    move_date_change,
    overtime_change,
    shrink_change,
    turnaround_change,
)
from planner.diagnosis.levers import find_alternatives
from planner.diagnosis.pruning import unneeded_moves
from planner.io import load_scenario
from planner.model import (
    Dependency,
    FreelancerOption,
    Levers,
    OvertimeOption,
    Scenario,
    Task,
    TurnaroundOption,
)
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario, prepare
from planner.validate.rules import assert_valid
from tests.conftest import DATA_DIR, tiny_scenario

LIMIT = 2.0
MONDAY = date(2027, 3, 1)


def replan(scenario: Scenario) -> Plan:
    """Plan and check independently."""
    plan = plan_scenario(scenario, SolveSettings(time_limit=LIMIT))
    assert_valid(scenario, plan)
    return plan


def assert_alternative_holds(scenario: Scenario, alternative: Alternative) -> Plan:
    """Apply, re-plan, validate: every promise holds within budget."""
    changed = apply_alternative(scenario, alternative)
    plan = replan(changed)
    assert plan.verdict == "feasible", alternative.summary
    assert alternative.verdict_after == "feasible"
    assert alternative.cost == pytest.approx(sum(c.cost for c in alternative.changes))
    return plan


# --- applying single changes ------------------------------------------------------------------
def short_scenario(levers: Levers | None = None) -> Scenario:
    """Dana (7.5 h/day) has a 40 h campaign (two may share it) promised for Thu 4 Mar: 30 h
    fit, 10 h are short."""
    tasks = (Task("campaign", role="designer", hours=40, due=date(2027, 3, 4), max_people=2),)
    return replace(tiny_scenario(tasks), levers=levers)


def test_move_date_moves_by_working_days() -> None:
    scenario = short_scenario()
    change = move_date_change(scenario, prepare(scenario).calendar, "campaign", 2)
    assert change.new_date == date(2027, 3, 8)  # Thu + 2 working days = Mon
    assert change.cost == 1000  # default 500 per working day
    plan = replan(apply_changes(scenario, [change]))
    assert plan.verdict == "feasible"


def test_overtime_is_a_negative_commitment_the_validator_accepts() -> None:
    scenario = short_scenario()
    calendar = prepare(scenario).calendar
    option = OvertimeOption("Dana", 10, 50)
    change = overtime_change(scenario, calendar, option, 10, MONDAY, date(2027, 3, 4))
    # 10 h a week over five workdays is 2 h a day, four days: 8 h, 400.
    assert change.cost == 400
    changed = apply_changes(scenario, [change])
    free = prepare(changed).calendar.available_by_day("Dana")
    assert free[MONDAY] == 450 + 120 and free[date(2027, 3, 5)] == 450
    replan(changed)


def test_freelancer_is_a_new_person_only_in_the_window() -> None:
    scenario = short_scenario()
    calendar = prepare(scenario).calendar
    option = FreelancerOption("designer", 20, 60)
    change = freelancer_change(scenario, calendar, option, 20, date(2027, 3, 2), date(2027, 3, 4))
    assert change.cost == 12 * 60  # 4 h a day on three days
    changed = apply_changes(scenario, [change])
    freelancer = changed.team[-1]
    assert freelancer.roles == ("designer",) and freelancer.bill_rate == 60
    free = prepare(changed).calendar.available_by_day(freelancer.name)
    assert [free[d] for d in sorted(free)[:5]] == [0, 240, 240, 240, 0]
    assert replan(changed).verdict == "feasible"  # 30 h from Dana + 12 h from the freelancer


def test_drop_task_rewires_its_successors_with_the_lags_added() -> None:
    tasks = (
        Task("a", role="designer", hours=7.5),
        Task("b", role="designer", hours=7.5, after=(Dependency("a", 1),), optional=True),
        Task("c", role="designer", hours=7.5, after=(Dependency("b", 2),), due=date(2027, 3, 9)),
    )
    scenario = tiny_scenario(tasks)
    changed = apply_changes(scenario, [drop_change(scenario, "b")])
    assert [t.id for t in changed.brief.tasks] == ["a", "c"]
    assert changed.task("c").after == (Dependency("a", 3),)
    assert replan(changed).task("c").start == date(2027, 3, 5)  # a Mon, +3 working days


def test_shrink_turnaround_and_budget_changes() -> None:
    tasks = (
        Task("draft", role="designer", hours=10, optional=True, value=2000),
        Task("review", client_days=5, after=(Dependency("draft"),)),
    )
    scenario = tiny_scenario(tasks, budget=500)
    shrink = shrink_change(scenario, "draft", 0.5)
    faster = turnaround_change(scenario, TurnaroundOption("review", 2, 300), 2)
    money = budget_change(scenario, 250)
    assert (shrink.cost, faster.cost, money.cost) == (1000, 600, 250)
    changed = apply_changes(scenario, [shrink, faster, money])
    assert changed.task("draft").hours == 5
    assert changed.task("review").client_days == 3
    assert changed.brief.budget == 750
    plan = replan(changed)
    assert plan.budget.price == 500 and plan.verdict == "feasible"


# --- the cheapest alternative, against brute force -------------------------------------------
BRUTE_LEVERS = Levers(
    date_penalty_per_day=300,
    overtime=(OvertimeOption("Dana", 10, 50),),
    freelancers=(FreelancerOption("designer", 20, 60),),
)


def _brute_force_cheapest(scenario: Scenario) -> float:
    """Every combination of date move (0–2 days), overtime (0–10 h/week) and freelancer
    (0–20 h/week), each over the whole span up to the (moved) promise, tried cheapest first."""
    calendar = prepare(scenario).calendar
    combos: list[tuple[float, list[Change]]] = []
    for days, extra, hired in itertools.product(range(3), range(11), range(21)):
        changes: list[Change] = []
        due = date(2027, 3, 4)
        if days:
            move = move_date_change(scenario, calendar, "campaign", days)
            changes.append(move)
            assert move.new_date is not None
            due = move.new_date
        if extra:
            option = BRUTE_LEVERS.overtime[0]
            changes.append(overtime_change(scenario, calendar, option, extra, MONDAY, due))
        if hired:
            option = BRUTE_LEVERS.freelancers[0]
            changes.append(freelancer_change(scenario, calendar, option, hired, MONDAY, due))
        combos.append((sum(c.cost for c in changes), changes))
    for cost, changes in sorted(combos, key=lambda c: c[0]):
        changed = apply_changes(scenario, changes)
        if plan_scenario(changed, SolveSettings(time_limit=LIMIT)).verdict == "feasible":
            return cost
    raise AssertionError("no combination works")


def test_first_alternative_is_no_dearer_than_brute_force() -> None:
    scenario = short_scenario(BRUTE_LEVERS)
    alternatives = find_alternatives(
        scenario, replan_limit=LIMIT, settings=SolveSettings(time_limit=LIMIT)
    )
    assert alternatives, "the levers can fix this brief"
    for alternative in alternatives:
        assert_alternative_holds(scenario, alternative)
    ranks = [(a.price_after, len(a.changes)) for a in alternatives]
    assert ranks == sorted(ranks)  # what the client pays, then how few changes
    # Integer hours over the whole span: best is 1 day (300) + 3 h/week overtime (3 h, 150).
    brute = _brute_force_cheapest(scenario)
    assert brute == 450
    cheapest = min(a.cost for a in alternatives)
    assert cheapest <= brute + 0.01
    # The search sizes per quarter hour: 1 day + 2.5 h overtime = 425.
    assert cheapest == pytest.approx(425)
    best = min(alternatives, key=lambda a: a.cost)
    assert {c.kind for c in best.changes} == {MOVE_DATE, OVERTIME}


def test_alternatives_are_different_kinds_of_fix() -> None:
    scenario = short_scenario(BRUTE_LEVERS)
    alternatives = find_alternatives(
        scenario, replan_limit=LIMIT, settings=SolveSettings(time_limit=LIMIT)
    )
    kinds = [frozenset(c.kind for c in a.changes) for a in alternatives]
    assert len(alternatives) >= 3
    assert frozenset({MOVE_DATE}) in kinds  # dates alone: +2 working days, 600
    assert any(FREELANCER in k for k in kinds)
    assert [a.label for a in alternatives] == [chr(65 + i) for i in range(len(alternatives))]


# --- brief levers -----------------------------------------------------------------------------
def test_dropping_an_optional_task_when_dates_are_fixed() -> None:
    tasks = (
        Task("visual", role="designer", hours=22.5, due=date(2027, 3, 3)),
        Task("banners", role="designer", hours=7.5, due=date(2027, 3, 3), optional=True, value=900),
    )
    scenario = replace(tiny_scenario(tasks), levers=Levers(move_dates=False))
    (alternative,) = find_alternatives(
        scenario, replan_limit=LIMIT, settings=SolveSettings(time_limit=LIMIT)
    )
    assert [(c.kind, c.target, c.cost) for c in alternative.changes] == [
        (DROP_TASK, "banners", 900)
    ]
    assert_alternative_holds(scenario, alternative)


def test_shrinking_an_optional_task() -> None:
    # 15 h + 15 h optional by Wed, 22.5 h free, dates fixed and dropping not allowed: keeping
    # half of the optional task (7.5 h) fits exactly; the price is half its value.
    tasks = (
        Task("visual", role="designer", hours=15, due=date(2027, 3, 3)),
        Task("banners", role="designer", hours=15, due=date(2027, 3, 3), optional=True, value=1200),
    )
    levers = Levers(move_dates=False, drop_optional=False, shrink_optional_to=0.5)
    scenario = replace(tiny_scenario(tasks), levers=levers)
    (alternative,) = find_alternatives(
        scenario, replan_limit=LIMIT, settings=SolveSettings(time_limit=LIMIT)
    )
    assert [(c.kind, c.target, c.amount, c.cost) for c in alternative.changes] == [
        (SHRINK_TASK, "banners", 0.5, 600)
    ]
    plan = assert_alternative_holds(scenario, alternative)
    assert plan.task("banners").hours == 7.5


def test_faster_client_turnaround() -> None:
    tasks = (
        Task("draft", role="designer", hours=7.5),
        Task("review", client_days=5, after=(Dependency("draft"),)),
        Task(
            "final", role="designer", hours=7.5, after=(Dependency("review"),), due=date(2027, 3, 5)
        ),
    )
    levers = Levers(move_dates=False, turnaround=(TurnaroundOption("review", 3, 200),))
    scenario = replace(tiny_scenario(tasks), levers=levers)
    (alternative,) = find_alternatives(
        scenario, replan_limit=LIMIT, settings=SolveSettings(time_limit=LIMIT)
    )
    # draft Mon, review Tue–Thu, final Fri: the review must take 3 days, so 2 days are saved
    # (the full 3 would work too, but cost more).
    assert [(c.kind, c.amount, c.cost) for c in alternative.changes] == [(TURNAROUND, 2, 400)]
    assert_alternative_holds(scenario, alternative)


def test_budget_raise_completes_an_alternative() -> None:
    scenario = replace(short_scenario(), brief=replace(short_scenario().brief, budget=3000))
    (alternative,) = find_alternatives(
        scenario, replan_limit=LIMIT, settings=SolveSettings(time_limit=LIMIT)
    )
    budget = [c for c in alternative.changes if c.kind == BUDGET]
    assert budget and budget[0].amount == 1000  # 40 h at 100 against 3,000
    assert_alternative_holds(scenario, alternative)


def test_only_promises_of_a_chosen_priority() -> None:
    tasks = (
        Task("key", role="designer", hours=15, due=date(2027, 3, 2), priority=2),
        Task("extra", role="designer", hours=15, due=date(2027, 3, 2)),
    )
    scenario = tiny_scenario(tasks)
    (everything, *_) = find_alternatives(
        scenario, replan_limit=LIMIT, settings=SolveSettings(time_limit=LIMIT)
    )
    assert_alternative_holds(scenario, everything)
    (first,) = find_alternatives(
        scenario, min_priority=2, limit=1, settings=SolveSettings(time_limit=LIMIT)
    )
    plan = replan(apply_alternative(scenario, first))
    assert {p.task for p in plan.promises if p.met} >= {"key"}


def test_nothing_to_do_for_a_feasible_plan_or_without_levers() -> None:
    easy = tiny_scenario((Task("a", role="designer", hours=7.5, due=date(2027, 3, 2)),))
    assert find_alternatives(easy) == ()
    stuck = short_scenario(Levers(move_dates=False, raise_budget=False))
    assert find_alternatives(stuck, settings=SolveSettings(time_limit=LIMIT)) == ()


# --- the over-promised sample -----------------------------------------------------------------
def test_tundra_gets_several_checked_alternatives() -> None:
    scenario = load_scenario(DATA_DIR / "tundra-product-launch.yaml")
    alternatives = find_alternatives(
        scenario, replan_limit=LIMIT, settings=SolveSettings(time_limit=1.0)
    )
    assert len(alternatives) >= 2
    ranks = [(a.price_after, len(a.changes)) for a in alternatives]
    assert ranks == sorted(ranks)
    for alternative in alternatives:
        plan = assert_alternative_holds(scenario, alternative)
        assert plan.budget.price == pytest.approx(alternative.price_after)
        assert alternative.headline and " EUR" in alternative.headline
        for change in alternative.changes:  # no lever too small to matter
            if change.kind in ("overtime", "freelancer") and change.rate:
                assert change.cost / change.rate >= 1 - 1e-6
        promised = {
            p.task: p.due for p in plan_scenario(scenario, SolveSettings(time_limit=LIMIT)).promises
        }
        assert unneeded_moves(alternative.changes, alternative.plan_after, promised) == []


def test_an_alternative_beaten_outright_is_not_offered() -> None:
    """C makes A's changes and one more and costs the client more: only A is offered (a budget
    raise of another size does not make C different)."""
    move = Change("move_date", "concept", 2, 400.0, "Move Concept by 2 days")
    review = Change("turnaround", "review", 2, 300.0, "Review in 2 days instead of 4")
    extra = Change("overtime", "Aino", 4, 200.0, "Overtime for Aino")

    def alternative(price: float, *changes: Change) -> Alternative:
        raise_to = Change("budget", "budget", price - 1000, price - 1000, "Raise the budget")
        return Alternative((*changes, raise_to), 0.0, "feasible", price, None)  # type: ignore[arg-type]

    a = alternative(10_000, move)
    b = alternative(10_100, review)  # other changes: kept although dearer
    c = alternative(10_270, move, extra)  # A's changes and more, dearer: dropped
    d = alternative(9_900, move, review)  # more changes but cheaper for the client: kept
    assert levers._undominated([d, a, b, c]) == [d, a, b]
