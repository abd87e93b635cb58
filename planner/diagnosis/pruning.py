"""What is too small to offer, and work done once: helpers of :mod:`planner.diagnosis.levers`.

* :func:`meaningful` — capacity changes granting under an hour in all are not offered (an
  overtime of "0.5 h in all" reads as absurd and changes nothing a client would notice);
* :func:`unneeded_moves` — a moved date that the re-planned alternative does not use (every
  occurrence still finishes by the date promised in the brief) is not offered: the same plan
  keeps the original date, at the same price;
* :func:`search_waves` — a priced search with more levers runs after those with fewer of its
  levers, bounded by their cheapest answer (:func:`cost_bound`): their answers are answers of
  the wider search too (the extra levers idle, dates unmoved), so the bound loses nothing
  cheaper, and it keeps the wider search from spending its whole budget among far dearer
  answers (measured on the Tundra sample: proven in 0.02 units of work instead of an
  unfinished 0.3);
* :class:`Once` — the same check asked twice (two candidates trimmed to the same changes,
  possibly on two threads at once) is computed once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from planner.diagnosis.changes import FREELANCER, MOVE_DATE, OVERTIME, Change
from planner.model import FreelancerOption, OvertimeOption
from planner.plan import Plan
from planner.planning import PlanningContext

MIN_GRANTED_MINUTES = 60
"""Overtime or freelance time granting less than this in all is too small to offer."""

R = TypeVar("R")


def granted_minutes(change: Change) -> float | None:
    """Minutes of capacity a change grants in all (None when it grants none)."""
    if change.kind not in (OVERTIME, FREELANCER) or not change.rate:
        return None
    return change.cost / change.rate * 60


def too_small(change: Change) -> bool:
    """True for overtime or freelance time granting under :data:`MIN_GRANTED_MINUTES`."""
    granted = granted_minutes(change)
    return granted is not None and granted < MIN_GRANTED_MINUTES - 1e-6


def meaningful(changes: Sequence[Change]) -> list[Change]:
    """``changes`` without those :func:`too_small` to offer."""
    return [change for change in changes if not too_small(change)]


def unneeded_moves(
    changes: Sequence[Change], plan_after: Plan, promised: dict[str, date]
) -> list[Change]:
    """The date moves among ``changes`` that ``plan_after`` does not use.

    Parameters
    ----------
    changes
        The alternative's changes.
    plan_after
        The re-planned scenario with the changes made.
    promised
        Promise (instance id) → its date in the brief as received.

    Returns
    -------
    list[Change]
        Moves of tasks whose every promised occurrence finishes on or before its original
        date in ``plan_after``: that plan keeps the brief's dates for them as it is.
    """
    unneeded = []
    for change in changes:
        if change.kind != MOVE_DATE:
            continue
        occurrences = [p for p in plan_after.promises if p.task.split("#")[0] == change.target]
        if occurrences and all(
            p.finish is not None and p.task in promised and p.finish <= promised[p.task]
            for p in occurrences
        ):
            unneeded.append(change)
    return unneeded


@dataclass(frozen=True)
class SearchJob:
    """One priced search: a variant of the brief, the levers it may use, and whether the
    promised dates may move."""

    variant: tuple[Change, ...]
    context: PlanningContext
    overtime: tuple[OvertimeOption, ...]
    freelancers: tuple[FreelancerOption, ...]
    groups: dict[str, list[str]]
    move: bool

    def within(self, other: SearchJob) -> bool:
        """True when every answer of this search is an answer of ``other`` (same variant,
        no lever ``other`` lacks, dates fixed when ``other``'s are) and they differ."""
        return (
            self.variant == other.variant
            and set(self.overtime) <= set(other.overtime)
            and set(self.freelancers) <= set(other.freelancers)
            and self.move <= other.move
            and (self.overtime, self.freelancers, self.move)
            != (other.overtime, other.freelancers, other.move)
        )


def search_waves(jobs: Sequence[SearchJob]) -> list[list[int]]:
    """Job indices in waves: a job comes in the wave after every job within it."""
    waves: list[list[int]] = []
    done: set[int] = set()
    while len(done) < len(jobs):
        wave = [
            k
            for k, job in enumerate(jobs)
            if k not in done and all(j in done for j, other in enumerate(jobs) if other.within(job))
        ]
        waves.append(wave)
        done.update(wave)
    return waves


def cost_bound(
    jobs: Sequence[SearchJob], answers: dict[int, tuple[Any, int | None]], k: int
) -> int | None:
    """The least cost among the answers of the jobs within job ``k`` (None when none)."""
    costs = [
        cost for j, (_, cost) in answers.items() if cost is not None and jobs[j].within(jobs[k])
    ]
    return min(costs, default=None)


class Once(Generic[R]):
    """Each key's value computed once, even when two threads ask for it at the same time
    (the second waits for the first's answer)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._futures: dict[Hashable, Future[R]] = {}

    def get(self, key: Hashable, compute: Callable[[], R]) -> R:
        """The value for ``key``, computing it with ``compute`` the first time."""
        with self._lock:
            future = self._futures.get(key)
            owner = future is None
            if future is None:
                future = self._futures[key] = Future()
        if owner:
            try:
                future.set_result(compute())
            except BaseException as error:
                future.set_exception(error)
                raise
        return future.result()
