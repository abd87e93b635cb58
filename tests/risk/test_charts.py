"""Risk charts: one row per promise with its marks; price histogram with the budget line."""

from __future__ import annotations

from datetime import date

import pytest

from planner.charts import LATE_COLOUR, MET_COLOUR
from planner.charts.style import day_end
from planner.model import ThreePoint
from planner.risk import run_risk
from planner.risk.charts import price_distribution_chart, promise_odds_chart, promise_table
from tests.risk.conftest import one_task_scenario


@pytest.fixture(scope="module")
def tiny_risk():
    # P(done by Tue) ≈ 0.47 (< 0.8): the promised mark is late-coloured
    return run_risk(one_task_scenario(ThreePoint(10, 15, 30), date(2027, 3, 2)), 500, workers=1)


def test_promise_chart_marks_spread_median_p80_and_promise(tiny_risk) -> None:
    fig = promise_odds_chart(tiny_risk)
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    marks = {trace.name: trace for trace in fig.data}
    assert {"5th–95th percentile", "middle half", "median", "P80: 4 in 5", "promised"} <= set(marks)
    (promise,) = tiny_risk.promises
    assert list(marks["P80: 4 in 5"].x) == [day_end(promise.p80)]
    assert list(marks["promised"].x) == [day_end(date(2027, 3, 2))]
    assert marks["promised"].marker.color == LATE_COLOUR
    assert all(trace.hovertext and "chance" in trace.hovertext for trace in fig.data)


def test_promise_with_good_odds_is_marked_green() -> None:
    risk = run_risk(one_task_scenario(ThreePoint(10, 15, 30), date(2027, 3, 5)), 300, workers=1)
    promised = next(t for t in promise_odds_chart(risk).data if t.name == "promised")
    assert promised.marker.color == MET_COLOUR


def test_price_chart_has_every_sample_and_the_budget_line(tiny_risk) -> None:
    fig = price_distribution_chart(tiny_risk)
    (histogram,) = fig.data
    assert len(histogram.x) == 500
    lines = {shape.x0 for shape in fig.layout.shapes}
    assert 1500 in lines and tiny_risk.budget.p80_price in lines
    assert fig.layout.xaxis.title.text == "Price (EUR)" and fig.layout.yaxis.title.text


def test_table_rows_in_words(tiny_risk) -> None:
    table = promise_table(tiny_risk)
    row = table.iloc[0]
    assert row["promised"] == "2 Mar 2027" and row["commit to"] == "3 Mar 2027"
    assert row["on-time odds"] == f"9 in 20 ({tiny_risk.promises[0].p_on_time:.0%})"


def test_budget_mark_says_what_the_simulation_saw() -> None:
    # 40 h at 60 EUR/h is at least 2,400 EUR: no outcome within the 1,500 EUR budget
    risk = run_risk(one_task_scenario(ThreePoint(40, 45, 60), date(2027, 3, 19)), 200, workers=1)
    texts = [a.text for a in price_distribution_chart(risk).layout.annotations]
    assert "budget 1,500 EUR: no simulated outcome within" in texts
