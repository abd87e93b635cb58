"""The Risk page (pages/3_Risk.py) in Streamlit's AppTest: odds beside each promised date."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

PAGE = "../../pages/3_Risk.py"


def _run(audience: str = "Agency") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    at.number_input(key="risk_samples").set_value(300)
    at.radio(key="risk_audience").set_value(audience)
    at.run()
    at.button(key="risk_run").click().run()
    assert not at.exception
    return at


def test_page_asks_for_a_run_first() -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("Press Simulate" in info.value for info in at.info)


def test_agency_view_has_odds_chart_table_and_price_distribution() -> None:
    at = _run()
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    titles = [chart["layout"]["title"]["text"] for chart in charts]
    assert titles == [
        "When each promise is done: spread of finish dates",
        "Price over the simulated outcomes against the budget",
    ]
    (table,) = [frame.value for frame in at.dataframe]
    assert {"promise", "promised", "on-time odds", "4 in 5 by (P80)"} <= set(table.columns)
    text = " ".join(md.value for md in at.markdown)
    assert "Commit to" in text and "P80 price" in text


def test_client_view_speaks_in_plain_odds_without_price_figures() -> None:
    at = _run("Client")
    text = " ".join(md.value for md in at.markdown)
    assert "chance by" in text and "promised" in text
    assert "P80 price" not in text and "%" not in text
