"""The "I am a client" page: check a brief's budget and timeline at market rates, no team.

A thin layer of widgets over :mod:`planner.client.page`; every word comes from the library's
catalogues (English, Finnish, Polish).
"""

from __future__ import annotations

import streamlit as st

from app_language import choose_language
from planner.client import answer_lines
from planner.client.page import check_uploads, input_key, page_words, sample_bytes


def inputs(words: dict[str, str], lang: str) -> tuple[tuple[bytes, str], tuple[bytes, str]] | None:
    """The brief and the rate card: samples or uploads.

    The sample market starts as the language's (Finnish otherwise) and is then the user's
    choice: changing the language re-words the answer, it does not change the inputs.
    """
    options = ["fi", "pl", "own"]
    st.session_state.setdefault("client_card_choice", lang if lang in options else "fi")
    left, right = st.columns(2)
    with right:
        labels = {
            "fi": words["sample_card_fi"],
            "pl": words["sample_card_pl"],
            "own": words["own_card"],
        }
        choice = st.radio(
            words["card"], options, format_func=labels.__getitem__, key="client_card_choice"
        )
        card = sample_bytes("card", choice) if choice != "own" else None
        if choice == "own":
            own = st.file_uploader(words["card"], type=["yaml", "yml", "xlsx"], key="client_card")
            card = (own.getvalue(), own.name) if own else None
    with left:
        upload = st.file_uploader(words["brief"], type=["yaml", "yml", "xlsx"], key="client_brief")
        sample = sample_bytes("brief", choice if choice != "own" else "fi")
        brief = (upload.getvalue(), upload.name) if upload else sample
        if upload is None:
            st.caption(f"{words['sample_brief']}: {brief[1]}")
    return (brief, card) if card is not None else None


def main() -> None:
    """Language, inputs, the check and the answer (money and dates apart)."""
    st.set_page_config(page_title="sla-planner: client", page_icon="📅", layout="wide")
    lang = choose_language()
    words = page_words(lang)
    st.title(words["title"])
    st.write(words["intro"])
    chosen = inputs(words, lang)
    key = input_key(*chosen) if chosen is not None else None
    if st.button(words["check"], type="primary", key="client_check") and chosen is not None:
        st.session_state["client_result"] = (key, check_uploads(chosen[0], chosen[1], lang))
    checked_key, result = st.session_state.get("client_result", (None, None))
    if result is None or checked_key != key:  # never an answer for other inputs
        st.info(words["waiting"])
        return
    if result.answer is None:
        st.error(words["cannot"] + "\n\n" + "\n".join(f"- {p}" for p in result.problems))
        return
    text = answer_lines(result.answer, lang)  # a new language needs no new check
    shown = {"realistic": st.success, "doubtful": st.warning}.get(result.answer.verdict, st.error)
    shown(f"**{text.verdict}**")
    money, dates = st.columns(2)
    with money:
        st.subheader(words["money"])
        st.markdown("\n".join(f"- {line}" for line in text.money))
    with dates:
        st.subheader(words["dates"])
        st.markdown("\n".join(f"- {line}" for line in text.dates))
    st.caption(" ".join(text.notes))


try:
    main()
except Exception as error:  # the last guard: a readable message, never a traceback
    st.error(f"Something went wrong: {error}. Reload the page and try again.")
