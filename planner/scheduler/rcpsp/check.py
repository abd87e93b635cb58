"""The independent RCPSP schedule check.

It shares no code with the CP-SAT core or with :func:`planner.scheduler.rcpsp.to_problem`, so that a
bug in the model cannot hide behind the same bug in the check.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.scheduler.rcpsp.instance import PsplibInstance, job_of


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
    by_job, problems = _starts_by_job(instance, starts)
    if problems:
        return problems
    return _precedence_problems(instance, by_job) + _capacity_problems(instance, by_job)


def _starts_by_job(
    instance: PsplibInstance, starts: Mapping[int | str, int]
) -> tuple[dict[int, int], list[str]]:
    """Start per job number, and the problems of the keys (unknown, missing, doubled)."""
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
    return by_job, problems


def _precedence_problems(instance: PsplibInstance, by_job: dict[int, int]) -> list[str]:
    problems: list[str] = []
    dur = instance.durations
    for job in range(1, instance.n_jobs + 1):
        if by_job[job] < 0:
            problems.append(f"job {job} starts at negative period {by_job[job]}")
    for job in range(1, instance.n_jobs + 1):
        end = by_job[job] + dur[job - 1]
        for succ in instance.successors[job - 1]:
            if by_job[succ] < end:
                problems.append(
                    f"precedence {job} -> {succ} violated: job {job} ends at {end}, "
                    f"job {succ} starts at {by_job[succ]}"
                )
    return problems


def _capacity_problems(instance: PsplibInstance, by_job: dict[int, int]) -> list[str]:
    problems: list[str] = []
    n, dur = instance.n_jobs, instance.durations
    last = max(by_job[j] + dur[j - 1] for j in range(1, n + 1))
    first = min(0, *by_job.values())
    for k, cap in enumerate(instance.capacities):
        usage = [0] * (last - first + 1)
        for job in range(1, n + 1):
            need = instance.demands[job - 1][k]
            for t in range(by_job[job], by_job[job] + dur[job - 1]) if need else ():
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
