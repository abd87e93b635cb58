"""Fixtures for the scenario I/O tests: scenarios built in code and a valid base document."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.io import ScenarioError
from planner.model import (
    Brief,
    CalendarSettings,
    Commitment,
    DateRange,
    Dependency,
    FixedCost,
    Person,
    Repeat,
    Scenario,
    Task,
)

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def rich_scenario() -> Scenario:
    """A scenario that uses every field of the format at least once."""
    return Scenario(
        title="Rich: every field, ümlauts & 'quotes'",
        start=date(2027, 3, 1),
        currency="SEK",
        calendar=CalendarSettings(country="DE", subdivision="BY", workdays=(0, 1, 2, 3, 4, 5)),
        team=(
            Person(
                "Aino",
                ("designer", "art director"),
                37.5,
                bill_rate=95.5,
                cost_rate=55.25,
                workdays=(0, 1, 2, 3, 4),
                time_off=(
                    DateRange(date(2027, 3, 15), date(2027, 3, 19)),
                    DateRange(date(2027, 4, 1), date(2027, 4, 1)),
                ),
            ),
            Person("Piotr", ("copywriter", "strategist"), 30, bill_rate=70, country="PL"),
            Person("Åsa", (), 0.1, bill_rate=0, workdays=(4, 5), country="CH", subdivision="ZH"),
            Person("NO", ("designer",), 20, bill_rate=60, country="DE", subdivision="BE"),
        ),
        commitments=(
            Commitment(
                "Aino", DateRange(date(2027, 3, 1), date(2027, 3, 31)), 15, "Globex retainer"
            ),
            Commitment("Piotr", DateRange(date(2027, 3, 8), date(2027, 3, 8)), 2.5),
        ),
        brief=Brief(
            client="Acme",
            budget=18000.75,
            fixed_costs=(FixedCost("Stock photos", 400), FixedCost("Print", 1234.56)),
            tasks=(
                Task(
                    "concept",
                    name="Campaign concept",
                    role="strategist",
                    hours=24,
                    due=date(2027, 3, 10),
                    priority=2,
                    deliverable="Concept",
                    value=1500,
                ),
                Task(
                    "concept_review",
                    name="Client review",
                    client_days=5,
                    after=(Dependency("concept"),),
                    deliverable="Concept",
                ),
                Task(
                    "key_visual",
                    role="designer",
                    hours=80.25,
                    max_people=2,
                    after=(Dependency("concept_review", lag=2), Dependency("concept")),
                    due=date(2027, 3, 26),
                    release=date(2027, 3, 3),
                ),
                Task("1", person="Åsa", hours=1.5, optional=True, value=0),
                Task(
                    "weekly_posts",
                    role="copywriter",
                    hours=6,
                    repeat=Repeat("week", 8),
                    due_within=2,
                ),
                Task(
                    "monthly_report",
                    name="Monthly report",
                    person="Piotr",
                    hours=3,
                    repeat=Repeat("month", 3, interval=2),
                    release=date(2027, 3, 31),
                    after=(Dependency("weekly_posts"),),
                ),
                Task(
                    "daily_check",
                    role="copywriter",
                    hours=0.25,
                    repeat=Repeat("day", 5),
                    due_within=0,
                ),
            ),
        ),
    )


def base_document() -> dict[str, Any]:
    """A small valid scenario document (YAML shape) for tests that break one thing."""
    return {
        "scenario": "Base",
        "start": "2027-03-01",
        "calendar": {"country": "FI", "workdays": ["Mon", "Tue", "Wed", "Thu", "Fri"]},
        "team": [
            {
                "name": "Aino",
                "roles": ["designer"],
                "hours_per_week": 37.5,
                "bill_rate": 95,
                "time_off": [{"from": "2027-03-15", "to": "2027-03-19"}],
            },
            {"name": "Piotr", "roles": ["copywriter"], "hours_per_week": 30, "bill_rate": 70},
        ],
        "commitments": [
            {"person": "Aino", "from": "2027-03-01", "to": "2027-03-31", "hours_per_week": 15},
        ],
        "brief": {
            "client": "Acme",
            "budget": 18000,
            "tasks": [
                {"id": "concept", "role": "copywriter", "hours": 24, "due": "2027-03-10"},
                {"id": "review", "client_days": 5, "after": ["concept"]},
                {"id": "visual", "role": "designer", "hours": 80, "after": ["review"]},
                {
                    "id": "posts",
                    "role": "copywriter",
                    "hours": 6,
                    "repeat": {"every": "week", "count": 8},
                    "due_within": 2,
                },
            ],
        },
    }


@pytest.fixture
def rich() -> Scenario:
    """The every-field scenario."""
    return rich_scenario()


@pytest.fixture
def document() -> dict[str, Any]:
    """A fresh copy of the valid base document."""
    return copy.deepcopy(base_document())


def raises_scenario_error(call: Callable[[], object]) -> ScenarioError:
    """Run ``call`` and return the ScenarioError it must raise."""
    with pytest.raises(ScenarioError) as caught:
        call()
    return caught.value
