"""The generic scheduling problem the CP-SAT core solves, in solver-neutral words.

Time is a row of periods ``0 .. horizon-1`` (working days for an agency, unit periods for
PSPLIB). Resources have a capacity per period (minutes of a person, units of a role pool).
Activities come in two kinds:

* **fixed** (``work == 0``): a non-preemptive block of ``duration`` periods that uses
  ``demands`` units of each named resource in every period it runs (PSPLIB jobs, client
  review steps with no demand);
* **effort** (``work > 0``): ``work`` units spread over any periods between the activity's start
  and finish on at most ``max_resources`` of its ``eligible`` resources, never more than a
  resource's free capacity in a period (agency tasks booked in minutes per day).

``start`` is the first period of an activity and ``finish`` is exclusive (first period after
it). A precedence says ``after.start >= before.finish + lag``. ``due`` is the exclusive finish
by which the activity is promised; lateness is counted in periods.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Resource:
    """Something with limited capacity per period: a person or a pool of identical units.

    ``capacity`` gives the units available in each period; periods past its end have none.
    ``unit_cost`` is the exact cost of one unit in any integer scale (the agency adapter uses
    the bill rate per hour times a power of ten that makes every rate whole).
    """

    id: str
    capacity: tuple[int, ...]
    unit_cost: int = 0

    def __post_init__(self) -> None:
        if any(c < 0 for c in self.capacity):
            raise ValueError(f"resource {self.id!r}: capacity must not be negative")

    def available(self, period: int) -> int:
        """Units available in ``period`` (0 outside the capacity row)."""
        return self.capacity[period] if 0 <= period < len(self.capacity) else 0


@dataclass(frozen=True)
class Activity:
    """A unit of work to place in time; see the module docstring for the two kinds."""

    id: str
    duration: int = 0
    demands: Mapping[str, int] = field(default_factory=dict)
    work: int = 0
    eligible: tuple[str, ...] = ()
    max_resources: int = 1
    release: int = 0
    due: int | None = None
    weight: int = 1

    def __post_init__(self) -> None:
        if self.work < 0 or self.duration < 0:
            raise ValueError(f"activity {self.id!r}: work and duration must not be negative")
        if self.work > 0 and (self.duration or self.demands):
            raise ValueError(f"activity {self.id!r}: an effort activity has no fixed duration")
        if self.work > 0 and not self.eligible:
            raise ValueError(f"activity {self.id!r}: effort work needs eligible resources")
        if self.max_resources < 1:
            raise ValueError(f"activity {self.id!r}: max_resources must be at least 1")

    @property
    def is_effort(self) -> bool:
        """True for effort activities (work spread over periods)."""
        return self.work > 0


@dataclass(frozen=True)
class Precedence:
    """``after`` may start only ``lag`` periods after ``before`` has finished."""

    before: str
    after: str
    lag: int = 0


@dataclass(frozen=True)
class Problem:
    """Resources, activities and precedences over ``horizon`` periods.

    ``objective`` is ``"agency"`` (lexicographic: weighted lateness, then cost, then makespan
    and early finishes) or ``"makespan"`` (PSPLIB).
    """

    resources: tuple[Resource, ...]
    activities: tuple[Activity, ...]
    precedences: tuple[Precedence, ...] = ()
    horizon: int = 0
    objective: str = "agency"

    def __post_init__(self) -> None:
        ids = [a.id for a in self.activities]
        if len(ids) != len(set(ids)):
            raise ValueError("activity ids must be unique")
        known_resources = {r.id for r in self.resources}
        for activity in self.activities:
            missing = (set(activity.eligible) | set(activity.demands)) - known_resources
            if missing:
                raise ValueError(f"activity {activity.id!r} uses unknown resources {missing}")
        known = set(ids)
        for p in self.precedences:
            if p.before not in known or p.after not in known:
                raise ValueError(f"precedence {p.before!r} -> {p.after!r} names unknown activity")
        if self.objective not in ("agency", "makespan"):
            raise ValueError(f"unknown objective {self.objective!r}")

    def resource(self, resource_id: str) -> Resource:
        """The resource with id ``resource_id``."""
        for r in self.resources:
            if r.id == resource_id:
                return r
        raise KeyError(resource_id)


@dataclass(frozen=True)
class Schedule:
    """Where each activity sits: start/finish periods and the units booked per period.

    ``allocation[activity][resource][period] = units`` for effort activities; fixed activities
    are implied by ``start`` and their demands.
    """

    start: Mapping[str, int]
    finish: Mapping[str, int]
    allocation: Mapping[str, Mapping[str, Mapping[int, int]]] = field(default_factory=dict)

    @property
    def makespan(self) -> int:
        """Latest finish over all activities (0 for an empty schedule)."""
        return max(self.finish.values(), default=0)


class Status(StrEnum):
    """How much a solve proved: see :class:`SolveResult`."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"


class Unproven(StrEnum):
    """Why a FEASIBLE result is not proven best."""

    TIME_LIMIT = "time_limit"
    """The search or the proof did not finish within the time limit."""
    HORIZON = "horizon"
    """Best among plans ending by ``SolveResult.horizon``; one ending later was not ruled out."""
    NARROWED = "narrowed"
    """A large model searched only near the heuristic plan (search windows)."""
    TOO_LARGE = "too_large"
    """A model too large to build in reasonable time and memory: the heuristic plan as it is."""


@dataclass(frozen=True)
class SolveResult:
    """What a solve produced.

    ``status``: OPTIMAL (proven best over the whole problem, every objective stage),
    FEASIBLE (schedule found, not proven best; ``unproven`` says why), INFEASIBLE (proven
    impossible within the capacity rows), UNKNOWN (nothing found in time).
    ``lateness`` is the weighted sum of periods late; ``bound`` a proven lower bound of the
    first objective stage (lateness, or makespan for PSPLIB) over the whole problem.
    ``cost`` is the cost stage's value and ``cost_bound`` a proven lower bound of the cost of
    any schedule at most as late as this one (equal to ``cost`` when that is proven lowest).
    ``horizon`` is the number of periods the final model spanned. ``clock_stopped`` is true
    when the wall clock, not the repeatable work budget, ended some solver run: only then may
    the same problem and seed give another schedule.
    """

    status: str
    schedule: Schedule | None
    lateness: int | None = None
    makespan: int | None = None
    bound: int | None = None
    wall_seconds: float = 0.0
    first_solution_seconds: float | None = None
    best_solution_seconds: float | None = None
    heuristic_makespan: int | None = None
    message: str = ""
    stats: Mapping[str, float] = field(default_factory=dict)
    cost: int | None = None
    cost_bound: int | None = None
    horizon: int | None = None
    clock_stopped: bool = False
    unproven: str | None = None
    work: float = 0.0
    """CP-SAT deterministic work spent (its own units; the same on a busy machine)."""


def topological_order(
    activity_ids: Sequence[str], precedences: Sequence[Precedence]
) -> list[str] | None:
    """Activity ids in an order where every ``before`` comes first; None if there is a cycle."""
    successors: dict[str, list[str]] = {a: [] for a in activity_ids}
    indegree = {a: 0 for a in activity_ids}
    for p in precedences:
        successors[p.before].append(p.after)
        indegree[p.after] += 1
    ready = [a for a in activity_ids if indegree[a] == 0]
    order: list[str] = []
    while ready:
        current = ready.pop(0)
        order.append(current)
        for nxt in successors[current]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return order if len(order) == len(activity_ids) else None


def lateness_of(problem: Problem, schedule: Schedule) -> int:
    """Weighted periods late of a schedule (the first agency objective)."""
    return sum(
        a.weight * max(0, schedule.finish[a.id] - a.due)
        for a in problem.activities
        if a.due is not None
    )


def cost_of(problem: Problem, schedule: Schedule) -> int:
    """Units booked times unit costs of a schedule (the agency cost stage)."""
    rate = {r.id: r.unit_cost for r in problem.resources}
    return sum(
        rate[r] * units
        for by_resource in schedule.allocation.values()
        for r, periods in by_resource.items()
        for units in periods.values()
    )
