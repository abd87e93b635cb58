"""Driving the Streamlit app through AppTest: where it is and the steps a user takes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
TUNDRA_VERDICT = "4 of 8 promises cannot be kept with this team"
KEY_VISUAL_ROW = 6  # tasks table row of key_visual (90 h) in the tundra sample


def headline(app: AppTest) -> str:
    """The verdict sentence as the user reads it (shown as error, success or warning, in bold;
    the markdown source escapes punctuation so names are never taken for markup)."""
    boxes = [*app.error, *app.success, *app.warning]
    text = next(box.value for box in boxes if box.value.startswith("**"))
    return text.replace("\\", "").replace("**", "")


def edit_cell(app: AppTest, table: str, row: int, **values: object) -> AppTest:
    """Edit cells of a data editor the way the browser reports it, then rerun."""
    app.session_state[f"edit_{table}"] = {
        "edited_rows": {row: values},
        "added_rows": [],
        "deleted_rows": [],
    }
    return app.run()


def editor_value(app: AppTest, table: str) -> Any:
    """What a data editor returned on the last run (the app keeps it as ``last_<table>``)."""
    return app.session_state[f"last_{table}"]


def check(app: AppTest) -> AppTest:
    """Press "Check the brief"."""
    return app.button(key="run_check").click().run()
