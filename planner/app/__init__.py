"""Everything the Streamlit app needs that is not a widget: samples, edits, verdict, downloads.

``streamlit_app.py`` stays a thin layer of widgets over these functions, so the logic can be
unit-tested without Streamlit (this package never imports it). One app run goes::

    tables edited in the browser ──scenario_from_edits──▶ EditResult (scenario or issues)
    scenario ──scenario_key──▶ cache key ──plan_scenario (cached by the app)──▶ Plan
    Plan ──summarise / promises_table / app_figures / *_bytes──▶ what the page shows and offers

Modules: :mod:`~planner.app.session` (the session-state rules: loaded, valid, checked,
received, explain and apply), :mod:`~planner.app.saved_sessions` (edits kept for a reload),
:mod:`~planner.app.sources` (samples, uploads, cache key),
:mod:`~planner.app.editing` (editable tables, issues), :mod:`~planner.app.columns`
(column types and select options), :mod:`~planner.app.verdict` (headline and promises)
and :mod:`~planner.app.exports` (charts and downloads). Every public name is importable
from the package itself, as the app does (``from planner import app``).
"""

from __future__ import annotations

from planner.app.columns import (
    ColumnKind,
    ColumnSpec,
    column_specs,
    person_choices,
    role_choices,
)
from planner.app.editing import (
    EDITABLE_TABLES,
    PEOPLE_TABLES,
    EditResult,
    Table,
    editor_tables,
    escape_markdown,
    escape_user_text,
    issue_lines,
    issue_row_label,
    issue_table,
    scenario_from_edits,
    unreadable,
)
from planner.app.exports import (
    CHART_FORMATS,
    CHARTS,
    XLSX_MIME,
    Download,
    app_figures,
    chart_downloads,
    file_stem,
    plan_csv_bytes,
    plan_downloads,
    scenario_downloads,
    scenario_yaml_bytes,
)
from planner.app.saved_sessions import (
    SavedSession,
    load_session,
    new_session_id,
    save_session,
    valid_session_id,
)
from planner.app.sources import (
    DATA_DIR,
    DEFAULT_SAMPLE,
    list_samples,
    sample_label,
    scenario_key,
    upload_id,
)
from planner.app.uploads import read_seconds, read_upload
from planner.app.verdict import (
    STATUS_COLOURS,
    Verdict,
    local_dates,
    promises_styler,
    promises_table,
    summarise,
)

__all__ = [
    "CHARTS",
    "CHART_FORMATS",
    "DATA_DIR",
    "DEFAULT_SAMPLE",
    "EDITABLE_TABLES",
    "PEOPLE_TABLES",
    "STATUS_COLOURS",
    "XLSX_MIME",
    "ColumnKind",
    "ColumnSpec",
    "Download",
    "EditResult",
    "SavedSession",
    "Table",
    "Verdict",
    "app_figures",
    "chart_downloads",
    "column_specs",
    "editor_tables",
    "escape_markdown",
    "escape_user_text",
    "file_stem",
    "issue_lines",
    "issue_row_label",
    "issue_table",
    "list_samples",
    "load_session",
    "local_dates",
    "new_session_id",
    "person_choices",
    "plan_csv_bytes",
    "plan_downloads",
    "promises_styler",
    "promises_table",
    "read_seconds",
    "read_upload",
    "role_choices",
    "sample_label",
    "save_session",
    "scenario_downloads",
    "scenario_from_edits",
    "scenario_key",
    "scenario_yaml_bytes",
    "summarise",
    "unreadable",
    "upload_id",
    "valid_session_id",
]
