"""Benchmark the production scheduling core on PSPLIB RCPSP sets (j30, j60, j120).

For a deterministic sample of instances per set, runs

1. ``core``: the production core,
``planner.scheduler.solve(planner.scheduler.rcpsp.to_problem(...))``,
2. ``textbook``: the plain CP-SAT model of :mod:`bench.references`,
3. ``sgs-lft``: the serial SGS with the latest-finish-time priority rule,

validates every schedule with the independent :func:`planner.scheduler.rcpsp.check_schedule`, and
prints
a Markdown table per set and method (optionally also JSON / Markdown files).

Example::

    python bench/psplib.py --sets j30,j60,j120 --sample 48 --time-limit 10 --workers 2 --seed 0 \
        --json out/psplib.json --md out/psplib.md
"""

from __future__ import annotations

import argparse
import inspect
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.psplib_data import psplib_folder  # noqa: E402
from bench.references import ReferenceResult, solve_sgs_lft, solve_textbook  # noqa: E402
from planner.scheduler.rcpsp import (  # noqa: E402
    PsplibInstance,
    ReferenceRow,
    check_schedule,
    makespan_of,
    read_reference,
    read_sm,
    starts_by_job,
    to_problem,
)

ALL_METHODS = ("core", "textbook", "sgs-lft")
SETS = ("j30", "j60", "j120")


@dataclass
class RunRecord:
    """One method on one instance."""

    set: str
    instance: str
    method: str
    status: str
    makespan: int | None
    bound: int | None
    best_known_upper_bound: int
    lower_bound: int
    cpm_lower_bound: int
    reference_optimal: bool
    proven_optimal: bool
    dev_ub_pct: float | None
    dev_cpm_pct: float | None
    best_seconds: float | None
    wall_seconds: float
    valid: bool | None
    violations: list[str]
    error: str = ""


def sample_rows(rows: Sequence[ReferenceRow], set_name: str, sample: int) -> list[ReferenceRow]:
    """A deterministic sample of ``sample`` instances of ``set_name`` spread over groups.

    Rows are sorted by (parameter group, instance number); with ``k = len // sample`` the
    ``i``-th pick is row ``i*k + (i mod k)``, i.e. one instance from each block of ``k`` rows
    and a rotating instance number, so e.g. 48 of j30's 480 rows gives one instance per
    parameter group with instance numbers 1, 2, .., 10, 1, ...  ``sample <= 0`` or larger than
    the set takes every instance.
    """
    chosen = sorted((r for r in rows if r.set == set_name), key=lambda r: (r.group, r.number))
    if sample <= 0 or sample >= len(chosen):
        return chosen
    k = len(chosen) // sample
    return [chosen[i * k + (i % k)] for i in range(sample)]


def _core_solver() -> Callable[..., object] | None:
    """``planner.scheduler.solve`` if the production core provides it, else None."""
    try:
        from planner import scheduler
    except ImportError:
        return None
    return getattr(scheduler, "solve", None)


def run_core(
    solve: Callable[..., object],
    instance: PsplibInstance,
    time_limit: float,
    workers: int,
    seed: int,
    wallclock: bool = False,
) -> ReferenceResult:
    """Run the production core and convert its SolveResult to a :class:`ReferenceResult`.

    ``wallclock=True`` passes ``deterministic=False`` so that ``time_limit`` is a wall-clock
    limit like the textbook model's (the core's default limits CP-SAT's deterministic time).
    """
    problem = to_problem(instance)
    extra = {"deterministic": False} if wallclock else {}
    t0 = time.perf_counter()
    res = solve(problem, time_limit=time_limit, seed=seed, workers=workers, **extra)
    wall = time.perf_counter() - t0
    schedule = getattr(res, "schedule", None)
    starts = starts_by_job(schedule.start) if schedule is not None else {}
    best = getattr(res, "best_solution_seconds", None)
    return ReferenceResult(
        status=str(res.status),
        starts=starts,
        makespan=makespan_of(instance, starts) if starts else None,
        bound=getattr(res, "bound", None),
        wall_seconds=wall,
        best_solution_seconds=best,
        first_solution_seconds=getattr(res, "first_solution_seconds", None),
    )


def _pct(value: int, base: int) -> float:
    return 100.0 * (value - base) / base if base else 0.0


def evaluate(
    row: ReferenceRow,
    instance: PsplibInstance,
    method: str,
    result: ReferenceResult | None,
    error: str = "",
) -> RunRecord:
    """Validate a result and compute its figures against the reference row."""
    ub, cpm = row.best_known_upper_bound, row.cpm_lower_bound
    if result is None or not result.starts:
        return RunRecord(
            set=row.set,
            instance=row.instance,
            method=method,
            status=result.status if result else "ERROR",
            makespan=None,
            bound=result.bound if result else None,
            best_known_upper_bound=ub,
            lower_bound=row.lower_bound,
            cpm_lower_bound=cpm,
            reference_optimal=row.optimal,
            proven_optimal=False,
            dev_ub_pct=None,
            dev_cpm_pct=None,
            best_seconds=None,
            wall_seconds=result.wall_seconds if result else 0.0,
            valid=None,
            violations=[],
            error=error,
        )
    violations = check_schedule(instance, result.starts)
    makespan = makespan_of(instance, result.starts)
    if result.makespan is not None and result.makespan != makespan:
        violations.append(
            f"reported makespan {result.makespan} differs from the schedule's {makespan}"
        )
    proven = result.status == "OPTIMAL"
    if proven and makespan < row.lower_bound:
        violations.append(f"claims optimal makespan {makespan} below known bound {row.lower_bound}")
    return RunRecord(
        set=row.set,
        instance=row.instance,
        method=method,
        status=result.status,
        makespan=makespan,
        bound=result.bound,
        best_known_upper_bound=ub,
        lower_bound=row.lower_bound,
        cpm_lower_bound=cpm,
        reference_optimal=row.optimal,
        proven_optimal=proven,
        dev_ub_pct=_pct(makespan, ub),
        dev_cpm_pct=_pct(makespan, cpm),
        best_seconds=result.best_solution_seconds,
        wall_seconds=result.wall_seconds,
        valid=not violations,
        violations=violations,
        error=error,
    )


def summarise(records: Sequence[RunRecord]) -> dict[str, object]:
    """Aggregate figures over the records of one set and method.

    Deviations and times are averaged over instances with a schedule; ``n`` counts all.
    """
    solved = [r for r in records if r.makespan is not None]
    best_times = [r.best_seconds for r in solved if r.best_seconds is not None]

    def mean(values: Sequence[float]) -> float | None:
        return statistics.fmean(values) if values else None

    return {
        "n": len(records),
        "solved": len(solved),
        "proven_optimal": sum(r.proven_optimal for r in records),
        "proven_optimal_share": (
            sum(r.proven_optimal for r in records) / len(records) if records else None
        ),
        "hits_best_known": sum(
            r.makespan is not None and r.makespan <= r.best_known_upper_bound for r in records
        ),
        "mean_dev_ub_pct": mean([r.dev_ub_pct for r in solved if r.dev_ub_pct is not None]),
        "mean_dev_cpm_pct": mean([r.dev_cpm_pct for r in solved if r.dev_cpm_pct is not None]),
        "mean_best_seconds": mean(best_times),
        "median_best_seconds": statistics.median(best_times) if best_times else None,
        "mean_wall_seconds": mean([r.wall_seconds for r in records]),
        "median_wall_seconds": (
            statistics.median([r.wall_seconds for r in records]) if records else None
        ),
        "invalid": sum(r.valid is False for r in records),
        "errors": sum(bool(r.error) for r in records),
    }


def _fmt(value: object, spec: str) -> str:
    if value is None:
        return "–"
    return format(value, spec)


def markdown_table(summary: dict[str, dict[str, dict[str, object]]], title: str) -> str:
    """Markdown table with one row per set and method."""
    lines = [
        f"### {title}",
        "",
        "| set | method | n | solved | proven opt. | hits best known | mean dev. UB % "
        "| mean dev. CPM % | mean t_best s | median t_best s | mean wall s | median wall s "
        "| invalid | errors |",
        "| --- | --- " + "| ---: " * 12 + "|",
    ]
    for set_name, methods in summary.items():
        for method, s in methods.items():
            share = s["proven_optimal_share"]
            pct = _fmt(None if share is None else 100 * share, ".0f")
            proven = f"{s['proven_optimal']} ({pct}%)"
            if method == "sgs-lft":
                proven = "n/a"
            lines.append(
                f"| {set_name} | {method} | {s['n']} | {s['solved']} | {proven} "
                f"| {s['hits_best_known']} | {_fmt(s['mean_dev_ub_pct'], '.2f')} "
                f"| {_fmt(s['mean_dev_cpm_pct'], '.2f')} "
                f"| {_fmt(s['mean_best_seconds'], '.2f')} "
                f"| {_fmt(s['median_best_seconds'], '.2f')} "
                f"| {_fmt(s['mean_wall_seconds'], '.2f')} "
                f"| {_fmt(s['median_wall_seconds'], '.2f')} "
                f"| {s['invalid']} | {s['errors']} |"
            )
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="j30", help="comma-separated: j30,j60,j120")
    parser.add_argument("--sample", type=int, default=48, help="instances per set (0 = all)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per CP-SAT run")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT num_workers")
    parser.add_argument("--seed", type=int, default=0, help="CP-SAT random seed")
    parser.add_argument(
        "--methods", default=",".join(ALL_METHODS), help=f"comma-separated of {ALL_METHODS}"
    )
    parser.add_argument(
        "--data", type=Path, default=None, help="PSPLIB folder (default: bench/psplib.tar.xz)"
    )
    parser.add_argument("--json", type=Path, default=None, help="write records + summary here")
    parser.add_argument("--md", type=Path, default=None, help="write the Markdown table here")
    parser.add_argument(
        "--core-wallclock",
        action="store_true",
        help="run the core with deterministic=False (wall-clock limit, like the textbook model)",
    )
    parser.add_argument("--quiet", action="store_true", help="no per-instance progress lines")
    args = parser.parse_args(argv)
    args.sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    args.methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    for s in args.sets:
        if s not in SETS:
            parser.error(f"unknown set {s!r}; choose from {SETS}")
    for m in args.methods:
        if m not in ALL_METHODS:
            parser.error(f"unknown method {m!r}; choose from {ALL_METHODS}")
    if args.data is None:
        args.data = psplib_folder()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return 1 if any schedule failed validation, else 0."""
    args = parse_args(argv)
    data: Path = args.data
    ref_path = data / "reference.csv"
    if not ref_path.is_file():
        print(f"error: {ref_path} not found (use --data DIR)", file=sys.stderr)
        return 2
    rows = read_reference(ref_path)

    methods = list(args.methods)
    core = _core_solver() if "core" in methods else None
    if "core" in methods and core is None:
        print(
            "WARNING: planner.scheduler.solve is not available; skipping method 'core'",
            file=sys.stderr,
        )
        methods.remove("core")
    wallclock_ok = core is None or "deterministic" in inspect.signature(core).parameters
    if args.core_wallclock and not wallclock_ok:
        print("error: the core's solve() has no 'deterministic' parameter", file=sys.stderr)
        return 2

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    records: list[RunRecord] = []
    for set_name in args.sets:
        chosen = sample_rows(rows, set_name, args.sample)
        log(f"{set_name}: {len(chosen)} instances, methods {methods}")
        for row in chosen:
            instance = read_sm(data / row.file)
            for method in methods:
                error = ""
                result: ReferenceResult | None = None
                try:
                    if method == "core":
                        assert core is not None
                        result = run_core(
                            core,
                            instance,
                            args.time_limit,
                            args.workers,
                            args.seed,
                            wallclock=args.core_wallclock,
                        )
                    elif method == "textbook":
                        result = solve_textbook(
                            instance, args.time_limit, workers=args.workers, seed=args.seed
                        )
                    else:
                        result = solve_sgs_lft(instance)
                except Exception as exc:  # report and count, keep benchmarking
                    error = f"{type(exc).__name__}: {exc}"
                rec = evaluate(row, instance, method, result, error)
                records.append(rec)
                if rec.valid is False:
                    print(
                        f"!!! INVALID SCHEDULE {row.instance} {method}: "
                        + "; ".join(rec.violations[:5]),
                        file=sys.stderr,
                        flush=True,
                    )
                if rec.error:
                    print(f"!!! ERROR {row.instance} {method}: {rec.error}", file=sys.stderr)
                log(
                    f"  {row.instance:<10} {method:<9} {rec.status:<9} ms={rec.makespan} "
                    f"ub={row.best_known_upper_bound} lb={row.lower_bound} "
                    f"t_best={_fmt(rec.best_seconds, '.2f')} wall={rec.wall_seconds:.2f}"
                )

    summary: dict[str, dict[str, dict[str, object]]] = {}
    for set_name in args.sets:
        summary[set_name] = {}
        for method in methods:
            subset = [r for r in records if r.set == set_name and r.method == method]
            summary[set_name][method] = summarise(subset)

    title = (
        f"PSPLIB sample={args.sample} time_limit={args.time_limit}s workers={args.workers} "
        f"seed={args.seed}" + (" core=wall-clock" if args.core_wallclock else "")
    )
    table = markdown_table(summary, title)
    notes = (
        "\nDeviations and times are over instances with a schedule. dev. UB = % above the best "
        "known makespan; dev. CPM = % above the critical-path bound. t_best = time to the best "
        "solution (SGS: its run time); wall = the whole call, including the proof of optimality."
    )
    print(table + "\n" + notes)
    invalid = sum(r.valid is False for r in records)
    errors = sum(bool(r.error) for r in records)
    if invalid:
        print(f"\n!!! {invalid} schedule(s) FAILED validation", file=sys.stderr)
    if args.md:
        args.md.parent.mkdir(parents=True, exist_ok=True)
        args.md.write_text(table + "\n" + notes + "\n", encoding="utf-8")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "args": {
                "sets": args.sets,
                "sample": args.sample,
                "time_limit": args.time_limit,
                "workers": args.workers,
                "seed": args.seed,
                "methods": methods,
                "core_wallclock": args.core_wallclock,
                "data": str(data),
            },
            "machine": {"python": platform.python_version(), "platform": platform.platform()},
            "summary": summary,
            "invalid": invalid,
            "errors": errors,
            "records": [asdict(r) for r in records],
        }
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 1 if invalid or errors else 0


if __name__ == "__main__":
    sys.exit(main())
