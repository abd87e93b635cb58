"""From a client brief to a planning scenario: with anonymous market capacity, or a real team.

Each deliverable becomes one agency task per role (the roles work in parallel, shared by up to
as many people as the role has) and, when the client reviews it, a client step after them;
the promised date sits on the deliverable's last step. ``after`` links become dependencies
from the last step of the earlier deliverable. Task ids are ``<deliverable>__<role>`` and
``<deliverable>__review``, so :func:`brief_from_scenario` can read the brief back.
"""

from __future__ import annotations

import re
from collections import defaultdict

from planner.client.model import ClientBrief, Deliverable, Estimate, RateCard
from planner.model import Brief, CalendarSettings, Dependency, Person, Scenario, Task

SEPARATOR = "__"
REVIEW = "review"


def role_key(role: str) -> str:
    """A role as it may appear in a task id: ``art director`` → ``art_director``."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", role).strip("_") or "role"


def last_steps(deliverable: Deliverable) -> tuple[str, ...]:
    """Task ids that finish ``deliverable`` (its review, else every role's work)."""
    if deliverable.review_days:
        return (f"{deliverable.id}{SEPARATOR}{REVIEW}",)
    return tuple(f"{deliverable.id}{SEPARATOR}{role_key(role)}" for role, _ in deliverable.effort)


def brief_tasks(
    brief: ClientBrief, point: str = "typical", max_people: dict[str, int] | None = None
) -> tuple[Task, ...]:
    """The scenario tasks of ``brief`` with effort at ``point`` (low, typical or high)."""
    tasks: list[Task] = []
    for item in brief.deliverables:
        waits = tuple(
            Dependency(step)
            for before in item.after
            for step in last_steps(brief.deliverable(before))
        )
        due_on_work = None if item.review_days else item.due
        for role, hours in item.effort:
            tasks.append(
                Task(
                    id=f"{item.id}{SEPARATOR}{role_key(role)}",
                    name=f"{item.label} ({role})",
                    role=role,
                    hours=hours.at(point),
                    after=waits,
                    due=due_on_work,
                    max_people=(max_people or {}).get(role, 1),
                    deliverable=item.label,
                )
            )
        if item.review_days:
            work = tuple(Dependency(f"{item.id}{SEPARATOR}{role_key(r)}") for r, _ in item.effort)
            tasks.append(
                Task(
                    id=f"{item.id}{SEPARATOR}{REVIEW}",
                    name=f"{item.label} (review)",
                    client_days=item.review_days,
                    after=work or waits,
                    due=item.due,
                    deliverable=item.label,
                )
            )
    return tuple(tasks)


def anonymous_team(
    brief: ClientBrief, card: RateCard, point: str = "typical"
) -> tuple[Person, ...]:
    """People standing in for an agency: ``Designer 1``, ``Designer 2``, … per the rate card.

    Each works ``share`` of the card's week and bills the role's rate at ``point``; no cost
    rate (the client never sees one).
    """
    people = []
    for role in brief.roles:
        rate = card.role(role)
        for number in range(1, rate.people + 1):
            people.append(
                Person(
                    name=f"{role[:1].upper()}{role[1:]} {number}",
                    roles=(role,),
                    hours_per_week=round(card.hours_per_week * rate.share, 4),
                    bill_rate=rate.rate.at(point),
                )
            )
    return tuple(people)


def market_scenario(brief: ClientBrief, card: RateCard, point: str = "typical") -> Scenario:
    """The brief planned over the rate card's assumed capacity, effort and rates at ``point``."""
    sharing = {role: card.role(role).people for role in brief.roles}
    return Scenario(
        title=brief.title,
        start=brief.start,
        brief=Brief(brief.client, brief_tasks(brief, point, sharing), brief.budget),
        team=anonymous_team(brief, card, point),
        currency=card.currency,
        calendar=CalendarSettings(country=brief.country or card.country),
    )


def with_team(
    brief: ClientBrief,
    team: tuple[Person, ...],
    point: str = "typical",
    calendar: CalendarSettings | None = None,
) -> Scenario:
    """A full agency scenario: the brief as written, delivered by ``team``.

    Every deliverable, role effort (at ``point``), dependency, review round, promised date
    and the budget are kept; :func:`brief_from_scenario` gives the brief back (ranges come
    back as the single figure at ``point``: the scenario format holds one figure per task).
    Save it with :func:`planner.io.save_scenario` and plan it like any scenario.
    """
    return Scenario(
        title=brief.title,
        start=brief.start,
        brief=Brief(brief.client, brief_tasks(brief, point), brief.budget),
        team=team,
        currency=brief.currency or "EUR",
        calendar=calendar or CalendarSettings(country=brief.country),
    )


def brief_from_scenario(scenario: Scenario) -> ClientBrief:
    """The client brief inside a scenario made by :func:`with_team` (single-figure effort).

    Raises
    ------
    ValueError
        When a task id does not follow the ``<deliverable>__<role|review>`` pattern.
    """
    order: dict[str, list[Task]] = defaultdict(list)
    for task in scenario.brief.tasks:
        deliverable_id, sep, _rest = task.id.rpartition(SEPARATOR)
        if not sep:
            raise ValueError(f"task {task.id!r} does not come from a client brief")
        order[deliverable_id].append(task)
    owner = {task.id: key for key, tasks in order.items() for task in tasks}
    deliverables = []
    for key, tasks in order.items():
        work = [t for t in tasks if not t.is_client_step]
        review = next((t for t in tasks if t.is_client_step), None)
        first = work[0] if work else review
        assert first is not None
        label = first.deliverable or ""
        after = tuple(dict.fromkeys(owner[d.task] for d in first.after if owner[d.task] != key))
        deliverables.append(
            Deliverable(
                id=key,
                name=label if label != key else "",
                effort=tuple((t.role or "", Estimate.single(t.hours)) for t in work),
                after=after,
                review_days=review.client_days or 0 if review else 0,
                due=review.due if review else first.due,
            )
        )
    return ClientBrief(
        title=scenario.title,
        client=scenario.brief.client,
        start=scenario.start,
        deliverables=tuple(deliverables),
        budget=scenario.brief.budget,
        currency=scenario.currency,
        country=scenario.calendar.country,
    )
