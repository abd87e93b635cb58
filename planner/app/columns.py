"""How the app types each editable column: numbers, dates, flags and select boxes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from planner.app.editing import present
from planner.io import SHEETS
from planner.model import REPEAT_UNITS

ColumnKind = Literal["text", "number", "integer", "date", "select", "check"]


@dataclass(frozen=True)
class ColumnSpec:
    """How the app types one editable column (the app turns it into ``st.column_config``)."""

    kind: ColumnKind
    help: str = ""
    min_value: float | None = None
    step: float | None = None
    options: tuple[str, ...] = ()


_KINDS: dict[str, ColumnKind] = {
    "text": "text",
    "list": "text",
    "number": "number",
    "int": "integer",
    "date": "date",
    "bool": "check",
}
_AT_LEAST_ONE = {"priority", "max_people", "repeat_count", "repeat_interval"}
_SIGNED = {("commitments", "hours_per_week")}  # negative: extra hours (overtime)


def column_specs(table: str, frame: pd.DataFrame, team: pd.DataFrame) -> dict[str, ColumnSpec]:
    """Typed column settings for one editable table, from the sheet definitions of planner.io.

    Numbers get a minimum (0, or 1 for counts such as ``priority``; none for commitment hours,
    where a negative number is overtime), dates a date picker,
    flags a checkbox; a task's ``role`` and every ``person`` column become select boxes over
    the team's roles and names, ``repeat_every`` one over day/week/month. Help texts are the
    fixes the error messages give.

    Parameters
    ----------
    table
        Sheet name (``tasks``, ``team``, ``time_off``, ``commitments``, ``fixed_costs``,
        ``settings``).
    frame
        The table as shown; its current values join the select options, so a value chosen
        earlier is never hidden.
    team
        The current team table.

    Returns
    -------
    dict
        A ``ColumnSpec`` per column of the sheet that appears in ``frame``.
    """
    specs: dict[str, ColumnSpec] = {}
    for column in SHEETS.get(table, ()):
        if column.name not in frame.columns:
            continue
        kind = _KINDS.get(column.kind, "text")
        spec = ColumnSpec(kind, column.help)
        if kind in ("number", "integer"):
            low: float | None = 1 if column.name in _AT_LEAST_ONE else 0
            if (table, column.name) in _SIGNED:
                low = None
            step = 1 if kind == "integer" else 0.5
            spec = ColumnSpec(kind, column.help, min_value=low, step=step)
        elif column.name == "role" and table == "tasks":
            options = role_choices(team, frame[column.name].tolist())
            spec = ColumnSpec("select", column.help, options=tuple(options))
        elif column.name == "person" and table != "team":
            options = person_choices(team, frame[column.name].tolist())
            spec = ColumnSpec("select", column.help, options=tuple(options))
        elif column.name == "repeat_every":
            spec = ColumnSpec("select", column.help, options=REPEAT_UNITS)
        specs[column.name] = spec
    return specs


def role_choices(team: pd.DataFrame, extra: Iterable[object] = ()) -> list[str]:
    """Every role in the team table (comma-separated cells), plus the ``extra`` values.

    ``extra`` takes the values already used in a column, so a select box never hides a value
    the user chose earlier, even one that no longer matches a team role.
    """
    cells = [*(team["roles"].tolist() if "roles" in team.columns else []), *extra]
    return sorted({role for cell in cells for role in _split_list(cell)})


def person_choices(team: pd.DataFrame, extra: Iterable[object] = ()) -> list[str]:
    """Every team member's name, plus the names already used elsewhere (``extra``)."""
    cells = [*(team["name"].tolist() if "name" in team.columns else []), *extra]
    return sorted({str(cell).strip() for cell in cells if present(cell)})


def _split_list(cell: object) -> list[str]:
    if isinstance(cell, list | tuple):
        return [str(item).strip() for item in cell if present(item)]
    if not present(cell):
        return []
    return [part.strip() for part in str(cell).split(",") if part.strip()]
