"""Agency scale benchmark: generated agencies from 10 people × 50 tasks × 1 month up to
60 people × 2,000 tasks × 6 months, planned with the production pipeline.

Each size runs in a fresh subprocess (so peak memory, ``ru_maxrss``, is the size's own) and
reports the time to build the model, to a first plan (the serial heuristic's, and CP-SAT's
first solution), to the final plan, whether it is proven optimal, promises kept/broken, peak
memory and the independent validator's violations (must be 0). Growth with size is fitted by
log-log least squares (``y ≈ a·xᵇ``). Prints Markdown tables; ``--json`` writes everything.

Example::

    python bench/scale.py --sizes 10x50x1,15x100x2,25x300x3 --seed 0 --json out/scale.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.scale_run import measure  # noqa: E402

DEFAULT_SIZES = ("10x50x1", "15x100x2", "25x300x3", "40x800x4", "60x2000x6")
DEFAULT_LIMITS = {"10x50x1": 10.0, "15x100x2": 20.0, "25x300x3": 30.0, "40x800x4": 60.0}
DEFAULT_LIMITS["60x2000x6"] = 120.0
GOAL_SIZE, GOAL_SECONDS = "25x300x3", 5.0


def parse_size(text: str) -> tuple[int, int, int]:
    """``"25x300x3"`` → ``(25, 300, 3)`` (people, task instances, months)."""
    parts = text.lower().split("x")
    if len(parts) != 3 or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise argparse.ArgumentTypeError(f"size {text!r} is not PEOPLExTASKSxMONTHS")
    people, tasks, months = (int(p) for p in parts)
    return people, tasks, months


def default_limit(size: str) -> float:
    """Time limit of a size: the table above, else 10 s × (tasks / 50)^0.67 (5 s steps)."""
    if size in DEFAULT_LIMITS:
        return DEFAULT_LIMITS[size]
    tasks = parse_size(size)[1]
    return max(5.0, 5.0 * round(2 * (tasks / 50) ** 0.67))


def loglog_fit(xs: Sequence[float], ys: Sequence[float]) -> dict[str, float] | None:
    """Least squares of ``log y = log a + b log x``; None with fewer than two usable points.

    Returns
    -------
    dict or None
        ``a``, ``b`` (the growth exponent), ``r2`` and ``n``.
    """
    points = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if x > 0 and y > 0]
    n = len(points)
    if n < 2:
        return None
    mean_x = sum(p[0] for p in points) / n
    mean_y = sum(p[1] for p in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    b = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    log_a = mean_y - b * mean_x
    total = sum((y - mean_y) ** 2 for _, y in points)
    residual = sum((y - log_a - b * x) ** 2 for x, y in points)
    r2 = 1 - residual / total if total > 0 else 1.0
    return {"a": math.exp(log_a), "b": b, "r2": r2, "n": n}


FITS: dict[str, tuple[str, str]] = {
    "heuristic verdict s vs instances": ("instances", "heuristic_verdict_s"),
    "model build s vs instances": ("instances", "build_total_s"),
    "CP-SAT first plan s vs instances": ("instances", "cpsat_first_s"),
    "final plan s vs instances": ("instances", "final_s"),
    "model variables vs instances": ("instances", "variables"),
    "CP-SAT first plan s vs variables": ("variables", "cpsat_first_s"),
    "peak RSS MiB vs variables": ("variables", "peak_rss_mb"),
}


def fits(records: Sequence[dict[str, Any]]) -> dict[str, dict[str, float] | None]:
    """The growth fits of :data:`FITS` over the sizes that produced a record."""
    rows = [dict(r, build_total_s=r["build"].get("total", 0.0)) for r in records if "build" in r]
    found = {}
    for name, (x, y) in FITS.items():
        usable = [r for r in rows if r.get(x) is not None and r.get(y) is not None]
        found[name] = loglog_fit([r[x] for r in usable], [r[y] for r in usable])
    return found


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _int(value: int | None) -> str:
    return "–" if value is None else str(value)


def _stage_text(stage: dict[str, Any]) -> str:
    """``presolve + search s (status)``, or the wall time when presolve used the budget up."""
    wall, search = stage["wall_s"], stage["search_start_s"]
    if search is None:
        return f"{_num(wall, 1)} all presolve ({stage['status']})"
    return f"{_num(stage['presolve_s'], 1)} + {_num(wall - search, 1)} ({stage['status']})"


def markdown(records: Sequence[dict[str, Any]], growth: dict[str, Any]) -> str:
    """The result tables: overview, where the time goes, growth fits."""
    lines = [
        "| size | instances | promises | variables | constraints | build s | heuristic "
        "verdict s | CP-SAT 1st plan s | final plan s | limit s | status | kept / broken "
        "| weighted days late: SGS / restarts / final | peak MiB | violations |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|",
    ]
    for r in records:
        if "error" in r:
            lines.append(f"| {r['size']} | ERROR: {r['error']} |" + " |" * 13)
            continue
        lines.append(
            f"| {r['size']} | {r['instances']} | {r['promises']} | {r['variables']} | "
            f"{r['constraints']} | {_num(r['build'].get('total'))} | "
            f"{_num(r['heuristic_verdict_s'])} | {_num(r['cpsat_first_s'])} | "
            f"{_num(r['final_s'])} | {r['time_limit']:g} | {r['status']} | "
            f"{r['kept']} / {r['broken']} (heuristic {r['heuristic_kept']}) | "
            f"{_int(r.get('heuristic_lateness'))} / {_int(r.get('warm_start_lateness'))} / "
            f"{_int(r.get('lateness'))} | {r['peak_rss_mb']:.0f} | {r['violations']} |"
        )
    lines += [
        "",
        "| size | prepare s | problem s | SGS s | restarts s | windows | vars s | effort rules s "
        "| capacity s | objectives s | hint s | units / active / assigned | CP-SAT stages 1–3: "
        "presolve s + search s (status) |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in records:
        if "error" in r:
            continue
        b = r["build"]
        stage_text = "; ".join(_stage_text(stage) for stage in r["stages"])
        lines.append(
            f"| {r['size']} | {_num(r['prepare_s'])} | {_num(r['problem_s'])} | "
            f"{_num(r['heuristic_s'], 3)} | {_num(r.get('warm_start_s'))} | "
            f"{'narrowed' if r.get('narrowed') else 'full'} | {_num(b.get('variables'))} | "
            f"{_num(b.get('effort_rules'))} | {_num(b.get('capacity'))} | "
            f"{_num(b.get('objectives'))} | {_num(b.get('hint'))} | "
            f"{r['units']} / {r['active']} / {r['assigned']} | {stage_text} |"
        )
    lines += ["", "| growth fit (y ≈ a·xᵇ) | a | b | r² | n |", "|---|---:|---:|---:|---:|"]
    for name, fit in growth.items():
        if fit is None:
            lines.append(f"| {name} | – | – | – | – |")
        else:
            lines.append(
                f"| {name} | {fit['a']:.3g} | {fit['b']:.2f} | {fit['r2']:.2f} | {fit['n']} |"
            )
    return "\n".join(lines)


def run_size(size: str, args: argparse.Namespace) -> dict[str, Any]:
    """Measure one size in a fresh subprocess; an ``error`` key says what went wrong."""
    limit = args.time_limit if args.time_limit is not None else default_limit(size)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "record.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", size]
        command += ["--out", str(out), "--time-limit", str(limit), "--seed", str(args.seed)]
        command += ["--workers", str(args.workers), "--memory-gb", str(args.memory_gb)]
        if args.wallclock:
            command.append("--wallclock")
        if args.logs:
            command += ["--logs", str(args.logs)]
        timeout = args.timeout_factor * limit + 300
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"size": size, "time_limit": limit, "error": f"timeout after {timeout:.0f} s"}
        if proc.returncode != 0 or not out.is_file():
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            return {"size": size, "time_limit": limit, "error": f"exit {proc.returncode}: {tail}"}
        return json.loads(out.read_text(encoding="utf-8"))


def _child(args: argparse.Namespace) -> int:
    if args.memory_gb > 0:
        limit = int(args.memory_gb * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    people, tasks, months = parse_size(args.child)
    limit = args.time_limit if args.time_limit is not None else default_limit(args.child)
    log_file = None
    if args.logs:
        args.logs.mkdir(parents=True, exist_ok=True)
        log_file = args.logs / f"{args.child}-limit{limit:g}-seed{args.seed}.log"
    record = measure(
        people,
        tasks,
        months,
        args.seed,
        limit,
        args.workers,
        deterministic=False if args.wallclock else None,
        log_file=log_file,
    )
    Path(args.out).write_text(json.dumps(asdict(record), indent=2), encoding="utf-8")
    return 0


def _run_all(args: argparse.Namespace) -> list[dict[str, Any]]:
    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        parse_size(size)
    records = []
    for size in sizes:
        print(f"[scale] {size} ...", file=sys.stderr, flush=True)
        record = run_size(size, args)
        records.append(record)
        print(f"[scale] {size}: {record.get('error') or record['status']}", file=sys.stderr)
    return records


def build_parser() -> argparse.ArgumentParser:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(DEFAULT_SIZES), help="e.g. 10x50x1,25x300x3")
    parser.add_argument(
        "--time-limit", type=float, help="solver limit per size (default: 10/20/30/60/120 s)"
    )
    parser.add_argument("--seed", type=int, default=0, help="generator and solver seed")
    parser.add_argument(
        "--workers", type=int, default=1, help="CP-SAT workers (default 1, as plan_scenario)"
    )
    parser.add_argument("--json", type=Path, help="write all records and fits here")
    parser.add_argument("--md", type=Path, help="write the Markdown tables here")
    parser.add_argument("--logs", type=Path, help="folder for each size's CP-SAT log")
    parser.add_argument(
        "--wallclock", action="store_true", help="wall-clock limits only (never deterministic)"
    )
    parser.add_argument(
        "--timeout-factor", type=float, default=4.0, help="kill a size after factor×limit+300 s"
    )
    parser.add_argument(
        "--memory-gb", type=float, default=0.0, help="address-space cap per size (0: none)"
    )
    parser.add_argument(
        "--combine", type=Path, nargs="+", help="report on earlier --json files instead of running"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit 1 when a plan is invalid or a size failed."""
    args = build_parser().parse_args(argv)
    if args.child:
        return _child(args)
    if args.combine:
        records = [
            record
            for path in args.combine
            for record in json.loads(path.read_text(encoding="utf-8"))["records"]
        ]
    else:
        records = _run_all(args)
    growth = fits([r for r in records if "error" not in r])
    table = markdown(records, growth)
    print(table)
    goal = next((r for r in records if r["size"] == GOAL_SIZE and "error" not in r), None)
    if goal is not None:
        print(
            f"\nGoal {GOAL_SIZE} verdict < {GOAL_SECONDS:g} s: heuristic "
            f"{goal['heuristic_verdict_s']:.2f} s, CP-SAT first plan "
            f"{_num(goal['cpsat_first_s'])} s, final {goal['final_s']:.2f} s"
        )
    invalid = sum(r.get("violations", 0) + r.get("heuristic_violations", 0) for r in records)
    failed = [r["size"] for r in records if "error" in r]
    print(f"\nviolations: {invalid}; failed sizes: {', '.join(failed) or 'none'}")
    machine = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    if args.md:
        args.md.write_text(table + "\n", encoding="utf-8")
    if args.json:
        payload = {"command": sys.argv, "machine": machine, "records": records, "fits": growth}
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 1 if invalid or failed else 0


if __name__ == "__main__":
    sys.exit(main())
