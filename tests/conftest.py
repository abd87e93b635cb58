"""Shared fixtures: small scenarios built in code (see tests/scenarios for file-based ones)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from planner.io import load_scenario
from planner.model import (
    Brief,
    CalendarSettings,
    Commitment,
    DateRange,
    Dependency,
    Person,
    Repeat,
    Scenario,
    Task,
)
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.validate.rules import assert_valid

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
TUNDRA = DATA_DIR / "tundra-product-launch.yaml"
"""The over-promised sample the app opens with."""


def contract_scenario() -> Scenario:
    """The scenario from the format contract (Acme spring launch)."""
    return Scenario(
        title="Spring launch for Acme",
        start=date(2027, 3, 1),
        currency="EUR",
        calendar=CalendarSettings(country="FI"),
        team=(
            Person(
                "Aino",
                ("designer",),
                37.5,
                bill_rate=95,
                cost_rate=55,
                workdays=(0, 1, 2, 3, 4),
                time_off=(DateRange(date(2027, 3, 15), date(2027, 3, 19)),),
            ),
            Person(
                "Piotr",
                ("copywriter", "strategist"),
                30,
                bill_rate=70,
                workdays=(0, 1, 2, 3),
                country="PL",
            ),
        ),
        commitments=(Commitment("Aino", DateRange(date(2027, 3, 1), date(2027, 3, 31)), 15),),
        brief=Brief(
            client="Acme",
            budget=18000,
            tasks=(
                Task(
                    "concept",
                    name="Campaign concept",
                    role="strategist",
                    hours=24,
                    due=date(2027, 3, 10),
                ),
                Task(
                    "concept_review",
                    name="Client review of the concept",
                    client_days=5,
                    after=(Dependency("concept"),),
                ),
                Task(
                    "key_visual",
                    role="designer",
                    hours=80,
                    after=(Dependency("concept_review"),),
                    due=date(2027, 3, 26),
                ),
                Task(
                    "weekly_posts",
                    role="copywriter",
                    hours=6,
                    repeat=Repeat("week", 8),
                    due_within=2,
                ),
            ),
        ),
    )


def tiny_scenario(
    tasks: tuple[Task, ...],
    team: tuple[Person, ...] | None = None,
    start: date = date(2027, 3, 1),
    country: str | None = None,
    budget: float | None = None,
    commitments: tuple[Commitment, ...] = (),
) -> Scenario:
    """A one-designer (7.5 h/day) scenario with the given tasks, no holidays by default."""
    return Scenario(
        title="tiny",
        start=start,
        calendar=CalendarSettings(country=country),
        team=team or (Person("Dana", ("designer",), 37.5, bill_rate=100),),
        commitments=commitments,
        brief=Brief(client="Test", tasks=tasks, budget=budget),
    )


@pytest.fixture
def contract() -> Scenario:
    """The contract scenario."""
    return contract_scenario()


@pytest.fixture
def make_tiny() -> Callable[..., Scenario]:
    """Factory for tiny scenarios."""
    return tiny_scenario


@pytest.fixture(scope="module")
def contract_plan() -> tuple[Scenario, Plan]:
    """The contract scenario and its checked plan (2 s limit), made once per test module."""
    scenario = contract_scenario()
    plan = plan_scenario(scenario, SolveSettings(time_limit=2))
    assert_valid(scenario, plan)
    return scenario, plan


@pytest.fixture(scope="module")
def tundra() -> Scenario:
    """The over-promised sample the app opens with, loaded once per test module."""
    return load_scenario(TUNDRA)


@pytest.fixture(scope="session", autouse=True)
def private_portfolio_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test, nor an app a browser test starts, touches the user's default portfolio store."""
    previous = os.environ.get("PLANNER_DB")
    os.environ["PLANNER_DB"] = str(tmp_path_factory.mktemp("store") / "portfolio.sqlite")
    yield
    if previous is None:
        os.environ.pop("PLANNER_DB", None)
    else:
        os.environ["PLANNER_DB"] = previous
