"""One size of the agency scale benchmark, measured in its own process (see bench/scale.py).

:func:`measure` generates the scenario, runs the production pipeline of
:func:`planner.planning.pipeline.plan_scenario` step by step (prepare → build_problem → solve →
plan_from_result) with CP-SAT's log captured, turns the serial heuristic's schedule into a
plan of its own (the earliest verdict the planner could give), validates both plans with the
independent :func:`planner.validate.rules.validate_plan`, records the peak resident memory, and only
then rebuilds the CP-SAT model family by family to time each part and count variables.
"""

from __future__ import annotations

import os
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

from planner.generate.scenario import generate_agency
from planner.plan import Plan
from planner.planning.agency import build_problem
from planner.planning.pipeline import PlanningContext, plan_from_result, prepare
from planner.scheduler import Problem, Schedule, SolveResult, serial_sgs, solve
from planner.scheduler.constraints import add_capacity, add_effort_rules, add_precedences
from planner.scheduler.cpsat import add_schedule_hint
from planner.scheduler.objective import stages
from planner.scheduler.problem import lateness_of
from planner.scheduler.solve import model_shape, warm_start
from planner.scheduler.variables import Variables, create_variables
from planner.validate.rules import validate_plan


@dataclass
class Stage:
    """One CP-SAT call as its log tells it (seconds from the call's own start)."""

    presolve_s: float | None = None
    search_start_s: float | None = None
    first_solution_s: float | None = None
    wall_s: float | None = None
    deterministic_s: float | None = None
    status: str = ""
    presolved_variables: int | None = None


@dataclass
class SizeRecord:
    """Everything measured for one ``people × tasks × months`` size."""

    size: str
    people: int
    tasks: int
    months: int
    seed: int
    time_limit: float
    instances: int = 0
    effort_tasks: int = 0
    promises: int = 0
    periods: int = 0
    horizon: int = 0
    generate_s: float = 0.0
    prepare_s: float = 0.0
    problem_s: float = 0.0
    heuristic_s: float = 0.0
    heuristic_verdict_s: float = 0.0
    heuristic_lateness: int | None = None
    heuristic_kept: int = 0
    heuristic_violations: int = 0
    warm_start_s: float = 0.0
    warm_start_lateness: int | None = None
    narrowed: bool = False
    solve_s: float = 0.0
    cpsat_first_s: float | None = None
    cpsat_best_s: float | None = None
    final_s: float = 0.0
    status: str = ""
    proven_optimal: bool = False
    lateness: int | None = None
    kept: int = 0
    broken: int = 0
    verdict: str = ""
    violations: int = 0
    violation_rules: list[str] = field(default_factory=list)
    validate_s: float = 0.0
    peak_rss_mb: float = 0.0
    variables: int = 0
    constraints: int = 0
    units: int = 0
    active: int = 0
    assigned: int = 0
    build: dict[str, float] = field(default_factory=dict)
    stages: list[Stage] = field(default_factory=list)
    message: str = ""


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def captured_stdout() -> Iterator[list[str]]:
    """Redirect file descriptor 1 (where CP-SAT logs) into a list of lines."""
    lines: list[str] = []
    sys.stdout.flush()
    saved = os.dup(1)
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as sink:
        os.dup2(sink.fileno(), 1)
        try:
            yield lines
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)
            sink.seek(0)
            lines.extend(sink.read().splitlines())


_PATTERNS: dict[str, re.Pattern[str]] = {
    "presolve_start": re.compile(r"^Starting presolve at ([\d.]+)s"),
    "search_start": re.compile(r"^Starting (?:deterministic )?search at ([\d.]+)s"),
    "first_solution": re.compile(r"^#1\s+([\d.]+)s"),
    "wall": re.compile(r"^walltime: ([\d.]+)"),
    "deterministic": re.compile(r"^deterministic_time: ([\d.]+)"),
}
_PRESOLVED = re.compile(r"^#Variables: ([\d']+)")


def _stage(values: dict[str, float], status: str, presolved: int | None) -> Stage:
    start, search = values.get("presolve_start"), values.get("search_start")
    return Stage(
        presolve_s=None if start is None or search is None else round(search - start, 3),
        search_start_s=search,
        first_solution_s=values.get("first_solution"),
        wall_s=values.get("wall"),
        deterministic_s=values.get("deterministic"),
        status=status,
        presolved_variables=presolved,
    )


def parse_cpsat_log(lines: list[str]) -> list[Stage]:
    """One :class:`Stage` per ``Starting CP-SAT solver`` block of a CP-SAT log."""
    blocks: list[list[str]] = []
    for line in lines:
        if line.startswith("Starting CP-SAT solver"):
            blocks.append([])
        elif blocks:
            blocks[-1].append(line)
    found = []
    for block in blocks:
        values: dict[str, float] = {}
        status, presolved, after_presolve = "", None, False
        for line in block:
            for name, pattern in _PATTERNS.items():
                match = pattern.match(line)
                if match and name not in values:
                    values[name] = float(match.group(1))
            after_presolve = after_presolve or line.startswith("Presolved optimization model")
            count = _PRESOLVED.match(line)
            if count and after_presolve and presolved is None:
                presolved = int(count.group(1).replace("'", ""))
            if line.startswith("status: "):
                status = line.split(": ", 1)[1].strip()
        found.append(_stage(values, status, presolved))
    return found


def _timed(action: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    value = action()
    return value, time.perf_counter() - started


def _check(scenario: Any, plan: Plan) -> tuple[int, list[str]]:
    violations = validate_plan(scenario, plan)
    return len(violations), sorted({v.rule for v in violations})


def measure(
    people: int,
    tasks: int,
    months: int,
    seed: int,
    time_limit: float,
    workers: int,
    deterministic: bool | None = None,
    log_file: Path | None = None,
) -> SizeRecord:
    """Plan one generated agency and measure every step (see the module docstring).

    ``deterministic`` is passed to :func:`planner.scheduler.solve` (None: its default, as
    :func:`planner.planning.pipeline.plan_scenario` uses it); ``log_file``, when given, receives
    CP-SAT's full search log.
    """
    record = SizeRecord(f"{people}x{tasks}x{months}", people, tasks, months, seed, time_limit)
    scenario, record.generate_s = _timed(lambda: generate_agency(people, tasks, months, seed))
    context, record.prepare_s = _timed(lambda: prepare(scenario))
    problem, record.problem_s = _timed(
        lambda: build_problem(scenario, context.calendar, context.instances)
    )
    record.instances = len(context.instances)
    record.effort_tasks = sum(1 for a in problem.activities if a.is_effort)
    record.promises = sum(1 for a in problem.activities if a.due is not None)
    record.periods = len(context.calendar)
    heuristic, record.heuristic_s = _timed(lambda: serial_sgs(problem))
    _heuristic_plan(record, context, problem, heuristic)
    warm, record.warm_start_s = _timed(lambda: warm_start(problem, time_limit, seed))
    record.warm_start_lateness = None if warm is None else lateness_of(problem, warm)
    with captured_stdout() as log:
        result, record.solve_s = _timed(
            lambda: solve(problem, time_limit, seed, workers, deterministic=deterministic, log=True)
        )
    plan, plan_s = _timed(lambda: plan_from_result(context, result))
    record.peak_rss_mb = peak_rss_mb()
    record.final_s = record.prepare_s + record.problem_s + record.solve_s + plan_s
    record.stages = parse_cpsat_log(log)
    if log_file is not None:
        log_file.write_text("\n".join(log) + "\n", encoding="utf-8")
    record.status, record.message = result.status, result.message
    record.proven_optimal = result.status == "OPTIMAL"
    record.lateness = result.lateness
    if result.first_solution_seconds is not None:
        record.cpsat_first_s = record.prepare_s + record.problem_s + result.first_solution_seconds
    if result.best_solution_seconds is not None:
        record.cpsat_best_s = record.prepare_s + record.problem_s + result.best_solution_seconds
    record.kept = sum(1 for p in plan.promises if p.met)
    record.broken = len(plan.promises) - record.kept
    record.verdict = plan.verdict
    (record.violations, record.violation_rules), record.validate_s = _timed(
        lambda: _check(scenario, plan)
    )
    _profile_model(record, problem, warm)
    return record


def _heuristic_plan(
    record: SizeRecord, context: PlanningContext, problem: Problem, heuristic: Schedule | None
) -> None:
    """The serial heuristic's schedule as a plan: time to that verdict, its promises, validity."""
    if heuristic is None:
        return
    result = SolveResult(status="FEASIBLE", schedule=heuristic)
    plan, plan_s = _timed(lambda: plan_from_result(context, result))
    record.heuristic_verdict_s = record.prepare_s + record.problem_s + record.heuristic_s + plan_s
    record.heuristic_lateness = lateness_of(problem, heuristic)
    record.heuristic_kept = sum(1 for p in plan.promises if p.met)
    record.heuristic_violations, _ = _check(context.scenario, plan)


def _profile_model(record: SizeRecord, problem: Problem, warm: Schedule | None) -> None:
    """Rebuild the CP-SAT model as :func:`planner.scheduler.solve.solve` does, timed."""
    (horizon, caps), shape_s = _timed(lambda: model_shape(problem, warm))
    record.horizon = horizon
    record.narrowed = caps is not None
    model = cp_model.CpModel()
    timings: dict[str, float] = {"shape": shape_s}
    variables: Variables
    variables, timings["variables"] = _timed(
        lambda: create_variables(model, problem, horizon, caps)
    )
    steps: dict[str, Callable[[], Any]] = {
        "precedence": lambda: add_precedences(model, problem, variables),
        "effort_rules": lambda: add_effort_rules(model, problem, variables),
        "capacity": lambda: add_capacity(model, problem, variables),
        "objectives": lambda: stages(model, problem, variables),
    }
    for name, step in steps.items():
        _, timings[name] = _timed(step)
    if warm is not None:
        _, timings["hint"] = _timed(lambda: add_schedule_hint(model, variables, warm))
    timings["total"] = sum(timings.values())
    record.build = {name: round(seconds, 3) for name, seconds in timings.items()}
    record.variables = len(model.proto.variables)
    record.constraints = len(model.proto.constraints)
    record.units = len(variables.units)
    record.active = len(variables.active)
    record.assigned = len(variables.assigned)
