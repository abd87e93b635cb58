"""User text in charts is text (issue 11): names holding HTML never become Plotly markup.

Plotly renders a subset of HTML (links, images are dropped but tags still apply, bold, styles)
and decodes entities in titles, trace names, bar and hover texts, tick labels and
annotations. tests/scenarios/markup-names.yaml puts such markup into every piece of user text
(title, client, currency, people, roles, tasks, deliverables); every chart the planner draws
from it — as the app shows it, as the report prints it, for either audience, the risk charts
and the portfolio heatmap — is walked as JSON, and no string may carry the user's markup raw.
The escaped text must be there, so a chart that dropped the names would fail too.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from planner.app.exports import app_figures
from planner.charts.pipeline import pipeline_heatmap
from planner.charts.style import chart_text
from planner.io import load_scenario
from planner.model import Scenario
from planner.plan import Plan
from planner.planning import SolveSettings, plan_scenario
from planner.report.layout import print_figure
from planner.report.page import audience_figures, standard_figures
from planner.risk import run_risk
from planner.risk.charts import price_distribution_chart, promise_odds_chart
from planner.validate import assert_valid

MARKUP = Path(__file__).parents[1] / "scenarios" / "markup-names.yaml"

RAW_MARKUP: tuple[str, ...] = (
    "<a ",
    "</a>",
    "<img",
    "<span",
    "<sup",
    "<i>",
    "<b>EVIL",
    "&lt;u&gt;ENTITY",  # an entity in a name would be decoded to a tag; it must arrive as &amp;lt;
)
"""Markup that only the user's text holds (the charts' own markup is <b>, <br>, <extra>)."""


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _strings(value)


def raw_markup(fig: go.Figure) -> list[str]:
    """Every string in the figure that carries user markup as markup."""
    return [s for s in _strings(fig.to_plotly_json()) if any(m in s for m in RAW_MARKUP)]


@pytest.fixture(scope="module")
def hostile() -> tuple[Scenario, Plan]:
    scenario = load_scenario(MARKUP)
    plan = plan_scenario(scenario, SolveSettings(time_limit=10))
    assert_valid(scenario, plan)
    assert plan.has_schedule and plan.broken_promises  # the late bars and markers are drawn
    return scenario, plan


@pytest.fixture(scope="module")
def figures(hostile: tuple[Scenario, Plan]) -> dict[str, go.Figure]:
    scenario, plan = hostile
    shown = {
        f"app_{name}": fig
        for by in (("person", "role"), ("role", "deliverable"))
        for name, fig in app_figures(plan, scenario, *by).items()
    }
    printed = {
        f"print_{name}": print_figure(name, fig, plan, scenario, 700, 420)
        for name, fig in standard_figures(plan, scenario).items()
    }
    client = audience_figures(standard_figures(plan, scenario), "client")
    risk = run_risk(scenario, 200, workers=1)
    people = [p.name for p in scenario.team]
    week = pd.Timestamp(date(2027, 3, 1))
    frame = pd.DataFrame(
        {
            "person": people,
            "week": [week] * len(people),
            "booked_hours": [10.0] * len(people),
            "available_hours": [30.0] * len(people),
            "utilisation": [1 / 3] * len(people),
        }
    )
    translated = {
        f"{lang}_{name}": fig
        for lang in ("fi", "pl")
        for name, fig in {
            **app_figures(plan, scenario, "role", "deliverable", lang),
            **standard_figures(plan, scenario, lang),
            "risk_promises": promise_odds_chart(risk, lang),
            "risk_price": price_distribution_chart(risk, lang),
            "pipeline": pipeline_heatmap(frame, "person", lang),
        }.items()
    }
    return {
        **shown,
        **printed,
        **{f"client_{name}": fig for name, fig in client.items()},
        "risk_promises": promise_odds_chart(risk),
        "risk_price": price_distribution_chart(risk),
        "pipeline": pipeline_heatmap(frame, "person"),
        **translated,
    }


def test_every_chart_shows_user_markup_as_text(figures: dict[str, go.Figure]) -> None:
    found = {name: raw_markup(fig) for name, fig in figures.items()}
    assert {name: strings for name, strings in found.items() if strings} == {}


def test_the_names_are_there_escaped(
    hostile: tuple[Scenario, Plan], figures: dict[str, go.Figure]
) -> None:
    scenario, _ = hostile
    gantt = figures["app_gantt"]
    rows = {html.unescape(y) for trace in gantt.data if trace.y is not None for y in trace.y}
    assert {p.name for p in scenario.team} <= rows
    assert chart_text(scenario.title) in gantt.layout.title.text
    deliverable = next(t.deliverable for t in scenario.brief.tasks if t.deliverable)
    assert chart_text(deliverable) in {trace.name for trace in gantt.data}
    texts = [trace.text for trace in gantt.data if trace.text is not None]
    labels = {html.unescape(t) for text in texts for t in text}
    assert {t.name for t in scenario.brief.tasks if t.hours} <= labels
    strings = " ".join(_strings(figures["risk_promises"].to_plotly_json()))
    assert all(chart_text(t.name) in strings for t in scenario.brief.tasks if t.due)
    assert chart_text("<i>EUR</i>") in figures["app_budget"].layout.title.text


def test_a_printed_gantt_drops_the_escaped_title_from_its_heading(
    hostile: tuple[Scenario, Plan], figures: dict[str, go.Figure]
) -> None:
    assert figures["print_gantt"].layout.title.text == "Plan by person"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("&lt;", "&amp;lt;"),
        ('"quoted" & co', '"quoted" &amp; co'),
        (42, "42"),
    ],
)
def test_chart_text_escapes_what_plotly_reads_as_markup(text: object, shown: str) -> None:
    assert chart_text(text) == shown
    assert html.unescape(shown) == str(text)
