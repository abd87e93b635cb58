"""What reading an upload in a worker process costs (``planner.app.isolated``, used by the app).

Times the first call (it starts the fork server), empty calls, and reading the Lumo sample in
a worker against reading it in this process. Medians of ``--repeat`` runs.

Example::

    python bench/uploads.py --repeat 10
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from planner.app.isolated import call_isolated  # noqa: E402
from planner.io import load_scenario_bytes  # noqa: E402

LUMO = REPO_ROOT / "data" / "lumo-spring-campaign.yaml"


def _seconds(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures as Markdown lines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    data = LUMO.read_bytes()
    first = _seconds(lambda: call_isolated(len, b"x", seconds=60))
    empty = [_seconds(lambda: call_isolated(len, b"x", seconds=60)) for _ in range(args.repeat)]
    isolated = [
        _seconds(lambda: call_isolated(load_scenario_bytes, data, LUMO.name, seconds=60))
        for _ in range(args.repeat)
    ]
    direct = [_seconds(lambda: load_scenario_bytes(data, LUMO.name)) for _ in range(args.repeat)]
    print(f"- first call (starts the fork server): {first:.2f} s")
    print(f"- an empty call: median {statistics.median(empty) * 1000:.0f} ms")
    print(
        f"- reading {LUMO.name}: median {statistics.median(isolated) * 1000:.0f} ms in a worker, "
        f"{statistics.median(direct) * 1000:.0f} ms in this process"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
