"""The distribution behind a three-point estimate: PERT, a beta distribution on low..high.

With ``a = low``, ``m = likely``, ``b = high`` the PERT distribution is ``a + (b - a) * X`` with
``X ~ Beta(α, β)``, ``α = 1 + 4 (m - a) / (b - a)``, ``β = 1 + 4 (b - m) / (b - a)``. Its mode is
``m`` and its mean ``(a + 4 m + b) / 6``. Why PERT rather than triangular: it is the
distribution project estimators have used with three-point estimates since the 1950s, it
weights the likely value more than the triangular does (so one pessimistic ``high`` does not
drag the whole estimate) while still having a long right tail, which is how overruns look.
"""

from __future__ import annotations

import numpy as np

from planner.model import ThreePoint

PERT_WEIGHT = 4.0
"""The weight of the likely value in PERT's mean ``(low + 4 likely + high) / 6``."""


def pert_shape(estimate: ThreePoint) -> tuple[float, float]:
    """The beta parameters ``(α, β)`` of the PERT distribution of ``estimate``.

    Parameters
    ----------
    estimate
        A range with ``low < high``.

    Returns
    -------
    tuple of float
        ``α`` and ``β``, both between 1 and 5.
    """
    spread = estimate.high - estimate.low
    alpha = 1 + PERT_WEIGHT * (estimate.likely - estimate.low) / spread
    beta = 1 + PERT_WEIGHT * (estimate.high - estimate.likely) / spread
    return alpha, beta


def pert_mean(estimate: ThreePoint) -> float:
    """The mean of the PERT distribution: ``(low + 4 likely + high) / 6``."""
    return (estimate.low + PERT_WEIGHT * estimate.likely + estimate.high) / (PERT_WEIGHT + 2)


def sample_pert(rng: np.random.Generator, estimate: ThreePoint, size: int) -> np.ndarray:
    """``size`` draws of the PERT distribution of ``estimate`` (constant when low == high).

    Parameters
    ----------
    rng
        The random generator (its state advances by the draws).
    estimate
        The three-point estimate.
    size
        Number of draws.

    Returns
    -------
    numpy.ndarray
        Float draws between ``low`` and ``high``.
    """
    if estimate.high <= estimate.low:
        return np.full(size, float(estimate.likely))
    alpha, beta = pert_shape(estimate)
    return estimate.low + (estimate.high - estimate.low) * rng.beta(alpha, beta, size)
