"""The "Why & fixes" tab's logic (planner.app.diagnosis), tested without Streamlit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from planner.app import diagnosis as why
from planner.app import scenario_from_edits, scenario_yaml_bytes
from planner.diagnosis.explanation import Explanation
from planner.io import load_scenario, load_scenario_bytes, scenario_xlsx_bytes
from planner.model import Scenario
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.validate.rules import assert_valid
from tests.conftest import DATA_DIR


@pytest.fixture(scope="module")
def explanation(tundra: Scenario) -> Explanation:
    """Its explanation as the app computes it (about 5 s)."""
    return why.explain(tundra)


@pytest.fixture(scope="module")
def view(explanation: Explanation) -> why.WhyView:
    """What the tab shows for it."""
    return why.why_view(explanation)


def test_causes_are_grouped_by_broken_promise_worst_first(view: why.WhyView) -> None:
    assert not view.holds and view.verdict == "infeasible"
    assert len(view.promises) == 4
    slips = [p.slip_days for p in view.promises]
    assert slips == sorted(slips, reverse=True)
    first = view.promises[0]
    assert first.title == (
        "30-second launch video — promised 28 Apr 2027, realistic 5 May 2027 (5 working days late)"
    )
    assert all(p.causes for p in view.promises)
    cause = first.causes[0]
    assert cause.badge == "capacity"
    assert cause.markdown.startswith(":orange-badge[capacity] 30\\-second launch video cannot")
    assert (cause.figures["hours_needed"], cause.figures["hours_free"]) == (146, 105.5)


def test_the_budget_is_a_cause_of_the_whole_plan(view: why.WhyView) -> None:
    assert [c.kind for c in view.other_causes] == ["budget"]
    assert view.other_causes[0].sentence.startswith("The plan costs 43,810 EUR")
    headings = [heading for heading, _ in view.cause_groups]
    assert headings[-1] is None and all(headings[:-1])
    assert len(view.cause_groups) == len(view.promises) + 1


def test_alternatives_are_labelled_and_ranked_by_what_the_client_pays(
    view: why.WhyView, tundra: Scenario
) -> None:
    assert len(view.alternatives) >= 2
    labels = [a.label for a in view.alternatives]
    assert labels == [chr(65 + k) for k in range(len(labels))]
    keys = [(a.alternative.price_after, len(a.alternative.changes)) for a in view.alternatives]
    assert keys == sorted(keys)
    first = view.alternatives[0]
    assert first.title == f"A · client pays {first.price_after}"
    assert first.price_after.endswith(" EUR")
    assert first.verdict_after == "feasible"
    assert first.after.startswith("Re-planned and checked: every promise holds. Client pays")
    budget = tundra.brief.budget or 0
    for item in view.alternatives:  # the budget is never raised silently
        over = item.alternative.price_after - budget
        if over > 0:
            assert f"needs {over:,.0f} EUR more than the {budget:,.0f} EUR budget" in item.after
            assert any(line.startswith("Raise the budget by") for line in item.changes)
        else:
            assert "fits the budget" in item.after
    assert len(first.changes) == len(first.alternative.changes)
    assert first.markdown.startswith("#### A · client pays")
    assert "\n- " in first.markdown


def test_reverse_answers(view: why.WhyView) -> None:
    assert list(view.earliest.columns) == why.EARLIEST_COLUMNS
    assert len(view.earliest) == 4
    assert (view.earliest["Earliest possible"] > view.earliest["Promised"]).all()
    assert view.scope is not None and view.scope.startswith("Largest scope within the 38,000 EUR")


def test_every_alternative_applies_and_reads_back_from_the_tables(
    tundra: Scenario, view: why.WhyView
) -> None:
    for item in view.alternatives:
        applied = why.applied_tables(tundra, item.alternative)
        assert applied.scenario != tundra
        assert scenario_from_edits(applied.tables, "t").scenario == applied.scenario


def test_every_applied_alternative_saves_and_loads_again_unchanged(
    tundra: Scenario, view: why.WhyView
) -> None:
    for item in view.alternatives:  # the app's "Scenario YAML/XLSX" after "Apply this alternative"
        changed = why.applied_tables(tundra, item.alternative).scenario
        data = scenario_yaml_bytes(changed)
        assert b"&id" not in data and b"*id" not in data
        assert load_scenario_bytes(data, "applied.yaml") == changed
        assert load_scenario_bytes(scenario_xlsx_bytes(changed), "applied.xlsx") == changed


def test_the_overtime_alternative_keeps_every_promise_once_planned(
    tundra: Scenario, view: why.WhyView
) -> None:
    item = next(a for a in view.alternatives if "overtime" in a.alternative.headline)
    applied = why.applied_tables(tundra, item.alternative)
    overtime = [c for c in applied.scenario.commitments if c.hours_per_week < 0]
    assert overtime and all(c.label == "overtime" for c in overtime)
    plan = plan_scenario(applied.scenario, SolveSettings(time_limit=5))
    assert_valid(applied.scenario, plan)
    assert plan.verdict == "feasible"
    assert plan.budget.price == pytest.approx(item.alternative.price_after)


def test_applying_to_a_scenario_without_the_task_fails_clearly(
    tundra: Scenario, view: why.WhyView
) -> None:
    alternative = next(
        a.alternative
        for a in view.alternatives
        if any(c.kind in ("move_date", "turnaround") for c in a.alternative.changes)
    )
    moved = next(c.target for c in alternative.changes if c.kind in ("move_date", "turnaround"))
    tasks = tuple(t for t in tundra.brief.tasks if t.id != moved)
    smaller = replace(tundra, brief=replace(tundra.brief, tasks=tasks))
    with pytest.raises(KeyError):
        why.applied_tables(smaller, alternative)


def test_a_feasible_scenario_has_nothing_to_fix() -> None:
    view = why.why_view(why.explain(load_scenario(DATA_DIR / "lumo-spring-campaign.yaml")))
    assert view.holds
    assert view.promises == () and view.alternatives == () and view.earliest.empty
    assert view.cause_groups == ()


def test_sentences_and_badges_are_shown_literally() -> None:
    cause = why.CauseView("conflict", "Costs $5 *more* [sic]", {}, proven=False)
    assert cause.badge == "conflict, not proven"
    assert cause.markdown == (r":red-badge[conflict, not proven] Costs \$5 \*more\* \[sic\]")
    promise = why.PromiseWhy("Banners (24)", date(2027, 4, 9), None, 0, ())
    assert promise.markdown == r"**Banners \(24\) — promised 9 Apr 2027, not planned**"


def test_figure_tables_flatten_scalars_and_split_out_records() -> None:
    figures = {
        "days_needed": 46,
        "proven": True,
        "shared_people": ["Aino", "Eero"],
        "tasks": [],
        "capacity": {"hours_missing": 12.5, "lost": [{"reason": "Easter", "hours": 15.0}]},
        "price_by_role": {"designer": 8820.0},
        "chain": [{"task": "concept", "people": ["Aino"], "hours": 40.0}],
        "none_given": None,
    }
    tables = why.figure_tables(figures)
    assert list(tables) == ["Figures", "Capacity · lost", "Chain"]
    rows = dict(tables["Figures"].itertuples(index=False, name=None))
    assert rows == {
        "days needed": "46",
        "proven": "yes",
        "shared people": "Aino, Eero",
        "tasks": "none",
        "capacity · hours missing": "12.5",
        "price by role · designer": "8,820",
    }
    assert tables["Chain"].to_dict("records") == [
        {"task": "concept", "people": "Aino", "hours": "40"}
    ]


def test_real_figures_of_every_cause_make_tables(view: why.WhyView) -> None:
    for _, causes in view.cause_groups:
        for cause in causes:
            tables = why.figure_tables(cause.figures)
            assert not tables["Figures"].empty
            assert all(v for v in tables["Figures"]["Value"])
