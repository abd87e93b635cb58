"""How large would the CP-SAT model of each generated agency be, against the size guard?

    python bench/model_size.py [--sizes 25x300x3,40x800x4,60x2000x6]

Prints, per size (people × tasks × months, seed 0), the potential ``units`` variables of the
model over its horizon, the upper bound after narrowing around the warm start, and whether
the scheduler would skip building it (``planner.scheduler.solve.MAX_MODEL_UNITS`` /
``MAX_NARROWED_UNITS``). The agency sizes of ``bench/scale.py`` must stay below the guard.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from planner.generate.scenario import generate_agency  # noqa: E402
from planner.planning import prepare  # noqa: E402

solve = importlib.import_module("planner.scheduler.solve")  # the module, not the function


def main() -> None:
    """Print one row per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25x300x3,40x800x4,60x2000x6")
    args = parser.parse_args()
    print("| size | potential units | narrowed bound | skipped by the guard |")
    print("|---|---|---|---|")
    for size in args.sizes.split(","):
        people, tasks, months = (int(part) for part in size.split("x"))
        problem = prepare(generate_agency(people, tasks, months, 0)).problem
        warm = solve.warm_start(problem, 10.0, 0)
        horizon, caps = solve.model_shape(problem, warm)
        narrowed = f"{solve.narrowed_units(problem, caps):,}" if caps else "—"
        skipped = solve.too_large_to_build(problem, horizon, caps)
        potential = solve.potential_units(problem, horizon)
        print(f"| {size} | {potential:,} | {narrowed} | {'yes' if skipped else 'no'} |")


if __name__ == "__main__":
    main()
