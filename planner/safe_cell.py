"""Spreadsheet cells that a spreadsheet program can never run as a formula.

Names, titles and labels come from client files. Written raw into a CSV or XLSX, a text such as
``=HYPERLINK("http://…")`` or ``=cmd|' /C calc'!A0`` (DDE) would become a live formula when
the file is opened (CSV/formula injection). Following the OWASP guidance, every text cell that
starts with a character a spreadsheet reads as the start of a formula (``= + - @``, tab,
carriage return, and their full-width forms) is written with a leading apostrophe, which
spreadsheet programs show as text.

The escaping is reversible, so scenario workbooks stay lossless: :func:`safe_cell` adds one
apostrophe in front of any run of apostrophes followed by a formula character, and
:func:`unsafe_cell` (used when reading a scenario workbook) removes exactly that one. A text
that merely starts with an apostrophe (``'tis``) is left alone both ways.

All export code (plan CSV/XLSX, scenario workbooks written by ``planner convert`` and the app)
calls these functions; ``tests/test_safe_cell.py`` reads the written files back.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
"""First characters that make a spreadsheet treat a cell as a formula (OWASP list plus the
full-width forms some spreadsheet programs normalise)."""

QUOTE = "'"


def needs_quote(text: str) -> bool:
    """Whether ``text`` (after any leading apostrophes) starts like a formula."""
    rest = text.lstrip(QUOTE)
    return bool(rest) and rest[0] in FORMULA_STARTS


def safe_cell(value: Any) -> Any:
    """``value`` as it may be written to a spreadsheet cell; only texts are changed.

    Parameters
    ----------
    value:
        A cell value. Numbers, dates and ``None`` pass unchanged (``-5`` as a number is not a
        formula); a text starting like a formula gets a leading apostrophe.

    Returns
    -------
    Any
        The value to write.
    """
    if isinstance(value, str) and needs_quote(value):
        return QUOTE + value
    return value


def unsafe_cell(value: Any) -> Any:
    """Undo :func:`safe_cell`: the text the user wrote, for a cell read from a workbook."""
    if isinstance(value, str) and value.startswith(QUOTE) and needs_quote(value[1:]):
        return value[1:]
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and column name passed through :func:`safe_cell`.

    Parameters
    ----------
    frame:
        A table about to be written as CSV or XLSX.

    Returns
    -------
    pandas.DataFrame
        The same table, safe to open in a spreadsheet program.
    """
    safe = frame.rename(columns=lambda name: safe_cell(name) if isinstance(name, str) else name)
    for position, dtype in enumerate(safe.dtypes):
        if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
            safe.isetitem(position, safe.iloc[:, position].map(safe_cell))
    return safe
