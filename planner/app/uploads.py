"""Reading an uploaded file in a worker process with a time bound (issue 11: a slow parse must
not block other sessions).

The readers' input limits (docs/security.md) already bound the work a file can cause; this
bound is the second line: whatever a file does to the reader, the session waits at most
:func:`read_seconds` and the server's other sessions are not slowed meanwhile.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable

from planner.app.isolated import TookTooLong, WorkerDied, call_isolated
from planner.io import ScenarioError, load_scenario_bytes
from planner.io.errors import file_issue
from planner.model import Scenario

READ_SECONDS_VARIABLE = "PLANNER_READ_SECONDS"
"""Environment variable holding the bound in seconds (a positive number)."""
DEFAULT_READ_SECONDS = 30.0
"""The bound when the variable is not set: a maximal file (3,000 tasks) reads in about 2.4 s
on a shared 2-core machine, so this leaves room for a busy server."""


def read_seconds() -> float:
    """The time bound for reading one upload: ``$PLANNER_READ_SECONDS`` or 30 s.

    A value that is not a positive finite number is ignored (the default applies): a typo in
    the server's settings must not switch the bound off.
    """
    text = os.environ.get(READ_SECONDS_VARIABLE, "").strip()
    try:
        seconds = float(text)
    except ValueError:
        return DEFAULT_READ_SECONDS
    return seconds if math.isfinite(seconds) and seconds > 0 else DEFAULT_READ_SECONDS


def read_upload(
    data: bytes,
    name: str,
    seconds: float | None = None,
    reader: Callable[[bytes, str], Scenario] = load_scenario_bytes,
) -> Scenario:
    """Read an uploaded scenario in a worker process, stopped after ``seconds``.

    Parameters
    ----------
    data, name
        The file's bytes and name (the extension selects the format).
    seconds
        The bound; :func:`read_seconds` when None.
    reader
        What reads the bytes (a module-level function; tests inject a slow one).

    Returns
    -------
    Scenario
        The checked scenario.

    Raises
    ------
    ScenarioError
        The file's own problems, or a file-level message when reading took too long or the
        worker ended without an answer. The caller keeps its current scenario either way.
    """
    bound = read_seconds() if seconds is None else seconds
    try:
        return call_isolated(reader, data, name, seconds=bound)
    except TookTooLong:
        problem = (
            f"this file took longer than {bound:g} s to read, so reading it was stopped "
            "(nothing was changed: the current scenario stays)"
        )
        fix = (
            "check that it is a scenario saved by sla-planner or made from its template; "
            f"the server's bound is set with {READ_SECONDS_VARIABLE}"
        )
        raise ScenarioError([file_issue(name, problem, fix)]) from None
    except WorkerDied as died:
        problem = (
            f"reading this file stopped unexpectedly (exit code {died.exitcode}); "
            "the current scenario stays"
        )
        fix = "try again; if it happens again, report the file to the sla-planner maintainers"
        raise ScenarioError([file_issue(name, problem, fix)]) from None
