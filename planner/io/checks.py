"""Semantic checks: rules that span several fields or the whole scenario document.

They run even when the structural validation failed, on every team member, commitment and
task that is valid on its own, so a user sees all problems at once. Names, roles and task ids
are also gathered leniently from the raw document, so a reference to a person whose entry has
a typo elsewhere is not reported as unknown.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.io.errors import N_, Path, Problem, did_you_mean, join
from planner.io.estimates import least
from planner.io.graph import components, cycle_through
from planner.io.levers import check_levers
from planner.io.limits import check_limits
from planner.io.schema import (
    CalendarIn,
    CommitmentIn,
    PersonIn,
    ScenarioIn,
    TaskIn,
    TimeOffIn,
)
from planner.io.values import canonical_subdivision, split_list, supported_countries, to_text_id
from planner.model import WEEKDAY_NAMES

TASKS: Path = ("brief", "tasks")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Parts:
    """The pieces of a document the checks look at, each with its index in the document."""

    calendar: CalendarIn
    team: list[tuple[int, PersonIn]]
    commitments: list[tuple[int, CommitmentIn]]
    tasks: list[tuple[int, TaskIn]]
    names: list[tuple[int, str]]
    roles: frozenset[str]
    task_ids: list[tuple[int, str]]
    team_is_empty: bool
    team_given: bool


def _raw_list(data: Any, *keys: str) -> list[Any]:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, list) else []


def _raw_texts(items: list[Any], key: str) -> list[tuple[int, str]]:
    values = [
        (i, to_text_id(item.get(key))) for i, item in enumerate(items) if isinstance(item, dict)
    ]
    return [(i, value.strip()) for i, value in values if isinstance(value, str) and value.strip()]


def _valid_items(model: type[M], items: list[Any]) -> list[tuple[int, M]]:
    valid: list[tuple[int, M]] = []
    for index, item in enumerate(items):
        with contextlib.suppress(ValidationError):
            valid.append((index, model.model_validate(item)))
    return valid


def collect_parts(raw: dict[str, Any], doc: ScenarioIn | None) -> Parts:
    """Gather what the checks need from a validated ``doc``, or salvage it from ``raw``."""
    team_raw = _raw_list(raw, "team")
    tasks_raw = _raw_list(raw, "brief", "tasks")
    roles = {
        role.strip()
        for item in team_raw
        if isinstance(item, dict)
        for role in split_list(item.get("roles"))
        if isinstance(role, str)
    }
    if doc is not None:
        calendar, team = doc.calendar, list(enumerate(doc.team))
        commitments, tasks = list(enumerate(doc.commitments)), list(enumerate(doc.brief.tasks))
    else:
        calendars = _valid_items(CalendarIn, [raw.get("calendar") or {}])
        calendar = calendars[0][1] if calendars else CalendarIn()
        team = _valid_items(PersonIn, team_raw)
        commitments = _valid_items(CommitmentIn, _raw_list(raw, "commitments"))
        tasks = _valid_items(TaskIn, tasks_raw)
    return Parts(
        calendar=calendar,
        team=team,
        commitments=commitments,
        tasks=tasks,
        names=_raw_texts(team_raw, "name"),
        roles=frozenset(roles),
        task_ids=_raw_texts(tasks_raw, "id"),
        team_is_empty=isinstance(raw.get("team"), list) and not team_raw,
        team_given=isinstance(raw.get("team"), list),
    )


def check_document(raw: dict[str, Any], doc: ScenarioIn | None) -> Iterator[Problem]:
    """The semantic problems of a document (``doc`` is ``None`` if it is invalid), lazily."""
    parts = collect_parts(raw, doc)
    yield from _check_team(parts)
    yield from _check_commitments(parts)
    yield from _check_tasks(parts)
    yield from _check_cycles(parts)
    yield from check_levers(doc, [name for _, name in parts.names])
    if doc is not None:
        yield from check_limits(doc)


# ----------------------------------------------------------------------------- helpers


def _day_names(days: tuple[int, ...]) -> str:
    return ", ".join(WEEKDAY_NAMES[day] for day in days)


def _choices(word: str, options: list[str], what: str, fallback: str) -> str:
    guess = did_you_mean(word, options)
    shown = ", ".join(options[:12]) + (", …" if len(options) > 12 else "")
    listing = N_("{what}: {shown}", what=what, shown=shown) if options else fallback
    return join([guess, listing])


def _duplicates(
    entries: list[tuple[int, str]], path_of: Callable[[int], Path], what: str, hint: str
) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, value in entries:
        if value in seen:
            yield Problem(
                path_of(index),
                N_("{what} {value!r} is used more than once", what=what, value=value),
                hint,
            )
        seen.add(value)


def _unknown_person(path: Path, name: str, names: list[str]) -> Problem:
    hint = _choices(name, names, N_("team members"), N_("add them to the team first"))
    return Problem(path, N_("no team member is called {name!r}", name=name), hint)


def _check_range(path: Path, item: TimeOffIn | CommitmentIn) -> Iterator[Problem]:
    if item.to < item.from_:
        yield Problem(
            (*path, "to"),
            N_("ends ({end}) before it starts ({start})", end=item.to, start=item.from_),
            N_("make 'to' the same day as 'from' or later (both days are included)"),
        )


def _check_region(path: Path, country: str | None, subdivision: str | None) -> Iterator[Problem]:
    """A subdivision must be a region of the country next to it (a person's own country)."""
    if subdivision is None:
        return
    if country is None:
        yield Problem(
            (*path, "subdivision"),
            N_("a subdivision needs a country next to it"),
            N_("add a country (e.g. country: DE) or remove the subdivision"),
        )
    elif canonical_subdivision(country, subdivision) is None:
        known = list(supported_countries().get(country, ()))
        yield Problem(
            (*path, "subdivision"),
            N_(
                "{subdivision!r} is not a region of {country} known to the holidays package",
                subdivision=subdivision,
                country=country,
            ),
            _choices(
                subdivision,
                known,
                N_("use one of"),
                N_("{country} has no regions; remove it", country=country),
            ),
        )


# ----------------------------------------------------------------------------- team


def _check_team(parts: Parts) -> Iterator[Problem]:
    if parts.team_is_empty:
        yield Problem(
            ("team",),
            N_("the team is empty"),
            N_("add at least one person, e.g. {example}", example=PersonIn.example),
        )
    yield from _duplicates(
        parts.names,
        lambda i: ("team", i, "name"),
        N_("the name"),
        N_("give each person a unique name"),
    )
    calendar = parts.calendar
    yield from _check_region(("calendar",), calendar.country, calendar.subdivision)
    for index, person in parts.team:
        path: Path = ("team", index)
        yield from _check_region(path, person.country, person.subdivision)
        if person.workdays is not None and not set(person.workdays) & set(calendar.workdays):
            yield Problem(
                (*path, "workdays"),
                N_(
                    "{name} works only on {days}, none of which is an agency working day",
                    name=person.name,
                    days=_day_names(person.workdays),
                ),
                N_(
                    "include an agency working day ({days}) or change the calendar's workdays",
                    days=_day_names(calendar.workdays),
                ),
            )
        for number, time_off in enumerate(person.time_off):
            yield from _check_range((*path, "time_off", number), time_off)


# ----------------------------------------------------------------------------- commitments


def _check_commitments(parts: Parts) -> Iterator[Problem]:
    names = list(dict.fromkeys(name for _, name in parts.names))
    by_person: dict[str, list[tuple[int, CommitmentIn]]] = defaultdict(list)
    for index, commitment in parts.commitments:
        path: Path = ("commitments", index)
        yield from _check_range(path, commitment)
        if commitment.person not in names and parts.team_given:
            yield _unknown_person((*path, "person"), commitment.person, names)
        elif commitment.from_ <= commitment.to:
            by_person[commitment.person].append((index, commitment))
    people = {person.name: person for _, person in reversed(parts.team)}
    for name, items in by_person.items():
        if name in people:
            yield from _check_overload(people[name], items)


def _check_overload(person: PersonIn, items: list[tuple[int, CommitmentIn]]) -> Iterator[Problem]:
    """Sweep the commitments' start/end days; report the first span booked beyond capacity."""
    events: dict[int, list[tuple[bool, int, CommitmentIn]]] = defaultdict(list)
    for index, item in items:
        events[item.from_.toordinal()].append((True, index, item))
        events[item.to.toordinal() + 1].append((False, index, item))
    days = sorted(events)
    active: dict[int, CommitmentIn] = {}
    for position, day in enumerate(days):
        for starts, index, item in events[day]:
            if starts:
                active[index] = item
            else:
                active.pop(index, None)
        total = sum(item.hours_per_week for item in active.values())
        if total > person.hours_per_week + 1e-9:
            last = date.fromordinal(days[position + 1] - 1)
            listing = join(
                [
                    N_(
                        "{label} {start}..{end}, {hours:g} h",
                        label=item.label or N_("commitment"),
                        start=item.from_,
                        end=item.to,
                        hours=item.hours_per_week,
                    )
                    for item in active.values()
                ],
                "; ",
            )
            yield Problem(
                ("commitments", max(active), "hours_per_week"),
                N_(
                    "{name}'s commitments add up to {total:g} hours/week from {start} to {end}, "
                    "more than their hours_per_week of {hours:g}",
                    name=person.name,
                    total=total,
                    start=date.fromordinal(day),
                    end=last,
                    hours=person.hours_per_week,
                ),
                N_(
                    "reduce the overlapping commitments ({listing}) or raise {name}'s "
                    "hours_per_week",
                    listing=listing,
                    name=person.name,
                ),
            )
            return


# ----------------------------------------------------------------------------- tasks


def _check_tasks(parts: Parts) -> Iterator[Problem]:
    names = list(dict.fromkeys(name for _, name in parts.names))
    known_ids = {task_id for _, task_id in parts.task_ids}
    yield from _duplicates(
        parts.task_ids,
        lambda i: (*TASKS, i, "id"),
        N_("the task id"),
        N_("give each task a unique id"),
    )
    for index, task in parts.tasks:
        path: Path = (*TASKS, index)
        yield from _check_kind(path, task)
        # without a team sheet/section every name and role would look unknown
        team = (names, sorted(parts.roles)) if parts.team_given else None
        yield from _check_doer(path, task, team)
        yield from _check_schedule(path, task)
        seen: set[str] = set()
        for number, dependency in enumerate(task.after):
            where = (*path, "after", number)
            if dependency.task in seen:
                yield Problem(
                    where,
                    N_("lists {task!r} more than once", task=dependency.task),
                    N_("keep one entry"),
                )
            elif dependency.task not in known_ids:
                yield Problem(
                    where,
                    N_("depends on unknown task {task!r}", task=dependency.task),
                    _choices(
                        dependency.task,
                        sorted(known_ids),
                        N_("task ids"),
                        N_("add that task first"),
                    ),
                )
            seen.add(dependency.task)


def _check_kind(path: Path, task: TaskIn) -> Iterator[Problem]:
    if task.hours is None and task.client_days is None:
        yield Problem(
            path,
            N_(
                "task {task!r} has neither hours (agency work) nor client_days (a client step)",
                task=task.id,
            ),
            N_(
                "add hours (e.g. hours: 16) for agency work or client_days (e.g. client_days: 5) "
                "for the client's turnaround"
            ),
        )
    elif task.hours is not None and task.client_days is not None:
        yield Problem(
            (*path, "client_days"),
            N_("a task cannot have both hours and client_days"),
            N_(
                "keep hours for agency work or client_days for the client's turnaround; "
                "split it into two tasks if it is both"
            ),
        )
    elif task.hours is not None and round(least(task.hours) * 60) < 1:
        yield Problem(
            (*path, "hours"),
            N_("{hours:g} hours is less than a minute of work", hours=least(task.hours)),
            N_("give the agency effort in hours, e.g. hours: 0.5 for half an hour"),
        )
    elif task.client_days is not None:
        for field in ("role", "person"):
            if getattr(task, field) is not None:
                yield Problem(
                    (*path, field),
                    N_(
                        "a client step (client_days) uses no agency people, so it has no {field}",
                        field=field,
                    ),
                    N_(
                        "remove {field}, or give hours instead of client_days for agency work",
                        field=field,
                    ),
                )
        if task.max_people != 1:
            yield Problem(
                (*path, "max_people"),
                N_("a client step (client_days) uses no agency people"),
                N_("remove max_people"),
            )


def _check_doer(
    path: Path, task: TaskIn, team: tuple[list[str], list[str]] | None
) -> Iterator[Problem]:
    if task.hours is None or task.client_days is not None:
        return
    if task.role is not None and task.person is not None:
        yield Problem(
            (*path, "person"),
            N_("a task has either a role or a person, not both"),
            N_("keep role to let anyone with it do the work, or person to name who does it"),
        )
    elif task.role is None and task.person is None:
        yield Problem(
            path,
            N_("task {task!r} has hours but no role or person to do it", task=task.id),
            N_("add role (e.g. role: designer) or person (e.g. person: Aino)"),
        )
    names, roles = team if team is not None else ([task.person or ""], [task.role or ""])
    if task.role is not None and task.role not in roles:
        hint = _choices(task.role, roles, N_("roles in the team"), N_("no one has any role yet"))
        yield Problem(
            (*path, "role"),
            N_("no one in the team has the role {role!r}", role=task.role),
            N_("{choices}; or add the role to a person's roles", choices=hint),
        )
    if task.person is not None:
        if task.person not in names:
            yield _unknown_person((*path, "person"), task.person, names)
        if task.max_people > 1:
            yield Problem(
                (*path, "max_people"),
                N_("max_people only applies to tasks given to a role"),
                N_("remove max_people, or use role instead of person"),
            )


def _check_schedule(path: Path, task: TaskIn) -> Iterator[Problem]:
    if task.repeat is not None and task.due is not None:
        yield Problem(
            (*path, "due"),
            N_("a recurring task cannot have a single due date"),
            N_(
                "use due_within (e.g. due_within: 2) to promise each instance within that many "
                "working days of its release"
            ),
        )
    if task.repeat is None and task.due_within is not None:
        yield Problem(
            (*path, "due_within"),
            N_("due_within only applies to recurring tasks (with repeat)"),
            N_("add repeat (e.g. repeat: {every: week, count: 8}) or use due: YYYY-MM-DD"),
        )


# ----------------------------------------------------------------------------- cycles


def _check_cycles(parts: Parts) -> Iterator[Problem]:
    first: dict[str, tuple[int, TaskIn]] = {}
    for index, task in parts.tasks:
        first.setdefault(task.id, (index, task))
    order = {task_id: position for position, task_id in enumerate(first)}
    succ: dict[str, list[str]] = {task_id: [] for task_id in first}
    for _, task in first.values():
        for dependency in task.after:
            if dependency.task in succ and task.id not in succ[dependency.task]:
                succ[dependency.task].append(task.id)
    for component in components(list(first), succ):
        start = min(component, key=order.__getitem__)
        if len(component) == 1 and start not in succ[start]:
            continue
        cycle = cycle_through(start, succ, set(component))
        index, task = first[start]
        link = next(n for n, dep in enumerate(task.after) if dep.task == cycle[-2])
        yield Problem(
            (*TASKS, index, "after", link),
            N_("dependency cycle: {cycle}", cycle=" → ".join(cycle)),
            N_("remove one of these 'after' links so the tasks can be put in order"),
        )
