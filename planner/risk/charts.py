"""Risk charts: finish-date spread per promise (a box per promise) and the price distribution.

Each promise gets one row: a thin line from the 5th to the 95th percentile finish date, a box
from the 25th to the 75th, a mark at the median, a diamond at the P80 date (the date to
commit to) and a cross at the promised date, green when it has at least the run's threshold
odds and vermillion when not. The price chart is a histogram of the sampled prices with the
budget and the P80 price marked. Hover texts are plain words; the client audience sees odds and
dates, never rates or cost.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from planner.charts.style import (
    DATE_FORMAT,
    LATE_COLOUR,
    MET_COLOUR,
    PALETTE,
    base_layout,
    chart_text,
    day_end,
    message_figure,
)
from planner.diagnosis.text import day_text, money_text
from planner.risk.result import PromiseRisk, RiskResult
from planner.risk.words import chance_phrase, odds_text

SPREAD_COLOUR = PALETTE[4]
"""Okabe-Ito blue for the finish-date spread."""
_HOVER = "%{hovertext}<extra></extra>"
"""Hover texts are data (``%{hovertext}``), as in the other charts, not pasted into the
template."""


def _hover(promise: PromiseRisk) -> str:
    return (
        f"<b>{chart_text(promise.name)}</b><br>promised {day_text(promise.due)}: "
        f"{chance_phrase(promise.p_on_time, 'then')}<br>"
        f"half of the outcomes by {day_text(promise.p50)}<br>"
        f"4 in 5 by {day_text(promise.p80)}<br>19 in 20 by {day_text(promise.p95)}"
    )


def promise_odds_chart(risk: RiskResult) -> go.Figure:
    """Finish-date spread of every promise beside its promised date (see module docstring).

    Parameters
    ----------
    risk
        A risk run.

    Returns
    -------
    go.Figure
        One row per promise, dates on the x axis.
    """
    title = "When each promise is done: spread of finish dates"
    if not risk.has_figures or not risk.promises:
        return message_figure(
            title, chart_text(f"No risk figures: {risk.message or 'no promises'}.")
        )
    fig = go.Figure()
    for promise in risk.promises:
        _add_promise(fig, promise, promise.p_on_time >= risk.threshold)
    rows = [chart_text(p.name) for p in risk.promises]
    fig.update_layout(
        **base_layout(
            title,
            160 + 44 * len(rows),
            showlegend=False,
            xaxis={"title": "Finish date", "type": "date", "tickformat": DATE_FORMAT},
            yaxis={
                "title": "Promise",
                "categoryorder": "array",
                "categoryarray": list(reversed(rows)),
                "automargin": True,
            },
        )
    )
    return fig


def _add_promise(fig: go.Figure, promise: PromiseRisk, sure: bool) -> None:
    q = promise.quantiles
    row, hover = chart_text(promise.name), _hover(promise)
    fig.add_trace(
        go.Scatter(
            x=[day_end(q[0.05]), day_end(q[0.95])],
            y=[row, row],
            mode="lines",
            line={"color": SPREAD_COLOUR, "width": 2},
            name="5th–95th percentile",
            hovertext=hover,
            hovertemplate=_HOVER,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[day_end(q[0.25]), day_end(q[0.75])],
            y=[row, row],
            mode="lines",
            line={"color": SPREAD_COLOUR, "width": 14},
            name="middle half",
            hovertext=hover,
            hovertemplate=_HOVER,
        )
    )
    marks = (
        (promise.p50, "line-ns", "white", "median"),
        (promise.p80, "diamond", "black", "P80: 4 in 5"),
        (promise.due, "x", MET_COLOUR if sure else LATE_COLOUR, "promised"),
    )
    for day, symbol, colour, label in marks:
        fig.add_trace(
            go.Scatter(
                x=[day_end(day)],
                y=[row],
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": 13,
                    "color": colour,
                    "line": {"width": 2, "color": colour},
                },
                name=label,
                hovertext=f"{label}: {day_text(day)}<br>{hover}",
                hovertemplate=_HOVER,
            )
        )


def price_distribution_chart(risk: RiskResult) -> go.Figure:
    """Histogram of the sampled prices with the budget and the P80 price marked.

    Parameters
    ----------
    risk
        A risk run.

    Returns
    -------
    go.Figure
        Price on the x axis, number of outcomes on the y axis.
    """
    title = "Price over the simulated outcomes against the budget"
    budget = risk.budget
    if budget is None or len(risk.prices) == 0:
        return message_figure(
            title, chart_text(f"No risk figures: {risk.message or 'no samples'}.")
        )
    fig = go.Figure(
        go.Histogram(
            x=risk.prices,
            nbinsx=40,
            marker={"color": SPREAD_COLOUR},
            name="outcomes",
            hovertemplate="price %{x}<br>%{y} outcomes<extra></extra>",
        )
    )
    fig.add_vline(
        x=budget.p80_price,
        line={"color": "black", "dash": "dot"},
        annotation_text=f"P80 {chart_text(money_text(budget.p80_price, risk.currency))}",
    )
    if budget.budget is not None and budget.p_within is not None:
        colour = MET_COLOUR if budget.p_within >= risk.threshold else LATE_COLOUR
        fig.add_vline(
            x=budget.budget,
            line={"color": colour, "width": 3},
            annotation_text=(
                f"budget {chart_text(money_text(budget.budget, risk.currency))}: "
                f"{_within(budget.p_within)}"
            ),
            annotation_position="top left",
        )
    fig.update_layout(
        **base_layout(
            title,
            380,
            showlegend=False,
            xaxis={"title": f"Price ({chart_text(risk.currency)})"},
            yaxis={"title": "Simulated outcomes"},
            bargap=0.05,
        )
    )
    return fig


def _within(p: float) -> str:
    if p <= 0:
        return "no simulated outcome within"
    if p >= 1:
        return "every simulated outcome within"
    return f"{odds_text(p)} chance within"


def promise_table(risk: RiskResult) -> pd.DataFrame:
    """A table beside the chart: promised date, odds in words, P80 date, suggestion (text)."""
    rows = [
        {
            "promise": p.name,
            "promised": day_text(p.due),
            "on-time odds": f"{odds_text(p.p_on_time)} ({p.p_on_time:.0%})",
            "4 in 5 by (P80)": day_text(p.p80),
            "commit to": day_text(p.commit_to) if p.commit_to else "keep the date",
        }
        for p in risk.promises
    ]
    columns = ["promise", "promised", "on-time odds", "4 in 5 by (P80)", "commit to"]
    return pd.DataFrame(rows, columns=columns)
