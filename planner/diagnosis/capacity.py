"""Hours needed against hours free: the capacity side of a broken promise.

For a set of promises, every task they wait for has a window (earliest start with unlimited
people, latest finish that keeps the promises). A group of people — the holders of a role,
or one named person — must do all the work whose window lies inside a span of days and that
only they may do; if that work exceeds their free hours in the span, the promises cannot hold
on capacity alone, whatever the order of work. The report names what took the contract hours
of that span: public holidays, time off and existing commitments, each with its hours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import floor

from planner.diagnosis.chain import Reach
from planner.i18n import N_, Texts
from planner.planning.calendar import hours_to_minutes, public_holiday
from planner.wording import Lang, hours_text, words_in


@dataclass(frozen=True)
class Shortfall:
    """Work a group must do between two dates against its free time there (minutes).

    ``lost`` lists what took contract time in the span, largest first: holiday names,
    "<person>'s time off" and commitment labels. ``contract_minutes`` equals
    ``free_minutes`` plus everything in ``lost``.
    """

    who: str
    people: tuple[str, ...]
    tasks: tuple[str, ...]
    first_day: date
    last_day: date
    needed_minutes: int
    free_minutes: int
    contract_minutes: int
    lost: tuple[tuple[str, int], ...]

    @property
    def missing_minutes(self) -> int:
        """Needed minus free (positive when the work does not fit)."""
        return self.needed_minutes - self.free_minutes

    def figures(self) -> dict[str, object]:
        """JSON-ready figures in hours and ISO dates."""
        return {
            "who": self.who,
            "people": list(self.people),
            "tasks": list(self.tasks),
            "from": self.first_day.isoformat(),
            "to": self.last_day.isoformat(),
            "hours_needed": round(self.needed_minutes / 60, 2),
            "hours_free": round(self.free_minutes / 60, 2),
            "hours_contract": round(self.contract_minutes / 60, 2),
            "hours_missing": round(self.missing_minutes / 60, 2),
            "lost": [{"reason": r, "hours": round(m / 60, 2)} for r, m in self.lost],
        }

    def losses_text(self, limit: int = 3, lang: Lang = None) -> str:
        """What took the contract hours, largest first (see :func:`losses_text`)."""
        return losses_text(self.lost, limit, lang)


TIME_OFF = N_("{person}'s time off")
"""What a person's own time off is called among the reasons hours are lost."""


def _reason_text(reason: str, words: Texts) -> str:
    _ = words.gettext
    english = TIME_OFF.format(person="")
    if reason.endswith(english):
        return _(TIME_OFF).format(person=reason[: -len(english)])
    return reason


def losses_text(lost: Sequence[tuple[str, int]], limit: int = 3, lang: Lang = None) -> str:
    """``"Good Friday takes 15 h, Globex annual report 60 h"`` (the first ``limit``)."""
    words = words_in(lang)
    _ = words.gettext
    parts = [
        f"{_reason_text(reason, words)} {hours_text(minutes, words)}"
        for reason, minutes in lost[:limit]
    ]
    if parts:
        reason, minutes = lost[0]
        parts[0] = _("{reason} takes {hours}").format(
            reason=_reason_text(reason, words), hours=hours_text(minutes, words)
        )
    return ", ".join(parts)


def _group_name(reach: Reach, people: tuple[str, ...], tasks: list[str]) -> str:
    roles = {reach.instances[t].task.role for t in tasks}
    named = {reach.instances[t].task.person for t in tasks} - {None}
    if len(people) == 1 and named:
        return people[0]
    holders = {
        role: {p.name for p in reach.context.scenario.team if role in p.roles}
        for role in roles
        if role
    }
    matching = sorted(role for role, names in holders.items() if names == set(people))
    if matching:
        return matching[0]
    return ", ".join(people)


def worst_shortfall(reach: Reach, due: dict[str, int]) -> Shortfall | None:
    """The span with the most work missing for the promises in ``due``; None if all fits.

    Parameters
    ----------
    reach
        Windows of the scenario's tasks with unlimited people.
    due
        Promised instance id → exclusive period it must finish by.
    """
    latest = reach.latest_finish(due)
    agency = [i for i in latest if reach.people[i] and reach.instances[i].minutes > 0]
    groups = {reach.people[i] for i in agency}
    if len(groups) > 1:
        groups.add(tuple(sorted({p for g in groups for p in g})))
    best: tuple[int, int, Shortfall] | None = None
    for group in groups:
        members = [i for i in agency if set(reach.people[i]) <= set(group)]
        starts = sorted({reach.start[i] for i in members})
        ends = sorted({latest[i] for i in members})
        for first in starts:
            for end in ends:
                if end <= first:
                    continue
                inside = [i for i in members if reach.start[i] >= first and latest[i] <= end]
                needed = sum(reach.instances[i].minutes for i in inside)
                free = reach.free(group, first, end)
                if needed <= free:
                    continue
                key = (needed - free, -(end - first))
                if best is None or key > best[:2]:
                    short = _shortfall(reach, group, inside, first, end, needed, free)
                    best = (key[0], key[1], short)
    return best[2] if best else None


def _shortfall(
    reach: Reach,
    group: tuple[str, ...],
    tasks: list[str],
    first: int,
    end: int,
    needed: int,
    free: int,
) -> Shortfall:
    calendar = reach.calendar
    first_day = calendar.day(first) if first < len(calendar) else calendar.days[-1]
    last_day = calendar.day(min(end, len(calendar)) - 1)
    lost = losses(reach, group, first_day, last_day)
    return Shortfall(
        who=_group_name(reach, group, tasks),
        people=group,
        tasks=tuple(tasks),
        first_day=first_day,
        last_day=last_day,
        needed_minutes=needed,
        free_minutes=free,
        contract_minutes=free + sum(m for _, m in lost),
        lost=lost,
    )


def losses(
    reach: Reach, people: tuple[str, ...], first_day: date, last_day: date
) -> tuple[tuple[str, int], ...]:
    """Contract minutes of ``people`` between two dates taken by holidays, time off, work.

    Agency holidays are not working days of the calendar, so they are found here day by day;
    a commitment takes at most what the contract gives that day.
    """
    scenario = reach.context.scenario
    settings = scenario.calendar
    taken: dict[str, int] = defaultdict(int)
    by_day = {
        name: {c.day: c for c in reach.calendar.capacity[name] if first_day <= c.day <= last_day}
        for name in people
    }
    for name in people:
        person = scenario.person(name)
        workdays = person.workdays if person.workdays is not None else settings.workdays
        day = first_day
        while day <= last_day:
            known = by_day[name].get(day)
            if known is None:
                holiday = public_holiday(settings.country, settings.subdivision, day)
                if holiday and day.weekday() in settings.workdays and day.weekday() in workdays:
                    taken[holiday] += floor(hours_to_minutes(person.hours_per_week) / len(workdays))
            elif known.workday and known.holiday:
                taken[known.holiday] += known.contract_minutes
            elif known.workday and known.time_off:
                taken[TIME_OFF.format(person=name)] += known.contract_minutes
            elif known.workday:
                left = known.contract_minutes
                for label, minutes in known.commitment_minutes:
                    used = min(max(minutes, 0), left)
                    taken[label] += used
                    left -= used
            day += timedelta(days=1)
    return tuple(sorted(((k, v) for k, v in taken.items() if v > 0), key=lambda kv: -kv[1]))
