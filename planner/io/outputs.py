"""Writing output files and folders so that nothing is overwritten silently or left half-done.

* A file (``planner convert``, ``planner template``) is written to a temporary file next to it
  and moved into place in one step; an existing file is replaced only when the caller says so
  (``--overwrite``), and never when it is the file being read.
* An output folder (``check --out``) is filled as a hidden temporary folder next to it and
  renamed into place when complete. An existing folder that holds files is refused unless
  ``--overwrite`` is given; two runs into one folder cannot both report success (the second
  rename fails and says so). A failure or Ctrl-C removes the temporary folder.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from planner.io.errors import ScenarioError, file_issue

PARTIAL_PREFIX = ".planner-partial-"
"""Name prefix of the temporary folders and files (removed on failure)."""

_LIVE: set[Path] = set()
"""Temporary files and folders being written now (removed by :func:`remove_partials`)."""


def remove_partials() -> None:
    """Delete every temporary file or folder still being written (used on Ctrl-C)."""
    for path in list(_LIVE):
        for _ in range(2):  # a writer thread may add a file while the folder is removed
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        _LIVE.discard(path)


def _exists(target: Path, source: str) -> ScenarioError:
    kind = "folder" if target.is_dir() else "file"
    return ScenarioError(
        [
            file_issue(
                source,
                f"this {kind} already exists and would be overwritten",
                f"choose another {'folder' if kind == 'folder' else 'file name'}, or add "
                "--overwrite to replace it",
            )
        ]
    )


def folder_in_use(target: Path) -> bool:
    """Whether ``target`` exists as anything but an empty folder."""
    if not target.exists() and not target.is_symlink():
        return False
    return not target.is_dir() or any(target.iterdir())


def check_target(
    target: Path, overwrite: bool, *, folder: bool, reading: Path | None = None
) -> None:
    """Refuse to write ``target`` when that would silently replace something.

    Parameters
    ----------
    target:
        The file or folder about to be written.
    overwrite:
        Whether the user asked to replace an existing one.
    folder:
        ``True`` for an output folder (an empty existing folder is fine).
    reading:
        The input file, which is never replaced, even with ``overwrite``.

    Raises
    ------
    ScenarioError
        When ``target`` exists (and ``overwrite`` is false) or is the input file.
    """
    if reading is not None and target.exists() and target.resolve() == reading.resolve():
        raise ScenarioError(
            [
                file_issue(
                    str(target),
                    "this is the file being read; writing it would lose its comments and layout",
                    "give the converted scenario another file name",
                )
            ]
        )
    in_use = folder_in_use(target) if folder else (target.exists() or target.is_symlink())
    if in_use and not overwrite:
        raise _exists(target, str(target))
    if folder and target.exists() and not target.is_dir():
        raise ScenarioError(
            [file_issue(str(target), "this is a file, not a folder", "give a folder for --out")]
        )


def write_file_atomically(target: Path, write: Callable[[Path], None], overwrite: bool) -> None:
    """Call ``write(temporary_path)`` and move the result to ``target`` in one step.

    Parameters
    ----------
    target:
        The file to create.
    write:
        Writes the whole file to the path it is given (its suffix is ``target``'s).
    overwrite:
        Replace an existing ``target``; otherwise a file that appeared meanwhile is kept
        and the write is refused.

    Raises
    ------
    ScenarioError
        When ``target`` exists and ``overwrite`` is false.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=PARTIAL_PREFIX, suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    _LIVE.add(temporary)
    try:
        write(temporary)
        if overwrite:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)  # fails if target exists: no silent replacement
            except FileExistsError:
                raise _exists(target, str(target)) from None
    finally:
        temporary.unlink(missing_ok=True)
        _LIVE.discard(temporary)


@contextlib.contextmanager
def folder_written_atomically(target: Path, overwrite: bool) -> Iterator[Path]:
    """A temporary folder to fill; renamed to ``target`` when the block ends without error.

    Parameters
    ----------
    target:
        The output folder to create (or an empty existing one).
    overwrite:
        Replace an existing folder with files in it.

    Yields
    ------
    Path
        The temporary folder (a hidden sibling of ``target``).

    Raises
    ------
    ScenarioError
        When ``target`` holds files (and ``overwrite`` is false), including files another
        run wrote while this one was working.
    """
    check_target(target, overwrite, folder=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=PARTIAL_PREFIX, dir=target.parent))
    _LIVE.add(temporary)
    try:
        yield temporary
        _move_into_place(temporary, target, overwrite)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
        _LIVE.discard(temporary)


def _move_into_place(temporary: Path, target: Path, overwrite: bool) -> None:
    old: Path | None = None
    if overwrite and folder_in_use(target):
        old = Path(tempfile.mkdtemp(prefix=PARTIAL_PREFIX, dir=target.parent)) / "old"
        os.rename(target, old)
    try:
        os.rename(temporary, target)  # atomic; fails if target is a folder with files
    except OSError:
        if old is not None:
            os.rename(old, target)
        raise ScenarioError(
            [
                file_issue(
                    str(target),
                    "the folder was filled by another program or run while this one worked; "
                    "this run's files were not written",
                    "run again with another --out folder",
                )
            ]
        ) from None
    finally:
        if old is not None:
            shutil.rmtree(old.parent, ignore_errors=True)


def partial_leftovers(folder: Path) -> list[Path]:
    """Temporary files or folders of this module left in ``folder`` (none after a clean run)."""
    return sorted(folder.glob(PARTIAL_PREFIX + "*"))


def progress_printer(folder: Path, stream: TextIO | None = None) -> Callable[[Path, float], None]:
    """A ``progress`` for :func:`planner.report.write_outputs` that prints each file at once.

    Large exports take minutes (a Gantt of 460 tasks as PDF, the report printed by Chromium),
    so ``check --out`` says which file is done as soon as it is, e.g.
    ``planner: [7] wrote gantt.pdf (8.5 s)``.

    Parameters
    ----------
    folder
        The folder being filled; files are named relative to it (it may be the temporary one).
    stream
        Where to print; standard error when None (standard output carries the answer).
    """
    count = itertools.count(1)

    def report(path: Path, seconds: float) -> None:
        name = path.relative_to(folder) if path.is_relative_to(folder) else path
        line = f"planner: [{next(count)}] wrote {name} ({seconds:.1f} s)"
        print(line, file=stream if stream is not None else sys.stderr, flush=True)

    return report
