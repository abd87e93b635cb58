"""Every write is one transaction; stale edits are refused, never silently applied."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from planner.model import DateRange
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.store import StaleWrite, Store, StoreError, export_yaml, repository
from tests.store.conftest import MONDAY, tiny_brief


def _accepted(store: Store, title: str = "Alpha", hours: float = 16) -> None:
    scenario = tiny_brief(title, f"{title} Oy", hours, date(2031, 3, 7))
    store.record_project(scenario, plan_scenario(scenario, SolveSettings(time_limit=2)))


def test_a_recorded_project_reads_back_with_its_bookings(store: Store) -> None:
    scenario = tiny_brief("Alpha", "Alpha Oy", 16, date(2031, 3, 7))
    plan = plan_scenario(scenario, SolveSettings(time_limit=2))
    assert store.record_project(scenario, plan) == len(plan.bookings)
    portfolio = store.snapshot()
    (project,) = portfolio.projects
    assert (project.name, project.client, project.status) == ("Alpha", "Alpha Oy", "accepted")
    assert {(b.person, b.day, b.minutes) for b in project.bookings} == {
        ("Ana", MONDAY, 480),
        ("Ana", date(2031, 3, 4), 480),
    }
    assert portfolio.people == scenario.team
    assert portfolio.revision == 1


def test_accepting_again_replaces_the_bookings_instead_of_adding(store: Store) -> None:
    _accepted(store)
    _accepted(store, hours=8)
    (project,) = store.snapshot().projects
    assert project.booked_minutes == 480


def test_an_injected_failure_leaves_the_store_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _accepted(store)
    before = export_yaml(store), store.snapshot().revision

    def fail_mid_way(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(repository, "add_bookings", fail_mid_way)
    scenario = tiny_brief("Beta", "Beta Oy", 8, date(2031, 3, 7))
    with pytest.raises(RuntimeError, match="disk full"):
        # Beta's project row and tasks are written before the bookings fail.
        store.record_project(scenario, plan_scenario(scenario, SolveSettings(time_limit=2)))
    with pytest.raises(RuntimeError, match="disk full"):
        _accepted(store, hours=8)  # replacing Alpha deletes its old bookings first
    assert (export_yaml(store), store.snapshot().revision) == before


def test_a_write_based_on_an_old_revision_is_refused(store: Store) -> None:
    seen = store.snapshot().revision
    _accepted(store, "Alpha")
    scenario = tiny_brief("Beta", "Beta Oy", 8, date(2031, 3, 7))
    with pytest.raises(StaleWrite, match="check the brief again"):
        store.record_project(
            scenario, plan_scenario(scenario, SolveSettings(time_limit=2)), expected_revision=seen
        )
    assert [p.name for p in store.snapshot().projects] == ["Alpha"]


def test_a_stale_person_edit_does_not_overwrite_anothers(store: Store) -> None:
    _accepted(store)
    member = store.snapshot().member("Ana")
    store.save_person(replace(member.person, hours_per_week=32), member.version)
    with pytest.raises(StaleWrite, match="changed by someone else"):
        store.save_person(replace(member.person, bill_rate=120), member.version)
    ana = store.snapshot().member("Ana")
    assert (ana.person.hours_per_week, ana.person.bill_rate) == (32, 100)
    assert ana.version == member.version + 1


def test_a_stale_time_off_edit_is_refused(store: Store) -> None:
    _accepted(store)
    version = store.snapshot().member("Ana").version
    week = (DateRange(date(2031, 3, 10), date(2031, 3, 14)),)
    store.set_time_off("Ana", week, version)
    with pytest.raises(StaleWrite):
        store.set_time_off("Ana", (), version)
    assert store.snapshot().member("Ana").person.time_off == week


def test_status_changes_are_checked_and_versioned(store: Store) -> None:
    _accepted(store)
    version = store.snapshot().project("Alpha").version
    with pytest.raises(StoreError, match="win probability"):
        store.set_status("Alpha", "tentative", None, version)
    store.set_status("Alpha", "tentative", 0.4, version)
    with pytest.raises(StaleWrite):
        store.set_status("Alpha", "done", None, version)
    project = store.snapshot().project("Alpha")
    assert (project.status, project.probability) == ("tentative", 0.4)
    with pytest.raises(StoreError, match="no project called"):
        store.set_status("Gamma", "done", None, 1)


def test_deleting_a_project_removes_its_bookings(store: Store) -> None:
    _accepted(store)
    store.delete_project("Alpha", store.snapshot().project("Alpha").version)
    assert store.snapshot().projects == ()


def test_adding_a_known_person_twice_is_refused(store: Store) -> None:
    _accepted(store)
    with pytest.raises(StaleWrite, match="already in the team"):
        store.save_person(store.snapshot().member("Ana").person, None)


def test_saving_several_people_is_all_or_nothing(store: Store) -> None:
    _accepted(store)
    other = tiny_brief("Beta", "Beta Oy", 8, date(2031, 3, 7))
    bob = replace(other.team[0], name="Bob")
    store.save_person(bob, None)
    ana, bob_now = store.snapshot().member("Ana"), store.snapshot().member("Bob")
    store.save_person(replace(bob, bill_rate=90), bob_now.version)  # someone else's edit
    with pytest.raises(StaleWrite):
        store.save_people(
            [
                (replace(ana.person, hours_per_week=20), ana.version),
                (replace(bob, bill_rate=80), bob_now.version),
            ]
        )
    after = store.snapshot()
    assert after.member("Ana").person.hours_per_week == 40
    assert after.member("Bob").person.bill_rate == 90
