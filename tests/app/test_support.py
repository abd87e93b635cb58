"""The app's non-UI logic (planner.app), tested without Streamlit."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from planner import app
from planner.io import Issue, load_scenario, load_scenario_bytes, template_scenario
from planner.model import Scenario, Task
from planner.plan import BudgetCheck, Plan, PromiseOutcome
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.report.page import report_html, report_pdf
from planner.report.tables import plan_xlsx_bytes
from planner.validate.rules import assert_valid
from tests.conftest import DATA_DIR, TUNDRA, tiny_scenario


@pytest.fixture(scope="module")
def tundra_plan(tundra: Scenario) -> Plan:
    """Its plan (solves in well under a second), checked by the independent validator."""
    plan = plan_scenario(tundra, SolveSettings(time_limit=5))
    assert_valid(tundra, plan)
    return plan


def edited(scenario: Scenario, table: str, row: int, column: str, value: object) -> app.EditResult:
    """The scenario's editor tables with one cell changed, read back."""
    tables = app.editor_tables(scenario)
    tables[table].loc[row, column] = value
    return app.scenario_from_edits(tables, "test (edited)")


# ----------------------------------------------------------------------------- samples


def test_samples_list_the_bundled_files_default_first() -> None:
    samples = app.list_samples()
    assert samples[0].name == app.DEFAULT_SAMPLE
    assert {path.name for path in samples} == {path.name for path in DATA_DIR.glob("*.yaml")}
    assert app.list_samples(Path("/no/such/folder")) == []


def test_sample_label_is_readable() -> None:
    assert app.sample_label(Path("tundra-product-launch.yaml")) == "Tundra product launch"
    assert app.sample_label(Path("kivi_retainer.yaml")) == "Kivi retainer"


def test_upload_id_changes_with_content_not_with_repeats() -> None:
    assert app.upload_id("a.yaml", b"x") == app.upload_id("a.yaml", b"x")
    assert app.upload_id("a.yaml", b"x") != app.upload_id("a.yaml", b"y")


# ----------------------------------------------------------------------------- editing


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_editor_tables_read_back_unchanged(path: Path) -> None:
    scenario = load_scenario(path)
    result = app.scenario_from_edits(app.editor_tables(scenario), path.name)
    assert result.ok and result.issues == ()
    assert result.scenario == scenario


def test_template_reads_back_unchanged() -> None:
    scenario = template_scenario()
    assert app.scenario_from_edits(app.editor_tables(scenario), "t").scenario == scenario


def test_settings_are_text_so_one_column_can_hold_every_kind(tundra: Scenario) -> None:
    settings = app.editor_tables(tundra)["settings"].set_index("setting")["value"]
    assert settings["start"] == "2027-03-01"
    assert settings["budget"] == "38000"


def test_budget_edit_is_read_back(tundra: Scenario) -> None:
    tables = app.editor_tables(tundra)
    settings = tables["settings"]
    settings.loc[settings["setting"] == "budget", "value"] = "45000"
    result = app.scenario_from_edits(tables, "t")
    assert result.scenario is not None and result.scenario.brief.budget == 45000


def test_hours_edit_is_read_back(tundra: Scenario) -> None:
    result = edited(tundra, "tasks", 6, "hours", 30.0)
    assert result.scenario is not None
    assert result.scenario.task("key_visual").hours == 30


def test_negative_hours_give_the_cli_message_located_in_the_tasks_table(tundra: Scenario) -> None:
    tables = app.editor_tables(tundra)
    tables["tasks"].loc[6, "hours"] = -4.0
    result = app.scenario_from_edits(tables, "tundra (edited)")
    assert not result.ok and result.scenario is None
    [issue] = result.issues_for("tasks")
    assert issue.file == "tundra (edited)"
    assert issue.location == "sheet tasks, row 8, column hours"
    assert "must be greater than 0" in issue.message and issue.hint
    assert app.issue_row_label(issue, tables["tasks"]) == "key_visual"
    assert result.issues_for("team") == [] and result.other_issues() == []


def test_unknown_person_in_commitments_is_located(tundra: Scenario) -> None:
    result = edited(tundra, "commitments", 0, "person", "Nobody")
    issues = result.issues_for("commitments")
    assert issues and "Nobody" in str(issues[0])


def test_added_blank_rows_are_ignored(tundra: Scenario) -> None:
    tables = app.editor_tables(tundra)
    tasks = tables["tasks"]
    tables["tasks"] = pd.concat([tasks, pd.DataFrame([{c: None for c in tasks.columns}])])
    assert app.scenario_from_edits(tables, "t").scenario == tundra


@pytest.mark.parametrize(
    ("location", "table"),
    [
        ("sheet tasks, row 5, column hours", "tasks"),
        ("sheet time_off, row 2", "time_off"),
        ("sheet settings, setting budget", "settings"),
        ("", None),
        ("brief.tasks[2].hours", None),
    ],
)
def test_issue_table_reads_the_sheet(location: str, table: str | None) -> None:
    assert app.issue_table(Issue("f", location, "m")) == table


def test_issue_lines_are_a_literal_markdown_list() -> None:
    frame = pd.DataFrame({"id": ["key_visual"]})
    issue = Issue("f.yaml", "sheet tasks, row 2, column hours", "must be > 0 (got -4)", "$5 *x*")
    text = app.issue_lines([issue, Issue("f.yaml", "", "empty")], frame)
    first, second = text.splitlines()
    assert first.startswith("- **key\\_visual** · f.yaml: sheet tasks, row 2")
    assert "\\$5 \\*x\\*" in first and "\\(got \\-4\\)" in first
    assert second == "- f.yaml: empty"


def test_escape_markdown_keeps_plain_words() -> None:
    assert app.escape_markdown("Aino Virtanen, 37.5 h") == "Aino Virtanen, 37.5 h"
    assert app.escape_markdown("a_b [c]") == "a\\_b \\[c\\]"


def test_issue_row_label_handles_rows_outside_the_table() -> None:
    frame = pd.DataFrame({"id": ["a", "b"]})
    assert app.issue_row_label(Issue("f", "sheet tasks, row 3", "m"), frame) == "b"
    assert app.issue_row_label(Issue("f", "sheet tasks, row 9", "m"), frame) is None
    assert app.issue_row_label(Issue("f", "sheet tasks", "m"), frame) is None


def test_choices_come_from_the_team_plus_values_in_use() -> None:
    team = pd.DataFrame({"name": ["Aino", None, "Eero"], "roles": ["designer, art", "x", None]})
    assert app.role_choices(team) == ["art", "designer", "x"]
    assert app.role_choices(team, ["copy", float("nan")]) == ["art", "copy", "designer", "x"]
    assert app.person_choices(team, ["Old name", ""]) == ["Aino", "Eero", "Old name"]
    assert app.role_choices(pd.DataFrame()) == []


def test_column_specs_type_the_task_columns(tundra: Scenario) -> None:
    tables = app.editor_tables(tundra)
    specs = app.column_specs("tasks", tables["tasks"], tables["team"])
    assert specs["hours"].kind == "number" and specs["hours"].min_value == 0
    assert specs["priority"].kind == "integer" and specs["priority"].min_value == 1
    assert specs["due"].kind == "date"
    assert specs["optional"].kind == "check"
    assert specs["role"].kind == "select"
    assert {"designer", "art_director", "developer"} <= set(specs["role"].options)
    assert specs["repeat_every"].options == ("day", "week", "month")
    assert specs["id"].kind == "text" and specs["id"].help


def test_column_specs_offer_team_names_for_people(tundra: Scenario) -> None:
    tables = app.editor_tables(tundra)
    specs = app.column_specs("commitments", tables["commitments"], tables["team"])
    assert specs["person"].kind == "select"
    assert "Aino Virtanen" in specs["person"].options
    team_specs = app.column_specs("team", tables["team"], tables["team"])
    assert team_specs["name"].kind == "text" and team_specs["hours_per_week"].kind == "number"


# ----------------------------------------------------------------------------- verdict


def test_summary_of_the_over_promised_sample(tundra_plan: Plan) -> None:
    verdict = app.summarise(tundra_plan)
    assert verdict.tone == "bad"
    broken = len(tundra_plan.broken_promises)
    assert verdict.headline.startswith(f"{broken} of {len(tundra_plan.promises)} promises cannot")
    price, budget = tundra_plan.budget.price, tundra_plan.budget.budget or 0
    assert verdict.money_line == (
        f"{price - budget:,.0f} EUR over budget (price {price:,.0f} EUR, budget {budget:,.0f} EUR)"
        ": no plan that keeps these promises fits the budget"
    )
    assert tundra_plan.budget.over_budget_proven
    assert "INFEASIBLE" not in verdict.headline + verdict.money_line + verdict.certainty
    assert tundra_plan.solver_status in verdict.details
    assert verdict.total == len(tundra_plan.promises)
    assert verdict.broken == len(tundra_plan.broken_promises) > 0
    assert verdict.worst_slip == max(p.slip_days for p in tundra_plan.promises)
    assert verdict.budget_gap is not None and verdict.budget_gap < 0
    over = tundra_plan.budget.price - (tundra_plan.budget.budget or 0)
    assert verdict.budget_delta == f"{over:,.0f} EUR over budget"  # no minus: no double negative
    assert verdict.over_budget
    assert verdict.price_text.endswith(" EUR")


def test_summary_of_a_feasible_plan() -> None:
    scenario = tiny_scenario((Task("a", role="designer", hours=7.5, due=date(2027, 3, 5)),))
    plan = plan_scenario(scenario, SolveSettings(time_limit=5))
    assert_valid(scenario, plan)
    verdict = app.summarise(plan)
    assert verdict.tone == "good"
    assert verdict.headline == "Can be delivered as promised (the promised date is kept)"
    assert (verdict.kept, verdict.broken, verdict.worst_slip) == (1, 0, 0)
    assert verdict.budget_gap is None and verdict.budget_delta is None


def unplanned(status: str) -> Plan:
    """A plan without a schedule, with one promise."""
    promise = PromiseOutcome("a", "Task A", date(2027, 3, 5), None, 0)
    return Plan("t", "EUR", status, (), (), (promise,), BudgetCheck(0.0, 1000.0), message="why")


@pytest.mark.parametrize(("status", "tone"), [("UNKNOWN", "unknown"), ("INFEASIBLE", "bad")])
def test_summary_without_a_schedule(status: str, tone: str) -> None:
    verdict = app.summarise(unplanned(status))
    assert verdict.tone == tone and "why" in verdict.details
    assert (verdict.kept, verdict.broken, verdict.worst_name) == (0, 1, None)
    assert app.promises_table(unplanned(status))["Status"].tolist() == ["not planned"]


def test_promises_table_puts_the_worst_first(tundra_plan: Plan) -> None:
    table = app.promises_table(tundra_plan)
    assert list(table.columns) == [
        "Promise",
        "Promised",
        "Realistic",
        "Working days late",
        "Priority",
        "Status",
    ]
    assert len(table) == len(tundra_plan.promises)
    late = table[table["Status"].str.endswith("working days late")]
    assert late.index.max() < table[table["Status"] == "kept"].index.min()
    assert late["Working days late"].is_monotonic_decreasing
    assert (table.loc[table["Status"] == "kept", "Working days late"] == 0).all()


def test_promises_are_coloured_by_status(tundra_plan: Plan) -> None:
    page = app.promises_styler(app.promises_table(tundra_plan)).to_html()
    assert app.STATUS_COLOURS["late"] in page and app.STATUS_COLOURS["kept"] in page


# ----------------------------------------------------------------------------- downloads


def test_scenario_key_follows_content(tundra: Scenario) -> None:
    again = load_scenario(TUNDRA)
    assert again is not tundra and app.scenario_key(again) == app.scenario_key(tundra)
    cheaper = replace(tundra, brief=replace(tundra.brief, budget=1))
    assert app.scenario_key(cheaper) != app.scenario_key(tundra)


@pytest.mark.parametrize(
    ("title", "stem"),
    [("Tundra launch!", "tundra-launch"), ("Äö  ", "scenario"), ("a/b\\c", "a-b-c")],
)
def test_file_stem_is_safe(title: str, stem: str) -> None:
    assert app.file_stem(title) == stem


def test_scenario_downloads_load_back_unchanged(tundra: Scenario) -> None:
    files = {item.key: item for item in app.scenario_downloads(tundra)}
    assert set(files) == {"dl_scenario_yaml", "dl_scenario_xlsx"}
    for item in files.values():
        assert load_scenario_bytes(item.make(), item.file_name) == tundra
        assert item.file_name.startswith("tundra-smartwatch-launch")


def test_plan_csv_and_xlsx(tundra_plan: Plan) -> None:
    rows = list(csv.DictReader(io.StringIO(app.plan_csv_bytes(tundra_plan).decode())))
    assert len(rows) == len(tundra_plan.tasks) and rows[0]["Id"] == tundra_plan.tasks[0].id
    book = openpyxl.load_workbook(io.BytesIO(plan_xlsx_bytes(tundra_plan)))
    assert {"bookings", "tasks", "promises", "budget", "budget_by_deliverable"} <= set(
        book.sheetnames
    )
    assert "utilisation" not in book.sheetnames  # the client's workbook by default


def test_chart_and_plan_downloads(tundra: Scenario, tundra_plan: Plan) -> None:
    figures = app.app_figures(tundra_plan, tundra, "role", "deliverable")
    assert set(figures) == set(app.CHARTS)
    charts = app.chart_downloads(figures, "stem")
    assert [d.key for d in charts[:4]] == [
        "dl_gantt_png",
        "dl_gantt_svg",
        "dl_gantt_pdf",
        "dl_gantt_html",
    ]
    assert len(charts) == len(app.CHARTS) * len(app.CHART_FORMATS)
    assert all(d.static == (not d.key.endswith("html")) for d in charts)
    html = next(d for d in charts if d.key == "dl_budget_html")
    assert html.file_name == "stem-budget.html" and b"plotly" in html.make()
    plans = {d.key: d for d in app.plan_downloads(tundra_plan, tundra, "stem")}
    assert set(plans) == {"dl_plan_csv", "dl_plan_xlsx", "dl_report_html", "dl_report_pdf"}
    assert plans["dl_report_pdf"].static and not plans["dl_report_html"].static
    # The report itself is tested with planner.report.page; here: the right function, lazily.
    assert plans["dl_report_html"].make.func is report_html  # type: ignore[attr-defined]
    assert plans["dl_report_pdf"].make.func is report_pdf  # type: ignore[attr-defined]
