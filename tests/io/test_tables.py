"""The table form (workbook sheets / app data editors): round trips and located errors."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from planner.io import SHEETS, Issue, scenario_from_tables, scenario_to_tables
from planner.model import Dependency, Scenario
from tests.io.conftest import raises_scenario_error

Tables = dict[str, pd.DataFrame]


def test_rich_scenario_round_trips_through_tables(rich: Scenario) -> None:
    assert scenario_from_tables(scenario_to_tables(rich)) == rich


def test_tables_have_the_documented_columns_and_types(rich: Scenario) -> None:
    tables = scenario_to_tables(rich)
    assert list(tables) == list(SHEETS)
    for name, frame in tables.items():
        assert list(frame.columns) == [column.name for column in SHEETS[name]]
    tasks = tables["tasks"]
    assert tasks["hours"].dtype == "float64" and tasks["priority"].dtype == "Int64"
    assert tasks["optional"].dtype == bool
    assert tasks.loc[2, "after"] == "concept_review+2, concept"
    assert tasks.loc[5, "repeat_every"] == "month" and tasks.loc[5, "repeat_interval"] == 2
    assert tables["team"].loc[0, "roles"] == "designer, art director"
    assert tables["team"].loc[0, "workdays"] == "Mon, Tue, Wed, Thu, Fri"
    assert list(tables["time_off"]["person"]) == ["Aino", "Aino"]
    settings = dict(zip(tables["settings"]["setting"], tables["settings"]["value"], strict=True))
    assert settings["workdays"] == "Mon, Tue, Wed, Thu, Fri, Sat" and settings["budget"] == 18000.75


def test_editor_style_values_are_accepted(rich: Scenario) -> None:
    tables = scenario_to_tables(rich)
    tasks = tables["tasks"].astype(object)
    tasks["priority"] = tables["tasks"]["priority"].to_numpy(dtype="float64", na_value=np.nan)
    tasks["due"] = pd.to_datetime(tasks["due"])  # datetime64 column with NaT
    tasks["hours"] = [str(value) if not pd.isna(value) else "" for value in tasks["hours"]]
    tasks.at[0, "after"] = []  # list columns as Python lists
    tasks.at[2, "after"] = ["concept_review+2", "concept"]
    tables["tasks"] = tasks
    team = tables["team"]
    team["hours_per_week"] = team["hours_per_week"].astype(object)
    team.at[0, "hours_per_week"] = np.float64(37.5)
    assert scenario_from_tables(tables) == rich


def test_blank_rows_are_skipped_and_row_numbers_match_excel(rich: Scenario) -> None:
    tables = scenario_to_tables(rich)
    tasks = tables["tasks"]
    blank = pd.DataFrame([[None] * len(tasks.columns)], columns=tasks.columns)
    tasks = pd.concat([tasks.iloc[:1], blank, tasks.iloc[1:]], ignore_index=True)
    tables["tasks"] = tasks
    assert scenario_from_tables(tables) == rich
    tasks.at[3, "hours"] = -4.0  # key_visual, below the header, concept and the blank row
    (issue,) = raises_scenario_error(lambda: scenario_from_tables(tables, "edit")).issues
    assert issue.location == "sheet tasks, row 5, column hours"
    assert str(issue).startswith("edit: sheet tasks, row 5, column hours: must be greater than 0")


def test_names_are_matched_ignoring_case(rich: Scenario) -> None:
    tables = {name.title(): frame for name, frame in scenario_to_tables(rich).items()}
    tables["Team"] = tables["Team"].rename(columns=str.upper)
    assert scenario_from_tables(tables) == rich


def test_numbers_in_text_columns_become_text(rich: Scenario) -> None:
    tables = scenario_to_tables(rich)
    tables["tasks"] = tables["tasks"].astype(object)
    tables["tasks"].at[3, "id"] = 1.0  # Excel stores the id "1" as a number
    assert scenario_from_tables(tables).brief.tasks[3].id == "1"


def _set(sheet: str, row: int, column: str, value: object) -> Callable[[Tables], None]:
    def apply(tables: Tables) -> None:
        tables[sheet] = tables[sheet].astype(object)
        tables[sheet].at[row, column] = value

    return apply


def _rename(sheet: str, old: str, new: str) -> Callable[[Tables], None]:
    def apply(tables: Tables) -> None:
        tables[sheet] = tables[sheet].rename(columns={old: new})

    return apply


def _drop_sheet(name: str, new: str | None = None) -> Callable[[Tables], None]:
    def apply(tables: Tables) -> None:
        frame = tables.pop(name)
        if new:
            tables[new] = frame

    return apply


def _setting(key: str, value: object) -> Callable[[Tables], None]:
    def apply(tables: Tables) -> None:
        frame = tables["settings"]
        row = frame.index[frame["setting"] == key][0]
        frame.at[row, "value"] = value

    return apply


# (id, mutation, location, words); settings rows: scenario=2, start=3, ..., client=8, budget=9
TABLE_CASES = [
    (
        "hours",
        _set("tasks", 0, "hours", -1.0),
        "sheet tasks, row 2, column hours",
        "greater than 0",
    ),
    (
        "text-number",
        _set("team", 1, "bill_rate", "lots"),
        "sheet team, row 3, column bill_rate",
        "number",
    ),
    ("date", _set("tasks", 0, "due", "tomorrow"), "sheet tasks, row 2, column due", "YYYY-MM-DD"),
    (
        "weekday",
        _set("team", 0, "workdays", "Mon, Tu"),
        "sheet team, row 2, column workdays",
        "'Tu' is not a weekday",
    ),
    (
        "after-unknown",
        _set("tasks", 2, "after", "concept, nope"),
        "sheet tasks, row 4, column after",
        "unknown task 'nope'",
    ),
    (
        "after-lag",
        _set("tasks", 2, "after", "concept+x"),
        "sheet tasks, row 4, column after",
        "whole number",
    ),
    (
        "repeat-count",
        _set("tasks", 4, "repeat_count", None),
        "sheet tasks, row 6, column repeat_count",
        "missing",
    ),
    (
        "repeat-every",
        _set("tasks", 4, "repeat_every", "fortnightly"),
        "sheet tasks, row 6, column repeat_every",
        "one of",
    ),
    ("neither", _set("tasks", 0, "hours", np.nan), "sheet tasks, row 2", "neither hours"),
    ("role", _set("tasks", 0, "role", "strategst"), "sheet tasks, row 2, column role", "no one"),
    (
        "time-off-person",
        _set("time_off", 1, "person", "Ainoo"),
        "sheet time_off, row 3, column person",
        "no team member is called 'Ainoo'",
    ),
    (
        "time-off-order",
        _set("time_off", 0, "to", "2027-03-01"),
        "sheet time_off, row 2, column to",
        "before it starts",
    ),
    (
        "commitment",
        _set("commitments", 1, "person", "Pjotr"),
        "sheet commitments, row 3, column person",
        "no team member",
    ),
    (
        "unknown-column",
        _rename("tasks", "hours", "hour"),
        "sheet tasks, row 1, column hour",
        "unknown column 'hour'",
    ),
    (
        "duplicate-column",
        _rename("team", "cost_rate", "bill_rate"),
        "sheet team, row 1, column bill_rate",
        "appears twice",
    ),
    ("missing-sheet", _drop_sheet("tasks", "taks"), "sheet tasks", "the sheet is missing"),
    (
        "setting-value",
        _setting("start", "2027-13-01"),
        "sheet settings, row 3, column value",
        "not a real calendar date",
    ),
    ("setting-missing", _setting("client", None), "sheet settings, setting client", "missing"),
    (
        "setting-country",
        _setting("country", "Germany"),
        "sheet settings, row 5, column value",
        "not a country",
    ),
    ("empty-team", lambda t: t.update(team=t["team"].iloc[0:0]), "sheet team", "team is empty"),
    (
        "fixed-cost",
        _set("fixed_costs", 0, "amount", -1),
        "sheet fixed_costs, row 2, column amount",
        "at least 0",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "location", "words"),
    [pytest.param(m, loc, w, id=name) for name, m, loc, w in TABLE_CASES],
)
def test_table_errors_name_sheet_row_and_column(
    rich: Scenario, mutate: Callable[[Tables], None], location: str, words: str
) -> None:
    tables = scenario_to_tables(rich)
    mutate(tables)
    error = raises_scenario_error(lambda: scenario_from_tables(tables, "plan.xlsx"))
    matches = [issue for issue in error.issues if issue.location == location]
    assert matches, [str(issue) for issue in error.issues]
    issue: Issue = matches[0]
    assert words in issue.message and issue.hint and issue.file == "plan.xlsx"


def test_suggestions_for_misspelled_names(rich: Scenario) -> None:
    tables = scenario_to_tables(rich)
    _rename("tasks", "hours", "hour")(tables)
    _drop_sheet("team", "teem")(tables)
    tables["settings"].at[1, "setting"] = "strat"
    hints = {
        issue.location: issue.hint
        for issue in raises_scenario_error(lambda: scenario_from_tables(tables)).issues
    }
    assert "did you mean 'hours'?" in hints["sheet tasks, row 1, column hour"]
    assert "did you mean 'teem'?" in hints["sheet team"]
    assert "did you mean 'start'?" in hints["sheet settings, row 3, column setting"]


def test_lag_syntax_in_tables(rich: Scenario) -> None:
    tables = scenario_to_tables(rich)
    tables["tasks"].at[2, "after"] = "concept_review + 3 ,concept"
    after = scenario_from_tables(tables).task("key_visual").after
    assert after == (Dependency("concept_review", 3), Dependency("concept"))


def test_a_missing_sheet_is_reported_once(rich: Scenario) -> None:
    tables = scenario_to_tables(rich)
    del tables["team"]
    (issue,) = raises_scenario_error(lambda: scenario_from_tables(tables, "t.xlsx")).issues
    assert issue.location == "sheet team" and "missing" in issue.message
    assert "name, roles, hours_per_week" in issue.hint


def test_empty_stray_columns_are_ignored(rich: Scenario) -> None:
    tables = scenario_to_tables(rich)
    tables["tasks"]["Unnamed: 18"] = np.nan
    assert scenario_from_tables(tables) == rich
