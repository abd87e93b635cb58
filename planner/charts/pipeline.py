"""The portfolio's capacity heatmap: booked share of free hours per person or role and week.

Agency-internal (it shows people and hours) but never names a client: the pipeline data it
draws carries no project or client names.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from planner.charts.style import LATE_COLOUR, OVER_COLOUR, base_layout


def _cell(share: float, booked: float, free: float) -> str:
    if free <= 0:
        return f"{booked:.0f} h, no free time" if booked else "off"
    return f"{share:.0%}<br>{booked:.0f} h"


def pipeline_heatmap(frame: pd.DataFrame, by: str = "person") -> go.Figure:
    """Weekly booked hours against free hours from :func:`planner.store.pipeline`.

    Parameters
    ----------
    frame
        ``Pipeline.by_person`` or ``Pipeline.by_role``.
    by
        ``"person"`` or ``"role"``: the column naming the rows.

    Returns
    -------
    go.Figure
        Blue up to 100 % of free hours, orange to vermillion above; each cell shows the share
        and the booked hours, its hover text booked and free hours.
    """
    title = f"Booked work by {by} per week — share of free hours"
    weeks = sorted(frame["week"].unique())
    names = list(dict.fromkeys(frame[by]))
    zmax = max(1.25, float(frame["utilisation"].max()) if len(frame) else 0.0)
    z, text, hover = [], [], []
    for name in names:
        rows = frame[frame[by] == name].sort_values("week")
        z.append([min(float(s), zmax) for s in rows["utilisation"]])
        cells = zip(rows["utilisation"], rows["booked_hours"], rows["available_hours"], strict=True)
        text.append([_cell(s, b, f) for s, b, f in cells])
        hover.append(
            [
                f"<b>{name}</b>, week of {r.week:%d %b %Y}<br>booked {r.booked_hours:.1f} h"
                f" of {r.available_hours:.1f} h free"
                for r in rows.itertuples()
            ]
        )
    edge = 1 / zmax
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[w.strftime("%d %b %Y") for w in weeks],
            y=names,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            colorscale=[
                [0, "#F4F8FB"],
                [edge, "#0072B2"],
                [edge + 1e-6, OVER_COLOUR],
                [1, LATE_COLOUR],
            ],
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
            max(300, 170 + 45 * len(names)),
            xaxis={"title": "Week starting (Monday)", "type": "category"},
            yaxis={"title": by.capitalize(), "autorange": "reversed", "type": "category"},
        )
    )
    return fig
