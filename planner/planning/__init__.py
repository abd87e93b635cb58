"""From a checked scenario to a plan: the calendar, the task instances, the agency adapter and
the pipeline (:func:`plan_scenario`) that every caller uses.

``calendar`` (working days per person) → ``instances`` (each task occurrence with its dates) →
``agency`` (the scenario as a generic :class:`~planner.scheduler.Problem`) → ``pipeline``
(solve, then turn the schedule into a :class:`~planner.plan.Plan`). ``settings`` holds the
frozen solve settings passed along the way.
"""

from planner.planning.pipeline import (
    DEFAULT_SETTINGS,
    DEFAULT_TIME_LIMIT,
    PlanningContext,
    budget_check,
    plan_context,
    plan_from_result,
    plan_scenario,
    prepare,
)
from planner.scheduler.settings import SolveSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "DEFAULT_TIME_LIMIT",
    "PlanningContext",
    "SolveSettings",
    "budget_check",
    "plan_context",
    "plan_from_result",
    "plan_scenario",
    "prepare",
]
