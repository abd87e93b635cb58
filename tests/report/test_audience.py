"""Two audiences: what goes to the client never carries an internal figure.

The internal figures are computed from the plan and the scenario (internal cost, margin,
people's bill and cost rates, other clients' bookings), so the tests hold whatever the sample
prices are. The client report is read as HTML, as PDF text (pypdf) and the workbook cell by
cell; the agency versions must carry the same figures, so the check can fail. The report and
the workbook are checked in every language (the internal words and figures in that language,
from the catalogue and Babel, and in English too).
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from planner.cli.commands import main
from planner.i18n import LANGUAGES
from planner.model import Scenario
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.report.audience import booking_labels, for_audience, plan_dict
from planner.report.page import chromium_path, report_html, report_pdf
from planner.report.tables import plan_tables, plan_xlsx_bytes
from planner.validate.rules import assert_valid
from planner.wording import money, words_in
from tests.conftest import TUNDRA

needs_chromium = pytest.mark.skipif(
    chromium_path() is None and os.environ.get("CI", "").lower() != "true",
    reason="no Chromium found (static export tests run, and must pass, in CI)",
)


@pytest.fixture(scope="module")
def tundra_planned(tundra: Scenario) -> tuple[Scenario, Plan]:
    plan = plan_scenario(tundra, SolveSettings(time_limit=2))
    assert_valid(tundra, plan)
    assert plan.budget.cost is not None  # the sample has cost rates: there is a margin
    return tundra, plan


def internal_texts(scenario: Scenario, plan: Plan, lang: str = "en") -> list[str]:
    """Words and figures only the agency may see, as they would be written (in English and in
    ``lang``)."""
    cur = plan.currency
    cost = plan.budget.cost or 0.0
    _ = words_in(lang).gettext
    texts = ["Internal cost", "Margin", "Utilisation", "utilisation"]
    texts += [_("Internal cost"), _("Margin"), _("Utilisation")]
    for language in {"en", lang}:
        texts += [money(cost, cur, language), money(plan.budget.price - cost, cur, language)]
        for person in scenario.team:
            for rate in (person.bill_rate, person.cost_rate):
                if rate is not None:
                    texts += [f"{money(rate, cur, language)}/h", f"rate {rate:g}"]
    texts += list(booking_labels(scenario))
    return [_spaced(t) for t in texts]


def _spaced(text: str) -> str:
    """Babel's no-break spaces as plain spaces (PDF text extraction may give either)."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def leaks(text: str, scenario: Scenario, plan: Plan, lang: str = "en") -> list[str]:
    text = _spaced(text)
    return [t for t in internal_texts(scenario, plan, lang) if t in text]


def internal_numbers(plan: Plan) -> list[float]:
    cost = plan.budget.cost or 0.0
    return [round(cost, 2), round(plan.budget.price - cost, 2)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_client_report_html_has_no_internal_figure(tundra_planned, lang):
    scenario, plan = tundra_planned
    client = report_html(plan, scenario, figures={}, audience="client", lang=lang)
    assert leaks(client, scenario, plan, lang) == []
    assert f'<html lang="{lang}">' in client
    agency = report_html(plan, scenario, figures={}, audience="agency", lang=lang)
    assert words_in(lang).gettext("Internal cost") in agency
    assert money(plan.budget.cost or 0, plan.currency, lang) in agency


@needs_chromium
@pytest.mark.parametrize("lang", LANGUAGES)
def test_client_report_pdf_has_no_internal_figure(tundra_planned, lang):
    scenario, plan = tundra_planned

    def text(audience: str) -> str:
        pdf = report_pdf(plan, scenario, audience=audience, lang=lang)  # with its charts
        pages = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        return " ".join(_spaced(pages).split())

    client = text("client")
    assert plan.title in client
    assert _spaced(money(plan.budget.price, plan.currency, lang)) in client
    assert leaks(client, scenario, plan, lang) == []
    agency = text("agency")
    assert leaks(agency, scenario, plan, lang)  # the agency version does carry them


def _cells(data: bytes) -> list[object]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_client_workbook_has_no_internal_figure(tundra_planned, lang):
    scenario, plan = tundra_planned
    cells = _cells(plan_xlsx_bytes(plan, audience="client", lang=lang))
    texts = " ".join(str(c) for c in cells if isinstance(c, str))
    assert leaks(texts, scenario, plan, lang) == []
    assert words_in(lang).gettext("Slip days") in texts  # the headers are in the language
    numbers = [float(c) for c in cells if isinstance(c, int | float)]
    for figure in internal_numbers(plan):
        assert all(abs(n - figure) > 0.01 for n in numbers), figure
    agency = _cells(plan_xlsx_bytes(plan, audience="agency", lang=lang))
    cost = internal_numbers(plan)[0]
    assert any(isinstance(c, int | float) and abs(c - cost) < 0.01 for c in agency)
    agency_texts = " ".join(str(c) for c in agency if isinstance(c, str))
    assert leaks(agency_texts, scenario, plan, lang)  # the agency version does carry them


def test_workbook_is_formatted(tundra_planned):
    _, plan = tundra_planned
    book = openpyxl.load_workbook(io.BytesIO(plan_xlsx_bytes(plan, audience="agency")))
    assert book.sheetnames == [
        "bookings",
        "tasks",
        "promises",
        "budget",
        "budget_by_deliverable",
        "utilisation",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert all(sheet.column_dimensions[c].width >= 8 for c in "AB")
    promises = book["promises"]
    assert [c.value for c in promises[1]][:4] == ["Task", "Name", "Due", "Finish"]
    assert promises["C2"].number_format == "yyyy-mm-dd"
    assert book["budget"]["B2"].number_format.startswith('#,##0 "EUR"')
    assert book["utilisation"]["D2"].number_format == "0%"
    deliverables = list(book["budget_by_deliverable"].values)[1:]
    assert {name for name, _ in deliverables} == set(plan.budget.price_by_deliverable)
    assert sum(price for _, price in deliverables) == pytest.approx(
        sum(plan.budget.price_by_deliverable.values())
    )


def test_client_tables_and_json_leave_out_utilisation_and_cost(tundra_planned):
    _, plan = tundra_planned
    assert "utilisation" not in plan_tables(plan, "client")
    client = plan_dict(plan, "client")
    assert "utilisation" not in client and "cost" not in client["budget"]
    assert "solver_status" in client and client["verdict_lines"][0].startswith("4 of 8")
    agency = plan_dict(plan, "agency")
    assert agency["budget"]["margin"] == pytest.approx(plan.budget.price - plan.budget.cost)
    with pytest.raises(ValueError, match="audience"):
        plan_dict(plan, "everyone")  # type: ignore[arg-type]


def test_other_clients_bookings_are_not_named_to_a_client(tundra: Scenario):
    labels = booking_labels(tundra)
    assert labels  # the sample has other clients' work booked
    text = f"free time lost to {labels[0]}"
    assert labels[0] not in for_audience(text, tundra, "client")
    assert for_audience(text, tundra, "agency") == text


def test_cli_audiences(capsys: pytest.CaptureFixture[str], tmp_path: Path, tundra_planned):
    scenario, plan = tundra_planned
    assert main(["check", str(TUNDRA), "--time-limit", "2"]) == 1
    client = capsys.readouterr().out
    assert leaks(client, scenario, plan) == []
    assert "INFEASIBLE" not in client and "OPTIMAL" not in client
    assert main(["check", str(TUNDRA), "--time-limit", "2", "--audience", "agency"]) == 1
    agency = capsys.readouterr().out
    assert "Internal cost" in agency and "Utilisation by person" in agency
    assert main(["check", str(TUNDRA), "--time-limit", "2", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["audience"] == "client" and data["solver_status"] in ("OPTIMAL", "FEASIBLE")


@pytest.mark.parametrize("lang", ["fi", "pl"])
def test_cli_client_outputs_in_a_language_carry_no_internal_figure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tundra_planned, lang: str
):
    scenario, plan = tundra_planned
    out = tmp_path / lang
    argv = ["check", str(TUNDRA), "--time-limit", "2", "--out", str(out), "--lang", lang]
    assert main(argv) == 1
    assert leaks(capsys.readouterr().out, scenario, plan, lang) == []
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page
    assert words_in(lang).gettext("Promises") in page
    for path in out.glob("*.csv"):
        assert leaks(path.read_text(encoding="utf-8"), scenario, plan, lang) == [], path.name
    header = (out / "promises.csv").read_text(encoding="utf-8").splitlines()[0]
    assert words_in(lang).gettext("Slip days") in header
    assert leaks(page, scenario, plan, lang) == []
    assert not list(out.glob("utilisation*"))  # the client gets no utilisation chart
    gantt = _chart_strings(out / "gantt.html")
    title = words_in(lang).gettext("Plan by person")
    assert title != "Plan by person" and f"{title} — " in gantt
    budget = _chart_strings(out / "budget.html")
    assert words_in(lang).gettext("Price ({currency})").format(currency=plan.currency) in budget
    for path in set(out.glob("*.html")) - {out / "report.html"}:
        assert leaks(_chart_strings(path), scenario, plan, lang) == [], path.name


def _chart_strings(path: Path) -> str:
    """A chart file's figure (data and layout, after plotly.js) with its JSON's ``\\uXXXX``
    escapes read back."""
    text = path.read_text(encoding="utf-8").rsplit("Plotly.newPlot(", 1)[1]
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
