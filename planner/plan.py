"""The answer to "can these promises be kept?": a Plan of plain data plus pandas tables.

A Plan is what the scheduler hands to everything downstream (validator, CLI, charts, reports,
diagnosis). Hours are kept as whole minutes so that 7.5 h a day stays exactly 450 minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import pandas as pd

SOLVER_STATUSES: tuple[str, ...] = ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN")
OBJECTIVE_ORDER: tuple[str, ...] = ("weighted_days_late", "price", "earliest_finish")
"""What the planner optimises, most important first: keep the promises, then the lowest price
at that lateness, then finish as early as possible."""


class Verdict(StrEnum):
    """The plan's overall answer: every promise kept within budget, or not."""

    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"


@dataclass(frozen=True)
class Booking:
    """``minutes`` of ``person``'s time on ``task`` on ``day``."""

    task: str
    person: str
    day: date
    minutes: int

    @property
    def hours(self) -> float:
        """Booked time in hours (exact to the minute)."""
        return self.minutes / 60


@dataclass(frozen=True)
class TaskPlan:
    """When a brief task (or recurring instance) happens and who does it.

    ``start``/``finish`` are the first and last working day of the task (client steps
    included); both are ``None`` only for zero-length milestones placed before any work.
    """

    id: str
    name: str
    kind: str  # "agency" or "client"
    start: date | None
    finish: date | None
    people: tuple[str, ...] = ()
    minutes: int = 0
    role: str | None = None
    deliverable: str | None = None
    source_task: str | None = None  # the brief task a recurring instance came from

    @property
    def hours(self) -> float:
        """Planned agency effort in hours."""
        return self.minutes / 60


@dataclass(frozen=True)
class PromiseOutcome:
    """One promised date and what the plan makes of it."""

    task: str
    name: str
    due: date
    finish: date | None
    slip_days: int  # working days late, 0 when met
    priority: int = 1

    @property
    def met(self) -> bool:
        """True when the plan finishes on or before the promised date."""
        return self.finish is not None and self.slip_days == 0


@dataclass(frozen=True)
class BudgetCheck:
    """Price of the plan against the brief's budget, in the scenario currency."""

    price: float
    budget: float | None
    fixed_costs: float = 0.0
    cost: float | None = None  # internal cost where cost rates are known
    price_by_role: dict[str, float] = field(default_factory=dict)
    price_by_deliverable: dict[str, float] = field(default_factory=dict)
    lowest_price: float | None = None
    """Proven lower bound of the price of any plan that keeps the promises at least as well
    as this one (equal to ``price`` when this plan is proven the cheapest such plan; None
    when nothing is proven)."""

    @property
    def price_is_lowest(self) -> bool:
        """True when no plan keeping the promises at least as well costs less (proven)."""
        return self.lowest_price is not None and self.lowest_price >= self.price - 0.005

    @property
    def over_budget_proven(self) -> bool:
        """True when the budget is exceeded by every plan that keeps the promises at least
        as well as this one (proven), not only by this plan."""
        return (
            self.budget is not None
            and self.lowest_price is not None
            and self.lowest_price > self.budget + 0.005
        )

    @property
    def gap(self) -> float | None:
        """Budget minus price (negative when over budget); None without a budget."""
        return None if self.budget is None else round(self.budget - self.price, 2)

    @property
    def within(self) -> bool:
        """True when there is no budget or the price does not exceed it."""
        return self.budget is None or self.price <= self.budget + 1e-9


@dataclass(frozen=True)
class Plan:
    """A schedule for a scenario, with the promises and budget evaluated on it.

    ``solver_status`` is OPTIMAL (proven best of all plans: fewest weighted days late, then
    the lowest price at that lateness, then the earliest finish), FEASIBLE (valid plan, not
    proven best; ``message`` says why), INFEASIBLE (proven: no plan exists within the
    planning horizon) or UNKNOWN (no plan found within the time limit; nothing is proven).
    """

    title: str
    currency: str
    solver_status: str
    tasks: tuple[TaskPlan, ...]
    bookings: tuple[Booking, ...]
    promises: tuple[PromiseOutcome, ...]
    budget: BudgetCheck
    solve_seconds: float = 0.0
    horizon_end: date | None = None
    message: str = ""
    available_minutes: dict[str, dict[date, int]] = field(default_factory=dict, repr=False)
    clock_stopped: bool = False
    """True when the wall clock (a very busy machine), not the repeatable work budget, ended a
    solver run: the same scenario and seed may then give another plan."""

    def __post_init__(self) -> None:
        if self.solver_status not in SOLVER_STATUSES:
            raise ValueError(f"unknown solver status {self.solver_status!r}")

    @property
    def has_schedule(self) -> bool:
        """True when the plan carries a schedule (OPTIMAL or FEASIBLE)."""
        return self.solver_status in ("OPTIMAL", "FEASIBLE")

    @property
    def promises_met(self) -> bool:
        """True when a schedule exists and every promise holds on it."""
        return self.has_schedule and all(p.met for p in self.promises)

    @property
    def verdict(self) -> Verdict:
        """ "feasible" when every promise is met within budget, else "infeasible"."""
        return Verdict.FEASIBLE if self.promises_met and self.budget.within else Verdict.INFEASIBLE

    @property
    def broken_promises(self) -> tuple[PromiseOutcome, ...]:
        """Promises the plan misses, worst slip first."""
        return tuple(sorted((p for p in self.promises if not p.met), key=lambda p: -p.slip_days))

    def task(self, task_id: str) -> TaskPlan:
        """The planned task with id ``task_id``."""
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)

    # --- tables -------------------------------------------------------------------------
    def bookings_frame(self) -> pd.DataFrame:
        """Every booked hour by task, person and day."""
        rows = [
            {"task": b.task, "person": b.person, "date": b.day, "hours": round(b.hours, 4)}
            for b in self.bookings
        ]
        return pd.DataFrame(rows, columns=["task", "person", "date", "hours"])

    def tasks_frame(self) -> pd.DataFrame:
        """One row per planned task: kind, dates, people, hours."""
        rows = [
            {
                "id": t.id,
                "name": t.name,
                "kind": t.kind,
                "role": t.role,
                "deliverable": t.deliverable,
                "start": t.start,
                "finish": t.finish,
                "people": ", ".join(t.people),
                "hours": round(t.hours, 4),
            }
            for t in self.tasks
        ]
        columns = [
            "id",
            "name",
            "kind",
            "role",
            "deliverable",
            "start",
            "finish",
            "people",
            "hours",
        ]
        return pd.DataFrame(rows, columns=columns)

    def promises_frame(self) -> pd.DataFrame:
        """One row per promise: promised date, planned finish, working days late."""
        rows = [
            {
                "task": p.task,
                "name": p.name,
                "due": p.due,
                "finish": p.finish,
                "slip_days": p.slip_days,
                "met": p.met,
                "priority": p.priority,
            }
            for p in self.promises
        ]
        columns = ["task", "name", "due", "finish", "slip_days", "met", "priority"]
        return pd.DataFrame(rows, columns=columns)

    def utilisation_frame(self) -> pd.DataFrame:
        """Per person: hours available over the plan's span, hours booked, utilisation share."""
        booked: dict[str, int] = {}
        for b in self.bookings:
            booked[b.person] = booked.get(b.person, 0) + b.minutes
        rows = []
        for person, days in self.available_minutes.items():
            available = sum(days.values())
            used = booked.get(person, 0)
            rows.append(
                {
                    "person": person,
                    "available_hours": round(available / 60, 2),
                    "booked_hours": round(used / 60, 2),
                    "utilisation": round(used / available, 4) if available else 0.0,
                }
            )
        return pd.DataFrame(
            rows, columns=["person", "available_hours", "booked_hours", "utilisation"]
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (the CLI's ``--json`` object); dates are ISO strings."""

        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "scenario": self.title,
            "currency": self.currency,
            "verdict": self.verdict,
            "solver_status": self.solver_status,
            "message": self.message,
            "objective": OBJECTIVE_ORDER,
            "repeatable": not self.clock_stopped,
            "solve_seconds": round(self.solve_seconds, 3),
            "promises": [
                {
                    "task": p.task,
                    "name": p.name,
                    "due": iso(p.due),
                    "finish": iso(p.finish),
                    "slip_days": p.slip_days,
                    "met": p.met,
                    "priority": p.priority,
                }
                for p in self.promises
            ],
            "tasks": [
                {
                    "id": t.id,
                    "name": t.name,
                    "kind": t.kind,
                    "start": iso(t.start),
                    "finish": iso(t.finish),
                    "people": list(t.people),
                    "hours": round(t.hours, 4),
                }
                for t in self.tasks
            ],
            "bookings": [
                {"task": b.task, "person": b.person, "date": iso(b.day), "hours": round(b.hours, 4)}
                for b in self.bookings
            ],
            "budget": {
                "budget": self.budget.budget,
                "price": round(self.budget.price, 2),
                "gap": self.budget.gap,
                "within": self.budget.within,
                "lowest_price": self.budget.lowest_price,
                "price_is_lowest": self.budget.price_is_lowest,
                "over_budget_proven": self.budget.over_budget_proven,
                "fixed_costs": self.budget.fixed_costs,
                "price_by_role": {k: round(v, 2) for k, v in self.budget.price_by_role.items()},
                "price_by_deliverable": {
                    k: round(v, 2) for k, v in self.budget.price_by_deliverable.items()
                },
            },
            "utilisation": self.utilisation_frame().to_dict(orient="records"),
        }
