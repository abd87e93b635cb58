"""Between a plain scenario document (nested dicts, as in YAML) and the domain model.

Reading validates the structure with :mod:`planner.io.schema`, runs the semantic checks of
:mod:`planner.io.checks` and only then builds the frozen :class:`~planner.model.Scenario`;
every problem found on the way ends up in one :class:`~planner.io.errors.ScenarioError`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from planner.io.checks import check_document
from planner.io.errors import N_, Issue, Locator, Path, Problem, ScenarioError, dotted
from planner.io.estimates import estimate_value, likely, three_point
from planner.io.explain import explain_all, show
from planner.io.levers import levers_dict, levers_model
from planner.io.schema import ScenarioIn
from planner.io.values import canonical_subdivision
from planner.model import (
    WEEKDAY_NAMES,
    Brief,
    CalendarSettings,
    Commitment,
    DateRange,
    Dependency,
    FixedCost,
    Person,
    Repeat,
    Scenario,
    Task,
)

MAX_PROBLEMS = 200
"""At most this many problems are reported (and looked for) at once."""


def yaml_locator(lines: Mapping[Path, int] | None = None) -> Locator:
    """A locator writing paths as in YAML (``brief.tasks[3].hours``) with known line numbers."""

    def locate(path: Path) -> tuple[str, int | None]:
        for size in range(len(path), -1, -1):
            if lines and path[:size] in lines:
                return dotted(path), lines[path[:size]]
        return dotted(path), None

    return locate


def validate_document(data: Any) -> tuple[ScenarioIn | None, list[Problem]]:
    """Validate a raw document; the model is ``None`` unless there are no problems at all."""
    if not isinstance(data, dict):
        return None, [
            Problem(
                (),
                N_(
                    "the top level must be a mapping with scenario, start, team and brief "
                    "(got {value})",
                    value=show(data),
                ),
                N_(
                    "start from a template (planner template scenario.yaml) and fill in your values"
                ),
            )
        ]
    try:
        doc: ScenarioIn | None = ScenarioIn.model_validate(data)
        problems: list[Problem] = []
    except ValidationError as exc:
        doc, problems = None, explain_all(exc, ScenarioIn, limit=MAX_PROBLEMS + 1)
    budget = max(0, MAX_PROBLEMS + 1 - len(problems))
    problems += itertools.islice(check_document(data, doc), budget)
    if len(problems) > MAX_PROBLEMS:
        more = Problem(
            (),
            N_("… and more problems ({count} shown)", count=MAX_PROBLEMS),
            N_("fix these first"),
        )
        problems = [*problems[:MAX_PROBLEMS], more]
    return (doc if not problems else None), problems


def build_scenario(
    data: Any, source: str, locator: Locator, issues: Iterable[Issue] = ()
) -> Scenario:
    """Validate ``data`` and build the scenario, or raise with ``issues`` plus all problems.

    Parameters
    ----------
    data:
        The raw document (nested dicts and lists, as loaded from YAML or built from tables).
    source:
        The file name used in error messages.
    locator:
        Turns document paths into user-facing locations.
    issues:
        Problems the caller already found (e.g. unknown workbook columns); they come first.

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    ScenarioError
        With every problem found, when there is at least one.
    """
    doc, problems = validate_document(data)
    located = sorted(
        (problem.locate(source, locator) for problem in problems),
        key=lambda issue: math.inf if issue.line is None else issue.line,
    )
    found = [*issues, *located]
    if found:
        raise ScenarioError(found, file=source)
    assert doc is not None
    return to_model(doc)


def scenario_from_dict(data: dict[str, Any], source: str = "<scenario>") -> Scenario:
    """Build a scenario from a YAML-shaped dict, collecting every problem.

    Parameters
    ----------
    data:
        The document, shaped like the YAML format (see ``docs/scenario-format.md``).
    source:
        Name used for the file in error messages.

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    ScenarioError
        Listing every problem with its location (``team[2].hours_per_week``) and a fix.
    """
    return build_scenario(data, source, yaml_locator())


def _region(country: str | None, subdivision: str | None) -> str | None:
    if subdivision is None or country is None:
        return subdivision
    return canonical_subdivision(country, subdivision) or subdivision


def to_model(doc: ScenarioIn) -> Scenario:
    """The domain scenario for a validated document."""
    calendar = CalendarSettings(
        country=doc.calendar.country,
        subdivision=_region(doc.calendar.country, doc.calendar.subdivision),
        workdays=doc.calendar.workdays,
    )
    team = tuple(
        Person(
            name=p.name,
            roles=p.roles,
            hours_per_week=p.hours_per_week,
            bill_rate=p.bill_rate,
            cost_rate=p.cost_rate,
            workdays=p.workdays,
            country=p.country,
            subdivision=_region(p.country, p.subdivision),
            time_off=tuple(DateRange(off.from_, off.to) for off in p.time_off),
        )
        for p in doc.team
    )
    commitments = tuple(
        Commitment(c.person, DateRange(c.from_, c.to), c.hours_per_week, c.label)
        for c in doc.commitments
    )
    tasks = tuple(
        Task(
            id=t.id,
            name=t.name,
            role=t.role,
            person=t.person,
            hours=likely(t.hours) if t.hours is not None else 0.0,
            client_days=likely(t.client_days),
            after=tuple(Dependency(d.task, d.lag) for d in t.after),
            due=t.due,
            priority=t.priority,
            max_people=t.max_people,
            repeat=Repeat(t.repeat.every, t.repeat.count, t.repeat.interval) if t.repeat else None,
            due_within=t.due_within,
            release=t.from_,
            optional=t.optional,
            value=t.value,
            deliverable=t.deliverable,
            hours_range=three_point(t.hours),
            client_days_range=three_point(t.client_days),
        )
        for t in doc.brief.tasks
    )
    brief = Brief(
        client=doc.brief.client,
        tasks=tasks,
        budget=doc.brief.budget,
        fixed_costs=tuple(FixedCost(f.name, f.amount) for f in doc.brief.fixed_costs),
    )
    return Scenario(
        title=doc.scenario,
        start=doc.start,
        brief=brief,
        team=team,
        currency=doc.currency,
        calendar=calendar,
        commitments=commitments,
        levers=levers_model(doc.levers),
    )


# ----------------------------------------------------------------------------- writing


def number(value: float | None) -> float | int | None:
    """``24.0`` → ``24`` for readable files; other values unchanged."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def day_names(days: tuple[int, ...]) -> list[str]:
    """Weekday indexes as names: ``(0, 1)`` → ``["Mon", "Tue"]``."""
    return [WEEKDAY_NAMES[day] for day in days]


_ALWAYS = frozenset({"team", "tasks"})


def _compact(**fields: Any) -> dict[str, Any]:
    """The fields that carry information (``None`` and empty lists are left out)."""
    return {
        key: value
        for key, value in fields.items()
        if value is not None and (value != [] or key in _ALWAYS)
    }


def _person_dict(person: Person) -> dict[str, Any]:
    return _compact(
        name=person.name,
        roles=list(person.roles),
        hours_per_week=number(person.hours_per_week),
        workdays=day_names(person.workdays) if person.workdays is not None else None,
        country=person.country,
        subdivision=person.subdivision,
        bill_rate=number(person.bill_rate),
        cost_rate=number(person.cost_rate),
        time_off=[{"from": off.start, "to": off.end} for off in person.time_off],
    )


def _task_dict(task: Task) -> dict[str, Any]:
    repeat = None
    if task.repeat is not None:
        repeat = _compact(
            every=task.repeat.every,
            count=task.repeat.count,
            interval=task.repeat.interval if task.repeat.interval != 1 else None,
        )
    return _compact(
        id=task.id,
        name=task.name,
        role=task.role,
        person=task.person,
        hours=estimate_value(task.hours, task.hours_range and task.effort_estimate)
        if task.client_days is None
        else None,
        client_days=None
        if task.client_days is None
        else estimate_value(task.client_days, task.client_days_range and task.turnaround_estimate),
        after=[
            dep.task if dep.lag == 0 else {"task": dep.task, "lag": dep.lag} for dep in task.after
        ],
        due=task.due,
        repeat=repeat,
        due_within=task.due_within,
        priority=task.priority if task.priority != 1 else None,
        max_people=task.max_people if task.max_people != 1 else None,
        **{"from": task.release},
        optional=True if task.optional else None,
        value=number(task.value),
        deliverable=task.deliverable,
    )


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a YAML-ready dict in the documented shape, leaving out defaults.

    Parameters
    ----------
    scenario:
        The scenario to write.

    Returns
    -------
    dict
        Nested dicts/lists of plain values (dates stay :class:`datetime.date`); reading it back
        with :func:`scenario_from_dict` gives an equal scenario.
    """
    calendar = scenario.calendar
    brief = scenario.brief
    return _compact(
        scenario=scenario.title,
        start=scenario.start,
        currency=scenario.currency,
        calendar=_compact(
            country=calendar.country,
            subdivision=calendar.subdivision,
            workdays=day_names(calendar.workdays),
        ),
        team=[_person_dict(person) for person in scenario.team],
        commitments=[
            _compact(
                person=c.person,
                **{"from": c.period.start, "to": c.period.end},
                hours_per_week=number(c.hours_per_week),
                label=c.label,
            )
            for c in scenario.commitments
        ],
        brief=_compact(
            client=brief.client,
            budget=number(brief.budget),
            tasks=[_task_dict(task) for task in brief.tasks],
            fixed_costs=[{"name": f.name, "amount": number(f.amount)} for f in brief.fixed_costs],
        ),
        levers=levers_dict(scenario.levers),
    )
