"""A client's brief becomes an agency scenario by adding a team, losing nothing."""

from __future__ import annotations

from datetime import date

from planner.client import brief_from_scenario, check_brief, with_team
from planner.client.scenario import market_scenario
from planner.io import dump_yaml, load_scenario
from planner.model import Person
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.validate.rules import assert_valid
from tests.client.conftest import brief, card, deliverable

TEAM = (
    Person("Aino", ("designer",), 37.5, 95.0, cost_rate=55.0),
    Person("Onni", ("copywriter",), 30.0, 80.0),
)


def single_figure_brief():
    return brief(
        deliverable("concept", {"designer": 24, "copywriter": 8}, review_days=5, name="Concept"),
        deliverable("visual", {"designer": 40}, after=("concept",), due=date(2027, 3, 26)),
        deliverable("approval", {}, after=("visual",), review_days=2, due=date(2027, 3, 31)),
        budget=9000,
    )


def test_brief_with_team_round_trips_through_a_scenario_file(tmp_path):
    original = single_figure_brief()
    scenario = with_team(original, TEAM)
    path = tmp_path / "scenario.yaml"
    path.write_text(dump_yaml(scenario))
    loaded = load_scenario(path)  # the ordinary scenario reader accepts it
    assert loaded == scenario
    assert brief_from_scenario(loaded) == original


def test_the_agency_plans_the_brief_with_its_own_people():
    scenario = with_team(single_figure_brief(), TEAM)
    plan = plan_scenario(scenario, SolveSettings(time_limit=5))
    assert_valid(scenario, plan)
    assert {b.person for b in plan.bookings} == {"Aino", "Onni"}
    assert [p.due for p in plan.promises] == [date(2027, 3, 26), date(2027, 3, 31)]


def test_ranges_become_the_chosen_figure():
    ranged = brief(deliverable("kv", {"designer": (10, 20, 30)}))
    assert [t.hours for t in with_team(ranged, TEAM, point="high").brief.tasks] == [30]
    assert [t.hours for t in with_team(ranged, TEAM).brief.tasks] == [20]


def test_the_client_answer_holds_no_agency_internal_figures():
    answer = check_brief(single_figure_brief(), card())
    text = repr(answer.to_dict()).lower()
    for word in ("cost", "margin", "bill_rate", "aino", "onni"):
        assert word not in text
    # the anonymous plan bills at market rates only, with no cost rate at all
    assert all(p.cost_rate is None for p in market_scenario(single_figure_brief(), card()).team)
