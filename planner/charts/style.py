"""Shared chart style: the colour-blind-safe palette, date helpers, layout, "no schedule" figure."""

from __future__ import annotations

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
    fig = go.Figure()
    fig.add_annotation(
        text=f"No schedule to draw.<br>{dates_line(plan)}.",
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
        "title": title,
        "font": _FONT,
        "template": "plotly_white",
        "height": height,
        "margin": {"l": 110, "r": 30, "t": 60, "b": 60},
        "hoverlabel": {"align": "left"},
    }
    layout.update(extra)
    return layout
