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
    LATE_COLOUR,
    MET_COLOUR,
    PALETTE,
    base_layout,
    chart_percent,
    chart_text,
    chart_words,
    date_axis,
    day_end,
    message_figure,
)
from planner.diagnosis.text import day_text, money_text
from planner.i18n import N_, Texts
from planner.risk.result import PromiseRisk, RiskResult
from planner.risk.words import chance_phrase, odds_text
from planner.wording import Lang

SPREAD_COLOUR = PALETTE[4]
"""Okabe-Ito blue for the finish-date spread."""
_HOVER = "%{hovertext}<extra></extra>"
"""Hover texts are data (``%{hovertext}``), as in the other charts, not pasted into the
template."""


def _hover(promise: PromiseRisk, words: Texts) -> str:
    _ = words.gettext
    lines = [
        _("promised {date}: {odds}").format(
            date=day_text(promise.due, words),
            odds=chance_phrase(promise.p_on_time, _("then"), words),
        ),
        _("half of the outcomes by {date}").format(date=day_text(promise.p50, words)),
        _("4 in 5 by {date}").format(date=day_text(promise.p80, words)),
        _("19 in 20 by {date}").format(date=day_text(promise.p95, words)),
    ]
    return f"<b>{chart_text(promise.name)}</b><br>" + "<br>".join(chart_text(x) for x in lines)


def _no_figures(title: str, risk: RiskResult, fallback: str, words: Texts) -> go.Figure:
    _ = words.gettext
    reason = risk.message or _(fallback)
    text = _("No risk figures: {reason}.").format(reason=reason)
    return message_figure(title, chart_text(text), words)


def promise_odds_chart(risk: RiskResult, lang: Lang = None) -> go.Figure:
    """Finish-date spread of every promise beside its promised date (see module docstring).

    Parameters
    ----------
    risk
        A risk run.
    lang
        Language of the chart's words and dates (default English).

    Returns
    -------
    go.Figure
        One row per promise, dates on the x axis.
    """
    words = chart_words(lang)
    _ = words.gettext
    title = _("When each promise is done: spread of finish dates")
    if not risk.has_figures or not risk.promises:
        return _no_figures(title, risk, N_("no promises"), words)
    fig = go.Figure()
    for promise in risk.promises:
        _add_promise(fig, promise, promise.p_on_time >= risk.threshold, words)
    rows = [chart_text(p.name) for p in risk.promises]
    fig.update_layout(
        **base_layout(
            title,
            160 + 44 * len(rows),
            words,
            showlegend=False,
            xaxis=date_axis(words, title=_("Finish date")),
            yaxis={
                "title": _("Promise"),
                "categoryorder": "array",
                "categoryarray": list(reversed(rows)),
                "automargin": True,
            },
        )
    )
    return fig


def _add_promise(fig: go.Figure, promise: PromiseRisk, sure: bool, words: Texts) -> None:
    _ = words.gettext
    q = promise.quantiles
    row, hover = chart_text(promise.name), _hover(promise, words)
    fig.add_trace(
        go.Scatter(
            x=[day_end(q[0.05]), day_end(q[0.95])],
            y=[row, row],
            mode="lines",
            line={"color": SPREAD_COLOUR, "width": 2},
            name=_("5th–95th percentile"),
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
            name=_("middle half"),
            hovertext=hover,
            hovertemplate=_HOVER,
        )
    )
    marks = (
        (promise.p50, "line-ns", "white", _("median")),
        (promise.p80, "diamond", "black", _("P80: 4 in 5")),
        (promise.due, "x", MET_COLOUR if sure else LATE_COLOUR, _("promised")),
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
                hovertext=f"{label}: {chart_text(day_text(day, words))}<br>{hover}",
                hovertemplate=_HOVER,
            )
        )


def price_distribution_chart(risk: RiskResult, lang: Lang = None) -> go.Figure:
    """Histogram of the sampled prices with the budget and the P80 price marked.

    Parameters
    ----------
    risk
        A risk run.
    lang
        Language of the chart's words and money (default English).

    Returns
    -------
    go.Figure
        Price on the x axis, number of outcomes on the y axis.
    """
    words = chart_words(lang)
    _ = words.gettext
    title = _("Price over the simulated outcomes against the budget")
    budget = risk.budget
    if budget is None or len(risk.prices) == 0:
        return _no_figures(title, risk, N_("no samples"), words)
    fig = go.Figure(
        go.Histogram(
            x=risk.prices,
            nbinsx=40,
            marker={"color": SPREAD_COLOUR},
            name=_("outcomes"),
            hovertemplate=_("price %{x}<br>%{y} outcomes") + "<extra></extra>",
        )
    )
    fig.add_vline(
        x=budget.p80_price,
        line={"color": "black", "dash": "dot"},
        annotation_text=f"P80 {chart_text(money_text(budget.p80_price, risk.currency, words))}",
    )
    if budget.budget is not None and budget.p_within is not None:
        colour = MET_COLOUR if budget.p_within >= risk.threshold else LATE_COLOUR
        fig.add_vline(
            x=budget.budget,
            line={"color": colour, "width": 3},
            annotation_text=chart_text(
                _("budget {amount}: {odds}").format(
                    amount=money_text(budget.budget, risk.currency, words),
                    odds=_within(budget.p_within, words),
                )
            ),
            annotation_position="top left",
        )
    fig.update_layout(
        **base_layout(
            title,
            380,
            words,
            showlegend=False,
            xaxis={"title": _("Price ({currency})").format(currency=chart_text(risk.currency))},
            yaxis={"title": _("Simulated outcomes")},
            bargap=0.05,
        )
    )
    return fig


def _within(p: float, words: Texts) -> str:
    _ = words.gettext
    if p <= 0:
        return _("no simulated outcome within")
    if p >= 1:
        return _("every simulated outcome within")
    return _("{odds} chance within").format(odds=odds_text(p, words))


PROMISE_COLUMNS: tuple[str, ...] = (
    N_("promise"),
    N_("promised"),
    N_("on-time odds"),
    N_("4 in 5 by (P80)"),
    N_("commit to"),
)
"""The columns of :func:`promise_table` (in English; translated with the table)."""


def promise_table(risk: RiskResult, lang: Lang = None) -> pd.DataFrame:
    """A table beside the chart: promised date, odds in words, P80 date, suggestion (text).

    The column names and words are in ``lang`` (default English).
    """
    words = chart_words(lang)
    _ = words.gettext
    columns = [_(name) for name in PROMISE_COLUMNS]
    rows = [
        (
            p.name,
            day_text(p.due, words),
            f"{odds_text(p.p_on_time, words)} ({chart_percent(p.p_on_time, words)})",
            day_text(p.p80, words),
            day_text(p.commit_to, words) if p.commit_to else _("keep the date"),
        )
        for p in risk.promises
    ]
    return pd.DataFrame(rows, columns=columns)
