"""The app against hostile files and typing (issue 11): values are never silently changed,
user text is never markup, a failed load keeps the current scenario, edits survive a reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import planner.io
from planner import app
from tests.conftest import TUNDRA
from tests.support.apptest import APP, KEY_VISUAL_ROW, check, edit_cell, editor_value, headline

pytestmark = pytest.mark.usefixtures("session_dir")


@pytest.fixture
def session_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved sessions go to a fresh folder."""
    monkeypatch.setenv("PLANNER_SESSION_DIR", str(tmp_path / "sessions"))
    return tmp_path / "sessions"


def _opened(session: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if session is not None:
        at.query_params["session"] = session
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize("typed", ["−5", "1e308", "nan", "5 h", "inf"])
def test_typed_numbers_are_checked_never_silently_changed(typed: str) -> None:
    at = _opened()
    edit_cell(at, "tasks", KEY_VISUAL_ROW, hours=typed)
    check(at)
    assert not at.exception
    messages = " ".join(box.value for box in at.error).replace("\\", "")
    assert "sheet tasks, row 8, column hours" in messages
    assert editor_value(at, "tasks").loc[KEY_VISUAL_ROW, "hours"] == typed  # kept as typed


def test_number_cells_show_the_numbers_as_text() -> None:
    tables = app.editor_tables(planner.io.load_scenario(TUNDRA))
    hours = tables["tasks"]["hours"]
    assert hours.dtype == object and "90" in hours.tolist()


def test_title_and_client_are_shown_as_text_not_markdown() -> None:
    at = _opened()
    settings = at.data_editor(key="edit_settings").value
    title = "![x](http://evil.example/x.png) [click](http://evil.example) <b>b</b> www.evil.example"
    rows = {
        int(settings.index[settings["setting"] == name][0]): {"value": value}
        for name, value in (("scenario", title), ("client", "**Acme** http://evil.example"))
    }
    at.session_state["edit_settings"] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.run()
    check(at)
    assert not at.exception
    shown = at.title[0].value
    assert shown == app.escape_user_text(title)
    assert "](" not in shown and "<b>" not in shown and "www.evil" not in shown
    caption = at.caption[0].value
    assert "**Acme**" not in caption and "http://" not in caption


def test_a_file_that_fails_unexpectedly_keeps_the_current_scenario(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = _opened()
    before = headline(at)

    def broken(path: object) -> object:
        raise IndexError("list index out of range")

    monkeypatch.setattr(planner.io, "load_scenario", broken)
    at.sidebar.selectbox(key="sample").set_value("lumo-spring-campaign.yaml").run()
    assert not at.exception
    errors = " ".join(box.value for box in at.error).replace("\\", "").replace("**", "")
    assert "cannot be used yet, so the previous scenario stays" in errors
    assert "could not be read (IndexError)" in errors
    assert before in errors  # the verdict of the current scenario is still shown


def test_edits_survive_a_reload(session_dir: Path) -> None:
    first = _opened()
    session = first.query_params["session"]
    session = session[0] if isinstance(session, list) else session
    assert app.valid_session_id(session)
    edit_cell(first, "tasks", KEY_VISUAL_ROW, hours="−5")  # even an invalid edit is kept
    edit_cell(first, "team", 0, roles="designer, art_director, illustrator")
    assert list(session_dir.glob("*.json"))
    again = _opened(session)  # a reload: a new session with the same URL
    assert editor_value(again, "tasks").loc[KEY_VISUAL_ROW, "hours"] == "−5"
    assert "illustrator" in editor_value(again, "team").loc[0, "roles"]
    fresh = _opened(app.new_session_id())  # another browser tab starts clean
    assert editor_value(fresh, "tasks").loc[KEY_VISUAL_ROW, "hours"] == "90"


@pytest.mark.parametrize("session", ["../../etc/passwd", "x" * 200, "", "a/b"])
def test_a_session_id_from_the_url_never_names_another_file(session: str) -> None:
    assert not app.valid_session_id(session)
    assert app.load_session(session) is None


def test_the_upload_limit_matches_the_readers_limit() -> None:
    import tomllib

    config = tomllib.loads((Path(__file__).parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 == planner.io.MAX_FILE_BYTES
