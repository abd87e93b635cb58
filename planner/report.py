"""The one-page feasibility report (HTML, PDF) and every output file of ``planner check --out``.

The export primitives (:func:`figure_bytes`, :func:`chromium_path`, :class:`ExportUnavailable`
…) live in :mod:`planner.chart_export` and are re-exported here; how each chart is sized and
restyled for its place on the page lives in :mod:`planner.report_layout`. Without Chromium
only HTML is written.
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
from planner.plan import Plan, PromiseOutcome
from planner.report_layout import (
    GAP_PX,
    MIN_ZOOM,
    PAGE_HEIGHT_PX,
    PAGE_WIDTH_PX,
    chart_sizes,
    print_figure,
)
from planner.summary import budget_phrase, money, verdict_sentence

__all__ = [
    "FORMATS",
    "REPORT_CHARTS",
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
REPORT_CHARTS: tuple[str, ...] = ("gantt", "utilisation_by_person", "budget")
"""The report's charts (names of :func:`standard_figures`): the Gantt across the page, the
utilisation heatmap and the budget chart side by side below it."""

MAX_PROMISE_ROWS = 12
"""Longest promises table printed in full. A longer one lists its broken promises (the worst
ones when they fill the table), a few kept ones with the least time to spare and one row that
counts what it leaves out."""
KEPT_ROWS_IN_SHORT_LIST = 4
"""Kept promises (least time to spare first) shown when a long table is shortened."""
_CSS = f"""
@page {{ size: A4; margin: 10mm; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: Helvetica, Arial, sans-serif; font-size: 8.5pt; line-height: 1.3;
        color: #222; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
#page {{ width: {PAGE_WIDTH_PX}px; margin: 0 auto; }}
@media screen {{
  body {{ background: #e6e6e6; padding: 8mm 0; }}
  #sheet {{ width: 210mm; min-height: 297mm; margin: 0 auto; padding: 10mm;
            box-sizing: border-box; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.3); }}
}}
.titlebar {{ display: flex; justify-content: space-between; align-items: baseline; gap: 4mm; }}
h1 {{ font-size: 15pt; line-height: 1.2; margin: 0; }}
.dated {{ color: #555; white-space: nowrap; }}
.meta {{ color: #555; margin: 0.5mm 0 2mm; }}
.verdict {{ font-size: 10pt; font-weight: bold; margin: 0 0 2.5mm; padding: 1.8mm 2.5mm;
            border-left: 2mm solid; }}
.verdict.feasible {{ border-color: {MET_COLOUR}; background: #e6f5f0; }}
.verdict.infeasible {{ border-color: {LATE_COLOUR}; background: #fbebe3; }}
h2 {{ font-size: 10pt; margin: 2.5mm 0 1mm; border-bottom: 1px solid #ccc; break-after: avoid; }}
h2 .count {{ font-weight: normal; color: #555; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8pt; line-height: 1.25; }}
th, td {{ text-align: left; padding: 0.45mm 1.5mm; border-bottom: 1px solid #ddd; }}
th {{ color: #555; font-weight: normal; border-bottom-color: #999; }}
th.day, td.day {{ white-space: nowrap; width: 26mm; }}
th.status, td.status {{ white-space: nowrap; width: 36mm; }}
td.met {{ color: #005a42; font-weight: bold; }}
td.late {{ color: #a33f00; font-weight: bold; }}
tr.late td {{ background: #fbebe3; }}
tr.more td {{ color: #555; font-style: italic; }}
p.budget {{ margin: 1.5mm 0 0; }}
.charts {{ margin-top: 2mm; }}
.chart-row {{ display: flex; gap: {GAP_PX}px; margin-top: 1.5mm; }}
figure {{ margin: 0; break-inside: avoid; }}
figure svg {{ display: block; width: 100%; height: auto; }}
@media print {{ .modebar-container {{ display: none; }} }}
"""

_FIT_SCRIPT = f"""<script>
(function () {{
  /* Shrink the page onto one A4 sheet when its content is taller than the printable area. */
  function fit() {{
    var page = document.getElementById("page");
    page.style.zoom = "";
    var height = page.getBoundingClientRect().height;
    if (height > {PAGE_HEIGHT_PX - 4}) {{
      page.style.zoom = Math.max({MIN_ZOOM}, {PAGE_HEIGHT_PX - 4} / height);
    }}
  }}
  fit();
  window.addEventListener("beforeprint", fit);
}})();
</script>"""


def _esc(value: object) -> str:
    return html.escape(str(value))


def _day(value: date | None) -> str:
    return value.strftime("%a %d %b %Y") if value else "—"


def _promise_row(p: PromiseOutcome) -> str:
    if p.finish is None:
        status, cls = "no schedule", ""
    elif p.met:
        status, cls = "kept", "met"
    else:
        status, cls = f"{p.slip_days} working days late", "late"
    return (
        f'<tr class="{cls}"><td>{_esc(p.name)}</td><td class="day">{_day(p.due)}</td>'
        f'<td class="day">{_day(p.finish)}</td><td class="status {cls}">{_esc(status)}</td></tr>'
    )


def _shown_promises(plan: Plan) -> tuple[list[PromiseOutcome], list[str]]:
    """The promises the table lists (in the brief's order) and a line for each group left out.

    Up to :data:`MAX_PROMISE_ROWS` promises are all listed. A longer list keeps every broken
    (or unscheduled) promise, worst first, while they fit, then the kept promises with the
    least time to spare, and counts the rest.
    """
    promises = list(plan.promises)
    if len(promises) <= MAX_PROMISE_ROWS:
        return promises, []
    order = {id(p): i for i, p in enumerate(promises)}
    broken = [p for p in plan.broken_promises if p.finish is not None]
    unscheduled = [p for p in promises if p.finish is None]
    kept = sorted((p for p in promises if p.met), key=lambda p: (p.due - p.finish).days)  # type: ignore[operator]
    room = MAX_PROMISE_ROWS - 1  # one row for the count of the rest
    shown_broken = broken[:room]
    room -= len(shown_broken)
    shown_unscheduled = unscheduled[:room]
    room -= len(shown_unscheduled)
    shown_kept = kept[: min(room, KEPT_ROWS_IN_SHORT_LIST)]
    shown = sorted([*shown_broken, *shown_unscheduled, *shown_kept], key=lambda p: order[id(p)])
    more = []
    if len(broken) > len(shown_broken):
        more.append(f"+{len(broken) - len(shown_broken)} more broken, see the plan export")
    if len(unscheduled) > len(shown_unscheduled):
        more.append(f"+{len(unscheduled) - len(shown_unscheduled)} more without a schedule")
    if len(kept) > len(shown_kept):
        more.append(f"and {len(kept) - len(shown_kept)} more kept")
    return shown, more


def _promises_table(plan: Plan) -> str:
    if not plan.promises:
        return "<p>The brief makes no promised dates.</p>"
    shown, more = _shown_promises(plan)
    rows = [_promise_row(p) for p in shown]
    if more:
        note = "; ".join(more) + f" (all {len(plan.promises)} are in the plan export)."
        rows.append(f'<tr class="more"><td colspan="4">{_esc(note)}</td></tr>')
    head = (
        '<tr><th>Promise</th><th class="day">Promised</th><th class="day">Planned finish</th>'
        '<th class="status">Status</th></tr>'
    )
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _promises_count(plan: Plan) -> str:
    if not plan.promises or not plan.has_schedule:
        return ""
    broken = sum(1 for p in plan.promises if not p.met)
    total = len(plan.promises)
    return f"{broken} of {total} broken" if broken else f"all {total} kept"


def _budget_lines(plan: Plan) -> str:
    b, cur = plan.budget, plan.currency
    phrase = budget_phrase(plan)
    items = [phrase[0].upper() + phrase[1:] + "."]
    if b.fixed_costs:
        items.append(f"Includes fixed costs of {money(b.fixed_costs, cur)}.")
    if b.cost is not None:
        items.append(f"Internal cost {money(b.cost, cur)}.")
    return f'<p class="budget"><b>Budget:</b> {_esc(" ".join(items))}</p>'


def _text_height(plan: Plan, scenario: Scenario, promise_rows: int) -> int:
    """A generous estimate of the height of everything above the charts, in px."""
    title_lines = -(-len(scenario.title) * 11 // (PAGE_WIDTH_PX - 200))
    verdict_lines = -(-len(verdict_sentence(plan)) * 7 // (PAGE_WIDTH_PX - 30))
    header = 26 * title_lines + 18 + 10 + 17 * verdict_lines + 14
    table = 28 + 17 * (promise_rows + 1)
    budget_lines = 2 if len(_budget_lines(plan)) > 150 else 1  # ~130 characters of text a line
    return header + table + 8 + 15 * budget_lines + 12


def _svg_inline(fig: go.Figure) -> str:
    """The chart as inline SVG at its own size (viewBox added, so it still scales)."""
    svg = figure_bytes(fig, "svg").decode("utf-8")
    svg = svg[svg.index("<svg") :]
    match = re.match(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"', svg)
    if match and "viewBox" not in svg[: svg.index(">")]:
        svg = svg.replace("<svg", f'<svg viewBox="0 0 {match[1]} {match[2]}"', 1)
    return svg


def _chart_blocks(rows: list[list[tuple[int, go.Figure]]]) -> tuple[str, str]:
    """(script for the head, chart rows): inline SVG when static export works, else plotly divs
    with plotly.js included once. ``rows`` holds (width, figure) pairs laid out for print."""
    figures = [fig for row in rows for _, fig in row]
    if not figures:
        return "", ""

    def layout(blocks: list[list[str]]) -> str:
        return "\n".join(f'<div class="chart-row">{"".join(row)}</div>' for row in blocks)

    if static_export_available():
        try:
            blocks = [
                [f'<figure style="width:{w}px">{_svg_inline(f)}</figure>' for w, f in row]
                for row in rows
            ]
        except ExportUnavailable:
            pass
        else:
            return "", layout(blocks)
    script = f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>'
    config = {"displaylogo": False, "responsive": False}
    blocks = [
        [
            f'<figure style="width:{w}px">'
            f"{f.to_html(full_html=False, include_plotlyjs=False, config=config)}</figure>"
            for w, f in row
        ]
        for row in rows
    ]
    return script, layout(blocks)


def report_html(
    plan: Plan,
    scenario: Scenario,
    figures: dict[str, go.Figure] | None = None,
    sections: tuple[str, ...] = (),
) -> str:
    """The one-page feasibility report as a self-contained, print-friendly (A4) HTML page.

    Parameters
    ----------
    plan, scenario
        The plan and its scenario.
    figures
        Charts to embed, in order: the first across the page, the others two by two below it.
        Default :data:`REPORT_CHARTS` of :func:`standard_figures` (the Gantt, then the
        utilisation heatmap by person beside the budget chart). Each is laid out again for
        its place on the page (size, fonts; the budget bars turn horizontal).
    sections
        Extra HTML sections (already escaped), placed after the budget line, e.g.
        :func:`planner.risk.report.risk_section_html`.

    Returns
    -------
    str
        Title, date, client, the verdict sentence, the promises table (shortened when long:
        see :data:`MAX_PROMISE_ROWS`), the budget line and the charts, on one A4 page: inline
        SVG rendered at the printed size when static export is available, else interactive
        plotly divs with plotly.js included once. Without a schedule there are no charts.
        A small script scales the page down when its content would not fit one sheet. Needs no
        network to display.
    """
    if figures is None:
        everything = standard_figures(plan, scenario)
        figures = {name: everything[name] for name in REPORT_CHARTS}
    if not plan.has_schedule:
        figures = {}
    shown, more = _shown_promises(plan)
    available = PAGE_HEIGHT_PX - _text_height(plan, scenario, len(shown) + (1 if more else 0))
    sizes = chart_sizes(figures, available) if figures else []
    rows = [
        [(w, print_figure(n, figures[n], plan, scenario, w, h)) for n, w, h in row] for row in sizes
    ]
    script, charts = _chart_blocks(rows)
    if not plan.has_schedule:
        charts = "<p>No charts: the plan has no schedule to draw.</p>"
    verdict_class = "feasible" if plan.verdict == "feasible" else "infeasible"
    solver = f"{plan.solver_status} in {plan.solve_seconds:.1f} s"
    meta = (
        f"Client: {_esc(scenario.brief.client)} · Plan starts {_day(scenario.start)} · "
        f"Solver: {_esc(solver)}"
    )
    count = _promises_count(plan)
    count = f' <span class="count">— {count}</span>' if count else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{_esc(scenario.title)} — feasibility report</title>
<style>{_CSS}</style>
{script}
</head>
<body>
<div id="sheet"><div id="page">
<header>
<div class="titlebar"><h1>{_esc(scenario.title)}</h1>
<span class="dated">Feasibility report, {_day(date.today())}</span></div>
<p class="meta">{meta}</p>
<p class="verdict {verdict_class}">{_esc(verdict_sentence(plan))}</p>
</header>
<h2>Promises{count}</h2>
{_promises_table(plan)}
{_budget_lines(plan)}
{"".join(sections)}
<section class="charts">
{charts}
</section>
</div></div>
{_FIT_SCRIPT}
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
    page = report_html(plan, scenario, {name: figures[name] for name in REPORT_CHARTS})
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
