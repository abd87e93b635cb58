"""A brief checked against the portfolio: other projects' bookings become its commitments.

This module joins the store to the planner (it calls
:func:`planner.planning.pipeline.plan_scenario`),
so it sits one step later in the flow than the rest of :mod:`planner.store`.

Bookings of other projects reach the brief as commitments labelled only ``"booked"``: the
client a booking is for never travels into a check, so nothing made from the check (report,
explanation, charts) can name another client.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction

from planner.model import Commitment, DateRange, Person, Scenario
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import DEFAULT_SETTINGS, plan_scenario
from planner.store.records import Portfolio, StoredBooking, StoredProject

TENTATIVE_MODES: tuple[str, ...] = ("ignore", "weighted", "full")
"""How tentative projects count: not at all, by win probability, or as if accepted."""

BOOKED_LABEL = "booked"
"""The only name other projects' work carries inside a check."""


@dataclass(frozen=True)
class PortfolioCheck:
    """A brief checked against the portfolio at ``revision``."""

    scenario: Scenario  # the brief with the store's team records and bookings as commitments
    plan: Plan
    revision: int


def project_weight(project: StoredProject, tentative: str) -> float:
    """The share of a project's bookings a check counts (0 to 1).

    Accepted and done projects count in full; tentative ones by ``tentative``
    (:data:`TENTATIVE_MODES`).
    """
    if tentative not in TENTATIVE_MODES:
        raise ValueError(f"tentative must be one of {TENTATIVE_MODES}, not {tentative!r}")
    if project.status != "tentative":
        return 1.0
    if tentative == "ignore":
        return 0.0
    return 1.0 if tentative == "full" else float(project.probability or 0.0)


def booked_minutes(
    portfolio: Portfolio, tentative: str = "ignore", exclude: str | None = None
) -> dict[str, dict[date, int]]:
    """Minutes per person per day the portfolio holds, tentative work counted by ``tentative``.

    Weighted minutes are rounded up per project and day, so free time is never overstated.
    ``exclude`` names a project left out (the brief being re-checked itself).
    """
    booked: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for project in portfolio.projects:
        weight = project_weight(project, tentative)
        if project.name == exclude or weight == 0:
            continue
        for (person, day), minutes in _per_day(project.bookings).items():
            booked[person][day] += math.ceil(Fraction(minutes) * Fraction(str(weight)))
    return {person: dict(days) for person, days in booked.items()}


def _per_day(bookings: Iterable[StoredBooking]) -> dict[tuple[str, date], int]:
    minutes: dict[tuple[str, date], int] = defaultdict(int)
    for b in bookings:
        minutes[(b.person, b.day)] += b.minutes
    return minutes


def commitments_from_minutes(
    minutes: dict[str, dict[date, int]], workdays: Callable[[str], tuple[int, ...]]
) -> tuple[Commitment, ...]:
    """Commitments that take exactly ``minutes`` from each person's days.

    A commitment is hours per week spread evenly over the person's workdays, and the calendar
    rounds its share per day up to whole minutes; the hours are therefore written just below
    ``minutes × workdays / 60`` (to 10⁻⁶ h), which the calendar rounds back to the exact
    minutes. Runs of days with equal minutes become one commitment.
    """
    commitments: list[Commitment] = []
    for person in sorted(minutes):
        days = workdays(person)
        if not days:
            continue
        for start, end, per_day in _runs(minutes[person], days):
            exact = Fraction(per_day * len(days), 60)
            hours = float(Fraction(math.floor(exact * 10**6), 10**6))
            commitments.append(Commitment(person, DateRange(start, end), hours, BOOKED_LABEL))
    return tuple(commitments)


def _runs(by_day: dict[date, int], workdays: tuple[int, ...]) -> Iterable[tuple[date, date, int]]:
    """Consecutive booked workdays with equal minutes (skipping only non-workdays)."""
    run: list[date] = []
    for day in sorted(d for d, m in by_day.items() if m > 0):
        if run and by_day[run[-1]] == by_day[day] and _adjacent(run[-1], day, workdays):
            run.append(day)
            continue
        if run:
            yield run[0], run[-1], by_day[run[0]]
        run = [day]
    if run:
        yield run[0], run[-1], by_day[run[0]]


def _adjacent(earlier: date, later: date, workdays: tuple[int, ...]) -> bool:
    day = earlier + timedelta(days=1)
    while day < later:
        if day.weekday() in workdays:
            return False
        day += timedelta(days=1)
    return True


def with_portfolio(scenario: Scenario, portfolio: Portfolio, tentative: str = "ignore") -> Scenario:
    """The brief as the portfolio sees it.

    Team members the store knows take the store's record (hours, workdays, rates, time off),
    keeping any extra role the brief gives them (a brief may name who can do its own kind of
    work); people only the brief lists stay as they are. Every other project's bookings are
    added to the brief's own commitments (a project named like the brief is the brief itself
    and is left out, so re-checking an accepted brief does not count it twice).
    """
    stored = {p.name: p for p in portfolio.people}
    team = tuple(_member(p, stored.get(p.name)) for p in scenario.team)
    people = {p.name: p for p in team}
    minutes = booked_minutes(portfolio, tentative, exclude=scenario.title)
    minutes = {name: days for name, days in minutes.items() if name in people}

    def workdays(name: str) -> tuple[int, ...]:
        own = people[name].workdays
        return own if own is not None else scenario.calendar.workdays

    extra = commitments_from_minutes(minutes, workdays)
    return replace(scenario, team=team, commitments=scenario.commitments + extra)


def _member(brief_person: Person, stored: Person | None) -> Person:
    if stored is None:
        return brief_person
    extra = tuple(r for r in brief_person.roles if r not in stored.roles)
    return replace(stored, roles=stored.roles + extra)


def check_with_portfolio(
    scenario: Scenario,
    portfolio: Portfolio,
    tentative: str = "ignore",
    settings: SolveSettings = DEFAULT_SETTINGS,
) -> PortfolioCheck:
    """Plan the brief against everything the portfolio already holds.

    Parameters
    ----------
    scenario
        The brief as read from its file.
    portfolio
        A snapshot of the store (:meth:`planner.store.Store.snapshot`).
    tentative
        How tentative projects count (:data:`TENTATIVE_MODES`).
    settings
        Passed to :func:`planner.planning.pipeline.plan_scenario`.
    """
    merged = with_portfolio(scenario, portfolio, tentative)
    plan = plan_scenario(merged, settings)
    return PortfolioCheck(merged, plan, portfolio.revision)


def time_off_days(ranges: Iterable[DateRange]) -> set[date]:
    """Every calendar day inside ``ranges``."""
    days: set[date] = set()
    for r in ranges:
        days.update(r.start + timedelta(days=i) for i in range((r.end - r.start).days + 1))
    return days


def touched_projects(portfolio: Portfolio, person: Person, days: set[date]) -> list[str]:
    """Accepted projects that book ``person`` on any of ``days``."""
    return [
        project.name
        for project in portfolio.projects
        if project.status == "accepted"
        and any(b.person == person.name and b.day in days for b in project.bookings)
    ]
