"""The table form of a scenario: one pandas DataFrame per sheet of the workbook.

Sheets (and DataFrames) are ``settings`` (two columns: ``setting``, ``value``), ``team``,
``time_off``, ``commitments``, ``tasks`` and ``fixed_costs``. List fields are comma-separated
text (``roles: "copywriter, strategist"``, ``workdays: "Mon, Tue"`` or ``"Mon-Thu"``,
``after: "concept, review+2"`` where ``+2`` is a lag of two working days); a task's repeat is
spread over ``repeat_every``/``repeat_count``/``repeat_interval``. Empty cells mean "not
given". Reading turns the tables into the YAML-shaped document and validates that, so both
formats share every rule; errors name the sheet, the row as Excel shows it (header = row 1)
and the column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from planner.io.columns import LIST_PATHS, REQUIRED_SHEETS, SETTINGS, SHEETS
from planner.io.document import build_scenario, scenario_to_dict
from planner.io.errors import N_, Issue, Message, Path, ScenarioError, did_you_mean, dotted, join
from planner.io.estimates import join_range_columns, range_column, split_range_columns
from planner.io.levers import SHEET_LISTS, sheet_item, sheet_rows
from planner.model import Scenario

# ----------------------------------------------------------------------------- reading


def _clean(value: Any, kind: str) -> Any:
    """A cell as a plain Python value, or ``None`` when empty (NaN, NA, NaT, blank text)."""
    if isinstance(value, list | tuple | np.ndarray):
        items = [_clean(item, "text") for item in value]
        return [item for item in items if item is not None] or None
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if value is None or pd.isna(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        return value.strip() or None
    if kind in ("text", "list") and isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    return value


@dataclass
class _Reader:
    """Builds the document from the tables, remembering which row each entry came from."""

    source: str
    document: dict[str, Any]
    origins: dict[Path, tuple[str, int, str | None]]
    issues: list[Issue]

    def issue(
        self, sheet: str, row: int | None, column: str | None, message: str, hint: str
    ) -> None:
        self.issues.append(Issue(self.source, sheet_location(sheet, row, column), message, hint))

    def rows(self, sheet: str, frame: pd.DataFrame) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(excel_row, {column: value})`` for every non-empty row with known columns."""
        columns = {column.name: column for column in SHEETS[sheet]}
        headers = [str(header).strip().lower() for header in frame.columns]
        usable: list[str | None] = []
        for index, header in enumerate(headers):
            if header in columns and header not in usable:
                usable.append(header)
                continue
            usable.append(None)
            if all(_clean(value, "text") is None for value in frame.iloc[:, index]):
                continue  # a stray empty column (e.g. "Unnamed: 5") does no harm
            if header in columns:
                message = N_("the column {column!r} appears twice", column=header)
                self.issue(sheet, 1, header, message, N_("keep one"))
            else:
                guess = did_you_mean(header, columns)
                self.issue(
                    sheet,
                    1,
                    header,
                    N_("unknown column {column!r}", column=header),
                    join(
                        [
                            guess,
                            N_("columns of this sheet: {columns}", columns=", ".join(columns)),
                        ]
                    ),
                )
        for position, values in enumerate(frame.itertuples(index=False, name=None)):
            cells = {
                name: cleaned
                for name, value in zip(usable, values, strict=True)
                if name is not None and (cleaned := _clean(value, columns[name].kind)) is not None
            }
            if cells:
                yield position + 2, cells

    def settings(self, frame: pd.DataFrame) -> None:
        seen: set[str] = set()
        for row, cells in self.rows("settings", frame):
            key = str(cells.get("setting", "")).strip().lower()
            if key not in SETTINGS:
                guess = did_you_mean(key, SETTINGS)
                self.issue(
                    "settings",
                    row,
                    "setting",
                    N_("unknown setting {key!r}", key=key) if key else N_("no setting name"),
                    join([guess, N_("settings: {names}", names=", ".join(SETTINGS))]),
                )
                continue
            if key in seen:
                self.issue(
                    "settings",
                    row,
                    "setting",
                    N_("the setting {key!r} appears twice", key=key),
                    N_("keep one"),
                )
                continue
            seen.add(key)
            path, kind, _ = SETTINGS[key]
            value = _clean(cells.get("value"), kind)
            if value is not None:
                target = self.document
                for part in path[:-1]:
                    target = target.setdefault(str(part), {})
                target[str(path[-1])] = value
                self.origins[path] = ("settings", row, "value")

    def entries(self, sheet: str, frame: pd.DataFrame, path: Path) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for row, cells in self.rows(sheet, frame):
            self.origins[(*path, len(items))] = (sheet, row, None)
            repeat = {key[7:]: cells.pop(key) for key in list(cells) if key.startswith("repeat_")}
            cells = join_range_columns(cells)
            items.append({**cells, "repeat": repeat} if repeat else cells)
        return items

    def time_off(self, frame: pd.DataFrame) -> None:
        team = self.document.get("team", [])
        names = [str(person.get("name")) for person in team]
        for row, cells in self.rows("time_off", frame):
            name = cells.pop("person", None)
            if name not in names:
                hint = join(
                    [
                        did_you_mean(str(name), names),
                        N_("team members: {names}", names=", ".join(names)),
                    ]
                )
                message = (
                    N_("no team member is called {name!r}", name=name)
                    if name
                    else N_("no person given")
                )
                self.issue("time_off", row, "person", message, hint)
                continue
            index = names.index(name)
            entries = team[index].setdefault("time_off", [])
            self.origins[("team", index, "time_off", len(entries))] = ("time_off", row, None)
            entries.append(cells)

    def locate(self, path: Path) -> tuple[str, int | None]:
        for size in range(len(path), 0, -1):
            origin = self.origins.get(path[:size])
            if origin is not None:
                sheet, row, column = origin
                rest = path[size:]
                if column is None and rest:
                    column = range_column(rest) or (
                        f"repeat_{rest[1] if len(rest) > 1 else 'every'}"
                        if rest[0] == "repeat"
                        else str(rest[0])
                    )
                return sheet_location(sheet, row, column), None
        for prefix, sheet in LIST_PATHS.items():
            if path[: len(prefix)] == prefix:
                return sheet_location(sheet), None
        setting = next((key for key, spec in SETTINGS.items() if spec[0] == path), None)
        if setting:
            return N_("sheet settings, setting {setting}", setting=setting), None
        return N_("sheet settings, {path}", path=dotted(path)), None


def scenario_from_tables(tables: Mapping[str, pd.DataFrame], source: str = "<tables>") -> Scenario:
    """Build a scenario from its table form (workbook sheets or app data editors).

    Parameters
    ----------
    tables:
        DataFrames by sheet name (``settings``, ``team``, ``tasks`` required; ``time_off``,
        ``commitments``, ``fixed_costs`` optional; other names are ignored). Names and
        headers are matched ignoring case; empty rows are skipped.
    source:
        Name used for the file in error messages.

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    ScenarioError
        Listing every problem as ``sheet tasks, row 5, column hours`` with a fix.
    """
    frames = {str(name).strip().lower(): frame for name, frame in tables.items()}
    reader = _Reader(source, {}, {}, [])
    missing = [sheet for sheet in REQUIRED_SHEETS if sheet not in frames]
    for sheet in missing:
        guess = did_you_mean(sheet, [str(name) for name in tables])
        columns = ", ".join(column.name for column in SHEETS[sheet])
        reader.issue(
            sheet,
            None,
            None,
            N_("the sheet is missing"),
            join(
                [
                    guess,
                    N_(
                        "add a sheet {sheet!r} with the columns {columns}",
                        sheet=sheet,
                        columns=columns,
                    ),
                ]
            ),
        )
    if "settings" in frames:
        reader.settings(frames["settings"])
    document = reader.document
    brief = document.setdefault("brief", {})
    for sheet, path in (("team", ("team",)), ("commitments", ("commitments",))):
        if sheet in frames:
            document[sheet] = reader.entries(sheet, frames[sheet], path)
    for sheet in ("tasks", "fixed_costs"):
        if sheet in frames:
            brief[sheet] = reader.entries(sheet, frames[sheet], ("brief", sheet))
    if "time_off" in frames and "team" in frames:
        reader.time_off(frames["time_off"])
    if "levers" in frames:
        _read_levers(reader, frames["levers"])
    try:
        return build_scenario(document, source, reader.locate, reader.issues)
    except ScenarioError as error:  # a missing sheet explains every gap inside it
        kept = [
            issue
            for issue in error.issues
            if issue in reader.issues or not issue.location.startswith(_sheet_prefixes(missing))
        ]
        raise ScenarioError(kept, file=source) from None


def sheet_location(sheet: str, row: int | None = None, column: str | None = None) -> Message:
    """Where in a workbook: ``sheet tasks, row 5, column hours`` (worded when shown)."""
    if row and column:
        return N_("sheet {sheet}, row {row}, column {column}", sheet=sheet, row=row, column=column)
    if row:
        return N_("sheet {sheet}, row {row}", sheet=sheet, row=row)
    if column:
        return N_("sheet {sheet}, column {column}", sheet=sheet, column=column)
    return N_("sheet {sheet}", sheet=sheet)


def _read_levers(reader: _Reader, frame: pd.DataFrame) -> None:
    """Rows of the ``levers`` sheet into the document's ``levers`` lists."""
    for row, cells in reader.rows("levers", frame):
        key, entry = sheet_item(cells)
        if key is None:
            kinds = ", ".join(SHEET_LISTS)
            message = N_("unknown lever {lever!r}", lever=cells.get("lever"))
            reader.issue("levers", row, "lever", message, N_("levers: {kinds}", kinds=kinds))
            continue
        items = reader.document.setdefault("levers", {}).setdefault(key, [])
        reader.origins[("levers", key, len(items))] = ("levers", row, None)
        items.append(entry)


def _sheet_prefixes(sheets: list[str]) -> tuple[str, ...]:
    return tuple(f"sheet {sheet}" for sheet in sheets)


# ----------------------------------------------------------------------------- writing

_DTYPES = {"text": "str", "list": "str", "number": "float64", "int": "Int64", "bool": "bool"}


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(_cell(item) for item in value)
    if isinstance(value, dict) and "task" in value:
        return f"{value['task']}+{value['lag']}"
    return value


def _frame(sheet: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = SHEETS[sheet]
    data: dict[str, pd.Series] = {}
    for column in columns:
        values = [_cell(row.get(column.name)) for row in rows]
        if column.kind == "bool":
            values = [bool(value) for value in values]
        dtype = _DTYPES.get(column.kind, "object")
        data[column.name] = pd.Series(values, dtype=dtype) if values else pd.Series([], dtype=dtype)
    return pd.DataFrame(data, columns=[column.name for column in columns])


def scenario_to_tables(scenario: Scenario) -> dict[str, pd.DataFrame]:
    """The scenario as one DataFrame per sheet (the workbook / data-editor form).

    Parameters
    ----------
    scenario:
        The scenario to convert.

    Returns
    -------
    dict of str to DataFrame
        ``settings``, ``team``, ``time_off``, ``commitments``, ``tasks``, ``fixed_costs``, with
        the columns of :data:`SHEETS`; reading them back gives an equal scenario.
    """
    doc = scenario_to_dict(scenario)
    brief = doc["brief"]
    settings = []
    for key, (path, _, _) in SETTINGS.items():
        value: Any = doc
        for part in path:
            value = value.get(str(part)) if isinstance(value, dict) else None
        settings.append({"setting": key, "value": _cell(value)})
    time_off = [
        {"person": person["name"], **off}
        for person in doc["team"]
        for off in person.get("time_off", [])
    ]
    tasks = [
        {
            **split_range_columns(task),
            **{f"repeat_{key}": value for key, value in task.get("repeat", {}).items()},
        }
        for task in brief["tasks"]
    ]
    frames = {
        "settings": _frame("settings", settings),
        "team": _frame("team", doc["team"]),
        "time_off": _frame("time_off", time_off),
        "commitments": _frame("commitments", doc.get("commitments", [])),
        "tasks": _frame("tasks", tasks),
        "fixed_costs": _frame("fixed_costs", brief.get("fixed_costs", [])),
        "levers": _frame("levers", sheet_rows(doc.get("levers"))),
    }
    return frames
