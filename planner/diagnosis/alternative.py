"""An alternative: a checked set of changes to the brief, what the client pays after it, and
its words (headline, budget status, change lines). :mod:`planner.diagnosis.levers` finds them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.diagnosis.changes import (
    DROP_TASK,
    FREELANCER,
    MOVE_DATE,
    OVERTIME,
    SHRINK_TASK,
    TURNAROUND,
    Change,
    apply_changes,
)
from planner.diagnosis.text import days_text, hours_text, listing, money_text
from planner.model import Scenario
from planner.plan import Plan
from planner.wording import Lang, count_text, words_in


@dataclass(frozen=True)
class Alternative:
    """A set of changes that makes the targeted promises hold, checked by re-planning.

    ``cost`` is the sum of the changes' prices in the scenario currency; ``verdict_after``
    the verdict of the re-planned scenario ("feasible" when every promise holds within
    budget); ``plan_after`` that plan.
    """

    changes: tuple[Change, ...]
    cost: float
    verdict_after: str
    price_after: float
    plan_after: Plan = field(repr=False, compare=False)
    label: str = ""

    @property
    def summary(self) -> str:
        """The changes in one line."""
        if not self.changes:
            return "No change: a longer search finds a plan that keeps every promise"
        return "; ".join(c.description for c in self.changes)

    @property
    def headline(self) -> str:
        """The kinds of change in a few words (see :func:`headline`)."""
        return headline(self.changes, self.plan_after.currency)

    def budget_status(self, plan: Plan, lang: Lang = None) -> str:
        """Against the brief's own budget (in ``plan``): "fits the budget" or "needs 5,816 EUR
        more than the 38,000 EUR budget"."""
        words = words_in(lang)
        _ = words.gettext
        budget = plan.budget.budget
        if budget is None:
            return _("no budget given")
        over = self.price_after - budget
        if over <= 1e-9:
            return _("fits the budget")
        cur = plan.currency
        return _("needs {over} more than the {budget} budget").format(
            over=money_text(over, cur, words), budget=money_text(budget, cur, words)
        )

    def client_summary(self, plan: Plan, lang: Lang = None) -> str:
        """What the client pays, against their budget, and how much changes, in one line."""
        words = words_in(lang)
        count = len(self.changes)
        text = words.ngettext(
            "client pays {price}, {status}; {count} change to the brief",
            "client pays {price}, {status}; {count} changes to the brief",
            count,
        )
        return text.format(
            price=money_text(self.price_after, plan.currency, words),
            status=self.budget_status(plan, words),
            count=count_text(count, words),
        )

    def change_lines(self, plan: Plan, lang: Lang = None) -> list[str]:
        """Every change to the brief, one line each, saying why a kept promise moves."""
        words = words_in(lang)
        _ = words.gettext
        broken = {p.task.split("#")[0] for p in plan.broken_promises}
        lines = []
        for change in self.changes:
            text = change.text(words)
            if change.kind == MOVE_DATE and change.target not in broken:
                text += _(" — kept in today's plan; moving it frees the team for the broken ones")
            lines.append(text)
        return lines

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "label": self.label,
            "headline": self.headline,
            "changes": [c.to_dict() for c in self.changes],
            "cost": round(self.cost, 2),
            "verdict_after": self.verdict_after,
            "price_after": round(self.price_after, 2),
            "summary": self.summary,
        }


def headline(changes: Sequence[Change], currency: str) -> str:
    """``"faster Client review of the concept; overtime for Aino (11 h); 7 dates moved
    (+45 working days); budget +€4,367"`` — one part per kind of change."""
    parts: list[str] = []
    by_kind: dict[str, list[Change]] = {}
    for change in changes:
        by_kind.setdefault(change.kind, []).append(change)
    for kind, group in by_kind.items():
        names = listing([c.subject or c.target for c in group])
        if kind == TURNAROUND:
            parts.append(f"faster {names}")
        elif kind in (OVERTIME, FREELANCER):
            hours = sum(round(c.cost / c.rate * 60) for c in group if c.rate)
            who = f"overtime for {names}" if kind == OVERTIME else f"freelance {names}"
            parts.append(f"{who} ({hours_text(hours)})")
        elif kind == DROP_TASK:
            parts.append(f"drop {names}")
        elif kind == SHRINK_TASK:
            parts.append(f"cut {names}")
        elif kind == MOVE_DATE:
            days = sum(round(c.amount) for c in group)
            moved = f"{len(group)} dates moved" if len(group) > 1 else f"{names} moved"
            parts.append(f"{moved} (+{days_text(days)})")
        else:
            parts.append(f"budget +{money_text(sum(c.amount for c in group), currency)}")
    return "; ".join(parts) or "no change"


def apply_alternative(scenario: Scenario, alternative: Alternative) -> Scenario:
    """The scenario with the alternative's changes made (see :mod:`planner.diagnosis.changes`).

    Raises
    ------
    KeyError
        If the alternative names a task or person the scenario does not have.
    """
    return apply_changes(scenario, alternative.changes)
