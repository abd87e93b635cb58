"""Charts in Finnish and Polish: titles, axes, legends, hover texts and dates come from the
``words`` catalogue; English (the default) is unchanged; names from the scenario stay as typed.

Expected words are read from the catalogue (``words_in(lang).gettext``), never pinned, and each
is checked to differ from the English so a missing translation fails.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from planner.charts import budget_chart, gantt_chart, utilisation_heatmap
from planner.charts.pipeline import pipeline_heatmap
from planner.charts.style import chart_day, no_schedule_figure
from planner.model import Scenario, ThreePoint
from planner.plan import Plan
from planner.risk import run_risk
from planner.risk.charts import price_distribution_chart, promise_odds_chart, promise_table
from planner.wording import words_in
from tests.charts.conftest import dana_plan
from tests.risk.conftest import MONDAY, one_task_scenario

LANGS = ("fi", "pl")


def said(lang: str, message: str) -> str:
    """``message`` in ``lang`` from the catalogue; fails when it is not translated."""
    text = words_in(lang).gettext(message)
    assert text != message, f"{message!r} is not translated to {lang}"
    return text


@pytest.fixture(scope="module")
def late_plan() -> tuple[Scenario, Plan]:
    """Dana's 30 h of design due Wednesday cannot be kept: late bars and markers are drawn."""
    scenario, plan = dana_plan(date(2027, 3, 3))
    assert plan.broken_promises
    return scenario, plan


def _names(fig: go.Figure) -> set[str]:
    return {trace.name for trace in fig.data if trace.name}


def _hovers(fig: go.Figure) -> str:
    texts = [t.hovertext for t in fig.data if t.hovertext is not None]
    return " ".join(h if isinstance(h, str) else " ".join(h) for h in texts)


@pytest.mark.parametrize("lang", LANGS)
def test_gantt_words_come_from_the_catalogue(late_plan, lang: str) -> None:
    scenario, plan = late_plan
    fig = gantt_chart(plan, scenario, lang)
    assert fig.layout.title.text.startswith(said(lang, "Plan by person") + " — ")
    assert scenario.title in fig.layout.title.text  # the scenario's own words stay as typed
    assert fig.layout.xaxis.title.text == said(lang, "Date")
    assert fig.layout.yaxis.title.text == said(lang, "Person")
    assert fig.layout.legend.title.text == said(lang, "Deliverables and markers")
    assert {
        said(lang, "Promised date"),
        said(lang, "Late (after promised date)"),
        said(lang, "Planned finish (late)"),
    } <= _names(fig)
    assert "Promised date" not in _names(fig)
    hovers = _hovers(fig)
    on_days = said(lang, "{hours} h on these days").replace("{hours}", "")
    assert on_days in hovers and "on these days" not in hovers
    assert said(lang, "promised {date}: {status}").split("{date}")[0] in hovers
    start = said(lang, "start {date}").format(date=chart_day(scenario.start, words_in(lang)))
    assert start in [note.text for note in fig.layout.annotations]
    assert fig.layout.xaxis.tickformat != gantt_chart(plan, scenario).layout.xaxis.tickformat


@pytest.mark.parametrize("lang", LANGS)
def test_capacity_and_budget_words_come_from_the_catalogue(late_plan, lang: str) -> None:
    scenario, plan = late_plan
    by_role = utilisation_heatmap(plan, scenario, "role", lang)
    title = "Utilisation by role per week — booked share of free hours"
    assert by_role.layout.title.text == said(lang, title)
    assert by_role.layout.xaxis.title.text == said(lang, "Week starting (Monday)")
    assert by_role.layout.yaxis.title.text == said(lang, "Role")
    left = said(lang, "{hours} h left").replace("{hours}", "").strip()
    cells = " ".join(c for row in by_role.data[0].text for c in row)
    assert "▲" in cells and " h over" not in cells and "h left" not in cells
    assert left in cells or said(lang, "{hours} h over").replace("{hours}", "").strip() in cells
    budget = budget_chart(plan, "role", lang)
    expected = said(lang, "Price by role against the budget ({currency})")
    assert budget.layout.title.text == expected.format(currency=plan.currency)
    assert said(lang, "Total") in budget.data[0].x
    assert budget.layout.separators == ", "  # decimal comma, space between thousands
    assert said(lang, "Role") == budget.layout.xaxis.title.text


def test_english_is_the_default_and_unchanged(late_plan) -> None:
    scenario, plan = late_plan
    pairs = [
        (gantt_chart(plan, scenario), gantt_chart(plan, scenario, "en")),
        (utilisation_heatmap(plan, scenario), utilisation_heatmap(plan, scenario, lang="en")),
        (budget_chart(plan), budget_chart(plan, lang="en")),
    ]
    for default, english in pairs:
        assert default.to_plotly_json() == english.to_plotly_json()
    gantt = pairs[0][0]
    assert gantt.layout.title.text.startswith("Plan by person — ")
    assert {"Promised date", "Late (after promised date)"} <= _names(gantt)
    assert gantt.layout.xaxis.tickformat == "%d %b"
    assert "separators" not in gantt.layout.to_plotly_json()


@pytest.mark.parametrize("lang", LANGS)
def test_no_schedule_message_is_translated(late_plan, lang: str) -> None:
    _, plan = late_plan
    fig = no_schedule_figure(plan, "T", lang)
    assert fig.layout.annotations[0].text.startswith(said(lang, "No schedule to draw."))


@pytest.mark.parametrize("lang", LANGS)
def test_pipeline_heatmap_words(lang: str) -> None:
    week = pd.Timestamp(date(2027, 3, 1))
    frame = pd.DataFrame(
        {
            "role": ["designer"],
            "week": [week],
            "booked_hours": [10.0],
            "available_hours": [0.0],
            "utilisation": [1.0],
        }
    )
    fig = pipeline_heatmap(frame, "role", lang)
    title = "Booked work by role per week — share of free hours"
    assert fig.layout.title.text == said(lang, title)
    assert fig.data[0].text[0][0] == said(lang, "{hours} h, no free time").format(hours="10")
    assert fig.data[0].colorbar.title.text == said(lang, "booked /<br>free")


@pytest.mark.parametrize("lang", LANGS)
def test_risk_charts_and_table_words(lang: str) -> None:
    scenario = one_task_scenario(ThreePoint(10, 15, 30), MONDAY.replace(day=2))
    risk = run_risk(scenario, 200, workers=1)
    odds = promise_odds_chart(risk, lang)
    title = "When each promise is done: spread of finish dates"
    assert odds.layout.title.text == said(lang, title)
    assert odds.layout.xaxis.title.text == said(lang, "Finish date")
    assert said(lang, "median") in _names(odds)
    half = said(lang, "half of the outcomes by {date}").split("{date}")[0]
    assert half in _hovers(odds) and "half of the outcomes" not in _hovers(odds)
    price = price_distribution_chart(risk, lang)
    title = "Price over the simulated outcomes against the budget"
    assert price.layout.title.text == said(lang, title)
    assert price.layout.yaxis.title.text == said(lang, "Simulated outcomes")
    table = promise_table(risk, lang)
    assert list(table.columns)[:2] == [said(lang, "promise"), said(lang, "promised")]
    assert list(promise_table(risk).columns)[:2] == ["promise", "promised"]
