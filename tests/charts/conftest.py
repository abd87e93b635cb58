"""A tiny plan built in code for the chart tests."""

from __future__ import annotations

from datetime import date

from planner.model import Person, Scenario, Task
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.validate.rules import assert_valid
from tests.conftest import tiny_scenario


def dana_plan(design_due: date) -> tuple[Scenario, Plan]:
    """Dana (designer + copywriter, 7.5 h Mon–Fri): 30 h design due ``design_due``, 3 h copy
    due Friday 5 March 2027, a budget of 1,000; planned and validated."""
    dana = Person("Dana", ("designer", "copywriter"), 37.5, bill_rate=100)
    scenario = tiny_scenario(
        (
            Task("draw", role="designer", hours=30, due=design_due),
            Task("copy", role="copywriter", hours=3, due=date(2027, 3, 5)),
        ),
        team=(dana,),
        budget=1000,
    )
    plan = plan_scenario(scenario, SolveSettings(time_limit=2))
    assert_valid(scenario, plan)
    return scenario, plan
