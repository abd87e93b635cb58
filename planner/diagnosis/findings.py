"""What a diagnosis finds: the causes of broken promises and the figures behind each sentence.

The types are apart from :mod:`planner.diagnosis.diagnose` (which finds them) so the modules
that word them (:mod:`planner.diagnosis.sentences`) and show them (app, CLI, report) depend on
the findings only, never on the search that produced them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from planner.diagnosis.capacity import Shortfall
from planner.diagnosis.chain import ChainBound
from planner.plan import Plan


class CauseKind(StrEnum):
    """Why a promise breaks (or, for ``BUDGET``, why the price does not fit)."""

    CHAIN = "dependency_chain"
    CAPACITY = "capacity"
    CONFLICT = "conflict"
    BUDGET = "budget"


CHAIN, CAPACITY, CONFLICT, BUDGET = CauseKind
CAUSE_KINDS: tuple[str, ...] = tuple(CauseKind)
"""The kinds in the order they are checked for each broken promise."""


@dataclass(frozen=True)
class Conflict:
    """Promises (instance ids) that cannot all hold together.

    ``proven`` is False when the solver could not decide within the time limit; ``minimal``
    is True when dropping any one of them was shown to let the others hold.
    """

    members: tuple[str, ...]
    names: tuple[str, ...]
    dues: tuple[date, ...]
    proven: bool
    minimal: bool
    shortfall: Shortfall | None = None
    shared_people: tuple[str, ...] = ()

    def figures(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return {
            "promises": [
                {"task": t, "name": n, "due": d.isoformat()}
                for t, n, d in zip(self.members, self.names, self.dues, strict=True)
            ],
            "proven": self.proven,
            "minimal": self.minimal,
            "shared_people": list(self.shared_people),
            "capacity": self.shortfall.figures() if self.shortfall else None,
        }


@dataclass(frozen=True)
class BudgetGap:
    """The plan's price against the budget, by role and by deliverable."""

    price: float
    budget: float
    currency: str
    price_by_role: tuple[tuple[str, float], ...]
    price_by_deliverable: tuple[tuple[str, float], ...]

    @property
    def over(self) -> float:
        """How much the price exceeds the budget."""
        return round(self.price - self.budget, 2)

    @property
    def share_covered(self) -> float:
        """The share of the brief's price the budget pays for (0–1)."""
        return min(1.0, self.budget / self.price) if self.price > 0 else 1.0

    def figures(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return {
            "price": round(self.price, 2),
            "budget": round(self.budget, 2),
            "over": self.over,
            "share_covered": round(self.share_covered, 4),
            "price_by_role": {k: round(v, 2) for k, v in self.price_by_role},
            "price_by_deliverable": {k: round(v, 2) for k, v in self.price_by_deliverable},
        }


Detail = ChainBound | Shortfall | Conflict | BudgetGap


@dataclass(frozen=True)
class Cause:
    """One reason the brief does not hold, with the figures behind ``sentence``.

    ``task`` is the broken promise (instance id; None for the budget) and ``kind`` one of
    :data:`CAUSE_KINDS`.
    """

    kind: str
    task: str | None
    name: str
    sentence: str
    detail: Detail
    proven: bool = True

    def figures(self) -> dict[str, Any]:
        """JSON-ready figures of the detail."""
        if isinstance(self.detail, ChainBound):
            return chain_figures(self.detail)
        return self.detail.figures()


@dataclass(frozen=True)
class Diagnosis:
    """Every cause found for a plan's broken promises and its budget.

    ``notes`` holds what could not be explained (e.g. all promises can hold together and the
    plan simply ran out of time).
    """

    plan: Plan
    causes: tuple[Cause, ...]
    notes: tuple[str, ...] = ()

    def causes_for(self, task: str) -> tuple[Cause, ...]:
        """The causes of one broken promise."""
        return tuple(c for c in self.causes if c.task == task)


def chain_figures(bound: ChainBound) -> dict[str, Any]:
    """JSON-ready figures of a dependency chain."""
    return {
        "days_needed": bound.needed_days,
        "days_allowed": bound.allowed_days,
        "agency_days": bound.agency_days,
        "client_days": bound.client_days,
        "earliest_finish": bound.earliest_finish.isoformat(),
        "due": bound.due.isoformat(),
        "chain": [
            {
                "task": s.task,
                "name": s.name,
                "kind": s.kind,
                "start": s.start.isoformat(),
                "finish": s.finish.isoformat(),
                "working_days": s.working_days,
                "hours": round(s.hours, 2),
                "people": list(s.people),
            }
            for s in bound.steps
        ],
    }
