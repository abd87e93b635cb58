"""The Gantt chart: agency work by person, hatched client steps, promises and late work.

A bar covers only days on which work is booked: a task with a gap (a weekend, a week off, a
day spent on something else) is drawn as several bars. Time off, public holidays and
non-working days are shaded in each person's row (:mod:`planner.charts.availability`). Bars
are coloured by deliverable (one legend entry each) and labelled with their task; the part
after a promised date turns vermillion but keeps its task's label. Bars run from the start of
their first day to the end of their last day; the promised-date and planned-finish markers sit
at the *end* of their day, so a bar that just reaches a promise diamond finishes exactly on
time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import plotly.graph_objects as go

from planner.charts.availability import AWAY_COLOURS, AWAY_KINDS, DAY_OFF, TIME_OFF, away_days
from planner.charts.style import (
    CLIENT_COLOUR,
    DAY_MS,
    LATE_COLOUR,
    MET_COLOUR,
    TASK_COLOURS,
    base_layout,
    chart_day,
    chart_number,
    chart_text,
    chart_words,
    date_axis,
    day_end,
    day_start,
    no_schedule_figure,
)
from planner.i18n import N_, Texts
from planner.model import Scenario
from planner.plan import Plan, PromiseOutcome, TaskPlan
from planner.wording import Lang, days_text, promise_status

CLIENT_ROW = N_("Client")
MILESTONE_ROW = N_("Milestones")
TASK_PATTERNS: tuple[str, ...] = ("", ".", "x", "+")
"""Fill patterns added once the task colours repeat (never "/", which marks client steps)."""


@dataclass(frozen=True)
class _Span:
    task: TaskPlan
    row: str
    start: date
    finish: date
    hours: float


def _runs(days: dict[date, int]) -> list[tuple[date, date, int]]:
    """Consecutive booked days as (first, last, minutes)."""
    runs: list[tuple[date, date, int]] = []
    for day in sorted(days):
        if runs and runs[-1][1] == day - timedelta(days=1):
            first, _, minutes = runs[-1]
            runs[-1] = (first, day, minutes + days[day])
        else:
            runs.append((day, day, days[day]))
    return runs


def _spans(plan: Plan) -> list[_Span]:
    """One span per run of consecutive booked days of an (agency task, person); one per client
    step."""
    booked: dict[tuple[str, str], dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for b in plan.bookings:
        booked[b.task, b.person][b.day] += b.minutes
    spans = []
    for task in plan.tasks:
        if task.kind == "client":
            if task.start and task.finish:
                spans.append(_Span(task, CLIENT_ROW, task.start, task.finish, 0.0))
            continue
        for person in task.people:
            for first, last, minutes in _runs(booked[task.id, person]):
                spans.append(_Span(task, person, first, last, minutes / 60))
    return spans


def _lanes(spans: list[_Span]) -> dict[int, tuple[int, int]]:
    """Per span index: (lane, lanes in its row), so overlapping bars share a row side by side."""
    by_row: dict[str, list[int]] = defaultdict(list)
    for i, span in enumerate(spans):
        by_row[span.row].append(i)
    result: dict[int, tuple[int, int]] = {}
    for indices in by_row.values():
        ends: list[date] = []
        lane_of: dict[int, int] = {}
        for i in sorted(indices, key=lambda i: (spans[i].start, spans[i].finish)):
            free = [n for n, end in enumerate(ends) if end < spans[i].start]
            lane = free[0] if free else len(ends)
            if lane == len(ends):
                ends.append(spans[i].finish)
            ends[lane] = spans[i].finish
            lane_of[i] = lane
        for i, lane in lane_of.items():
            result[i] = (lane, len(ends))
    return result


def _row_text(row: str, words: Texts) -> str:
    """A row's label: the "Client" and "Milestones" rows in ``words``, people as typed."""
    return chart_text(words.gettext(row) if row in (CLIENT_ROW, MILESTONE_ROW) else row)


def _status(promise: PromiseOutcome | None, words: Texts) -> str:
    _ = words.gettext
    if promise is None:
        return _("no promised date")
    return _("promised {date}: {status}").format(
        date=chart_day(promise.due, words),
        status=promise_status(promise.slip_days, True, words),  # type: ignore[arg-type]
    )


def _span_hover(
    span: _Span, scenario: Scenario, promise: PromiseOutcome | None, words: Texts
) -> str:
    _ = words.gettext
    if span.task.kind == "client":
        source = scenario.task(span.task.source_task or span.task.id)
        who = _("client step")
        effort = _("{days} of client time").format(days=days_text(source.client_days or 0, words))
    else:
        who = chart_text(span.row)
        effort = _("{hours} h on these days").format(hours=chart_number(span.hours, words))
    when = f"{chart_day(span.start, words, 'MMMEd')} – {chart_day(span.finish, words, 'yMMMEd')}"
    return (
        f"<b>{chart_text(span.task.name)}</b><br>{who}<br>"
        f"{when}<br>{effort}<br>{_status(promise, words)}"
    )


def _bar(name: str, rows: dict[str, list], **style: object) -> go.Bar:
    options: dict[str, object] = {
        "textposition": "inside",
        "insidetextanchor": "start",
        "textangle": 0,
    }
    options.update(style)
    return go.Bar(
        name=chart_text(name),
        orientation="h",
        y=rows["y"],
        base=rows["base"],
        x=rows["x"],
        width=rows["width"],
        offset=rows["offset"],
        text=rows["text"],
        hovertext=rows["hover"],
        hovertemplate="%{hovertext}<extra></extra>",
        cliponaxis=False,
        **options,
    )


def _add_piece(
    rows: dict[str, list],
    span: _Span,
    lane: tuple[int, int],
    days: tuple[date, date],
    texts: tuple[str, str],
) -> None:
    """Add the bar of ``span`` over ``days`` (first, last) with ``texts`` (row label, hover)."""
    a, b = days
    label, hover = texts
    width = 0.8 / lane[1]
    rows["y"].append(label)
    rows["base"].append(day_start(a).isoformat())
    rows["x"].append((b - a).days * DAY_MS + DAY_MS)
    rows["width"].append(width)
    rows["offset"].append(-0.4 + lane[0] * width)
    rows["hover"].append(hover)
    rows["text"].append(chart_text(span.task.name))


def _deliverable(scenario: Scenario, task: TaskPlan) -> str:
    """The legend group of a task: its deliverable, else its own label."""
    source = scenario.task(task.source_task or task.id)
    return task.deliverable or source.deliverable or source.label


def _away_reason(kind: str, person: str, reason: str, words: Texts) -> str:
    """Why a person is away, in ``words``; a public holiday keeps its calendar name."""
    _ = words.gettext
    if kind == DAY_OFF:
        return chart_text(_("{person}: not a working day").format(person=person))
    if kind == TIME_OFF:
        return chart_text(_("{person}: time off").format(person=person))
    return chart_text(reason)


def _add_away(fig: go.Figure, scenario: Scenario, first: date, last: date, words: Texts) -> None:
    """Shaded days per person (time off, holidays, non-working days), one trace per kind."""
    _ = words.gettext
    rows: dict[str, dict[str, list]] = {k: defaultdict(list) for k in AWAY_KINDS}
    for away in away_days(scenario, first, last):
        part = rows[away.kind]
        part["y"].append(chart_text(away.person))
        part["base"].append(day_start(away.first).isoformat())
        part["x"].append(((away.last - away.first).days + 1) * DAY_MS)
        when = chart_day(away.first, words, "MMMEd") + (
            f" – {chart_day(away.last, words, 'MMMEd')}" if away.last != away.first else ""
        )
        reason = _away_reason(away.kind, away.person, away.reason, words)
        part["hover"].append(f"<b>{_(away.kind)}</b><br>{reason}<br>{when}")
    for kind, part in rows.items():
        if part["y"]:
            fig.add_trace(
                go.Bar(
                    name=_(kind),
                    orientation="h",
                    y=part["y"],
                    base=part["base"],
                    x=part["x"],
                    width=0.96,
                    marker={"color": AWAY_COLOURS[kind], "line": {"width": 0}},
                    opacity=0.8 if kind == TIME_OFF else 0.6,
                    hovertext=part["hover"],
                    hovertemplate="%{hovertext}<extra></extra>",
                    legendgroup="away",
                    legendgrouptitle_text=_("Not available"),
                )
            )


def _task_row(task: TaskPlan) -> str:
    if task.kind == "client":
        return CLIENT_ROW
    return task.people[0] if task.people else MILESTONE_ROW


def gantt_chart(plan: Plan, scenario: Scenario, lang: Lang = None) -> go.Figure:
    """The plan by person: task bars, hatched client steps, promises and late work.

    Parameters
    ----------
    plan
        The plan to draw.
    scenario
        The scenario it was planned from (team order, task names, start date).
    lang
        Language of the chart's own words (titles, legend, hover texts, dates); default
        English. Names from the scenario stay as typed.

    Returns
    -------
    go.Figure
        One row per team member (plus a "Client" row for client steps). Each run of
        consecutive booked days of a (task, person) pair is one bar, labelled with the task and
        coloured by deliverable (one trace per deliverable); the part of a late task after its
        promised date is a separate bar in :data:`LATE_COLOUR`, still labelled. Time off,
        public holidays and non-working days are shaded per person. Diamonds mark promised
        dates ("Promised date" trace) and planned finishes ("Planned finish" traces). A plan
        without a schedule gives an explanatory figure.
    """
    words = chart_words(lang)
    _ = words.gettext
    title = f"{_('Plan by person')} — {chart_text(scenario.title)}"
    if not plan.has_schedule:
        return no_schedule_figure(plan, title, words)
    promises = {p.task: p for p in plan.promises}
    spans = _spans(plan)
    lanes = _lanes(spans)
    pieces: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    late: dict[str, list] = defaultdict(list)
    for i, span in enumerate(spans):
        promise = promises.get(span.task.id)
        texts = (_row_text(span.row, words), _span_hover(span, scenario, promise, words))
        key = "client" if span.task.kind == "client" else _deliverable(scenario, span.task)
        on_time_end = span.finish
        if promise is not None and not promise.met and span.finish > promise.due:
            on_time_end = promise.due
            late_start = max(span.start, promise.due + timedelta(days=1))
            _add_piece(late, span, lanes[i], (late_start, span.finish), texts)
        if span.start <= on_time_end:
            _add_piece(pieces[key], span, lanes[i], (span.start, on_time_end), texts)
    fig = go.Figure()
    first = min(s.start for s in spans) if spans else scenario.start
    last = max([s.finish for s in spans] + [p.due for p in plan.promises] + [first])
    _add_away(fig, scenario, min(first, scenario.start), last, words)
    agency = [key for key in pieces if key != "client"]
    for i, key in enumerate(agency):
        colour = TASK_COLOURS[i % len(TASK_COLOURS)]
        pattern = TASK_PATTERNS[(i // len(TASK_COLOURS)) % len(TASK_PATTERNS)]
        marker = {"color": colour, "pattern": {"shape": pattern, "fgcolor": "white"}}
        fig.add_trace(_bar(key, pieces[key], marker=marker, legendgroup="deliverables"))
    if "client" in pieces:
        client_marker = {
            "color": "white",
            "pattern": {"shape": "/", "fgcolor": CLIENT_COLOUR, "solidity": 0.25},
            "line": {"color": CLIENT_COLOUR, "width": 1.5},
        }
        fig.add_trace(
            _bar(_("Client step"), pieces["client"], marker=client_marker, textposition="outside")
        )
    if late:
        fig.add_trace(
            _bar(
                _("Late (after promised date)"),
                late,
                marker_color=LATE_COLOUR,
                textfont={"color": "white"},
            )
        )
    _add_promise_markers(fig, plan, words)
    _lay_out(fig, title, plan, scenario, spans, words)
    return fig


def _add_promise_markers(fig: go.Figure, plan: Plan, words: Texts) -> None:
    """Open diamonds at promised dates, filled diamonds at planned finishes (green/vermillion)."""
    _ = words.gettext
    placed = [p for p in plan.promises if p.finish is not None]
    if not placed:
        return
    rows = [_row_text(_task_row(plan.task(p.task)), words) for p in placed]
    hovers = [
        f"<b>{chart_text(p.name)}</b><br>{_status(p, words)}<br>"
        + _("planned finish {date}").format(date=chart_day(p.finish, words, "MMMEd"))  # type: ignore[arg-type]
        for p in placed
    ]
    fig.add_trace(
        go.Scatter(
            name=_("Promised date"),
            mode="markers",
            x=[day_end(p.due).isoformat() for p in placed],
            y=rows,
            marker={"symbol": "diamond-open", "size": 13, "color": "black", "line": {"width": 2}},
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    finishes = (
        (True, N_("Planned finish (on time)"), MET_COLOUR),
        (False, N_("Planned finish (late)"), LATE_COLOUR),
    )
    for met, name, colour in finishes:
        chosen = [(p, r, h) for p, r, h in zip(placed, rows, hovers, strict=True) if p.met is met]
        if chosen:
            fig.add_trace(
                go.Scatter(
                    name=_(name),
                    mode="markers",
                    x=[day_end(p.finish).isoformat() for p, _, _ in chosen],  # type: ignore[arg-type]
                    y=[r for _, r, _ in chosen],
                    marker={"symbol": "diamond", "size": 9, "color": colour},
                    hovertext=[h for _, _, h in chosen],
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )


def _add_day_line(fig: go.Figure, day: date, label: str) -> None:
    x = day_start(day).isoformat()
    fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, xref="x", yref="paper", line={"dash": "dot"})
    fig.add_annotation(
        x=x,
        y=1,
        xref="x",
        yref="paper",
        text=label,
        showarrow=False,
        yanchor="bottom",
        font={"size": 11},
    )


def _lay_out(
    fig: go.Figure, title: str, plan: Plan, scenario: Scenario, spans: list[_Span], words: Texts
) -> None:
    """Rows (team order, then the client and milestone rows), the start line, axes, legend."""
    _ = words.gettext
    rows = [p.name for p in scenario.team]
    rows += [r for r in (CLIENT_ROW, MILESTONE_ROW) if any(s.row == r for s in spans)]
    rows += [r for r in {_task_row(plan.task(p.task)) for p in plan.promises} if r not in rows]
    _add_day_line(
        fig, scenario.start, _("start {date}").format(date=chart_day(scenario.start, words))
    )
    fig.update_layout(
        **base_layout(
            title,
            max(320, 160 + 60 * len(rows)),
            words,
            barmode="overlay",
            uniformtext={"minsize": 9, "mode": "hide"},
            hovermode="closest",
            legend={"title": {"text": _("Deliverables and markers")}, "tracegroupgap": 6},
            xaxis=date_axis(words, title=_("Date")),
            yaxis={
                "title": _("Person"),
                "categoryorder": "array",
                "categoryarray": [_row_text(row, words) for row in rows],
                "range": [len(rows) - 0.5, -0.5],
            },
        )
    )
