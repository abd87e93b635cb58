"""Report charts at the size they are printed on the one A4 page: the page geometry, each
chart's height from its rows, the layout of the chart rows, and print-ready copies of the
figures (small fonts, compact legends and ticks)."""

from __future__ import annotations

from datetime import timedelta

import plotly.graph_objects as go

from planner.charts.style import chart_text
from planner.i18n import N_, Texts
from planner.model import Scenario
from planner.plan import Plan
from planner.wording import Lang, money, short_day, words_in

MAX_TASKS_IN_LEGEND = 12
"""With more brief tasks than this, the printed Gantt's legend names only its markers."""

PAGE_WIDTH_PX = 718
"""Printable width of the A4 page at 96 px per inch: 210 mm less two 10 mm margins."""
PAGE_HEIGHT_PX = 1047
"""Printable height: 297 mm less two 10 mm margins."""
MIN_ZOOM = 0.75
"""The page scales itself down (never below this) when its content is taller than one page."""

GAP_PX = 14
_CHART_FONT = 9  # px, as printed: charts are rendered at the size they take on the page
_GANTT_MARKS = frozenset(
    {
        "Client step",
        "Late (after promised date)",
        "Promised date",
        "Planned finish (on time)",
        "Planned finish (late)",
    }
)
_ROW_PX = {"gantt": 22, "utilisation": 24, "budget": 19}
CHART_WORDS: frozenset[str] = frozenset(
    {
        N_("Client step"),
        N_("Late (after promised date)"),
        N_("Promised date"),
        N_("Planned finish (on time)"),
        N_("Planned finish (late)"),
        N_("Time off"),
        N_("Public holiday"),
        N_("Not a working day"),
        N_("Not available"),
        N_("Client"),
        N_("Milestones"),
        N_("Total"),
        N_("Fixed costs"),
        N_("Week starting (Monday)"),
    }
)
"""Legend entries and row names of the report's charts, translated when printed."""
CHART_TITLES: dict[str, str] = {
    "gantt": N_("Plan by person"),
    "utilisation_by_person": N_("Utilisation by person per week — booked share of free hours"),
    "utilisation_by_role": N_("Utilisation by role per week — booked share of free hours"),
    "budget": N_("Price by role against the budget ({currency})"),
    "budget_by_deliverable": N_("Price by deliverable against the budget ({currency})"),
}
"""The printed title of each report chart in other languages (English keeps the chart's own)."""
_SLACK_PX = 20  # for misjudged text heights: the page should never need to zoom out


def _kind(name: str) -> str:
    return name.split("_", 1)[0]


def _natural_height(name: str, fig: go.Figure) -> int:
    """The height a chart needs on the page at :data:`_ROW_PX` per row, in px."""
    kind = _kind(name)
    if kind == "gantt":
        rows = len(fig.layout.yaxis.categoryarray or ()) or 6
        legend_rows = -(-len(_gantt_legend(fig)) // 4)
        return 62 + _ROW_PX[kind] * rows + 14 * legend_rows
    if kind == "utilisation":
        rows = len(fig.data[0].y) if fig.data and fig.data[0].y is not None else 4
        return max(190, 80 + _ROW_PX[kind] * rows)
    if kind == "budget":
        bars = len(fig.data[0].x) if fig.data and fig.data[0].x is not None else 4
        return max(190, 56 + _ROW_PX[kind] * bars)
    return min(int(fig.layout.height or 450), 320)


def _chart_rows(names: list[str]) -> list[list[str]]:
    """The first chart across the page, the others two by two."""
    rows = [names[:1]]
    rest = names[1:]
    rows += [rest[i : i + 2] for i in range(0, len(rest), 2)]
    return [row for row in rows if row]


def _row_widths(row: list[str]) -> list[int]:
    if len(row) == 1:
        return [PAGE_WIDTH_PX]
    inner = PAGE_WIDTH_PX - GAP_PX
    first = round(inner * (0.58 if _kind(row[0]) == "utilisation" else 0.5))
    return [first, inner - first]


def chart_sizes(figures: dict[str, go.Figure], available: int) -> list[list[tuple[str, int, int]]]:
    """(name, width, height) per chart, row by row, to fill ``available`` px.

    Rows start at their natural height (:func:`_natural_height`). When that is too much they
    all shrink alike (to 0.6 at most); when there is room the first row grows up to 1.7
    times and the others up to 1.25 times, alike in proportion to what each may grow.
    """
    rows = _chart_rows(list(figures))
    heights = [max(_natural_height(n, figures[n]) for n in row) for row in rows]
    room = available - 8 * len(rows) - _SLACK_PX
    if sum(heights) > room:
        scale = max(0.6, room / sum(heights))
        heights = [int(h * scale) for h in heights]
    else:
        growth = [h * (0.7 if i == 0 else 0.25) for i, h in enumerate(heights)]
        share = min(1.0, (room - sum(heights)) / sum(growth))
        heights = [int(h + g * share) for h, g in zip(heights, growth, strict=True)]
    return [
        [(n, w, h) for n, w in zip(row, _row_widths(row), strict=True)]
        for row, h in zip(rows, heights, strict=True)
    ]


def _short_cell_text(text: object) -> object:
    """Heatmap cell text for a small cell: the share only, "▲" over a share above 100 %."""
    if not isinstance(text, str):
        return text
    first = text.split("<br>")[0]
    if first.startswith("▲"):
        share = first[1:].strip()
        return f"▲<br>{share}" if share.endswith("%") else "▲"
    return first


def _gantt_legend(fig: go.Figure) -> list[str]:
    """Legend entries of the printed Gantt: the tasks only while they are few."""
    names = [t.name or "" for t in fig.data if t.showlegend is not False]
    tasks = [n for n in names if n not in _GANTT_MARKS]
    return names if len(tasks) <= MAX_TASKS_IN_LEGEND else [n for n in names if n in _GANTT_MARKS]


def _fit_gantt(fig: go.Figure, height: int) -> None:
    entries = _gantt_legend(fig)
    fig.for_each_trace(lambda t: t.update(showlegend=False) if t.name not in entries else None)
    plot_height = max(80, height - 34 - 22 * -(-len(entries) // 4))
    fig.update_layout(
        legend={
            "orientation": "h",
            "title": {"text": ""},
            "y": -24 / plot_height,  # just below the date labels
            "yanchor": "top",
            "x": 0,
            "xanchor": "left",
            "font": {"size": _CHART_FONT - 0.5},
            "itemwidth": 30,
            "tracegroupgap": 0,
        },
        uniformtext={"minsize": 7, "mode": "hide"},
    )
    fig.update_xaxes(title_text="")
    fig.update_yaxes(title_text="")
    fig.update_traces(textfont_size=_CHART_FONT - 1, selector={"type": "bar"})
    fig.update_traces(marker_size=9, selector={"name": "Promised date"})
    fig.update_traces(marker_size=7, selector={"mode": "markers", "marker.symbol": "diamond"})
    fig.update_traces(cliponaxis=False, selector={"type": "scatter"})  # a finish on the last day
    fig.update_layout(margin_r=12)


def _week_ticks(labels: list[str]) -> list[str]:
    """Week labels with the month only where it changes ("01<br>Mar", "08", …, "05<br>Apr"),
    so that narrow weeks keep their labels level and apart."""
    ticks, previous = [], None
    for label in labels:
        day, _, month = label.partition(" ")
        ticks.append(day if month == previous else f"{day}<br>{month}")
        previous = month
    return ticks


def _fit_heatmap(fig: go.Figure, width: int, height: int) -> None:
    trace = fig.data[0]
    columns, rows = len(trace.x or ()) or 1, len(trace.y or ()) or 1
    names_px = 12 + 5.2 * max((len(str(y)) for y in trace.y or ()), default=8)
    if (width - names_px - 8) / columns < 22 or (height - 82) / rows < 11:
        trace.text = None  # cells too small to read: colours and the colour scale only
        trace.texttemplate = None
    if trace.text is not None:
        trace.text = [[_short_cell_text(t) for t in row] for row in trace.text]
        trace.textfont = {"size": _CHART_FONT - 1}
    trace.showscale = trace.text is None  # the cells say their share; the colour scale is extra
    trace.colorbar.update(thickness=8, len=1, title_text="", tickfont_size=_CHART_FONT - 1)
    fig.update_yaxes(tickfont_size=_CHART_FONT - (1 if rows > 12 else 0))
    if trace.x is not None:
        labels = [str(x) for x in trace.x]
        fig.update_xaxes(tickmode="array", tickvals=labels, ticktext=_week_ticks(labels))
    fig.update_xaxes(title_font_size=_CHART_FONT - 1, tickangle=0)
    fig.update_yaxes(title_text="")


def _fit_budget(fig: go.Figure, plan: Plan, width: int, words: Texts) -> None:
    """Horizontal bars, so role names read across a narrow column."""
    _ = words.gettext
    english = words.lang == "en"
    bar = fig.data[0]
    names, values = list(bar.x), list(bar.y)
    budget, cur = plan.budget, plan.currency
    total = chart_text(money(budget.price, cur, words))
    if not budget.within:
        over = -(budget.gap or 0)
        amount = f"{over:,.0f}" if english else words.number(over)
        total += " (" + _("{amount} over").format(amount=amount) + ")"
    texts = [f"{v:,.0f}" if english else words.number(v) for v in values[:-1]] + [total]
    top = max([*values, budget.budget or 0.0]) or 1.0
    span = top * 1.12
    plot_px = width - 12 - 5.2 * max(len(str(n)) for n in names)  # less the role names
    inside = [v / span * plot_px > 4.6 * len(t) + 8 for v, t in zip(values, texts, strict=True)]
    bar.update(
        orientation="h",
        x=values,
        y=names,
        text=texts,
        textposition=["inside" if fits else "outside" for fits in inside],
        textangle=0,
        insidetextanchor="start",
        textfont={"size": _CHART_FONT - 1},
        cliponaxis=False,
    )
    fig.layout.shapes = []
    fig.layout.annotations = []
    if budget.budget is not None:
        fig.add_vline(x=budget.budget, line={"color": "black", "dash": "dash", "width": 1.5})
        fig.add_annotation(
            x=budget.budget,
            y=1,
            xref="x",
            yref="paper",
            yanchor="bottom",
            xanchor="right" if budget.budget > top * 0.6 else "left",
            text=chart_text(_("budget {amount}").format(amount=money(budget.budget, cur, words))),
            showarrow=False,
            font={"size": _CHART_FONT - 1},
        )
    else:
        fig.add_annotation(
            x=1,
            y=1,
            xref="paper",
            yref="paper",
            yanchor="bottom",
            xanchor="right",
            text=_("no budget given"),
            showarrow=False,
            font={"size": _CHART_FONT - 1},
        )
    fig.update_layout(
        xaxis={"title": {"text": ""}, "tickformat": "~s", "range": [0, span]},
        yaxis={"title": {"text": ""}, "autorange": "reversed", "range": None, "type": "category"},
    )


def _translate_chart(fig: go.Figure, plan: Plan, scenario: Scenario, words: Texts) -> None:
    """The chart's legend entries, row names, date ticks and start line in ``words``."""
    _ = words.gettext

    def said(value: object) -> object:
        return _(value) if isinstance(value, str) and value in CHART_WORDS else value

    for trace in fig.data:
        trace.name = said(trace.name)
        if getattr(trace, "legendgrouptitle", None) is not None and trace.legendgrouptitle.text:
            trace.legendgrouptitle.text = said(trace.legendgrouptitle.text)
        if getattr(trace, "y", None) is not None:
            trace.y = [said(y) for y in trace.y]
    if fig.layout.yaxis.categoryarray is not None:
        fig.layout.yaxis.categoryarray = [said(y) for y in fig.layout.yaxis.categoryarray]
    for note in fig.layout.annotations:
        if (note.text or "").startswith("start "):
            note.text = _("start {date}").format(date=short_day(scenario.start, words))
    if fig.layout.xaxis.title.text:
        fig.layout.xaxis.title.text = said(fig.layout.xaxis.title.text)
    if fig.data and fig.data[0].type == "heatmap" and fig.data[0].x is not None:
        _translate_weeks(fig, scenario, words)
    if fig.layout.xaxis.type == "date":
        ends = [t.finish for t in plan.tasks] + [p.due for p in plan.promises]
        last = max([d for d in ends if d is not None], default=scenario.start)
        step = max(1, -(-(last - scenario.start).days // 7 // 8))
        monday = scenario.start - timedelta(days=scenario.start.weekday())
        ticks = [monday + timedelta(weeks=k * step) for k in range(0, 10)]
        ticks = [d for d in ticks if d <= last + timedelta(days=7)]
        fig.update_xaxes(
            tickmode="array",
            tickvals=[d.isoformat() for d in ticks],
            ticktext=[words.date(d, "d MMM") for d in ticks],
        )


def _translate_weeks(fig: go.Figure, scenario: Scenario, words: Texts) -> None:
    """The heatmap's week labels (``01 Mar``, ``01 Mar 2027``) in the language's month names."""
    labels = [str(x) for x in fig.data[0].x]
    monday = scenario.start - timedelta(days=scenario.start.weekday())
    mondays = [monday + timedelta(weeks=k) for k in range(-1, 8 * len(labels) + 2)]
    said = {f"{d:%d %b}": words.date(d, "dd MMM") for d in mondays}
    said |= {f"{d:%d %b %Y}": words.date(d, "dd MMM y") for d in mondays}
    fig.update_xaxes(
        tickmode="array",
        tickvals=labels,
        ticktext=_week_ticks([said.get(label, label) for label in labels]),
    )


def print_figure(
    name: str,
    fig: go.Figure,
    plan: Plan,
    scenario: Scenario,
    width: int,
    height: int,
    lang: Lang = None,
) -> go.Figure:
    """A copy of the chart laid out for its place on the page: printed size, small fonts,
    its words in ``lang`` (default English)."""
    words = words_in(lang)
    fig = go.Figure(fig)
    title = fig.layout.title.text or ""
    suffix = f" — {chart_text(scenario.title)}"
    if title.endswith(suffix):
        title = title[: -len(suffix)]
    if words.lang != "en" and name in CHART_TITLES:
        title = words.gettext(CHART_TITLES[name]).format(currency=plan.currency)
    fig.update_layout(
        width=width,
        height=height,
        autosize=False,
        font={"size": _CHART_FONT},
        title={
            "text": title,
            "font": {"size": 11},
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 4, "l": 2},
        },
        margin={"l": 4, "r": 6, "t": 34, "b": 4, "pad": 0},
    )
    fig.update_xaxes(automargin=True, title_font_size=_CHART_FONT)
    fig.update_yaxes(automargin=True, title_font_size=_CHART_FONT)
    for note in fig.layout.annotations:
        note.font.size = min(note.font.size or _CHART_FONT, _CHART_FONT)
    kind = _kind(name)
    if kind == "gantt":
        _fit_gantt(fig, height)
    elif kind == "utilisation" and fig.data and fig.data[0].type == "heatmap":
        _fit_heatmap(fig, width, height)
    elif kind == "budget" and fig.data and fig.data[0].type == "bar":
        _fit_budget(fig, plan, width, words)
    if words.lang != "en":
        _translate_chart(fig, plan, scenario, words)
    return fig
