"""PSPLIB single-mode RCPSP instances: parse ``.sm`` files, build a :class:`Problem`, check.

The PSPLIB sets j30/j60/j120 (Kolisch & Sprecher 1996) are the public yardstick for the
scheduling core: a fixed-duration activity with demands on several renewable resources and
``objective="makespan"`` is exactly an RCPSP job.

Conventions used throughout this module:

* Jobs keep their PSPLIB numbers ``1 .. n``; job ``1`` is the dummy source and job ``n`` the
  dummy sink (duration 0, no demand). Both dummies are **kept**: :func:`to_problem` turns them
  into zero-duration activities and :func:`check_schedule` expects a start for every job.
* The activity id of job ``j`` is ``"j<j>"`` (see :func:`activity_id`); resource ids are the
  names from the ``RESOURCEAVAILABILITIES`` header without spaces (``"R1"`` .. ``"R4"``).
* A start is the first period a job runs; it occupies periods ``start .. start+duration-1``.

:func:`check_schedule` is an independent validator: it shares no code with the CP-SAT core or
with :func:`to_problem`, so that a bug in the model cannot hide behind the same bug in the check.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from planner.scheduler.problem import Activity, Precedence, Problem, Resource

__all__ = [
    "PsplibInstance",
    "ReferenceRow",
    "activity_id",
    "check_schedule",
    "critical_path_length",
    "job_of",
    "makespan_of",
    "parse_sm",
    "read_reference",
    "read_sm",
    "starts_by_job",
    "to_problem",
]


@dataclass(frozen=True)
class PsplibInstance:
    """One single-mode RCPSP instance as read from a PSPLIB ``.sm`` file.

    Attributes
    ----------
    name : str
        File stem, e.g. ``"j301_1"``.
    durations : tuple[int, ...]
        ``durations[j - 1]`` is the duration of job ``j``.
    demands : tuple[tuple[int, ...], ...]
        ``demands[j - 1][k]`` is the per-period demand of job ``j`` on resource ``k``.
    successors : tuple[tuple[int, ...], ...]
        ``successors[j - 1]`` lists the job numbers that may start only after ``j`` finished.
    capacities : tuple[int, ...]
        Per-period capacity of each renewable resource.
    resource_names : tuple[str, ...]
        Resource names without spaces (``"R1"`` ..), same order as ``capacities``.
    file_horizon : int
        The ``horizon`` line of the file (a loose upper bound; sum of durations).
    source : str
        Where the instance was read from (used in error messages).
    """

    name: str
    durations: tuple[int, ...]
    demands: tuple[tuple[int, ...], ...]
    successors: tuple[tuple[int, ...], ...]
    capacities: tuple[int, ...]
    resource_names: tuple[str, ...]
    file_horizon: int = 0
    source: str = ""

    @property
    def n_jobs(self) -> int:
        """Number of jobs including the two dummies."""
        return len(self.durations)

    @property
    def jobs(self) -> range:
        """Job numbers ``1 .. n_jobs``."""
        return range(1, self.n_jobs + 1)

    @property
    def horizon(self) -> int:
        """Sum of all durations: every feasible instance has a schedule ending by then."""
        return sum(self.durations)

    def predecessors(self) -> tuple[tuple[int, ...], ...]:
        """``predecessors()[j - 1]`` lists the jobs that must finish before ``j`` starts."""
        preds: list[list[int]] = [[] for _ in self.durations]
        for job in self.jobs:
            for succ in self.successors[job - 1]:
                preds[succ - 1].append(job)
        return tuple(tuple(p) for p in preds)


@dataclass(frozen=True)
class ReferenceRow:
    """One row of the benchmark folder's ``reference.csv`` (see its README)."""

    set: str
    instance: str
    file: str
    lower_bound: int
    best_known_upper_bound: int
    optimal: bool
    cpm_lower_bound: int

    @property
    def group(self) -> int:
        """PSPLIB parameter group (``j3013_7`` -> 13)."""
        return _split_stem(self.set, self.instance)[0]

    @property
    def number(self) -> int:
        """Instance number within its parameter group (``j3013_7`` -> 7)."""
        return _split_stem(self.set, self.instance)[1]


def activity_id(job: int) -> str:
    """The :class:`Activity` id used for PSPLIB job ``job`` (``3`` -> ``"j3"``)."""
    return f"j{job}"


def job_of(key: int | str) -> int:
    """The job number of an activity id (``"j3"`` -> 3); ints pass through.

    Raises
    ------
    ValueError
        If ``key`` is neither an int nor an id made by :func:`activity_id`.
    """
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    if isinstance(key, str) and re.fullmatch(r"j\d+", key):
        return int(key[1:])
    raise ValueError(f"not a PSPLIB job key: {key!r}")


def starts_by_job(starts: Mapping[int | str, int]) -> dict[int, int]:
    """Re-key a start mapping (by job number or activity id) by job number."""
    return {job_of(k): int(v) for k, v in starts.items()}


def makespan_of(instance: PsplibInstance, starts: Mapping[int | str, int]) -> int:
    """Latest finish ``start + duration`` over the jobs in ``starts``."""
    by_job = starts_by_job(starts)
    return max((s + instance.durations[j - 1] for j, s in by_job.items()), default=0)


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------


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

    # PRECEDENCE RELATIONS: header line, then one line per job.
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

    # REQUESTS/DURATIONS: header line, dashed line, then one line per job.
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

    # RESOURCEAVAILABILITIES: names line (``R 1  R 2 ...``), then capacities.
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

    _check_acyclic(successors, source)
    return PsplibInstance(
        name=Path(source).stem,
        durations=tuple(durations),
        demands=tuple(demands),
        successors=tuple(successors),
        capacities=tuple(capacities),
        resource_names=names,
        file_horizon=file_horizon,
        source=source,
    )


def _check_not_section_end(cur: _Lines, line: str, expected: int, n_jobs: int) -> None:
    """Raise a clear error when a job table ends before the announced number of jobs."""
    if not line.strip() or line.strip().startswith("*"):
        raise cur.error(f"table ends after {expected - 1} jobs but the header says {n_jobs}")


def _check_acyclic(successors: list[tuple[int, ...]], source: str) -> None:
    """Raise ValueError if the precedence graph has a cycle."""
    indegree = [0] * len(successors)
    for succ in successors:
        for s in succ:
            indegree[s - 1] += 1
    ready = [j for j, d in enumerate(indegree, start=1) if d == 0]
    seen = 0
    while ready:
        job = ready.pop()
        seen += 1
        for s in successors[job - 1]:
            indegree[s - 1] -= 1
            if indegree[s - 1] == 0:
                ready.append(s)
    if seen != len(successors):
        raise ValueError(f"{source}:1: the precedence relations contain a cycle")


def read_sm(path: str | Path) -> PsplibInstance:
    """Read and parse a PSPLIB ``.sm`` file (see :func:`parse_sm`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="ascii")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}:1: not an ASCII .sm file ({exc.reason})") from None
    return parse_sm(text, str(path))


def read_reference(path: str | Path) -> list[ReferenceRow]:
    """Read ``reference.csv`` of the PSPLIB benchmark folder, in file order."""
    rows: list[ReferenceRow] = []
    with Path(path).open(newline="", encoding="utf-8") as handle:
        for number, rec in enumerate(csv.DictReader(handle), start=2):
            try:
                rows.append(
                    ReferenceRow(
                        set=rec["set"],
                        instance=rec["instance"],
                        file=rec["file"],
                        lower_bound=int(rec["lower_bound"]),
                        best_known_upper_bound=int(rec["best_known_upper_bound"]),
                        optimal=rec["optimal"].strip() == "True",
                        cpm_lower_bound=int(rec["cpm_lower_bound"]),
                    )
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{number}: bad reference row ({exc})") from None
    return rows


def _split_stem(set_name: str, stem: str) -> tuple[int, int]:
    match = re.fullmatch(re.escape(set_name) + r"(\d+)_(\d+)", stem)
    if not match:
        raise ValueError(f"instance name {stem!r} does not look like {set_name}<group>_<number>")
    return int(match.group(1)), int(match.group(2))


# ---------------------------------------------------------------------------------------------
# Problem construction
# ---------------------------------------------------------------------------------------------


def to_problem(instance: PsplibInstance) -> Problem:
    """The generic scheduling :class:`Problem` of an RCPSP instance.

    Every job (dummies included) becomes a fixed-duration activity ``"j<n>"`` with its nonzero
    demands; each resource is a pool with constant capacity over the horizon (sum of
    durations); successors become zero-lag precedences; the objective is the makespan.
    """
    horizon = instance.horizon
    resources = tuple(
        Resource(id=name, capacity=(cap,) * horizon)
        for name, cap in zip(instance.resource_names, instance.capacities, strict=True)
    )
    activities = tuple(
        Activity(
            id=activity_id(job),
            duration=instance.durations[job - 1],
            demands={
                name: d
                for name, d in zip(instance.resource_names, instance.demands[job - 1], strict=True)
                if d > 0
            },
        )
        for job in instance.jobs
    )
    precedences = tuple(
        Precedence(before=activity_id(job), after=activity_id(succ))
        for job in instance.jobs
        for succ in instance.successors[job - 1]
    )
    return Problem(
        resources=resources,
        activities=activities,
        precedences=precedences,
        horizon=horizon,
        objective="makespan",
    )


def critical_path_length(instance: PsplibInstance) -> int:
    """Makespan with unlimited resources (longest path through the precedence graph)."""
    finish = [0] * instance.n_jobs
    preds = instance.predecessors()
    # Topological order without assuming the file numbers jobs topologically.
    order = _topological_jobs(instance)
    for job in order:
        start = max((finish[p - 1] for p in preds[job - 1]), default=0)
        finish[job - 1] = start + instance.durations[job - 1]
    return max(finish, default=0)


def _topological_jobs(instance: PsplibInstance) -> list[int]:
    indegree = [0] * instance.n_jobs
    for succ in instance.successors:
        for s in succ:
            indegree[s - 1] += 1
    ready = [j for j in instance.jobs if indegree[j - 1] == 0]
    order: list[int] = []
    while ready:
        job = ready.pop(0)
        order.append(job)
        for s in instance.successors[job - 1]:
            indegree[s - 1] -= 1
            if indegree[s - 1] == 0:
                ready.append(s)
    return order


# ---------------------------------------------------------------------------------------------
# Independent validation
# ---------------------------------------------------------------------------------------------


def check_schedule(instance: PsplibInstance, starts: Mapping[int | str, int]) -> list[str]:
    """Check an RCPSP schedule against the instance; an empty list means it is feasible.

    Parameters
    ----------
    instance : PsplibInstance
        The instance.
    starts : Mapping[int | str, int]
        Start period of every job, keyed by job number or by activity id (``"j3"``).

    Returns
    -------
    list[str]
        One message per problem: missing/unknown jobs, negative starts, violated precedences
        (``start[succ] >= start[job] + duration[job]``) and periods where a resource is
        over its capacity.
    """
    problems: list[str] = []
    by_job: dict[int, int] = {}
    for key, value in starts.items():
        try:
            job = job_of(key)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if job in by_job:
            problems.append(f"job {job} has two starts")
        by_job[job] = int(value)
    n = instance.n_jobs
    unknown = sorted(j for j in by_job if not 1 <= j <= n)
    if unknown:
        problems.append(f"unknown jobs {unknown} (instance has jobs 1..{n})")
    missing = [j for j in range(1, n + 1) if j not in by_job]
    if missing:
        problems.append(f"no start for jobs {missing}")
    if problems:
        return problems

    dur = instance.durations
    for job in range(1, n + 1):
        if by_job[job] < 0:
            problems.append(f"job {job} starts at negative period {by_job[job]}")
    for job in range(1, n + 1):
        end = by_job[job] + dur[job - 1]
        for succ in instance.successors[job - 1]:
            if by_job[succ] < end:
                problems.append(
                    f"precedence {job} -> {succ} violated: job {job} ends at {end}, "
                    f"job {succ} starts at {by_job[succ]}"
                )

    last = max(by_job[j] + dur[j - 1] for j in range(1, n + 1))
    first = min(0, *by_job.values())
    for k, cap in enumerate(instance.capacities):
        usage = [0] * (last - first + 1)
        for job in range(1, n + 1):
            need = instance.demands[job - 1][k]
            if need == 0:
                continue
            for t in range(by_job[job], by_job[job] + dur[job - 1]):
                usage[t - first] += need
        for offset, used in enumerate(usage):
            if used > cap:
                period = offset + first
                running = [
                    j
                    for j in range(1, n + 1)
                    if instance.demands[j - 1][k] and by_job[j] <= period < by_job[j] + dur[j - 1]
                ]
                problems.append(
                    f"resource {instance.resource_names[k]} over capacity at period {period}: "
                    f"{used} > {cap} (jobs {running})"
                )
    return problems
