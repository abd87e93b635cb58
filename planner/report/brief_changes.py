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

from planner.i18n import N_, Texts
from planner.model import Person, Scenario, Task
from planner.wording import (
    Lang,
    day_text,
    days_text,
    hours_text,
    listing,
    money,
    readable_key,
    words_in,
)

CHANGES_HEADING = N_("Changes from the brief as received")


def brief_changes(received: Scenario | None, current: Scenario, lang: Lang = None) -> list[str]:
    """Each difference between ``received`` and ``current`` as one plain sentence.

    Parameters
    ----------
    received
        The scenario as it first arrived (None: nothing to compare with).
    current
        The scenario as planned now.
    lang
        Language of the sentences (default English).

    Returns
    -------
    list of str
        Budget, tasks (promised dates, client review days, hours, added, removed), team
        (people added or removed, hours a week) and overtime, in that order; empty when the
        two are the same.
    """
    if received is None or received == current:
        return []
    words = words_in(lang)
    lines = _budget_lines(received, current, words)
    lines += _task_lines(received, current, words)
    lines += _team_lines(received, current, words)
    lines += _overtime_lines(received, current, words)
    return lines


def _budget_lines(received: Scenario, current: Scenario, words: Texts) -> list[str]:
    _ = words.gettext
    before, after = received.brief.budget, current.brief.budget
    if before == after:
        return []
    cur = current.currency
    if after is None:
        return [
            _("Budget removed (as received: {before})").format(
                before=money(before or 0, cur, words)
            )
        ]
    if before is None:
        return [
            _("Budget set to {after} (as received: no budget)").format(
                after=money(after, cur, words)
            )
        ]
    text = (
        _("Budget raised by {change} to {after} (as received: {before})")
        if after > before
        else _("Budget lowered by {change} to {after} (as received: {before})")
    )
    return [
        text.format(
            change=money(abs(after - before), cur, words),
            after=money(after, cur, words),
            before=money(before, cur, words),
        )
    ]


def _due_text(task: Task, words: Texts) -> str:
    _ = words.gettext
    if task.due is not None:
        return day_text(task.due, words)
    if task.due_within is not None:
        return _("within {days}").format(days=days_text(task.due_within, words))
    return _("no promised date")


def _review_text(task: Task, words: Texts) -> str:
    _ = words.gettext
    if task.client_days is None:
        return _("none")
    return days_text(task.client_days or 0, words)


def _effort_text(task: Task, words: Texts) -> str:
    return hours_text(round(task.hours * 60), words)


_TASK_FIELDS: tuple[tuple[str, Callable[[Task], object], Callable[[Task, Texts], str]], ...] = (
    (
        N_("{task}: promised date {now} (as received: {before})"),
        lambda t: (t.due, t.due_within),
        _due_text,
    ),
    (
        N_("{task}: client review {now} (as received: {before})"),
        lambda t: t.client_days,
        _review_text,
    ),
    (
        N_("{task}: effort {now} (as received: {before})"),
        lambda t: round(t.hours * 60),
        _effort_text,
    ),
)


def _task_lines(received: Scenario, current: Scenario, words: Texts) -> list[str]:
    _ = words.gettext
    old = {t.id: t for t in received.brief.tasks}
    new = {t.id: t for t in current.brief.tasks}
    lines = []
    for task_id, task in old.items():
        if task_id not in new:
            lines.append(_("{task} left out of the brief").format(task=task.label))
            continue
        for sentence, value, text in _TASK_FIELDS:
            if value(task) != value(new[task_id]):
                lines.append(
                    _(sentence).format(
                        task=task.label, now=text(new[task_id], words), before=text(task, words)
                    )
                )
    for task_id, task in new.items():
        if task_id not in old:
            lines.append(_("{task} added to the brief").format(task=task.label))
    return lines


def _team_lines(received: Scenario, current: Scenario, words: Texts) -> list[str]:
    _ = words.gettext
    old = {p.name: p for p in received.team}
    new = {p.name: p for p in current.team}
    lines = [_("{name} no longer in the team").format(name=name) for name in old if name not in new]
    for name, person in new.items():
        if name not in old:
            lines.append(
                _("{name} added to the team ({person})").format(
                    name=name, person=_person_text(person, current.start, words)
                )
            )
        elif person.hours_per_week != old[name].hours_per_week:
            lines.append(
                _("{name}: {now} a week (as received: {before})").format(
                    name=name,
                    now=hours_text(person.hours_per_week * 60, words),
                    before=hours_text(old[name].hours_per_week * 60, words),
                )
            )
    return lines


def _person_text(person: Person, start: date, words: Texts) -> str:
    _ = words.gettext
    roles = listing([readable_key(r).lower() for r in person.roles], words)
    hours = hours_text(person.hours_per_week * 60, words)
    # A freelancer is away before and after the weeks they are booked for.
    first = next((r.end for r in person.time_off if r.start <= start <= r.end), None)
    last = max((r.start for r in person.time_off), default=None)
    if first is not None and last is not None and last > first:
        begin = day_text(date.fromordinal(first.toordinal() + 1), words)
        return _("{roles}, {hours} a week from {first}").format(
            roles=roles, hours=hours, first=begin
        )
    return _("{roles}, {hours} a week").format(roles=roles, hours=hours)


def _overtime_lines(received: Scenario, current: Scenario, words: Texts) -> list[str]:
    _ = words.gettext
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
            _("Overtime for {person}: {hours} a week more from {first} to {last}").format(
                person=item.person,
                hours=hours_text(-item.hours_per_week * 60, words),
                first=day_text(item.period.start, words),
                last=day_text(item.period.end, words),
            )
        )
    return lines
