"""Warm start for fixed-duration makespan problems: SGS passes, justification, bounds, GA."""

from __future__ import annotations

import pytest

from planner.scheduler import (
    Activity,
    Precedence,
    Problem,
    Resource,
    Schedule,
    improve,
    passes,
    solve,
)
from tests.support.schedules import check


def pool(name: str, units: int, periods: int = 40) -> Resource:
    return Resource(name, (units,) * periods)


def small_rcpsp() -> Problem:
    """Five jobs on two pools; c overlaps only b, so c + a-d-e in a row give the optimum 10."""
    return Problem(
        resources=(pool("r1", 4), pool("r2", 2)),
        activities=(
            Activity("a", duration=3, demands={"r1": 3}),
            Activity("b", duration=2, demands={"r1": 2, "r2": 1}),
            Activity("c", duration=4, demands={"r1": 2, "r2": 1}),
            Activity("d", duration=2, demands={"r2": 2}),
            Activity("e", duration=1, demands={"r1": 4}),
        ),
        precedences=(Precedence("a", "d"), Precedence("b", "d"), Precedence("d", "e")),
        objective="makespan",
    )


def as_schedule(problem: Problem, starts: list[int]) -> Schedule:
    start = {a.id: s for a, s in zip(problem.activities, starts, strict=True)}
    finish = {a.id: start[a.id] + a.duration for a in problem.activities}
    return Schedule(start=start, finish=finish)


def test_only_fixed_makespan_problems_apply() -> None:
    assert improve.applies(small_rcpsp())
    agency = Problem(
        resources=(pool("ann", 450),),
        activities=(Activity("t", work=900, eligible=("ann",)),),
    )
    assert not improve.applies(agency)
    assert improve.warm_start(agency, 100, 1.0) is None
    assert improve.plan_warm_start(agency, 1.0, 0.1) is None


def test_forward_and_backward_passes_are_valid() -> None:
    problem = small_rcpsp()
    c = passes.compact(problem)
    assert c is not None
    for rule in improve.priority_rules(c):
        start = passes.forward(c, rule)
        assert start is not None
        span = passes.makespan_of(c, start)
        check(problem, as_schedule(problem, start))
        right = passes.backward(c, [-(s + d) for s, d in zip(start, c.duration, strict=True)], span)
        assert right is not None
        assert max(s + d for s, d in zip(right, c.duration, strict=True)) <= span
        justified, new_span = passes.justify(c, start)
        assert new_span <= span == passes.makespan_of(c, start)
        assert passes.makespan_of(c, justified) == new_span


def test_packed_capacity_sees_every_resource_and_period() -> None:
    # r2 has no room in periods 0-2, so "y" (needs both) waits although r1 is free.
    problem = Problem(
        resources=(pool("r1", 5, 10), Resource("r2", (0, 0, 0, 3, 3, 3, 3, 3, 3, 3))),
        activities=(
            Activity("x", duration=2, demands={"r1": 5}),
            Activity("y", duration=2, demands={"r1": 1, "r2": 3}),
        ),
        objective="makespan",
    )
    c = passes.compact(problem)
    assert c is not None
    start = passes.forward(c, [0.0, 1.0])
    assert start == [0, 3]
    assert passes.forward(c, [1.0, 0.0]) == [0, 3]
    too_short = Problem(
        resources=(pool("r1", 5, 3),),
        activities=(
            Activity("x", duration=2, demands={"r1": 5}),
            Activity("y", duration=2, demands={"r1": 5}),
        ),
        objective="makespan",
    )
    c = passes.compact(too_short)
    assert c is not None and passes.forward(c, [0.0, 1.0]) is None


def test_lower_bound_takes_the_strongest_argument() -> None:
    c = passes.compact(small_rcpsp())
    assert c is not None
    # critical path a-d-e: 6; r1 energy 9 + 4 + 8 + 4 = 25 over 4 units: 7; r2: 10 over 2: 5;
    # more than half of r1's 4 units: a and e, 3 + 1 periods.
    assert improve.lower_bound(c) == 7
    chain = Problem(
        resources=(pool("r", 10),),
        activities=tuple(Activity(f"t{i}", duration=3, demands={"r": 6}) for i in range(4)),
        objective="makespan",
    )
    c = passes.compact(chain)
    assert c is not None
    assert improve.lower_bound(c) == 12  # pairwise disjunctive: 6 + 6 > 10


def test_warm_start_is_repeatable_and_stops_at_the_bound() -> None:
    problem = small_rcpsp()
    first = improve.warm_start(problem, budget=500, wall=10.0, seed=3)
    second = improve.warm_start(problem, budget=500, wall=10.0, seed=3)
    assert first is not None and second is not None and first.schedule is not None
    assert first.schedule == second.schedule
    check(problem, first.schedule)
    assert first.schedule.makespan == 10
    assert first.lower_bound == 7
    chain = Problem(
        resources=(pool("r", 10),),
        activities=tuple(Activity(f"t{i}", duration=3, demands={"r": 6}) for i in range(4)),
        objective="makespan",
    )
    quick = improve.warm_start(chain, budget=10_000, wall=10.0)
    assert quick is not None and quick.schedule is not None
    assert quick.schedule.makespan == quick.lower_bound == 12
    assert quick.schedules < 50  # stopped as soon as the bound was reached


@pytest.mark.parametrize("workers", [1, 2])
def test_solve_proves_the_optimum_with_the_warm_start(workers: int) -> None:
    problem = small_rcpsp()
    result = solve(problem, time_limit=5, seed=0, workers=workers)
    assert result.status == "OPTIMAL"
    check(problem, result.schedule)
    assert result.makespan == result.bound == 10
    assert result.best_solution_seconds is not None


def test_solve_stops_without_search_when_the_bound_is_met(monkeypatch: pytest.MonkeyPatch) -> None:
    import planner.scheduler.makespan as makespan

    def no_search(*args: object, **kwargs: object) -> None:
        raise AssertionError("CP-SAT was started although the bound was met")

    monkeypatch.setattr(makespan, "_CpSatRuns", no_search)
    problem = Problem(
        resources=(pool("r", 10),),
        activities=tuple(Activity(f"t{i}", duration=3, demands={"r": 6}) for i in range(4)),
        objective="makespan",
    )
    result = solve(problem, time_limit=5)
    assert result.status == "OPTIMAL" and result.makespan == result.bound == 12
    assert result.best_solution_seconds is not None


def test_a_best_close_to_its_bound_skips_the_genetic_algorithm() -> None:
    from planner.scheduler.makespan import CLOSE_GAP, _Best

    near = Schedule(start={"a": 0}, finish={"a": 140})
    best = _Best(near, bound=135, first_at=0.0, found_at=0.0)
    assert not best.proven and best.gap == pytest.approx(5 / 135) and best.gap <= CLOSE_GAP
    far = _Best(Schedule(start={"a": 0}, finish={"a": 150}), 135, 0.0, 0.0)
    assert far.gap > CLOSE_GAP
