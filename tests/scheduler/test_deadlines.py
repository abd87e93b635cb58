"""Due periods as hard limits: conflicts, earliest finishes and priced repairs (known answers)."""

from __future__ import annotations

import pytest

from planner.scheduler import Activity, Precedence, Problem, Resource
from planner.scheduler.deadlines import (
    check_deadlines,
    closure,
    conflict_core,
    earliest_finish,
    solve_min_cost,
)
from tests.support.schedules import person


def four_deadlines() -> Problem:
    """One person, 450 units a period. a and b (a day each) are both due after period 0, so
    only one can hold; c and d are due late and never conflict."""
    return Problem(
        resources=(person("ann"),),
        activities=(
            Activity("a", work=450, eligible=("ann",), due=1),
            Activity("b", work=450, eligible=("ann",), due=1),
            Activity("c", work=450, eligible=("ann",), due=10),
            Activity("d", work=450, eligible=("ann",), due=10),
        ),
    )


def test_conflict_core_is_shrunk_to_the_minimal_pair() -> None:
    core = conflict_core(four_deadlines(), ["a", "b", "c", "d"], time_limit=2)
    assert core.status == "INFEASIBLE"
    assert set(core.members) == {"a", "b"}
    assert core.minimal


def test_pinned_member_stays_in_the_core() -> None:
    core = conflict_core(four_deadlines(), ["c", "d", "a", "b"], pinned=["b"], time_limit=2)
    assert set(core.members) == {"a", "b"} and core.minimal


def test_deadlines_that_can_hold_together() -> None:
    problem = four_deadlines()
    assert conflict_core(problem, ["a", "c", "d"], time_limit=2).status == "FEASIBLE"
    assert check_deadlines(problem, ["a", "c", "d"], time_limit=2) == "FEASIBLE"
    assert check_deadlines(problem, ["a", "b"], time_limit=2) == "INFEASIBLE"
    assert check_deadlines(problem, []) == "FEASIBLE"


def test_closure_keeps_only_what_the_targets_wait_for() -> None:
    problem = Problem(
        resources=(person("ann"),),
        activities=(
            Activity("x", work=450, eligible=("ann",)),
            Activity("y", duration=2),
            Activity("z", work=450, eligible=("ann",)),
        ),
        precedences=(Precedence("x", "y"),),
    )
    sub = closure(problem, ["y"])
    assert [a.id for a in sub.activities] == ["x", "y"]
    assert sub.precedences == problem.precedences


def test_earliest_finish_gives_the_target_first_call() -> None:
    # z (3 days of work) would normally queue behind x; alone with x it finishes at period 3.
    problem = Problem(
        resources=(person("ann"),),
        activities=(
            Activity("x", work=1350, eligible=("ann",), due=3),
            Activity("z", work=450, eligible=("ann",)),
            Activity("w", duration=2),
        ),
        precedences=(Precedence("z", "w"),),
    )
    assert earliest_finish(problem, "w", time_limit=2) == (3, True)


def _overtime_problem(penalty_units: int) -> tuple[Problem, dict[str, tuple[tuple[str, ...], int]]]:
    """900 units due in one period; ann has 450 and her overtime ("ot: ann") 450 at price 1."""
    problem = Problem(
        resources=(person("ann"), Resource("ot: ann", (450,) * 30)),
        activities=(
            Activity("job", work=900, eligible=("ann", "ot: ann"), max_resources=2, due=1),
        ),
    )
    return problem, {"job": (("job",), penalty_units)}


def test_min_cost_prefers_overtime_when_a_move_costs_more() -> None:
    problem, movable = _overtime_problem(1000)
    result = solve_min_cost(
        problem,
        [],
        movable,
        priced={"ot: ann": 1},
        companions={"ot: ann": "ann"},
        team_limit={"job": 1},
        time_limit=2,
    )
    assert result.status == "OPTIMAL" and result.cost == 450
    assert result.shift == {"job": 0}
    assert result.schedule is not None
    assert result.schedule.allocation["job"]["ot: ann"] == {0: 450}


def test_min_cost_moves_the_date_when_that_is_cheaper() -> None:
    problem, movable = _overtime_problem(100)
    result = solve_min_cost(
        problem,
        [],
        movable,
        priced={"ot: ann": 1},
        companions={"ot: ann": "ann"},
        team_limit={"job": 1},
        time_limit=2,
    )
    assert result.status == "OPTIMAL" and result.cost == 100
    assert result.shift == {"job": 1}


@pytest.mark.parametrize(
    ("at_most", "status", "cost"), [(100, "OPTIMAL", 100), (99, "INFEASIBLE", None)]
)
def test_min_cost_within_a_known_cost(at_most: int, status: str, cost: int | None) -> None:
    """A bound at the cheapest answer (a 1-period move at 100) keeps it; one below it leaves
    none (overtime costs 450)."""
    problem, movable = _overtime_problem(100)
    result = solve_min_cost(
        problem,
        [],
        movable,
        priced={"ot: ann": 1},
        companions={"ot: ann": "ann"},
        team_limit={"job": 1},
        time_limit=2,
        cost_at_most=at_most,
    )
    assert result.status == status and result.cost == cost


def test_min_cost_reports_infeasible_hard_deadlines() -> None:
    problem = Problem(
        resources=(person("ann"),),
        activities=(Activity("job", work=900, eligible=("ann",), due=1),),
    )
    assert solve_min_cost(problem, ["job"], time_limit=2).status == "INFEASIBLE"
