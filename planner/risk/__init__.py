"""How sure are we? Monte Carlo over three-point estimates, re-timing the optimised plan.

:func:`run_risk` plans a scenario once (likely values), then samples every effort and client
turnaround range (PERT) and re-times the plan for each sample, keeping its assignment and
order (:mod:`planner.risk.retime`). The figures: per promise the on-time probability and the
P50/P80/P95 finish dates; for the brief the probability of staying within budget and the P80
price. See ``docs/risk.md``.
"""

from planner.risk.engine import ClusterError
from planner.risk.result import DEFAULT_THRESHOLD, BudgetRisk, PromiseRisk, RiskResult
from planner.risk.simulate import DEFAULT_SAMPLES, Optimised, optimise, run_risk, sweep

__all__ = [
    "DEFAULT_SAMPLES",
    "DEFAULT_THRESHOLD",
    "BudgetRisk",
    "ClusterError",
    "Optimised",
    "PromiseRisk",
    "RiskResult",
    "optimise",
    "run_risk",
    "sweep",
]
