"""Capacity and money charts: weekly utilisation heatmap and price against the budget."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from planner.charts.style import (
    BY_TITLES,
    LATE_COLOUR,
    MET_COLOUR,
    PALETTE,
    base_layout,
    chart_day,
    chart_number,
    chart_percent,
    chart_text,
    chart_words,
    no_schedule_figure,
    share_heatmap,
)
from planner.i18n import N_, Texts
from planner.model import Scenario
from planner.plan import Plan
from planner.wording import Lang, money, readable_key

HEATMAP_TITLES: dict[str, str] = {
    "person": N_("Utilisation by person per week — booked share of free hours"),
    "role": N_("Utilisation by role per week — booked share of free hours"),
}
BUDGET_TITLES: dict[str, str] = {
    "role": N_("Price by role against the budget ({currency})"),
    "deliverable": N_("Price by deliverable against the budget ({currency})"),
}


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _roles(scenario: Scenario, person: str) -> tuple[str, ...]:
    return scenario.person(person).roles or ("(no role)",)


def utilisation_table(plan: Plan, scenario: Scenario, by: str = "person") -> pd.DataFrame:
    """Booked against free hours per person (or role) and week.

    Free hours are ``plan.available_minutes`` (working time left after holidays, time off and
    other commitments). By role, a person holding several roles counts an equal share of their
    free time towards each role, so a role can show over 100 % when its work eats into the time
    of its people's other roles. Bookings on a task without a role count for the booked
    person's first role.

    Parameters
    ----------
    plan
        The plan.
    scenario
        Its scenario (team order and roles).
    by
        ``"person"`` or ``"role"``.

    Returns
    -------
    pd.DataFrame
        Columns ``row, week`` (Monday), ``free_hours, booked_hours, left_hours`` (free minus
        booked) and ``share`` (booked / free; NaN when nothing is free or booked, inf when work
        is booked on no free time), in team order then week order.
    """
    if by not in ("person", "role"):
        raise ValueError(f"by must be 'person' or 'role', not {by!r}")

    def keys(person: str) -> tuple[str, ...]:
        return (person,) if by == "person" else _roles(scenario, person)

    free: dict[tuple[str, date], float] = defaultdict(float)
    booked: dict[tuple[str, date], float] = defaultdict(float)
    for person, days in plan.available_minutes.items():
        shares = keys(person)
        for day, minutes in days.items():
            for key in shares:
                free[key, _week(day)] += minutes / len(shares)
    for b in plan.bookings:
        role = plan.task(b.task).role or _roles(scenario, b.person)[0]
        booked[(b.person if by == "person" else role), _week(b.day)] += b.minutes
    order = list(dict.fromkeys(k for p in scenario.team for k in keys(p.name)))
    order += sorted({k for k, _ in booked} - set(order))
    weeks = sorted({w for _, w in free} | {w for _, w in booked})
    rows = []
    for key in order:
        for week in weeks:
            f, u = free[key, week] / 60, booked[key, week] / 60
            share = u / f if f > 0 else (float("inf") if u > 0 else float("nan"))
            rows.append(
                {
                    "row": key,
                    "week": week,
                    "free_hours": round(f, 2),
                    "booked_hours": round(u, 2),
                    "left_hours": round(f - u, 2),
                    "share": share,
                }
            )
    columns = ["row", "week", "free_hours", "booked_hours", "left_hours", "share"]
    return pd.DataFrame(rows, columns=columns)


def _cell_text(share: float, left: float, words: Texts) -> str:
    _ = words.gettext
    if pd.isna(share):
        return "–"
    over = _("{hours} h over").format(hours=chart_number(-left, words))
    if share == float("inf"):
        return f"▲ {_('no free time')}<br>{over}"
    if share > 1 + 1e-9:
        return f"▲ {chart_percent(share, words)}<br>{over}"
    left_text = _("{hours} h left").format(hours=chart_number(left, words))
    return f"{chart_percent(share, words)}<br>{left_text}"


def _cell_hover(name: str, week: date, row: object, words: Texts) -> str:
    _ = words.gettext
    head = _("{name}, week of {date}").format(
        name=f"<b>{chart_text(name)}</b>", date=chart_day(week, words, "yMMMd")
    )
    booked = _("booked {booked} h of {free} h free").format(
        booked=chart_number(row.booked_hours, words),  # type: ignore[attr-defined]
        free=chart_number(row.free_hours, words),  # type: ignore[attr-defined]
    )
    left = _("free hours left: {hours} h").format(
        hours=chart_number(row.left_hours, words)  # type: ignore[attr-defined]
    )
    return f"{head}<br>{booked}<br>{left}"


def utilisation_heatmap(
    plan: Plan, scenario: Scenario, by: str = "person", lang: Lang = None
) -> go.Figure:
    """Weekly demand against capacity per person or role, with free hours left in each cell.

    Parameters
    ----------
    plan
        The plan.
    scenario
        Its scenario.
    by
        ``"person"`` or ``"role"`` (see :func:`utilisation_table` for how roles share time).
    lang
        Language of the chart's words, numbers and dates (default English).

    Returns
    -------
    go.Figure
        A heatmap of booked / free hours (blue up to 100 %, orange to vermillion above it);
        cells over 100 % read "▲ 112%". Each cell also shows the free hours left and its
        hover text gives booked, free and left hours.
    """
    words = chart_words(lang)
    _ = words.gettext
    if by not in HEATMAP_TITLES:
        raise ValueError(f"by must be 'person' or 'role', not {by!r}")
    title = _(HEATMAP_TITLES[by])
    if not plan.has_schedule:
        return no_schedule_figure(plan, title, words)
    table = utilisation_table(plan, scenario, by)
    weeks = sorted(table["week"].unique())
    skeleton = "MMMd" if len({w.year for w in weeks}) <= 1 else "yMMMd"
    labels = [chart_day(w, words, skeleton) for w in weeks]
    names = list(dict.fromkeys(table["row"]))
    if by == "role":
        table = table.assign(row=table["row"].map(readable_key))
        names = [readable_key(n) for n in names]
    finite = table["share"][table["share"].abs() != float("inf")].dropna()
    zmax = max(1.25, float(finite.max()) if len(finite) else 0.0)
    z, text, hover = [], [], []
    for name in names:
        part = table[table["row"] == name]
        z.append([None if pd.isna(s) else min(s, zmax) for s in part["share"]])
        shares = zip(part["share"], part["left_hours"], strict=True)
        text.append([_cell_text(s, v, words) for s, v in shares])
        rows = zip(weeks, part.itertuples(), strict=True)
        hover.append([_cell_hover(name, w, r, words) for w, r in rows])
    cells = {"z": z, "x": labels, "y": names, "text": text, "hover": hover}
    fig = share_heatmap(title, by, cells, zmax, row_height=55, lang=words)
    if by == "role":
        fig.add_annotation(
            text=_("People with several roles count an equal share of their free time per role."),
            xref="paper",
            yref="paper",
            x=0,
            y=1.02,
            yanchor="bottom",
            showarrow=False,
            font={"size": 11},
        )
    return fig


# --- budget -----------------------------------------------------------------------------------
def _total_label(plan: Plan, words: Texts) -> str:
    _ = words.gettext
    b, cur = plan.budget, plan.currency
    label = chart_text(money(b.price, cur, words))
    over = chart_text(money(b.price - (b.budget or 0), cur, words))
    return label if b.within else label + "<br>" + _("{amount} over budget").format(amount=over)


def budget_chart(plan: Plan, by: str = "role", lang: Lang = None) -> go.Figure:
    """Price by role (or deliverable) and in total, against the budget line.

    Parameters
    ----------
    plan
        The plan.
    by
        ``"role"`` (fixed costs get their own bar) or ``"deliverable"`` (fixed costs are
        their own deliverables already).
    lang
        Language of the chart's words and money (default English).

    Returns
    -------
    go.Figure
        One bar per role/deliverable and a "Total" bar (vermillion when over budget, green
        within it), amounts with the currency on the bars, and a dashed horizontal line at
        the budget (when the brief has one).
    """
    if by not in ("role", "deliverable"):
        raise ValueError(f"by must be 'role' or 'deliverable', not {by!r}")
    words = chart_words(lang)
    _ = words.gettext
    budget, cur = plan.budget, plan.currency
    title = _(BUDGET_TITLES[by]).format(currency=chart_text(cur))
    if not plan.has_schedule:
        return no_schedule_figure(plan, title, words)
    parts = dict(budget.price_by_role if by == "role" else budget.price_by_deliverable)
    fixed = _("Fixed costs")
    if by == "role" and budget.fixed_costs:
        parts[fixed] = budget.fixed_costs
    labels = [chart_text(readable_key(k) if by == "role" and k != fixed else k) for k in parts]
    names = [*labels, _("Total")]
    values = [round(v, 2) for v in parts.values()] + [budget.price]
    colours = [PALETTE[4]] * len(parts) + [MET_COLOUR if budget.within else LATE_COLOUR]
    shares = [v / budget.price if budget.price else 0.0 for v in values]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=values,
            marker_color=colours,
            text=[chart_text(money(v, cur, words)) for v in values[:-1]]
            + [_total_label(plan, words)],
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            hovertext=[
                f"<b>{n}</b><br>{chart_text(money(v, cur, words))}<br>"
                + _("{share} of the price").format(share=chart_percent(s, words))
                for n, v, s in zip(names, values, shares, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    top = max([*values, budget.budget or 0.0])
    _add_budget_line(fig, plan, words)
    fig.update_layout(
        **base_layout(
            title,
            420,
            words,
            xaxis={"title": _(BY_TITLES[by])},
            yaxis={
                "title": _("Price ({currency})").format(currency=chart_text(cur)),
                "tickformat": ",.0f",
                "range": [0, top * 1.18 or 1],
            },
        )
    )
    return fig


def _add_budget_line(fig: go.Figure, plan: Plan, words: Texts) -> None:
    """A dashed line at the budget with its amount, or a note that the brief gives none."""
    _ = words.gettext
    budget, cur = plan.budget, plan.currency
    if budget.budget is not None:
        fig.add_shape(
            type="line",
            xref="paper",
            x0=0,
            x1=1,
            y0=budget.budget,
            y1=budget.budget,
            line={"color": "black", "dash": "dash", "width": 2},
        )
        fig.add_annotation(
            xref="paper",
            x=0,
            y=budget.budget,
            yanchor="bottom",
            xanchor="left",
            text=chart_text(_("budget {amount}").format(amount=money(budget.budget, cur, words))),
            showarrow=False,
        )
    else:
        fig.add_annotation(
            xref="paper",
            yref="paper",
            x=1,
            y=1,
            text=_("no budget given"),
            showarrow=False,
        )
