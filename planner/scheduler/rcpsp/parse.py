"""Parse PSPLIB single-mode ``.sm`` files into a :class:`PsplibInstance`.

Every malformed file raises :class:`ValueError` with a ``file:line: message`` text.
"""

from __future__ import annotations

import re
from pathlib import Path

from planner.scheduler.rcpsp.instance import PsplibInstance


class _Lines:
    """A cursor over the lines of a file that builds ``file:line: message`` errors."""

    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.pos = 0

    def error(self, message: str, lineno: int | None = None) -> ValueError:
        line = self.pos if lineno is None else lineno
        return ValueError(f"{self.source}:{line}: {message}")

    def next(self, what: str) -> tuple[int, str]:
        """The next line (1-based number, text); raise if the file ends."""
        if self.pos >= len(self.lines):
            raise ValueError(f"{self.source}:{len(self.lines)}: file ends before {what}")
        self.pos += 1
        return self.pos, self.lines[self.pos - 1]

    def seek(self, marker: str) -> int:
        """Advance past the first line starting with ``marker``; return its number."""
        while self.pos < len(self.lines):
            self.pos += 1
            if self.lines[self.pos - 1].strip().upper().startswith(marker):
                return self.pos
        raise ValueError(f"{self.source}:{len(self.lines)}: missing section {marker!r}")

    def ints(self, lineno: int, text: str, what: str) -> list[int]:
        """All whitespace-separated fields of ``text`` as ints."""
        try:
            return [int(f) for f in text.split()]
        except ValueError:
            raise self.error(f"expected integers in {what}, got {text.strip()!r}", lineno) from None


def _header_value(cursor: _Lines, key: str) -> int:
    """The integer after ``key ... :`` in the header part of the file."""
    for number, line in enumerate(cursor.lines, start=1):
        if line.strip().lower().startswith(key):
            _, _, rest = line.partition(":")
            fields = rest.split()
            if not fields or not fields[0].isdigit():
                raise cursor.error(f"expected a number after {key!r}, got {line.strip()!r}", number)
            return int(fields[0])
        if line.strip().upper().startswith("PRECEDENCE RELATIONS"):
            break
    raise ValueError(f"{cursor.source}:1: header line {key!r} not found")


def parse_sm(text: str, source: str = "<string>") -> PsplibInstance:
    """Parse the text of a single-mode PSPLIB ``.sm`` file.

    Parameters
    ----------
    text : str
        File contents.
    source : str
        File name used for the instance name and in error messages.

    Returns
    -------
    PsplibInstance

    Raises
    ------
    ValueError
        On any malformed content; the message starts with ``source:line:``.
    """
    cur = _Lines(text, source)
    n_jobs = _header_value(cur, "jobs (incl. supersource/sink")
    file_horizon = _header_value(cur, "horizon")
    n_renewable = _header_value(cur, "- renewable")
    for key in ("- nonrenewable", "- doubly constrained"):
        if _header_value(cur, key) != 0:
            raise ValueError(f"{source}:1: only renewable resources are supported ({key} != 0)")
    if n_jobs < 2:
        raise ValueError(f"{source}:1: need at least the two dummy jobs, got {n_jobs}")
    successors = _precedences(cur, n_jobs)
    durations, demands = _requests(cur, n_jobs, n_renewable)
    names, capacities = _availabilities(cur, n_renewable)
    instance = PsplibInstance(
        name=Path(source).stem,
        durations=tuple(durations),
        demands=tuple(demands),
        successors=tuple(successors),
        capacities=tuple(capacities),
        resource_names=names,
        file_horizon=file_horizon,
        source=source,
    )
    try:
        instance.topological_order()
    except ValueError:
        raise ValueError(f"{source}:1: the precedence relations contain a cycle") from None
    return instance


def _precedences(cur: _Lines, n_jobs: int) -> list[tuple[int, ...]]:
    """PRECEDENCE RELATIONS: header line, then one line per job."""
    cur.seek("PRECEDENCE RELATIONS")
    cur.next("the precedence header")
    successors: list[tuple[int, ...]] = []
    for expected in range(1, n_jobs + 1):
        lineno, line = cur.next(f"precedence line of job {expected}")
        _check_not_section_end(cur, line, expected, n_jobs)
        fields = cur.ints(lineno, line, "a precedence line")
        if len(fields) < 3:
            raise cur.error(f"precedence line needs jobnr, #modes, #successors: {line!r}")
        job, modes, count, succ = fields[0], fields[1], fields[2], fields[3:]
        if job != expected:
            raise cur.error(f"expected precedence line of job {expected}, got job {job}")
        if modes != 1:
            raise cur.error(f"job {job} has {modes} modes; only single-mode files are supported")
        if count != len(succ):
            raise cur.error(f"job {job} announces {count} successors but lists {len(succ)}")
        for s in succ:
            if not 1 <= s <= n_jobs or s == job:
                raise cur.error(f"job {job} has invalid successor {s} (jobs are 1..{n_jobs})")
        successors.append(tuple(succ))
    return successors


def _requests(
    cur: _Lines, n_jobs: int, n_renewable: int
) -> tuple[list[int], list[tuple[int, ...]]]:
    """REQUESTS/DURATIONS: header line, dashed line, then one line per job."""
    cur.seek("REQUESTS/DURATIONS")
    cur.next("the requests header")
    lineno, line = cur.next("the dashed line under the requests header")
    if not line.strip().startswith("-"):
        raise cur.error(f"expected a dashed line under the requests header, got {line!r}")
    durations: list[int] = []
    demands: list[tuple[int, ...]] = []
    for expected in range(1, n_jobs + 1):
        lineno, line = cur.next(f"request line of job {expected}")
        _check_not_section_end(cur, line, expected, n_jobs)
        fields = cur.ints(lineno, line, "a request line")
        if len(fields) != 3 + n_renewable:
            raise cur.error(
                f"request line of job {expected} needs jobnr, mode, duration and "
                f"{n_renewable} demands, got {len(fields)} fields"
            )
        job, _mode, duration, req = fields[0], fields[1], fields[2], fields[3:]
        if job != expected:
            raise cur.error(f"expected request line of job {expected}, got job {job}")
        if duration < 0 or any(r < 0 for r in req):
            raise cur.error(f"job {job} has a negative duration or demand")
        durations.append(duration)
        demands.append(tuple(req))
    return durations, demands


def _availabilities(cur: _Lines, n_renewable: int) -> tuple[tuple[str, ...], list[int]]:
    """RESOURCEAVAILABILITIES: names line (``R 1  R 2 ...``), then capacities."""
    cur.seek("RESOURCEAVAILABILITIES")
    lineno, names_line = cur.next("the resource names")
    names = tuple(re.findall(r"[A-Za-z]+\s*\d+", names_line))
    names = tuple(n.replace(" ", "") for n in names)
    if len(names) != n_renewable:
        raise cur.error(f"expected {n_renewable} resource names, got {names_line.strip()!r}")
    lineno, cap_line = cur.next("the resource capacities")
    capacities = cur.ints(lineno, cap_line, "the capacities line")
    if len(capacities) != n_renewable:
        raise cur.error(f"expected {n_renewable} capacities, got {len(capacities)}")
    if any(c < 0 for c in capacities):
        raise cur.error("capacities must not be negative")
    return names, capacities


def _check_not_section_end(cur: _Lines, line: str, expected: int, n_jobs: int) -> None:
    """Raise a clear error when a job table ends before the announced number of jobs."""
    if not line.strip() or line.strip().startswith("*"):
        raise cur.error(f"table ends after {expected - 1} jobs but the header says {n_jobs}")


def read_sm(path: str | Path) -> PsplibInstance:
    """Read and parse a PSPLIB ``.sm`` file (see :func:`parse_sm`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="ascii")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}:1: not an ASCII .sm file ({exc.reason})") from None
    return parse_sm(text, str(path))
