"""Limits that keep one scenario from taking the machine, and odd input that would mislead.

A plan's cost grows with the calendar it covers (days from the start to the last date that
matters) times the tasks and people in it. A three-kilobyte file starting in year 1, or a
monthly repeat running for centuries, would otherwise take minutes and gigabytes before
anything is said. These checks run on the validated document, before any calendar is built,
and report each excess at the field that causes it (``brief.tasks[3].due`` in YAML,
``sheet tasks, row 5, column due`` in a workbook). ``docs/security.md`` lists them.

They also refuse input that would give a wrong answer rather than an error: a promise due
before the scenario starts (it would be reported "late" by days that never existed) and a
person whose contract (plus overtime entered as negative commitments) exceeds 24 hours on a
working day.
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.io.errors import N_, Path, Problem
from planner.io.schema import ScenarioIn, TaskIn
from planner.model import DEFAULT_WORKDAYS

MAX_HORIZON_DAYS = 5 * 366
"""Longest span from the start to the last date a plan must cover (five years)."""

MAX_TASK_INSTANCES = 3_000
"""Most tasks in a plan, counting every instance of a recurring task."""

MAX_TEAM = 500
"""Most people in a team."""

MAX_TASK_DAYS = 1_500_000
"""Most task instances times calendar days (the size of the scheduling problem)."""

MAX_ENTRIES = 2_000
"""Most time-off ranges (over the whole team), commitments or fixed costs; each is checked
against every day of the calendar, so thousands of them would slow every plan down."""

HOURS_PER_DAY = 24

_UNIT_DAYS = {"day": 1, "week": 7, "month": 31}
_TASKS = ("brief", "tasks")


def check_limits(doc: ScenarioIn) -> Iterator[Problem]:
    """Every limit ``doc`` exceeds and every date or capacity that would mislead, lazily.

    Parameters
    ----------
    doc:
        A structurally valid scenario document.

    Yields
    ------
    Problem
        One per field at fault, with the limit and a fix.
    """
    yield from _check_dues(doc)
    horizon = yield from _check_horizon(doc)
    yield from _check_size(doc, horizon)
    yield from _check_day_hours(doc)


def _check_dues(doc: ScenarioIn) -> Iterator[Problem]:
    for index, task in enumerate(doc.brief.tasks):
        if task.due is not None and task.due < doc.start:
            yield Problem(
                (*_TASKS, index, "due"),
                N_(
                    "the promised date {due} is before the scenario start {start}",
                    due=task.due,
                    start=doc.start,
                ),
                N_("move the promise to the start or later, or start the scenario earlier"),
            )


def _task_end(doc: ScenarioIn, task: TaskIn) -> tuple[int, str]:
    """Days from the start to the last date ``task`` needs, and the field that sets it."""
    first = task.from_ or doc.start
    days, field = (first - doc.start).days, "from"
    if task.due is not None and (task.due - doc.start).days > days:
        days, field = (task.due - doc.start).days, "due"
    if task.repeat is not None:
        span = _UNIT_DAYS[task.repeat.every] * task.repeat.interval * task.repeat.count
        if (first - doc.start).days + span > days:
            days, field = (first - doc.start).days + span, "repeat"
    return days, field


def _too_long(path: Path, what: str, days: int) -> Problem:
    return Problem(
        path,
        N_(
            "{what} lies {days:,} days after the scenario start; a plan covers at most "
            "{limit:,} days (five years)",
            what=what,
            days=days,
            limit=MAX_HORIZON_DAYS,
        ),
        N_("check the year, or split the work into several scenarios"),
    )


def _check_horizon(doc: ScenarioIn) -> Iterator[Problem]:
    """Generator returning the horizon in days (0 when it is too long)."""
    horizon, too_long = 0, False
    for index, task in enumerate(doc.brief.tasks):
        days, field = _task_end(doc, task)
        if days > MAX_HORIZON_DAYS:
            too_long = True
            what = N_("the last instance of this recurring task") if field == "repeat" else N_("it")
            yield _too_long((*_TASKS, index, field), what, days)
        horizon = max(horizon, days)
    for index, commitment in enumerate(doc.commitments):
        days = (commitment.to - doc.start).days
        if days > MAX_HORIZON_DAYS:
            too_long = True
            yield _too_long(("commitments", index, "to"), N_("the end of this commitment"), days)
        horizon = max(horizon, days)
    return 0 if too_long else horizon


def _check_size(doc: ScenarioIn, horizon: int) -> Iterator[Problem]:
    instances = sum(task.repeat.count if task.repeat else 1 for task in doc.brief.tasks)
    if instances > MAX_TASK_INSTANCES:
        yield Problem(
            _TASKS,
            N_(
                "the brief has {count:,} tasks (counting each repeat), more than the "
                "{limit:,} one plan can hold",
                count=instances,
                limit=MAX_TASK_INSTANCES,
            ),
            N_("split the brief into several scenarios, or merge small tasks"),
        )
    elif instances * (horizon + 365) > MAX_TASK_DAYS:
        yield Problem(
            _TASKS,
            N_(
                "{count:,} tasks over {days:,} calendar days is too large to plan "
                "(at most {limit:,} task-days)",
                count=instances,
                days=horizon + 365,
                limit=MAX_TASK_DAYS,
            ),
            N_("shorten the period (earlier promised dates) or split the brief"),
        )
    time_off = sum(len(person.time_off) for person in doc.team)
    for path, count, what in (
        (("team",), time_off, N_("time-off ranges")),
        (("commitments",), len(doc.commitments), N_("commitments")),
        (("brief", "fixed_costs"), len(doc.brief.fixed_costs), N_("fixed costs")),
    ):
        if count > MAX_ENTRIES:
            yield Problem(
                path,
                N_(
                    "the scenario lists {count:,} {what}, more than the {limit:,} accepted",
                    count=count,
                    what=what,
                    limit=MAX_ENTRIES,
                ),
                N_("merge adjacent ranges or entries into one"),
            )
    if len(doc.team) > MAX_TEAM:
        yield Problem(
            ("team",),
            N_(
                "the team has {count:,} people, more than the {limit} accepted",
                count=len(doc.team),
                limit=MAX_TEAM,
            ),
            N_("list only the people who could work on this brief"),
        )


def _check_day_hours(doc: ScenarioIn) -> Iterator[Problem]:
    """A working day has at most 24 hours, contract and overtime (negative commitments) together."""
    default = doc.calendar.workdays or DEFAULT_WORKDAYS
    for index, person in enumerate(doc.team):
        days = len(person.workdays or default)
        per_day = person.hours_per_week / days
        if per_day > HOURS_PER_DAY:
            yield Problem(
                ("team", index, "hours_per_week"),
                N_(
                    "{hours:g} hours a week over {days} working days is {per_day:g} hours a "
                    "day, more than {limit}",
                    hours=person.hours_per_week,
                    days=days,
                    per_day=per_day,
                    limit=HOURS_PER_DAY,
                ),
                N_("lower hours_per_week or list more workdays"),
            )
            continue
        extra = 0.0
        for position, commitment in enumerate(doc.commitments):
            if commitment.person != person.name or commitment.hours_per_week >= 0:
                continue
            extra -= commitment.hours_per_week
            if (person.hours_per_week + extra) / days > HOURS_PER_DAY:
                yield Problem(
                    ("commitments", position, "hours_per_week"),
                    N_(
                        "overtime (negative commitments) would give {name} {hours:g} hours on "
                        "a working day, more than {limit}",
                        name=person.name,
                        hours=(person.hours_per_week + extra) / days,
                        limit=HOURS_PER_DAY,
                    ),
                    N_(
                        "a negative commitment adds overtime hours; give a smaller number of "
                        "extra hours, or a positive number for hours already booked"
                    ),
                )
                break
