"""Three-point estimates in YAML and XLSX: read, written back, and errors located alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from planner.io import load_scenario, load_scenario_bytes, save_scenario, scenario_from_dict
from planner.model import ThreePoint
from tests.io.conftest import raises_scenario_error

HOURS = {"low": 16, "likely": 24, "high": 40}
DAYS = {"low": 3, "likely": 5, "high": 9}


def _with_ranges(document: dict[str, Any]) -> dict[str, Any]:
    tasks = document["brief"]["tasks"]
    tasks[0]["hours"] = dict(HOURS)
    tasks[1]["client_days"] = dict(DAYS)
    return document


def test_ranges_are_read_and_the_planner_uses_the_likely_value(document) -> None:
    scenario = scenario_from_dict(_with_ranges(document))
    concept, review = scenario.task("concept"), scenario.task("review")
    assert concept.hours == 24 and concept.hours_range == ThreePoint(16, 24, 40)
    assert review.client_days == 5 and review.client_days_range == ThreePoint(3, 5, 9)
    assert scenario.task("visual").hours_range is None


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_ranges_round_trip_through_both_formats(document, tmp_path: Path, suffix: str) -> None:
    scenario = scenario_from_dict(_with_ranges(document))
    path = tmp_path / f"ranges{suffix}"
    save_scenario(scenario, path)
    assert load_scenario(path) == scenario


def test_yaml_mapping_is_written_back_as_a_mapping(document, tmp_path: Path) -> None:
    path = tmp_path / "ranges.yaml"
    save_scenario(scenario_from_dict(_with_ranges(document)), path)
    text = path.read_text()
    assert "low: 16" in text and "likely: 24" in text and "high: 40" in text


@pytest.mark.parametrize(
    ("value", "location", "words"),
    [
        ({"low": 30, "likely": 24, "high": 40}, "brief.tasks[0].hours", "not in order"),
        ({"low": -1, "likely": 24, "high": 40}, "brief.tasks[0].hours.low", "greater than 0"),
        ({"low": 16, "likely": 24}, "brief.tasks[0].hours.high", "missing"),
        ({"lo": 16, "likely": 24, "high": 40}, "brief.tasks[0].hours.lo", "did you mean 'low'"),
        ({"low": 0.001, "likely": 24, "high": 40}, "brief.tasks[0].hours", "less than a minute"),
    ],
)
def test_yaml_range_errors_are_located(document, value, location: str, words: str) -> None:
    document["brief"]["tasks"][0]["hours"] = value
    error = raises_scenario_error(lambda: scenario_from_dict(document))
    issue = next(i for i in error.issues if i.location == location)
    assert words in f"{issue.message} {issue.hint}"


def test_yaml_client_days_range_must_be_whole_days(document) -> None:
    document["brief"]["tasks"][1]["client_days"] = {"low": 2.5, "likely": 5, "high": 9}
    error = raises_scenario_error(lambda: scenario_from_dict(document))
    (issue,) = error.issues
    assert issue.location == "brief.tasks[1].client_days.low" and "whole number" in issue.message


def test_yaml_range_errors_carry_line_numbers() -> None:
    text = (
        "scenario: X\nstart: 2027-03-01\nteam:\n  - {name: A, roles: [d], hours_per_week: 40, "
        "bill_rate: 50}\nbrief:\n  client: C\n  tasks:\n    - id: t\n      role: d\n"
        "      hours: {low: 20, likely: 10, high: 30}\n"
    )
    error = raises_scenario_error(lambda: load_scenario_bytes(text.encode(), "x.yaml"))
    (issue,) = error.issues
    assert issue.location == "brief.tasks[0].hours" and issue.line == 10


def test_xlsx_range_errors_name_the_column(document, tmp_path: Path) -> None:
    path = tmp_path / "ranges.xlsx"
    save_scenario(scenario_from_dict(_with_ranges(document)), path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["tasks"]
    columns = {cell.value: cell.column_letter for cell in sheet[1]}
    sheet[f"{columns['hours_low']}2"] = -3  # concept
    sheet[f"{columns['client_days_high']}3"] = 2  # review: high below likely 5
    workbook.save(path)
    error = raises_scenario_error(lambda: load_scenario(path))
    located = {issue.location: issue for issue in error.issues}
    assert "greater than 0" in located["sheet tasks, row 2, column hours_low"].message
    assert "not in order" in located["sheet tasks, row 3, column client_days"].message
