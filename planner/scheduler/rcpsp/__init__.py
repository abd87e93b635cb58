"""PSPLIB single-mode RCPSP instances: parse ``.sm`` files, build a :class:`Problem`, check.

The PSPLIB sets j30/j60/j120 (Kolisch & Sprecher 1996) are the public yardstick for the
scheduling core: a fixed-duration activity with demands on several renewable resources and
``objective="makespan"`` is exactly an RCPSP job.

Conventions used throughout this package:

* Jobs keep their PSPLIB numbers ``1 .. n``; job ``1`` is the dummy source and job ``n`` the
  dummy sink (duration 0, no demand). Both dummies are **kept**: :func:`to_problem` turns them
  into zero-duration activities and :func:`check_schedule` expects a start for every job.
* The activity id of job ``j`` is ``"j<j>"`` (see :func:`activity_id`); resource ids are the
  names from the ``RESOURCEAVAILABILITIES`` header without spaces (``"R1"`` .. ``"R4"``).
* A start is the first period a job runs; it occupies periods ``start .. start+duration-1``.

Modules: :mod:`~planner.scheduler.rcpsp.instance` (the instance, job keys, critical path),
:mod:`~planner.scheduler.rcpsp.parse` (``.sm`` files), :mod:`~planner.scheduler.rcpsp.reference`
(``reference.csv``), :mod:`~planner.scheduler.rcpsp.convert` (:func:`to_problem`) and
:mod:`~planner.scheduler.rcpsp.check` (:func:`check_schedule`).

:func:`check_schedule` is an independent validator: it shares no code with the CP-SAT core or
with :func:`to_problem`, so that a bug in the model cannot hide behind the same bug in the check.
"""

from __future__ import annotations

from planner.scheduler.rcpsp.check import check_schedule
from planner.scheduler.rcpsp.convert import to_problem
from planner.scheduler.rcpsp.instance import (
    PsplibInstance,
    activity_id,
    critical_path_length,
    job_of,
    makespan_of,
    starts_by_job,
)
from planner.scheduler.rcpsp.parse import parse_sm, read_sm
from planner.scheduler.rcpsp.reference import ReferenceRow, read_reference

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
