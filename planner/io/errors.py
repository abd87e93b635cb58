"""Problems found while reading a scenario, reported with file, location and a fix.

Readers never stop at the first mistake: they collect :class:`Issue` objects and raise one
:class:`ScenarioError` carrying all of them, so a user can fix everything in one go.

Internally, checks that work on the document tree report a :class:`Problem` (a path such as
``("brief", "tasks", 3, "hours")``); a *locator* turns that path into what the user sees, e.g.
``brief.tasks[3].hours`` for YAML or ``sheet tasks, row 5, column hours`` for a workbook.

Every sentence is a :class:`Message`: a gettext id of the ``errors`` catalogue with its
parameters, marked with :func:`N_`. It *is* its English text (a ``str``), so callers that
print or compare it are unaffected, and :func:`render` words it in Finnish or Polish at
display time; the location (file, sheet, row, YAML path, field) stays as the user wrote it.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from planner.i18n import DEFAULT_LANGUAGE, Texts

ERRORS_DOMAIN = "errors"
"""The gettext domain of input error messages (``planner/i18n/locale/*/LC_MESSAGES/errors.po``)."""

PathKey = str | int
Path = tuple[PathKey, ...]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
Locator = Callable[[Path], tuple[str, int | None]]
"""Maps a document path to ``(location, line)``; ``line`` is ``None`` when unknown."""


class Message(str):
    """A user-facing sentence: its English text, plus the gettext id and parameters to word it
    in another language later (see :func:`render`).

    Parameters
    ----------
    template:
        The message id, an English ``str.format`` template such as ``"must be at least {ge}"``.
    params:
        The values of its placeholders; :class:`Message` values are themselves translated.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any] | None = None) -> Message:
        values = dict(params or {})
        text = super().__new__(cls, _fill(template, values, DEFAULT_LANGUAGE))
        text.template, text.params = template, values
        return text

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The sentence in ``lang`` (English when the catalogue has no translation)."""
        return _fill(self.template, self.params, lang)


def _fill(template: str, params: dict[str, Any], lang: str) -> str:
    if lang != DEFAULT_LANGUAGE:
        template = Texts(lang, ERRORS_DOMAIN).gettext(template)
    values = {key: render(value, lang) for key, value in params.items()}
    # a message without parameters is literal text (it may show braces, e.g. a YAML mapping)
    return template.format(**values) if params else template


def N_(template: str, /, **params: Any) -> Message:
    """Mark ``template`` for the ``errors`` catalogue and fill it with ``params`` when shown.

    ``N_("must be at least {ge}", ge=0)`` is ``"must be at least 0"`` in English and is worded
    in the user's language by :func:`render`.
    """
    return Message(template, params)


def render(text: Any, lang: str = DEFAULT_LANGUAGE) -> Any:
    """``text`` in ``lang`` if it is a :class:`Message`; any other value unchanged."""
    return text.render(lang) if isinstance(text, Message) else text


def join(parts: Iterable[Any], separator: str = " ") -> Message:
    """Several sentences (messages or plain text) as one message, each worded when shown."""
    present = [part for part in parts if part]
    names = [f"part{number}" for number in range(len(present))]
    template = separator.join("{" + name + "}" for name in names)
    return Message(template, dict(zip(names, present, strict=True)))


@dataclass(frozen=True)
class Issue:
    """One mistake in a scenario file.

    Attributes
    ----------
    file:
        The file (or upload / table set) the scenario came from.
    location:
        Where in it, e.g. ``team[2].hours_per_week`` or ``sheet tasks, row 5, column hours``;
        empty for problems with the file as a whole.
    message:
        What is wrong, e.g. ``must be greater than 0 (got -4)``.
    hint:
        How to fix it, e.g. ``give the agency effort in hours, e.g. hours: 16``.
    line:
        Line number in a text file when known.
    """

    file: str
    location: str
    message: str
    hint: str = ""
    line: int | None = None

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The issue as one line in ``lang``: location as written, message and fix translated."""
        location = render(self.location, lang)
        where = f"{self.file}: {location}" if location else self.file
        if self.line is not None:
            where += render(N_(" (line {line})", line=self.line), lang)
        text = f"{where}: {render(self.message, lang)}"
        if self.hint:
            text = render(N_("{text}. Fix: {hint}", text=text, hint=self.hint), lang)
        # user text quoted in a message never reaches a terminal as ESC/BEL sequences
        return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class ScenarioError(Exception):
    """A scenario could not be read; ``issues`` lists every problem found.

    Parameters
    ----------
    issues:
        The problems, in the order they should be shown (at least one).
    file:
        The file name for the header; defaults to the first issue's file.
    """

    def __init__(self, issues: Iterable[Issue], file: str | None = None) -> None:
        self.issues: list[Issue] = list(dict.fromkeys(issues))
        if not self.issues:
            raise ValueError("ScenarioError needs at least one issue")
        self.file = file if file is not None else self.issues[0].file
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[list[Issue], str]]:
        # rebuilt from its issues when it crosses a process boundary (planner.app.isolated)
        return (type(self), (self.issues, self.file))

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Every issue under a header, in ``lang`` (default English)."""
        count = len(self.issues)
        words = Texts(lang, ERRORS_DOMAIN)
        header = words.ngettext(
            "{count} problem in {file}:", "{count} problems in {file}:", count
        ).format(count=count, file=self.file)
        return "\n".join([header, *(f"  {issue.render(lang)}" for issue in self.issues)])


@dataclass(frozen=True)
class Problem:
    """A mistake at a document path, before it is given a user-facing location."""

    path: Path
    message: str
    hint: str = ""

    def locate(self, file: str, locator: Locator) -> Issue:
        """Turn the path into an :class:`Issue` for ``file`` using ``locator``."""
        location, line = locator(self.path)
        return Issue(file, location, self.message, self.hint, line)


def file_issue(file: str, message: str, hint: str = "", line: int | None = None) -> Issue:
    """An issue about the file as a whole (no field location)."""
    return Issue(file, "", message, hint, line)


def dotted(path: Path) -> str:
    """Format a document path the way it is written in YAML: ``brief.tasks[3].hours``."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """``"did you mean 'hours_per_week'?"`` for the closest option (ignoring case), else ``""``."""
    by_key = {option.lower(): option for option in itertools.islice(options, 2000)}
    close = difflib.get_close_matches(str(word).strip().lower(), list(by_key), n=1, cutoff=0.6)
    return N_("did you mean {option!r}?", option=by_key[close[0]]) if close else ""
