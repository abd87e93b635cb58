"""Seeded generator of realistic agency scenarios, for benchmarks and scale tests.

``generate_agency(people, tasks, months, seed)`` builds the whole load of a Helsinki agency
(Kajo Creative) as one :class:`~planner.model.Scenario`: a team over realistic roles with
part-time contracts, holidays and work already promised to other clients, and a brief made of
deliverable chains (3–8 tasks with client reviews between the stages), recurring SLA work and
small ad-hoc jobs (see :mod:`planner.generate.brief` for how effort and promised dates are
sized so that most but not all promises can be kept).

The same arguments always give an equal scenario (only :class:`random.Random` seeded from
the arguments is used, and the catalogue in :mod:`planner.generate.catalog` is fixed).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from planner.generate.brief import build_brief, mondays
from planner.generate.catalog import CLIENTS, COMMITMENT_KINDS, FIRST_NAMES, ROLES, SURNAMES
from planner.model import (
    Brief,
    CalendarSettings,
    Commitment,
    DateRange,
    FixedCost,
    Person,
    Scenario,
    Task,
)
from planner.planning.calendar import WorkCalendar, add_months

AGENCY = "Kajo Creative"
DEFAULT_START = date(2027, 3, 1)
PART_TIME_SHARE = 0.2
"""Share of the team on part-time contracts (24–30 h on 3–4 days)."""


def generate_agency(
    people: int,
    tasks: int,
    months: int,
    seed: int = 0,
    country: str = "FI",
    start: date = DEFAULT_START,
) -> Scenario:
    """A realistic agency scenario of ``people`` × ``tasks`` task instances × ``months``.

    Parameters
    ----------
    people
        Team size (at least 1).
    tasks
        Task instances of the brief (client reviews included; a recurring task counts once
        per instance). The scenario has exactly this many.
    months
        Length of the planning window in calendar months from ``start``.
    seed
        Random seed; equal arguments give an equal scenario.
    country
        Country whose public holidays the agency calendar keeps.
    start
        First day of the window (a Monday keeps weekly work on Mondays).

    Returns
    -------
    Scenario

    Raises
    ------
    ValueError
        If a size is smaller than 1.
    """
    if min(people, tasks, months) < 1:
        raise ValueError("people, tasks and months must each be at least 1")
    rng = random.Random(f"agency:{seed}:{people}:{tasks}:{months}:{country}:{start}")
    end = add_months(start, months) - timedelta(days=1)
    team = _team(rng, people, start, end)
    commitments = _commitments(rng, team, start, end)
    calendar_settings = CalendarSettings(country=country)
    base = Scenario(
        title=f"{AGENCY} agency load: {people} people, {tasks} tasks, {months} months",
        start=start,
        brief=Brief(client=f"{AGENCY} client portfolio", tasks=()),
        team=team,
        calendar=calendar_settings,
        commitments=commitments,
    )
    calendar = WorkCalendar(base, end + timedelta(days=365))
    brief_tasks = build_brief(rng, tasks, months, team, calendar, end)
    brief = Brief(
        client=f"{AGENCY} client portfolio",
        tasks=brief_tasks,
        budget=_budget(brief_tasks, team),
        fixed_costs=(FixedCost("Stock photography licences", 400.0 * months),),
    )
    return Scenario(
        title=base.title,
        start=start,
        brief=brief,
        team=team,
        calendar=calendar_settings,
        commitments=commitments,
    )


# ----------------------------------------------------------------------------- team


def role_counts(people: int) -> dict[str, int]:
    """Primary roles of a team of ``people`` (Sainte-Laguë over the role shares)."""
    counts = {role.name: 0 for role in ROLES}
    for _ in range(people):
        best = max(ROLES, key=lambda r: r.share / (2 * counts[r.name] + 1))
        counts[best.name] += 1
    return counts


def _team(rng: random.Random, people: int, start: date, end: date) -> tuple[Person, ...]:
    """The team: roles by share, names, contracts, rates, summer holidays and weeks off."""
    profiles = {role.name: role for role in ROLES}
    primaries = [name for name, n in role_counts(people).items() for _ in range(n)]
    rng.shuffle(primaries)
    picks = rng.sample(range(len(FIRST_NAMES) * len(SURNAMES)), people)
    weeks = mondays(start, end)
    july = [
        monday
        for year in sorted({start.year, end.year})
        for monday in mondays(date(year, 6, 14), date(year, 7, 26))
        if start <= monday <= end
    ]
    team = []
    for primary, pick in zip(primaries, picks, strict=True):
        profile = profiles[primary]
        roles = (primary,)
        if profile.second and rng.random() < 0.25:
            roles = (primary, profile.second)
        hours, workdays = 37.5, None
        if rng.random() < PART_TIME_SHARE:
            hours = rng.choice((24.0, 28.0, 30.0))
            days = 3 if hours == 24 else 4
            first_day = rng.randint(0, 5 - days)
            workdays = tuple(range(first_day, first_day + days))
        time_off: list[DateRange] = []
        if july:
            summer = rng.choice(july)
            time_off.append(DateRange(summer, summer + timedelta(weeks=rng.randint(2, 4), days=-3)))
        for monday in weeks:
            friday = monday + timedelta(days=4)
            clash = any(monday <= off.end and off.start <= friday for off in time_off)
            if not clash and rng.random() < 0.03:
                time_off.append(DateRange(monday, friday))
        bill = round(profile.bill_rate * rng.uniform(0.85, 1.2))
        team.append(
            Person(
                name=f"{FIRST_NAMES[pick % len(FIRST_NAMES)]} {SURNAMES[pick // len(FIRST_NAMES)]}",
                roles=roles,
                hours_per_week=hours,
                bill_rate=float(bill),
                cost_rate=float(round(bill * rng.uniform(0.5, 0.6))),
                workdays=workdays,
                time_off=tuple(sorted(time_off, key=lambda r: r.start)),
            )
        )
    return tuple(team)


def _commitments(
    rng: random.Random, team: tuple[Person, ...], start: date, end: date
) -> tuple[Commitment, ...]:
    """Work already promised to other clients: 20–60 % of some people's hours for some weeks."""
    found = []
    for person in team:
        if rng.random() >= 0.45:
            continue
        begin = start + timedelta(weeks=rng.randint(0, 3))
        for _ in range(rng.randint(1, 2)):
            if begin > end:
                break
            until = min(end, begin + timedelta(weeks=rng.randint(2, 8), days=-3))
            share = rng.uniform(0.2, 0.6)
            label = f"{rng.choice(CLIENTS)} {rng.choice(COMMITMENT_KINDS)}"
            hours = max(0.5, round(person.hours_per_week * share * 2) / 2)
            found.append(Commitment(person.name, DateRange(begin, until), hours, label))
            begin = until + timedelta(days=3 + 7 * rng.randint(0, 3))
    return tuple(found)


def _budget(tasks: tuple[Task, ...], team: tuple[Person, ...]) -> float:
    """What the clients pay: the effort at the role's mean bill rate, plus 10 %."""
    rates: dict[str, list[float]] = defaultdict(list)
    for person in team:
        for role in person.roles:
            rates[role].append(person.bill_rate)
    total = sum(
        t.hours * (t.repeat.count if t.repeat else 1) * sum(rates[t.role]) / len(rates[t.role])
        for t in tasks
        if t.role
    )
    return float(round(total * 1.1, -2))
