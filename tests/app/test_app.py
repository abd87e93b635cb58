"""The Streamlit app through AppTest: verdict first, editing, cached solving, no tracebacks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import planner.app.diagnosis
import planner.planning.pipeline
import planner.report.page
from planner.validate.rules import validate_plan
from tests.support.apptest import (
    APP,
    KEY_VISUAL_ROW,
    TUNDRA_VERDICT,
    check,
    edit_cell,
    editor_value,
    headline,
)


@pytest.fixture(autouse=True)
def validated_plans(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every plan the app computes passes the independent validator (the app would turn a
    failed assertion into a friendly message, so violations are collected and checked after)."""
    real = planner.planning.pipeline.plan_scenario
    violations: list[str] = []

    def validated(scenario: Any, *args: Any, **kwargs: Any) -> Any:
        plan = real(scenario, *args, **kwargs)
        violations.extend(str(v) for v in validate_plan(scenario, plan))
        return plan

    st.cache_data.clear()
    monkeypatch.setattr(planner.planning.pipeline, "plan_scenario", validated)
    yield
    assert not violations


@pytest.fixture
def at() -> AppTest:
    """The app opened on its default sample (the over-promised tundra launch)."""
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception
    return app


@pytest.fixture
def solves(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Records every real solve (the cache is cleared first, so counts start at zero)."""
    st.cache_data.clear()
    calls: list[Any] = []
    real = planner.planning.pipeline.plan_scenario

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0].title)
        return real(*args, **kwargs)

    monkeypatch.setattr(planner.planning.pipeline, "plan_scenario", counting)
    return calls


def test_default_sample_shows_verdict_metrics_and_promises(at: AppTest) -> None:
    check(at)
    assert not at.exception
    assert headline(at).startswith(TUNDRA_VERDICT)
    assert "EUR over budget (price 43,810 EUR, budget 38,000 EUR)" in headline(at)
    assert "INFEASIBLE" not in headline(at) and "OPTIMAL" not in headline(at)
    metrics = {metric.label: metric for metric in at.metric}
    assert metrics["Promises kept"].value == "4 of 8"
    assert metrics["Cannot be kept"].value == "4"
    assert metrics["Worst delay"].value == "5 working days"
    assert metrics["Price"].value == "43,810 EUR"
    assert metrics["Price"].delta == "5,810 EUR over budget"  # no minus sign: no double negative
    assert any(e.label == "Details" for e in at.expander)
    assert any(c.value.startswith("Solver status OPTIMAL") for c in at.caption)
    promises = at.dataframe[0].value
    assert list(promises.columns) == [
        "Promise",
        "Promised",
        "Realistic",
        "Working days late",
        "Priority",
        "Status",
    ]
    late = [s for s in promises["Status"] if s.endswith("late")]
    assert len(promises) == 8 and len(late) == 4
    assert at.sidebar.number_input(key="time_limit").value == 5.0


def test_charts_and_every_download_are_offered(at: AppTest) -> None:
    assert len(at.get("plotly_chart")) == 2  # the client sees no utilisation by person
    assert not [b for b in at.get("download_button") if "utilisation" in str(b.proto.id)]
    at.sidebar.radio(key="audience").set_value("agency").run()
    assert len(at.get("plotly_chart")) == 3
    keys = [
        *(
            f"dl_{chart}_{fmt}"
            for chart in ("gantt", "utilisation", "budget")
            for fmt in ("png", "svg", "pdf", "html")
        ),
        "dl_plan_csv",
        "dl_plan_xlsx",
        "dl_report_html",
        "dl_report_pdf",
        "dl_scenario_yaml",
        "dl_scenario_xlsx",
    ]
    for key in keys:
        assert at.download_button(key=key).label


def test_utilisation_toggle_switches_to_roles(at: AppTest) -> None:
    at.sidebar.radio(key="audience").set_value("agency").run()
    at.segmented_control(key="utilisation_by").set_value("role").run()
    assert not at.exception
    spec = at.get("plotly_chart")[1].proto.spec
    assert "Art director" in spec and "art_director" not in spec


def test_a_rerun_that_changes_nothing_does_not_solve_again(solves: list[Any]) -> None:
    app = AppTest.from_file(APP, default_timeout=60).run()
    check(app)
    app.run()
    assert not app.exception
    assert len(solves) == 1


def test_editing_hours_changes_the_verdict_after_check(at: AppTest) -> None:
    before = headline(at)
    edit_cell(at, "tasks", KEY_VISUAL_ROW, hours=30)
    assert not at.exception
    assert headline(at) == before  # not checked yet
    assert any("not checked yet" in box.value for box in at.info)
    check(at)
    assert not at.exception
    assert headline(at) != before
    assert "Within budget (price" in headline(at) and "budget 38,000 EUR)" in headline(at)
    assert not [box for box in at.info if "not checked yet" in box.value]  # checked now
    changes = next(box.value for box in at.info if "Changes from the brief" in box.value)
    assert "effort 30 h (as received: 90 h)" in changes.replace("\\", "")


def test_negative_hours_show_the_readable_error_and_keep_the_edit(at: AppTest) -> None:
    edit_cell(at, "tasks", KEY_VISUAL_ROW, hours="-4")  # number cells are text cells
    check(at)
    assert not at.exception
    messages = " ".join(box.value for box in at.error).replace("\\", "")  # markdown escapes
    assert "**key_visual**" in messages
    assert "sheet tasks, row 8, column hours: must be greater than 0" in messages
    assert "Fix: " in messages
    assert any("last valid version" in box.value for box in at.warning)
    assert headline(at).startswith(TUNDRA_VERDICT)  # the last valid scenario still answers
    assert at.session_state["edit_tasks"]["edited_rows"][KEY_VISUAL_ROW] == {"hours": "-4"}
    assert editor_value(at, "tasks").loc[KEY_VISUAL_ROW, "hours"] == "-4"


def test_team_edits_keep_task_edits_when_roles_change(at: AppTest) -> None:
    edit_cell(at, "tasks", KEY_VISUAL_ROW, hours="30")
    edit_cell(at, "team", 0, roles="designer, art_director, illustrator")
    assert not at.exception
    at.run()
    assert editor_value(at, "tasks").loc[KEY_VISUAL_ROW, "hours"] == "30"
    check(at)
    assert "Within budget (price" in headline(at) and "budget 38,000 EUR)" in headline(at)


def test_budget_can_be_edited_in_settings(at: AppTest) -> None:
    settings = at.data_editor(key="edit_settings").value
    row = settings.index[settings["setting"] == "budget"][0]
    edit_cell(at, "settings", int(row), value="50000")
    check(at)
    assert "Within budget (price" in headline(at) and "budget 50,000 EUR)" in headline(at)
    changes = next(box.value for box in at.info if "Changes from the brief" in box.value)
    assert "Budget raised by 12,000 EUR to 50,000 EUR (as received: 38,000 EUR)" in changes.replace(
        "\\", ""
    )


def test_switching_samples_loads_and_checks_the_new_one(at: AppTest) -> None:
    edit_cell(at, "tasks", KEY_VISUAL_ROW, hours=30)
    at.sidebar.selectbox(key="sample").set_value("lumo-spring-campaign.yaml").run()
    assert not at.exception
    assert headline(at).startswith("Can be delivered as promised")
    assert not [box for box in at.info if "not checked yet" in box.value or "Changes" in box.value]


def test_template_starts_a_new_brief(at: AppTest) -> None:
    at.sidebar.radio(key="source_kind").set_value("Empty template").run()
    assert not at.exception
    assert at.title[0].value == "New brief"
    assert not [box for box in at.info if "not checked yet" in box.value]
    assert "all 1 promises" not in headline(at)


def test_without_chromium_static_exports_are_disabled_not_broken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(planner.report.page, "static_export_available", lambda: False)
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    assert any("need a Chromium" in box.value for box in app.warning)
    assert app.download_button(key="dl_gantt_png").proto.disabled
    assert app.download_button(key="dl_report_pdf").proto.disabled
    assert not app.download_button(key="dl_gantt_html").proto.disabled
    assert not app.download_button(key="dl_report_html").proto.disabled


def explain(app: AppTest) -> AppTest:
    """Press "Explain" in the "Why & fixes" tab (diagnosis takes about 5 s)."""
    return app.button(key="run_explain").click().run(timeout=120)


def test_why_and_fixes_explains_on_request(at: AppTest) -> None:
    assert any("Press **Explain**" in c.value for c in at.caption)
    assert not [b for b in at.button if str(b.key).startswith("apply_")]  # nothing computed yet
    explain(at)
    assert not at.exception
    texts = [m.value for m in at.markdown]
    causes = [t for t in texts if t.startswith(":orange-badge[capacity]")]
    assert len(causes) == 4 and "cannot be ready by 28 Apr 2027" in causes[0]
    assert len(set(causes)) == 4  # no two causes read the same
    assert "Aino Virtanen's time off takes 37.5 h, other booked work 9 h" in causes[0]
    assert not [t for t in texts if "Helmi Bank" in t]  # other clients are not named
    assert any(t.startswith(":blue-badge[budget] The plan costs 43,810 EUR") for t in texts)
    assert any(e.label == "Figures" for e in at.expander)
    alternatives = [t for t in texts if t.startswith("#### ")]
    assert len(alternatives) >= 2 and alternatives[0].startswith("#### A · client pays ")
    assert any("ranked by what the client pays" in c.value for c in at.caption)
    assert at.button(key="apply_A").label == "Apply this alternative"
    assert at.button(key="apply_B")
    earliest = [d.value for d in at.dataframe if "Earliest possible" in d.value.columns]
    assert len(earliest) == 1 and len(earliest[0]) == 4
    assert any(box.value.startswith("Largest scope within") for box in at.info)


def test_explaining_again_uses_the_cache(at: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    st.cache_data.clear()
    explain(at)
    calls: list[Any] = []
    monkeypatch.setattr(planner.app.diagnosis, "explain_scenario", lambda *a, **k: calls.append(a))
    at.run()
    check(at)
    assert not at.exception and not calls
    assert at.button(key="apply_A")


def test_applying_alternative_a_fixes_the_brief_after_check(at: AppTest) -> None:
    edit_cell(at, "tasks", 0, name="Launch positioning (edited)")  # typed before: kept
    explain(at)
    at.button(key="apply_A").click().run()
    assert not at.exception
    assert any("Alternative A is now in the scenario" in box.value for box in at.success)
    assert editor_value(at, "tasks").loc[0, "name"] == "Launch positioning (edited)"
    assert headline(at).startswith(TUNDRA_VERDICT)  # not checked yet
    assert any("not checked yet" in box.value for box in at.info)
    check(at)
    assert not at.exception
    assert headline(at).startswith("Can be delivered as promised (all 8 promised dates kept)")
    changes = next(
        box.value for box in at.info if "Changes from the brief as received" in box.value
    )
    changes = changes.replace("\\", "")  # markdown escapes
    lines = [line for line in changes.splitlines() if line.startswith("- ")]
    assert len(lines) >= 2 and all("as received" in line or "added" in line for line in lines)
    if "Budget raised" in changes:  # the budget is never raised silently
        assert "(as received: 38,000 EUR)" in changes
    assert any("Press **Explain**" in c.value for c in at.caption)  # a new scenario


def test_a_failing_explanation_is_a_friendly_message(
    at: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("diagnosis exploded")

    st.cache_data.clear()
    monkeypatch.setattr(planner.app.diagnosis, "explain_scenario", broken)
    explain(at)
    assert not at.exception
    assert any("The explanation failed: diagnosis exploded" in box.value for box in at.error)
    assert headline(at).startswith(TUNDRA_VERDICT)  # the verdict still stands


def test_unexpected_errors_become_a_friendly_message(
    solves: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any, **__: Any) -> Callable[..., Any]:
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(planner.planning.pipeline, "plan_scenario", broken)
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    assert any("Something went wrong: solver exploded" in box.value for box in app.error)
    st.cache_data.clear()
