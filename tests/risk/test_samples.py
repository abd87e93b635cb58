"""Every sample in data/ gets risk figures that hang together (not pinned: plans may change)."""

from __future__ import annotations

import pytest

from planner.io import load_scenario
from planner.risk import optimise, run_risk
from tests.conftest import DATA_DIR

SAMPLES = sorted(DATA_DIR.glob("*.yaml"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_gets_risk_figures(path) -> None:
    scenario = load_scenario(path)
    optimised = optimise(scenario)
    risk = run_risk(scenario, 500, seed=1, workers=1, optimised=optimised)
    assert risk.has_figures and risk.samples == 500 and risk.uncertain_tasks > 0
    assert [p.task for p in risk.promises] == [p.task for p in optimised.plan.promises]
    for promise in risk.promises:
        assert 0 <= promise.p_on_time <= 1
        assert promise.quantiles[0.05] <= promise.p50 <= promise.p80 <= promise.p95
        assert (promise.commit_to is not None) == (promise.p_on_time < risk.threshold)
        if promise.commit_to is not None:
            assert promise.commit_to == promise.p80 and promise.p80 > promise.due
        # the P80 date holds for at least 4 in 5 samples, the day before for fewer
        assert (promise.p_on_time >= 0.8) == (promise.p80 <= promise.due)
    budget = risk.budget
    assert budget is not None and budget.p_within is not None and 0 <= budget.p_within <= 1
    assert budget.p50_price <= budget.p80_price <= budget.p95_price
    assert risk.prices.min() > 0 and len(risk.prices) == 500
    assert budget.p_within == pytest.approx((risk.prices <= scenario.brief.budget).mean())


def test_ranges_make_some_tundra_promises_uncertain() -> None:
    # with 11 ranges on the over-promised launch, some promise is neither sure nor hopeless
    scenario = load_scenario(DATA_DIR / "tundra-product-launch.yaml")
    risk = run_risk(scenario, 500, seed=1, workers=1)
    assert any(0 < p.p_on_time < 1 for p in risk.promises)
    assert any(p.commit_to is not None for p in risk.promises)
