"""The scenario's tables in data editors: the *Edit scenario* tab of ``streamlit_app.py``.

Widgets only; what the tables mean, how they are read back and how problems are worded live in
:mod:`planner.app`. Session state: ``edit_<table>`` (the editors), ``specs_<table>``
and ``last_<table>`` (each editor's column settings and last value), and the app's ``loaded``
tables (read) and ``valid`` scenario (written).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from app_widgets import session
from planner import app
from planner.app.words import _, language
from planner.i18n import N_, Texts
from planner.io import Issue
from planner.io.errors import Message, render

TABLE_LABELS = (
    N_("Tasks"),
    N_("Team"),
    N_("Time off"),
    N_("Commitments"),
    N_("Fixed costs"),
    N_("Settings"),
)

COLUMN_TYPES: dict[str, Callable[[str, app.ColumnSpec], Any]] = {
    # numbers as text: the reader checks what was typed (a number cell would change it)
    "number": lambda n, s: st.column_config.TextColumn(n),
    "integer": lambda n, s: st.column_config.TextColumn(n),
    "date": lambda n, s: st.column_config.DateColumn(n, format="YYYY-MM-DD"),
    "select": lambda n, s: st.column_config.SelectboxColumn(n, options=list(s.options)),
    "check": lambda n, s: st.column_config.CheckboxColumn(n),
    "text": lambda n, s: st.column_config.TextColumn(n),
}


def column_help(text: str) -> str | None:
    """A column's help (the schema's fix for the field) in the app's language."""
    if not text:
        return None
    lang = language()
    return render(text, lang) if isinstance(text, Message) else Texts(lang, "errors").gettext(text)


def editor(table: str, team: app.Table) -> app.Table:
    """One data editor; returns the edited table (the edits live in session state)."""
    tables = st.session_state["loaded"]["tables"]
    specs = app.column_specs(table, tables[table], team)
    drawn = (specs, language())  # column help is worded in the app's language
    if (
        st.session_state.get(f"specs_{table}", drawn) != drawn
        and f"last_{table}" in st.session_state
    ):
        # New select options or another language make a new widget: fold the edits into its
        # data first, keep them.
        tables[table] = st.session_state[f"last_{table}"]
        st.session_state.pop(f"edit_{table}", None)
        specs = app.column_specs(table, tables[table], team)
        drawn = (specs, language())
    st.session_state[f"specs_{table}"] = drawn
    config = {
        n: {**COLUMN_TYPES[s.kind](n, s), "help": column_help(s.help)} for n, s in specs.items()
    }
    fixed = table == "settings"  # one row per setting; only the values change
    edited = st.data_editor(
        tables[table],
        key=f"edit_{table}",
        column_config=config,
        hide_index=True,
        num_rows="fixed" if fixed else "dynamic",
        disabled=["setting", "meaning"] if fixed else False,
        height=35 * (min(len(tables[table]), 20) + 2) + 3,  # every row visible on a projector
        placeholder="",
    )
    st.session_state[f"last_{table}"] = edited
    return edited


def edit_tables() -> app.EditResult:
    """All editors (team first: its roles and names feed the others' select boxes)."""
    state = session()
    loaded = state.loaded
    assert loaded is not None
    tabs = dict(zip(app.EDITABLE_TABLES, st.tabs([_(t) for t in TABLE_LABELS]), strict=True))
    edited = dict(loaded.tables)
    for table in ("team", *[t for t in app.EDITABLE_TABLES if t != "team"]):
        with tabs[table]:
            edited[table] = editor(table, edited["team"])
    result = app.scenario_from_edits(edited, f"{loaded.name} (edited)")
    for table in app.EDITABLE_TABLES:
        with tabs[table]:
            show_issues(result.issues_for(table), edited[table])
    if result.other_issues():
        show_issues(result.other_issues(), edited["settings"])
    if result.scenario is not None:
        state.edited(result.scenario)
    return result


def show_issues(issues: list[Issue], frame: app.Table) -> None:
    """Issues next to their table, worded as the CLI words them, with the row's id or name."""
    if issues:
        st.error(
            _("Fix these entries (rows count the header as row 1, as in the workbook):")
            + "\n\n"
            + app.issue_lines(issues, frame)
        )
