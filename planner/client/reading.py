"""Reading rate cards and client briefs from YAML or Excel files, in the user's language.

YAML is parsed with the scenario reader's safe parser (:func:`planner.io.yaml_io.parse_yaml`:
no object tags, no aliases, line numbers kept). A workbook is turned into the same document
shape first, so one set of checks serves both; problems are then located as
``deliverables[2].due (line 14)`` or ``sheet deliverables, row 4, column due``.

Workbook layout: a rate card has a sheet ``card`` (columns ``field``, ``value``) and a sheet
``roles`` (``role``, ``low``, ``typical``, ``high``, ``people``, ``share``); a brief has a sheet
``brief`` (``field``, ``value``) and a sheet ``deliverables`` (``id``, ``name``, ``after``,
``review_days``, ``due`` and one ``hours <role>`` column per role, a cell holding ``32`` or
``24/32/48``).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

import openpyxl

from planner.client.brief_scenario import brief_document, is_scenario_shaped, scenario_path
from planner.client.documents import brief_from_dict, card_mismatches, rate_card_from_dict
from planner.client.model import ClientBrief, RateCard
from planner.i18n import Texts, texts
from planner.io.document import yaml_locator
from planner.io.errors import Issue, Locator, Problem, ScenarioError, file_issue, render
from planner.io.files import MAX_FILE_BYTES
from planner.io.xlsx_io import MAX_ROWS, _check_archive
from planner.io.yaml_io import parse_yaml

PathLike = str | os.PathLike[str]
HOURS_PREFIX = "hours "
RATE_COLUMNS: tuple[str, ...] = ("low", "typical", "high")

Builder = Callable[[Any, Texts], tuple[Any, list[Problem]]]


def load_rate_card(path: PathLike, lang: str | None = None) -> RateCard:
    """Read a rate card (.yaml, .yml or .xlsx).

    Parameters
    ----------
    path:
        The file.
    lang:
        Language of error messages (default: from the locale).

    Returns
    -------
    RateCard
        Rates per hour, whatever unit the file used.

    Raises
    ------
    ScenarioError
        With every problem found: file, field or sheet/row/column, what is wrong, how to fix it.
    """
    return _load(path, lang, "card")


def load_brief(
    path: PathLike, lang: str | None = None, card: RateCard | None = None
) -> ClientBrief:
    """Read a client brief (.yaml, .yml or .xlsx); raises :class:`ScenarioError` like
    :func:`load_rate_card`. With ``card``, a role the card does not price or another currency
    is reported too, at its line in the brief."""
    return _load(path, lang, "brief", card)


def rate_card_from_bytes(data: bytes, filename: str, lang: str | None = None) -> RateCard:
    """A rate card from the bytes of an uploaded file called ``filename``."""
    return _parse(data, filename, texts(lang), "card")


def brief_from_bytes(
    data: bytes, filename: str, lang: str | None = None, card: RateCard | None = None
) -> ClientBrief:
    """A client brief from the bytes of an uploaded file called ``filename`` (see
    :func:`load_brief`)."""
    return _parse(data, filename, texts(lang), "brief", card)


def _load(path: PathLike, lang: str | None, kind: str, card: RateCard | None = None) -> Any:
    words = texts(lang)
    _ = words.gettext
    source = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError(
            [
                file_issue(
                    source, _("the file does not exist"), _("check the path and the file name")
                )
            ]
        ) from None
    except OSError as error:
        raise ScenarioError(
            [
                file_issue(
                    source,
                    _("the file cannot be read ({error})").format(error=error.strerror),
                    _("check that it is a readable file, not a folder"),
                )
            ]
        ) from None
    return _parse(data, source, words, kind, card)


def _parse(data: bytes, source: str, words: Texts, kind: str, card: RateCard | None = None) -> Any:
    _ = words.gettext
    suffix = PurePath(source).suffix.lower()
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(
            [
                file_issue(
                    source,
                    _("the file is larger than {size} MB").format(size=MAX_FILE_BYTES // 2**20),
                    _("check that this is the right file"),
                )
            ]
        )
    if suffix in (".yaml", ".yml"):
        document, lines = parse_yaml(data, source)
        locator = yaml_locator(lines)
    elif suffix == ".xlsx":
        _check_archive(data, source)
        document, locator = _workbook_document(data, source, kind, words)
    else:
        raise ScenarioError(
            [
                file_issue(
                    source,
                    _("unsupported file type {suffix!r}").format(suffix=suffix or "—"),
                    _("use a .yaml file or an .xlsx workbook"),
                )
            ]
        )
    build: Builder = rate_card_from_dict if kind == "card" else brief_from_dict
    if kind == "brief" and is_scenario_shaped(document):
        document, early = brief_document(document, words)
        model, problems = build(document, words)
        problems = early + [Problem(scenario_path(p.path), p.message, p.hint) for p in problems]
    else:
        model, problems = build(document, words)
    if model is not None and card is not None:
        problems = card_mismatches(model, card, words)
    if problems:
        located = [problem.locate(source, locator) for problem in problems]
        located.sort(key=lambda issue: issue.line if issue.line is not None else 10**9)
        raise ScenarioError(located, file=source)
    return model


def raise_located(problems: list[Problem], source: str, locator: Locator | None = None) -> None:
    """Raise one :class:`ScenarioError` for ``problems`` (YAML-style locations by default)."""
    if problems:
        where = locator or yaml_locator()
        raise ScenarioError([p.locate(source, where) for p in problems], file=source)


# ----------------------------------------------------------------------------- workbooks


def _rows(book: Any, sheet: str, source: str, words: Texts) -> list[dict[str, Any]]:
    _ = words.gettext
    if sheet not in book.sheetnames:
        raise ScenarioError(
            [
                file_issue(
                    source,
                    _("the workbook has no sheet {sheet!r}").format(sheet=sheet),
                    _("add the sheet (see docs/client-mode.md)"),
                )
            ]
        )
    rows = list(book[sheet].iter_rows(values_only=True, max_row=MAX_ROWS))
    if not rows:
        return []
    header = [str(cell).strip().lower() if cell is not None else "" for cell in rows[0]]
    return [
        {key: value for key, value in zip(header, row, strict=False) if key and value is not None}
        for row in rows[1:]
        if any(cell is not None for cell in row)
    ]


def _workbook_document(data: bytes, source: str, kind: str, words: Texts) -> tuple[Any, Locator]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        settings_sheet, table_sheet = (
            ("card", "roles") if kind == "card" else ("brief", "deliverables")
        )
        settings = _rows(book, settings_sheet, source, words)
        table = _rows(book, table_sheet, source, words)
    finally:
        book.close()
    document: dict[str, Any] = {}
    setting_rows: dict[str, int] = {}
    for number, row in enumerate(settings, start=2):
        if "field" in row:
            document[str(row["field"]).strip()] = row.get("value")
            setting_rows[str(row["field"]).strip()] = number
    document[table_sheet] = [_table_item(row, kind) for row in table]
    return document, _workbook_locator(settings_sheet, table_sheet, setting_rows)


def _table_item(row: dict[str, Any], kind: str) -> dict[str, Any]:
    if kind == "card":
        item = {k: v for k, v in row.items() if k not in RATE_COLUMNS}
        figures = [row.get(column) for column in RATE_COLUMNS]
        given = [f for f in figures if f is not None]
        if len(given) == 1:
            item["rate"] = given[0]
        elif given:
            item["rate"] = figures
        return item
    item = {k: v for k, v in row.items() if not k.startswith(HOURS_PREFIX)}
    effort = {}
    for key, value in row.items():
        if key.startswith(HOURS_PREFIX):
            text = str(value)
            effort[key[len(HOURS_PREFIX) :].strip()] = text.split("/") if "/" in text else value
    item["effort"] = effort
    return item


def _workbook_locator(settings: str, table: str, setting_rows: dict[str, int]) -> Locator:
    def locate(path: tuple[Any, ...]) -> tuple[str, int | None]:
        if not path:
            return "", None
        if path[0] != table or len(path) < 2:
            row = setting_rows.get(str(path[0]))
            place = (
                f"sheet {settings}, row {row}, column value"
                if row
                else f"sheet {settings}, field {path[0]}"
            )
            return (place if path[0] != table else f"sheet {table}"), None
        place = f"sheet {table}, row {int(path[1]) + 2}"
        rest = path[2:]
        if rest[:1] == ("effort",) and len(rest) > 1:
            return f"{place}, column {HOURS_PREFIX}{rest[1]}", None
        if rest[:1] == ("rate",):
            column = (
                RATE_COLUMNS[rest[1]]
                if len(rest) > 1 and isinstance(rest[1], int)
                else "low, typical, high"
            )
            return f"{place}, column {column}", None
        return (f"{place}, column {rest[0]}" if rest else place), None

    return locate


def error_text(error: ScenarioError, lang: str | None = None) -> str:
    """``error`` as text in ``lang``: a header, then each problem with its place and fix."""
    words = texts(lang)
    count = len(error.issues)
    header = words.ngettext("{count} problem in {file}:", "{count} problems in {file}:", count)
    lines = [header.format(count=count, file=error.file)]
    return "\n".join(lines + ["  " + issue_text(issue, lang) for issue in error.issues])


def issue_text(issue: Issue, lang: str | None = None) -> str:
    """One problem: ``file: place (line N): what is wrong. Fix: how``, in ``lang``."""
    words = texts(lang)
    _ = words.gettext
    location, message, hint = (
        render(part, words.lang) for part in (issue.location, issue.message, issue.hint)
    )
    where = f"{issue.file}: {location}" if location else issue.file
    if issue.line is not None:
        where += " " + _("(line {line})").format(line=issue.line)
    text = f"{where}: {message}"
    return text + ". " + _("Fix: {hint}").format(hint=hint) if hint else text


__all__ = [
    "brief_from_bytes",
    "error_text",
    "issue_text",
    "load_brief",
    "load_rate_card",
    "raise_located",
    "rate_card_from_bytes",
]
