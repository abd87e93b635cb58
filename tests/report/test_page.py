"""Output files: plan tables, charts (HTML always; PNG/SVG/PDF with Chromium) and the report.

Static exports need Chromium. In CI (``CI=true``) they must run and never skip; locally they
skip only when :func:`planner.report.page.chromium_path` finds no browser.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import plotly.graph_objects as go
import pytest

from planner.cli import commands as cli
from planner.io import load_scenario
from planner.model import Scenario
from planner.plan import Plan, PromiseOutcome
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.report.page import (
    CLIENT_REPORT_CHARTS,
    MAX_PROMISE_ROWS,
    REPORT_CHARTS,
    ExportUnavailable,
    chromium_path,
    figure_bytes,
    html_to_pdf,
    report_html,
    report_pdf,
    write_outputs,
)
from planner.report.tables import plan_xlsx_bytes
from planner.validate.rules import assert_valid
from planner.wording import certainty_line, verdict_lines
from tests.conftest import DATA_DIR, TUNDRA

CHARTS = (
    "gantt",
    "utilisation_by_person",
    "utilisation_by_role",
    "budget",
    "budget_by_deliverable",
)
KIVI = DATA_DIR / "kivi-retainer-easter.yaml"
INLINE_SVG = re.compile(r'<figure style="width:\d+px"><svg')
PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")
CLI_DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
TABLES = ("bookings", "tasks", "promises", "budget", "budget_by_deliverable", "utilisation")
EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\bsrc=[\"']?(https?:)?//", re.IGNORECASE)

needs_chromium = pytest.mark.skipif(
    chromium_path() is None and os.environ.get("CI", "").lower() != "true",
    reason="no Chromium found (static export tests run, and must pass, in CI)",
)


@pytest.fixture(scope="module")
def outputs(contract_plan, tmp_path_factory) -> tuple[Path, list[Path], list[str]]:
    """write_outputs once for the module (starts the kaleido server once when Chromium exists);
    the agency version, which has every table and chart."""
    scenario, plan = contract_plan
    out = tmp_path_factory.mktemp("out")
    notes: list[str] = []
    written = write_outputs(plan, scenario, out, notes, audience="agency")
    return out, written, notes


@pytest.fixture
def no_chromium(monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert chromium_path() is None


def _self_contained(page: str) -> None:
    assert "plotly.js v" in page  # the library itself, inlined
    assert not EXTERNAL_SCRIPT.search(page)


def test_tables_and_workbook(outputs):
    out, written, _ = outputs
    for name in TABLES:
        assert out / f"{name}.csv" in written
    workbook = openpyxl.load_workbook(out / "plan.xlsx", read_only=True)
    assert workbook.sheetnames == list(TABLES)
    rows = list(workbook["promises"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Task", "Name", "Due") and len(rows) == 11


def test_csv_headers_are_the_workbook_headers_in_plain_words(outputs, contract_plan):
    """Every CSV read back: the header row is the XLSX sheet's, in words, and the rows are
    the plan's (one booking per row)."""
    out, _, _ = outputs
    workbook = openpyxl.load_workbook(out / "plan.xlsx", read_only=True)
    for name in TABLES:
        with (out / f"{name}.csv").open(newline="", encoding="utf-8") as stream:
            rows = list(csv.reader(stream))
        sheet = list(workbook[name].iter_rows(values_only=True))
        assert tuple(rows[0]) == sheet[0], name
        assert len(rows) == len(sheet), name
        assert not [h for h in rows[0] if "_" in h], name
    with (out / "promises.csv").open(newline="", encoding="utf-8") as stream:
        header = next(csv.reader(stream))
    assert header == ["Task", "Name", "Due", "Finish", "Slip days", "Met", "Priority"]
    with (out / "bookings.csv").open(newline="", encoding="utf-8") as stream:
        bookings = list(csv.DictReader(stream))
    assert len(bookings) == len(contract_plan[1].bookings)
    assert sum(float(b["Hours"]) for b in bookings) == pytest.approx(
        sum(b.hours for b in contract_plan[1].bookings)
    )


def test_csv_headers_are_the_documented_ones(outputs):
    out, _, _ = outputs
    documented = {
        m.group(1): m.group(2).split(", ")
        for m in re.finditer(r"^\| `(\w+)`[^|]*\| ([^|]+?) \|$", CLI_DOC.read_text(), re.M)
    }
    for name in TABLES:
        with (out / f"{name}.csv").open(newline="", encoding="utf-8") as stream:
            assert next(csv.reader(stream)) == documented[name], name


def test_plan_workbook_bytes_are_the_written_workbook(outputs, contract_plan):
    out, _, _ = outputs
    in_memory = openpyxl.load_workbook(
        io.BytesIO(plan_xlsx_bytes(contract_plan[1], audience="agency")), read_only=True
    )
    on_disk = openpyxl.load_workbook(out / "plan.xlsx", read_only=True)
    assert in_memory.sheetnames == on_disk.sheetnames == list(TABLES)
    for name in TABLES:
        assert list(in_memory[name].values) == list(on_disk[name].values)


def test_chart_html_is_self_contained(outputs):
    out, written, _ = outputs
    for name in CHARTS:
        path = out / f"{name}.html"
        assert path in written
        _self_contained(path.read_text(encoding="utf-8"))


def test_report_html_content(outputs, contract_plan):
    out, _, _ = outputs
    scenario, _ = contract_plan
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f"<title>{scenario.title} — feasibility report</title>" in page
    assert "Client: Acme" in page
    dates = (
        "1 of 10 promises cannot be kept with this team (worst: key_visual, 9 working days late)"
    )
    assert f"<span>{dates}</span>" in page
    assert "<span>Within budget (price 12,640 EUR, budget 18,000 EUR)</span>" in page
    assert "9 working days late</td>" in page and 'class="status met">kept</td>' in page
    assert "Price 12,640 EUR. Budget 18,000 EUR." in page
    assert "Internal cost: not known" in page  # the agency version (no cost rates here)
    for word in ("INFEASIBLE", "FEASIBLE", "OPTIMAL", "Solver"):
        assert word not in page
    assert "@page { size: A4" in page
    assert not EXTERNAL_SCRIPT.search(page)


@needs_chromium
def test_static_chart_files(outputs):
    out, written, notes = outputs
    assert notes == []
    for name in CHARTS:
        png, svg, pdf = (out / f"{name}.{ext}" for ext in ("png", "svg", "pdf"))
        assert {png, svg, pdf} <= set(written)
        assert png.read_bytes().startswith(b"\x89PNG")
        root = ET.fromstring(svg.read_bytes())
        assert root.tag.endswith("svg")
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5_000


@needs_chromium
def test_report_pdf_and_inline_svg(outputs):
    out, written, _ = outputs
    page = (out / "report.html").read_text(encoding="utf-8")
    assert len(INLINE_SVG.findall(page)) == len(REPORT_CHARTS)
    assert 'viewBox="0 0 ' in page
    pdf = out / "report.pdf"
    assert pdf in written
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5_000
    assert len(PDF_PAGE.findall(data)) == 1


@needs_chromium
def test_report_functions_with_chosen_figures(contract_plan):
    scenario, plan = contract_plan
    figures = {"bar": go.Figure(go.Bar(x=["a"], y=[1]))}
    page = report_html(plan, scenario, figures)
    assert len(INLINE_SVG.findall(page)) == 1
    assert report_pdf(plan, scenario, figures).startswith(b"%PDF")
    assert figure_bytes(figures["bar"], "svg").lstrip().startswith(b"<svg")


def test_without_chromium_html_only(contract_plan, tmp_path, no_chromium):
    scenario, plan = contract_plan
    notes: list[str] = []
    written = write_outputs(plan, scenario, tmp_path, notes, audience="agency")
    assert {p.suffix for p in written} == {".csv", ".xlsx", ".html"}
    assert len(notes) == 1 and "HTML only" in notes[0]
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    _self_contained(page)
    assert page.count("plotly.js v") == 1  # plotly.js once, three interactive charts
    assert page.count('class="plotly-graph-div"') == len(REPORT_CHARTS)
    assert "@page { size: A4" in page and 'id="page"' in page
    with pytest.raises(ExportUnavailable, match="Chromium"):
        figure_bytes(go.Figure(), "png")
    with pytest.raises(ExportUnavailable, match="Chromium"):
        report_pdf(plan, scenario)


def test_chromium_path_prefers_browser_path(monkeypatch, tmp_path):
    fake = tmp_path / "my-chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert chromium_path() == str(fake)


def test_unknown_format_rejected():
    with pytest.raises(ValueError, match="jpeg"):
        figure_bytes(go.Figure(), "jpeg")


def test_cli_check_out_writes_outputs(tmp_path, capsys, monkeypatch, no_chromium):
    def checked_plan(scenario: Scenario, settings: SolveSettings) -> Plan:
        plan = plan_scenario(scenario, settings)
        assert_valid(scenario, plan)
        return plan

    monkeypatch.setattr(cli, "plan_scenario", checked_plan)
    scenario = sorted(DATA_DIR.glob("*.yaml"))[0]
    code = cli.main(["check", str(scenario), "--time-limit", "1", "--out", str(tmp_path)])
    assert code in (cli.EXIT_FEASIBLE, cli.EXIT_INFEASIBLE)
    captured = capsys.readouterr()
    assert "HTML only" in captured.err
    assert f"wrote {tmp_path / 'report.html'}" in captured.out
    assert (tmp_path / "gantt.html").exists() and (tmp_path / "plan.xlsx").exists()


# --- the one-page report on the bundled samples ----------------------------------------------
def _one_page_report(path: Path) -> tuple[Scenario, Plan, str, bytes]:
    scenario = load_scenario(path)
    plan = plan_scenario(scenario, SolveSettings(time_limit=10))
    page = report_html(plan, scenario)
    return scenario, plan, page, html_to_pdf(page)


@needs_chromium
def test_tundra_report_is_one_page_with_title_date_verdict_and_broken_promises():
    scenario, plan, page, pdf = _one_page_report(TUNDRA)
    assert pdf.startswith(b"%PDF") and len(PDF_PAGE.findall(pdf)) == 1
    assert f"<h1>{html.escape(scenario.title)}</h1>" in page
    assert date.today().strftime("%a %d %b %Y") in page
    for line in verdict_lines(plan):
        assert f"<span>{html.escape(line)}</span>" in page
    assert html.escape(certainty_line(plan)) in page
    broken = plan.broken_promises
    assert broken and all(p.finish is not None for p in broken)
    for promise in broken:
        row = f"<td>{html.escape(promise.name)}</td>"
        assert row in page, promise.name
        assert f"{promise.slip_days} working days late</td>" in page
    assert f"{len(broken)} of {len(plan.promises)} cannot be kept" in page
    assert len(INLINE_SVG.findall(page)) == len(CLIENT_REPORT_CHARTS)


@needs_chromium
def test_kivi_report_is_one_page_with_a_shortened_promises_table():
    _, plan, page, pdf = _one_page_report(KIVI)
    assert len(plan.promises) > MAX_PROMISE_ROWS
    assert len(PDF_PAGE.findall(pdf)) == 1
    rows = re.findall(r"<tr class=\"(met|late|)\"><td>", page)
    assert len(rows) < MAX_PROMISE_ROWS
    for promise in plan.broken_promises:
        assert f"<td>{html.escape(promise.name)}</td>" in page
    kept = sum(1 for p in plan.promises if p.met)
    listed_kept = rows.count("met")
    assert f"and {kept - listed_kept} more kept" in page
    assert f"all {len(plan.promises)} are in the plan export" in page


def _with_promises(plan: Plan, broken: int, kept: int) -> Plan:
    day = date(2027, 3, 1)
    promises = [
        PromiseOutcome(f"late{i}", f"Late deliverable {i}", day, day + timedelta(days=i + 1), i + 1)
        for i in range(broken)
    ] + [
        PromiseOutcome(f"ok{i}", f"Kept deliverable {i}", day + timedelta(days=i), day, 0)
        for i in range(kept)
    ]
    return replace(plan, promises=tuple(promises))


def test_long_promise_lists_keep_every_broken_promise_that_fits(contract_plan):
    scenario, plan = contract_plan
    page = report_html(_with_promises(plan, broken=5, kept=30), scenario, figures={})
    for i in range(5):
        assert f"<td>Late deliverable {i}</td>" in page
    kept_rows = re.findall(r"<td>Kept deliverable (\d+)</td>", page)
    assert kept_rows == ["0", "1", "2", "3"]  # the least time to spare first
    assert "and 26 more kept (all 35 are in the plan export)." in page
    assert "more cannot be kept" not in page


def test_too_many_broken_promises_are_counted_not_dropped_silently(contract_plan):
    scenario, plan = contract_plan
    page = report_html(_with_promises(plan, broken=20, kept=3), scenario, figures={})
    shown = re.findall(r"<td>Late deliverable (\d+)</td>", page)
    assert len(shown) == MAX_PROMISE_ROWS - 1  # and one row that counts the rest
    assert set(shown) == {str(i) for i in range(9, 20)}  # the worst slips
    assert "<td>Kept deliverable" not in page
    assert "9 more cannot be kept, see the plan export; and 3 more kept" in page


def test_short_promise_lists_are_printed_in_full(contract_plan):
    scenario, plan = contract_plan
    page = report_html(_with_promises(plan, broken=2, kept=MAX_PROMISE_ROWS - 2), scenario, {})
    assert len(re.findall(r"<td>(Late|Kept) deliverable \d+</td>", page)) == MAX_PROMISE_ROWS
    assert 'class="more"' not in page


def test_report_without_a_schedule_has_no_charts(contract_plan):
    scenario, plan = contract_plan
    unplanned = replace(plan, solver_status="UNKNOWN", message="no plan found within 1 s")
    page = report_html(unplanned, scenario)
    assert "No charts: the plan has no schedule to draw." in page
    assert "<figure" not in page and "plotly.js v" not in page
    assert "No plan was found in the time allowed, so nothing can be promised yet" in page
