"""Small generic scheduling problems and an independent check of their schedules."""

from __future__ import annotations

from planner.scheduler import Problem, Resource, Schedule


def check(problem: Problem, schedule: Schedule) -> None:
    """Independent check of a generic schedule: work, windows, capacity, precedence."""
    by_id = {a.id: a for a in problem.activities}
    load: dict[tuple[str, int], int] = {}
    for a, activity in by_id.items():
        start, finish = schedule.start[a], schedule.finish[a]
        assert start >= activity.release
        if activity.is_effort:
            booked = schedule.allocation[a]
            assert sum(sum(p.values()) for p in booked.values()) == activity.work
            assert set(booked) <= set(activity.eligible)
            assert len(booked) <= activity.max_resources
            for r, periods in booked.items():
                for p, units in periods.items():
                    assert start <= p < finish and units > 0
                    load[r, p] = load.get(r, 0) + units
        else:
            assert finish - start == activity.duration
            for r, units in activity.demands.items():
                for p in range(start, finish):
                    load[r, p] = load.get(r, 0) + units
    for (r, p), units in load.items():
        assert units <= problem.resource(r).available(p), (r, p)
    for prec in problem.precedences:
        assert schedule.start[prec.after] >= schedule.finish[prec.before] + prec.lag


def person(name: str, per_day: int = 450, days: int = 30, cost: int = 0) -> Resource:
    return Resource(name, (per_day,) * days, unit_cost=cost)
