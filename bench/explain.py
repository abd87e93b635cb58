"""Time ``planner explain`` on the sample scenarios, stage by stage.

For each scenario file (default: every ``data/*.yaml``) runs the stages of
:func:`planner.diagnosis.explanation.explain_scenario` separately — plan, diagnosis,
alternatives (search, trim, re-plan and validate), earliest dates, largest scope — and the
whole ``explain_scenario`` call, ``--repeat`` times, and prints the median (and worst) seconds
of each as a Markdown table, with the machine it ran on. "explain work" is the CP-SAT
deterministic work of the whole call (its own units, summed over every solve): unlike the
seconds it does not grow on a busy machine. Run it on two checkouts to compare
(``PLANNER_ROOT=/path/to/old/checkout python bench/explain.py``).

Example::

    python bench/explain.py --repeat 3 --time-limit 2
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(os.environ.get("PLANNER_ROOT", Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(REPO_ROOT))

from ortools.sat.python import cp_model  # noqa: E402

from planner.diagnosis.diagnose import diagnose  # noqa: E402
from planner.diagnosis.explanation import explain_scenario  # noqa: E402
from planner.diagnosis.levers import find_alternatives  # noqa: E402
from planner.diagnosis.reverse import earliest_dates, largest_scope  # noqa: E402
from planner.io import load_scenario  # noqa: E402
from planner.planning import SolveSettings  # noqa: E402
from planner.planning.pipeline import plan_context, prepare  # noqa: E402

STAGES = (
    "plan",
    "diagnose",
    "alternatives",
    "earliest",
    "scope",
    "explain",
    "explain CPU",
    "explain work",
)
"""Stages timed in wall-clock seconds; "explain CPU" is the CPU seconds of the whole call (both
search threads added up), which a busy machine inflates far less than the wall clock;
"explain work" the CP-SAT deterministic work of the call (see the module docstring)."""
WORK = [0.0]
_SOLVE = cp_model.CpSolver.solve


def _counted_solve(self: cp_model.CpSolver, *args: Any, **kwargs: Any) -> Any:
    """``CpSolver.solve`` that adds each solve's deterministic work to :data:`WORK`."""
    status = _SOLVE(self, *args, **kwargs)
    WORK[0] += self.deterministic_time  # a float add: safe enough across the search threads
    return status


cp_model.CpSolver.solve = _counted_solve


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def run_once(path: Path, time_limit: float) -> tuple[dict[str, float], dict[str, Any]]:
    """Seconds per stage for one scenario, and what the explanation found."""
    scenario = load_scenario(path)
    settings = SolveSettings(time_limit=time_limit)
    step = settings.limited_to(time_limit / 2)
    seconds: dict[str, float] = {}
    context = prepare(scenario)
    seconds["plan"], plan = _timed(lambda: plan_context(context, settings))
    seconds["diagnose"], diagnosis = _timed(lambda: diagnose(scenario, plan, step, context=context))
    seconds["alternatives"], ways = _timed(
        lambda: find_alternatives(
            scenario,
            plan,
            replan_limit=time_limit,
            context=context,
            settings=step,
        )
    )
    broken = plan.verdict != "feasible"
    seconds["earliest"], _ = _timed(lambda: earliest_dates(context, step) if broken else ())
    seconds["scope"], _ = _timed(lambda: largest_scope(context, plan, settings))
    cpu, WORK[0] = time.process_time(), 0.0
    seconds["explain"], explanation = _timed(lambda: explain_scenario(scenario, settings))
    seconds["explain CPU"] = time.process_time() - cpu
    seconds["explain work"] = WORK[0]
    found = {
        "verdict": plan.verdict,
        "broken": len(plan.broken_promises),
        "causes": len(diagnosis.causes),
        "alternatives": len(ways),
        "cheapest": ways[0].cost if ways else None,
        "same_answer": [a.cost for a in explanation.alternatives] == [a.cost for a in ways],
    }
    return seconds, found


def machine() -> str:
    """One line about the machine: CPU model, cores, Python."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load:.1f} at start"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table; returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", type=Path, help="scenario files (default: data)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (default 3)")
    parser.add_argument(
        "--time-limit", type=float, default=2.0, help="explain --time-limit (default 2)"
    )
    args = parser.parse_args(argv)
    paths = args.scenarios or sorted((REPO_ROOT / "data").glob("*.yaml"))
    print(f"Machine: {machine()}; --time-limit {args.time_limit:g}, {args.repeat} runs")
    print(f"Code: {REPO_ROOT}\n")
    header = "| sample | verdict | broken | causes | alternatives | cheapest |"
    header += "".join(f" {stage} {'units' if 'work' in stage else 's'} |" for stage in STAGES)
    print(header)
    print("|" + "---|" * (6 + len(STAGES)))
    for path in paths:
        runs = [run_once(path, args.time_limit) for _ in range(args.repeat)]
        found = runs[-1][1]
        cells = [
            path.name,
            found["verdict"],
            str(found["broken"]),
            str(found["causes"]),
            str(found["alternatives"]),
            "—" if found["cheapest"] is None else f"{found['cheapest']:,.0f}",
        ]
        for stage in STAGES:
            values = [seconds[stage] for seconds, _ in runs]
            cells.append(f"{statistics.median(values):.2f} (max {max(values):.2f})")
        print("| " + " | ".join(cells) + " |")
        if not all(f["same_answer"] for _, f in runs):
            print(f"  note: {path.name}: explain_scenario and the staged run disagreed")
    if hasattr(os, "getloadavg"):
        print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
