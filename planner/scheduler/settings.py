"""How hard and how repeatably to search: one frozen object from the CLI or app down to every solve.

A :class:`SolveSettings` travels unchanged through planning, diagnosis, the client mode, the
portfolio and the risk runs; a step that needs a shorter or longer search derives its own
with :meth:`SolveSettings.limited_to`, so the seed and the workers can never be dropped on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

DEFAULT_TIME_LIMIT = 5.0
"""Seconds for one plan when the user does not say."""


@dataclass(frozen=True)
class SolveSettings:
    """The solver settings of one run.

    Attributes
    ----------
    time_limit
        Seconds for a solve (all its objective stages together).
    seed
        Solver seed: the same input and seed give the same plan (see ``deterministic``).
    workers
        Search workers. One worker searches deterministically (counted work, not the clock);
        more search in parallel, stronger on hard problems but not repeatable run to run.
    """

    time_limit: float = DEFAULT_TIME_LIMIT
    seed: int = 0
    workers: int = 1

    def __post_init__(self) -> None:
        if not self.time_limit > 0:
            raise ValueError(
                f"time_limit must be a positive number of seconds (got {self.time_limit})"
            )
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1 (got {self.workers})")

    @property
    def deterministic(self) -> bool:
        """True when the same input and seed give the same plan (one worker)."""
        return self.workers == 1

    def limited_to(self, seconds: float) -> SolveSettings:
        """The same settings with another time limit (for a proof step or a re-plan)."""
        return replace(self, time_limit=seconds)

    @property
    def options(self) -> dict[str, Any]:
        """Keyword arguments of the scheduler's solve functions (``time_limit``, ``seed``,
        ``workers``)."""
        return {"time_limit": self.time_limit, "seed": self.seed, "workers": self.workers}
