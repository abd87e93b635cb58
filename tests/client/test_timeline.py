"""The timeline verdict and its reasons on tiny briefs whose plans are worked out by hand.

The week starts Monday 2027-03-01 (no public holidays); a full-time designer has 7.5 h a day.
"""

from __future__ import annotations

from datetime import date

from planner.client.answer import check_brief
from planner.client.scenario import market_scenario
from planner.client.text import reason_sentence
from planner.client.timeline import check_timeline, plan_brief
from planner.i18n import Texts
from planner.planning import SolveSettings
from planner.validate.rules import assert_valid
from tests.client.conftest import brief, card, deliverable

FRIDAY, THURSDAY = date(2027, 3, 5), date(2027, 3, 4)


def reviewed(due: date, high: float = 22.5):
    """Designer 15 h (high ``high``), then a 3-day client review, due ``due``."""
    return brief(deliverable("kv", {"designer": (15, 15, high)}, review_days=3, due=due))


def test_tight_when_only_the_typical_effort_keeps_the_date():
    # typical: Mon-Tue work, Wed-Fri review -> Friday, on time;
    # high: 22.5 h = 3 days + 3 review days -> the Monday after, late
    timeline = check_timeline(reviewed(FRIDAY), card())
    assert timeline.verdict == "tight"
    assert timeline.dates[0].finish == FRIDAY
    assert timeline.dates[0].days_late == 0
    assert timeline.high_effort_holds is False


def test_realistic_when_two_designers_keep_even_the_high_effort():
    # high 22.5 h shared by two designers = 15 h a day -> 2 days + 3 review days = Friday
    timeline = check_timeline(reviewed(FRIDAY), card(people=2))
    assert timeline.verdict == "realistic"
    assert timeline.high_effort_holds is True


def test_unrealistic_with_the_client_reviews_and_the_chain_as_reasons():
    # the same work due Thursday: 4 working days, the chain needs 5, 3 of them reviews
    the_brief = reviewed(THURSDAY)
    timeline = check_timeline(the_brief, card())
    assert timeline.verdict == "unrealistic"
    assert timeline.dates[0].days_late == 1
    kinds = {reason.kind: reason for reason in timeline.reasons}
    assert set(kinds) == {"reviews", "chain"}
    assert (kinds["reviews"].days, kinds["reviews"].window) == (3, 4)
    assert (kinds["chain"].days, kinds["chain"].window) == (5, 4)
    answer = check_brief(the_brief, card())
    sentence = reason_sentence(kinds["reviews"], answer, Texts("en"))
    assert sentence == "Kv: your own review rounds take 3 of the 4 working days."


def test_capacity_reason_counts_everything_due_by_the_date():
    # two 30 h designer jobs due Friday: 60 h needed, 5 days x 7.5 h = 37.5 h available
    the_brief = brief(
        deliverable("x", {"designer": 30}, due=FRIDAY),
        deliverable("y", {"designer": 30}, due=FRIDAY),
    )
    timeline = check_timeline(the_brief, card())
    assert timeline.verdict == "unrealistic"
    late = [line for line in timeline.dates if line.days_late]
    assert len(late) == 1 and late[0].days_late == 3  # 8 working days of work: Wed 10 March
    capacity = [r for r in timeline.reasons if r.kind == "capacity"]
    assert [(r.role, r.needed, r.available) for r in capacity] == [("designer", 60, 37.5)]


def test_the_plans_behind_the_answer_are_valid():
    the_brief = brief(
        deliverable("a", {"designer": (10, 20, 30)}, review_days=2),
        deliverable("b", {"copywriter": 10, "designer": 5}, after=("a",), due=date(2027, 3, 12)),
    )
    for point in ("typical", "high"):
        _context, plan = plan_brief(the_brief, card(), point, SolveSettings())
        assert plan.has_schedule
        assert_valid(market_scenario(the_brief, card(), point), plan)


def test_anonymous_people_carry_the_card_s_capacity_and_no_cost():
    scenario = market_scenario(reviewed(FRIDAY), card(people=2, share=0.5))
    assert [p.name for p in scenario.team] == ["Designer 1", "Designer 2"]
    assert {p.hours_per_week for p in scenario.team} == {18.75}
    assert {p.cost_rate for p in scenario.team} == {None}
    assert {p.bill_rate for p in scenario.team} == {100}
