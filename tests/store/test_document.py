"""The whole store as YAML: lossless round trips, between backends too, and located errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.io import ScenarioError
from planner.model import DateRange
from planner.planning import SolveSettings
from planner.store import Store, StoreError, accept_brief, export_yaml, import_yaml, save_version
from tests.store.conftest import tiny_brief


def _filled(store: Store) -> None:
    accept_brief(
        store,
        tiny_brief("Alpha", "Alpha Oy", 16, date(2031, 3, 7)),
        settings=SolveSettings(time_limit=2),
    )
    accept_brief(
        store,
        tiny_brief("Beta", "Beta Oy", 6.5, date(2031, 3, 14)),
        status="tentative",
        probability=0.35,
        settings=SolveSettings(time_limit=2),
    )
    member = store.snapshot().member("Ana")
    store.set_time_off("Ana", (DateRange(date(2031, 4, 1), date(2031, 4, 2)),), member.version)
    gamma = tiny_brief("Gamma", "Gamma Oy", 4, date(2031, 3, 10))
    save_version(store, gamma, "as asked", settings=SolveSettings(time_limit=2))
    save_version(store, gamma, "+1 week", settings=SolveSettings(time_limit=2))


def test_export_import_export_is_lossless(store: Store, tmp_path: Path) -> None:
    _filled(store)
    text = export_yaml(store)
    with Store.open(f"sqlite:///{tmp_path / 'copy.sqlite'}") as copy:
        assert import_yaml(copy, text, "backup.yaml") == 3  # 2 + 1 bookings
        assert export_yaml(copy) == text
        original, restored = store.snapshot(), copy.snapshot()
        assert restored.people == original.people
        assert restored.calendar == original.calendar
        for mine, theirs in zip(original.projects, restored.projects, strict=True):
            assert (mine.name, mine.client, mine.status, mine.probability) == (
                theirs.name,
                theirs.client,
                theirs.status,
                theirs.probability,
            )
            assert (mine.tasks, mine.bookings, mine.scenario_yaml) == (
                theirs.tasks,
                theirs.bookings,
                theirs.scenario_yaml,
            )
        assert copy.versions("Gamma") == store.versions("Gamma")


def test_moving_a_store_from_sqlite_to_postgresql(tmp_path: Path, postgres_url: str) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'laptop.sqlite'}") as laptop:
        _filled(laptop)
        text = export_yaml(laptop)
    with Store.open(postgres_url) as server:
        import_yaml(server, text, "laptop.yaml")
        assert export_yaml(server) == text


def test_import_refuses_a_store_that_is_not_empty_unless_replacing(store: Store) -> None:
    _filled(store)
    text = export_yaml(store)
    with pytest.raises(StoreError, match="--replace"):
        import_yaml(store, text, "backup.yaml")
    import_yaml(store, text, "backup.yaml", replace=True)
    assert export_yaml(store) == text


def test_every_mistake_in_a_store_file_is_located(store: Store) -> None:
    _filled(store)
    text = export_yaml(store)
    broken = (
        text.replace("hours_per_week: 40", "hours_per_week: -1")
        .replace("person: Ana, day: 2031-03-03", "person: Bob, day: 2031-03-03")
        .replace("probability: 0.35", "probability: 1.5")
    )
    with pytest.raises(ScenarioError) as caught:
        import_yaml(store, broken, "backup.yaml", replace=True)
    places = {issue.location for issue in caught.value.issues}
    assert "projects[1].probability" in places
    with pytest.raises(ScenarioError) as caught:
        import_yaml(store, broken.replace("probability: 1.5", "probability: 0.5"), "b.yaml", True)
    places = {issue.location for issue in caught.value.issues}
    assert {"team[0].hours_per_week", "projects[0].bookings[0].person"} <= places
    assert export_yaml(store) == text  # nothing was written


def test_a_file_that_is_not_a_store_is_refused(store: Store) -> None:
    with pytest.raises(ScenarioError, match="format"):
        import_yaml(store, "scenario: a brief\n", "brief.yaml")
    with pytest.raises(ScenarioError, match="not valid YAML"):
        import_yaml(store, "format: [", "broken.yaml")
