"""The generic CP-SAT scheduling core (resources × activities × periods).

``solve(problem, time_limit, seed, workers)`` → :class:`SolveResult`. ortools is imported
in this package only; everything outside speaks in :mod:`planner.scheduler.problem` terms.
"""

from planner.scheduler.heuristic import serial_sgs
from planner.scheduler.problem import (
    Activity,
    Precedence,
    Problem,
    Resource,
    Schedule,
    SolveResult,
    topological_order,
)
from planner.scheduler.settings import SolveSettings
from planner.scheduler.solve import solve

__all__ = [
    "Activity",
    "Precedence",
    "Problem",
    "Resource",
    "Schedule",
    "SolveResult",
    "SolveSettings",
    "serial_sgs",
    "solve",
    "topological_order",
]
