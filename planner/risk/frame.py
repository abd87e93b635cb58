"""The optimised plan reduced to what re-timing needs: order, assignment, capacity, estimates.

A :class:`RetimeFrame` holds plain tuples only, so it is cheap to copy to worker processes or
Dask workers. Activities keep the optimised plan's people and its bookings (which the
re-timer uses first where they still fit) and are processed in the order the plan finishes
them (ties by start, then by a precedence order), which is always an order in which every
predecessor comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.planning.instances import TaskInstance
from planner.planning.pipeline import PlanningContext
from planner.scheduler.problem import Activity, Problem, Schedule, topological_order

EFFORT, CLIENT = 0, 1
"""Activity kinds: agency effort in minutes, client turnaround in working days."""


@dataclass(frozen=True)
class RetimeFrame:
    """The optimised plan as plain data for the re-timer (see the module docstring).

    Attributes
    ----------
    ids
        Activity (task instance) ids, in brief order; index ``i`` everywhere refers to them.
    order
        Indices in the order activities are re-timed.
    kind
        :data:`EFFORT` or :data:`CLIENT` per activity.
    release
        First period each activity may start.
    predecessors
        ``(index, lag)`` pairs per activity.
    people
        Resource indices per activity: the people the optimised plan booked (for an
        activity the plan left without bookings, its first eligible people).
    planned
        ``(resource index, period, minutes)`` bookings of each activity in the optimised plan,
        by period.
    resource_names
        The people (resources) by index.
    capacity
        Free minutes per resource and period.
    minute_price
        Bill rate per minute per resource.
    low, likely, high
        The three-point estimate per activity: minutes for effort, working days for client
        turnaround (``low == high`` when there is no range).
    promises
        ``(index, due period)`` per promised activity, in the plan's promise order.
    fixed_costs
        The brief's fixed costs (added to every sampled price).
    """

    ids: tuple[str, ...]
    order: tuple[int, ...]
    kind: tuple[int, ...]
    release: tuple[int, ...]
    predecessors: tuple[tuple[tuple[int, int], ...], ...]
    people: tuple[tuple[int, ...], ...]
    planned: tuple[tuple[tuple[int, int, int], ...], ...]
    resource_names: tuple[str, ...]
    capacity: tuple[tuple[int, ...], ...]
    minute_price: tuple[float, ...]
    low: tuple[float, ...]
    likely: tuple[float, ...]
    high: tuple[float, ...]
    promises: tuple[tuple[int, int], ...]
    fixed_costs: float

    @property
    def horizon(self) -> int:
        """Number of periods (working days) the capacity rows cover."""
        return len(self.capacity[0]) if self.capacity else 0

    @property
    def uncertain(self) -> tuple[int, ...]:
        """Indices of the activities with a range (``low < high``)."""
        return tuple(i for i in range(len(self.ids)) if self.low[i] < self.high[i])


def build_frame(context: PlanningContext, problem: Problem, schedule: Schedule) -> RetimeFrame:
    """The re-timing frame of an optimised schedule.

    Parameters
    ----------
    context
        The planning context the problem was built from (scenario, calendar, instances).
    problem
        The scheduling problem of the scenario.
    schedule
        The optimised schedule whose assignment and order are kept.

    Returns
    -------
    RetimeFrame
        Plain data for :func:`planner.risk.retime.retime`.
    """
    instances = context.instances
    ids = tuple(i.id for i in instances)
    position = {activity_id: k for k, activity_id in enumerate(ids)}
    resources = {r.id: k for k, r in enumerate(problem.resources)}
    topo = topological_order(list(ids), problem.precedences) or list(ids)
    rank = {activity_id: k for k, activity_id in enumerate(topo)}
    order = sorted(
        range(len(ids)),
        key=lambda k: (schedule.finish[ids[k]], schedule.start[ids[k]], rank[ids[k]]),
    )
    predecessors: list[list[tuple[int, int]]] = [[] for _ in ids]
    for p in problem.precedences:
        predecessors[position[p.after]].append((position[p.before], p.lag))
    activities = {a.id: a for a in problem.activities}
    kinds = [_estimate(i, activities[i.id], schedule, resources) for i in instances]
    rates = {p.name: p.bill_rate / 60 for p in context.scenario.team}
    return RetimeFrame(
        ids=ids,
        order=tuple(order),
        kind=tuple(k[0] for k in kinds),
        release=tuple(activities[i].release for i in ids),
        predecessors=tuple(tuple(p) for p in predecessors),
        people=tuple(k[1] for k in kinds),
        planned=tuple(_planned(schedule, i.id, resources) for i in instances),
        resource_names=tuple(r.id for r in problem.resources),
        capacity=tuple(r.capacity for r in problem.resources),
        minute_price=tuple(rates[r.id] for r in problem.resources),
        low=tuple(k[2] for k in kinds),
        likely=tuple(k[3] for k in kinds),
        high=tuple(k[4] for k in kinds),
        promises=tuple((position[i.id], i.due_index) for i in instances if i.due_index is not None),
        fixed_costs=sum(f.amount for f in context.scenario.brief.fixed_costs),
    )


def _planned(
    schedule: Schedule, activity_id: str, resources: dict[str, int]
) -> tuple[tuple[int, int, int], ...]:
    booked = schedule.allocation.get(activity_id, {})
    slots = [
        (resources[person], period, minutes)
        for person, periods in booked.items()
        for period, minutes in periods.items()
        if minutes > 0
    ]
    return tuple(sorted(slots, key=lambda slot: (slot[1], slot[0])))


def _estimate(
    instance: TaskInstance, activity: Activity, schedule: Schedule, resources: dict[str, int]
) -> tuple[int, tuple[int, ...], float, float, float]:
    """Kind, people and (low, likely, high) in minutes or working days of one activity."""
    task = instance.task
    if task.is_client_step:
        estimate = task.turnaround_estimate
        return CLIENT, (), estimate.low, float(activity.duration), estimate.high
    estimate = task.effort_estimate
    booked = sorted(schedule.allocation.get(instance.id, {}))
    chosen = booked or list(activity.eligible[: activity.max_resources])
    people = tuple(resources[name] for name in chosen)
    return EFFORT, people, estimate.low * 60, float(activity.work), estimate.high * 60
