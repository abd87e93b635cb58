"""The Excel workbook: template, lossless conversion, located errors and damaged files."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from planner.io import (
    convert,
    dump_yaml,
    load_scenario,
    load_scenario_bytes,
    save_scenario,
    scenario_xlsx_bytes,
    template_scenario,
    write_template,
    xlsx_io,
)
from planner.model import Commitment, DateRange, Scenario
from tests.io.conftest import raises_scenario_error


def test_template_workbook_is_a_valid_scenario(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    assert load_scenario(path) == template_scenario()
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [
        "settings",
        "team",
        "time_off",
        "commitments",
        "tasks",
        "fixed_costs",
        "levers",
        "help",
    ]
    for name in ("team", "time_off", "commitments", "tasks", "fixed_costs"):
        assert workbook[name].max_row == 2, f"{name} should hold one example row"
    header = workbook["tasks"]["E1"]
    assert header.value == "hours" and header.font.bold and header.comment is not None


def test_template_yaml_is_a_valid_scenario(tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    write_template(path)
    assert load_scenario(path) == template_scenario()


def test_yaml_to_xlsx_to_yaml_is_lossless(tmp_path: Path, rich: Scenario) -> None:
    source, workbook, back = tmp_path / "a.yaml", tmp_path / "b.xlsx", tmp_path / "c.yaml"
    save_scenario(rich, source)
    assert convert(source, workbook) == rich
    assert convert(workbook, back) == rich
    assert load_scenario(back) == rich
    assert back.read_text("utf-8") == source.read_text("utf-8") == dump_yaml(rich)


def test_floats_stay_exact_in_the_workbook(rich: Scenario) -> None:
    scenario = load_scenario_bytes(scenario_xlsx_bytes(rich), "r.xlsx")
    assert scenario.person("Aino").hours_per_week == 37.5
    assert scenario.person("Åsa").hours_per_week == 0.1
    assert scenario.brief.fixed_costs[1].amount == 1234.56


def test_overtime_commitments_round_trip(rich: Scenario) -> None:
    overtime = Commitment("Aino", DateRange(date(2027, 3, 1), date(2027, 3, 12)), -4.25, "overtime")
    scenario = replace(rich, commitments=(*rich.commitments, overtime))
    assert load_scenario_bytes(scenario_xlsx_bytes(scenario), "o.xlsx") == scenario
    assert load_scenario_bytes(dump_yaml(scenario).encode(), "o.yaml") == scenario


def test_edited_workbook_errors_name_sheet_row_and_column(tmp_path: Path, rich: Scenario) -> None:
    path = tmp_path / "edited.xlsx"
    save_scenario(rich, path)
    workbook = openpyxl.load_workbook(path)
    tasks = workbook["tasks"]
    tasks["E3"] = 4  # hours for concept_review, a client step
    tasks["H2"] = "next week"  # due of concept
    tasks.insert_rows(3)  # a blank row: later rows keep the numbers Excel shows
    workbook["team"]["C2"] = "full time"  # hours_per_week of Aino
    workbook["team"]["J1"] = "notes"
    workbook["team"]["J2"] = "prefers mornings"
    workbook.save(path)

    error = raises_scenario_error(lambda: load_scenario(path))

    located = {issue.location: issue for issue in error.issues}
    assert "YYYY-MM-DD" in located["sheet tasks, row 2, column due"].message
    assert "both hours and client_days" in located["sheet tasks, row 4, column client_days"].message
    assert "number" in located["sheet team, row 2, column hours_per_week"].message
    assert "unknown column 'notes'" in located["sheet team, row 1, column notes"].message
    assert all(issue.file == str(path) and issue.hint for issue in error.issues)
    assert str(error).startswith(f"{len(error.issues)} problems in {path}:")


def test_unknown_sheets_are_ignored(tmp_path: Path, rich: Scenario) -> None:
    path = tmp_path / "notes.xlsx"
    save_scenario(rich, path)
    workbook = openpyxl.load_workbook(path)
    workbook.create_sheet("my notes")["A1"] = "anything"
    workbook.save(path)
    assert load_scenario(path) == rich


def _zip(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DAMAGED = [
    ("text", b"scenario: not a workbook\n", "not an Excel workbook"),
    ("empty", b"", "empty"),
    ("old-xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-style .xls"),
    ("zip-without-workbook", _zip(hello=b"world"), "cannot be read"),
    ("broken-xml", _zip(**{"[Content_Types].xml": b"<not xml"}), "cannot be read"),
]


@pytest.mark.parametrize(("data", "words"), [pytest.param(d, w, id=i) for i, d, w in DAMAGED])
def test_damaged_workbooks_give_one_clear_issue(data: bytes, words: str) -> None:
    (issue,) = raises_scenario_error(lambda: load_scenario_bytes(data, "plan.xlsx")).issues
    assert words in issue.message and issue.file == "plan.xlsx" and issue.hint


def test_truncated_workbook(rich: Scenario) -> None:
    data = scenario_xlsx_bytes(rich)
    (issue,) = raises_scenario_error(
        lambda: load_scenario_bytes(data[: len(data) // 2], "cut.xlsx")
    ).issues
    assert "workbook" in issue.message


def test_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch, rich: Scenario) -> None:
    monkeypatch.setattr(xlsx_io, "MAX_UNCOMPRESSED_BYTES", 1000)
    (issue,) = raises_scenario_error(
        lambda: load_scenario_bytes(scenario_xlsx_bytes(rich), "big.xlsx")
    ).issues
    assert "expands to" in issue.message


def test_row_limit(monkeypatch: pytest.MonkeyPatch, rich: Scenario) -> None:
    monkeypatch.setattr(xlsx_io, "MAX_ROWS", 3)
    (issue,) = raises_scenario_error(
        lambda: load_scenario_bytes(scenario_xlsx_bytes(rich), "long.xlsx")
    ).issues
    assert "more than 3 rows" in issue.message
