"""Problems found while reading a scenario, reported with file, location and a fix.

Readers never stop at the first mistake: they collect :class:`Issue` objects and raise one
:class:`ScenarioError` carrying all of them, so a user can fix everything in one go.

Internally, checks that work on the document tree report a :class:`Problem` (a path such as
``("brief", "tasks", 3, "hours")``); a *locator* turns that path into what the user sees, e.g.
``brief.tasks[3].hours`` for YAML or ``sheet tasks, row 5, column hours`` for a workbook.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

PathKey = str | int
Path = tuple[PathKey, ...]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
Locator = Callable[[Path], tuple[str, int | None]]
"""Maps a document path to ``(location, line)``; ``line`` is ``None`` when unknown."""


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
        where = f"{self.file}: {self.location}" if self.location else self.file
        if self.line is not None:
            where += f" (line {self.line})"
        text = f"{where}: {self.message}"
        text = f"{text}. Fix: {self.hint}" if self.hint else text
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
        # rebuilt from its issues when it crosses a process boundary (planner.isolated)
        return (type(self), (self.issues, self.file))

    def __str__(self) -> str:
        count = len(self.issues)
        header = f"{count} problem{'s' if count != 1 else ''} in {self.file}:"
        return "\n".join([header, *(f"  {issue}" for issue in self.issues)])


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
    return f"did you mean {by_key[close[0]]!r}?" if close else ""
