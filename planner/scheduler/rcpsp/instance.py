"""One PSPLIB instance as read from its file, job keys and the precedence graph's order.

Plain data only: nothing here knows the scheduling core, so the reference methods in
``bench/references.py`` can use it and stay independent yardsticks.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PsplibInstance:
    """One single-mode RCPSP instance as read from a PSPLIB ``.sm`` file.

    Attributes
    ----------
    name : str
        File stem, e.g. ``"j301_1"``.
    durations : tuple[int, ...]
        ``durations[j - 1]`` is the duration of job ``j``.
    demands : tuple[tuple[int, ...], ...]
        ``demands[j - 1][k]`` is the per-period demand of job ``j`` on resource ``k``.
    successors : tuple[tuple[int, ...], ...]
        ``successors[j - 1]`` lists the job numbers that may start only after ``j`` finished.
    capacities : tuple[int, ...]
        Per-period capacity of each renewable resource.
    resource_names : tuple[str, ...]
        Resource names without spaces (``"R1"`` ..), same order as ``capacities``.
    file_horizon : int
        The ``horizon`` line of the file (a loose upper bound; sum of durations).
    source : str
        Where the instance was read from (used in error messages).
    """

    name: str
    durations: tuple[int, ...]
    demands: tuple[tuple[int, ...], ...]
    successors: tuple[tuple[int, ...], ...]
    capacities: tuple[int, ...]
    resource_names: tuple[str, ...]
    file_horizon: int = 0
    source: str = ""

    @property
    def n_jobs(self) -> int:
        """Number of jobs including the two dummies."""
        return len(self.durations)

    @property
    def jobs(self) -> range:
        """Job numbers ``1 .. n_jobs``."""
        return range(1, self.n_jobs + 1)

    @property
    def horizon(self) -> int:
        """Sum of all durations: every feasible instance has a schedule ending by then."""
        return sum(self.durations)

    def predecessors(self) -> tuple[tuple[int, ...], ...]:
        """``predecessors()[j - 1]`` lists the jobs that must finish before ``j`` starts."""
        preds: list[list[int]] = [[] for _ in self.durations]
        for job in self.jobs:
            for succ in self.successors[job - 1]:
                preds[succ - 1].append(job)
        return tuple(tuple(p) for p in preds)

    def topological_order(self) -> list[int]:
        """Job numbers with every job before its successors (Kahn's algorithm, first in first out).

        Does not assume that the file numbers its jobs topologically.

        Raises
        ------
        ValueError
            If the precedence relations contain a cycle.
        """
        indegree = [0] * self.n_jobs
        for succ in self.successors:
            for s in succ:
                indegree[s - 1] += 1
        ready = deque(j for j in self.jobs if indegree[j - 1] == 0)
        order: list[int] = []
        while ready:
            job = ready.popleft()
            order.append(job)
            for s in self.successors[job - 1]:
                indegree[s - 1] -= 1
                if indegree[s - 1] == 0:
                    ready.append(s)
        if len(order) != self.n_jobs:
            raise ValueError(f"{self.name}: precedence graph has a cycle")
        return order


def activity_id(job: int) -> str:
    """The :class:`Activity` id used for PSPLIB job ``job`` (``3`` -> ``"j3"``)."""
    return f"j{job}"


def job_of(key: int | str) -> int:
    """The job number of an activity id (``"j3"`` -> 3); ints pass through.

    Raises
    ------
    ValueError
        If ``key`` is neither an int nor an id made by :func:`activity_id`.
    """
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    if isinstance(key, str) and re.fullmatch(r"j\d+", key):
        return int(key[1:])
    raise ValueError(f"not a PSPLIB job key: {key!r}")


def starts_by_job(starts: Mapping[int | str, int]) -> dict[int, int]:
    """Re-key a start mapping (by job number or activity id) by job number."""
    return {job_of(k): int(v) for k, v in starts.items()}


def makespan_of(instance: PsplibInstance, starts: Mapping[int | str, int]) -> int:
    """Latest finish ``start + duration`` over the jobs in ``starts``."""
    by_job = starts_by_job(starts)
    return max((s + instance.durations[j - 1] for j, s in by_job.items()), default=0)


def critical_path_length(instance: PsplibInstance) -> int:
    """Makespan with unlimited resources (longest path through the precedence graph)."""
    finish = [0] * instance.n_jobs
    preds = instance.predecessors()
    for job in instance.topological_order():
        start = max((finish[p - 1] for p in preds[job - 1]), default=0)
        finish[job - 1] = start + instance.durations[job - 1]
    return max(finish, default=0)
