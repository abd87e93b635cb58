"""Price range and scope within budget, against figures computed by hand."""

from __future__ import annotations

import dataclasses

import pytest

from planner.client.pricing import price_range, scope_within_budget
from tests.client.conftest import brief, card, deliverable


def test_price_range_is_effort_times_rate_at_each_end(small_brief):
    # low:     a 10 h x 80 = 800,  b 10 h x 50 = 500, c 25 h x 80 = 2000 -> 3300
    # typical: a 20 h x 100 = 2000, b 10 h x 60 = 600, c 25 h x 100 = 2500 -> 5100
    # high:    a 30 h x 120 = 3600, b 10 h x 80 = 800, c 25 h x 120 = 3000 -> 7400
    price = price_range(small_brief, card())
    assert (price.low, price.typical, price.high) == (3300, 5100, 7400)
    assert price.verdict == "risky"  # only the low price fits 5000


@pytest.mark.parametrize(
    ("budget", "verdict"),
    [(7400, "fits"), (5100, "likely"), (3300, "risky"), (3299.99, "over"), (None, "no_budget")],
)
def test_budget_verdict_boundaries(small_brief, budget, verdict):
    assert price_range(dataclasses.replace(small_brief, budget=budget), card()).verdict == verdict


def test_scope_takes_deliverables_in_priority_order_while_they_fit(small_brief):
    # a 2000 fits; b 600 -> 2600 fits; c 2500 -> 5100 > 5000: left out
    scope = scope_within_budget(small_brief, card())
    assert (scope.included, scope.left_out, scope.price) == (("a", "b"), ("c",), 2600)


def test_scope_never_drops_an_earlier_deliverable_for_a_later_one(small_brief):
    # budget 2500: a 2000 fits; b 600 -> 2600 does not; c 2500 -> 4500 does not
    scope = scope_within_budget(dataclasses.replace(small_brief, budget=2500), card())
    assert scope.included == ("a",)
    assert scope.left_out == ("b", "c")


def test_scope_brings_what_a_deliverable_waits_for():
    # order b, a, c; b needs a: b + a = 2600 within 3000; c 2500 no longer fits
    items = (
        deliverable("b", {"copywriter": 10}, after=("a",)),
        deliverable("a", {"designer": (10, 20, 30)}),
        deliverable("c", {"designer": 25}),
    )
    scope = scope_within_budget(brief(*items, budget=3000), card())
    assert scope.included == ("b", "a")
    assert scope.price == 2600


def test_scope_at_the_low_end(small_brief):
    # low prices a 800, b 500, c 2000 -> 3300 within 5000: everything
    scope = scope_within_budget(small_brief, card(), point="low")
    assert scope.left_out == ()
    assert scope.price == 3300


def test_without_budget_everything_fits(small_brief):
    scope = scope_within_budget(dataclasses.replace(small_brief, budget=None), card())
    assert scope.left_out == ()
