"""Two processes accepting at once: neither loses nor duplicates a booking."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from planner.store import Store
from planner.store.portfolio import booked_minutes
from tests.conftest import REPO_ROOT


def test_two_processes_accepting_at_once(store: Store, store_url: str, tmp_path: Path) -> None:
    """Both plan Ana's Monday and Tuesday; one writes first, the other re-plans and books
    Wednesday and Thursday (hand-computed)."""
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    worker = Path(__file__).with_name("accept_worker.py")
    runs = [
        subprocess.Popen(
            [sys.executable, str(worker), store_url, title, str(barrier)],
            cwd=REPO_ROOT,
            env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for title in ("Alpha", "Beta")
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted(int(out.strip()) for out, _ in outputs) == [1, 2]  # one had to re-plan
    portfolio = store.snapshot()
    assert sorted(p.name for p in portfolio.projects) == ["Alpha", "Beta"]
    for project in portfolio.projects:
        assert project.booked_minutes == 16 * 60  # nothing lost, nothing doubled
    assert booked_minutes(portfolio) == {"Ana": {date(2031, 3, day): 480 for day in (3, 4, 5, 6)}}
    assert portfolio.revision == 2


def test_accepting_the_same_brief_twice_at_once_books_it_once(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    worker = Path(__file__).with_name("accept_worker.py")
    runs = [
        subprocess.Popen(
            [sys.executable, str(worker), store_url, "Alpha", str(barrier)],
            cwd=REPO_ROOT,
            env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted(int(out.strip()) for out, _ in outputs) == [1, 2]
    (project,) = store.snapshot().projects
    assert project.booked_minutes == 16 * 60
