"""Checking plain client documents field by field, collecting every problem in the user's language.

The client formats are small, so each value is checked here directly rather than through the
scenario schema: that keeps every message and hint translatable (``_("…")``) and located by
document path (``deliverables[2].effort.designer``), the same :class:`~planner.io.errors.Problem`
the scenario readers use.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Any

from planner.client.model import Estimate
from planner.i18n import Texts
from planner.io.errors import Path, Problem
from planner.io.explain import show

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
LIMIT = 100_000


def shown(value: Any) -> str:
    """A user's value for messages, with containers and "nothing" shown without words (the
    scenario readers' :func:`~planner.io.explain.show` says "a list" in English)."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list | tuple):
        return "[…]" if len(value) > 5 else "[" + ", ".join(shown(v) for v in value) + "]"
    return show(value)


class Fields:
    """Reads values out of a document, recording a :class:`Problem` for each mistake.

    Every reader returns ``None`` for a missing or wrong value so that checking goes on and
    all problems are reported at once.
    """

    def __init__(self, texts: Texts) -> None:
        self.texts = texts
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str, hint: str = "") -> None:
        """Record one problem."""
        self.problems.append(Problem(path, message, hint))

    def mapping(self, value: Any, path: Path, example: str) -> dict[str, Any] | None:
        """``value`` when it is a mapping with text keys."""
        _ = self.texts.gettext
        if isinstance(value, dict):
            return value
        self.add(
            path,
            _("must be a mapping of fields (got {value})").format(value=shown(value)),
            _("write it as key: value pairs, e.g. {example}").format(example=example),
        )
        return None

    def record(
        self, value: Any, path: Path, example: str, allowed: tuple[str, ...]
    ) -> dict[str, Any] | None:
        """``value`` as a mapping whose keys are all in ``allowed`` (problems otherwise)."""
        row = self.mapping(value, path, example)
        if row is not None:
            self.unknown(row, allowed, path)
        return row

    def items(self, data: dict[str, Any], key: str, path: Path, example: str) -> list[Any]:
        """The list under ``key`` (required, not empty)."""
        _ = self.texts.gettext
        value = data.get(key)
        hint = _("list them one per line, e.g. {key}: [{example}]").format(key=key, example=example)
        if value is None:
            self.add((*path, key), _("is required but missing"), hint)
        elif not isinstance(value, list):
            self.add(
                (*path, key), _("must be a list (got {value})").format(value=shown(value)), hint
            )
        elif not value:
            self.add((*path, key), _("must not be empty"), hint)
        else:
            return value
        return []

    def unknown(self, data: dict[str, Any], allowed: tuple[str, ...], path: Path) -> None:
        """A problem for every key not in ``allowed`` (with a "did you mean" guess)."""
        _ = self.texts.gettext
        for key in data:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key).lower(), allowed, n=1, cutoff=0.6)
            hint = _("allowed here: {keys}").format(keys=", ".join(allowed))
            if close:
                hint = _("did you mean {key!r}?").format(key=close[0]) + " " + hint
            self.add((*path, str(key)), _("unknown field {key!r}").format(key=key), hint)

    def text(
        self, data: dict[str, Any], key: str, path: Path, example: str, required: bool = True
    ) -> str | None:
        """A non-empty text (numbers are accepted as their text)."""
        _ = self.texts.gettext
        value = data.get(key)
        hint = _("e.g. {key}: {example}").format(key=key, example=example)
        if value is None:
            if required:
                self.add((*path, key), _("is required but missing"), hint)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.add((*path, key), _("must be text (got {value})").format(value=shown(value)), hint)
            return None
        text = str(value).strip()
        if not text:
            self.add((*path, key), _("must not be empty"), hint)
            return None
        return text

    def identifier(self, data: dict[str, Any], key: str, path: Path, example: str) -> str | None:
        """A short id: letters, digits, ``_ . -``; at most 64 characters."""
        _ = self.texts.gettext
        text = self.text(data, key, path, example)
        if text is not None and not ID_PATTERN.match(text):
            self.add(
                (*path, key),
                _("{value} is not a usable id").format(value=shown(text)),
                _("use letters, digits, '_', '.' or '-' (no spaces), e.g. {key}: {example}").format(
                    key=key, example=example
                ),
            )
            return None
        return text

    def number(
        self,
        value: Any,
        path: Path,
        example: str,
        *,
        minimum: float = 0,
        above: bool = False,
        maximum: float = LIMIT,
    ) -> float | None:
        """A number in ``[minimum, maximum]`` (``> minimum`` when ``above``)."""
        _ = self.texts.gettext
        key = next((str(k) for k in reversed(path) if isinstance(k, str)), "")
        hint = _("e.g. {key}: {example}").format(key=key, example=example)
        if isinstance(value, str) and "," in value:
            hint = _("use a dot as the decimal separator; {hint}").format(hint=hint)
        given = value
        if isinstance(value, bool) or not isinstance(value, int | float):
            try:
                value = float(str(value).strip()) if isinstance(value, str) else None
            except ValueError:
                value = None
        if value is None or value != value or value in (float("inf"), float("-inf")):
            self.add(path, _("must be a number (got {value})").format(value=shown(given)), hint)
            return None
        low_ok = value > minimum if above else value >= minimum
        if not low_ok:
            template = (
                _("must be greater than {limit} (got {value})")
                if above
                else _("must be at least {limit} (got {value})")
            )
            self.add(path, template.format(limit=f"{minimum:g}", value=f"{value:g}"), hint)
            return None
        if value > maximum:
            message = _("must be at most {limit} (got {value})")
            self.add(path, message.format(limit=f"{maximum:g}", value=f"{value:g}"), hint)
            return None
        return float(value)

    def whole(self, value: Any, path: Path, example: str, minimum: int = 0) -> int | None:
        """A whole number of at least ``minimum``."""
        _ = self.texts.gettext
        number = self.number(value, path, example, minimum=minimum)
        if number is not None and not number.is_integer():
            self.add(
                path,
                _("must be a whole number (got {value})").format(value=f"{number:g}"),
                _("round it, e.g. {example}").format(example=example),
            )
            return None
        return None if number is None else int(number)

    def estimate(
        self, value: Any, path: Path, example: str, above: bool = False
    ) -> Estimate | None:
        """One figure, or a ``[low, typical, high]`` range in increasing order."""
        _ = self.texts.gettext
        hint = _("give one figure or [low, typical, high], e.g. {example}").format(example=example)
        if isinstance(value, dict):
            value = [value.get(point) for point in ("low", "typical", "high")]
        if not isinstance(value, list | tuple):
            figure = self.number(value, path, example, above=above)
            return None if figure is None else Estimate.single(figure)
        if len(value) != 3:
            message = _("a range needs three figures: low, typical, high (got {value})")
            self.add(path, message.format(value=shown(value)), hint)
            return None
        figures = [self.number(v, (*path, i), example, above=above) for i, v in enumerate(value)]
        if any(f is None for f in figures):
            return None
        low, typical, high = figures  # type: ignore[misc]
        if not low <= typical <= high:
            message = _("low, typical and high must not decrease (got {value})")
            self.add(path, message.format(value=shown(value)), hint)
            return None
        return Estimate(low, typical, high)

    def day(
        self, data: dict[str, Any], key: str, path: Path, example: str, required: bool = True
    ) -> date | None:
        """A date written as YYYY-MM-DD (or a date cell in a workbook)."""
        _ = self.texts.gettext
        value = data.get(key)
        hint = _("write the date as YYYY-MM-DD, e.g. {key}: {example}").format(
            key=key, example=example
        )
        if value is None:
            if required:
                self.add((*path, key), _("is required but missing"), hint)
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            message = _("{value} is not a date").format(value=shown(value))
            self.add((*path, key), message, hint)
            return None

    def choice(self, value: str, options: list[str], path: Path, what: str) -> bool:
        """True when ``value`` is one of ``options``; else a problem naming the closest ones."""
        _ = self.texts.gettext
        if value in options:
            return True
        close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
        hint = _("use one of: {options}").format(options=", ".join(options) or "—")
        if close:
            hint = _("did you mean {key!r}?").format(key=close[0]) + " " + hint
        self.add(path, what.format(value=shown(value)), hint)
        return False
