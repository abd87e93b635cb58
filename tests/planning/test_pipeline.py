"""Planning scenarios end to end (library level); every plan passes the independent validator."""

from __future__ import annotations

from datetime import date

from planner.model import Dependency, Person, Repeat, Task
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.validate.rules import assert_valid
from tests.conftest import contract_scenario, tiny_scenario


def test_contract_scenario_plan_is_valid_and_reports_the_late_key_visual() -> None:
    scenario = contract_scenario()
    plan = plan_scenario(scenario, SolveSettings(time_limit=3))
    assert_valid(scenario, plan)
    assert plan.has_schedule
    promises = {p.task: p for p in plan.promises}
    assert len(promises) == 2 + 8  # concept, key_visual and eight weekly posts
    assert promises["concept"].met
    # Aino has 4.5 h/day in March, a week off and Easter: 80 h cannot be done by 26 March.
    assert not promises["key_visual"].met
    assert all(promises[f"weekly_posts#{k}"].met for k in range(1, 9))
    assert plan.verdict == "infeasible"


def test_feasible_chain_has_exact_dates_and_price() -> None:
    scenario = tiny_scenario(
        (
            Task("draft", role="designer", hours=15, due=date(2027, 3, 2)),
            Task("review", client_days=2, after=(Dependency("draft"),)),
            Task(
                "final",
                role="designer",
                hours=7.5,
                after=(Dependency("review", lag=1),),
                due=date(2027, 3, 8),
            ),
        ),
        budget=3000,
    )
    plan = plan_scenario(scenario, SolveSettings(time_limit=3))
    assert_valid(scenario, plan)
    assert plan.solver_status == "OPTIMAL"
    assert plan.verdict == "feasible"
    tasks = {t.id: t for t in plan.tasks}
    assert (tasks["draft"].start, tasks["draft"].finish) == (date(2027, 3, 1), date(2027, 3, 2))
    assert (tasks["review"].start, tasks["review"].finish) == (date(2027, 3, 3), date(2027, 3, 4))
    assert tasks["final"].start == tasks["final"].finish == date(2027, 3, 8)  # Fri is the lag
    assert plan.budget.price == 22.5 * 100
    assert all(b.minutes == 450 for b in plan.bookings)  # 7.5 h days stay exact


def test_over_budget_is_infeasible_even_when_dates_hold() -> None:
    scenario = tiny_scenario((Task("t", role="designer", hours=10),), budget=999)
    plan = plan_scenario(scenario, SolveSettings(time_limit=2))
    assert_valid(scenario, plan)
    assert plan.promises_met and not plan.budget.within
    assert plan.budget.gap == -1
    assert plan.verdict == "infeasible"


def test_priority_decides_which_promise_breaks() -> None:
    tasks = (
        Task("minor", role="designer", hours=7.5, due=date(2027, 3, 1), priority=1),
        Task("major", role="designer", hours=7.5, due=date(2027, 3, 1), priority=5),
    )
    scenario = tiny_scenario(tasks)
    plan = plan_scenario(scenario, SolveSettings(time_limit=2))
    assert_valid(scenario, plan)
    outcome = {p.task: p for p in plan.promises}
    assert outcome["major"].met and outcome["minor"].slip_days == 1


def test_recurring_sla_work_across_easter() -> None:
    team = (Person("Ville", ("copywriter",), 20, bill_rate=75),)
    task = Task("posts", role="copywriter", hours=3, repeat=Repeat("week", 6), due_within=1)
    scenario = tiny_scenario((task,), team=team, start=date(2027, 3, 15), country="FI")
    plan = plan_scenario(scenario, SolveSettings(time_limit=3))
    assert_valid(scenario, plan)
    assert plan.verdict == "feasible"
    promises = {p.task: p for p in plan.promises}
    # Instance 3 is released on Easter Monday (29 March): work starts Tuesday, due Wednesday.
    assert promises["posts#3"].due == date(2027, 3, 31)
    assert plan.task("posts#3").start == date(2027, 3, 30)


def test_unknown_when_role_has_no_capacity_in_calendar() -> None:
    team = (Person("Ghost", ("designer",), 0.0001, bill_rate=1),)
    scenario = tiny_scenario((Task("t", role="designer", hours=100),), team=team)
    plan = plan_scenario(scenario, SolveSettings(time_limit=2))
    assert plan.solver_status == "UNKNOWN"  # the calendar ends; nothing is proven (issue 11)
    assert "not a proof" in plan.message
    assert not plan.bookings and plan.verdict == "infeasible"
    assert_valid(scenario, plan)


def test_same_seed_same_plan() -> None:
    first = plan_scenario(contract_scenario(), SolveSettings(time_limit=2, seed=3))
    second = plan_scenario(contract_scenario(), SolveSettings(time_limit=2, seed=3))
    assert_valid(contract_scenario(), first)
    assert first.bookings == second.bookings and first.tasks == second.tasks
