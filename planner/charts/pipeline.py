"""The portfolio's capacity heatmap: booked share of free hours per person or role and week.

Agency-internal (it shows people and hours) but never names a client: the pipeline data it
draws carries no project or client names.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from planner.charts.style import (
    chart_day,
    chart_number,
    chart_percent,
    chart_text,
    chart_words,
    share_heatmap,
)
from planner.i18n import N_, Texts
from planner.wording import Lang

PIPELINE_TITLES: dict[str, str] = {
    "person": N_("Booked work by person per week — share of free hours"),
    "role": N_("Booked work by role per week — share of free hours"),
}


def _cell(share: float, booked: float, free: float, words: Texts) -> str:
    _ = words.gettext
    hours = chart_number(booked, words, 0)
    if free <= 0:
        return _("{hours} h, no free time").format(hours=hours) if booked else _("off")
    return f"{chart_percent(share, words)}<br>{hours} h"


def _hover(name: str, row: object, words: Texts) -> str:
    _ = words.gettext
    head = _("{name}, week of {date}").format(
        name=f"<b>{chart_text(name)}</b>",
        date=chart_day(row.week, words, "yMMMd"),  # type: ignore[attr-defined]
    )
    booked = _("booked {booked} h of {free} h free").format(
        booked=chart_number(row.booked_hours, words),  # type: ignore[attr-defined]
        free=chart_number(row.available_hours, words),  # type: ignore[attr-defined]
    )
    return f"{head}<br>{booked}"


def pipeline_heatmap(frame: pd.DataFrame, by: str = "person", lang: Lang = None) -> go.Figure:
    """Weekly booked hours against free hours from :func:`planner.store.pipeline`.

    Parameters
    ----------
    frame
        ``Pipeline.by_person`` or ``Pipeline.by_role``.
    by
        ``"person"`` or ``"role"``: the column naming the rows.
    lang
        Language of the chart's words, numbers and dates (default English).

    Returns
    -------
    go.Figure
        Blue up to 100 % of free hours, orange to vermillion above; each cell shows the share
        and the booked hours, its hover text booked and free hours.
    """
    words = chart_words(lang)
    title = words.gettext(PIPELINE_TITLES[by])
    weeks = sorted(frame["week"].unique())
    names = list(dict.fromkeys(frame[by]))
    zmax = max(1.25, float(frame["utilisation"].max()) if len(frame) else 0.0)
    z, text, hover = [], [], []
    for name in names:
        rows = frame[frame[by] == name].sort_values("week")
        z.append([min(float(s), zmax) for s in rows["utilisation"]])
        cells = zip(rows["utilisation"], rows["booked_hours"], rows["available_hours"], strict=True)
        text.append([_cell(s, b, f, words) for s, b, f in cells])
        hover.append([_hover(name, r, words) for r in rows.itertuples()])
    labels = [chart_day(w, words, "yMMMd") for w in weeks]
    cells = {"z": z, "x": labels, "y": names, "text": text, "hover": hover}
    fig = share_heatmap(title, by, cells, zmax, row_height=45, lang=words)
    return fig
