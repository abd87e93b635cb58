"""Ctrl-C for the command line: stop at once, say so, exit 130, leave no partial output.

CP-SAT is told not to catch SIGINT itself (``catch_sigint_signal = False`` in
:mod:`planner.scheduler`), because when it does, an interrupted solve simply returns its best
plan so far and the result looks like an ordinary time-out. Instead the command's work runs in
a worker thread while the main thread waits; Python delivers Ctrl-C to the main thread as
``KeyboardInterrupt`` immediately, even in the middle of a long solve or export. The main
thread then removes the temporary output (:func:`planner.io.outputs.remove_partials`), prints one
sentence and ends the process with exit code 130 (the shell convention for SIGINT) without
waiting for the solver thread.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from planner.io.outputs import remove_partials

T = TypeVar("T")

EXIT_INTERRUPTED = 130
STOPPED = "planner: stopped by Ctrl-C; nothing was written"


def run_interruptible(work: Callable[[], T]) -> T:
    """Run ``work()`` so that Ctrl-C ends the process at once with exit code 130.

    Parameters
    ----------
    work:
        The command's whole job (read, plan, write).

    Returns
    -------
    T
        What ``work`` returned; its exceptions are raised here unchanged.
    """
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the main thread below
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="planner-command", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        stop_now()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def stop_now() -> None:
    """Remove partial output, say so and end the process with exit code 130."""
    remove_partials()
    print(STOPPED, file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)
