"""Sample the estimates and re-time the optimised plan: a serial schedule generation scheme.

For each sample, activities are taken in the frame's order; each is ready at the earliest
period its release and its predecessors (finish + lag) allow. A client step then runs its
sampled number of working days from that day. Agency work first takes the optimised plan's own
bookings from that day on, as far as they are still free and needed; what is left (more effort
than planned, or bookings lost to a late predecessor) goes to the earliest free minutes of the
same people from the ready day on. No one is ever booked beyond their free minutes of a day.
With every estimate at its likely value this reproduces the optimised plan's finishes (or
earlier ones). Plain Python over small lists: no solver per sample.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.model import ThreePoint
from planner.risk.distributions import sample_pert
from planner.risk.frame import CLIENT, RetimeFrame

CHUNK_SIZE = 100
"""Samples per chunk; chunk ``k`` always gets the same random stream, whoever runs it."""


@dataclass(frozen=True)
class Retimed:
    """One re-timed sample: periods (finish exclusive), price and, if asked, the bookings.

    ``allocation[activity index]`` maps ``(resource index, period)`` to minutes; ``overflow``
    is True when some work did not fit before the end of the calendar.
    """

    start: list[int]
    finish: list[int]
    price: float
    overflow: bool
    allocation: dict[int, dict[tuple[int, int], int]] | None = None


@dataclass(frozen=True)
class ChunkResult:
    """The figures of one chunk of samples.

    ``finish_days[s, j]``: last working day (period) of promise ``j`` in sample ``s``;
    ``prices[s]``: the sample's price; ``overflow``: samples that ran past the calendar;
    ``run``: which plan of a sweep the chunk belongs to.
    """

    index: int
    finish_days: np.ndarray
    prices: np.ndarray
    overflow: int
    run: int = 0


def draw(frame: RetimeFrame, rng: np.random.Generator, size: int) -> np.ndarray:
    """Sampled units per activity: ``(size, activities)`` whole minutes or working days.

    Effort is rounded to the minute (at least one when the likely effort is positive) and a
    client turnaround to the nearest whole working day (at least one), both kept inside
    their range.
    """
    units = np.tile(np.asarray(frame.likely, dtype=np.int64), (size, 1))
    for k in frame.uncertain:
        estimate = ThreePoint(frame.low[k], frame.likely[k], frame.high[k])
        values = np.floor(sample_pert(rng, estimate, size) + 0.5)
        lowest = max(1.0, np.ceil(frame.low[k]))
        units[:, k] = np.clip(values, lowest, max(lowest, np.floor(frame.high[k])))
    return units


def retime(frame: RetimeFrame, units: np.ndarray | list[int], record: bool = False) -> Retimed:
    """Re-time the plan for one sample of units (see the module docstring).

    Parameters
    ----------
    frame
        The optimised plan's frame.
    units
        Minutes (effort) or working days (client step) per activity, e.g. a row of
        :func:`draw`.
    record
        Also return the bookings (for validation and plans; slower).

    Returns
    -------
    Retimed
        Start and exclusive finish per activity, the price and the overflow flag.
    """
    amounts = [int(u) for u in units]
    book = _Bookings(frame, record)
    start = [0] * len(amounts)
    finish = [0] * len(amounts)
    overflow = False
    for a in frame.order:
        day = frame.release[a]
        for before, lag in frame.predecessors[a]:
            day = max(day, finish[before] + lag)
        if frame.kind[a] == CLIENT or amounts[a] == 0:
            start[a] = day
            finish[a] = day + (amounts[a] if frame.kind[a] == CLIENT else 0)
            continue
        start[a], finish[a], late = book.effort(a, day, amounts[a])
        overflow = overflow or late
    price = round(book.cost + frame.fixed_costs, 2)
    return Retimed(start, finish, price, overflow, book.allocation)


class _Bookings:
    """The people's free minutes during one re-timing, and what has been booked from them."""

    def __init__(self, frame: RetimeFrame, record: bool) -> None:
        self.frame = frame
        self.free = [list(row) for row in frame.capacity]
        self.cost = 0.0
        self.allocation: dict[int, dict[tuple[int, int], int]] | None = {} if record else None

    def effort(self, a: int, ready: int, minutes: int) -> tuple[int, int, bool]:
        """Book ``minutes`` of activity ``a`` from period ``ready``: its planned bookings first,
        then the earliest free minutes of its people. Returns (start, finish, ran past the end).
        """
        used: list[int] = []
        remaining = minutes
        for person, period, planned in self.frame.planned[a]:
            if remaining == 0:
                break
            if period >= ready:
                remaining -= self._take(a, person, period, min(planned, remaining), used)
        day, horizon = ready, self.frame.horizon
        while remaining > 0 and day < horizon:
            for person in self.frame.people[a]:
                remaining -= self._take(a, person, day, remaining, used)
                if remaining == 0:
                    break
            day += 1
        if remaining > 0:
            return min(used, default=ready), horizon, True
        return min(used, default=ready), max(used, default=ready - 1) + 1, False

    def _take(self, a: int, person: int, period: int, wanted: int, used: list[int]) -> int:
        """Book up to ``wanted`` free minutes of ``person`` in ``period``; returns the minutes."""
        take = min(self.free[person][period], wanted)
        if take <= 0:
            return 0
        self.free[person][period] -= take
        self.cost += take * self.frame.minute_price[person]
        used.append(period)
        if self.allocation is not None:
            booked = self.allocation.setdefault(a, {})
            booked[(person, period)] = booked.get((person, period), 0) + take
        return take


def simulate_chunk(
    frame: RetimeFrame, seed: int, index: int, size: int, run: int = 0
) -> ChunkResult:
    """Draw and re-time chunk ``index`` of ``size`` samples (its stream depends on seed, index).

    Parameters
    ----------
    frame
        The optimised plan's frame.
    seed
        The run's seed.
    index
        The chunk number; chunk ``k`` uses ``SeedSequence(seed, spawn_key=(k,))``.
    size
        Samples in the chunk.
    run
        Which plan of a sweep this is (carried into the result).

    Returns
    -------
    ChunkResult
        Promise finish days and prices of the chunk's samples.
    """
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(index,)))
    units = draw(frame, rng, size)
    finish_days = np.zeros((size, len(frame.promises)), dtype=np.int32)
    prices = np.zeros(size)
    overflow = 0
    for s in range(size):
        result = retime(frame, units[s])
        finish_days[s] = [result.finish[a] - 1 for a, _ in frame.promises]
        prices[s] = result.price
        overflow += result.overflow
    return ChunkResult(index, finish_days, prices, overflow, run)


def chunk_sizes(samples: int) -> list[int]:
    """Sizes of the chunks of a run of ``samples`` samples (the last one may be smaller)."""
    full, rest = divmod(samples, CHUNK_SIZE)
    return [CHUNK_SIZE] * full + ([rest] if rest else [])
