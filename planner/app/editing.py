"""The editable tables of a scenario and reading them back: issues located, never raised."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeAlias

import pandas as pd

from planner.app.words import _, language
from planner.i18n import N_
from planner.io import SHEETS, Issue, ScenarioError, scenario_from_tables, scenario_to_tables
from planner.model import Scenario
from planner.wording import readable_key

Table: TypeAlias = pd.DataFrame
"""One editable table (a sheet of the workbook form), as the app's editors show it."""

EDITABLE_TABLES: tuple[str, ...] = (
    "tasks",
    "team",
    "time_off",
    "commitments",
    "fixed_costs",
    "settings",
)
"""Tables the app shows in data editors, in tab order (the brief first)."""

NUMBER_KINDS = frozenset({"number", "int"})
"""Sheet column kinds the editors show as text and the reader checks (see editor_tables)."""

PEOPLE_TABLES: tuple[str, ...] = ("tasks", "time_off", "commitments")
"""Tables whose select boxes offer the team's names or roles (they follow team edits)."""


SETTING_MEANINGS: dict[str, str] = {
    "scenario": N_("Title of the scenario"),
    "start": N_("First day work may happen"),
    "currency": N_("Currency of prices and budget"),
    "country": N_("Country whose public holidays apply"),
    "subdivision": N_("Region of that country, for regional holidays"),
    "workdays": N_("Days of the week the agency works"),
    "client": N_("Client's name"),
    "budget": N_("Client's budget"),
    "move_dates": N_("May promised dates move to make the others hold? (yes/no)"),
    "date_penalty_per_day": N_("Price of moving a promised date, per working day"),
    "drop_optional": N_("May optional tasks be left out? (yes/no)"),
    "shrink_optional_to": N_("Share of its hours an optional task may shrink to"),
    "raise_budget": N_("May a way out need more budget? (yes/no; always shown as such)"),
}
"""What each setting means, shown beside its key in the app's settings table."""
MEANING = "meaning"
"""The settings table's read-only column of :data:`SETTING_MEANINGS` (not part of the file)."""


def editor_tables(scenario: Scenario) -> dict[str, pd.DataFrame]:
    """The scenario as the tables the app edits (the sheets of the XLSX format).

    The ``settings`` values are shown as text (dates as ``YYYY-MM-DD``) because one column holds
    values of several kinds; reading them back parses each by its setting. A read-only
    ``meaning`` column says in words what each setting is. Number columns are text: a
    browser number cell silently turns ``−5`` into 5 and ``1e308`` into 1308, while text
    reaches the reader as typed and a wrong value gets a located message.
    """
    tables = scenario_to_tables(scenario)
    for name, frame in tables.items():
        for column in SHEETS.get(name, ()):
            if column.kind in NUMBER_KINDS and column.name in frame.columns:
                frame[column.name] = pd.Series(
                    [_text(value) for value in frame[column.name]], index=frame.index, dtype=object
                )
    settings = tables["settings"].copy()
    settings["value"] = pd.Series(
        [_text(value) for value in settings["value"]], index=settings.index, dtype=object
    )
    settings.insert(
        1,
        MEANING,
        [
            _(SETTING_MEANINGS[str(k)]) if str(k) in SETTING_MEANINGS else readable_key(str(k))
            for k in settings["setting"]
        ],
    )
    tables["settings"] = settings
    return tables


def _text(value: object) -> str | None:
    if not present(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@dataclass(frozen=True)
class EditResult:
    """The edited tables read back: a scenario when they are valid, else every issue found."""

    scenario: Scenario | None
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the tables make a valid scenario."""
        return self.scenario is not None

    def issues_for(self, table: str) -> list[Issue]:
        """The issues located in ``table`` (see :func:`issue_table`)."""
        return [issue for issue in self.issues if issue_table(issue) == table]

    def other_issues(self, tables: Iterable[str] = EDITABLE_TABLES) -> list[Issue]:
        """Issues that belong to none of ``tables`` (e.g. the scenario as a whole)."""
        shown = set(tables)
        return [issue for issue in self.issues if issue_table(issue) not in shown]


_SHEET = re.compile(r"\bsheet\s+(\w+)")
_ROW = re.compile(r"\brow\s+(\d+)")


def issue_table(issue: Issue) -> str | None:
    """The table an issue points into, from its location (``sheet tasks, row 5, column hours``).

    Returns
    -------
    str or None
        The table name, or ``None`` when the issue concerns the scenario as a whole.
    """
    match = _SHEET.search(issue.location)
    return match.group(1) if match else None


def issue_row_label(issue: Issue, frame: pd.DataFrame) -> str | None:
    """What the row an issue points at is called (its id or name), to find it in the editor.

    Rows are numbered as in the workbook (header = row 1), so row ``n`` is ``frame`` row
    ``n - 2``; the label is the row's first non-empty cell among id, name, person, setting.
    """
    match = _ROW.search(issue.location)
    if not match:
        return None
    position = int(match.group(1)) - 2
    if not 0 <= position < len(frame):
        return None
    row = frame.iloc[position]
    for column in ("id", "name", "person", "setting"):
        if column in frame.columns and present(row[column]):
            return str(row[column])
    return None


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~$])")
_AUTOLINKS = re.compile(r"(?i)(://|www(?=\\?\.)|@)")
WORD_JOINER = "\u2060"
"""Invisible character that stops a Markdown renderer from seeing ``http://``, ``www.`` or ``@``."""


def escape_markdown(text: str) -> str:
    """``text`` shown literally in Streamlit markdown (``$`` would start maths, ``*`` bold).

    Links, images and HTML in user text (``[x](http://…)``, ``![x](…)``, ``<img>``) stay text.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def escape_user_text(text: str) -> str:
    """Like :func:`escape_markdown`, and bare URLs, ``www.`` names and e-mail addresses in
    ``text`` are not turned into links either (for titles and names from uploaded files).

    GitHub-style autolinks are found in the rendered text, so neither backslashes nor
    character references stop them; an invisible :data:`WORD_JOINER` inside ``://``, after
    ``www`` and after ``@`` does, and the text reads the same.
    """
    escaped = escape_markdown(text)
    return _AUTOLINKS.sub(lambda m: m.group()[:1] + WORD_JOINER + m.group()[1:], escaped)


def issue_lines(issues: Iterable[Issue], frame: pd.DataFrame | None = None) -> str:
    """Issues as a markdown list, each worded as the CLI prints it.

    With the table ``frame`` the issue is about, each line starts with the row's id or name
    in bold, so the user finds the row in the editor at a glance.
    """
    lines = []
    for issue in issues:
        label = issue_row_label(issue, frame) if frame is not None else None
        prefix = f"**{escape_markdown(label)}** · " if label else ""
        lines.append(f"- {prefix}{escape_markdown(issue.render(language()))}")
    return "\n".join(lines)


def unreadable(name: str, error: Exception) -> ScenarioError:
    """A file the readers failed on unexpectedly, as a message (the current scenario stays)."""
    return ScenarioError(
        [
            Issue(
                name,
                "",
                _("the file could not be read ({kind})").format(kind=type(error).__name__),
                _(
                    "save it again as .yaml or .xlsx from the app's Export tab or the template, "
                    "and report the file to the sla-planner maintainers"
                ),
            )
        ]
    )


def scenario_from_edits(tables: Mapping[str, pd.DataFrame], source: str) -> EditResult:
    """Read edited tables back into a scenario, collecting every issue instead of raising.

    Parameters
    ----------
    tables
        All tables of the scenario (edited and untouched ones), by sheet name.
    source
        What the issues name as their file, e.g. ``"tundra-product-launch.yaml (edited)"``.

    Returns
    -------
    EditResult
        ``scenario`` set when the tables are valid; otherwise ``issues`` lists every problem,
        worded exactly as the command line words it.
    """
    tables = dict(tables)
    if "settings" in tables and MEANING in tables["settings"].columns:
        tables["settings"] = tables["settings"].drop(columns=MEANING)
    try:
        return EditResult(scenario_from_tables(tables, source))
    except ScenarioError as error:
        return EditResult(None, tuple(error.issues))


def present(value: object) -> bool:
    """False for ``None``, NaN/NA/NaT and blank text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values
        return True
