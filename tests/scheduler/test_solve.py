"""The generic CP-SAT core on small problems whose answers are known by construction."""

from __future__ import annotations

import importlib

import pytest

from planner.scheduler import Activity, Precedence, Problem, Resource, serial_sgs, solve
from planner.scheduler.cpsat import SolveBudget, build_model
from planner.scheduler.objective import stages
from tests.support.schedules import check, person


def test_single_chain_is_scheduled_back_to_back() -> None:
    problem = Problem(
        resources=(person("ann"),),
        activities=(
            Activity("a", work=900, eligible=("ann",)),
            Activity("review", duration=3),
            Activity("b", work=450, eligible=("ann",)),
        ),
        precedences=(Precedence("a", "review"), Precedence("review", "b", lag=1)),
    )
    result = solve(problem, time_limit=5)
    assert result.status == "OPTIMAL"
    check(problem, result.schedule)
    assert result.schedule.finish == {"a": 2, "review": 5, "b": 7}


def test_lateness_is_minimised_and_proven() -> None:
    # One person, two 2-day jobs both promised by the end of day 2: one must be 2 days late,
    # and the heavier promise (weight 3) is kept.
    problem = Problem(
        resources=(person("ann"),),
        activities=(
            Activity("light", work=900, eligible=("ann",), due=2, weight=1),
            Activity("heavy", work=900, eligible=("ann",), due=2, weight=3),
        ),
    )
    result = solve(problem, time_limit=5)
    assert result.status == "OPTIMAL"
    check(problem, result.schedule)
    assert result.lateness == 2
    assert result.schedule.finish["heavy"] == 2


def test_cheaper_person_is_preferred_when_dates_allow() -> None:
    problem = Problem(
        resources=(person("senior", cost=120), person("junior", cost=70)),
        activities=(Activity("t", work=450, eligible=("senior", "junior")),),
    )
    result = solve(problem, time_limit=5)
    assert set(result.schedule.allocation["t"]) == {"junior"}


def test_team_split_uses_max_resources() -> None:
    problem = Problem(
        resources=(person("a"), person("b"), person("c")),
        activities=(Activity("t", work=1350, eligible=("a", "b", "c"), max_resources=3, due=1),),
    )
    result = solve(problem, time_limit=5)
    check(problem, result.schedule)
    assert result.lateness == 0 and len(result.schedule.allocation["t"]) == 3


def test_fixed_activities_respect_time_varying_capacity() -> None:
    pool = Resource("pool", (2, 1, 1, 2, 2, 2, 2, 2))
    problem = Problem(
        resources=(pool,),
        activities=(
            Activity("x", duration=2, demands={"pool": 2}),
            Activity("y", duration=2, demands={"pool": 1}),
        ),
        objective="makespan",
    )
    result = solve(problem, time_limit=5)
    assert result.status == "OPTIMAL"
    check(problem, result.schedule)
    assert result.makespan == 5  # y fits in periods 1-2, x has to wait for period 3


def test_no_capacity_is_proven_infeasible() -> None:
    problem = Problem(
        resources=(person("ann", days=3),),
        activities=(Activity("t", work=450 * 4, eligible=("ann",)),),
    )
    result = solve(problem, time_limit=5)
    assert result.status == "INFEASIBLE" and result.schedule is None


def test_same_seed_gives_the_same_schedule() -> None:
    activities = tuple(
        Activity(f"t{i}", work=200 + 37 * i, eligible=("a", "b", "c"), due=3 + i % 4)
        for i in range(12)
    )
    problem = Problem(
        resources=(person("a"), person("b", 360), person("c", 300)), activities=activities
    )
    first = solve(problem, time_limit=2, seed=7)
    second = solve(problem, time_limit=2, seed=7)
    check(problem, first.schedule)
    assert first.schedule == second.schedule


def test_heuristic_schedule_is_valid() -> None:
    problem = Problem(
        resources=(person("a"), person("b", 300)),
        activities=(
            *(Activity(f"t{i}", work=500, eligible=("a", "b")) for i in range(6)),
            Activity("gate", duration=2),
        ),
        precedences=(Precedence("t0", "gate"), Precedence("gate", "t5")),
    )
    schedule = serial_sgs(problem)
    assert schedule is not None
    check(problem, schedule)


@pytest.mark.parametrize(
    "bad",
    [
        lambda: Activity("x", work=-1, eligible=("a",)),
        lambda: Activity("x", work=10),
        lambda: Activity("x", work=10, eligible=("a",), duration=2),
        lambda: Problem(resources=(), activities=(Activity("x", work=1, eligible=("ghost",)),)),
        lambda: Resource("r", (1, -1)),
    ],
)
def test_malformed_problems_are_rejected(bad) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        bad()


def _budget_run(wall: float, work: float) -> bool:
    """Run a model that takes real work under the given limits; did the budget see a clock
    stop?"""
    team = tuple(person(f"p{i}", per_day=300 + 30 * i, days=40) for i in range(4))
    jobs = tuple(
        Activity(f"a{i}", work=600 + 97 * i, eligible=("p0", "p1", "p2", "p3"), due=3 + i % 7)
        for i in range(14)
    )
    problem = Problem(team, jobs, horizon=40)
    model, variables = build_model(problem, 40)
    model.minimize(dict(stages(model, problem, variables))["lateness"])
    budget = SolveBudget(1.0, seed=0, workers=1, deterministic=True, log=False)
    solver = budget.solver(1.0)
    solver.parameters.max_time_in_seconds = wall
    solver.parameters.max_deterministic_time = work
    budget.run(solver, model)
    return budget.clock_stopped


def test_a_run_ended_by_the_clock_is_reported() -> None:
    # Only the clock can end this run before its (large) work budget.
    assert _budget_run(wall=0.001, work=1000.0)
    # Here the (tiny) work budget ends it, whatever the machine's load.
    assert not _budget_run(wall=1000.0, work=0.001)


def test_a_model_too_large_to_build_returns_the_heuristic_plan(monkeypatch) -> None:
    # the module (the package's ``solve`` is the function of the same name)
    monkeypatch.setattr(importlib.import_module("planner.scheduler.solve"), "MAX_MODEL_UNITS", 5)
    problem = Problem(
        resources=(person("ann"),),
        activities=tuple(Activity(f"a{k}", work=450, eligible=("ann",)) for k in range(4)),
    )
    result = solve(problem, time_limit=5)
    assert result.status == "FEASIBLE" and result.unproven == "too_large"
    check(problem, result.schedule)
    assert result.schedule.makespan == 4  # the heuristic packs them back to back


def test_a_model_too_large_whose_quick_plan_fails_proves_nothing(monkeypatch) -> None:
    # the module (the package's ``solve`` is the function of the same name)
    monkeypatch.setattr(importlib.import_module("planner.scheduler.solve"), "MAX_MODEL_UNITS", 5)
    problem = Problem(
        resources=(person("ann", days=3),),
        activities=tuple(Activity(f"a{k}", work=450, eligible=("ann",)) for k in range(4)),
    )
    result = solve(problem, time_limit=5)
    assert result.status == "UNKNOWN" and result.schedule is None
