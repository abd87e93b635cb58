"""PERT sampling, and ranges that follow a changed likely value."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.model import Task, ThreePoint
from planner.risk.distributions import pert_mean, pert_shape, sample_pert


def test_pert_shape_and_mean_by_hand() -> None:
    estimate = ThreePoint(10, 15, 30)
    assert pert_shape(estimate) == (2.0, 4.0)  # 1 + 4·5/20, 1 + 4·15/20
    assert pert_mean(estimate) == pytest.approx((10 + 60 + 30) / 6)


def test_samples_stay_in_range_and_average_to_the_mean() -> None:
    estimate = ThreePoint(10, 15, 30)
    draws = sample_pert(np.random.default_rng(0), estimate, 40_000)
    assert draws.min() >= 10 and draws.max() <= 30
    # standard error of the mean: sd = (30 - 10) · sqrt(αβ / ((α+β)²(α+β+1))) ≈ 3.6
    assert abs(draws.mean() - pert_mean(estimate)) < 4 * 3.6 / np.sqrt(40_000)


def test_a_point_estimate_draws_its_value() -> None:
    draws = sample_pert(np.random.default_rng(0), ThreePoint(8, 8, 8), 5)
    assert draws.tolist() == [8.0] * 5


def test_changing_hours_or_client_days_carries_the_range_along() -> None:
    work = Task("a", role="designer", hours=20, hours_range=ThreePoint(16, 20, 30))
    assert replace(work, hours=10).hours_range == ThreePoint(8, 10, 15)
    review = Task("r", client_days=4, client_days_range=ThreePoint(3, 4, 8))
    assert replace(review, client_days=2).client_days_range == ThreePoint(1, 2, 6)


def test_a_range_must_be_in_order() -> None:
    with pytest.raises(ValueError, match="low <= likely <= high"):
        ThreePoint(5, 4, 8)
