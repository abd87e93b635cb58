"""planner.app.isolated and the app's upload reader: answers, errors and the time bound, checked
by what happens (a reader that never ends is stopped and its worker is gone), never by how
long anything took."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import types
from pathlib import Path

import pytest

from planner.app.isolated import TookTooLong, WorkerDied, WorkerError, call_isolated
from planner.app.uploads import DEFAULT_READ_SECONDS, read_seconds, read_upload
from planner.io import ScenarioError, load_scenario_bytes
from tests.conftest import DATA_DIR

LUMO = DATA_DIR / "lumo-spring-campaign.yaml"


# Workers import these by name, so they live at module level.
def _double(value: int) -> int:
    return 2 * value


def _refuse(message: str) -> None:
    raise ValueError(message)


def _exit(code: int) -> None:
    os._exit(code)


def _unsendable() -> object:
    return lambda: None


def _never_ends(data: bytes, name: str) -> None:
    """A reader that records its process id and then never finishes."""
    Path(data.decode()).write_text(str(os.getpid()), encoding="utf-8")
    while True:
        time.sleep(3600)


def _dies(data: bytes, name: str) -> None:
    os._exit(7)


def _new_children(before: set[object]) -> set[object]:
    """Child processes started through multiprocessing and still alive, not in ``before``."""
    return set(multiprocessing.active_children()) - before


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_answer_comes_back() -> None:
    assert call_isolated(_double, 21, seconds=60) == 42


def test_an_error_in_the_worker_is_raised_here() -> None:
    with pytest.raises(ValueError, match="no such thing"):
        call_isolated(_refuse, "no such thing", seconds=60)


def test_a_worker_that_ends_without_an_answer_says_so() -> None:
    with pytest.raises(WorkerDied) as died:
        call_isolated(_exit, 3, seconds=60)
    assert died.value.exitcode == 3


def test_a_result_that_cannot_be_sent_becomes_a_worker_error() -> None:
    with pytest.raises(WorkerError, match="lambda"):
        call_isolated(_unsendable, seconds=60)


def test_a_bound_must_be_positive() -> None:
    for seconds in (0, -1, float("nan")):
        with pytest.raises(ValueError):
            call_isolated(_double, 1, seconds=seconds)


def test_a_call_past_its_bound_is_stopped_and_its_worker_is_gone(tmp_path: Path) -> None:
    pid_file, before = tmp_path / "pid", set(multiprocessing.active_children())
    with pytest.raises(TookTooLong) as late:
        call_isolated(_never_ends, str(pid_file).encode(), "x.yaml", seconds=1)
    assert late.value.seconds == 1
    assert _new_children(before) == set()
    if pid_file.exists():  # the worker got as far as our code before the bound
        assert _gone(int(pid_file.read_text(encoding="utf-8")))


def test_an_upload_is_read_like_the_file_itself() -> None:
    data = LUMO.read_bytes()
    assert read_upload(data, LUMO.name) == load_scenario_bytes(data, LUMO.name)


def test_an_uploads_own_problems_arrive_located() -> None:
    data = LUMO.read_bytes().replace(b"hours_per_week: ", b"hours_per_week: -", 1)
    with pytest.raises(ScenarioError) as direct:
        load_scenario_bytes(data, "bad.yaml")
    with pytest.raises(ScenarioError) as isolated:
        read_upload(data, "bad.yaml")
    assert isolated.value.issues == direct.value.issues
    assert str(isolated.value) == str(direct.value)


def test_a_slow_upload_gives_a_readable_message_and_leaves_no_worker(tmp_path: Path) -> None:
    pid_file, before = tmp_path / "pid", set(multiprocessing.active_children())
    with pytest.raises(ScenarioError) as error:
        read_upload(str(pid_file).encode(), "slow.xlsx", seconds=1, reader=_never_ends)
    (issue,) = error.value.issues
    assert issue.file == "slow.xlsx"
    assert "took longer than 1 s to read" in issue.message
    assert "the current scenario stays" in issue.message
    assert "PLANNER_READ_SECONDS" in issue.hint
    assert _new_children(before) == set()
    if pid_file.exists():
        assert _gone(int(pid_file.read_text(encoding="utf-8")))


def test_a_reader_that_dies_gives_a_readable_message() -> None:
    with pytest.raises(ScenarioError) as error:
        read_upload(b"x", "dies.yaml", seconds=60, reader=_dies)
    (issue,) = error.value.issues
    assert "stopped unexpectedly (exit code 7)" in issue.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 5.0),
        (" 0.5 ", 0.5),
        ("0", DEFAULT_READ_SECONDS),
        ("-3", DEFAULT_READ_SECONDS),
        ("nan", DEFAULT_READ_SECONDS),
        ("inf", DEFAULT_READ_SECONDS),
        ("ten", DEFAULT_READ_SECONDS),
        ("", DEFAULT_READ_SECONDS),
    ],
)
def test_the_bound_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: float
) -> None:
    monkeypatch.setenv("PLANNER_READ_SECONDS", value)
    assert read_seconds() == expected


def test_a_worker_never_runs_the_parents_main_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under Streamlit, ``__main__`` is the app script (a module with only ``__file__``);
    a worker that ran it would run the whole app before reading a file."""
    marker = tmp_path / "ran"
    script = tmp_path / "app_script.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)
    assert call_isolated(_double, 4, seconds=60) == 8
    assert not marker.exists()
