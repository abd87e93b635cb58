"""The ``levers:`` section: round trips through YAML, tables and workbooks, and bad inputs."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from planner.io import (
    ScenarioError,
    load_scenario,
    save_scenario,
    scenario_from_dict,
    scenario_from_tables,
    scenario_to_dict,
    scenario_to_tables,
)
from planner.model import (
    DatePenalty,
    FreelancerOption,
    Levers,
    OvertimeOption,
    Scenario,
    TurnaroundOption,
)
from tests.conftest import DATA_DIR, contract_scenario

FULL = Levers(
    move_dates=True,
    date_penalty_per_day=750.5,
    date_penalties=(DatePenalty("key_visual", 2000),),
    overtime=(OvertimeOption("Aino", 8, 90), OvertimeOption("Piotr", 4.5, 80.25)),
    freelancers=(
        FreelancerOption("designer", 30, 85, date(2027, 3, 15)),
        FreelancerOption("copywriter", 20, 70),
    ),
    drop_optional=False,
    shrink_optional_to=0.5,
    turnaround=(TurnaroundOption("concept_review", 2, 300),),
    raise_budget=False,
)


@pytest.mark.parametrize("levers", [FULL, Levers(), None], ids=["full", "defaults", "none"])
def test_yaml_dict_round_trip(levers: Levers | None) -> None:
    scenario = replace(contract_scenario(), levers=levers)
    assert scenario_from_dict(scenario_to_dict(scenario)) == scenario


@pytest.mark.parametrize("levers", [FULL, Levers(), None], ids=["full", "defaults", "none"])
@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_file_round_trip(tmp_path: Path, suffix: str, levers: Levers | None) -> None:
    scenario = replace(contract_scenario(), levers=levers)
    path = tmp_path / f"scenario{suffix}"
    save_scenario(scenario, path)
    assert load_scenario(path) == scenario


def test_tables_put_lists_on_the_levers_sheet_and_switches_in_settings() -> None:
    tables = scenario_to_tables(replace(contract_scenario(), levers=FULL))
    rows = tables["levers"].to_dict(orient="records")
    assert [(r["lever"], r["target"]) for r in rows] == [
        ("date", "key_visual"),
        ("overtime", "Aino"),
        ("overtime", "Piotr"),
        ("freelancer", "designer"),
        ("freelancer", "copywriter"),
        ("turnaround", "concept_review"),
    ]
    settings = dict(zip(tables["settings"]["setting"], tables["settings"]["value"], strict=True))
    assert settings["date_penalty_per_day"] == 750.5
    assert settings["raise_budget"] is False
    assert scenario_from_tables(tables).levers == FULL


def test_defaults_when_the_section_is_empty() -> None:
    document = scenario_to_dict(contract_scenario())
    document["levers"] = {}
    assert scenario_from_dict(document).levers == Levers()


def test_tundra_sample_has_levers() -> None:
    levers = load_scenario(DATA_DIR / "tundra-product-launch.yaml").levers
    assert levers is not None and levers.overtime and levers.freelancers


def _with_levers(levers: dict[str, Any]) -> dict[str, Any]:
    document = copy.deepcopy(scenario_to_dict(contract_scenario()))
    document["levers"] = levers
    return document


def _problems(document: dict[str, Any]) -> str:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(document)
    return str(caught.value)


@pytest.mark.parametrize(
    ("levers", "where", "words"),
    [
        (
            {"overtime": [{"person": "Ainoo", "max_hours_per_week": 5, "cost_per_hour": 9}]},
            "levers.overtime[0].person",
            "did you mean 'Aino'",
        ),
        (
            {"freelancers": [{"role": "pilot", "hours_per_week": 5, "rate": 9}]},
            "levers.freelancers[0].role",
            "not a role",
        ),
        (
            {"turnaround": [{"task": "concept", "max_days": 1, "penalty_per_day": 9}]},
            "levers.turnaround[0].task",
            "not a client step",
        ),
        (
            {"date_penalties": [{"task": "concept_review", "per_day": 9}]},
            "levers.date_penalties[0].task",
            "not a promise",
        ),
        ({"shrink_optional_to": 1.5}, "levers.shrink_optional_to", "less than 1"),
        (
            {"overtime": [{"person": "Aino", "max_hours_per_week": 0, "cost_per_hour": 9}]},
            "levers.overtime[0].max_hours_per_week",
            "greater than 0",
        ),
        ({"overtme": []}, "levers.overtme", "overtime"),
    ],
)
def test_bad_levers_are_reported_with_their_place(
    levers: dict[str, Any], where: str, words: str
) -> None:
    message = _problems(_with_levers(levers))
    assert where in message
    assert words in message


def test_unknown_lever_kind_on_the_sheet_is_reported() -> None:
    tables = scenario_to_tables(replace(contract_scenario(), levers=FULL))
    tables["levers"].loc[0, "lever"] = "bribe"
    with pytest.raises(ScenarioError) as caught:
        scenario_from_tables(tables)
    assert "sheet levers, row 2, column lever" in str(caught.value)
    assert "unknown lever 'bribe'" in str(caught.value)


def test_levers_do_not_change_other_fields() -> None:
    scenario: Scenario = contract_scenario()
    with_levers = scenario_from_dict(scenario_to_dict(replace(scenario, levers=FULL)))
    assert replace(with_levers, levers=None) == scenario


def test_documented_levers_example_reads() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"
    example = docs.read_text("utf-8").split("```yaml\nlevers:\n", 1)[1].split("```", 1)[0]
    document = scenario_to_dict(load_scenario(DATA_DIR / "tundra-product-launch.yaml"))
    document["levers"] = yaml.safe_load("levers:\n" + example)["levers"]
    levers = scenario_from_dict(document).levers
    assert levers is not None
    assert levers.date_penalty("launch_readiness") == 1500
    assert levers.shrink_optional_to == 0.5
