"""Accept one tiny brief into a store, meeting another process at a barrier before writing.

Run by ``test_concurrency.py`` as ``python accept_worker.py URL TITLE BARRIER_DIR``. Both
processes have planned against the same portfolio when they pass the barrier, so their
writes truly collide; each prints how many attempts its accept took.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

from planner.planning import SolveSettings
from planner.store import Store, accept_brief
from tests.store.conftest import tiny_brief

WAIT_SECONDS = 120


def _barrier(folder: Path, title: str) -> None:
    (folder / f"{title}-{os.getpid()}.ready").touch()
    deadline = time.monotonic() + WAIT_SECONDS
    while len(list(folder.glob("*.ready"))) < 2:
        if time.monotonic() > deadline:
            raise SystemExit("the other process never arrived")
        time.sleep(0.02)


def main(url: str, title: str, barrier: str) -> None:
    """Accept ``title`` (16 h for Ana, due Friday) and print the attempts it took."""
    scenario = tiny_brief(title, f"{title} Oy", 16, date(2031, 3, 7))
    with Store.open(url) as store:

        def meet(attempt: int) -> None:
            if attempt == 1:
                _barrier(Path(barrier), title)

        result = accept_brief(
            store, scenario, before_write=meet, settings=SolveSettings(time_limit=2)
        )
    print(result.attempts)


if __name__ == "__main__":
    main(*sys.argv[1:4])
