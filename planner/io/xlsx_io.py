"""Reading and writing the Excel workbook form of a scenario (see :mod:`planner.io.tables`).

Reading checks that the bytes are a zip archive that does not expand beyond a sane size
before openpyxl sees them and declares no XML entities, reads only cached cell values (no
formulas are evaluated) straight from each sheet's XML, never trusting its dimension record,
and caps the rows and columns per sheet. Text cells are written through
:func:`planner.safe_cell.safe_cell` and read back through its inverse. Writing adds bold
headers with a note on every column, date formats and a ``help`` sheet describing each
column; readers ignore sheets they do not know.
"""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from datetime import date
from typing import Any, BinaryIO

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.worksheet import Worksheet

from planner.io.columns import SETTING_HELP, SHEETS
from planner.io.errors import N_, ScenarioError, file_issue
from planner.io.tables import scenario_from_tables, scenario_to_tables
from planner.model import Scenario
from planner.safe_cell import safe_cell, unsafe_cell

MAX_UNCOMPRESSED_BYTES = 25 * 1024 * 1024
"""Largest total size the workbook's zip members may expand to."""

MAX_ROWS = 20_000
"""Most rows read from one sheet."""

MAX_COLUMNS = 200
"""Most columns read from one sheet (a scenario sheet has at most about 20)."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DATE_FORMAT = "yyyy-mm-dd"


def _check_archive(data: bytes, source: str) -> None:
    if data.startswith(_OLE_MAGIC):
        raise ScenarioError(
            [
                file_issue(
                    source,
                    N_("this is an old-style .xls or a password-protected workbook"),
                    N_("open it in Excel and save it unprotected as an Excel Workbook (.xlsx)"),
                )
            ]
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            expanded = sum(member.file_size for member in members)
            if expanded <= MAX_UNCOMPRESSED_BYTES:
                _refuse_entities(archive, members, source)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        raise ScenarioError(
            [
                file_issue(
                    source,
                    N_("the file is not an Excel workbook (an .xlsx file is a zip archive)"),
                    N_("save the workbook as .xlsx; a YAML scenario needs the .yaml extension"),
                )
            ]
        ) from None
    if expanded > MAX_UNCOMPRESSED_BYTES:
        raise ScenarioError(
            [
                file_issue(
                    source,
                    N_(
                        "the workbook expands to {size} MB, more than the {limit} MB accepted",
                        size=expanded // 2**20,
                        limit=MAX_UNCOMPRESSED_BYTES // 2**20,
                    ),
                    N_("keep only the scenario sheets in the workbook"),
                )
            ]
        )


def _refuse_entities(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], source: str) -> None:
    """Refuse XML parts that declare a DTD or entities (entity expansion, external files)."""
    for member in members:
        with archive.open(member) as stream:
            tail = b""
            while chunk := stream.read(1 << 16):
                window = (tail + chunk).replace(b"\x00", b"").upper()
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise ScenarioError(
                        [
                            file_issue(
                                source,
                                N_(
                                    "the part {part} declares XML entities (<!DOCTYPE or "
                                    "<!ENTITY), which Excel never writes",
                                    part=member.filename,
                                ),
                                N_(
                                    "open the workbook in Excel and save it again as .xlsx, "
                                    "or start from planner template"
                                ),
                            )
                        ]
                    )
                tail = chunk[-32:]


def _too_far(source: str, name: str, row: int, column: int) -> ScenarioError:
    what = (
        N_(
            "sheet {sheet} has more than {limit} rows (data in row {row})",
            sheet=name,
            limit=MAX_ROWS,
            row=row,
        )
        if row > MAX_ROWS + 1
        else N_(
            "sheet {sheet} has data in column {column}, beyond the {limit} columns read",
            sheet=name,
            column=get_column_letter(min(column, 16384)),
            limit=MAX_COLUMNS,
        )
    )
    fix = N_(
        "delete the unused rows and columns around the table (select them, "
        "right-click, Delete) and save again"
    )
    return ScenarioError([file_issue(source, what, fix)])


def _sheet_cells(sheet: Any, name: str, source: str) -> dict[int, dict[int, Any]]:
    """The sheet's non-empty cells by row and column, read from its XML part.

    The ``<dimension>`` record and openpyxl's row padding are not used: a workbook that
    claims (or has one cell at) XFD1048576 would otherwise make every row 16,384 cells wide
    and every gap a million rows long. Data beyond :data:`MAX_ROWS` rows or
    :data:`MAX_COLUMNS` columns is refused with its place named.
    """
    workbook = sheet.parent
    cells: dict[int, dict[int, Any]] = {}
    with sheet._get_source() as stream:
        parser = WorkSheetParser(
            stream,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for row, row_cells in parser.parse():
            for cell in row_cells:
                value = cell["value"]
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                if row > MAX_ROWS + 1 or cell["column"] > MAX_COLUMNS:
                    raise _too_far(source, name, row, cell["column"])
                cells.setdefault(row, {})[cell["column"]] = unsafe_cell(value)
    return cells


def _sheet_frame(sheet: Any, name: str, source: str) -> pd.DataFrame:
    """The sheet as a DataFrame: header from row 1, one DataFrame row per Excel row below."""
    cells = _sheet_cells(sheet, name, source)
    if not cells:
        return pd.DataFrame()
    width = max(max(row) for row in cells.values())
    grid = [
        [cells.get(row, {}).get(column) for column in range(1, width + 1)]
        for row in range(1, max(cells) + 1)
    ]
    header, body = grid[0], grid[1:]
    keep, names = [], []
    for index, title in enumerate(header):
        has_data = any(row[index] is not None for row in body)
        if title is None or str(title).strip() == "":
            if not has_data:
                continue
            title = N_("column {letter}", letter=get_column_letter(index + 1))
        keep.append(index)
        names.append(str(title))
    return pd.DataFrame([[row[i] for i in keep] for row in body], columns=names, dtype=object)


def _scenario_sheets(workbook: Any, source: str) -> dict[str, Any]:
    """The workbook's scenario sheets by title; two sheets for one table are refused."""
    chosen: dict[str, Any] = {}
    for sheet in workbook.worksheets:
        key = sheet.title.strip().lower()
        if key not in SHEETS:
            continue
        if key in chosen:
            states = [
                f"{s.title!r}{'' if s.sheet_state == 'visible' else ' (' + s.sheet_state + ')'}"
                for s in (chosen[key], sheet)
            ]
            raise ScenarioError(
                [
                    file_issue(
                        source,
                        N_(
                            "the workbook has two sheets for the {table} table: {first} and "
                            "{second}",
                            table=key,
                            first=states[0],
                            second=states[1],
                        ),
                        N_(
                            "keep one of them (unhide sheets with right-click > Unhide to see "
                            "them all) and delete or rename the other"
                        ),
                    )
                ]
            )
        chosen[key] = sheet
    return chosen


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
        raise _unreadable(source, exc) from None
    try:
        tables = {
            sheet.title: _sheet_frame(sheet, sheet.title, source)
            for sheet in _scenario_sheets(workbook, source).values()
        }
        tables.update(
            {s.title: pd.DataFrame() for s in workbook.worksheets if s.title not in tables}
        )
    except ScenarioError:
        raise
    except Exception as exc:  # a damaged sheet part: same message as a damaged workbook
        raise _unreadable(source, exc) from None
    finally:
        workbook.close()
    return scenario_from_tables(tables, source)


def _unreadable(source: str, exc: Exception) -> ScenarioError:
    return ScenarioError(
        [
            file_issue(
                source,
                N_(
                    "the workbook cannot be read ({kind}: {reason})",
                    kind=type(exc).__name__,
                    reason=exc,
                ),
                N_("open it in Excel and save it again as an Excel Workbook (.xlsx)"),
            )
        ]
    )


def _excel_value(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    return safe_cell(value)


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
