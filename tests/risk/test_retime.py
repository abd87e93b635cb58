"""Re-timing keeps the plan's assignment and order; every re-timed plan passes the validator."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from planner.io import load_scenario
from planner.model import ThreePoint
from planner.risk import optimise
from planner.risk.plans import retimed_plan
from planner.risk.retime import draw, retime
from planner.validate.rules import assert_valid
from tests.conftest import DATA_DIR
from tests.risk.conftest import one_task_scenario

SAMPLES = sorted(DATA_DIR.glob("*.yaml"))


def _same_value_per_recurring_task(frame, units: np.ndarray) -> list[int]:
    """A scenario holds one value per task: give every instance of a recurring task the first
    instance's draw (still a draw from the task's range) so the validator can check it."""
    first: dict[str, int] = {}
    row = []
    for k, instance_id in enumerate(frame.ids):
        row.append(first.setdefault(instance_id.split("#")[0], int(units[k])))
    return row


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_likely_values_reproduce_the_optimised_plan(path) -> None:
    scenario = load_scenario(path)
    optimised = optimise(scenario)
    frame = optimised.frame
    assert frame is not None
    realised, plan = retimed_plan(scenario, optimised, [int(u) for u in frame.likely])
    assert_valid(realised, plan)
    planned = {p.task: p.finish for p in optimised.plan.promises}
    for promise in plan.promises:
        assert promise.finish is not None and promise.finish <= planned[promise.task]
    assert plan.budget.price == pytest.approx(optimised.plan.budget.price)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sampled_plans_pass_the_independent_validator(path) -> None:
    scenario = load_scenario(path)
    optimised = optimise(scenario)
    frame = optimised.frame
    assert frame is not None and frame.uncertain
    units = draw(frame, np.random.default_rng(7), 12)
    for row in units:
        sample = _same_value_per_recurring_task(frame, row)
        realised, plan = retimed_plan(scenario, optimised, sample)
        assert_valid(realised, plan)
        assert retime(frame, sample).price == pytest.approx(plan.budget.price)
        people = {t.id: set(t.people) for t in optimised.plan.tasks if t.people}
        for task in plan.tasks:  # the optimised assignment is kept
            if task.people:
                assert set(task.people) <= people[task.id]


def test_more_effort_moves_the_finish_by_whole_days_of_free_time() -> None:
    # one person, 480 free minutes a day: 20 h take 2.5 days, 30 h take 3.75 days
    scenario = one_task_scenario(ThreePoint(10, 20, 30), date(2027, 3, 5))
    optimised = optimise(scenario)
    frame = optimised.frame
    assert frame is not None
    assert retime(frame, [1200]).finish == [3]
    assert retime(frame, [1800]).finish == [4]
    assert retime(frame, [600]).finish == [2]
    longer = retime(frame, [1800], record=True)
    assert longer.allocation == {0: {(0, 0): 480, (0, 1): 480, (0, 2): 480, (0, 3): 360}}


def test_draws_stay_inside_each_range() -> None:
    scenario = load_scenario(DATA_DIR / "tundra-product-launch.yaml")
    frame = optimise(scenario).frame
    assert frame is not None
    units = draw(frame, np.random.default_rng(1), 500)
    for k in range(len(frame.ids)):
        assert units[:, k].min() >= np.ceil(frame.low[k]) - 1e-9 or frame.low[k] < 1
        assert units[:, k].max() <= frame.high[k] + 1e-9
        if frame.low[k] == frame.high[k]:
            assert (units[:, k] == frame.likely[k]).all()
