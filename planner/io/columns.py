"""The sheets of the table form and their columns (names, kinds and help texts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from planner.io.errors import N_, Path
from planner.io.levers import SHEET_LISTS, SWITCHES
from planner.io.schema import (
    BriefIn,
    CalendarIn,
    CommitmentIn,
    FixedCostIn,
    LeversIn,
    PersonIn,
    RepeatIn,
    ScenarioIn,
    TaskIn,
    TimeOffIn,
)


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its ``kind`` (text, number, int, date, bool, list) and help text."""

    name: str
    kind: str
    help: str


def _columns(
    model: type[BaseModel], *specs: str, rename: Mapping[str, str] | None = None
) -> tuple[Column, ...]:
    """Columns named after ``model`` fields (``"hours:number"``), with the field's description."""
    rename = rename or {}
    fields = {info.alias or name: info for name, info in model.model_fields.items()}
    columns = []
    for spec in specs:
        name, kind = spec.split(":")
        source = rename.get(name, name)
        columns.append(Column(name, kind, str(fields[source].description or "")))
    return tuple(columns)


SETTINGS: dict[str, tuple[Path, str, type[BaseModel]]] = {
    "scenario": (("scenario",), "text", ScenarioIn),
    "start": (("start",), "date", ScenarioIn),
    "currency": (("currency",), "text", ScenarioIn),
    "country": (("calendar", "country"), "text", CalendarIn),
    "subdivision": (("calendar", "subdivision"), "text", CalendarIn),
    "workdays": (("calendar", "workdays"), "list", CalendarIn),
    "client": (("brief", "client"), "text", BriefIn),
    "budget": (("brief", "budget"), "number", BriefIn),
    **{name: (("levers", name), kind, LeversIn) for name, kind in SWITCHES},
}
SETTING_HELP: dict[str, str] = {
    key: str(model.model_fields[path[-1]].description) for key, (path, _, model) in SETTINGS.items()
}
"""What each row of the ``settings`` sheet means, by setting name."""

SHEETS: dict[str, tuple[Column, ...]] = {
    "settings": (
        Column(
            "setting", "text", N_("the name of the setting: {names}", names=", ".join(SETTINGS))
        ),
        Column("value", "any", N_("its value")),
    ),
    "team": _columns(
        PersonIn,
        "name:text",
        "roles:list",
        "hours_per_week:number",
        "workdays:list",
        "bill_rate:number",
        "cost_rate:number",
        "country:text",
        "subdivision:text",
    ),
    "time_off": (
        Column("person", "text", N_("name the team member who is away")),
        *_columns(TimeOffIn, "from:date", "to:date"),
    ),
    "commitments": _columns(
        CommitmentIn, "person:text", "from:date", "to:date", "hours_per_week:number", "label:text"
    ),
    "tasks": (
        *_columns(
            TaskIn,
            "id:text",
            "name:text",
            "role:text",
            "person:text",
            "hours:number",
            "client_days:int",
            "after:list",
            "due:date",
            "due_within:int",
            "priority:int",
            "max_people:int",
        ),
        *_columns(
            RepeatIn,
            "repeat_every:text",
            "repeat_count:int",
            "repeat_interval:int",
            rename={
                "repeat_every": "every",
                "repeat_count": "count",
                "repeat_interval": "interval",
            },
        ),
        *_columns(TaskIn, "from:date", "optional:bool", "value:number", "deliverable:text"),
        Column("hours_low", "number", N_("give the least effort it could take, in hours")),
        Column("hours_high", "number", N_("give the most effort it could take, in hours")),
        Column("client_days_low", "int", N_("give the quickest turnaround in working days")),
        Column("client_days_high", "int", N_("give the slowest turnaround in working days")),
    ),
    "fixed_costs": _columns(FixedCostIn, "name:text", "amount:number"),
    "levers": (
        Column("lever", "text", N_("the kind of lever: {names}", names=", ".join(SHEET_LISTS))),
        Column(
            "target", "text", N_("the promised task, person, role or client step it applies to")
        ),
        Column("amount", "number", N_("most extra hours a week, or most client days saved")),
        Column("price", "number", N_("price per day late, per hour or per day saved")),
        Column("from", "date", N_("the first day a freelancer is available")),
    ),
}
"""Every sheet with its columns, in the order they are written."""

REQUIRED_SHEETS: tuple[str, ...] = ("settings", "team", "tasks")
LIST_PATHS: dict[Path, str] = {
    ("team",): "team",
    ("commitments",): "commitments",
    ("brief", "tasks"): "tasks",
    ("brief", "fixed_costs"): "fixed_costs",
    ("levers",): "levers",
}
