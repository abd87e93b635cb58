"""The brief half of the agency generator: retainers, deliverable chains, effort and dates.

:func:`build_brief` turns a generated team into brief tasks: recurring SLA work first (about
:data:`RECURRING_SHARE` of the task instances), then deliverable chains drawn from
:data:`planner.generate.catalog.TEMPLATES`, then one-task ad-hoc jobs up to the exact count.
Effort is sized to :data:`TARGET_LOAD` of each role's free time, chains are released over the
window and promised dates are the critical path at :data:`FOCUS` × a factor from
:data:`DUE_STRETCH`.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.generate.catalog import (
    AD_HOC,
    CLIENTS,
    FALLBACK_ROLE,
    RETAINERS,
    TEMPLATES,
    Step,
    Template,
)
from planner.model import Dependency, Person, Repeat, Task
from planner.planning.calendar import WorkCalendar

TARGET_LOAD = 0.8
"""Share of each role's free time (after retainers) that the deliverables ask for."""
FOCUS = 1.0
"""Share of a working day one person gives a single task when estimating durations."""
DUE_STRETCH = (1.2, 1.6)
"""Promised duration = critical path at :data:`FOCUS` × a factor drawn from this range."""
RECURRING_SHARE = 0.25
"""Share of the task instances that is recurring SLA work."""
DAY_HOURS = 7.5


@dataclass
class _Draft:
    """A brief task before its effort is scaled and its promise dated."""

    id: str
    name: str
    deliverable: str
    role: str | None = None
    hours: float = 0.0
    client_days: int | None = None
    after: list[str] = field(default_factory=list)
    release: date | None = None
    priority: int = 1
    max_people: int = 1
    repeat: Repeat | None = None
    due_within: int | None = None
    stretch: float | None = None  # set for tasks that carry a promised date


def build_brief(
    rng: random.Random,
    tasks: int,
    months: int,
    team: tuple[Person, ...],
    calendar: WorkCalendar,
    end: date,
) -> tuple[Task, ...]:
    """Exactly ``tasks`` task instances of work for ``team`` over ``calendar`` up to ``end``.

    Parameters
    ----------
    rng
        The generator's random source (consumed in a fixed order).
    tasks
        Task instances wanted (a recurring task counts once per instance).
    months
        Window length in months (the count of monthly retainer work).
    team
        The people; only roles somebody holds are used (others fall back, e.g. to designer).
    calendar
        The agency calendar with everybody's free minutes, from the window's first day.
    end
        Last day of the window.

    Returns
    -------
    tuple of Task
    """
    start = calendar.scenario.start
    present = {role for person in team for role in person.roles}
    drafts = _recurring(rng, tasks, start, end, months, present)
    drafts += _deliverables(rng, tasks - _instances(drafts), present, team)
    _scale_effort(drafts, team, calendar, end)
    _spread_releases(rng, drafts, calendar, end)
    return _date_promises(drafts, calendar)


def mondays(start: date, end: date) -> list[date]:
    """Every Monday from ``start`` to ``end`` (inclusive)."""
    first = start + timedelta(days=(7 - start.weekday()) % 7)
    return [first + timedelta(weeks=k) for k in range((end - first).days // 7 + 1)]


def _instances(drafts: list[_Draft]) -> int:
    return sum(d.repeat.count if d.repeat else 1 for d in drafts)


def _role(role: str, present: set[str]) -> str:
    while role not in present:
        role = FALLBACK_ROLE[role]
    return role


def _recurring(
    rng: random.Random, tasks: int, start: date, end: date, months: int, present: set[str]
) -> list[_Draft]:
    """Retainers (weekly posts, reports, newsletters) filling about RECURRING_SHARE of tasks."""
    counts = {"week": len(mondays(start, end)), "month": months}
    budget = round(tasks * RECURRING_SHARE)
    drafts: list[_Draft] = []
    number = 0
    while True:
        fitting = [
            r
            for r in RETAINERS
            if counts[r.every] >= 2 and len(r.steps) * counts[r.every] <= budget
        ]
        if not fitting:
            return drafts
        retainer = rng.choice(fitting)
        number += 1
        client = CLIENTS[number % len(CLIENTS)]
        previous: str | None = None
        for key, name, role, low, high, within in retainer.steps:
            task_id = f"r{number:02d}_{key}"
            drafts.append(
                _Draft(
                    id=task_id,
                    name=f"{name} ({client})",
                    deliverable=f"{client}: {retainer.name}",
                    role=_role(role, present),
                    hours=round(rng.uniform(low, high) * 2) / 2,
                    after=[previous] if previous else [],
                    priority=2,
                    repeat=Repeat(retainer.every, counts[retainer.every]),
                    due_within=within,
                )
            )
            previous = task_id
        budget -= len(retainer.steps) * counts[retainer.every]


def _deliverables(
    rng: random.Random, remaining: int, present: set[str], team: tuple[Person, ...]
) -> list[_Draft]:
    """Deliverable chains from the templates, then ad-hoc jobs up to exactly ``remaining``."""
    holders: dict[str, int] = defaultdict(int)
    for person in team:
        for role in person.roles:
            holders[role] += 1
    drafts: list[_Draft] = []
    number = 0
    while remaining > 0:
        fitting = [t for t in TEMPLATES if t.size <= remaining]
        number += 1
        client = CLIENTS[rng.randrange(len(CLIENTS))]
        if not fitting:
            template = Template("Ad-hoc request", ((AD_HOC,),))
        else:
            template = rng.choices(fitting, weights=[t.weight for t in fitting])[0]
        priority = rng.choices((1, 2, 3), weights=(70, 20, 10))[0]
        chain = _chain(rng, template, f"d{number:03d}", f"{client}: {template.name}", present)
        for draft in chain:
            draft.priority = priority
            if draft.role and (draft.hours < 24 or holders[draft.role] < 2):
                draft.max_people = 1
        chain[-1].stretch = rng.uniform(*DUE_STRETCH)
        if len(chain) > 3 and rng.random() < 0.5:
            middle = next(d for d in reversed(chain[:-1]) if d.client_days is None)
            middle.stretch = rng.uniform(*DUE_STRETCH)
        drafts += chain
        remaining -= template.size
    return drafts


def _chain(
    rng: random.Random, template: Template, prefix: str, deliverable: str, present: set[str]
) -> list[_Draft]:
    drafts: list[_Draft] = []
    previous: list[str] = []
    for stage in template.stages:
        current = [_step(rng, step, prefix, deliverable, present, previous) for step in stage]
        drafts += current
        previous = [d.id for d in current]
    return drafts


def _step(
    rng: random.Random,
    step: Step,
    prefix: str,
    deliverable: str,
    present: set[str],
    after: list[str],
) -> _Draft:
    draft = _Draft(id=f"{prefix}_{step.key}", name=step.name, deliverable=deliverable)
    draft.after = list(after)
    if step.review_days is not None:
        draft.client_days = rng.randint(*step.review_days)
    else:
        assert step.role is not None
        draft.role = _role(step.role, present)
        draft.hours = rng.uniform(*step.hours)
        draft.max_people = 2 if step.team else 1
    return draft


def _scale_effort(
    drafts: list[_Draft], team: tuple[Person, ...], calendar: WorkCalendar, end: date
) -> None:
    """Size deliverable effort to TARGET_LOAD of each role's free time left by retainers."""
    last = calendar.index_on_or_before(end)
    free: dict[str, float] = defaultdict(float)
    for person in team:
        hours = sum(calendar.minutes(person.name)[: last + 1]) / 60
        for role in person.roles:
            free[role] += hours / len(person.roles)
    asked: dict[str, float] = defaultdict(float)
    for d in drafts:
        if d.role and d.repeat:
            free[d.role] -= d.hours * d.repeat.count
        elif d.role:
            asked[d.role] += d.hours
    for d in drafts:
        if d.role and not d.repeat:
            factor = min(4.0, max(0.25, TARGET_LOAD * max(free[d.role], 0.0) / asked[d.role]))
            d.hours = max(1.0, round(d.hours * factor * 2) / 2)


def _durations(drafts: list[_Draft]) -> dict[str, int]:
    return {
        d.id: d.client_days
        if d.client_days is not None
        else max(1, math.ceil(d.hours / (DAY_HOURS * FOCUS)))
        for d in drafts
    }


def _spread_releases(
    rng: random.Random, drafts: list[_Draft], calendar: WorkCalendar, end: date
) -> None:
    """Briefs arrive over the window: each chain gets a release that lets it end in time."""
    durations = _durations(drafts)
    chains: dict[str, list[_Draft]] = defaultdict(list)
    for d in drafts:
        if not d.repeat:
            chains[d.id.split("_")[0]].append(d)
    window = calendar.index_on_or_before(end) + 1
    for chain in chains.values():
        length = _critical_path(chain, durations, {}) * DUE_STRETCH[1]
        latest = max(0, math.floor(window - length))
        release = calendar.day(rng.randint(0, latest))
        for d in chain:
            if not d.after:
                d.release = release


def _critical_path(chain: list[_Draft], durations: dict[str, int], finish: dict[str, int]) -> int:
    """Working days from the chain's release to its end; fills ``finish`` (relative)."""
    for d in chain:
        finish[d.id] = max((finish[a] for a in d.after), default=0) + durations[d.id]
    return max(finish[d.id] for d in chain)


def _date_promises(drafts: list[_Draft], calendar: WorkCalendar) -> tuple[Task, ...]:
    """Promised dates: release + critical path × stretch, on agency working days."""
    durations = _durations(drafts)
    finish: dict[str, int] = {}
    released: dict[str, int] = {}
    tasks = []
    for d in drafts:
        if not d.repeat:
            _critical_path([d], durations, finish)
        if d.release is not None:
            released[d.id] = calendar.index_on_or_after(d.release)
        else:
            released[d.id] = max((released[a] for a in d.after), default=0)
        due = None
        if d.stretch is not None:
            days = max(1, math.ceil(finish[d.id] * d.stretch))
            due = calendar.day(released[d.id] + days - 1)
        tasks.append(
            Task(
                id=d.id,
                name=d.name,
                role=d.role,
                hours=d.hours,
                client_days=d.client_days,
                after=tuple(Dependency(a) for a in d.after),
                due=due,
                priority=d.priority,
                max_people=d.max_people,
                repeat=d.repeat,
                due_within=d.due_within,
                release=d.release,
                deliverable=d.deliverable,
            )
        )
    return tuple(tasks)
