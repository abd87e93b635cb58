"""Shared chart style: the colour-blind-safe palette, date helpers, layout, "no schedule" figure."""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta
from typing import Any

import plotly.graph_objects as go
from babel.dates import format_skeleton
from babel.numbers import format_decimal, format_percent

from planner.i18n import N_, Texts
from planner.plan import Plan
from planner.wording import Lang, dates_line, words_in

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
AXIS_DATE_FORMATS: dict[str, str] = {"fi": "%-d.%-m.", "pl": "%-d.%m"}
"""Date ticks in Finnish and Polish (numeric, as the locales write short dates; Plotly's own
month names are English). English keeps :data:`DATE_FORMAT`."""
BY_TITLES: dict[str, str] = {
    "person": N_("Person"),
    "role": N_("Role"),
    "deliverable": N_("Deliverable"),
}
"""Axis titles of the charts' ``by`` choices."""
_STRFTIME_OF = {"MMMd": "%d %b", "MMMEd": "%a %d %b", "yMMMEd": "%a %d %b %Y", "yMMMd": "%d %b %Y"}


def chart_words(lang: Lang) -> Texts:
    """The ``words`` domain in ``lang`` (a code, a :class:`~planner.i18n.Texts` or None)."""
    return words_in(lang)


def chart_day(day: date, words: Texts, skeleton: str = "MMMd") -> str:
    """A date for a chart label or hover: English as before (``01 Mar``, ``Mon 01 Mar``), other
    languages by Babel's ``skeleton`` (``MMMd``, ``MMMEd``, ``yMMMEd``, ``yMMMd``)."""
    if words.lang == "en":
        return day.strftime(_STRFTIME_OF[skeleton])
    return format_skeleton(skeleton, day, locale=words.lang)


def chart_number(value: float, words: Texts, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals (``1.5`` in English, ``1,5`` in Finnish and Polish)."""
    if words.lang == "en":
        return f"{value:.{digits}f}"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=words.lang)


def chart_percent(share: float, words: Texts) -> str:
    """A share as a whole percentage (``45%`` in English, ``45 %`` in Finnish and Polish)."""
    if words.lang == "en":
        return f"{share:.0%}"
    return format_percent(share, locale=words.lang)


def date_axis(words: Texts, **extra: Any) -> dict[str, Any]:
    """A date x axis with ticks in the language's short form."""
    axis = {"type": "date", "tickformat": AXIS_DATE_FORMATS.get(words.lang, DATE_FORMAT)}
    axis.update(extra)
    return axis


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


def no_schedule_figure(plan: Plan, title: str, lang: Lang = None) -> go.Figure:
    """An empty figure that explains why there is nothing to draw.

    Parameters
    ----------
    plan
        A plan without a schedule (INFEASIBLE or UNKNOWN).
    title
        The title the chart would have had.
    lang
        Language of the message (default English).

    Returns
    -------
    go.Figure
        Blank axes with one centred annotation carrying the dates answer.
    """
    words = chart_words(lang)
    _ = words.gettext
    nothing = _("No schedule to draw.")
    return message_figure(title, f"{nothing}<br>{chart_text(dates_line(plan, words))}.", words)


def message_figure(title: str, text: str, lang: Lang = None) -> go.Figure:
    """Blank axes with one centred annotation: a chart with nothing to draw says why.

    Parameters
    ----------
    title
        The title the chart would have had.
    text
        The message, as chart markup: user text in it goes through :func:`chart_text`.
    lang
        Language of the number separators (default English).
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
    fig.update_layout(
        **base_layout(title, 320, lang), xaxis={"visible": False}, yaxis={"visible": False}
    )
    return fig


def base_layout(title: str, height: int, lang: Lang = None, **extra: Any) -> dict[str, Any]:
    """Layout shared by every chart: title, font, white template, margins, height.

    Parameters
    ----------
    title
        Chart title.
    height
        Height in pixels.
    lang
        Language: Finnish and Polish numbers get a decimal comma and a space between thousands.
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
    if chart_words(lang).lang != "en":
        layout["separators"] = ", "
    layout.update(extra)
    return layout


def share_heatmap(
    title: str,
    by: str,
    cells: dict[str, list[Any]],
    zmax: float,
    row_height: int,
    lang: Lang = None,
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
    lang
        Language of the axis and colour-bar titles (default English).
    """
    words = chart_words(lang)
    _ = words.gettext
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
            colorbar={"title": {"text": _("booked /<br>free")}, "tickformat": ".0%"},
        )
    )
    fig.update_layout(
        **base_layout(
            title,
            max(300, 170 + row_height * len(cells["y"])),
            words,
            xaxis={"title": _("Week starting (Monday)"), "type": "category"},
            yaxis={"title": _(BY_TITLES[by]), "autorange": "reversed", "type": "category"},
        )
    )
    return fig
