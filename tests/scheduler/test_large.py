"""Agency-scale paths of the core: restarts, complete hints, narrowed windows, light presolve."""

from __future__ import annotations

from functools import cache

from ortools.sat.python import cp_model

from planner.generate.scenario import generate_agency
from planner.planning.agency import build_problem
from planner.planning.pipeline import plan_from_result, prepare
from planner.scheduler import Problem, Schedule, serial_sgs, solve
from planner.scheduler.cpsat import add_schedule_hint, build_model
from planner.scheduler.heuristic import default_priority, sampled_sgs, schedule_quality
from planner.scheduler.objective import stages
from planner.scheduler.problem import Activity, Precedence, Resource, lateness_of
from planner.scheduler.solve import (
    LARGE_MODEL_UNITS,
    model_shape,
    potential_units,
    sample_passes,
    warm_start,
)
from planner.validate.rules import assert_valid
from tests.support.schedules import check


@cache
def agency() -> tuple[object, Problem]:
    """A generated agency large enough for the narrowed-window path (built once)."""
    scenario = generate_agency(12, 120, 2, seed=3)
    context = prepare(scenario)
    return context, build_problem(scenario, context.calendar, context.instances)


def _scan_sgs(problem: Problem) -> list[str]:
    """Reference order of the serial heuristic: scan all ready activities for the minimum."""
    priority = default_priority(problem)
    position = {a.id: i for i, a in enumerate(problem.activities)}
    preds = {
        a.id: {p.before for p in problem.precedences if p.after == a.id} for a in problem.activities
    }
    done: list[str] = []
    while len(done) < len(position):
        ready = [a for a in position if a not in done and preds[a] <= set(done)]
        done.append(min(ready, key=lambda a: (priority[a], position[a])))
    return done


def test_heap_order_matches_a_full_scan() -> None:
    _, problem = agency()
    schedule = serial_sgs(problem)
    assert schedule is not None
    check(problem, schedule)
    # Placement order is visible in the order the schedule's dicts were filled.
    assert list(schedule.start) == _scan_sgs(problem)


def test_sampled_restarts_never_worsen_and_repeat() -> None:
    _, problem = agency()
    first = serial_sgs(problem)
    assert first is not None
    best = sampled_sgs(problem, first, passes=30, seed=1)
    check(problem, best)
    assert schedule_quality(problem, best) <= schedule_quality(problem, first)
    assert sampled_sgs(problem, first, passes=30, seed=1) == best
    assert sample_passes(problem, 0.0) == 0 < sample_passes(problem, 5.0)


def test_restarts_find_a_better_order_when_ties_hide_it() -> None:
    # Two tasks share one person and one latest-finish priority; only the heavier-weighted
    # one's order matters. The default order (position) puts the light one first.
    person = Resource("p", (100,) * 10)
    light = Activity("light", work=300, eligible=("p",), due=3, weight=1)
    heavy = Activity("heavy", work=300, eligible=("p",), due=3, weight=5)
    problem = Problem((person,), (light, heavy), horizon=10)
    first = serial_sgs(problem)
    assert first is not None and lateness_of(problem, first) == 15
    best = sampled_sgs(problem, first, passes=20, seed=0)
    assert lateness_of(problem, best) == 3


def test_large_model_narrows_windows_around_the_warm_start() -> None:
    _, problem = agency()
    warm = warm_start(problem, 2.0, seed=0)
    assert warm is not None
    horizon, caps = model_shape(problem, warm)
    assert potential_units(problem, horizon) > LARGE_MODEL_UNITS and caps is not None
    _, narrow_vars = build_model(problem, horizon, caps)
    _, full_vars = build_model(problem, horizon)
    assert len(narrow_vars.units) < len(full_vars.units)
    for activity in problem.activities:
        first, latest = narrow_vars.window[activity.id]
        assert first <= warm.start[activity.id] and warm.finish[activity.id] <= latest


def test_hint_covers_every_variable_and_is_a_solution() -> None:
    _, problem = agency()
    warm = warm_start(problem, 2.0, seed=0)
    assert warm is not None
    horizon, caps = model_shape(problem, warm)
    model, variables = build_model(problem, horizon, caps)
    objective = dict(stages(model, problem, variables))["lateness"]
    add_schedule_hint(model, variables, warm)
    assert len(model.proto.solution_hint.vars) == len(model.proto.variables)
    model.minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 30
    assert solver.solve(model) == cp_model.OPTIMAL
    assert round(solver.objective_value) == lateness_of(problem, warm)


def test_large_plan_is_valid_repeatable_and_not_claimed_optimal() -> None:
    context, problem = agency()
    result = solve(problem, time_limit=2.0, seed=0)
    assert result.schedule is not None
    check(problem, result.schedule)
    assert_valid(context.scenario, plan_from_result(context, result))
    assert result.status == "FEASIBLE" and "not proven" in result.message
    assert result.bound in (None, 0)  # a bound inside the windows is not a bound overall
    warm = warm_start(problem, 2.0, seed=0)
    assert warm is not None and result.lateness is not None
    assert result.lateness <= lateness_of(problem, warm)
    again = solve(problem, time_limit=2.0, seed=0)
    # The promise: the same plan, unless the result says the clock (a very busy machine), not
    # the repeatable work budget, ended a run.
    assert again.schedule == result.schedule or result.clock_stopped or again.clock_stopped


def test_zero_lateness_warm_start_skips_the_first_stage() -> None:
    people = (Resource("a", (480,) * 8), Resource("b", (480,) * 8))
    tasks = (
        Activity("x", work=600, eligible=("a", "b"), due=4),
        Activity("y", work=480, eligible=("a",), due=6),
    )
    problem = Problem(people, tasks, (Precedence("x", "y"),), horizon=8)
    result = solve(problem, time_limit=5, seed=0)
    assert result.status == "OPTIMAL" and result.stats["lateness"] == 0
    assert result.schedule is not None
    check(problem, result.schedule)
    assert isinstance(result.schedule, Schedule)
