"""Export benchmark: how long every file of ``planner check --out`` takes at agency scale.

Generates an agency (``generate_agency``), plans it, then writes the output folder the way the
CLI does (``write_outputs`` into a temporary folder renamed into place, the agency audience)
and times each file through the same ``progress`` callback that prints ``check --out``'s
per-file lines: the tables, every chart in every format, the report HTML and PDF. Prints the
progress lines as they come (standard error) and one Markdown table per size.

Example::

    python bench/exports.py --sizes 25x236x3,40x463x4 --time-limit 20
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from planner.generate.scenario import generate_agency  # noqa: E402
from planner.io.outputs import folder_written_atomically  # noqa: E402
from planner.planning import SolveSettings  # noqa: E402
from planner.planning.pipeline import plan_scenario  # noqa: E402
from planner.report import page as report  # noqa: E402


def _recorder(times: dict[str, float]) -> Callable[[Path, float], None]:
    """The ``progress`` of ``write_outputs``: records each file's seconds and prints the line
    ``planner check --out`` prints, as it comes."""
    started = time.perf_counter()

    def progress(path: Path, seconds: float) -> None:
        times[path.name] = seconds
        since = time.perf_counter() - started
        print(f"  [{len(times)}] {path.name} {seconds:.1f} s (at {since:.1f} s)", file=sys.stderr)

    return progress


def run(size: str, time_limit: float, seed: int) -> str:
    """Plan one generated agency, write its output folder; Markdown lines with the timings."""
    people, tasks, months = (int(part) for part in size.split("x"))
    scenario = generate_agency(people, tasks, months, seed)
    started = time.perf_counter()
    plan = plan_scenario(scenario, SolveSettings(time_limit=time_limit, seed=seed))
    solve = time.perf_counter() - started
    times: dict[str, float] = {}
    notes: list[str] = []
    print(f"{size}: planned in {solve:.1f} s; writing …", file=sys.stderr)
    with tempfile.TemporaryDirectory() as parent:
        started = time.perf_counter()
        with folder_written_atomically(Path(parent) / "out", False) as folder:
            written = report.write_outputs(
                plan, scenario, folder, notes, "agency", progress=_recorder(times)
            )
        total = time.perf_counter() - started
    lines = [
        f"### {people} people × {tasks} tasks × {months} months (seed {seed})",
        "",
        f"plan: {plan.solver_status}, {len(plan.bookings):,} bookings, {solve:.1f} s; "
        f"output folder (agency): {len(written)} files in **{total:.1f} s**, "
        f"longest wait between two progress lines {max(times.values()):.1f} s"
        + (f"; notes: {' '.join(notes)}" if notes else ""),
        "",
        "| file (in the order written) | seconds |",
        "|---|---:|",
        *(f"| {name} | {seconds:.1f} |" for name, seconds in times.items()),
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark for every ``--sizes`` entry and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25x236x3", help="PEOPLExTASKSxMONTHS, comma-separated")
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for size in args.sizes.split(","):
        print(run(size, args.time_limit, args.seed), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
