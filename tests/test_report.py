"""Output files: plan tables, charts (HTML always; PNG/SVG/PDF with Chromium) and the report.

Static exports need Chromium. In CI (``CI=true``) they must run and never skip; locally they
skip only when :func:`planner.report.chromium_path` finds no browser.
"""

from __future__ import annotations

import io
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import plotly.graph_objects as go
import pytest

from planner import cli
from planner.export import plan_xlsx_bytes
from planner.model import Scenario
from planner.plan import Plan
from planner.planning import plan_scenario
from planner.report import (
    ExportUnavailable,
    chromium_path,
    figure_bytes,
    report_html,
    report_pdf,
    write_outputs,
)
from planner.validate import assert_valid
from tests.conftest import DATA_DIR

CHARTS = ("gantt", "utilisation_by_person", "utilisation_by_role", "budget")
TABLES = ("bookings", "tasks", "promises", "utilisation", "budget")
EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\bsrc=[\"']?(https?:)?//", re.IGNORECASE)

needs_chromium = pytest.mark.skipif(
    chromium_path() is None and os.environ.get("CI", "").lower() != "true",
    reason="no Chromium found (static export tests run, and must pass, in CI)",
)


@pytest.fixture(scope="module")
def outputs(contract_plan, tmp_path_factory) -> tuple[Path, list[Path], list[str]]:
    """write_outputs once for the module (starts the kaleido server once when Chromium exists)."""
    scenario, plan = contract_plan
    out = tmp_path_factory.mktemp("out")
    notes: list[str] = []
    written = write_outputs(plan, scenario, out, notes)
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
    assert rows[0][:3] == ("task", "name", "due") and len(rows) == 11


def test_plan_workbook_bytes_are_the_written_workbook(outputs, contract_plan):
    out, _, _ = outputs
    in_memory = openpyxl.load_workbook(
        io.BytesIO(plan_xlsx_bytes(contract_plan[1])), read_only=True
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
    assert "INFEASIBLE: 1 of 10 promises break (worst: key_visual, 9 working days late)" in page
    assert "9 working days late</td>" in page and 'class="met">kept</td>' in page
    assert "Price 12,640 EUR within the 18,000 EUR budget." in page
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
    assert page.count("<figure><svg") == len(CHARTS)
    assert 'viewBox="0 0 ' in page
    pdf = out / "report.pdf"
    assert pdf in written
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5_000


@needs_chromium
def test_report_functions_with_chosen_figures(contract_plan):
    scenario, plan = contract_plan
    figures = {"bar": go.Figure(go.Bar(x=["a"], y=[1]))}
    page = report_html(plan, scenario, figures)
    assert page.count("<figure><svg") == 1
    assert report_pdf(plan, scenario, figures).startswith(b"%PDF")
    assert figure_bytes(figures["bar"], "svg").lstrip().startswith(b"<svg")


def test_without_chromium_html_only(contract_plan, tmp_path, no_chromium):
    scenario, plan = contract_plan
    notes: list[str] = []
    written = write_outputs(plan, scenario, tmp_path, notes)
    assert {p.suffix for p in written} == {".csv", ".xlsx", ".html"}
    assert len(notes) == 1 and "HTML only" in notes[0]
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    _self_contained(page)
    assert page.count("plotly.js v") == 1  # plotly.js once, four interactive charts
    assert page.count('class="plotly-graph-div"') == len(CHARTS)
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
    def checked_plan(scenario: Scenario, **options) -> Plan:
        plan = plan_scenario(scenario, **options)
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
