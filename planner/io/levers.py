"""The ``levers:`` section: what changes the planner may propose, read, checked and written.

YAML mirrors :class:`~planner.model.Levers` one to one (``from`` is a freelancer's
``available_from``). In a workbook the on/off switches and default price are rows of the
``settings`` sheet (``move_dates``, ``date_penalty_per_day``, ``drop_optional``,
``shrink_optional_to``, ``raise_budget``) and the lists share one ``levers`` sheet with the
columns ``lever``, ``target``, ``amount``, ``price`` and ``from``:

========== =================== ===================== ==================== =============
lever      target              amount                price                from
========== =================== ===================== ==================== =============
date       promised task id                          price per day late
overtime   person              most extra hours/week price per hour
freelancer role                hours per week        rate per hour        first day
turnaround client step id      most days saved       price per day saved
========== =================== ===================== ==================== =============
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from planner.io.errors import N_, Message, Path, Problem, did_you_mean, join
from planner.io.schema import LeversIn, ScenarioIn
from planner.model import (
    DatePenalty,
    FreelancerOption,
    Levers,
    OvertimeOption,
    TurnaroundOption,
)

LEVERS: Path = ("levers",)
SWITCHES: tuple[tuple[str, str], ...] = (
    ("move_dates", "bool"),
    ("date_penalty_per_day", "number"),
    ("drop_optional", "bool"),
    ("shrink_optional_to", "number"),
    ("raise_budget", "bool"),
)
"""Lever settings that are single values (the ``settings`` sheet rows), with their kinds."""
SHEET_LISTS: dict[str, tuple[str, str, str | None, str, str | None]] = {
    "date": ("date_penalties", "task", None, "per_day", None),
    "overtime": ("overtime", "person", "max_hours_per_week", "cost_per_hour", None),
    "freelancer": ("freelancers", "role", "hours_per_week", "rate", "from"),
    "turnaround": ("turnaround", "task", "max_days", "penalty_per_day", None),
}
"""``levers`` sheet kind → (YAML list, target field, amount field, price field, date field)."""


def levers_model(doc: LeversIn | None) -> Levers | None:
    """The domain levers of a validated section (None when the section is absent)."""
    if doc is None:
        return None
    return Levers(
        move_dates=doc.move_dates,
        date_penalty_per_day=doc.date_penalty_per_day,
        date_penalties=tuple(DatePenalty(d.task, d.per_day) for d in doc.date_penalties),
        overtime=tuple(
            OvertimeOption(o.person, o.max_hours_per_week, o.cost_per_hour) for o in doc.overtime
        ),
        freelancers=tuple(
            FreelancerOption(f.role, f.hours_per_week, f.rate, f.from_) for f in doc.freelancers
        ),
        drop_optional=doc.drop_optional,
        shrink_optional_to=doc.shrink_optional_to,
        turnaround=tuple(
            TurnaroundOption(t.task, t.max_days, t.penalty_per_day) for t in doc.turnaround
        ),
        raise_budget=doc.raise_budget,
    )


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def levers_dict(levers: Levers | None) -> dict[str, Any] | None:
    """The section as a YAML-ready dict leaving out defaults (None when absent).

    Default-only levers are written as ``{move_dates: true}`` so that the section survives a
    round trip instead of turning into "no section".
    """
    if levers is None:
        return None
    default = Levers()
    out: dict[str, Any] = {}
    for name, _ in SWITCHES:
        value = getattr(levers, name)
        if value != getattr(default, name):
            out[name] = _number(value) if isinstance(value, float) else value
    lists: dict[str, list[dict[str, Any]]] = {
        "date_penalties": [
            {"task": d.task, "per_day": _number(d.per_day)} for d in levers.date_penalties
        ],
        "overtime": [
            {
                "person": o.person,
                "max_hours_per_week": _number(o.max_hours_per_week),
                "cost_per_hour": _number(o.cost_per_hour),
            }
            for o in levers.overtime
        ],
        "freelancers": [
            {
                "role": f.role,
                "hours_per_week": _number(f.hours_per_week),
                "rate": _number(f.rate),
                **({"from": f.available_from} if f.available_from else {}),
            }
            for f in levers.freelancers
        ],
        "turnaround": [
            {"task": t.task, "max_days": t.max_days, "penalty_per_day": _number(t.penalty_per_day)}
            for t in levers.turnaround
        ],
    }
    out.update({key: items for key, items in lists.items() if items})
    return out or {"move_dates": True}


def check_levers(doc: ScenarioIn | None, names: list[str]) -> Iterator[Problem]:
    """Levers that name unknown people, roles or tasks, or a task of the wrong kind."""
    if doc is None or doc.levers is None:
        return
    levers = doc.levers
    tasks = {t.id: t for t in doc.brief.tasks}
    roles = sorted(
        {r for p in doc.team for r in p.roles} | {t.role for t in tasks.values() if t.role}
    )
    for i, item in enumerate(levers.date_penalties):
        task = tasks.get(item.task)
        if task is None or (task.due is None and task.due_within is None):
            promised = sorted(t.id for t in tasks.values() if t.due or t.due_within is not None)
            yield _unknown((*LEVERS, "date_penalties", i, "task"), item.task, promised, "promise")
    for i, item in enumerate(levers.overtime):
        if item.person not in names:
            yield _unknown((*LEVERS, "overtime", i, "person"), item.person, names, "team member")
    for i, item in enumerate(levers.freelancers):
        if item.role not in roles:
            yield _unknown((*LEVERS, "freelancers", i, "role"), item.role, roles, "role")
    for i, item in enumerate(levers.turnaround):
        task = tasks.get(item.task)
        if task is None or task.client_days is None:
            steps = sorted(t.id for t in tasks.values() if t.client_days is not None)
            yield _unknown((*LEVERS, "turnaround", i, "task"), item.task, steps, "client step")


def _unknown_words(what: str, value: str, shown: str) -> tuple[Message, Message]:
    """What is unknown and the listing of what is known, per kind of reference."""
    if what == "promise":
        return (
            N_("{value!r} is not a promise of this scenario", value=value),
            N_("promises: {shown}", shown=shown),
        )
    if what == "team member":
        return (
            N_("{value!r} is not a team member of this scenario", value=value),
            N_("team members: {shown}", shown=shown),
        )
    if what == "role":
        return (
            N_("{value!r} is not a role of this scenario", value=value),
            N_("roles: {shown}", shown=shown),
        )
    return (
        N_("{value!r} is not a client step of this scenario", value=value),
        N_("client steps: {shown}", shown=shown),
    )


def _unknown(path: Path, value: str, options: list[str], what: str) -> Problem:
    guess = did_you_mean(value, options)
    shown = ", ".join(options[:12]) or N_("none")
    message, listing = _unknown_words(what, value, shown)
    return Problem(path, message, join([guess, listing]))


# --- workbook form ----------------------------------------------------------------------------
def sheet_rows(levers: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The list levers as rows of the ``levers`` sheet."""
    rows: list[dict[str, Any]] = []
    for kind, (key, target, amount, price, day) in SHEET_LISTS.items():
        for item in (levers or {}).get(key, []):
            rows.append(
                {
                    "lever": kind,
                    "target": item[target],
                    "amount": item.get(amount) if amount else None,
                    "price": item[price],
                    "from": item.get(day) if day else None,
                }
            )
    return rows


def sheet_item(cells: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """A ``levers`` sheet row as (YAML list name, entry); the name is None for a bad kind."""
    kind = str(cells.get("lever", "")).strip().lower()
    if kind not in SHEET_LISTS:
        return None, {}
    key, target, amount, price, day = SHEET_LISTS[kind]
    entry = {target: cells.get("target"), price: cells.get("price")}
    if amount:
        entry[amount] = cells.get("amount")
    if day and cells.get("from") is not None:
        entry[day] = cells["from"]
    return key, {k: v for k, v in entry.items() if v is not None}
