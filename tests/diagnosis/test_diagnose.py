"""Diagnosis: each kind of cause on a scenario whose cause is known by construction.

Figures (hours needed, hours free, chain length) are worked out by hand in each test's
comment and asserted exactly; every plan is checked by the independent validator.
"""

from __future__ import annotations

from datetime import date

import pytest

from planner.diagnosis.capacity import Shortfall
from planner.diagnosis.chain import ChainBound, Reach
from planner.diagnosis.diagnose import diagnose
from planner.diagnosis.findings import BUDGET, CAPACITY, CHAIN, CONFLICT, BudgetGap, Conflict
from planner.io import load_scenario
from planner.model import (
    CalendarSettings,
    Commitment,
    DateRange,
    Dependency,
    Person,
    Scenario,
    Task,
)
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario, prepare
from planner.validate.rules import assert_valid
from tests.conftest import DATA_DIR, tiny_scenario
from tests.support.scenarios import chain_scenario

LIMIT = 2.0


def _plan(scenario: Scenario) -> Plan:
    plan = plan_scenario(scenario, SolveSettings(time_limit=LIMIT))
    assert_valid(scenario, plan)
    return plan


def test_dependency_chain_is_named_with_exact_days() -> None:
    scenario = chain_scenario()
    diagnosis = diagnose(scenario, _plan(scenario))
    (cause,) = diagnosis.causes
    assert cause.kind == CHAIN and cause.task == "final"
    bound = cause.detail
    assert isinstance(bound, ChainBound)
    assert (bound.needed_days, bound.allowed_days) == (6, 5)
    assert (bound.agency_days, bound.client_days) == (3, 3)
    assert [(s.task, s.kind, s.working_days) for s in bound.steps] == [
        ("draft", "agency", 2),
        ("review", "client", 3),
        ("final", "agency", 1),
    ]
    assert bound.earliest_finish == date(2027, 3, 8)
    assert "needs 6 working days" in cause.sentence and "allows 5" in cause.sentence
    assert cause.figures()["chain"][1]["kind"] == "client"


def test_chain_uses_the_real_calendar_not_an_average() -> None:
    # Dana is off on Tue 2 Mar: the 15 h draft takes Mon 1 and Wed 3 (3 days, not 2), so the
    # chain needs 7 working days.
    off = Person(
        "Dana",
        ("designer",),
        37.5,
        bill_rate=100,
        time_off=(DateRange(date(2027, 3, 2), date(2027, 3, 2)),),
    )
    scenario = tiny_scenario(chain_scenario().brief.tasks, team=(off,))
    (cause,) = diagnose(scenario, _plan(scenario)).causes
    assert isinstance(cause.detail, ChainBound)
    assert cause.detail.needed_days == 7
    assert cause.detail.steps[0].working_days == 3


def capacity_scenario() -> Scenario:
    """Two designers, two 50 h jobs (2 people each) and a 1 h launch due Fri 2 Apr (FI).

    Agency working days 22 Mar – 1 Apr: 7 (Good Friday 26 Mar and Easter Monday 29 Mar are
    holidays). Dana: 7.5 h/day less 2 h Globex = 5.5 h × 7 = 38.5 h; Eero: 7.5 h × 7 less two
    days off (31 Mar, 1 Apr) = 37.5 h → 76 h free for the 100 h the jobs need before the
    launch day. The chain alone fits: both together do 13 h/day, 50 h by Thu 25 Mar.
    Contract 9 weekdays × 2 × 7.5 = 135 h = 76 free + 15 Good Friday + 15 Easter Monday +
    15 Eero's time off + 14 Globex.
    """
    team = (
        Person("Dana", ("designer",), 37.5, bill_rate=100),
        Person(
            "Eero",
            ("designer",),
            37.5,
            bill_rate=90,
            time_off=(DateRange(date(2027, 3, 31), date(2027, 4, 1)),),
        ),
    )
    return tiny_scenario(
        tasks=(
            Task("visual", role="designer", hours=50, max_people=2),
            Task("banners", role="designer", hours=50, max_people=2),
            Task(
                "launch",
                role="designer",
                hours=1,
                after=(Dependency("visual"), Dependency("banners")),
                due=date(2027, 4, 2),
            ),
        ),
        team=team,
        start=date(2027, 3, 22),
        country="FI",
        commitments=(
            Commitment("Dana", DateRange(date(2027, 3, 22), date(2027, 4, 2)), 10, "Globex"),
        ),
    )


def test_capacity_names_hours_needed_free_and_what_took_them() -> None:
    scenario = capacity_scenario()
    (cause,) = diagnose(scenario, _plan(scenario)).causes
    assert cause.kind == CAPACITY and cause.task == "launch"
    short = cause.detail
    assert isinstance(short, Shortfall)
    assert short.who == "designer"
    assert (short.first_day, short.last_day) == (date(2027, 3, 22), date(2027, 4, 1))
    assert (short.needed_minutes, short.free_minutes) == (100 * 60, 76 * 60)
    assert short.contract_minutes == 135 * 60
    assert dict(short.lost) == {
        "Good Friday": 15 * 60,
        "Easter Monday": 15 * 60,
        "Eero's time off": 15 * 60,
        "Globex": 14 * 60,
    }
    assert "needs 100 h of designer time" in cause.sentence
    assert "only 76 h are free" in cause.sentence
    assert "Good Friday takes 15 h" in cause.sentence
    assert cause.figures()["hours_missing"] == 24


def conflict_scenario() -> Scenario:
    """Dana alone; two 15 h jobs both promised by Wed 3 Mar (3 days = 22.5 h < 30 h).

    Each fits on its own; together they do not. The weightier one (priority 2) is kept, so
    "second" breaks. Piotr's copy is promised too but shares nobody with them.
    """
    team = (
        Person("Dana", ("designer",), 37.5, bill_rate=100),
        Person("Piotr", ("copywriter",), 37.5, bill_rate=80),
    )
    return tiny_scenario(
        tasks=(
            Task("first", role="designer", hours=15, due=date(2027, 3, 3), priority=2),
            Task("second", role="designer", hours=15, due=date(2027, 3, 3)),
            Task("copy", role="copywriter", hours=7.5, due=date(2027, 3, 3)),
        ),
        team=team,
    )


def test_conflict_is_a_minimal_set_proven_by_the_solver() -> None:
    scenario = conflict_scenario()
    plan = _plan(scenario)
    assert [p.task for p in plan.broken_promises] == ["second"]
    (cause,) = diagnose(scenario, plan, settings=SolveSettings(time_limit=LIMIT)).causes
    assert cause.kind == CONFLICT and cause.proven
    conflict = cause.detail
    assert isinstance(conflict, Conflict)
    assert set(conflict.members) == {"first", "second"}
    assert conflict.minimal
    assert conflict.shortfall is not None
    assert conflict.shortfall.needed_minutes == 30 * 60
    assert conflict.shortfall.free_minutes == round(22.5 * 60)
    assert "cannot be kept together with" in cause.sentence
    assert "first" in cause.sentence or "First" in cause.sentence


def test_conflict_not_proven_in_time_is_labelled() -> None:
    scenario = conflict_scenario()
    (cause,) = diagnose(scenario, _plan(scenario), settings=SolveSettings(time_limit=1e-9)).causes
    assert cause.kind == CONFLICT and not cause.proven
    assert "Not proven within the time limit" in cause.sentence


def test_budget_gap_by_role_and_deliverable() -> None:
    # 15 h at 100/h = 1,500 against a budget of 1,200: 300 over, the budget covers 80 %.
    scenario = tiny_scenario(
        tasks=(Task("visual", role="designer", hours=15, deliverable="Key visual"),),
        budget=1200,
    )
    (cause,) = diagnose(scenario, _plan(scenario)).causes
    assert cause.kind == BUDGET and cause.task is None
    gap = cause.detail
    assert isinstance(gap, BudgetGap)
    assert (gap.price, gap.budget, gap.over) == (1500, 1200, 300)
    assert gap.share_covered == pytest.approx(0.8)
    assert dict(gap.price_by_role) == {"designer": 1500}
    assert dict(gap.price_by_deliverable) == {"Key visual": 1500}
    assert "1,500 EUR" in cause.sentence and "300 EUR over" in cause.sentence
    assert "80%" in cause.sentence


def test_feasible_plan_has_no_causes() -> None:
    scenario = tiny_scenario(tasks=(Task("a", role="designer", hours=7.5, due=date(2027, 3, 2)),))
    diagnosis = diagnose(scenario, _plan(scenario))
    assert diagnosis.causes == () and diagnosis.notes == ()


def test_tundra_sample_is_diagnosed() -> None:
    scenario = load_scenario(DATA_DIR / "tundra-product-launch.yaml")
    plan = _plan(scenario)
    diagnosis = diagnose(scenario, plan)
    reach = Reach(prepare(scenario))
    broken = {p.task for p in plan.broken_promises}
    assert {c.task for c in diagnosis.causes if c.task} == broken
    assert {c.kind for c in diagnosis.causes} == {CAPACITY, BUDGET}
    for task in broken:
        assert not reach.chain(task).breaks  # the review chain alone would keep every promise
    banners = diagnosis.causes_for("banner_set")[0]
    short = banners.detail
    assert isinstance(short, Shortfall)
    # The concept is approved on 6 Apr; the banners (60 h, two designers) must start by 19 Apr,
    # so the key visual (90 h) and the 3D renders (56 h) fall in 7-16 Apr: 8 working days of
    # Aino and Eero (60 h each) and 4 Mon-Wed days of Joonas (32 h) = 152 h, less Aino's week
    # off (37.5 h) and the Helmi Bank retainer on her 3 days in (9 h) = 105.5 h free.
    assert short.who == "designer" and set(short.tasks) == {"key_visual", "product_renders"}
    assert (short.first_day, short.last_day) == (date(2027, 4, 7), date(2027, 4, 16))
    assert (short.needed_minutes, short.free_minutes, short.contract_minutes) == (
        146 * 60,
        105.5 * 60,
        152 * 60,
    )
    assert dict(short.lost) == {"Aino Virtanen's time off": 37.5 * 60, "Helmi Bank retainer": 540}
    # The shortage is explained in full once (for the worst promise) and referred to after.
    sentences = [c.sentence for c in diagnosis.causes]
    assert len(set(sentences)) == len(sentences)  # no two causes read the same
    full = [s for s in sentences if "Aino Virtanen's time off takes 37.5 h, Helmi Bank" in s]
    assert len(full) == 1 and full[0].startswith(plan.broken_promises[0].name)
    assert "same shortage of designer time between 7 Apr 2027 and 16 Apr 2027" in banners.sentence
    for cause in diagnosis.causes:
        assert "interval" not in cause.sentence and "literal" not in cause.sentence
        assert not any(t.id in cause.sentence for t in scenario.brief.tasks if "_" in t.id)


def test_calendar_without_country_still_works() -> None:
    scenario = chain_scenario()
    assert scenario.calendar == CalendarSettings()
    assert diagnose(scenario).causes[0].kind == CHAIN
