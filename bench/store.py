"""Time the portfolio store: accepting the samples, a large portfolio, checks and backups.

Accepts the three samples (check against the store + one write each), then records
``--copies`` more copies of each sample's plan under new names (a busy agency's portfolio;
people are overbooked, which does not matter for timing), and times reading the whole
portfolio, turning its bookings into one brief's commitments, a check of the Tundra sample
against it, and a YAML export and import. Prints a Markdown table with the machine.

Example::

    python bench/store.py --copies 30
    python bench/store.py --copies 30 --db postgresql://planner@127.0.0.1:5432/bench
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from planner.io import load_scenario  # noqa: E402
from planner.planning import SolveSettings  # noqa: E402
from planner.store import (  # noqa: E402
    Store,
    accept_brief,
    check_with_portfolio,
    export_yaml,
    import_yaml,
    with_portfolio,
)

SAMPLES = ("lumo-spring-campaign", "tundra-product-launch", "kivi-retainer-easter")


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds an action took, and its result."""
    began = time.perf_counter()
    result = action()
    return time.perf_counter() - began, result


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store URL (default: a new temporary SQLite file)")
    parser.add_argument("--copies", type=int, default=30, help="copies of each sample")
    parser.add_argument("--time-limit", type=float, default=2.0)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="planner-bench-")
    url = args.db or f"sqlite:///{folder}/bench.sqlite"
    rows: list[tuple[str, float, str]] = []
    with Store.open(url) as store:
        scenarios = [load_scenario(REPO_ROOT / "data" / f"{name}.yaml") for name in SAMPLES]
        plans = []
        for scenario in scenarios:
            seconds, accepted = timed(
                lambda s=scenario: accept_brief(
                    store, s, settings=SolveSettings(time_limit=args.time_limit)
                )
            )
            plans.append(accepted.check.plan)
            rows.append((f"accept {scenario.title}", seconds, f"{accepted.bookings} bookings"))
        began = time.perf_counter()
        for copy in range(args.copies):
            for scenario, plan in zip(scenarios, plans, strict=True):
                store.record_project(replace(scenario, title=f"{scenario.title} #{copy}"), plan)
        total = len(SAMPLES) * args.copies
        rows.append((f"record {total} more projects", time.perf_counter() - began, "one each"))
        seconds, portfolio = timed(store.snapshot)
        bookings = sum(len(p.bookings) for p in portfolio.projects)
        rows.append(("read the whole portfolio", seconds, f"{bookings} bookings"))
        tundra = scenarios[1]
        seconds, merged = timed(lambda: with_portfolio(tundra, portfolio))
        rows.append(("bookings → Tundra's commitments", seconds, f"{len(merged.commitments)}"))
        seconds, check = timed(
            lambda: check_with_portfolio(
                tundra, portfolio, settings=SolveSettings(time_limit=args.time_limit)
            )
        )
        rows.append(("check Tundra against it", seconds, check.plan.verdict))
        seconds, text = timed(lambda: export_yaml(store))
        rows.append(("export YAML", seconds, f"{len(text) / 1e6:.1f} MB"))
    with Store.open(f"sqlite:///{folder}/copy.sqlite") as copy:
        seconds, _ = timed(lambda: import_yaml(copy, text, "bench.yaml"))
        rows.append(("import YAML into SQLite", seconds, f"{bookings} bookings"))
    print(
        f"Store: {url.split('@')[-1]}; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    print("| step | seconds | size |\n|---|---|---|")
    for step, seconds, size in rows:
        print(f"| {step} | {seconds:.2f} | {size} |")


if __name__ == "__main__":
    main()
