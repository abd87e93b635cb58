"""The portfolio's capacity heatmap: booked share of free hours per person or role and week.

Agency-internal (it shows people and hours) but never names a client: the pipeline data it
draws carries no project or client names.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from planner.charts.style import chart_text, share_heatmap


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
                f"<b>{chart_text(name)}</b>, week of {r.week:%d %b %Y}"
                f"<br>booked {r.booked_hours:.1f} h of {r.available_hours:.1f} h free"
                for r in rows.itertuples()
            ]
        )
    labels = [w.strftime("%d %b %Y") for w in weeks]
    cells = {"z": z, "x": labels, "y": names, "text": text, "hover": hover}
    fig = share_heatmap(title, by, cells, zmax, row_height=45)
    return fig
