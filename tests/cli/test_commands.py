"""The `planner` command line: verdicts, JSON, exports, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.cli.commands import main
from planner.io import load_scenario
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.validate.rules import assert_valid
from tests.conftest import DATA_DIR, TUNDRA

LUMO = DATA_DIR / "lumo-spring-campaign.yaml"


def validated_plan(path: Path, time_limit: float) -> Plan:
    """The plan the CLI prints for ``path`` (same seed and limit), checked by the validator."""
    scenario = load_scenario(path)
    plan = plan_scenario(scenario, SolveSettings(time_limit=time_limit))
    assert_valid(scenario, plan)
    return plan


def test_feasible_sample_exits_zero_with_a_readable_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(LUMO), "--time-limit", "3"]) == 0
    out = capsys.readouterr().out
    assert validated_plan(LUMO, 3).verdict == "feasible"
    lines = out.splitlines()
    assert lines[1] == "Can be delivered as promised (all 7 promised dates kept)"
    assert lines[2].startswith("Within budget (price ")
    assert lines[3] in (
        "This is the best plan possible.",
        "The best plan found in under 1 s; a better one may exist.",
    ) or lines[3].startswith("The best plan found in")
    assert "Promises:" in out and "Price: " in out and "Budget: 42,000 EUR" in out
    assert "FEASIBLE" not in out and "Utilisation" not in out  # the client version


def test_json_output_has_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(TUNDRA), "--json", "--time-limit", "3"]) == 1
    data = json.loads(capsys.readouterr().out)  # exactly one JSON object
    assert data["bookings"] == validated_plan(TUNDRA, 3).to_dict()["bookings"]
    assert data["verdict"] == "infeasible"
    assert data["solver_status"] in ("OPTIMAL", "FEASIBLE")
    promise = next(p for p in data["promises"] if p["task"] == "product_page")
    assert set(promise) >= {"task", "due", "finish", "slip_days", "met"}
    assert promise["due"] == "2027-04-30" and promise["slip_days"] > 0 and not promise["met"]
    task = next(t for t in data["tasks"] if t["id"] == "key_visual")
    assert set(task) >= {"id", "start", "finish", "people"}
    booked = sum(b["hours"] for b in data["bookings"] if b["task"] == "key_visual")
    assert booked == pytest.approx(90)
    assert set(data["bookings"][0]) >= {"task", "person", "date", "hours"}
    budget = data["budget"]
    assert budget["budget"] == 38000 and not budget["within"]
    assert budget["gap"] == pytest.approx(budget["budget"] - budget["price"])


def test_out_writes_csv_and_xlsx(tmp_path: Path) -> None:
    assert main(["check", str(LUMO), "--time-limit", "3", "--out", str(tmp_path)]) == 0
    for name in ("bookings", "tasks", "promises"):
        assert (tmp_path / f"{name}.csv").stat().st_size > 50
    rows = (tmp_path / "bookings.csv").read_text(encoding="utf-8").strip().splitlines()
    assert len(rows) - 1 == len(validated_plan(LUMO, 3).bookings)
    workbook = load_workbook(tmp_path / "plan.xlsx")
    assert {"bookings", "tasks", "promises"} <= set(workbook.sheetnames)


def test_template_and_convert_round_trip(tmp_path: Path) -> None:
    template = tmp_path / "brief.xlsx"
    assert main(["template", str(template)]) == 0
    load_scenario(template)
    as_xlsx, back = tmp_path / "lumo.xlsx", tmp_path / "lumo.yaml"
    assert main(["convert", str(LUMO), str(as_xlsx)]) == 0
    assert main(["convert", str(as_xlsx), str(back)]) == 0
    assert load_scenario(back) == load_scenario(LUMO)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("scenario: x\nstart: 2027-13-45\n", "start"),
        ("scenario: [unclosed\n", "line"),
        ("- just\n- a list\n", "mapping"),
    ],
)
def test_bad_input_exits_two_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "broken.yaml" in err and expected in err and "Traceback" not in err


def test_missing_file_and_bad_time_limit_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no/such/file.yaml"]) == 2
    assert "file.yaml" in capsys.readouterr().err
    assert main(["check", str(LUMO), "--time-limit", "0"]) == 2
    assert main(["check"]) == 2


def test_console_script_never_prints_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"\x00\xff\xfe binary junk")
    run = subprocess.run(
        [sys.executable, "-m", "planner.cli.commands", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "bad.yaml" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("heading", "extra"), [("Client version", []), ("Agency version", ["--audience", "agency"])]
)
def test_docs_show_the_cli_output_of_each_audience(
    heading: str, extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/cli.md shows what `planner check` prints for the client and for the agency."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    block = doc[doc.index(f"{heading} (`planner check") :]
    block = block[block.index("```text\n") + len("```text\n") :]
    shown = block[: block.index("```")]
    main(["check", str(TUNDRA), *extra])
    assert capsys.readouterr().out == shown
