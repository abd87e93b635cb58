"""What changed between the brief as received and the scenario being planned.

After an alternative is applied (or the brief is edited) the verdict, the report and the
exports say so: "Changes from the brief as received", each line with the original value, so
a budget is never raised, a date never moved and a review never shortened silently. The list
is computed by comparing the two scenarios, so it is complete whatever made the change.

Usage::

    lines = brief_changes(received, current)   # [] when nothing changed
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from planner.model import Person, Scenario, Task
from planner.wording import day_text, days_text, hours_text, listing, money, readable_key

CHANGES_HEADING = "Changes from the brief as received"


def brief_changes(received: Scenario | None, current: Scenario) -> list[str]:
    """Each difference between ``received`` and ``current`` as one plain sentence.

    Parameters
    ----------
    received
        The scenario as it first arrived (None: nothing to compare with).
    current
        The scenario as planned now.

    Returns
    -------
    list of str
        Budget, tasks (promised dates, client review days, hours, added, removed), team
        (people added or removed, hours a week) and overtime, in that order; empty when the
        two are the same.
    """
    if received is None or received == current:
        return []
    lines = _budget_lines(received, current)
    lines += _task_lines(received, current)
    lines += _team_lines(received, current)
    lines += _overtime_lines(received, current)
    return lines


def _budget_lines(received: Scenario, current: Scenario) -> list[str]:
    before, after = received.brief.budget, current.brief.budget
    if before == after:
        return []
    cur = current.currency
    if after is None:
        return [f"Budget removed (as received: {money(before or 0, cur)})"]
    if before is None:
        return [f"Budget set to {money(after, cur)} (as received: no budget)"]
    way = "raised" if after > before else "lowered"
    return [
        f"Budget {way} by {money(abs(after - before), cur)} to {money(after, cur)} "
        f"(as received: {money(before, cur)})"
    ]


def _due_text(task: Task) -> str:
    if task.due is not None:
        return day_text(task.due)
    if task.due_within is not None:
        return f"within {days_text(task.due_within)}"
    return "no promised date"


_TASK_FIELDS: tuple[tuple[str, Callable[[Task], object], Callable[[Task], str]], ...] = (
    ("promised date", lambda t: (t.due, t.due_within), _due_text),
    (
        "client review",
        lambda t: t.client_days,
        lambda t: days_text(t.client_days or 0) if t.client_days is not None else "none",
    ),
    ("effort", lambda t: round(t.hours * 60), lambda t: hours_text(round(t.hours * 60))),
)


def _task_lines(received: Scenario, current: Scenario) -> list[str]:
    old = {t.id: t for t in received.brief.tasks}
    new = {t.id: t for t in current.brief.tasks}
    lines = []
    for task_id, task in old.items():
        if task_id not in new:
            lines.append(f"{task.label} left out of the brief")
            continue
        for name, value, text in _TASK_FIELDS:
            if value(task) != value(new[task_id]):
                lines.append(
                    f"{task.label}: {name} {text(new[task_id])} (as received: {text(task)})"
                )
    for task_id, task in new.items():
        if task_id not in old:
            lines.append(f"{task.label} added to the brief")
    return lines


def _team_lines(received: Scenario, current: Scenario) -> list[str]:
    old = {p.name: p for p in received.team}
    new = {p.name: p for p in current.team}
    lines = [f"{name} no longer in the team" for name in old if name not in new]
    for name, person in new.items():
        if name not in old:
            lines.append(f"{name} added to the team ({_person_text(person, current.start)})")
        elif person.hours_per_week != old[name].hours_per_week:
            lines.append(
                f"{name}: {hours_text(person.hours_per_week * 60)} a week "
                f"(as received: {hours_text(old[name].hours_per_week * 60)})"
            )
    return lines


def _person_text(person: Person, start: date) -> str:
    roles = listing([readable_key(r).lower() for r in person.roles])
    text = f"{roles}, {hours_text(person.hours_per_week * 60)} a week"
    # A freelancer is away before and after the weeks they are booked for.
    first = next((r.end for r in person.time_off if r.start <= start <= r.end), None)
    last = max((r.start for r in person.time_off), default=None)
    if first is not None and last is not None and last > first:
        text += f" from {day_text(date.fromordinal(first.toordinal() + 1))}"
    return text


def _overtime_lines(received: Scenario, current: Scenario) -> list[str]:
    # Only overtime is a change the client hears of; other bookings are the agency's own.
    old = [c for c in received.commitments if c.hours_per_week < 0]
    lines = []
    for item in current.commitments:
        if item.hours_per_week >= 0:
            continue
        if item in old:
            old.remove(item)
            continue
        lines.append(
            f"Overtime for {item.person}: {hours_text(-item.hours_per_week * 60)} a week "
            f"more from {day_text(item.period.start)} to {day_text(item.period.end)}"
        )
    return lines
