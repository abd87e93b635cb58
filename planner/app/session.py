"""The app's working state as a plain class over a mapping: what is loaded, edited, checked.

Streamlit keeps a page's state in ``st.session_state``, a mapping that survives reruns;
:class:`AppSession` is every rule about that state in one place, so the script only draws
widgets and the rules are unit-tested with a plain ``dict``. The states a scenario goes
through::

    load (sample, upload, template, saved session)
        → received  the brief as it came in (never changed afterwards)
        → valid     the last version of the editors that passes every check
        → checked   what the verdict shows (``check`` copies valid → checked)

Editing moves ``valid`` only; "Apply this alternative" replaces ``valid`` and the editors'
tables but keeps ``received``, so the changes from the brief as received stay visible.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from planner.model import Scenario

EDITOR_PREFIXES = ("edit_", "specs_", "last_")
"""Keys the table editors keep per table: the widget's edits, its column specs, the last
edited frame. Loading another source forgets them all."""

PERSISTED_WIDGETS = ("source_kind", "sample")
"""Sidebar choices kept with the session's edits, so a reload shows the same source."""

EXPLANATIONS_KEPT = 16
"""Explanations kept per browser session (each a few seconds of solving to make again)."""

CANCELLED = "Explanation cancelled: press **Explain** to start it again."


@dataclass(frozen=True)
class Loaded:
    """The source the editors started from: its id, its name and its tables."""

    source_id: str
    name: str
    tables: dict[str, Any]


class AppSession:
    """Every rule of the app's session state, over any mutable mapping.

    Parameters
    ----------
    state
        ``st.session_state`` in the app; a ``dict`` in tests.
    """

    def __init__(self, state: MutableMapping[str, Any]) -> None:
        self.state = state

    # ------------------------------------------------------------------ the source

    @property
    def loaded(self) -> Loaded | None:
        """The loaded source, or None before anything is loaded."""
        raw = self.state.get("loaded")
        return None if raw is None else Loaded(raw["id"], raw["name"], raw["tables"])

    def is_loaded(self, source_id: str) -> bool:
        """True when ``source_id`` is what the editors show already (no reload needed)."""
        loaded = self.loaded
        return loaded is not None and loaded.source_id == source_id

    def load(self, source_id: str, name: str, tables: dict[str, Any], scenario: Scenario) -> None:
        """A new source: fresh editors, and the scenario is received, valid and checked."""
        self.start_editors(source_id, name, tables)
        self.state["valid"] = self.state["checked"] = self.state["received"] = scenario

    def start_editors(self, source_id: str, name: str, tables: dict[str, Any]) -> None:
        """Make ``tables`` what the editors show, forgetting the editors' edits and settings."""
        for key in [k for k in self.state if str(k).startswith(EDITOR_PREFIXES)]:
            del self.state[key]
        self.state["loaded"] = {"id": source_id, "name": name, "tables": tables}

    # ------------------------------------------------------------------ the scenario

    @property
    def valid(self) -> Scenario:
        """The last version of the editors that passes every check."""
        return self.state["valid"]

    @property
    def checked(self) -> Scenario:
        """The version the verdict shows."""
        return self.state["checked"]

    @property
    def received(self) -> Scenario | None:
        """The brief as it came in (None for a session restored from disk)."""
        return self.state.get("received")

    def edited(self, scenario: Scenario) -> None:
        """The editors produced a new valid version (not checked until :meth:`check`)."""
        self.state["valid"] = scenario

    def check(self) -> None:
        """The Check button: the verdict now shows the valid version."""
        self.state["checked"] = self.state["valid"]

    @property
    def has_unchecked_edits(self) -> bool:
        """True when the valid version differs from the checked one."""
        return self.state["valid"] != self.state["checked"]

    # ------------------------------------------------------------------ why & fixes

    def request_explanation(self, key: str) -> None:
        """The Explain button, for the scenario with content key ``key``."""
        self.state["explained"] = key

    def explanation_requested(self, key: str) -> bool:
        """True when the scenario with content key ``key`` is to be explained."""
        return self.state.get("explained") == key

    def cancel_explanation(self, message: str = CANCELLED) -> None:
        """The Cancel button: forget the request and say so (``message``: in the page's
        language)."""
        self.state["explained"] = None
        self.state["applied"] = ("info", message)

    def kept_explanation(self, key: Hashable) -> Any | None:
        """The explanation kept under ``key`` (content key, settings, language), if any."""
        return self.state.get("explanations", {}).get(key)

    def keep_explanation(self, key: Hashable, explanation: Any) -> None:
        """Keep ``explanation`` under ``key``; the oldest goes beyond :data:`EXPLANATIONS_KEPT`."""
        kept = self.state.setdefault("explanations", {})
        if len(kept) >= EXPLANATIONS_KEPT:
            kept.pop(next(iter(kept)))
        kept[key] = explanation

    def applied(self, tables: dict[str, Any], scenario: Scenario, message: str) -> None:
        """An alternative was applied: new editor tables and valid version; the brief as
        received stays, so the verdict lists what changed."""
        loaded = self.loaded
        assert loaded is not None, "an alternative is applied to a loaded scenario"
        self.start_editors(loaded.source_id, loaded.name, tables)
        self.state["valid"] = scenario
        self.state["applied"] = ("ok", message)

    def apply_failed(self, message: str) -> None:
        """An alternative could not be applied: the message replaces the success note."""
        self.state["applied"] = ("error", message)

    def take_message(self) -> tuple[str, str] | None:
        """The note about the last apply or cancel, once: (kind, text) or None."""
        return self.state.pop("applied", None)

    # ------------------------------------------------------------------ reloads

    def needs_restore(self) -> bool:
        """True once per browser session, before anything is loaded (then marked done)."""
        if "loaded" in self.state or self.state.get("restored"):
            return False
        self.state["restored"] = True
        return True

    def restore(self, loaded: Loaded, valid: Scenario, widgets: Mapping[str, Any]) -> None:
        """Bring back a saved session: its sidebar choices, editor tables and valid version."""
        for key, value in widgets.items():
            if key in PERSISTED_WIDGETS:
                self.state[key] = value
        self.start_editors(loaded.source_id, loaded.name, loaded.tables)
        self.state["valid"] = self.state["checked"] = valid

    def edited_tables(self) -> dict[str, Any]:
        """The editors' tables as the user left them (edited frames over loaded ones)."""
        loaded = self.loaded
        assert loaded is not None
        return {t: self.state.get(f"last_{t}", frame) for t, frame in loaded.tables.items()}

    def persisted_widgets(self) -> dict[str, Any]:
        """The sidebar choices to save with the session."""
        return {k: self.state[k] for k in PERSISTED_WIDGETS if k in self.state}
