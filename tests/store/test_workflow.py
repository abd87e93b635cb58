"""Time off re-checks accepted work; versions compare side by side; pipeline hours add up."""

from __future__ import annotations

from datetime import date

import pytest

from planner.model import DateRange
from planner.planning import SolveSettings
from planner.store import (
    Store,
    StoreError,
    accept_brief,
    change_time_off,
    comparison_frame,
    pipeline,
    save_version,
)
from tests.store.conftest import MONDAY, tiny_brief

TUESDAY, WEDNESDAY = date(2031, 3, 4), date(2031, 3, 5)


def test_time_off_on_a_booked_day_lists_the_promise_now_at_risk(store: Store) -> None:
    """Alpha books Ana Monday and Tuesday for 16 h due Tuesday; a Tuesday off makes it late."""
    accept_brief(
        store, tiny_brief("Alpha", "Alpha Oy", 16, TUESDAY), settings=SolveSettings(time_limit=2)
    )
    accept_brief(
        store,
        tiny_brief("Later", "Later Oy", 8, date(2031, 3, 31), **{"from": date(2031, 3, 24)}),
        settings=SolveSettings(time_limit=2),
    )
    version = store.snapshot().member("Ana").version
    risks = change_time_off(
        store, "Ana", (DateRange(TUESDAY, TUESDAY),), version, settings=SolveSettings(time_limit=2)
    )
    assert [(r.project, r.promise, r.due, r.finish, r.slip_days, r.kept_before) for r in risks] == [
        ("Alpha", "work", TUESDAY, WEDNESDAY, 1, True)
    ]
    # The booking itself is kept until the agency decides.
    assert store.snapshot().project("Alpha").booked_minutes == 960


def test_time_off_on_free_days_touches_nothing(store: Store) -> None:
    accept_brief(
        store, tiny_brief("Alpha", "Alpha Oy", 16, TUESDAY), settings=SolveSettings(time_limit=2)
    )
    version = store.snapshot().member("Ana").version
    away = (DateRange(date(2031, 3, 10), date(2031, 3, 14)),)
    assert change_time_off(store, "Ana", away, version, settings=SolveSettings(time_limit=2)) == []
    assert store.snapshot().member("Ana").person.time_off == away


def test_saved_versions_side_by_side(store: Store) -> None:
    save_version(
        store,
        tiny_brief("Gamma", "Gamma Oy", 24, TUESDAY),
        "as asked",
        settings=SolveSettings(time_limit=2),
    )
    save_version(
        store,
        tiny_brief("Gamma", "Gamma Oy", 24, WEDNESDAY),
        "+1 day",
        settings=SolveSettings(time_limit=2),
    )
    versions = store.versions("Gamma")
    agency = comparison_frame(versions)
    assert list(agency.columns) == ["as asked", "+1 day"]
    dates = agency.loc["Dates"].tolist()
    assert "cannot be kept" in dates[0] and dates[1].startswith("Can be delivered as promised")
    assert agency.loc["Promises kept"].tolist() == ["0 of 1", "1 of 1"]
    assert agency.loc["Promise: work (due 2031-03-04)", "as asked"] == (
        "2031-03-05 (1 working day late)"
    )
    assert agency.loc["Promise: work (due 2031-03-05)", "+1 day"] == "2031-03-05 (on time)"
    assert agency.loc["Price"].tolist() == ["2,400 EUR", "2,400 EUR"]
    assert agency.loc["Utilisation: Ana", "+1 day"] == "100%"
    client = comparison_frame(versions, audience="client")
    assert not any(label.startswith(("Utilisation", "Internal")) for label in client.index)
    with pytest.raises(StoreError, match="label"):
        save_version(store, tiny_brief("Gamma", "Gamma Oy", 1, TUESDAY), "  ")


def test_pipeline_hours_per_person_and_role(store: Store) -> None:
    """Alpha: 16 h in week 1. Beta (tentative, 50 %): 10 h in week 2 (Mon 8 h, Tue 2 h)."""
    accept_brief(
        store, tiny_brief("Alpha", "Alpha Oy", 16, TUESDAY), settings=SolveSettings(time_limit=2)
    )
    beta = tiny_brief("Beta", "Beta Oy", 10, date(2031, 3, 14), **{"from": date(2031, 3, 10)})
    accept_brief(
        store, beta, status="tentative", probability=0.5, settings=SolveSettings(time_limit=2)
    )
    portfolio = store.snapshot()
    for mode, week_two in (("ignore", 0.0), ("weighted", 5.0), ("full", 10.0)):
        data = pipeline(portfolio, WEDNESDAY, weeks=3, tentative=mode)
        assert data.by_person["booked_hours"].tolist() == [16.0, week_two, 0.0]
        assert data.by_person["available_hours"].tolist() == [40.0, 40.0, 40.0]
        assert data.by_person["week"].tolist() == [MONDAY, date(2031, 3, 10), date(2031, 3, 17)]
        assert data.by_role["role"].unique().tolist() == ["designer"]
        assert data.by_role["utilisation"].tolist() == [0.4, week_two / 40, 0.0]
    assert "Alpha" not in data.by_person.to_string() + data.by_role.to_string()
