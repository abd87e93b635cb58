"""Edits that survive a browser reload: each app session's tables kept on disk.

A reload starts a new Streamlit session and would lose every edit. The app therefore puts a
random session id in the page URL (``?session=…``) and, after every change, writes the
session's tables (as shown in the editors, valid or not), the last valid scenario (as YAML)
and the sidebar choices to ``<session dir>/<id>.json``; a reload with the same URL reads them
back. The id is 128 random bits, checked against a strict pattern before it names a file.
The folder is ``$PLANNER_SESSION_DIR`` or ``sla-planner-sessions`` in the system temporary
folder; files untouched for :data:`KEEP_DAYS` days are removed.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from planner.io import SHEETS

KEEP_DAYS = 7
"""Days a session's saved edits are kept after their last change."""

_ID = re.compile(r"[A-Za-z0-9_-]{22}")


def session_dir() -> Path:
    """Where session files live (``$PLANNER_SESSION_DIR`` or a folder in the temp dir)."""
    configured = os.environ.get("PLANNER_SESSION_DIR")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "sla-planner-sessions"


def new_session_id() -> str:
    """A fresh unguessable session id (22 URL-safe characters)."""
    return secrets.token_urlsafe(16)


def valid_session_id(text: object) -> bool:
    """Whether ``text`` may name a session file (nothing else ever does)."""
    return isinstance(text, str) and _ID.fullmatch(text) is not None


@dataclass(frozen=True)
class SavedSession:
    """What a session had when it was last saved."""

    source_id: str
    name: str
    tables: dict[str, pd.DataFrame]
    valid_yaml: str
    widgets: dict[str, Any]


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()[:10]
    if isinstance(value, bool | int | float | str):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else str(value)


def _frame_dict(frame: pd.DataFrame) -> dict[str, Any]:
    return {
        "columns": [str(column) for column in frame.columns],
        "rows": [[_plain(value) for value in row] for row in frame.itertuples(index=False)],
    }


def _frame(table: str, data: dict[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(data["rows"], columns=data["columns"], dtype=object)
    for column in SHEETS.get(table, ()):
        if column.kind == "date" and column.name in frame.columns:
            frame[column.name] = pd.Series(
                [date.fromisoformat(v) if isinstance(v, str) else None for v in frame[column.name]],
                index=frame.index,
                dtype=object,
            )
    return frame


def save_session(session_id: str, saved: SavedSession) -> None:
    """Write ``saved`` for ``session_id`` (atomically: a reload never reads half a file)."""
    if not valid_session_id(session_id):
        return
    folder = session_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    payload = {
        "source_id": saved.source_id,
        "name": saved.name,
        "tables": {name: _frame_dict(frame) for name, frame in saved.tables.items()},
        "valid_yaml": saved.valid_yaml,
        "widgets": saved.widgets,
    }
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".saving-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(payload, stream, ensure_ascii=False)
    os.replace(temporary, folder / f"{session_id}.json")
    _prune(folder)


def load_session(session_id: object) -> SavedSession | None:
    """The saved session for ``session_id``, or ``None`` (unknown id, no file, damaged file)."""
    if not valid_session_id(session_id):
        return None
    path = session_dir() / f"{session_id}.json"
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        return SavedSession(
            source_id=str(payload["source_id"]),
            name=str(payload["name"]),
            tables={name: _frame(name, data) for name, data in payload["tables"].items()},
            valid_yaml=str(payload["valid_yaml"]),
            widgets=dict(payload.get("widgets", {})),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _prune(folder: Path) -> None:
    cutoff = time.time() - KEEP_DAYS * 86400
    for path in folder.glob("*.json"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass
