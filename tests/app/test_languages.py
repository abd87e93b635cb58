"""The agency app in Finnish and Polish (AppTest): the shared selector re-words every page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner.app import issue_lines, local_dates, scenario_from_edits
from planner.app.words import language, use_language, words
from planner.i18n import Texts
from planner.wording import words_in

APP = "../../streamlit_app.py"  # AppTest.from_file resolves relative to this file
RISK = "../../pages/3_Risk.py"
PORTFOLIO = "../../pages/2_Portfolio.py"

EXPECTED = {
    "en": {
        "check": "Check the brief",
        "audience": "Who is this for?",
        "tabs": ["Promises", "Why & fixes", "Gantt", "Utilisation", "Budget", "Edit scenario"],
        "metric": "Promises kept",
        "solver": "Solver",
    },
    "fi": {
        "check": "Tarkista toimeksianto",
        "audience": "Kenelle tämä on?",
        "tabs": ["Lupaukset", "Syyt ja korjaukset", "Gantt", "Kuormitus", "Budjetti"],
        "metric": "Pidetyt lupaukset",
        "solver": "Ratkaisija",
    },
    "pl": {
        "check": "Sprawdź brief",
        "audience": "Dla kogo to jest?",
        "tabs": ["Obietnice", "Przyczyny i poprawki", "Gantt", "Obciążenie", "Budżet"],
        "metric": "Dotrzymane obietnice",
        "solver": "Solver",
    },
}


def labels_of(app: AppTest, lang: str) -> None:
    expected = EXPECTED[lang]
    assert not app.exception, app.exception
    assert app.button(key="run_check").label == expected["check"]
    assert app.radio(key="audience").label == expected["audience"]
    tabs = [tab.label for tab in app.tabs]
    assert tabs[: len(expected["tabs"])] == expected["tabs"]
    assert expected["metric"] in [metric.label for metric in app.metric]
    assert expected["solver"] in [header.value for header in app.sidebar.header]


@pytest.fixture(scope="module")
def main_app() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=90)
    app.session_state["client_lang"] = "en"
    return app.run()


def test_the_main_page_switches_to_finnish_and_polish_and_back(main_app: AppTest) -> None:
    labels_of(main_app, "en")
    for lang in ("fi", "pl", "en"):
        main_app.selectbox(key="client_lang").set_value(lang).run()
        labels_of(main_app, lang)
    # the chosen language is kept for the other pages (a copy outside the widget's state)
    assert main_app.session_state["chosen_lang"] == "en"


def test_the_start_date_and_money_follow_the_language(main_app: AppTest) -> None:
    main_app.selectbox(key="client_lang").set_value("fi").run()
    caption = next(c.value for c in main_app.caption if c.value.startswith("Asiakas:"))
    assert "suunnitelma alkaa" in caption and "2027" in caption
    main_app.selectbox(key="client_lang").set_value("pl").run()
    caption = next(c.value for c in main_app.caption if c.value.startswith("Klient:"))
    assert "plan zaczyna się" in caption
    main_app.selectbox(key="client_lang").set_value("en").run()


@pytest.mark.parametrize(
    ("lang", "title", "button"),
    [("fi", "Kuinka varmoja olemme?", "Simuloi"), ("pl", "Jak bardzo jesteśmy pewni?", "Symuluj")],
)
def test_the_risk_page_follows_the_chosen_language(lang: str, title: str, button: str) -> None:
    app = AppTest.from_file(RISK, default_timeout=60)
    app.session_state["chosen_lang"] = lang  # chosen on another page
    app.run()
    assert not app.exception
    assert app.title[0].value == title
    assert app.button(key="risk_run").label == button
    assert app.selectbox(key="client_lang").value == lang


@pytest.mark.parametrize(
    ("lang", "title", "tab"),
    [("fi", "Portfolio", "Hyväksy toimeksianto"), ("pl", "Portfel", "Akceptacja briefu")],
)
def test_the_portfolio_page_follows_the_chosen_language(
    tmp_path: Path, lang: str, title: str, tab: str
) -> None:
    app = AppTest.from_file(PORTFOLIO, default_timeout=120)
    app.session_state["pf_db"] = f"sqlite:///{tmp_path / 'page.sqlite'}"
    app.session_state["chosen_lang"] = lang
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == title
    assert app.tabs[0].label == tab


def test_edit_problems_are_listed_in_the_chosen_language() -> None:
    """The editors' problems (from the readers) are worded in the app's language."""
    from planner.app import editor_tables
    from planner.io import template_scenario

    tables = editor_tables(template_scenario())
    tasks = tables["tasks"].copy()
    tasks.loc[0, "hours"] = "lots"
    result = scenario_from_edits({**tables, "tasks": tasks}, "brief.xlsx (edited)")
    assert not result.ok
    before = language()
    try:
        use_language("fi")
        text = issue_lines(result.issues, tasks)
        assert "välilehti tasks, rivi 2, sarake hours" in text
        assert "pitää olla luku" in text
        use_language("pl")
        assert "arkusz tasks, wiersz 2, kolumna hours" in issue_lines(result.issues, tasks)
        assert words() == Texts("pl", "app")
    finally:
        use_language(before)
    assert "sheet tasks, row 2, column hours" in issue_lines(result.issues, tasks)
    assert isinstance(tasks, pd.DataFrame)


def test_an_edit_survives_a_change_of_language_and_its_problem_is_reworded() -> None:
    app = AppTest.from_file(APP, default_timeout=90)
    app.session_state["client_lang"] = "en"
    app.run()
    app.session_state["edit_tasks"] = {
        "edited_rows": {6: {"hours": "-4"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    english = " ".join(box.value for box in app.error).replace("\\", "")
    assert "sheet tasks, row 8, column hours: must be greater than 0" in english
    app.selectbox(key="client_lang").set_value("pl").run()
    assert not app.exception
    polish = " ".join(box.value for box in app.error).replace("\\", "")
    assert "arkusz tasks, wiersz 8, kolumna hours: musi być większe niż 0" in polish
    assert "Popraw te wpisy" in polish
    assert app.session_state["last_tasks"].loc[6, "hours"] == "-4"  # nothing typed is lost


def test_the_verdict_and_promise_statuses_follow_the_language(main_app: AppTest) -> None:
    """The words from planner.wording (verdict, certainty, statuses) are in the page's language."""
    main_app.selectbox(key="client_lang").set_value("fi").run()
    finnish = Texts("fi", "words")
    shown = " ".join(box.value for box in [*main_app.error, *main_app.success, *main_app.warning])
    kept = finnish.gettext("kept")
    assert kept != "kept"
    statuses = set(main_app.dataframe[0].value["Status"].astype(str))
    assert kept in statuses and "kept" not in statuses, statuses
    assert "promises cannot be kept" not in shown  # no English headline left
    main_app.selectbox(key="client_lang").set_value("en").run()
    shown = " ".join(box.value for box in [*main_app.error, *main_app.success, *main_app.warning])
    assert "promises cannot be kept" in shown.replace("\\", "")


def test_the_charts_follow_the_chosen_language(main_app: AppTest) -> None:
    """The Gantt's title (from the ``words`` catalogue) switches with the app's language."""
    for lang in ("fi", "pl", "en"):
        main_app.selectbox(key="client_lang").set_value(lang).run()
        assert not main_app.exception, main_app.exception
        specs = [json.loads(chart.proto.spec) for chart in main_app.get("plotly_chart")]
        titles = [spec["layout"]["title"]["text"] for spec in specs]
        heading = words_in(lang).gettext("Plan by person")
        assert lang == "en" or heading != "Plan by person"
        assert any(title.startswith(f"{heading} — ") for title in titles), titles


def test_table_dates_are_in_the_chosen_language() -> None:
    frame = pd.DataFrame(
        {"Promise": ["Launch"], "Promised": [date(2027, 4, 28)], "Realistic": [None]}
    )
    finnish = local_dates(frame, ("Promised", "Realistic"), "fi")
    assert list(finnish["Promised"]) == ["28.4.2027"] and list(finnish["Realistic"]) == [""]
    polish = local_dates(frame.style, ("Promised",), "pl").to_html()
    assert "28 kwi 2027" in polish and "2027-04-28" not in polish
    assert frame["Promised"].iloc[0] == date(2027, 4, 28)  # the data itself is untouched
