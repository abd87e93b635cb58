"""Run one call in a worker process with a wall-clock bound; the worker is killed on expiry.

The app reads uploaded files with it: every Streamlit session is a thread of one server
process, so a file that is slow to read would hold Python's global interpreter lock and slow
every other session. In a worker process the slow part runs on its own; the session's thread
only waits on a pipe (which releases the lock), and a worker that runs past its bound is
killed, so nothing of it is left behind.

Workers come from a ``forkserver`` (a small single-threaded process started once, with the
planner's readers already imported), so a worker starts in milliseconds and forking never
copies a multi-threaded server. Where ``forkserver`` does not exist, ``spawn`` is used.
Arguments and results cross the pipe the way :mod:`multiprocessing` sends them; they are this
program's own objects (file bytes in, a checked scenario or an error out), never data read
from a file.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing import spawn
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

PRELOAD = ("planner.io", "holidays.countries", "encodings.utf_8_sig")
"""Modules the fork server imports once, so that each worker starts ready to read (the
readers import the holiday calendars on their first use)."""


class TookTooLong(Exception):
    """The worker was still running after ``seconds`` and was killed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"still running after {seconds:g} s; stopped")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.seconds,))


class WorkerDied(Exception):
    """The worker ended without an answer (killed from outside, out of memory, a crash)."""

    def __init__(self, exitcode: int | None) -> None:
        self.exitcode = exitcode
        super().__init__(f"the worker process ended without an answer (exit code {exitcode})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.exitcode,))


class WorkerError(Exception):
    """An error raised in the worker that could not be sent back as itself."""


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    return context


_LAUNCH = threading.Lock()
"""Held while a worker starts (see :func:`_start`)."""
_MAIN_KEYS = ("init_main_from_path", "init_main_from_name")


def _without_main(prepare: Callable[[str], dict[str, Any]]) -> Callable[[str], dict[str, Any]]:
    def without(name: str) -> dict[str, Any]:
        data = prepare(name)
        for key in _MAIN_KEYS:
            data.pop(key, None)
        return data

    return without


def _start(worker: Any) -> None:
    """Start ``worker`` without making it run the parent's main script first.

    A new ``spawn`` or ``forkserver`` process normally imports the parent's ``__main__`` (by
    path or module name), so that objects defined there can be sent to it. Under Streamlit,
    ``__main__`` is the app script itself: every worker would run the whole app before
    reading its file. Nothing a worker here receives is defined in ``__main__`` (functions
    travel by module and name), so that step is left out, for these workers only: the
    preparation data is filtered while the lock is held.
    """
    with _LAUNCH:
        prepare = spawn.get_preparation_data
        spawn.get_preparation_data = _without_main(prepare)
        try:
            worker.start()
        finally:
            spawn.get_preparation_data = prepare


def _work(send: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """The worker's body: send ``(True, result)`` or ``(False, error)`` once, then end."""
    try:
        answer: tuple[bool, Any] = (True, function(*args))
    except Exception as error:  # every error goes back to the caller, which re-raises it
        answer = (False, error)
    try:
        send.send(answer)
    except Exception as error:  # an unpicklable result or error: say what it was
        send.send((False, WorkerError(f"{type(error).__name__}: {error}")))
    send.close()


def call_isolated(function: Callable[..., T], *args: Any, seconds: float) -> T:
    """``function(*args)`` in a worker process, killed if it runs longer than ``seconds``.

    Parameters
    ----------
    function
        A module-level function (the worker imports it by name).
    *args
        Its arguments.
    seconds
        Wall-clock bound, from the worker's start.

    Returns
    -------
    T
        What ``function`` returned.

    Raises
    ------
    TookTooLong
        The bound passed; the worker was killed and reaped before this is raised.
    WorkerDied
        The worker ended without an answer.
    Exception
        Whatever ``function`` raised, re-raised here (``WorkerError`` if it could not be sent).
    """
    if not seconds > 0:
        raise ValueError(f"seconds must be positive, not {seconds!r}")
    context = _context()
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(send, function, args), daemon=True)
    try:
        _start(worker)
        send.close()  # ours; the worker holds its own copy, so its end shows as EOF here
        if not receive.poll(seconds):
            raise TookTooLong(seconds)
        ok, value = receive.recv()
    except EOFError:
        worker.join()
        raise WorkerDied(worker.exitcode) from None
    finally:
        send.close()
        receive.close()
        _stop(worker)
    if ok:
        return value
    raise value


def _stop(worker: Any) -> None:
    """Kill ``worker`` if it still runs and reap it, so no process is left behind."""
    if worker.pid is None:  # never started
        return
    if worker.is_alive():
        worker.kill()
    worker.join()
