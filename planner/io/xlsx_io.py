"""Reading and writing the Excel workbook form of a scenario (see :mod:`planner.io.tables`).

Reading checks that the bytes are a zip archive that does not expand beyond a sane size
before openpyxl sees them, reads only cached cell values (no formulas are evaluated) and caps
the number of rows per sheet. Writing adds bold headers with a note on every column, date
formats and a ``help`` sheet describing each column; readers ignore sheets they do not know.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from datetime import date
from typing import Any, BinaryIO

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.io.columns import SETTING_HELP, SHEETS
from planner.io.errors import ScenarioError, file_issue
from planner.io.tables import scenario_from_tables, scenario_to_tables
from planner.model import Scenario

MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
"""Largest total size the workbook's zip members may expand to."""

MAX_ROWS = 20_000
"""Most rows read from one sheet."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DATE_FORMAT = "yyyy-mm-dd"


def _check_archive(data: bytes, source: str) -> None:
    if data.startswith(_OLE_MAGIC):
        raise ScenarioError(
            [
                file_issue(
                    source,
                    "this is an old-style .xls or a password-protected workbook",
                    "open it in Excel and save it unprotected as an Excel Workbook (.xlsx)",
                )
            ]
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ScenarioError(
            [
                file_issue(
                    source,
                    "the file is not an Excel workbook (an .xlsx file is a zip archive)",
                    "save the workbook as .xlsx; a YAML scenario needs the .yaml extension",
                )
            ]
        ) from None
    if expanded > MAX_UNCOMPRESSED_BYTES:
        raise ScenarioError(
            [
                file_issue(
                    source,
                    f"the workbook expands to {expanded // 2**20} MB, more than the "
                    f"{MAX_UNCOMPRESSED_BYTES // 2**20} MB accepted",
                    "keep only the scenario sheets in the workbook",
                )
            ]
        )


def _sheet_frame(sheet: Worksheet, name: str, source: str) -> pd.DataFrame:
    """The sheet as a DataFrame: header from row 1, one DataFrame row per Excel row below."""
    rows: list[tuple[Any, ...]] = []
    for row in sheet.iter_rows(values_only=True):
        if len(rows) <= MAX_ROWS:
            rows.append(tuple(row))
        elif any(value is not None for value in row):
            raise ScenarioError(
                [
                    file_issue(
                        source,
                        f"sheet {name} has more than {MAX_ROWS} rows",
                        "remove unused rows below the data",
                    )
                ]
            )
    while rows and all(value is None or str(value).strip() == "" for value in rows[-1]):
        rows.pop()
    if not rows:
        return pd.DataFrame()
    width = max(len(row) for row in rows)
    grid = [list(row) + [None] * (width - len(row)) for row in rows]
    header, body = grid[0], grid[1:]
    keep, names = [], []
    for index, title in enumerate(header):
        has_data = any(row[index] is not None for row in body)
        if title is None or str(title).strip() == "":
            if not has_data:
                continue
            title = f"column {get_column_letter(index + 1)}"
        keep.append(index)
        names.append(str(title))
    return pd.DataFrame([[row[i] for i in keep] for row in body], columns=names, dtype=object)


def read_xlsx(data: bytes, source: str) -> Scenario:
    """The scenario in workbook ``data`` (bytes of a file called ``source``).

    Raises
    ------
    ScenarioError
        For files that are not readable workbooks, and for every problem in the sheets,
        located as ``sheet tasks, row 5, column hours``.
    """
    _check_archive(data, source)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files
        raise ScenarioError(
            [
                file_issue(
                    source,
                    f"the workbook cannot be read ({type(exc).__name__}: {exc})",
                    "open it in Excel and save it again as an Excel Workbook (.xlsx)",
                )
            ]
        ) from None
    try:
        tables = {
            sheet.title: (
                _sheet_frame(sheet, sheet.title, source)
                if sheet.title.strip().lower() in SHEETS
                else pd.DataFrame()
            )
            for sheet in workbook.worksheets
        }
    finally:
        workbook.close()
    return scenario_from_tables(tables, source)


def _excel_value(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    return value


def _write_sheet(sheet: Worksheet, frame: pd.DataFrame, notes: dict[str, str]) -> None:
    bold = Font(bold=True)
    sheet.append(list(frame.columns))
    for cell in sheet[1]:
        cell.font = bold
        if notes.get(str(cell.value)):
            cell.comment = Comment(notes[str(cell.value)], "sla-planner", width=300, height=80)
    for row in frame.itertuples(index=False, name=None):
        sheet.append([_excel_value(value) for value in row])
    for column_cells in sheet.iter_cols(min_row=1):
        width = max(len(str(cell.value)) if cell.value is not None else 0 for cell in column_cells)
        sheet.column_dimensions[column_cells[0].column_letter].width = min(max(width + 2, 10), 60)
        for cell in column_cells[1:]:
            if isinstance(cell.value, date):
                cell.number_format = _DATE_FORMAT
    sheet.freeze_panes = "A2"


def _write_help(sheet: Worksheet) -> None:
    sheet.append(["sheet", "column", "meaning"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for name, columns in SHEETS.items():
        for column in columns:
            sheet.append([name, column.name, column.help])
    for key, text in SETTING_HELP.items():
        sheet.append(["settings", f"setting {key}", text])
    sheet.append(
        [
            "(all)",
            "",
            "empty cells mean 'not given'; lists are comma-separated, e.g. Mon, Tue; "
            "after: concept, review+2 (+2 = wait two more working days)",
        ]
    )
    for letter, width in (("A", 14), ("B", 22), ("C", 100)):
        sheet.column_dimensions[letter].width = width


def write_xlsx(scenario: Scenario, target: str | BinaryIO) -> None:
    """Write ``scenario`` as a workbook to a path or binary file object.

    Parameters
    ----------
    scenario:
        The scenario to write.
    target:
        A file path or a writable binary stream.
    """
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, frame in scenario_to_tables(scenario).items():
        notes = {column.name: column.help for column in SHEETS[name]}
        _write_sheet(workbook.create_sheet(name), frame, notes)
    _write_help(workbook.create_sheet("help"))
    workbook.save(target)


def scenario_xlsx_bytes(scenario: Scenario) -> bytes:
    """The scenario as an XLSX workbook in memory (as :func:`write_xlsx` writes it to a file)."""
    buffer = io.BytesIO()
    write_xlsx(scenario, buffer)
    return buffer.getvalue()
