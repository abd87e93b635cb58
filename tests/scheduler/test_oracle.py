"""Every claim the planner makes about a plan, checked against an exact reference.

The reference (:mod:`tests.oracle.reference`) is a plain CP-SAT model of its own over every
working day of the calendar; it shares no code with ``planner.scheduler``. On random tiny
scenarios (:mod:`tests.oracle.scenarios`):

* every plan passes the independent validator;
* no plan beats the reference (lateness, then price at equal lateness);
* OPTIMAL means equal to the reference in lateness, price and finish;
* "lowest price" and "over budget, proven" hold for every plan at that lateness.

CI runs ``ORACLE_EXAMPLES`` examples (default 300), the same ones every run. The long profile
searches fresh ones: ``ORACLE_EXAMPLES=10000 ORACLE_RANDOM=1 pytest tests/scheduler/test_oracle.py
--hypothesis-seed=N``. A failing example prints its scenario and the blob that reproduces it;
keep it as a regression case below.
"""

from __future__ import annotations

import os
from datetime import date
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from planner.io import scenario_from_dict
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.validate.calendar import CheckCalendar
from planner.validate.rules import assert_valid
from tests.oracle.reference import lowest_price_at, reference_plan
from tests.oracle.scenarios import tiny_scenario

EXAMPLES = int(os.environ.get("ORACLE_EXAMPLES", "300"))
CENT = Fraction(1, 200)


def weighted_lateness(plan: Plan) -> int:
    return sum(p.priority * p.slip_days for p in plan.promises)


def finish_indices(scenario: Any, plan: Plan) -> list[int]:
    """Every task's exclusive finish as a working-day index (the reference's ``end``)."""
    cal = CheckCalendar(scenario)
    return [cal.index(t.finish) + 1 for t in plan.tasks if t.finish is not None]


def check_claims(data: dict[str, Any]) -> None:
    scenario = scenario_from_dict(data)
    plan = plan_scenario(scenario, SolveSettings(time_limit=3.0))
    reference = reference_plan(scenario)
    if reference is None or not reference.proven:
        assert not plan.has_schedule or plan.solver_status != "INFEASIBLE"
        return
    assert plan.has_schedule, f"planner found no plan; reference: {reference}"
    assert_valid(scenario, plan)
    late = weighted_lateness(plan)
    price = Fraction(str(plan.budget.price))
    assert late >= reference.lateness
    if late == reference.lateness:
        assert price >= reference.price - CENT
    if plan.solver_status == "OPTIMAL":
        finishes = finish_indices(scenario, plan)
        assert late == reference.lateness
        assert abs(price - reference.price) <= CENT, (price, reference.price)
        assert (max(finishes), sum(finishes)) == (reference.makespan, reference.finish_sum)
    budget = plan.budget
    if budget.price_is_lowest or budget.over_budget_proven or budget.lowest_price is not None:
        lowest = lowest_price_at(scenario, late)
        assert budget.lowest_price is None or Fraction(str(budget.lowest_price)) <= lowest + CENT
        if budget.price_is_lowest:
            assert abs(price - lowest) <= CENT
        if budget.over_budget_proven:
            assert lowest > Fraction(str(budget.budget))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("ORACLE_RANDOM"),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tiny_scenario())
def test_claims_match_the_exact_reference(data: dict[str, Any]) -> None:
    check_claims(data)


# --- regressions: each found by an audit or by the property test above -----------------------
def _designer(name: str, rate: float, hours: float = 40) -> dict[str, Any]:
    return {"name": name, "roles": ["designer"], "hours_per_week": hours, "bill_rate": rate}


HORIZON_TRAP = {
    "scenario": "Deferring a client chain protects the urgent promise",
    "start": date(2027, 3, 1),
    "calendar": {"workdays": ["Mon", "Tue", "Wed", "Thu", "Fri"]},
    "team": [_designer("Dana", 100)],
    "brief": {
        "client": "Audit",
        "tasks": [
            {"id": "d", "role": "designer", "hours": 80, "due": date(2027, 3, 12), "priority": 100},
            {"id": "c1", "role": "designer", "hours": 8},
            {"id": "review", "client_days": 20, "after": ["c1"]},
            {
                "id": "c2",
                "role": "designer",
                "hours": 8,
                "after": ["review"],
                "due": date(2027, 3, 30),
                "priority": 1,
            },
        ],
    },
}

CHEAPER_PERSON = {
    "scenario": "A cheaper person can do it on time",
    "start": date(2027, 3, 1),
    "team": [_designer("Senior", 225), _designer("Junior", 80)],
    "brief": {
        "client": "Audit",
        "budget": 1000,
        "tasks": [{"id": "t", "role": "designer", "hours": 10, "due": date(2027, 3, 5)}],
    },
}

RATE_TIE = {
    "scenario": "80.00 against 80.45",
    "start": date(2027, 3, 1),
    "team": [_designer("Dearer", 80.45), _designer("Cheaper", 80)],
    "brief": {
        "client": "Audit",
        "tasks": [{"id": "t", "role": "designer", "hours": 12, "due": date(2027, 3, 5)}],
    },
}


BACK_FROM_LEAVE = {
    "scenario": "The cheaper person is back from leave well before the promise",
    "start": date(2027, 3, 1),
    "team": [
        _designer("Senior", 150),
        {
            **_designer("Junior", 80),
            "time_off": [{"from": date(2027, 3, 1), "to": date(2027, 4, 16)}],
        },
    ],
    "brief": {
        "client": "Audit",
        "budget": 2000,
        "tasks": [{"id": "t", "role": "designer", "hours": 16, "due": date(2027, 5, 28)}],
    },
}


def test_horizon_trap_is_solved_and_not_falsely_optimal() -> None:
    plan = plan_scenario(scenario_from_dict(HORIZON_TRAP))
    slips = {p.task: p.slip_days for p in plan.promises}
    assert slips == {"d": 0, "c2": 10}
    assert weighted_lateness(plan) == 10
    assert plan.solver_status == "OPTIMAL"


def test_budget_verdict_asks_whether_any_plan_fits() -> None:
    plan = plan_scenario(scenario_from_dict(CHEAPER_PERSON))
    assert plan.promises_met
    assert plan.budget.price == 800 and plan.budget.within
    assert {b.person for b in plan.bookings} == {"Junior"}
    assert plan.budget.price_is_lowest


def test_rates_are_not_rounded() -> None:
    plan = plan_scenario(scenario_from_dict(RATE_TIE))
    assert {b.person for b in plan.bookings} == {"Cheaper"}
    assert plan.budget.price == 960


def test_over_budget_is_proven_only_when_no_plan_fits() -> None:
    data = {**CHEAPER_PERSON, "brief": {**CHEAPER_PERSON["brief"], "budget": 700}}
    plan = plan_scenario(scenario_from_dict(data))
    assert not plan.budget.within and plan.budget.over_budget_proven
    assert plan.budget.lowest_price == 800


def test_lowest_price_may_wait_for_a_cheaper_person() -> None:
    plan = plan_scenario(scenario_from_dict(BACK_FROM_LEAVE))
    assert plan.promises_met and plan.solver_status == "OPTIMAL"
    assert {b.person for b in plan.bookings} == {"Junior"} and plan.budget.price == 1280


@pytest.mark.parametrize(
    "data", [HORIZON_TRAP, CHEAPER_PERSON, RATE_TIE, BACK_FROM_LEAVE], ids=lambda d: d["scenario"]
)
def test_regressions_match_the_reference(data: dict[str, Any]) -> None:
    check_claims(data)
