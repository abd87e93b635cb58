"""Shared chart style: the colour-blind-safe palette, date helpers, layout, "no schedule" figure."""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta
from typing import Any

import plotly.graph_objects as go

from planner.plan import Plan
from planner.wording import dates_line

PALETTE: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)
"""The Okabe-Ito colour-blind-safe palette."""

LATE_COLOUR = "#D55E00"
"""Late work and broken promises (Okabe-Ito vermillion)."""
MET_COLOUR = "#009E73"
"""Kept promises (Okabe-Ito bluish green)."""
OVER_COLOUR = "#E69F00"
"""Heatmap cells just over 100 % (fading to :data:`LATE_COLOUR`)."""
CLIENT_COLOUR = "#555555"
TASK_COLOURS: tuple[str, ...] = ("#0072B2", "#56B4E9", "#CC79A7", "#F0E442")
"""Colours cycled over the brief's tasks on the Gantt (never the late/met colours)."""

DATE_FORMAT = "%d %b"
DAY_MS = 86_400_000
_FONT = {"family": "Helvetica, Arial, sans-serif", "size": 12}


def chart_text(text: object) -> str:
    """User text (a name, title, client, currency …) made safe to place in a Plotly figure.

    Plotly renders a subset of HTML in titles, trace names, bar and hover texts, tick labels and
    annotations (``<a href>``, ``<b>``, ``<br>``, ``<span style>`` …) and decodes entities such
    as ``&lt;``. Escaping ``&``, ``<`` and ``>`` makes the browser show exactly what was typed:
    no link, no style, no markup of ours broken. Every piece of user text reaches a figure
    through this one function; the charts' own markup (``<b>``, ``<br>``) is added around it.

    Parameters
    ----------
    text
        Anything; it is converted with ``str`` first.

    Returns
    -------
    str
        The text with ``&``, ``<`` and ``>`` as HTML entities (quotes are left alone: they
        mean nothing outside a tag).
    """
    return html.escape(str(text), quote=False)


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` (where a bar covering ``day`` begins)."""
    return datetime.combine(day, time())


def day_end(day: date) -> datetime:
    """Midnight at the end of ``day`` (where a bar covering ``day`` ends; promise markers)."""
    return day_start(day) + timedelta(days=1)


def no_schedule_figure(plan: Plan, title: str) -> go.Figure:
    """An empty figure that explains why there is nothing to draw.

    Parameters
    ----------
    plan
        A plan without a schedule (INFEASIBLE or UNKNOWN).
    title
        The title the chart would have had.

    Returns
    -------
    go.Figure
        Blank axes with one centred annotation carrying the dates answer.
    """
    return message_figure(title, f"No schedule to draw.<br>{chart_text(dates_line(plan))}.")


def message_figure(title: str, text: str) -> go.Figure:
    """Blank axes with one centred annotation: a chart with nothing to draw says why.

    Parameters
    ----------
    title
        The title the chart would have had.
    text
        The message, as chart markup: user text in it goes through :func:`chart_text`.
    """
    fig = go.Figure()
    fig.add_annotation(
        text=text,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 14},
    )
    fig.update_layout(**base_layout(title, 320), xaxis={"visible": False}, yaxis={"visible": False})
    return fig


def base_layout(title: str, height: int, **extra: Any) -> dict[str, Any]:
    """Layout shared by every chart: title, font, white template, margins, height.

    Parameters
    ----------
    title
        Chart title.
    height
        Height in pixels.
    **extra
        Further layout properties (override the defaults).

    Returns
    -------
    dict
        Keyword arguments for ``fig.update_layout``.
    """
    layout: dict[str, Any] = {
        "title": title,  # callers escape user text in it with chart_text
        "font": _FONT,
        "template": "plotly_white",
        "height": height,
        "margin": {"l": 110, "r": 30, "t": 60, "b": 60},
        "hoverlabel": {"align": "left"},
    }
    layout.update(extra)
    return layout


def share_heatmap(
    title: str,
    by: str,
    cells: dict[str, list[Any]],
    zmax: float,
    row_height: int,
) -> go.Figure:
    """A weekly heatmap of booked share of free hours (shared by plan and portfolio charts).

    Parameters
    ----------
    title
        Chart title.
    by
        What the rows are (``"person"`` or ``"role"``), the y-axis title.
    cells
        ``z`` (shares, capped at ``zmax``), ``x`` (week labels), ``y`` (row names as typed;
        escaped here), ``text`` and ``hover`` (per cell, chart markup).
    zmax
        Top of the colour scale (at least 1): blue up to 100 %, orange to vermillion above.
    row_height
        Pixels per row.
    """
    edge = 1 / zmax
    colorscale = [[0, "#F4F8FB"], [edge, "#0072B2"], [edge + 1e-6, OVER_COLOUR], [1, LATE_COLOUR]]
    fig = go.Figure(
        go.Heatmap(
            z=cells["z"],
            x=cells["x"],
            y=[chart_text(row) for row in cells["y"]],
            text=cells["text"],
            texttemplate="%{text}",
            hovertext=cells["hover"],
            hovertemplate="%{hovertext}<extra></extra>",
            colorscale=colorscale,
            zmin=0,
            zmax=zmax,
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": "booked /<br>free"}, "tickformat": ".0%"},
        )
    )
    fig.update_layout(
        **base_layout(
            title,
            max(300, 170 + row_height * len(cells["y"])),
            xaxis={"title": "Week starting (Monday)", "type": "category"},
            yaxis={"title": by.capitalize(), "autorange": "reversed", "type": "category"},
        )
    )
    return fig
