"""``planner explain`` and the reverse questions: earliest dates and the largest scope."""

from __future__ import annotations

import importlib
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from planner.cli.commands import main
from planner.diagnosis.explanation import explain_scenario, render_explanation
from planner.diagnosis.findings import CAUSE_KINDS
from planner.diagnosis.levers import kind_of
from planner.diagnosis.reverse import earliest_dates, largest_scope
from planner.io import load_scenario
from planner.model import Dependency, Task
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario, prepare
from planner.scheduler.solve import TOO_LARGE_UNPLANNED
from planner.validate.rules import assert_valid
from planner.wording import certainty_line
from tests.conftest import DATA_DIR, TUNDRA, tiny_scenario
from tests.support.scenarios import chain_scenario


def test_earliest_dates_match_the_chain() -> None:
    # draft Mon–Tue, review Wed–Fri, final Mon 8 Mar (see tests/diagnosis/test_diagnose.py)
    scenario = chain_scenario()
    (answer,) = earliest_dates(prepare(scenario), settings=SolveSettings(time_limit=2))
    assert (answer.task, answer.due, answer.earliest, answer.proven) == (
        "final",
        date(2027, 3, 5),
        date(2027, 3, 8),
        True,
    )


def test_largest_scope_within_budget() -> None:
    # X 10 h, Y 5 h (waits for X), Z 3 h at 100/h = 1,800 against 1,400: keeping Y needs X,
    # so the best fit is X + Z = 1,300.
    tasks = (
        Task("x", role="designer", hours=10, deliverable="X"),
        Task("y", role="designer", hours=5, deliverable="Y", after=(Dependency("x"),)),
        Task("z", role="designer", hours=3, deliverable="Z"),
    )
    scenario = tiny_scenario(tasks, budget=1400)
    plan = plan_scenario(scenario, SolveSettings(time_limit=2))
    assert_valid(scenario, plan)
    scope = largest_scope(prepare(scenario), plan, settings=SolveSettings(time_limit=2))
    assert scope is not None and scope.confirmed
    assert (scope.kept, scope.dropped, scope.dropped_tasks) == (("X", "Z"), ("Y",), ("y",))
    assert scope.price == 1300


def test_explanation_of_the_tundra_sample() -> None:
    scenario = load_scenario(TUNDRA)
    explanation = explain_scenario(scenario, settings=SolveSettings(time_limit=1.0))
    assert_valid(scenario, explanation.plan)
    kinds = [kind_of(a.changes) for a in explanation.alternatives]
    assert len(set(kinds)) == len(kinds)  # distinct ways out, not near-copies
    data = json.loads(json.dumps(explanation.to_dict("agency")))
    client = explanation.to_dict("client")
    for alternative in client["alternatives"]:  # no lever prices or rates for a client
        assert "cost" not in alternative and alternative["budget_status"]
        assert all("rate" not in c and "cost" not in c for c in alternative["changes"])
    assert data["verdict"] == "infeasible"
    assert data["causes"] and len(data["alternatives"]) >= 2
    for cause in data["causes"]:
        assert cause["kind"] in CAUSE_KINDS
        assert {"task", "figures", "sentence"} <= set(cause)
    for alternative in data["alternatives"]:
        assert alternative["changes"] and alternative["verdict_after"] == "feasible"
        assert alternative["cost"] == pytest.approx(sum(c["cost"] for c in alternative["changes"]))
    assert {e["task"] for e in data["earliest_dates"]} >= {
        p["task"] for p in data["broken_promises"]
    }
    assert data["largest_scope"]["confirmed"]
    text = render_explanation(explanation)
    assert "Why:" in text and "Ways to make every promise hold (ranked by" in text
    assert " EUR" in text and "€" not in text and "INFEASIBLE" not in text


def test_cli_explain_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(TUNDRA), "--json", "--time-limit", "1"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {c["kind"] for c in data["causes"]} == {"capacity", "budget"}
    assert all("sentence" in c for c in data["causes"])
    keys = {"changes", "verdict_after", "price_after", "budget_status"}
    assert all(keys <= set(a) and "cost" not in a for a in data["alternatives"])


def test_cli_explain_feasible_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(DATA_DIR / "lumo-spring-campaign.yaml")]) == 0
    assert "Can be delivered as promised" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [["explain", "missing.yaml"], ["explain", str(TUNDRA), "--time-limit", "0"]],
)
def test_cli_explain_bad_input(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_cli_explain_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: x\nstart: 2027-03-01\nteam: []\nbrief: {client: A, tasks: []}\n")
    assert main(["explain", str(bad)]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_a_brief_too_large_to_search_is_not_explained_at_length(monkeypatch) -> None:
    """A model too large to build gets the heuristic plan, and explain says so instead of
    building proof models larger still."""
    monkeypatch.setattr(importlib.import_module("planner.scheduler.solve"), "MAX_MODEL_UNITS", 1)
    scenario = chain_scenario()
    explanation = explain_scenario(scenario, SolveSettings(time_limit=1))
    assert explanation.plan.solver_status == "FEASIBLE"
    assert_valid(scenario, explanation.plan)
    assert explanation.alternatives == () and explanation.diagnosis.causes == ()
    (note,) = explanation.diagnosis.notes
    assert "too large to explain" in note
    assert "too large to explain" in render_explanation(explanation)
    # How sure we are says why, instead of promising that more time would help.
    assert "too large to search" in certainty_line(explanation.plan)
    unplanned = replace(explanation.plan, solver_status="UNKNOWN", message=TOO_LARGE_UNPLANNED)
    assert "too large to plan" in certainty_line(unplanned)
    assert "more time" not in certainty_line(unplanned)
