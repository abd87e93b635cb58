"""How a plan table looks in Excel: readable headers, widths, number formats, frozen header.

Column formats are chosen by column name (:data:`MONEY_COLUMNS`, :data:`PERCENT_COLUMNS`,
:data:`HOURS_COLUMNS`) and by value (dates), so every table of :mod:`planner.report.tables` is
formatted the same way.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.wording import readable_key

MONEY_COLUMNS = frozenset({"amount", "price", "cost", "margin"})
PERCENT_COLUMNS = frozenset({"utilisation"})
HOURS_COLUMNS = frozenset({"hours", "available_hours", "booked_hours"})
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0%"
HOURS_FORMAT = "#,##0.0#"
HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")
MAX_WIDTH = 60


def money_format(currency: str) -> str:
    """Excel number format for whole money amounts, e.g. ``#,##0 "EUR"``."""
    return f'#,##0 "{currency}";-#,##0 "{currency}"'


def _column_format(name: str, values: pd.Series, currency: str) -> str | None:
    if name in MONEY_COLUMNS:
        return money_format(currency)
    if name in PERCENT_COLUMNS:
        return PERCENT_FORMAT
    if name in HOURS_COLUMNS:
        return HOURS_FORMAT
    if any(isinstance(v, date) for v in values.dropna()):
        return DATE_FORMAT
    return None


def _width(header: str, values: pd.Series) -> float:
    longest = max((len(str(v)) for v in values.dropna()), default=0)
    return min(MAX_WIDTH, max(len(header), longest, 8) + 2)


def format_sheet(
    sheet: Worksheet, frame: pd.DataFrame, currency: str, headers: list[str] | None = None
) -> None:
    """Format a sheet written from ``frame`` (header in row 1, no index column).

    Headers become words (``slip_days`` → ``Slip days``), bold on a light fill; the header row
    is frozen and filtered; each column gets a width from its content and a number format
    (money in ``currency``, percent, hours, ISO dates). ``headers`` replaces the words of
    the header row (e.g. translated; default: the column names as words).
    """
    for col, name in enumerate(frame.columns, start=1):
        header = sheet.cell(row=1, column=col)
        header.value = headers[col - 1] if headers else readable_key(str(name))
        header.font = Font(bold=True)
        header.fill = HEADER_FILL
        header.alignment = Alignment(vertical="top")
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = _width(header.value, frame[name])
        number_format = _column_format(str(name), frame[name], currency)
        if number_format:
            for row in range(2, len(frame) + 2):
                sheet.cell(row=row, column=col).number_format = number_format
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
