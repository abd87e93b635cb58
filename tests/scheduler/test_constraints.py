"""One test per family of the CP-SAT model, each on a problem where that family alone decides
the answer (known by construction), and every schedule checked independently.

Families: precedences (with lags), effort rules (eligible resources, team size, release),
capacity (time-varying, shared with fixed activities), and the objective stages (weighted
lateness, then cost, then finish).
"""

from __future__ import annotations

from planner.scheduler import Activity, Precedence, Problem, Resource, solve
from planner.scheduler.constraints import CONSTRAINT_FAMILIES
from tests.support.schedules import check, person

LIMIT = 5


def solved(problem: Problem):
    result = solve(problem, time_limit=LIMIT)
    assert result.schedule is not None
    check(problem, result.schedule)
    return result


def test_precedence_with_a_lag_is_kept_exactly() -> None:
    problem = Problem(
        resources=(person("ann"), person("bo")),
        activities=(
            Activity("a", work=450, eligible=("ann",)),
            Activity("b", work=450, eligible=("bo",)),
        ),
        precedences=(Precedence("a", "b", lag=2),),
    )
    result = solved(problem)
    # bo is free from day 0, but b must wait for a (1 day) and the 2-day lag.
    assert result.schedule.start["b"] == result.schedule.finish["a"] + 2 == 3


def test_effort_goes_only_to_eligible_resources() -> None:
    problem = Problem(
        resources=(person("ann"), person("bo", per_day=4500)),
        activities=(Activity("a", work=900, eligible=("ann",)),),
    )
    result = solved(problem)
    assert set(result.schedule.allocation["a"]) == {"ann"}
    assert result.schedule.finish["a"] == 2  # bo could do it in a day, but may not


def test_team_size_limits_how_many_share_the_work() -> None:
    def finish(max_resources: int) -> int:
        problem = Problem(
            resources=(person("ann"), person("bo")),
            activities=(
                Activity("a", work=900, eligible=("ann", "bo"), max_resources=max_resources),
            ),
        )
        return solved(problem).schedule.finish["a"]

    assert (finish(1), finish(2)) == (2, 1)


def test_release_delays_the_start() -> None:
    problem = Problem(
        resources=(person("ann"),),
        activities=(Activity("a", work=450, eligible=("ann",), release=4),),
    )
    assert solved(problem).schedule.start["a"] == 4


def test_time_varying_capacity_is_respected() -> None:
    ann = Resource("ann", (450, 0, 0, 450, 450))  # away on days 1 and 2
    problem = Problem(resources=(ann,), activities=(Activity("a", work=900, eligible=("ann",)),))
    result = solved(problem)
    assert result.schedule.finish["a"] == 4
    assert set(result.schedule.allocation["a"]["ann"]) == {0, 3}


def test_fixed_activities_share_a_resource_within_its_capacity() -> None:
    problem = Problem(
        resources=(Resource("room", (1,) * 10),),
        activities=(
            Activity("first", duration=2, demands={"room": 1}),
            Activity("second", duration=3, demands={"room": 1}),
        ),
    )
    result = solved(problem)
    # One room: the two bookings cannot overlap, so the shortest finish is 2 + 3 periods.
    assert max(result.schedule.finish.values()) == 5


def test_a_better_plan_past_the_model_horizon_is_found_and_proven() -> None:
    # The cheap person is back only on day 40; the heuristic books the dear one at once, so
    # the first model ends long before day 40. The tail relaxation sees that a cheaper plan
    # ends later and the horizon grows until it holds the proven best plan.
    cheap = Resource("cheap", (0,) * 40 + (450,) * 30, unit_cost=1)
    dear = Resource("dear", (450,) * 70, unit_cost=9)
    problem = Problem(
        resources=(cheap, dear),
        activities=(Activity("a", work=450, eligible=("cheap", "dear"), due=60),),
    )
    result = solved(problem)
    assert set(result.schedule.allocation["a"]) == {"cheap"}
    assert result.status == "OPTIMAL"


FAMILY_TESTS = {
    "precedence": test_precedence_with_a_lag_is_kept_exactly,
    "effort_complete": test_effort_goes_only_to_eligible_resources,
    "effort_window": test_release_delays_the_start,
    "team_size": test_team_size_limits_how_many_share_the_work,
    "effort_capacity": test_time_varying_capacity_is_respected,
    "fixed_capacity": test_fixed_activities_share_a_resource_within_its_capacity,
    "tail": test_a_better_plan_past_the_model_horizon_is_found_and_proven,
}


def test_every_constraint_family_has_its_test() -> None:
    assert set(FAMILY_TESTS) == set(CONSTRAINT_FAMILIES)


def test_weighted_lateness_keeps_the_heavier_promise() -> None:
    problem = Problem(
        resources=(person("ann"),),
        activities=(
            Activity("light", work=900, eligible=("ann",), due=2, weight=1),
            Activity("heavy", work=900, eligible=("ann",), due=2, weight=10),
        ),
    )
    result = solved(problem)
    assert result.status == "OPTIMAL"
    assert result.schedule.finish["heavy"] <= 2 and result.schedule.finish["light"] == 4


def test_cost_comes_after_lateness() -> None:
    # The cheap person alone would be late; lateness is decided first, then the price.
    problem = Problem(
        resources=(person("cheap", cost=1), person("dear", cost=5)),
        activities=(
            Activity("a", work=900, eligible=("cheap", "dear"), max_resources=2, due=1),
            Activity("b", work=450, eligible=("cheap", "dear"), due=10),
        ),
    )
    result = solved(problem)
    assert result.schedule.finish["a"] <= 1  # on time, so both people work on a
    assert set(result.schedule.allocation["b"]) == {"cheap"}  # then the cheaper person


def test_finish_comes_after_cost() -> None:
    problem = Problem(
        resources=(person("ann", cost=1),),
        activities=(Activity("a", work=450, eligible=("ann",), due=20),),
    )
    # Any day costs the same and nothing is late: the earliest finish is chosen.
    assert solved(problem).schedule.finish["a"] == 1
