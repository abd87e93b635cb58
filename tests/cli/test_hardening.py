"""The command line under hostile arguments and interruptions (issue 11).

Exit codes: 2 for every bad argument (never a traceback), files and folders never
overwritten silently, output folders appear complete or not at all, Ctrl-C gives 130.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.cli.commands import main
from planner.io import ScenarioError, load_scenario
from planner.io.outputs import folder_written_atomically, partial_leftovers, remove_partials
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.report.page import write_outputs
from tests.conftest import DATA_DIR, TUNDRA

LUMO = DATA_DIR / "lumo-spring-campaign.yaml"
PLANNER = [sys.executable, "-m", "planner.cli.commands"]


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--time-limit", "nan", "--time-limit must be more than 0"),
        ("--time-limit", "inf", "--time-limit must be more than 0"),
        ("--time-limit", "-3", "--time-limit must be more than 0"),
        ("--time-limit", "soon", "--time-limit must be a number of seconds"),
        ("--seed", str(2**40), "--seed must be from 0 to 2147483647"),
        ("--seed", "-1", "--seed must be from 0 to 2147483647"),
        ("--seed", "9" * 5000, "--seed must be a whole number"),
        ("--workers", "99999999999", "--workers must be from 1 to 64"),
        ("--workers", "0", "--workers must be from 1 to 64"),
    ],
)
def test_bad_arguments_exit_two_with_the_reason(
    option: str, value: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(LUMO), option, value]) == 2
    assert expected in capsys.readouterr().err
    if option == "--time-limit":
        assert main(["explain", str(LUMO), option, value]) == 2


def test_convert_never_overwrites_silently(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source = tmp_path / "brief.yaml"
    text = "# my comments\n" + LUMO.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    assert main(["convert", str(source), str(source)]) == 2
    assert main(["convert", str(source), str(source), "--overwrite"]) == 2
    assert "this is the file being read" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == text
    target = tmp_path / "brief.xlsx"
    target.write_bytes(b"precious")
    assert main(["convert", str(source), str(target)]) == 2
    assert "already exists and would be overwritten" in capsys.readouterr().err
    assert target.read_bytes() == b"precious"
    assert main(["convert", str(source), str(target), "--overwrite"]) == 0
    assert target.read_bytes().startswith(b"PK")
    assert main(["template", str(target)]) == 2
    assert partial_leftovers(tmp_path) == []


def test_out_refuses_a_folder_with_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert main(["check", str(LUMO), "--time-limit", "1", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_out_overwrite_replaces_the_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.csv").write_text("old")
    code = main(["check", str(LUMO), "--time-limit", "1", "--out", str(out), "--overwrite"])
    assert code == 0
    names = {p.name for p in out.iterdir()}
    assert "stale.csv" not in names and {"bookings.csv", "plan.xlsx", "report.html"} <= names
    assert partial_leftovers(tmp_path) == []


def test_a_failed_export_leaves_no_folder_and_no_partial_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt), folder_written_atomically(out, False) as folder:
        (folder / "bookings.csv").write_text("half")
        raise KeyboardInterrupt
    assert not out.exists() and partial_leftovers(tmp_path) == []


def test_a_second_run_into_the_same_folder_fails_instead_of_both_succeeding(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    with (
        pytest.raises(ScenarioError, match="filled by another program or run"),
        folder_written_atomically(out, False) as second,
    ):
        (second / "a.csv").write_text("second")
        out.mkdir()  # another run finishes first
        (out / "a.csv").write_text("first")
    assert (out / "a.csv").read_text() == "first"
    assert partial_leftovers(tmp_path) == []


def test_remove_partials_deletes_work_in_progress(tmp_path: Path) -> None:
    context = folder_written_atomically(tmp_path / "out", False)
    folder = context.__enter__()
    (folder / "x.csv").write_text("x")
    remove_partials()
    assert partial_leftovers(tmp_path) == []


def _interrupt(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Start the CLI, wait until it is past its imports, send SIGINT; retry if too early."""
    for wait in (4.0, 8.0, 16.0):
        process = subprocess.Popen(
            [*PLANNER, *arguments],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(wait)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
        if "Traceback" not in err or "import" not in err:  # interrupted after start-up
            return subprocess.CompletedProcess(process.args, process.returncode, out, err)
    raise AssertionError("the CLI never got past its imports")


def test_ctrl_c_during_a_solve_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    run = _interrupt(
        ["check", str(TUNDRA), "--time-limit", "300", "--out", str(tmp_path / "out")], tmp_path
    )
    assert run.returncode == 130, run.stderr
    assert "stopped by Ctrl-C; nothing was written" in run.stderr
    assert "Traceback" not in run.stderr and "Solver:" not in run.stdout
    assert not (tmp_path / "out").exists() and partial_leftovers(tmp_path) == []


def test_an_export_reports_each_file_as_soon_as_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")  # HTML charts only: quick
    scenario = load_scenario(LUMO)
    plan = plan_scenario(scenario, SolveSettings(time_limit=1))
    seen: list[Path] = []

    def progress(path: Path, seconds: float) -> None:
        assert path.is_file() and seconds >= 0  # on disk when reported …
        seen.append(path)
        assert sorted(tmp_path.iterdir()) == sorted(seen)  # … and nothing more is yet

    written = write_outputs(plan, scenario, tmp_path, [], "agency", progress=progress)
    assert seen == written and "report.html" in {p.name for p in seen}


def test_check_out_prints_one_progress_line_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    out = tmp_path / "out"
    assert main(["check", str(LUMO), "--time-limit", "1", "--out", str(out)]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "] wrote " in line]
    names = sorted(line.split("] wrote ")[1].rsplit(" (", 1)[0] for line in lines)
    assert names == sorted(p.name for p in out.iterdir())
    numbers = [line.split("]")[0] for line in lines]
    assert numbers == [f"planner: [{i}" for i in range(1, 1 + len(lines))]
