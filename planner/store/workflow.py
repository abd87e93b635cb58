"""What users do with the store: accept a brief, save and compare versions, edit time off.

Each step reads the portfolio, plans with :func:`planner.planning.pipeline.plan_scenario` and writes
in one transaction that names the portfolio revision it planned against; when another user
wrote in between, the brief is planned again against the new portfolio (a few attempts), so
two people accepting at once neither lose nor double-book anyone's hours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.io import dump_yaml
from planner.io.yaml_io import read_yaml
from planner.model import DateRange, Scenario
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import DEFAULT_SETTINGS
from planner.store.engine import StoreError
from planner.store.portfolio import (
    PortfolioCheck,
    check_with_portfolio,
    time_off_days,
    touched_projects,
)
from planner.store.records import StoredProject
from planner.store.repository import StaleWrite, Store
from planner.wording import dates_line, money_line, verdict_sentence

ACCEPT_ATTEMPTS = 3


@dataclass(frozen=True)
class Accepted:
    """A brief stored as a project: the check it was accepted on and what was written."""

    check: PortfolioCheck
    status: str
    bookings: int
    attempts: int


@dataclass(frozen=True)
class PromiseAtRisk:
    """A promise of an accepted project that the re-check no longer keeps."""

    project: str
    promise: str
    due: date
    finish: date | None
    slip_days: int
    kept_before: bool


def accept_brief(
    store: Store,
    scenario: Scenario,
    *,
    status: str = "accepted",
    probability: float | None = None,
    tentative: str = "ignore",
    settings: SolveSettings = DEFAULT_SETTINGS,
    before_write: Callable[[int], None] | None = None,
) -> Accepted:
    """Check ``scenario`` against the portfolio and store it with its planned bookings.

    Parameters
    ----------
    store
        The open store.
    scenario
        The brief (its own file, without the store's bookings).
    status, probability
        ``"accepted"``, or ``"tentative"`` with a win probability.
    tentative
        How other tentative projects count in the check (see ``TENTATIVE_MODES``).
    settings
        Passed to the planner.
    before_write
        Called with the attempt number between planning and writing (tests use it to make
        two processes collide).

    Raises
    ------
    StoreError
        When the brief has no plan at all, or other writes kept coming in.
    """
    for attempt in range(1, ACCEPT_ATTEMPTS + 1):
        check = check_with_portfolio(scenario, store.snapshot(), tentative, settings)
        if not check.plan.has_schedule:
            raise StoreError(
                f"{scenario.title!r} has no plan to book ({verdict_sentence(check.plan)}). "
                "Fix: change the brief until it can be scheduled"
            )
        if before_write is not None:
            before_write(attempt)
        try:
            count = store.record_project(
                scenario,
                check.plan,
                status=status,
                probability=probability,
                expected_revision=check.revision,
            )
        except StaleWrite:
            if attempt == ACCEPT_ATTEMPTS:
                raise
            continue
        return Accepted(check, status, count, attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def stored_scenario(project: StoredProject) -> Scenario:
    """The brief a stored project was planned from."""
    return read_yaml(project.scenario_yaml.encode("utf-8"), f"stored project {project.name!r}")


def change_time_off(
    store: Store,
    name: str,
    time_off: tuple[DateRange, ...],
    expected_version: int,
    settings: SolveSettings = DEFAULT_SETTINGS,
) -> list[PromiseAtRisk]:
    """Replace a person's time off, re-check the accepted projects it touches.

    A project is touched when it books the person on a day that became (or stopped being)
    time off. Stored bookings are not changed: the re-check shows what the new time off
    does to each promise, and the agency decides.

    Returns
    -------
    list of PromiseAtRisk
        Promises the re-checked projects no longer keep, project by project.
    """
    before = store.snapshot().member(name).person
    store.set_time_off(name, time_off, expected_version)
    changed = time_off_days(before.time_off) ^ time_off_days(time_off)
    return recheck(store, touched_projects(store.snapshot(), before, changed), settings)


def recheck(
    store: Store, names: list[str], settings: SolveSettings = DEFAULT_SETTINGS
) -> list[PromiseAtRisk]:
    """Plan the named projects again against the portfolio; the promises they now break."""
    portfolio = store.snapshot()
    risks: list[PromiseAtRisk] = []
    for name in names:
        project = portfolio.project(name)
        kept = {t.task for t in project.tasks if t.due and t.finish and t.finish <= t.due}
        plan = check_with_portfolio(stored_scenario(project), portfolio, "ignore", settings).plan
        risks.extend(
            PromiseAtRisk(name, p.name, p.due, p.finish, p.slip_days, p.task in kept)
            for p in plan.promises
            if not p.met
        )
    return risks


def check_summary(plan: Plan) -> dict[str, Any]:
    """What a saved version keeps of its check (JSON-ready; dates as ISO strings)."""
    utilisation = plan.utilisation_frame()
    return {
        "verdict": plan.verdict,
        "sentence": verdict_sentence(plan),
        "dates": dates_line(plan),
        "money": money_line(plan),
        "solver_status": plan.solver_status,
        "currency": plan.currency,
        "price": plan.budget.price,
        "budget": plan.budget.budget,
        "cost": plan.budget.cost,
        "promises": [
            {
                "name": p.name,
                "due": p.due.isoformat(),
                "finish": p.finish.isoformat() if p.finish else None,
                "slip_days": p.slip_days,
            }
            for p in plan.promises
        ],
        "utilisation": {
            row.person: float(row.utilisation) for row in utilisation.itertuples(index=False)
        },
    }


def save_version(
    store: Store,
    scenario: Scenario,
    label: str,
    tentative: str = "ignore",
    settings: SolveSettings = DEFAULT_SETTINGS,
) -> PortfolioCheck:
    """Check a version of a brief against the portfolio and save it under ``label``."""
    if not label.strip():
        raise StoreError("a saved version needs a label, e.g. 'as asked' or '+1 week'")
    check = check_with_portfolio(scenario, store.snapshot(), tentative, settings)
    store.save_version(
        scenario.title, label.strip(), dump_yaml(scenario), check_summary(check.plan)
    )
    return check
