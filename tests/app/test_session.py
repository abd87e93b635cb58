"""The app's session rules on a plain dict: load, edit, check, explain, apply, reload."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.app.session import CANCELLED, EXPLANATIONS_KEPT, AppSession, Loaded
from tests.conftest import contract_scenario


@pytest.fixture
def state() -> dict:
    return {}


@pytest.fixture
def session(state: dict) -> AppSession:
    return AppSession(state)


def loaded_session(session: AppSession) -> AppSession:
    session.load("sample:a", "A", {"tasks": "tasks-frame"}, contract_scenario())
    return session


def test_nothing_is_loaded_at_first(session: AppSession) -> None:
    assert session.loaded is None
    assert not session.is_loaded("sample:a")


def test_loading_makes_the_scenario_received_valid_and_checked(session: AppSession) -> None:
    scenario = contract_scenario()
    session.load("sample:a", "A", {"tasks": "frame"}, scenario)
    assert session.loaded == Loaded("sample:a", "A", {"tasks": "frame"})
    assert session.is_loaded("sample:a") and not session.is_loaded("sample:b")
    assert session.received is session.valid is session.checked is scenario
    assert not session.has_unchecked_edits


def test_loading_another_source_forgets_the_editors_edits(state: dict, session) -> None:
    loaded_session(session)
    state.update({"edit_tasks": {"edited_rows": {}}, "specs_tasks": 1, "last_tasks": "x"})
    state["audience"] = "agency"  # not an editor key: kept
    session.load("upload:b", "B", {"tasks": "other"}, contract_scenario())
    assert not any(k.startswith(("edit_", "specs_", "last_")) for k in state)
    assert state["audience"] == "agency"


def test_an_edit_is_unchecked_until_check(session: AppSession) -> None:
    loaded_session(session)
    changed = replace(session.valid, title="Changed")
    session.edited(changed)
    assert session.has_unchecked_edits and session.checked.title != "Changed"
    session.check()
    assert session.checked is changed and not session.has_unchecked_edits


def test_applying_an_alternative_keeps_the_brief_as_received(session: AppSession) -> None:
    loaded_session(session)
    received = session.received
    fixed = replace(session.valid, title="Fixed")
    session.applied({"tasks": "fixed-frame"}, fixed, "Alternative A applied")
    assert session.valid is fixed and session.received is received
    assert session.loaded.tables == {"tasks": "fixed-frame"}
    assert session.loaded.source_id == "sample:a"
    assert session.take_message() == ("ok", "Alternative A applied")
    assert session.take_message() is None  # shown once


def test_a_failed_apply_says_so(session: AppSession) -> None:
    loaded_session(session)
    before = session.valid
    session.apply_failed("Alternative B cannot be applied: no")
    assert session.valid is before
    assert session.take_message() == ("error", "Alternative B cannot be applied: no")


def test_explain_request_and_cancel(session: AppSession) -> None:
    loaded_session(session)
    assert not session.explanation_requested("k1")
    session.request_explanation("k1")
    assert session.explanation_requested("k1") and not session.explanation_requested("k2")
    session.cancel_explanation()
    assert not session.explanation_requested("k1")
    assert session.take_message() == ("info", CANCELLED)


def test_explanations_are_kept_in_the_session(state: dict, session: AppSession) -> None:
    assert session.kept_explanation("k") is None
    session.keep_explanation("k", "answer")
    assert AppSession(state).kept_explanation("k") == "answer"


def test_only_the_newest_explanations_are_kept(session: AppSession) -> None:
    for n in range(EXPLANATIONS_KEPT + 1):
        session.keep_explanation(n, f"answer {n}")
    assert session.kept_explanation(0) is None
    assert session.kept_explanation(EXPLANATIONS_KEPT) == f"answer {EXPLANATIONS_KEPT}"


def test_restore_happens_once_and_only_before_a_load(state: dict, session) -> None:
    assert session.needs_restore()
    assert not session.needs_restore()
    fresh = AppSession({})
    loaded_session(fresh)
    assert not fresh.needs_restore()


def test_restore_brings_back_tables_widgets_and_the_valid_version(state: dict, session) -> None:
    valid = replace(contract_scenario(), title="Saved")
    widgets = {"sample": "kivi.yaml", "source_kind": "Sample", "seed": 7}
    session.restore(Loaded("sample:k", "Kivi", {"tasks": "saved"}), valid, widgets)
    assert state["sample"] == "kivi.yaml" and "seed" not in state  # only the persisted ones
    assert session.valid is session.checked is valid
    assert session.received is None
    assert session.persisted_widgets() == {"source_kind": "Sample", "sample": "kivi.yaml"}


def test_edited_tables_prefer_the_last_edit(state: dict, session: AppSession) -> None:
    session.load("s", "S", {"tasks": "loaded", "team": "team"}, contract_scenario())
    state["last_tasks"] = "edited"
    assert session.edited_tables() == {"tasks": "edited", "team": "team"}
