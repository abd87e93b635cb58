"""The one-page feasibility report (HTML, PDF) and every output file of ``planner check --out``.

The export primitives (:func:`figure_bytes`, :func:`chromium_path`, :class:`ExportUnavailable`
…) live in :mod:`planner.chart_export` and are re-exported here. Without Chromium only HTML is
written.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import plotly.offline

from planner.chart_export import (
    FORMATS,
    STATIC_FORMATS,
    ExportUnavailable,
    chromium_path,
    figure_bytes,
    html_to_pdf,
    static_export_available,
)
from planner.charts import (
    LATE_COLOUR,
    MET_COLOUR,
    budget_chart,
    gantt_chart,
    utilisation_heatmap,
)
from planner.export import write_plan_tables
from planner.model import Scenario
from planner.plan import Plan
from planner.summary import budget_phrase, money, verdict_sentence

__all__ = [
    "FORMATS",
    "STATIC_FORMATS",
    "ExportUnavailable",
    "chromium_path",
    "figure_bytes",
    "html_to_pdf",
    "report_html",
    "report_pdf",
    "standard_figures",
    "static_export_available",
    "write_outputs",
]


def standard_figures(plan: Plan, scenario: Scenario) -> dict[str, go.Figure]:
    """The charts written for every plan, by file stem.

    Parameters
    ----------
    plan, scenario
        The plan and its scenario.

    Returns
    -------
    dict of str to go.Figure
        ``gantt``, ``utilisation_by_person``, ``utilisation_by_role`` and ``budget``.
    """
    return {
        "gantt": gantt_chart(plan, scenario),
        "utilisation_by_person": utilisation_heatmap(plan, scenario, "person"),
        "utilisation_by_role": utilisation_heatmap(plan, scenario, "role"),
        "budget": budget_chart(plan, "role"),
    }


# --- report -------------------------------------------------------------------------------------
_CSS = f"""
@page {{ size: A4; margin: 14mm 12mm; }}
body {{ font-family: Helvetica, Arial, sans-serif; font-size: 10.5pt; color: #222;
        max-width: 190mm; margin: 0 auto; }}
h1 {{ font-size: 18pt; margin: 0 0 2mm; }}
h2 {{ font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #ccc; }}
.meta {{ color: #555; margin: 0 0 4mm; }}
.verdict {{ font-size: 12pt; font-weight: bold; padding: 3mm; border-left: 2mm solid; }}
.verdict.feasible {{ border-color: {MET_COLOUR}; background: #e6f5f0; }}
.verdict.infeasible {{ border-color: {LATE_COLOUR}; background: #fbebe3; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 1.2mm 2mm; border-bottom: 1px solid #ddd; }}
td.met {{ color: #005a42; font-weight: bold; }}
td.late {{ color: #a33f00; font-weight: bold; }}
tr.late td {{ background: #fbebe3; }}
figure {{ margin: 4mm 0; break-inside: avoid; page-break-inside: avoid; }}
figure svg {{ width: 100%; height: auto; }}
@media print {{ h2 {{ break-after: avoid; }} }}
"""


def _esc(value: object) -> str:
    return html.escape(str(value))


def _day(value: date | None) -> str:
    return value.strftime("%a %d %b %Y") if value else "—"


def _promises_table(plan: Plan) -> str:
    if not plan.promises:
        return "<p>The brief makes no promised dates.</p>"
    rows = []
    for p in plan.promises:
        if p.finish is None:
            status, cls = "no schedule", ""
        elif p.met:
            status, cls = "kept", "met"
        else:
            status, cls = f"{p.slip_days} working days late", "late"
        rows.append(
            f'<tr class="{cls}"><td>{_esc(p.name)}</td><td>{_day(p.due)}</td>'
            f'<td>{_day(p.finish)}</td><td class="{cls}">{_esc(status)}</td></tr>'
        )
    head = "<tr><th>Promise</th><th>Promised</th><th>Planned finish</th><th>Status</th></tr>"
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _budget_lines(plan: Plan) -> str:
    b, cur = plan.budget, plan.currency
    phrase = budget_phrase(plan)
    items = [phrase[0].upper() + phrase[1:] + "."]
    if b.fixed_costs:
        items.append(f"Includes fixed costs of {money(b.fixed_costs, cur)}.")
    if b.cost is not None:
        items.append(f"Internal cost {money(b.cost, cur)}.")
    return f"<p>{_esc(' '.join(items))}</p>"


def _svg_inline(fig: go.Figure) -> str:
    """The chart as inline SVG that scales to the page width (viewBox added)."""
    svg = figure_bytes(fig, "svg").decode("utf-8")
    svg = svg[svg.index("<svg") :]
    match = re.match(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"', svg)
    if match and "viewBox" not in svg[: svg.index(">")]:
        svg = svg.replace("<svg", f'<svg viewBox="0 0 {match[1]} {match[2]}"', 1)
    return svg


def _chart_blocks(figures: dict[str, go.Figure]) -> tuple[str, str]:
    """(script for the head, figure blocks): inline SVG when static export works, else plotly
    divs with plotly.js included once."""
    if figures and static_export_available():
        try:
            blocks = [f"<figure>{_svg_inline(fig)}</figure>" for fig in figures.values()]
        except ExportUnavailable:
            pass
        else:
            return "", "\n".join(blocks)
    if not figures:
        return "", ""
    script = f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>'
    blocks = [
        f"<figure>{fig.to_html(full_html=False, include_plotlyjs=False)}</figure>"
        for fig in figures.values()
    ]
    return script, "\n".join(blocks)


def report_html(plan: Plan, scenario: Scenario, figures: dict[str, go.Figure] | None = None) -> str:
    """The one-page feasibility report as a self-contained, print-friendly (A4) HTML page.

    Parameters
    ----------
    plan, scenario
        The plan and its scenario.
    figures
        Charts to embed, in order; default :func:`standard_figures`.

    Returns
    -------
    str
        Title, client, date generated, the verdict sentence, the promises table, the budget
        line and the charts: inline SVG when static export is available, else interactive
        plotly divs with plotly.js included once. Needs no network to display.
    """
    figures = standard_figures(plan, scenario) if figures is None else figures
    script, charts = _chart_blocks(figures)
    verdict_class = "feasible" if plan.verdict == "feasible" else "infeasible"
    solver = f"{plan.solver_status} in {plan.solve_seconds:.1f} s"
    meta = (
        f"Client: {_esc(scenario.brief.client)} · Plan starts {_day(scenario.start)} · "
        f"Generated {_day(date.today())} · Solver: {_esc(solver)}"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{_esc(scenario.title)} — feasibility report</title>
<style>{_CSS}</style>
{script}
</head>
<body>
<h1>{_esc(scenario.title)}</h1>
<p class="meta">{meta}</p>
<p class="verdict {verdict_class}">{_esc(verdict_sentence(plan))}</p>
<h2>Promises</h2>
{_promises_table(plan)}
<h2>Budget</h2>
{_budget_lines(plan)}
<h2>Charts</h2>
{charts}
</body>
</html>
"""


def report_pdf(
    plan: Plan, scenario: Scenario, figures: dict[str, go.Figure] | None = None
) -> bytes:
    """The feasibility report as PDF (A4), printed from :func:`report_html`.

    Parameters
    ----------
    plan, scenario
        The plan and its scenario.
    figures
        Charts to embed; default :func:`standard_figures`.

    Returns
    -------
    bytes
        The PDF.

    Raises
    ------
    ExportUnavailable
        Without a working Chromium.
    """
    if not static_export_available():
        raise ExportUnavailable("no Chromium found to print the report to PDF")
    return html_to_pdf(report_html(plan, scenario, figures))


def write_outputs(
    plan: Plan, scenario: Scenario, out_dir: Path, notes: list[str] | None = None
) -> list[Path]:
    """Write the plan tables, every chart and the report into ``out_dir``.

    Parameters
    ----------
    plan, scenario
        The plan and its scenario.
    out_dir
        Folder to write to (created when missing).
    notes
        When given, receives a plain sentence for anything that could not be written
        (e.g. no Chromium: HTML only).

    Returns
    -------
    list of Path
        The files written: the tables (CSV, ``plan.xlsx``), ``<chart>.html`` for every
        chart of :func:`standard_figures` plus ``.png``, ``.svg`` and ``.pdf`` when static
        export is available, and ``report.html`` (+ ``report.pdf``).
    """
    written = write_plan_tables(plan, out_dir)
    figures = standard_figures(plan, scenario)
    static = static_export_available()
    problem = None if static else "no Chromium found (install chromium or set BROWSER_PATH)"
    for name, fig in figures.items():
        for fmt in FORMATS if static else ("html",):
            try:
                data = figure_bytes(fig, fmt)
            except ExportUnavailable as error:
                static, problem = False, str(error)
                break
            path = out_dir / f"{name}.{fmt}"
            path.write_bytes(data)
            written.append(path)
    page = report_html(plan, scenario, figures)
    path = out_dir / "report.html"
    path.write_text(page, encoding="utf-8")
    written.append(path)
    if static:
        try:
            pdf = html_to_pdf(page)
        except ExportUnavailable as error:
            problem = str(error)
        else:
            path = out_dir / "report.pdf"
            path.write_bytes(pdf)
            written.append(path)
    if problem and notes is not None:
        notes.append(f"Wrote charts and report as HTML only, no PNG/SVG/PDF: {problem}.")
    return written
