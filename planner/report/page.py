"""The one-page feasibility report (HTML, PDF) and every output file of ``planner check --out``.

The export primitives (:func:`figure_bytes`, :func:`chromium_path`, :class:`ExportUnavailable`
…) live in :mod:`planner.report.static` and are re-exported here; how each chart is sized and
restyled for its place on the page lives in :mod:`planner.report.layout`. Without Chromium
only HTML is written.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import plotly.offline

from planner.charts import (
    LATE_COLOUR,
    MET_COLOUR,
    budget_chart,
    gantt_chart,
    utilisation_heatmap,
)
from planner.model import Scenario
from planner.plan import Plan
from planner.report.layout import (
    GAP_PX,
    MIN_ZOOM,
    PAGE_HEIGHT_PX,
    PAGE_WIDTH_PX,
    chart_sizes,
    print_figure,
)
from planner.report.static import (
    FORMATS,
    STATIC_FORMATS,
    ExportUnavailable,
    chromium_path,
    figure_bytes,
    html_to_pdf,
    static_export_available,
)
from planner.report.tables import write_plan_tables
from planner.report.text import (
    KEPT_ROWS_IN_SHORT_LIST,
    MAX_PROMISE_ROWS,
    budget_lines,
    changes_block,
    esc,
    promises_table,
    shown_promises,
)
from planner.wording import (
    AGENCY,
    Audience,
    Lang,
    certainty_line,
    check_audience,
    promises_count,
    short_day,
    verdict_lines,
    words_in,
)

__all__ = [
    "FORMATS",
    "KEPT_ROWS_IN_SHORT_LIST",
    "MAX_PROMISE_ROWS",
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


def standard_figures(plan: Plan, scenario: Scenario, lang: Lang = None) -> dict[str, go.Figure]:
    """The charts written for every plan, by file stem.

    Parameters
    ----------
    plan, scenario
        The plan and its scenario.
    lang
        Language of the charts' words (default English).

    Returns
    -------
    dict of str to go.Figure
        ``gantt``, ``utilisation_by_person``, ``utilisation_by_role``, ``budget`` (by role)
        and ``budget_by_deliverable``.
    """
    return {
        "gantt": gantt_chart(plan, scenario, lang),
        "utilisation_by_person": utilisation_heatmap(plan, scenario, "person", lang),
        "utilisation_by_role": utilisation_heatmap(plan, scenario, "role", lang),
        "budget": budget_chart(plan, "role", lang),
        "budget_by_deliverable": budget_chart(plan, "deliverable", lang),
    }


AGENCY_ONLY_FIGURES: tuple[str, ...] = (
    "utilisation",
    "utilisation_by_person",
    "utilisation_by_role",
)
"""Charts never given to a client: utilisation also reflects other clients' work."""


def audience_figures(figures: dict[str, go.Figure], audience: Audience) -> dict[str, go.Figure]:
    """The charts of ``figures`` that ``audience`` may see."""
    if check_audience(audience) == AGENCY:
        return dict(figures)
    return {name: fig for name, fig in figures.items() if name not in AGENCY_ONLY_FIGURES}


# --- report -------------------------------------------------------------------------------------
REPORT_CHARTS: tuple[str, ...] = ("gantt", "utilisation_by_person", "budget")
"""The agency report's charts (names of :func:`standard_figures`): the Gantt across the page,
the utilisation heatmap and the budget chart side by side below it."""
CLIENT_REPORT_CHARTS: tuple[str, ...] = ("gantt", "budget", "budget_by_deliverable")
"""The client report's charts: the Gantt, then the price by role beside the price by
deliverable."""


def report_charts(audience: Audience) -> tuple[str, ...]:
    """The report's chart names for ``audience``."""
    return REPORT_CHARTS if check_audience(audience) == AGENCY else CLIENT_REPORT_CHARTS


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
.verdict span {{ display: block; }}
.verdict .sure {{ font-weight: normal; font-size: 8.5pt; }}
ul.changes {{ margin: 0.5mm 0 0; padding-left: 5mm; }}
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


def _text_height(
    plan: Plan, scenario: Scenario, promise_rows: int, extra_lines: int = 0, lang: Lang = None
) -> int:
    """A generous estimate of the height of everything above the charts, in px."""
    title_lines = -(-len(scenario.title) * 11 // (PAGE_WIDTH_PX - 200))
    lines = verdict_lines(plan, lang)
    verdict = sum(-(-len(line) * 7 // (PAGE_WIDTH_PX - 30)) for line in lines)
    header = 26 * title_lines + 18 + 10 + 17 * verdict + 15 + 14
    table = 28 + 17 * (promise_rows + 1)
    changes = 28 + 15 * extra_lines if extra_lines else 0
    return header + table + 8 + 2 * 15 + changes + 12


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
    audience: Audience = "client",
    changes: list[str] | None = None,
    sections: tuple[str, ...] = (),
    lang: Lang = None,
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
        its place on the page (size, fonts; the budget bars turn horizontal). Charts the
        audience may not see are left out.
    audience
        ``"client"`` (default: no internal cost, margin, rates or utilisation by person) or
        ``"agency"`` (adds internal cost, margin and the utilisation by person).
    changes
        "Changes from the brief as received" lines
        (:func:`planner.report.brief_changes.brief_changes`),
        listed under the promises.
    sections
        Extra HTML sections (already escaped), placed after the budget line, e.g.
        :func:`planner.risk.report.risk_section_html`.
    lang
        Language of the page: ``"en"`` (default), ``"fi"`` or ``"pl"`` (or a
        :class:`~planner.i18n.Texts`); dates and money follow the locale.

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
    audience = check_audience(audience)
    words = words_in(lang)
    _ = words.gettext
    if figures is None:
        everything = standard_figures(plan, scenario)
        figures = {name: everything[name] for name in report_charts(audience)}
    figures = audience_figures(figures, audience)
    if not plan.has_schedule:
        figures = {}
    shown, more = shown_promises(plan, words)
    rows_shown = len(shown) + (1 if more else 0)
    above = _text_height(plan, scenario, rows_shown, len(changes or ()), words)
    available = PAGE_HEIGHT_PX - above
    sizes = chart_sizes(figures, available) if figures else []
    rows = [
        [(w, print_figure(n, figures[n], plan, scenario, w, h, words)) for n, w, h in row]
        for row in sizes
    ]
    script, charts = _chart_blocks(rows)
    if not plan.has_schedule:
        no_charts = _("No charts: the plan has no schedule to draw.")
        charts = f"<p>{esc(no_charts)}</p>"
    verdict_class = "feasible" if plan.verdict == "feasible" else "infeasible"
    meta = esc(
        _("Client: {client} · Plan starts {start}").format(
            client=scenario.brief.client, start=short_day(scenario.start, words)
        )
    )
    if audience == AGENCY:
        meta += esc(_(" · Agency version: internal figures, not for the client"))
    verdict = "".join(f"<span>{esc(line)}</span>" for line in verdict_lines(plan, words))
    verdict += f'<span class="sure">{esc(certainty_line(plan, words))}</span>'
    count = promises_count(plan, words)
    count = f' <span class="count">— {esc(count)}</span>' if count else ""
    title = _("{title} — feasibility report").format(title=scenario.title)
    promises = _("Promises")
    dated = _("Feasibility report, {date}").format(date=short_day(date.today(), words))
    return f"""<!DOCTYPE html>
<html lang="{words.lang}">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<style>{_CSS}</style>
{script}
</head>
<body>
<div id="sheet"><div id="page">
<header>
<div class="titlebar"><h1>{esc(scenario.title)}</h1>
<span class="dated">{esc(dated)}</span></div>
<p class="meta">{meta}</p>
<p class="verdict {verdict_class}">{verdict}</p>
</header>
<h2>{esc(promises)}{count}</h2>
{promises_table(plan, words)}
{changes_block(changes, words)}
{budget_lines(plan, audience, words)}
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
    plan: Plan,
    scenario: Scenario,
    figures: dict[str, go.Figure] | None = None,
    audience: Audience = "client",
    changes: list[str] | None = None,
    lang: Lang = None,
) -> bytes:
    """The feasibility report as PDF (A4), printed from :func:`report_html`.

    Parameters
    ----------
    plan, scenario
        The plan and its scenario.
    figures
        Charts to embed; default :func:`standard_figures`.
    audience, changes, lang
        As for :func:`report_html`.

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
    return html_to_pdf(report_html(plan, scenario, figures, audience, changes, lang=lang))


Progress = Callable[[Path, float], None]
"""Told of each file :func:`write_outputs` has written: its path and the seconds it took."""


class _Written:
    """The files written so far; each is reported to ``progress`` as soon as it is on disk."""

    def __init__(self, progress: Progress | None) -> None:
        self.paths: list[Path] = []
        self._progress = progress
        self._since = time.perf_counter()

    def add(self, path: Path) -> None:
        now = time.perf_counter()
        self.paths.append(path)
        if self._progress is not None:
            self._progress(path, now - self._since)
        self._since = now


def write_outputs(
    plan: Plan,
    scenario: Scenario,
    out_dir: Path,
    notes: list[str] | None = None,
    audience: Audience = "client",
    changes: list[str] | None = None,
    progress: Progress | None = None,
    lang: Lang = None,
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
    audience
        ``"client"`` (default) or ``"agency"``: which tables, charts and report lines go in.
    changes
        Changes from the brief as received, listed in the report and the workbook.
    progress
        Called after each file is written, in order (large exports take minutes).
    lang
        Language of the report, the tables' headings and the chart files (default English).

    Returns
    -------
    list of Path
        The files written: the tables (CSV, ``plan.xlsx``), ``<chart>.html`` for every
        chart of :func:`standard_figures` plus ``.png``, ``.svg`` and ``.pdf`` when static
        export is available, and ``report.html`` (+ ``report.pdf``).
    """
    written = _Written(progress)
    write_plan_tables(plan, out_dir, audience, changes, lang, on_file=written.add)
    figures = audience_figures(standard_figures(plan, scenario, lang), audience)
    # The report lays out English figures and translates them as it prints them
    # (planner.report.layout), so it gets its own copies when the files are in another language.
    english = words_in(lang).lang == "en"
    report_figures = (
        figures if english else audience_figures(standard_figures(plan, scenario), audience)
    )
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
            written.add(path)
    charts = {name: report_figures[name] for name in report_charts(audience)}
    page = report_html(plan, scenario, charts, audience, changes, lang=lang)
    path = out_dir / "report.html"
    path.write_text(page, encoding="utf-8")
    written.add(path)
    if static:
        try:
            pdf = html_to_pdf(page)
        except ExportUnavailable as error:
            problem = str(error)
        else:
            path = out_dir / "report.pdf"
            path.write_bytes(pdf)
            written.add(path)
    if problem and notes is not None:
        notes.append(f"Wrote charts and report as HTML only, no PNG/SVG/PDF: {problem}.")
    return written.paths
