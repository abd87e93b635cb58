"""Dependency chains with unlimited people, on the real calendar.

A task's shortest agency time is its hours at its fastest eligible people's full free
capacity, day by day from the day it may start (holidays, time off and other commitments
included — no averages). With every task getting that treatment, the forward pass gives the
earliest finish of each promise that no amount of extra people could beat, and the chain of
predecessors that sets it; the backward pass gives the latest window each task has if a set
of promises is to hold.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from planner.planning.agency import eligible_people
from planner.planning.instances import TaskInstance
from planner.planning.pipeline import PlanningContext

MAX_TEAMS = 400
"""Largest number of candidate teams tried per task; beyond it each day's best people count."""


@dataclass(frozen=True)
class ChainStep:
    """One task of a dependency chain as fast as it can go (``kind`` "agency" or "client")."""

    task: str
    name: str
    kind: str
    start: date
    finish: date
    working_days: int
    hours: float = 0.0
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChainBound:
    """The earliest a promise can finish with unlimited people, and the chain that sets it.

    ``needed_days`` and ``allowed_days`` count agency working days from the chain's first
    day (the scenario start, or a later release); the promise breaks on the chain alone
    when ``needed_days > allowed_days``.
    """

    task: str
    steps: tuple[ChainStep, ...]
    needed_days: int
    allowed_days: int
    agency_days: int
    client_days: int
    earliest_finish: date
    due: date

    @property
    def breaks(self) -> bool:
        """True when the chain alone makes the promise late."""
        return self.needed_days > self.allowed_days


class Reach:
    """Earliest and latest periods of every task instance with unlimited people.

    Parameters
    ----------
    context
        The prepared scenario (calendar and task instances).
    """

    def __init__(self, context: PlanningContext) -> None:
        self.context = context
        self.calendar = context.calendar
        self.instances = {i.id: i for i in context.instances}
        self.prefix = {
            p.name: (0, *accumulate(self.calendar.minutes(p.name))) for p in context.scenario.team
        }
        self.people = {
            i.id: eligible_people(context.scenario, i) if not i.task.is_client_step else ()
            for i in context.instances
        }
        self.start: dict[str, int] = {}
        self.finish: dict[str, int] = {}
        self.team: dict[str, tuple[str, ...]] = {}
        self.via: dict[str, str | None] = {}
        for instance_id in self.instances:
            self._forward(instance_id)

    # --- capacity arithmetic ---------------------------------------------------------------
    def free(self, people: Iterable[str], first: int, end: int) -> int:
        """Free minutes of ``people`` over periods ``first .. end-1``."""
        last = len(self.calendar)
        first, end = max(0, min(first, last)), max(0, min(end, last))
        if end <= first:
            return 0
        return sum(self.prefix[p][end] - self.prefix[p][first] for p in people)

    def teams(self, instance: TaskInstance) -> list[tuple[str, ...]]:
        """Candidate teams: every group of the largest allowed size of eligible people."""
        people = self.people[instance.id]
        size = min(instance.task.max_people, len(people))
        combos = list(itertools.islice(itertools.combinations(people, size), MAX_TEAMS + 1))
        return combos if len(combos) <= MAX_TEAMS else [people]

    def fastest(self, instance: TaskInstance, first: int) -> tuple[int, tuple[str, ...]]:
        """Exclusive finish period of an instance started at ``first``, and the team used."""
        if instance.task.is_client_step:
            return first + (instance.task.client_days or 0), ()
        if instance.minutes == 0:
            return first, ()
        best: tuple[int, tuple[str, ...]] = (len(self.calendar) + 1, ())
        for team in self.teams(instance):
            need = instance.minutes + sum(self.prefix[p][first] for p in team)
            totals = [sum(self.prefix[p][t] for p in team) for t in range(len(self.calendar) + 1)]
            end = bisect.bisect_left(totals, need, lo=first + 1)
            if end <= len(self.calendar) and (end, team) < best:
                best = (end, team)
        return best

    def latest_start(self, instance: TaskInstance, end: int) -> int:
        """Latest start period that still finishes by exclusive period ``end`` (may be < 0)."""
        if instance.task.is_client_step:
            return end - (instance.task.client_days or 0)
        if instance.minutes == 0:
            return end
        best = -1
        for team in self.teams(instance):
            for first in range(min(end, len(self.calendar)) - 1, best, -1):
                if self.free(team, first, end) >= instance.minutes:
                    best = first
                    break
        return best

    # --- passes ----------------------------------------------------------------------------
    def _forward(self, instance_id: str) -> int:
        if instance_id in self.finish:
            return self.finish[instance_id]
        instance = self.instances[instance_id]
        first, via = instance.earliest, None
        for before, lag in instance.predecessors:
            ready = self._forward(before) + lag
            if ready > first:
                first, via = ready, before
        self.start[instance_id], self.via[instance_id] = first, via
        self.finish[instance_id], self.team[instance_id] = self.fastest(instance, first)
        return self.finish[instance_id]

    def ancestors(self, targets: Iterable[str]) -> set[str]:
        """The targets and every instance they wait for."""
        found: set[str] = set()
        stack = list(targets)
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(b for b, _ in self.instances[current].predecessors)
        return found

    def latest_finish(self, due: Mapping[str, int]) -> dict[str, int]:
        """Latest exclusive finish of each instance the ``due`` targets wait for.

        ``due`` maps target instance ids to the exclusive period they must finish by.
        """
        members = self.ancestors(due)
        latest: dict[str, int] = {}

        def visit(instance_id: str) -> int:
            if instance_id in latest:
                return latest[instance_id]
            bound = due.get(instance_id, len(self.calendar))
            for other in members:
                for before, lag in self.instances[other].predecessors:
                    if before == instance_id:
                        successor = self.instances[other]
                        bound = min(bound, self.latest_start(successor, visit(other)) - lag)
            latest[instance_id] = bound
            return bound

        for member in members:
            visit(member)
        return latest

    def chain(self, instance_id: str) -> ChainBound:
        """The chain setting the earliest finish of a promised instance."""
        instance = self.instances[instance_id]
        if instance.due is None or instance.due_index is None:
            raise ValueError(f"task {instance_id!r} has no promised date")
        steps: list[ChainStep] = []
        current: str | None = instance_id
        while current is not None:
            steps.append(self._step(self.instances[current]))
            current = self.via[current]
        steps.reverse()
        finish = self.finish[instance_id]
        last_day = self.calendar.day(max(finish - 1, 0)) if finish <= len(self.calendar) else None
        first = self.start[steps[0].task]
        return ChainBound(
            task=instance_id,
            steps=tuple(steps),
            needed_days=finish - first,
            allowed_days=instance.due_index + 1 - first,
            agency_days=sum(s.working_days for s in steps if s.kind == "agency"),
            client_days=sum(s.working_days for s in steps if s.kind == "client"),
            earliest_finish=last_day or self.calendar.days[-1],
            due=instance.due,
        )

    def _step(self, instance: TaskInstance) -> ChainStep:
        first, end = self.start[instance.id], self.finish[instance.id]
        name = instance.task.label
        if instance.occurrence is not None:
            name = f"{name} #{instance.occurrence}"
        last = len(self.calendar) - 1
        return ChainStep(
            task=instance.id,
            name=name,
            kind="client" if instance.task.is_client_step else "agency",
            start=self.calendar.day(min(first, last)),
            finish=self.calendar.day(min(max(end - 1, first), last)),
            working_days=end - first,
            hours=instance.minutes / 60,
            people=self.team[instance.id],
        )
