"""Small widget helpers shared by the app's scripts (``streamlit_app.py``, ``app_why.py``)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from planner import app
from planner.app.session import AppSession
from planner.app.words import _, language
from planner.i18n import N_

# The read-only tables' column names, translated when shown.
COLUMN_NAMES = (
    N_("Promise"),
    N_("Promised"),
    N_("Realistic"),
    N_("Working days late"),
    N_("Priority"),
    N_("Status"),
    N_("Earliest possible"),
    N_("Note"),
)


def session() -> AppSession:
    """This browser session's state rules (:class:`planner.app.session.AppSession`)."""
    return AppSession(st.session_state)


def dates_table(data: Any, key: str, *dates: str) -> None:
    """A read-only table whose ``dates`` columns read ``Wed 17 Mar 2027`` (in Finnish and
    Polish the locale's own form, ``17.3.2027``: the browser's date format is English only)."""
    config: dict[str, Any] = {name: _(name) for name in COLUMN_NAMES}
    if language() == "en":
        config.update(
            {c: st.column_config.DateColumn(_(c), format="ddd D MMM YYYY") for c in dates}
        )
    else:
        data = app.local_dates(data, dates, language())
    st.dataframe(data, hide_index=True, key=key, column_config=config)
