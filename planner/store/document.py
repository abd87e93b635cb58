"""The whole store as one YAML document: backup, restore, moving between SQLite and PostgreSQL.

Layout (``format: sla-planner-store/1``)::

    agency: {currency: EUR, country: FI, subdivision: null, workdays: [Mon, ..., Fri]}
    team: [...]          # exactly the scenario format's team entries (docs/scenario-format.md)
    projects:
      - name: ..., client: ..., status: tentative, probability: 0.6
        scenario: |      # the brief as it was accepted, in the scenario format
        tasks: [{task, name, role, minutes, start, finish, due}, ...]
        bookings: [{task, person, day, minutes}, ...]
    versions:
      - {brief: ..., label: ..., scenario: |..., result: {...}}

Revision and version counters are concurrency tokens, not data, and are not written;
everything else survives export → import → export unchanged (tested). Reading reports every
problem with its place in the document, like scenario files do.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import delete, func, select, update

from planner.io import ScenarioError, scenario_from_dict, scenario_to_dict
from planner.io.document import day_names
from planner.io.errors import Issue, dotted
from planner.io.yaml_io import read_yaml
from planner.model import WEEKDAY_NAMES, Brief, Scenario
from planner.store.engine import StoreError
from planner.store.records import Portfolio, StoredBooking, StoredTask, fill_person_row
from planner.store.repository import Store, add_bookings, add_tasks
from planner.store.schema import (
    Agency,
    BookingRow,
    PersonRow,
    ProjectRow,
    TaskRow,
    TimeOffRow,
    VersionRow,
)

FORMAT = "sla-planner-store/1"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TaskIn(_Doc):
    task: str
    name: str
    role: str | None = None
    minutes: int = Field(ge=0)
    start: date | None = None
    finish: date | None = None
    due: date | None = None


class BookingIn(_Doc):
    task: str
    person: str
    day: date
    minutes: int = Field(gt=0)


class ProjectIn(_Doc):
    name: str = Field(min_length=1)
    client: str
    status: str = Field(pattern="^(tentative|accepted|done)$")
    probability: float | None = Field(default=None, ge=0, le=1)
    scenario: str
    tasks: list[TaskIn] = []
    bookings: list[BookingIn] = []


class VersionIn(_Doc):
    brief: str
    label: str = Field(min_length=1)
    scenario: str
    result: dict[str, Any]


class AgencyIn(_Doc):
    currency: str | None = None
    country: str | None = None
    subdivision: str | None = None
    workdays: list[str] = list(WEEKDAY_NAMES[:5])


class StoreDoc(_Doc):
    format: str = Field(pattern=f"^{FORMAT}$")
    agency: AgencyIn = AgencyIn()
    team: list[dict[str, Any]] = []
    projects: list[ProjectIn] = []
    versions: list[VersionIn] = []


# ----------------------------------------------------------------------------- export


def export_document(store: Store) -> dict[str, Any]:
    """The whole store as a YAML-ready dict (see the module docstring)."""
    portfolio = store.snapshot()
    versions = [
        {"brief": v.brief, "label": v.label, "scenario": v.scenario_yaml, "result": v.result}
        for brief in store.briefs()
        for v in store.versions(brief)
    ]
    return {
        "format": FORMAT,
        "agency": {
            "currency": portfolio.currency,
            "country": portfolio.calendar.country,
            "subdivision": portfolio.calendar.subdivision,
            "workdays": day_names(portfolio.calendar.workdays),
        },
        "team": _team_dicts(portfolio),
        "projects": [_project_dict(p) for p in portfolio.projects],
        "versions": versions,
    }


def _team_dicts(portfolio: Portfolio) -> list[dict[str, Any]]:
    holder = Scenario("team", date.min, Brief("", ()), portfolio.people)
    return list(scenario_to_dict(holder).get("team", []))


def _project_dict(project: Any) -> dict[str, Any]:
    return {
        "name": project.name,
        "client": project.client,
        "status": project.status,
        "probability": project.probability,
        "scenario": project.scenario_yaml,
        "tasks": [dict(vars(t)) for t in project.tasks],
        "bookings": [
            {"task": b.task, "person": b.person, "day": b.day, "minutes": b.minutes}
            for b in project.bookings
        ],
    }


# libyaml's C builds of the *safe* loader and dumper when PyYAML has them: a store of a few
# thousand bookings is a megabyte of YAML, which the pure-Python classes take ~10 s to read.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def safe_parse(text: str) -> Any:
    """``yaml.safe_load`` through the C safe loader when available (same types, same rules)."""
    loader = _SafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """Safe dumper that writes multi-line text (the stored scenarios) as literal blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class _Flow(dict[str, Any]):
    pass


class _FlowList(list[Any]):
    pass


_Dumper.add_representer(str, _text)
_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)
_Dumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
_FLOW_RECORDS = frozenset({"bookings", "tasks", "time_off", "promises"})


def _styled(value: Any, key: str | None = None) -> Any:
    """Short lists on one line; bookings, tasks and time off one record per line."""
    if isinstance(value, dict):
        return {k: _styled(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if all(not isinstance(item, dict | list) for item in value):
            return _FlowList(value)
        if key in _FLOW_RECORDS:
            return [_Flow(item) if isinstance(item, dict) else item for item in value]
        return [_styled(item) for item in value]
    return value


def export_yaml(store: Store) -> str:
    """The whole store as YAML text."""
    body = yaml.dump(
        _styled(export_document(store)),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=120,
    )
    return "# sla-planner portfolio store (planner db export)\n" + body


# ----------------------------------------------------------------------------- import


def parse_document(text: str, source: str) -> StoreDoc:
    """Read and check a store document; every problem is reported at once.

    Raises
    ------
    ScenarioError
        With one issue per problem, located like ``projects[1].bookings[4].minutes``.
    """
    try:
        data = safe_parse(text)
    except yaml.YAMLError as error:
        issue = Issue(source, "", f"not valid YAML: {error}", "fix the syntax")
        raise ScenarioError([issue]) from None
    try:
        doc = StoreDoc.model_validate(data)
    except ValidationError as error:
        raise ScenarioError(
            Issue(source, dotted(tuple(e["loc"])), e["msg"].lower(), "see README, Portfolio")
            for e in error.errors()
        ) from None
    issues = _cross_issues(doc, source)
    if issues:
        raise ScenarioError(issues)
    return doc


def _cross_issues(doc: StoreDoc, source: str) -> list[Issue]:
    issues: list[Issue] = []
    try:
        _team(doc, source)
    except ScenarioError as error:
        issues.extend(error.issues)
    names = {str(entry.get("name")) for entry in doc.team if isinstance(entry, dict)}
    for i, project in enumerate(doc.projects):
        if project.status == "tentative" and project.probability is None:
            issues.append(
                Issue(
                    source,
                    f"projects[{i}].probability",
                    "a tentative project needs one",
                    "give the win probability, e.g. probability: 0.6",
                )
            )
        try:
            read_yaml(project.scenario.encode("utf-8"), f"{source}: projects[{i}].scenario")
        except ScenarioError as error:
            issues.extend(error.issues)
        for j, booking in enumerate(project.bookings):
            if booking.person not in names:
                issues.append(
                    Issue(
                        source,
                        f"projects[{i}].bookings[{j}].person",
                        f"{booking.person!r} is not in the team",
                        "add them under team:",
                    )
                )
    return issues


def _team(doc: StoreDoc, source: str) -> Scenario:
    holder = {
        "scenario": "team",
        "start": date(2000, 1, 3),
        "brief": {"client": "-", "tasks": [{"id": "t", "client_days": 1}]},
        "team": doc.team,
    }
    if not doc.team:
        holder.pop("team")
        return Scenario("team", date.min, Brief("", ()), ())
    return scenario_from_dict(holder, source)


def import_yaml(store: Store, text: str, source: str, replace: bool = False) -> int:
    """Load a store document into ``store`` in one transaction.

    Parameters
    ----------
    replace
        Empty the store first; without it a store that holds anything is left alone.

    Returns
    -------
    int
        The number of bookings imported.

    Raises
    ------
    ScenarioError
        When the document has mistakes (nothing is written).
    StoreError
        When the store is not empty and ``replace`` is false.
    """
    doc = parse_document(text, source)
    people = _team(doc, source).team
    with store.transaction() as session:
        if session.scalar(select(func.count()).select_from(PersonRow)) and not replace:
            raise StoreError(
                f"{store.location} already holds a portfolio. Fix: import into a new "
                "database, or pass --replace to overwrite it"
            )
        for table in (VersionRow, BookingRow, TaskRow, ProjectRow, TimeOffRow, PersonRow):
            session.execute(delete(table))
        session.execute(
            update(Agency)
            .where(Agency.id == 1)
            .values(
                currency=doc.agency.currency,
                country=doc.agency.country,
                subdivision=doc.agency.subdivision,
                workdays=",".join(str(WEEKDAY_NAMES.index(d)) for d in doc.agency.workdays),
            )
        )
        ids = {}
        for person in people:
            row = PersonRow(version=1)
            fill_person_row(row, person)
            session.add(row)
            session.flush()
            ids[person.name] = row.id
        for project in doc.projects:
            _import_project(session, project, ids)
        session.add_all(
            VersionRow(brief=v.brief, label=v.label, scenario_yaml=v.scenario, result=v.result)
            for v in doc.versions
        )
    return sum(len(p.bookings) for p in doc.projects)


def _import_project(session: Any, project: ProjectIn, ids: dict[str, int]) -> None:
    row = ProjectRow(
        name=project.name,
        client=project.client,
        status=project.status,
        probability=project.probability,
        scenario_yaml=project.scenario,
        version=1,
    )
    session.add(row)
    session.flush()
    add_tasks(session, row.id, [StoredTask(**t.model_dump()) for t in project.tasks])
    add_bookings(
        session,
        row.id,
        ids,
        [StoredBooking(project.name, **b.model_dump()) for b in project.bookings],
    )
