"""Choosing the format by extension, file-level failures, and the Issue/ScenarioError texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.io import (
    Issue,
    ScenarioError,
    convert,
    dump_yaml,
    load_scenario,
    load_scenario_bytes,
    save_scenario,
)
from planner.model import Scenario
from tests.io.conftest import SCENARIOS, raises_scenario_error


@pytest.mark.parametrize("name", ["plan.json", "plan.txt", "plan", "plan.xls", "plan.csv"])
def test_unsupported_extensions(tmp_path: Path, name: str, rich: Scenario) -> None:
    path = tmp_path / name
    path.write_text("scenario: x")
    (issue,) = raises_scenario_error(lambda: load_scenario(path)).issues
    assert "unsupported file type" in issue.message and issue.hint
    raises_scenario_error(lambda: load_scenario_bytes(b"scenario: x", name))
    raises_scenario_error(lambda: save_scenario(rich, path))


def test_xls_hint_says_save_as_xlsx(tmp_path: Path) -> None:
    (issue,) = raises_scenario_error(lambda: load_scenario(tmp_path / "old.xls")).issues
    assert ".xlsx" in issue.hint


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    (issue,) = raises_scenario_error(lambda: load_scenario(path)).issues
    assert issue.message == "file not found" and issue.file == str(path)
    assert str(issue).startswith(f"{path}: file not found. Fix: check the path")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    (issue,) = raises_scenario_error(lambda: load_scenario(folder)).issues
    assert "folder" in issue.message and ".yaml or .xlsx" in issue.hint


def test_unreadable_file_names_the_reason_and_a_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("scenario: x")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Tests run as root here, so chmod cannot make a file unreadable: refuse the open instead.
    monkeypatch.setattr(Path, "open", refuse)
    (issue,) = raises_scenario_error(lambda: load_scenario(path)).issues
    assert issue.message == "the file cannot be read: Permission denied"
    assert "permissions" in issue.hint and issue.file == str(path)


def test_bytes_are_read_by_extension(rich: Scenario) -> None:
    text = dump_yaml(rich).encode()
    assert load_scenario_bytes(text, "upload.YML") == rich
    (issue,) = raises_scenario_error(lambda: load_scenario_bytes(text, "upload.xlsx")).issues
    assert "not an Excel workbook" in issue.message


def test_convert_checks_the_target_before_reading(tmp_path: Path) -> None:
    (issue,) = raises_scenario_error(
        lambda: convert(SCENARIOS / "contract.yaml", tmp_path / "out.pdf")
    ).issues
    assert "unsupported" in issue.message
    assert not (tmp_path / "out.pdf").exists()


def test_path_given_as_text(tmp_path: Path, rich: Scenario) -> None:
    path = str(tmp_path / "s.xlsx")
    save_scenario(rich, path)
    assert load_scenario(path) == rich


def test_issue_text() -> None:
    full = Issue(
        "acme.yaml",
        "brief.tasks[3].hours",
        "must be greater than 0 (got -4)",
        "give the agency effort in hours, e.g. hours: 16",
    )
    assert str(full) == (
        "acme.yaml: brief.tasks[3].hours: must be greater than 0 (got -4). "
        "Fix: give the agency effort in hours, e.g. hours: 16"
    )
    assert str(Issue("a.yaml", "", "the file is empty")) == "a.yaml: the file is empty"
    assert str(Issue("a.yaml", "team", "x", "y", line=3)) == "a.yaml: team (line 3): x. Fix: y"


def test_scenario_error_text() -> None:
    one = Issue("a.yaml", "team", "the team is empty", "add someone")
    two = Issue("a.yaml", "brief.budget", "must be at least 0 (got -1)", "give the budget")
    assert str(ScenarioError([one])) == (
        "1 problem in a.yaml:\n  a.yaml: team: the team is empty. Fix: add someone"
    )
    error = ScenarioError([one, two, one])
    assert error.issues == [one, two]
    assert str(error).splitlines()[0] == "2 problems in a.yaml:"
    assert ScenarioError([one], file="upload").file == "upload"
    with pytest.raises(ValueError):
        ScenarioError([])
