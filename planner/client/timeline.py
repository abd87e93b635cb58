"""Dates for a client: is the timeline realistic at the assumed capacity, and if not, why.

The brief is planned by the same CP-SAT planner as any agency scenario, over anonymous people
from the rate card (:func:`planner.client.scenario.market_scenario`), once at the typical
effort and, when that holds, once at the high effort. The reasons are plain arithmetic on the
same working-day calendar, so each can be checked by hand: the client's own review days on the
longest chain before a date, the shortest possible chain of steps, and the hours a role needs
before a date against the hours the assumed people have by then.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from planner.client.model import ClientBrief, Deliverable, RateCard
from planner.client.pricing import prerequisites
from planner.client.scenario import market_scenario
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import DEFAULT_SETTINGS, PlanningContext, plan_context, prepare

TIMELINE_VERDICTS: tuple[str, ...] = ("realistic", "tight", "unrealistic", "undecided")
"""``realistic``: every date holds even at the high effort; ``tight``: at the typical effort
only; ``unrealistic``: a date breaks at the typical effort; ``undecided``: no plan was found
in the time limit."""


@dataclass(frozen=True)
class DateLine:
    """One promised date and the planned finish of its deliverable (typical effort)."""

    deliverable: str
    name: str
    due: date
    finish: date | None
    days_late: int


@dataclass(frozen=True)
class Reason:
    """Why a date is hard to keep, as figures a sentence is made of.

    ``kind`` is ``reviews`` (``days`` of the client's own reviews out of ``window`` working
    days), ``chain`` (the steps in order take at least ``days`` working days, ``window``
    available), ``capacity`` (``role`` needs ``needed`` hours for everything due by the date,
    the assumed people have ``available``) or ``shared`` (no single cause: several deliverables
    compete).
    """

    kind: str
    deliverable: str
    window: int
    days: int = 0
    role: str = ""
    needed: float = 0.0
    available: float = 0.0


@dataclass(frozen=True)
class Timeline:
    """The date answer: verdict, dates per deliverable, the finish, and reasons."""

    verdict: str
    dates: tuple[DateLine, ...]
    finish: date | None
    reasons: tuple[Reason, ...]
    solver_status: str
    high_effort_holds: bool | None


def plan_brief(
    brief: ClientBrief, card: RateCard, point: str, settings: SolveSettings
) -> tuple[PlanningContext, Plan]:
    """The brief planned at ``point`` effort over the card's anonymous capacity."""
    scenario = market_scenario(brief, card, point)
    context = prepare(scenario)
    return context, plan_context(context, settings)


def check_timeline(
    brief: ClientBrief, card: RateCard, settings: SolveSettings = DEFAULT_SETTINGS
) -> Timeline:
    """Plan the brief and say whether its dates are realistic, with reasons.

    Parameters
    ----------
    brief, card:
        The client's brief and the rate card standing in for an agency.
    settings:
        Passed to the planner (each of the up to two plans).
    """
    context, plan = plan_brief(brief, card, "typical", settings)
    dates = _date_lines(brief, plan)
    finish = max((t.finish for t in plan.tasks if t.finish), default=None)
    if not plan.has_schedule:
        return Timeline("undecided", dates, None, (), plan.solver_status, None)
    late = [line for line in dates if line.days_late]
    reasons = tuple(r for line in late for r in explain_date(brief, card, context, line))
    if late:
        return Timeline("unrealistic", dates, finish, reasons, plan.solver_status, None)
    _context, high = plan_brief(brief, card, "high", settings)
    holds = high.has_schedule and not high.broken_promises
    verdict = "realistic" if holds else "tight"
    return Timeline(verdict, dates, finish, (), plan.solver_status, holds)


def _date_lines(brief: ClientBrief, plan: Plan) -> tuple[DateLine, ...]:
    finish_by: dict[str, date] = {}
    for task in plan.tasks:
        key = task.id.rpartition("__")[0]
        if task.finish and (key not in finish_by or task.finish > finish_by[key]):
            finish_by[key] = task.finish
    slip: dict[str, int] = {}
    for promise in plan.promises:
        key = promise.task.rpartition("__")[0]
        slip[key] = max(slip.get(key, 0), promise.slip_days)
    return tuple(
        DateLine(d.id, d.label, d.due, finish_by.get(d.id), slip.get(d.id, 0))
        for d in brief.deliverables
        if d.due is not None
    )


def explain_date(
    brief: ClientBrief, card: RateCard, context: PlanningContext, line: DateLine
) -> list[Reason]:
    """The reasons the date of ``line`` is missed, in the order a client can act on them."""
    calendar = context.calendar
    window = calendar.index_on_or_before(line.due) + 1
    days, reviews = longest_chain(brief, card, line.deliverable)
    # Everything promised by this date competes for the same people before it.
    reasons = []
    if reviews:
        reasons.append(Reason("reviews", line.deliverable, window, days=reviews))
    if days > window:
        reasons.append(Reason("chain", line.deliverable, window, days=days))
    by_then = [d.id for d in brief.deliverables if d.due is not None and d.due <= line.due]
    for role, needed in role_hours(brief, [line.deliverable, *by_then]).items():
        available = (
            sum(
                minutes
                for person in context.scenario.team
                if role in person.roles
                for day, minutes in calendar.available_by_day(person.name).items()
                if day <= line.due
            )
            / 60
        )
        if needed > available + 1e-9:
            reasons.append(
                Reason(
                    "capacity",
                    line.deliverable,
                    window,
                    role=role,
                    needed=needed,
                    available=available,
                )
            )
    if not any(r.kind in ("chain", "capacity") for r in reasons):
        reasons.append(Reason("shared", line.deliverable, window))
    return reasons


def step_days(item: Deliverable, card: RateCard) -> int:
    """Fewest working days the agency work of ``item`` can take with every assumed person of
    each role on it (roles in parallel)."""
    days = 0
    for role, hours in item.effort:
        rate = card.role(role)
        per_day = rate.people * rate.share * card.hours_per_week / 5
        days = max(days, math.ceil(hours.typical / per_day - 1e-9))
    return days


def longest_chain(brief: ClientBrief, card: RateCard, deliverable_id: str) -> tuple[int, int]:
    """Working days of the longest chain of steps ending with ``deliverable_id`` and the
    client review days on it: ``(days, review_days)``."""
    memo: dict[str, tuple[int, int]] = {}

    def chain(key: str) -> tuple[int, int]:
        if key not in memo:
            item = brief.deliverable(key)
            before = max((chain(b) for b in item.after), default=(0, 0))
            memo[key] = (
                before[0] + step_days(item, card) + item.review_days,
                before[1] + item.review_days,
            )
        return memo[key]

    return chain(deliverable_id)


def role_hours(brief: ClientBrief, deliverable_ids: list[str]) -> dict[str, float]:
    """Typical hours per role of the given deliverables and everything they wait for (each
    counted once): work that must all be done by the latest of their dates."""
    needed: dict[str, float] = {}
    keys = dict.fromkeys(key for item in deliverable_ids for key in prerequisites(brief, item))
    for key in keys:
        for role, hours in brief.deliverable(key).effort:
            needed[role] = needed.get(role, 0.0) + hours.typical
    return needed
