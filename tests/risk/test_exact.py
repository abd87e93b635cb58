"""Done-when: on scenarios whose on-time probability is known exactly, the Monte Carlo estimate
lies within its confidence interval of the exact value.

PERT with low/likely/high chosen so that α and β are whole numbers: then the beta CDF is a
binomial sum, computed here independently of the code under test (no sampling, no numpy).
"""

from __future__ import annotations

from datetime import date, timedelta
from math import comb

import pytest

from planner.model import ThreePoint
from planner.risk import run_risk
from planner.risk.result import wilson_interval
from tests.risk.conftest import MONDAY, one_task_scenario


def beta_cdf(x: float, a: int, b: int) -> float:
    """Regularised incomplete beta I_x(a, b) for whole a, b: P(Beta(a, b) <= x)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    n = a + b - 1
    return sum(comb(n, j) * x**j * (1 - x) ** (n - j) for j in range(a, n + 1))


def pert_cdf(value: float, low: float, likely: float, high: float) -> float:
    """P(PERT(low, likely, high) <= value), with whole-number shape parameters."""
    a = 1 + 4 * (likely - low) / (high - low)
    b = 1 + 4 * (high - likely) / (high - low)
    assert a.is_integer() and b.is_integer()
    return beta_cdf((value - low) / (high - low), int(a), int(b))


# 10 / 15 / 30 hours: α = 2, β = 4. One person with 480 free minutes a day works alone, so the
# task is done by the end of working day d exactly when its minutes (rounded) are at most
# 480 d, i.e. when the hours drawn are below 8 d + 0.5 / 60.
EFFORT = ThreePoint(10, 15, 30)


def exact_on_time(days: int) -> float:
    return pert_cdf(8 * days + 0.5 / 60, 10, 15, 30)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("days", [2, 3])
def test_one_task_on_time_probability_matches_the_exact_value(seed: int, days: int) -> None:
    due = MONDAY + timedelta(days=days - 1)
    risk = run_risk(one_task_scenario(EFFORT, due), samples=3000, seed=seed, workers=1)
    (promise,) = risk.promises
    exact = exact_on_time(days)
    hits = round(promise.p_on_time * risk.samples)
    low, high = wilson_interval(hits, risk.samples, z=3.29)  # 99.9 %
    assert low <= exact <= high, (promise.p_on_time, exact)
    assert promise.interval[0] <= promise.p_on_time <= promise.interval[1]


def test_finish_date_quantiles_follow_the_exact_distribution() -> None:
    # P(done by Tue) = I_0.3(2, 4) ≈ 0.47, P(done by Wed) = I_0.7(2, 4) ≈ 0.97
    by_tuesday, by_wednesday = exact_on_time(2), exact_on_time(3)
    assert 0.4 < by_tuesday < 0.5 and 0.95 < by_wednesday < 0.99
    risk = run_risk(one_task_scenario(EFFORT, date(2027, 3, 2)), samples=4000, seed=5, workers=1)
    (promise,) = risk.promises
    wednesday = date(2027, 3, 3)
    assert promise.p50 == promise.p80 == promise.p95 == wednesday
    assert promise.commit_to == wednesday  # under 4 in 5 by Tuesday: commit to Wednesday


def test_client_turnaround_probability_matches_the_exact_value() -> None:
    # a fixed 8 h draft (Monday), then 1 / 2 / 5 client days (α = 2, β = 4) from Tuesday:
    # the review is done by Thursday when it takes at most 3 days, i.e. draws below 3.5
    point = ThreePoint(8, 8, 8)
    turnaround = ThreePoint(1, 2, 5)
    thursday = date(2027, 3, 4)
    scenario = one_task_scenario(point, thursday, client_days=turnaround)
    risk = run_risk(scenario, samples=3000, seed=11, workers=1)
    (promise,) = risk.promises
    exact = pert_cdf(3.5, 1, 2, 5)
    hits = round(promise.p_on_time * risk.samples)
    low, high = wilson_interval(hits, risk.samples, z=3.29)
    assert low <= exact <= high, (promise.p_on_time, exact)


def test_budget_odds_match_the_exact_value() -> None:
    # price = hours × 60 EUR; within the 1,500 EUR budget when the hours are at most 25
    risk = run_risk(one_task_scenario(EFFORT, date(2027, 3, 5)), samples=3000, seed=3, workers=1)
    assert risk.budget is not None and risk.budget.p_within is not None
    exact = pert_cdf(25 + 0.5 / 60, 10, 15, 30)
    hits = round(risk.budget.p_within * risk.samples)
    low, high = wilson_interval(hits, risk.samples, z=3.29)
    assert low <= exact <= high
