"""What honest OPTIMAL claims cost: the samples' solves, with the model horizon and the proof.

For each scenario (default: every ``data/*.yaml``, then generated agencies given with
``--agency``) plans once and prints a Markdown row: status (and why not proven), weighted
lateness, price, the solver's wall seconds, the model's horizon against the calendar's
working days, CP-SAT's deterministic work (its own units, about 3 s each on a 2-core machine;
the same on a busy machine), and whether the clock ended a run. Run it on two checkouts to compare
(``PLANNER_ROOT=/path/to/old/checkout python bench/horizon.py``): attributes an older
scheduler does not have print as ``–``.

Example::

    python bench/horizon.py --time-limit 5 --agency 10x50x1,25x300x3
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

REPO_ROOT = Path(os.environ.get("PLANNER_ROOT", Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(REPO_ROOT))

from planner.generate.scenario import generate_agency  # noqa: E402
from planner.io import load_scenario  # noqa: E402
from planner.planning.agency import build_problem  # noqa: E402
from planner.planning.pipeline import plan_from_result, prepare  # noqa: E402
from planner.scheduler import solve  # noqa: E402

HEADER = (
    "| scenario | status | why not proven | weighted days late | price | solve s "
    "| horizon / calendar days | CP-SAT work units | clock-stopped |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def row(name: str, scenario: object, time_limit: float) -> str:
    """One Markdown row for ``scenario``."""
    context = prepare(scenario)
    problem = build_problem(scenario, context.calendar, context.instances)
    started = time.perf_counter()
    result = solve(problem, time_limit=time_limit, seed=0)
    seconds = time.perf_counter() - started
    plan = plan_from_result(context, result)
    late = sum(p.priority * p.slip_days for p in plan.promises)
    horizon = getattr(result, "horizon", None)
    return (
        f"| {name} | {result.status} | {getattr(result, 'unproven', None) or '–'} | {late} "
        f"| {plan.budget.price:,.2f} | {seconds:.2f} | {horizon or '–'} / {len(context.calendar)} "
        f"| {getattr(result, 'work', None) or 0:.3f} | {getattr(result, 'clock_stopped', '–')} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", type=Path, help="scenario files (default: data)")
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--agency", default="", help="generated sizes, e.g. 10x50x1,25x300x3")
    args = parser.parse_args()
    files = args.scenarios or sorted((REPO_ROOT / "data").glob("*.yaml"))
    machine = platform.processor() or platform.machine()
    print(f"checkout {REPO_ROOT}, {machine}, limit {args.time_limit} s\n")
    print(HEADER)
    for path in files:
        print(row(path.stem, load_scenario(path), args.time_limit), flush=True)
    for size in filter(None, args.agency.split(",")):
        people, tasks, months = (int(x) for x in size.split("x"))
        scenario = generate_agency(people, tasks, months, seed=0)
        print(row(f"agency {size}", scenario, args.time_limit), flush=True)


if __name__ == "__main__":
    main()
