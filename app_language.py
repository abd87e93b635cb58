"""The language selector every page of the app shares (agency pages and the client page).

The choice lives in ``st.session_state`` under the selector's key ``client_lang`` and a copy
under ``chosen_lang`` (widget state is dropped when a page without the widget runs), so moving
between pages keeps it. It starts from the browser machine's locale (English otherwise).
"""

from __future__ import annotations

import streamlit as st

from planner.app.words import use_language
from planner.i18n import LANGUAGES, language_from_locale

WIDGET_KEY = "client_lang"
CHOSEN_KEY = "chosen_lang"
WORDED_CHOICES = (
    "audience",
    "source_kind",
    "utilisation_by",
    "budget_by",
    "risk_source",
    "risk_audience",
    "pf_tentative",
    "pf_status",
    "pf_audience",
)
"""Widgets whose options are shown translated (``format_func``). The browser remembers a
choice by its shown text, so after a change of language each is set again from the session
(it would otherwise show no choice, its old text being no option any more)."""


def choose_language() -> str:
    """Show the selector in the sidebar and word the app in the chosen language."""
    if st.session_state.get(WIDGET_KEY) not in LANGUAGES:
        st.session_state[WIDGET_KEY] = st.session_state.get(CHOSEN_KEY) or language_from_locale()
    lang = st.sidebar.selectbox(
        "Language / Kieli / Język",
        list(LANGUAGES),
        key=WIDGET_KEY,
        format_func=LANGUAGES.__getitem__,
    )
    if st.session_state.get(CHOSEN_KEY) not in (None, lang):
        for key in WORDED_CHOICES:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state[CHOSEN_KEY] = lang
    return use_language(lang)
