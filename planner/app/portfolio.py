"""Plain-Python helpers behind the app's Portfolio page (``pages/2_Portfolio.py``).

The page only lays out widgets; everything it shows or writes goes through here, and every
failure comes back as a sentence for the page, never a traceback. The page is for the agency:
it shows its own projects and clients. Checks of a brief get other projects' work only as
"booked" hours (see :mod:`planner.store.portfolio`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy.exc import SQLAlchemyError

from planner.app.words import _, language, ngettext
from planner.charts.pipeline import pipeline_heatmap
from planner.i18n import N_
from planner.io import ScenarioError
from planner.model import DateRange, Person, Scenario
from planner.planning import SolveSettings
from planner.store import (
    Portfolio,
    Store,
    StoreError,
    accept_brief,
    change_time_off,
    comparison_frame,
    pipeline,
    save_version,
)
from planner.wording import verdict_sentence

STATUS_LABELS = {"accepted": N_("Accepted"), "tentative": N_("Tentative"), "done": N_("Done")}
TIME_OFF_COLUMNS = ("from", "to")


@dataclass(frozen=True)
class Outcome:
    """What a page action did: ``kind`` is ``"ok"``, ``"warning"`` or ``"error"``."""

    kind: str
    message: str
    details: pd.DataFrame | None = None


def failed(error: Exception) -> Outcome:
    """A store or input error as a message for the page."""
    if isinstance(error, SQLAlchemyError):
        reason = getattr(error, "orig", error)
        return Outcome("error", _("The store could not be used: {reason}").format(reason=reason))
    return Outcome("error", str(error))


def open_store(db: str | None) -> Store:
    """Open the store ``db`` (URL or file; empty: the default one).

    Raises
    ------
    StoreError
        With a sentence for the page when it cannot be opened.
    """
    try:
        return Store.open(db or None)
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", error)
        raise StoreError(
            _("The store could not be opened: {reason}").format(reason=reason)
        ) from None


def read(store: Store) -> Portfolio:
    """The portfolio now (raises :class:`StoreError` with a sentence when it cannot be read)."""
    try:
        return store.snapshot()
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", error)
        raise StoreError(_("The store could not be read: {reason}").format(reason=reason)) from None


def pipeline_start(portfolio: Portfolio, today: date) -> date:
    """Where the heatmap starts: this week, or the first booked week when all work lies ahead
    or all of it is past (so a fresh store of sample projects shows its work)."""
    days = sorted(b.day for p in portfolio.projects for b in p.bookings)
    if not days:
        return today
    upcoming = [d for d in days if d >= today]
    return today if upcoming and upcoming[0] <= today else (upcoming or days)[0]


def team_table(portfolio: Portfolio) -> pd.DataFrame:
    """The team as the page lists it: roles, hours, rates, days off."""
    rows = [
        {
            "person": p.name,
            "roles": ", ".join(p.roles),
            "hours_per_week": p.hours_per_week,
            "bill_rate": p.bill_rate,
            "cost_rate": p.cost_rate,
            "days_off_ranges": len(p.time_off),
        }
        for p in portfolio.people
    ]
    columns = ["person", "roles", "hours_per_week", "bill_rate", "cost_rate", "days_off_ranges"]
    return pd.DataFrame(rows, columns=columns)


TEAM_EDITABLE = ("roles", "hours_per_week", "bill_rate", "cost_rate")


def team_from_table(portfolio: Portfolio, frame: pd.DataFrame) -> tuple[list[Person], list[str]]:
    """The people whose roles, hours or rates the edited team table changes, and problems."""
    changed: list[Person] = []
    problems: list[str] = []
    for row in frame.to_dict(orient="records"):
        name = str(row.get("person"))
        try:
            person = portfolio.member(name).person
        except KeyError:
            continue
        roles = tuple(r.strip() for r in str(row.get("roles") or "").split(",") if r.strip())
        hours, bill, cost = (_number(row.get(k)) for k in TEAM_EDITABLE[1:])
        if not roles:
            problems.append(_("{name}: give at least one role, e.g. designer.").format(name=name))
        if hours is None or not 0 < hours <= 168:
            problems.append(
                _("{name}: hours per week must be more than 0 and at most 168.").format(name=name)
            )
        if bill is None or bill < 0 or (cost is not None and cost < 0):
            problems.append(_("{name}: rates must be numbers of at least 0.").format(name=name))
        if problems:
            continue
        edited = replace(person, roles=roles, hours_per_week=hours, bill_rate=bill, cost_rate=cost)
        if edited != person:
            changed.append(edited)
    return changed, problems


def _number(value: Any) -> float | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def save_team(
    store: Store, portfolio: Portfolio, frame: pd.DataFrame, versions: dict[str, int]
) -> Outcome:
    """Save the edited team table in one transaction, each person from the version seen."""
    changed, problems = team_from_table(portfolio, frame)
    if problems:
        return Outcome("error", _("Team not saved.") + " " + " ".join(problems))
    if not changed:
        return Outcome("ok", _("Nothing to save: the team is as stored."))
    try:
        store.save_people([(p, versions[p.name]) for p in changed])
    except (StoreError, SQLAlchemyError) as error:
        return failed(error)
    return Outcome("ok", _("Saved {names}.").format(names=", ".join(p.name for p in changed)))


def time_off_table(portfolio: Portfolio, name: str) -> pd.DataFrame:
    """One person's time off as an editable table (``from``, ``to``)."""
    person = portfolio.member(name).person
    frame = pd.DataFrame(
        [{"from": r.start, "to": r.end} for r in person.time_off], columns=list(TIME_OFF_COLUMNS)
    )
    return frame.astype("object")


def time_off_from_table(frame: pd.DataFrame) -> tuple[tuple[DateRange, ...], list[str]]:
    """Date ranges from the edited table, and a sentence per row that is not a valid range."""
    ranges: list[DateRange] = []
    problems: list[str] = []
    for number, row in enumerate(frame.to_dict(orient="records"), start=1):
        start, end = _day(row.get("from")), _day(row.get("to"))
        if start is None and end is None:
            continue
        if start is None or end is None:
            problems.append(
                _("Row {number}: give both the first and the last day off.").format(number=number)
            )
        elif end < start:
            problems.append(
                _("Row {number}: the last day ({end}) is before the first ({start}).").format(
                    number=number, end=end, start=start
                )
            )
        else:
            ranges.append(DateRange(start, end))
    return tuple(ranges), problems


def _day(value: Any) -> date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def save_time_off(
    store: Store, name: str, frame: pd.DataFrame, version: int, time_limit: float
) -> Outcome:
    """Save a person's edited time off and list the accepted promises now at risk."""
    ranges, problems = time_off_from_table(frame)
    if problems:
        return Outcome("error", _("Time off not saved.") + " " + " ".join(problems))
    try:
        risks = change_time_off(store, name, ranges, version, SolveSettings(time_limit=time_limit))
    except (StoreError, ScenarioError, SQLAlchemyError) as error:
        return failed(error)
    if not risks:
        message = _("Time off of {name} saved. No accepted promise is at risk.")
        return Outcome("ok", message.format(name=name))
    details = pd.DataFrame(
        [
            {
                "project": r.project,
                "promise": r.promise,
                "promised": r.due,
                "now planned": r.finish,
                "working days late": r.slip_days,
                "kept before": "yes" if r.kept_before else "no",
            }
            for r in risks
        ]
    )
    count = len(risks)
    return Outcome(
        "warning",
        ngettext(
            "Time off of {name} saved. {count} promise of accepted projects now at risk:",
            "Time off of {name} saved. {count} promises of accepted projects now at risk:",
            count,
        ).format(name=name, count=count),
        details,
    )


def projects_table(portfolio: Portfolio) -> pd.DataFrame:
    """Projects with status, win probability and booked hours (agency view)."""
    rows = []
    for p in portfolio.projects:
        days = [b.day for b in p.bookings]
        rows.append(
            {
                "project": p.name,
                "client": p.client,
                "status": _(STATUS_LABELS[p.status]),
                "win probability": p.probability,
                "booked hours": round(p.booked_minutes / 60, 2),
                "first day": min(days) if days else None,
                "last day": max(days) if days else None,
            }
        )
    columns = ["project", "client", "status", "win probability", "booked hours"]
    return pd.DataFrame(rows, columns=[*columns, "first day", "last day"])


def set_status(
    store: Store, name: str, status: str, probability: float | None, version: int
) -> Outcome:
    """Change a project's status from ``version``; refused when someone else changed it."""
    try:
        store.set_status(name, status, probability if status == "tentative" else None, version)
    except (StoreError, SQLAlchemyError) as error:
        return failed(error)
    label = _(STATUS_LABELS[status]).lower()
    return Outcome("ok", _("{name} is now {status}.").format(name=name, status=label))


def accept(
    store: Store,
    scenario: Scenario,
    probability: float | None,
    tentative: str,
    time_limit: float,
) -> Outcome:
    """Accept a checked brief (or mark it tentative when ``probability`` is given)."""
    status = "accepted" if probability is None else "tentative"
    try:
        result = accept_brief(
            store,
            scenario,
            status=status,
            probability=probability,
            tentative=tentative,
            settings=SolveSettings(time_limit=time_limit),
        )
    except (StoreError, SQLAlchemyError) as error:
        return failed(error)
    again = _(" It was checked again first: someone else changed the portfolio.") * (
        result.attempts > 1
    )
    stored = (
        _("{title} is accepted: {count} bookings stored.")
        if status == "accepted"
        else _("{title} is tentative: {count} bookings stored.")
    )
    return Outcome(
        "ok",
        stored.format(title=scenario.title, count=result.bookings)
        + f" {verdict_sentence(result.check.plan)}{again}",
    )


def save_checked_version(
    store: Store, scenario: Scenario, label: str, tentative: str, time_limit: float
) -> Outcome:
    """Check a brief against the portfolio and save it as version ``label``."""
    try:
        save_version(store, scenario, label, tentative, SolveSettings(time_limit=time_limit))
    except (StoreError, SQLAlchemyError) as error:
        return failed(error)
    return Outcome(
        "ok", _("Saved {label!r} of {title}.").format(label=label.strip(), title=scenario.title)
    )


def pipeline_figures(
    portfolio: Portfolio, start: date, weeks: int, tentative: str
) -> tuple[go.Figure, go.Figure]:
    """The capacity heatmaps by person and by role."""
    data = pipeline(portfolio, start, weeks, tentative)
    lang = language()
    return (
        pipeline_heatmap(data.by_person, "person", lang),
        pipeline_heatmap(data.by_role, "role", lang),
    )


def versions_table(store: Store, brief: str, audience: str) -> pd.DataFrame:
    """Saved versions of ``brief`` side by side (client audience: no cost, no people)."""
    return comparison_frame(store.versions(brief), audience)
