"""The Portfolio page through AppTest: accept, time off with promises at risk, status, views."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planner.app import portfolio as pf
from planner.planning import SolveSettings
from planner.store import Store, accept_brief
from tests.store.conftest import tiny_brief

PAGE = "../../pages/2_Portfolio.py"  # AppTest.from_file resolves relative to this file


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'page.sqlite'}"


def _page(url: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["pf_db"] = url
    at.run()
    assert not at.exception, at.exception
    return at


def _messages(at: AppTest) -> str:
    return " ".join(e.value for e in [*at.success, *at.warning, *at.error, *at.info])


def test_an_empty_store_opens_with_guidance(url: str) -> None:
    at = _page(url)
    assert at.title[0].value == "Portfolio"
    assert "No team yet" in _messages(at)
    assert "No projects yet" in _messages(at)


def test_accepting_the_checked_brief_and_marking_one_tentative(url: str) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["pf_db"] = url
    at.session_state["checked"] = tiny_brief("Alpha", "Alpha Oy", 16, date(2031, 3, 7))
    at.session_state["pf_time_limit"] = 2.0
    at.run()
    at.button(key="pf_accept").click().run()
    assert not at.exception, at.exception
    assert "Alpha is accepted: 2 bookings stored" in _messages(at)
    at.session_state["checked"] = tiny_brief("Beta", "Beta Oy", 8, date(2031, 3, 14))
    at.session_state["pf_probability"] = 0.3
    at.run()
    at.button(key="pf_mark_tentative").click().run()
    assert "Beta is tentative" in _messages(at)
    with Store.open(url) as store:
        portfolio = store.snapshot()
    assert [(p.name, p.status, p.probability) for p in portfolio.projects] == [
        ("Alpha", "accepted", None),
        ("Beta", "tentative", 0.3),
    ]
    assert len(at.get("plotly_chart")) == 2  # the pipeline heatmaps


def test_time_off_on_a_booked_day_shows_the_promise_at_risk(url: str) -> None:
    with Store.open(url) as store:
        accept_brief(
            store,
            tiny_brief("Alpha", "Alpha Oy", 16, date(2031, 3, 4)),
            settings=SolveSettings(time_limit=2),
        )
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["pf_db"] = url
    at.session_state["pf_time_limit"] = 2.0
    at.run()
    at.session_state["pf_time_off_Ana"] = {
        "edited_rows": {},
        "added_rows": [{"from": "2031-03-04", "to": "2031-03-04"}],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="pf_save_time_off").click().run()
    assert not at.exception, at.exception
    assert "1 promise of accepted projects now at risk" in _messages(at)
    risks = at.dataframe[0].value
    assert risks[["project", "working days late"]].values.tolist() == [["Alpha", 1]]


def test_a_stale_status_change_is_refused(url: str) -> None:
    with Store.open(url) as store:
        accept_brief(
            store,
            tiny_brief("Alpha", "Alpha Oy", 16, date(2031, 3, 7)),
            settings=SolveSettings(time_limit=2),
        )
    at = _page(url)
    with Store.open(url) as store:  # another user marks it done meanwhile
        store.set_status("Alpha", "done", None, store.snapshot().project("Alpha").version)
    at.session_state["pf_status"] = "tentative"
    at.button(key="pf_set_status").click().run()
    assert "changed by someone else" in _messages(at)
    with Store.open(url) as store:
        assert store.snapshot().project("Alpha").status == "done"


def test_editing_the_team_once_and_refusing_a_stale_edit(url: str) -> None:
    with Store.open(url) as store:
        accept_brief(
            store,
            tiny_brief("Alpha", "Alpha Oy", 16, date(2031, 3, 7)),
            settings=SolveSettings(time_limit=2),
        )
    at = _page(url)
    at.session_state["pf_team"] = {
        "edited_rows": {0: {"hours_per_week": 32.0, "roles": "designer, art_director"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="pf_save_team").click().run()
    assert not at.exception, at.exception
    assert "Saved Ana." in _messages(at)
    with Store.open(url) as store:
        ana = store.snapshot().member("Ana")
        assert (ana.person.hours_per_week, ana.person.roles) == (32.0, ("designer", "art_director"))
        store.save_person(replace(ana.person, bill_rate=150), ana.version)  # another user
    at.session_state["pf_team"] = {
        "edited_rows": {0: {"hours_per_week": 30.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="pf_save_team").click().run()
    assert "changed by someone else" in _messages(at)
    with Store.open(url) as store:
        ana = store.snapshot().member("Ana").person
        assert (ana.hours_per_week, ana.bill_rate) == (32.0, 150)


def test_a_bad_store_url_is_a_message_not_a_traceback() -> None:
    at = _page("nonsense://")
    assert "not a database URL" in _messages(at)


def test_time_off_rows_are_checked_before_saving() -> None:
    frame = pd.DataFrame([{"from": "2031-03-05", "to": "2031-03-04"}, {"from": "2031-03-10"}])
    ranges, problems = pf.time_off_from_table(frame)
    assert ranges == ()
    assert problems == [
        "Row 1: the last day (2031-03-04) is before the first (2031-03-05).",
        "Row 2: give both the first and the last day off.",
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2030, 1, 1), date(2031, 3, 3)),  # all work ahead: its first day
        (date(2031, 3, 4), date(2031, 3, 4)),  # work under way: today
        (date(2032, 1, 1), date(2031, 3, 3)),  # all work past: its first day
    ],
)
def test_the_pipeline_starts_where_the_work_is(url: str, today: date, expected: date) -> None:
    with Store.open(url) as store:
        accept_brief(
            store,
            tiny_brief("Alpha", "Alpha Oy", 16, date(2031, 3, 7)),
            settings=SolveSettings(time_limit=2),
        )
        assert pf.pipeline_start(store.snapshot(), today) == expected
