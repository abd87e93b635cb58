"""What a risk run found: per promise its odds and finish dates, for the brief its price odds."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

DEFAULT_THRESHOLD = 0.8
"""Below this on-time probability a promise gets a "commit to <P80 date>" suggestion."""

FAN_LEVELS: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.8, 0.95)
"""Quantiles kept per promise for the fan/box chart."""


@dataclass(frozen=True)
class PromiseRisk:
    """One promise: how likely it holds and when the work is done at given odds.

    ``p_on_time`` is the share of samples finishing on or before ``due``, with the 95 %
    Wilson interval ``interval``. ``quantiles[q]`` is the earliest date by which a share ``q``
    of the samples had finished (``p50``/``p80``/``p95`` name three of them).
    ``commit_to`` is the P80 date when ``p_on_time`` is below the run's threshold.
    """

    task: str
    name: str
    due: date
    planned_finish: date | None
    p_on_time: float
    interval: tuple[float, float]
    quantiles: dict[float, date]
    commit_to: date | None = None

    @property
    def p50(self) -> date:
        """The date by which half of the samples had finished."""
        return self.quantiles[0.5]

    @property
    def p80(self) -> date:
        """The date by which four in five samples had finished."""
        return self.quantiles[0.8]

    @property
    def p95(self) -> date:
        """The date by which 19 in 20 samples had finished."""
        return self.quantiles[0.95]


@dataclass(frozen=True)
class BudgetRisk:
    """The price over the samples against the budget (``p_within`` None without a budget)."""

    budget: float | None
    planned_price: float
    p_within: float | None
    p50_price: float
    p80_price: float
    p95_price: float


@dataclass(frozen=True)
class RiskResult:
    """The figures of one Monte Carlo run over a scenario's optimised plan.

    ``prices`` holds every sample's price (for the distribution chart); ``overflow`` counts
    samples whose work did not fit before the end of the planning calendar (their finish is
    the calendar's last day, so they count as late). ``message`` says why there are no
    figures when the scenario has no plan to re-time.
    """

    title: str
    currency: str
    samples: int
    seed: int
    threshold: float
    engine: str
    promises: tuple[PromiseRisk, ...]
    budget: BudgetRisk | None
    prices: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))
    overflow: int = 0
    uncertain_tasks: int = 0
    seconds: float = 0.0
    message: str = ""

    @property
    def has_figures(self) -> bool:
        """True when samples were run (the scenario had a plan)."""
        return self.budget is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures (the CLI's ``--json`` object); dates are ISO strings."""
        budget = self.budget
        return {
            "scenario": self.title,
            "currency": self.currency,
            "samples": self.samples,
            "seed": self.seed,
            "threshold": self.threshold,
            "engine": self.engine,
            "uncertain_tasks": self.uncertain_tasks,
            "overflow_samples": self.overflow,
            "seconds": round(self.seconds, 3),
            "message": self.message,
            "promises": [
                {
                    "task": p.task,
                    "name": p.name,
                    "due": p.due.isoformat(),
                    "planned_finish": p.planned_finish.isoformat() if p.planned_finish else None,
                    "p_on_time": round(p.p_on_time, 4),
                    "p_on_time_95": [round(v, 4) for v in p.interval],
                    "p50": p.p50.isoformat(),
                    "p80": p.p80.isoformat(),
                    "p95": p.p95.isoformat(),
                    "commit_to": p.commit_to.isoformat() if p.commit_to else None,
                }
                for p in self.promises
            ],
            "budget": None
            if budget is None
            else {
                "budget": budget.budget,
                "planned_price": budget.planned_price,
                "p_within": None if budget.p_within is None else round(budget.p_within, 4),
                "p50_price": budget.p50_price,
                "p80_price": budget.p80_price,
                "p95_price": budget.p95_price,
            },
        }


def wilson_interval(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a binomial proportion (95 % for ``z = 1.96``)."""
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def quantile(values: np.ndarray, level: float) -> float:
    """The smallest sample value with at least a share ``level`` of samples at or below it."""
    return float(np.quantile(values, level, method="inverted_cdf"))


def promise_risk(
    identity: tuple[str, str, date, date | None],
    finish_days: np.ndarray,
    due_index: int,
    days: Sequence[date],
    threshold: float,
) -> PromiseRisk:
    """The odds of one promise from its sampled last working days (period indices)."""
    task, name, due, planned = identity
    on_time = int(np.count_nonzero(finish_days <= due_index))
    trials = len(finish_days)
    quantiles = {level: days[int(quantile(finish_days, level))] for level in FAN_LEVELS}
    p = on_time / trials
    return PromiseRisk(
        task=task,
        name=name,
        due=due,
        planned_finish=planned,
        p_on_time=p,
        interval=wilson_interval(on_time, trials),
        quantiles=quantiles,
        commit_to=quantiles[0.8] if p < threshold else None,
    )


def budget_risk(prices: np.ndarray, budget: float | None, planned_price: float) -> BudgetRisk:
    """The price odds of the brief from the sampled prices."""
    within = None if budget is None else float(np.mean(prices <= budget + 1e-9))
    return BudgetRisk(
        budget=budget,
        planned_price=planned_price,
        p_within=within,
        p50_price=round(quantile(prices, 0.5), 2),
        p80_price=round(quantile(prices, 0.8), 2),
        p95_price=round(quantile(prices, 0.95), 2),
    )
