"""The charts the app shows and every file it offers for download (made only on click)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

import plotly.graph_objects as go

from planner.app.words import _, language
from planner.charts import budget_chart, gantt_chart, utilisation_heatmap
from planner.i18n import N_
from planner.io import dump_yaml, scenario_xlsx_bytes
from planner.model import Scenario
from planner.plan import Plan
from planner.report.page import figure_bytes, report_html, report_pdf
from planner.report.tables import plan_csv_text, plan_xlsx_bytes
from planner.wording import Audience, Lang

CHARTS: dict[str, str] = {
    "gantt": N_("Gantt"),
    "utilisation": N_("Utilisation"),
    "budget": N_("Budget"),
}
"""The app's charts by key, with their tab labels (in English; the app translates them)."""

CHART_FORMATS: dict[str, str] = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
}
"""Download formats of a chart and their MIME types (png/svg/pdf need a Chromium)."""


def app_figures(
    plan: Plan,
    scenario: Scenario,
    utilisation_by: str = "person",
    budget_by: str = "role",
    lang: Lang = None,
) -> dict[str, go.Figure]:
    """The charts the app shows, by :data:`CHARTS` key.

    Parameters
    ----------
    plan, scenario
        The plan and the scenario it was made for.
    utilisation_by
        ``"person"`` or ``"role"`` rows in the utilisation heatmap.
    budget_by
        ``"role"`` or ``"deliverable"`` bars in the budget chart.
    lang
        Language of the charts' words (default English; the app passes its chosen one).
    """
    return {
        "gantt": gantt_chart(plan, scenario, lang),
        "utilisation": utilisation_heatmap(plan, scenario, by=utilisation_by, lang=lang),
        "budget": budget_chart(plan, by=budget_by, lang=lang),
    }


# ----------------------------------------------------------------------------- downloads


@dataclass(frozen=True)
class Download:
    """One download button: what it is called and how its file is made (only on click)."""

    key: str
    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes | str]
    static: bool = False  # needs Chromium (PNG/SVG/PDF)


def chart_downloads(figures: Mapping[str, go.Figure], stem: str) -> list[Download]:
    """Every chart in every format of :data:`CHART_FORMATS` (keys ``dl_<chart>_<format>``)."""
    return [
        Download(
            f"dl_{chart}_{fmt}",
            f"{_(CHARTS[chart]) if chart in CHARTS else chart} {fmt.upper()}",
            f"{stem}-{chart}.{fmt}",
            mime,
            partial(figure_bytes, fig, fmt),
            static=fmt != "html",
        )
        for chart, fig in figures.items()
        for fmt, mime in CHART_FORMATS.items()
    ]


def plan_downloads(
    plan: Plan,
    scenario: Scenario,
    stem: str,
    audience: Audience = "client",
    changes: list[str] | None = None,
) -> list[Download]:
    """The plan as CSV and XLSX and the feasibility report as HTML and PDF, for ``audience``
    (the client's never carry internal figures), listing ``changes`` from the brief."""
    return [
        Download(
            "dl_plan_csv",
            _("Plan CSV"),
            f"{stem}-plan.csv",
            "text/csv",
            partial(plan_csv_bytes, plan),
        ),
        Download(
            "dl_plan_xlsx",
            _("Plan XLSX"),
            f"{stem}-plan.xlsx",
            XLSX_MIME,
            partial(plan_xlsx_bytes, plan, None, audience, changes, lang=language()),
        ),
        Download(
            "dl_report_html",
            _("Report HTML"),
            f"{stem}-report.html",
            "text/html",
            partial(report_html, plan, scenario, None, audience, changes, lang=language()),
        ),
        Download(
            "dl_report_pdf",
            _("Report PDF"),
            f"{stem}-report.pdf",
            "application/pdf",
            partial(report_pdf, plan, scenario, None, audience, changes, lang=language()),
            static=True,
        ),
    ]


def scenario_downloads(scenario: Scenario) -> list[Download]:
    """The (edited) scenario as YAML and XLSX, to keep or to load again later."""
    stem = file_stem(scenario.title)
    return [
        Download(
            "dl_scenario_yaml",
            _("Scenario YAML"),
            f"{stem}.yaml",
            "application/yaml",
            partial(scenario_yaml_bytes, scenario),
        ),
        Download(
            "dl_scenario_xlsx",
            _("Scenario XLSX"),
            f"{stem}.xlsx",
            XLSX_MIME,
            partial(scenario_xlsx_bytes, scenario),
        ),
    ]


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_stem(title: str) -> str:
    """A safe file name stem from a scenario title: ``Tundra launch!`` → ``tundra-launch``."""
    stem = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return stem[:60].rstrip("-") or "scenario"


def scenario_yaml_bytes(scenario: Scenario) -> bytes:
    """The scenario as a YAML file that loads again unchanged."""
    return dump_yaml(scenario).encode("utf-8")


def plan_csv_bytes(plan: Plan) -> bytes:
    """The plan's tasks (kind, dates, people, hours) as CSV, safe from formula injection."""
    return plan_csv_text(plan.tasks_frame(), language()).encode("utf-8")
