"""Schedule generation passes over index arrays, the engine of :mod:`planner.scheduler.improve`.

For a problem of fixed-duration activities (:func:`applies`), :func:`compact` turns ids into
indices and packs the free capacity of all resources in one integer per period, so that a
single addition and mask test tells whether an activity fits in a period. On that:

* :func:`forward` — the serial schedule generation scheme (SGS): the ready activity of lowest
  priority goes next, as early as precedences and capacity allow;
* :func:`backward` — its mirror image: latest finish first, as late as possible by a deadline;
* :func:`justify` — forward–backward improvement (double justification, Valls et al. 2005).

Capacity rows may vary per period; an activity that finds no room within them fails the pass.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from planner.scheduler.problem import Problem, topological_order


def applies(problem: Problem) -> bool:
    """True for a makespan problem whose activities all have fixed durations."""
    return problem.objective == "makespan" and not any(a.is_effort for a in problem.activities)


@dataclass(frozen=True)
class Compact:
    """A problem as index arrays, for fast schedule generation.

    Attributes
    ----------
    ids : list[str]
        Activity ids; every other list is indexed like it.
    duration, release : list[int]
        Fixed duration and earliest start per activity.
    preds, succs : list[list[tuple[int, int]]]
        ``(other activity, lag)`` per precedence into / out of each activity.
    need : list[list[tuple[int, int]]]
        ``(resource index, units per period)`` per activity, zero demands left out.
    capacity : list[list[int]]
        Capacity row per resource (units per period).
    packed : list[int]
        Free capacity of every resource per period packed in one integer, one bit field per
        resource with a guard bit on top, so one addition tests all resources at once.
    offset, take : list[int]
        Per activity: what to add to a packed period before the guard test (0 = no demand),
        and what booking one period subtracts.
    guard : int
        All guard bits: a period fits an activity iff ``(packed + offset) & guard == guard``.
    rank : list[int]
        Position of each activity in a topological order (ties between equal priorities).
    """

    ids: list[str]
    duration: list[int]
    release: list[int]
    preds: list[list[tuple[int, int]]]
    succs: list[list[tuple[int, int]]]
    need: list[list[tuple[int, int]]]
    capacity: list[list[int]]
    packed: list[int]
    offset: list[int]
    take: list[int]
    guard: int
    rank: list[int]

    @property
    def n(self) -> int:
        """Number of activities."""
        return len(self.ids)


def compact(problem: Problem) -> Compact | None:
    """Index arrays of ``problem``; None if it has a precedence cycle or effort activities."""
    ids = [a.id for a in problem.activities]
    order = topological_order(ids, problem.precedences)
    if order is None or not applies(problem):
        return None
    index = {a: i for i, a in enumerate(ids)}
    resource_index = {r.id: k for k, r in enumerate(problem.resources)}
    preds: list[list[tuple[int, int]]] = [[] for _ in ids]
    succs: list[list[tuple[int, int]]] = [[] for _ in ids]
    for p in problem.precedences:
        preds[index[p.after]].append((index[p.before], p.lag))
        succs[index[p.before]].append((index[p.after], p.lag))
    rank = [0] * len(ids)
    for position, a in enumerate(order):
        rank[index[a]] = position
    need = [
        [(resource_index[r], u) for r, u in a.demands.items() if u > 0 and a.duration > 0]
        for a in problem.activities
    ]
    capacity = [list(r.capacity) for r in problem.resources]
    width = max((max(row, default=0) for row in capacity), default=0).bit_length() + 1
    half = 1 << (width - 1)
    guard = sum(half << (k * width) for k in range(len(capacity)))
    periods = min((len(row) for row in capacity), default=0)
    packed = [sum(row[t] << (k * width) for k, row in enumerate(capacity)) for t in range(periods)]
    return Compact(
        ids=ids,
        duration=[a.duration for a in problem.activities],
        release=[a.release for a in problem.activities],
        preds=preds,
        succs=succs,
        need=need,
        capacity=capacity,
        packed=packed,
        offset=[guard - sum(q << (k * width) for k, q in n) if n else 0 for n in need],
        take=[sum(q << (k * width) for k, q in n) for n in need],
        guard=guard,
        rank=rank,
    )


def forward(c: Compact, priority: Sequence[float]) -> list[int] | None:
    """Serial SGS: the ready activity of lowest ``priority`` goes next, as early as it fits.

    Returns start periods, or None when an activity finds no room within the capacity rows.
    """
    free = c.packed[:]
    est = c.release[:]
    waiting = [len(p) for p in c.preds]
    start = [0] * c.n
    ready = [(priority[i], c.rank[i], i) for i in range(c.n) if not waiting[i]]
    heapq.heapify(ready)
    while ready:
        i = heapq.heappop(ready)[2]
        d, t = c.duration[i], est[i]
        if c.offset[i]:
            t = _earliest_fit(free, c.offset[i], c.guard, d, t)
            if t < 0:
                return None
            take = c.take[i]
            for u in range(t, t + d):
                free[u] -= take
        start[i] = t
        for j, lag in c.succs[i]:
            est[j] = max(est[j], t + d + lag)
            waiting[j] -= 1
            if not waiting[j]:
                heapq.heappush(ready, (priority[j], c.rank[j], j))
    return start


def backward(c: Compact, priority: Sequence[float], deadline: int) -> list[int] | None:
    """Mirror of :func:`forward`: lowest ``priority`` first among activities whose successors
    are placed, each finishing as late as it fits by ``deadline``; None if one does not fit."""
    free = c.packed[:]
    lft = [deadline] * c.n
    waiting = [len(s) for s in c.succs]
    start = [0] * c.n
    ready = [(priority[i], -c.rank[i], i) for i in range(c.n) if not waiting[i]]
    heapq.heapify(ready)
    while ready:
        i = heapq.heappop(ready)[2]
        d, f = c.duration[i], lft[i]
        if c.offset[i]:
            f = _latest_fit(free, c.offset[i], c.guard, d, f)
            if f < 0:
                return None
            take = c.take[i]
            for u in range(f - d, f):
                free[u] -= take
        start[i] = f - d
        for j, lag in c.preds[i]:
            lft[j] = min(lft[j], f - d - lag)
            waiting[j] -= 1
            if not waiting[j]:
                heapq.heappush(ready, (priority[j], -c.rank[j], j))
    return start


def _earliest_fit(free: list[int], offset: int, guard: int, d: int, t: int) -> int:
    """First start ``>= t`` of ``d`` consecutive fitting periods; -1 if none."""
    run, end = 0, len(free)
    while t < end:
        if (free[t] + offset) & guard == guard:
            run += 1
            if run == d:
                return t - d + 1
        else:
            run = 0
        t += 1
    return -1


def _latest_fit(free: list[int], offset: int, guard: int, d: int, f: int) -> int:
    """Last finish ``<= f`` of ``d`` consecutive fitting periods; -1 if none."""
    run, u = 0, min(f, len(free)) - 1
    while u >= 0:
        if (free[u] + offset) & guard == guard:
            run += 1
            if run == d:
                return u + d
        else:
            run = 0
        u -= 1
    return -1


def makespan_of(c: Compact, start: Sequence[int]) -> int:
    """Latest finish of a start vector."""
    return max((s + d for s, d in zip(start, c.duration, strict=True)), default=0)


def justify(c: Compact, start: list[int], rounds: int = 4) -> tuple[list[int], int]:
    """Forward–backward improvement of a schedule; never returns a longer one.

    Each round right-justifies (latest finish first, against the current makespan) and then
    left-justifies (earliest start first). Stops after ``rounds`` or when nothing improves.
    """
    best, span = start, makespan_of(c, start)
    for _ in range(rounds):
        right = backward(c, [-(s + d) for s, d in zip(best, c.duration, strict=True)], span)
        if right is None:
            break
        left = forward(c, right)
        if left is None:
            break
        new_span = makespan_of(c, left)
        if new_span > span:
            break
        improved = new_span < span
        best, span = left, new_span
        if not improved:
            break
    return best, span
