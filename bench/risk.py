"""Risk benchmark: Monte Carlo samples per second on the over-promised sample and on
generated agencies of growing size.

1. ``data/tundra-product-launch.yaml``: the deterministic plan once, then ``--samples`` samples
   (default 1,000) in this process and on ``--workers`` local processes (default 2), each the
   best of ``--repeat`` runs; the goal is under 10 s for 1,000 samples on 2 cores.
2. Scaling: generated agencies (:func:`planner.generate.scenario.generate_agency`) whose every task
gets
   a range (effort 0.8× / 1× / 1.6×, client turnaround −1 / 0 / +3 days), planned once, then
   sampled in this process: samples per second against task instances.

Prints Markdown tables; ``--json`` writes the figures. Example::

    python bench/risk.py --samples 1000 --workers 2 --sizes 10x50x1,15x100x2,25x300x3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from planner.generate.scenario import generate_agency  # noqa: E402
from planner.io import load_scenario  # noqa: E402
from planner.model import Scenario, Task, ThreePoint  # noqa: E402
from planner.planning import SolveSettings  # noqa: E402
from planner.risk import optimise, run_risk  # noqa: E402

TUNDRA = REPO_ROOT / "data" / "tundra-product-launch.yaml"
GOAL_SECONDS = 10.0
DEFAULT_SIZES = "10x50x1,15x100x2,25x300x3"
LIMITS = {"10x50x1": 10.0, "15x100x2": 20.0, "25x300x3": 30.0, "40x800x4": 60.0}


def with_ranges(scenario: Scenario) -> Scenario:
    """Every task of ``scenario`` with a range around its single value."""

    def widen(task: Task) -> Task:
        if task.is_client_step:
            days = float(task.client_days or 1)
            return replace(task, client_days_range=ThreePoint(max(1.0, days - 1), days, days + 3))
        return replace(task, hours_range=ThreePoint(task.hours * 0.8, task.hours, task.hours * 1.6))

    tasks = tuple(widen(task) for task in scenario.brief.tasks)
    return replace(scenario, brief=replace(scenario.brief, tasks=tasks))


def timed(call: Any, repeat: int) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - began)
    return best, result


def tundra(samples: int, workers: int, repeat: int) -> dict[str, Any]:
    """The goal measurement on the over-promised sample."""
    scenario = load_scenario(TUNDRA)
    plan_seconds, optimised = timed(lambda: optimise(scenario), 1)
    rows = {}
    for label, count in (("in-process", 1), (f"{workers} processes", workers)):
        seconds, risk = timed(
            lambda count=count: run_risk(
                scenario, samples, seed=0, workers=count, optimised=optimised
            ),
            repeat,
        )
        rows[label] = {
            "seconds": seconds,
            "samples_per_second": samples / seconds,
            "engine": risk.engine,
        }
    return {"plan_seconds": plan_seconds, "samples": samples, "runs": rows}


def scaling(sizes: list[str], samples: int, repeat: int) -> list[dict[str, Any]]:
    """Samples per second against task instances, in this process."""
    rows = []
    for size in sizes:
        people, tasks, months = (int(part) for part in size.split("x"))
        scenario = with_ranges(generate_agency(people, tasks, months, seed=0))
        began = time.perf_counter()
        optimised = optimise(scenario, SolveSettings(time_limit=LIMITS.get(size, 60.0)))
        plan_seconds = time.perf_counter() - began
        if optimised.frame is None:
            rows.append({"size": size, "error": optimised.plan.message})
            continue
        seconds, _ = timed(
            lambda o=optimised, s=scenario: run_risk(s, samples, workers=1, optimised=o), repeat
        )
        rows.append(
            {
                "size": size,
                "instances": len(optimised.frame.ids),
                "people": len(optimised.frame.resource_names),
                "horizon_days": optimised.frame.horizon,
                "plan_seconds": plan_seconds,
                "samples": samples,
                "seconds": seconds,
                "samples_per_second": samples / seconds,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--scale-samples", type=int, default=500)
    parser.add_argument(
        "--large-samples", type=int, default=20_000, help="a larger Tundra run (0: skip)"
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs\n")
    goal = tundra(args.samples, args.workers, args.repeat)
    large = tundra(args.large_samples, args.workers, 1) if args.large_samples else None
    print(f"Tundra: plan {goal['plan_seconds']:.2f} s, then the samples\n")
    print("| samples | engine | seconds | samples/s |\n|---:|---|---:|---:|")
    for run in (goal, large):
        for label, row in (run or {"runs": {}})["runs"].items():
            print(
                f"| {run['samples']:,} | {label} | {row['seconds']:.3f} | "
                f"{row['samples_per_second']:,.0f} |"
            )
    best = min(row["seconds"] for row in goal["runs"].values())
    print(f"\nGoal: {args.samples:,} samples under {GOAL_SECONDS:g} s: {best < GOAL_SECONDS}")
    sizes = [s for s in args.sizes.split(",") if s]
    table = scaling(sizes, args.scale_samples, args.repeat)
    print("\n| size | task instances | horizon (days) | plan s | samples/s (1 process) |")
    print("|---|---:|---:|---:|---:|")
    for row in table:
        if "error" in row:
            print(f"| {row['size']} | no plan: {row['error']} | | | |")
            continue
        print(
            f"| {row['size']} | {row['instances']} | {row['horizon_days']} | "
            f"{row['plan_seconds']:.1f} | {row['samples_per_second']:,.0f} |"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = {"tundra": goal, "tundra_large": large, "scaling": table}
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
