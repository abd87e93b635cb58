"""Candidate sets of changes: the priced scheduling model behind :mod:`planner.diagnosis.levers`.

Levers that add capacity (overtime, freelancers) become extra resources with a price per
minute; promises that may move get a price per working day; the scheduler then finds the
cheapest way to keep every targeted promise (:func:`~planner.scheduler.deadlines.solve_min_cost`).
Levers that change the brief (turnaround, dropping or shrinking optional tasks) are tried as
variants of the scenario, each priced the same way. The result of each run is turned into
plain :class:`~planner.diagnosis.changes.Change` objects, sized so the cheapest schedule
still fits once the changes are applied.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from planner.diagnosis.changes import (
    FREELANCER,
    OVERTIME,
    TURNAROUND,
    Change,
    apply_changes,
    drop_change,
    freelancer_change,
    levers_of,
    move_date_change,
    overtime_change,
    per_day_minutes,
    shrink_change,
    turnaround_change,
)
from planner.model import FreelancerOption, Levers, OvertimeOption, Scenario, TurnaroundOption
from planner.planning.calendar import WorkCalendar, calendar_end
from planner.planning.instances import expand_tasks
from planner.planning.pipeline import PlanningContext
from planner.scheduler import Problem, Resource
from planner.scheduler.deadlines import PricedResult, check_deadlines, solve_min_cost
from planner.scheduler.settings import SolveSettings

SCALE = 6000
"""Model cost units per unit of currency (a rate per hour is then rate × 100 per minute)."""
QUARTER = 0.25

PROMISE_SLACK_DAYS = 180
"""Calendar days past a scenario's last date that questions about promises look at."""

Option = OvertimeOption | FreelancerOption


def short_context(scenario: Scenario) -> PlanningContext:
    """Like :func:`planner.planning.pipeline.prepare`, with a calendar ending
    :data:`PROMISE_SLACK_DAYS`
    after the scenario's last date instead of a year: plenty for any promise, and the many
    checks of a search build it in a fraction of the time."""
    calendar = WorkCalendar(scenario, calendar_end(scenario, PROMISE_SLACK_DAYS))
    return PlanningContext(scenario, calendar, tuple(expand_tasks(scenario, calendar)))


@dataclass(frozen=True)
class Setup:
    """A scenario as a priced problem: extra resources and the options behind them."""

    problem: Problem
    options: dict[str, Option]
    companions: dict[str, str]
    team_limit: dict[str, int]
    priced: dict[str, int]


def targets(context: PlanningContext, min_priority: int | None) -> dict[str, list[str]]:
    """Promised instances to keep, grouped by their brief task (only ``min_priority`` up)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for instance in context.instances:
        if instance.due_index is None:
            continue
        if min_priority is None or instance.task.priority >= min_priority:
            groups[instance.task.id].append(instance.id)
    return dict(groups)


def priced_setup(
    context: PlanningContext,
    overtime: Sequence[OvertimeOption],
    freelancers: Sequence[FreelancerOption],
) -> Setup:
    """The scenario's problem with a priced resource per overtime and freelancer option."""
    scenario, calendar = context.scenario, context.calendar
    base = context.problem
    resources = list(base.resources)
    options: dict[str, Option] = {}
    companions: dict[str, str] = {}
    for option in overtime:
        person = scenario.person(option.person)
        workdays = person.workdays if person.workdays is not None else scenario.calendar.workdays
        extra = per_day_minutes(option.max_hours_per_week, len(workdays))
        row = tuple(
            extra if c.workday and not c.holiday and not c.time_off else 0
            for c in calendar.capacity[person.name]
        )
        rid = f"overtime: {person.name}"
        resources.append(Resource(rid, row))
        options[rid], companions[rid] = option, person.name
    for k, option in enumerate(freelancers, start=1):
        first = calendar.index_on_or_after(option.available_from or scenario.start)
        per_day = per_day_minutes(option.hours_per_week, len(scenario.calendar.workdays))
        row = tuple(per_day if p >= first else 0 for p in range(len(calendar)))
        rid = f"freelance {option.role} #{k}"
        resources.append(Resource(rid, row))
        options[rid] = option
    activities, team_limit = [], {}
    by_id = {i.id: i for i in context.instances}
    for activity in base.activities:
        task = by_id[activity.id].task
        if not activity.is_effort:
            activities.append(activity)
            continue
        extra = [
            rid
            for rid, option in options.items()
            if (rid in companions and companions[rid] in activity.eligible)
            or (
                isinstance(option, FreelancerOption)
                and task.person is None
                and task.role == option.role
            )
        ]
        eligible = (*activity.eligible, *extra)
        real = [r for r in eligible if r not in companions]
        limit = min(task.max_people, len(real))
        team_limit[activity.id] = limit
        size = limit + sum(1 for r in extra if r in companions)
        activities.append(replace(activity, eligible=eligible, max_resources=max(1, size)))
    priced = {rid: round(_rate(option) * 100) for rid, option in options.items()}
    problem = replace(base, resources=tuple(resources), activities=tuple(activities))
    return Setup(problem, options, companions, team_limit, priced)


def _rate(option: Option) -> float:
    return option.cost_per_hour if isinstance(option, OvertimeOption) else option.rate


def run(
    context: PlanningContext,
    setup: Setup,
    groups: dict[str, list[str]],
    move_dates: bool,
    settings: SolveSettings,
    cost_at_most: int | None = None,
) -> tuple[tuple[Change, ...] | None, int | None]:
    """The cheapest changes the priced problem finds, and their cost in model units; (None,
    None) when the promises cannot hold.

    ``cost_at_most`` limits the search to answers costing at most that (in model units),
    e.g. the cost of an answer already found with fewer levers: the same problem with more
    levers can only do as well or better, and the bound keeps the solver from spending its
    budget on dearer answers.
    """
    levers = levers_of(context.scenario)
    movable = {
        task: (tuple(ids), round(levers.date_penalty(task) * SCALE))
        for task, ids in groups.items()
        if move_dates
    }
    hard = [] if move_dates else [i for ids in groups.values() for i in ids]
    result = solve_min_cost(
        setup.problem,
        hard,
        movable=movable,
        priced=setup.priced,
        companions=setup.companions,
        team_limit=setup.team_limit,
        cost_at_most=cost_at_most,
        **settings.options,
    )
    if result.schedule is None:
        return None, None
    return to_changes(context, setup, result), result.cost


def to_changes(context: PlanningContext, setup: Setup, result: PricedResult) -> tuple[Change, ...]:
    """Date moves and capacity sized so the priced schedule fits after applying them."""
    scenario, calendar = context.scenario, context.calendar
    changes = [
        move_date_change(scenario, calendar, task, days)
        for task, days in sorted(result.shift.items())
        if days > 0
    ]
    assert result.schedule is not None
    used: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for per_resource in result.schedule.allocation.values():
        for rid, periods in per_resource.items():
            if rid in setup.options:
                for period, units in periods.items():
                    used[rid][period] += units
    for rid, periods in sorted(used.items()):
        option = setup.options[rid]
        first, last = calendar.day(min(periods)), calendar.day(max(periods))
        peak = max(periods.values())
        if isinstance(option, OvertimeOption):
            person = scenario.person(option.person)
            n = len(person.workdays if person.workdays is not None else scenario.calendar.workdays)
            hours = weekly_hours(peak, n, option.max_hours_per_week)
            changes.append(overtime_change(scenario, calendar, option, hours, first, last))
        else:
            n = len(scenario.calendar.workdays)
            hours = weekly_hours(peak, n, option.hours_per_week)
            changes.append(freelancer_change(scenario, calendar, option, hours, first, last))
    return tuple(changes)


def weekly_hours(peak_minutes: int, workdays: int, cap: float) -> float:
    """The fewest quarter hours a week that give at least ``peak_minutes`` a day (≤ ``cap``)."""
    hours = math.ceil(peak_minutes * workdays / 60 / QUARTER) * QUARTER
    while per_day_minutes(hours, workdays) < peak_minutes and hours < cap:
        hours += QUARTER
    return min(hours, cap)


def structural_variants(scenario: Scenario, levers: Levers) -> list[tuple[Change, ...]]:
    """Brief changes to try one at a time (and all turnaround cuts together)."""
    variants: list[tuple[Change, ...]] = []
    cuts = []
    for option in levers.turnaround:
        task = scenario.task(option.task)
        days = min(option.max_days, (task.client_days or 1) - 1)
        if days > 0:
            cuts.append(turnaround_change(scenario, option, days))
    variants += [(c,) for c in cuts]
    if len(cuts) > 1:
        variants.append(tuple(cuts))
    optional = [t for t in scenario.brief.tasks if t.optional]
    if levers.drop_optional:
        variants += [(drop_change(scenario, t.id),) for t in optional]
    if levers.shrink_optional_to is not None:
        share = levers.shrink_optional_to
        variants += [(shrink_change(scenario, t.id, share),) for t in optional if t.hours > 0]
    return variants


def promises_hold(
    scenario: Scenario,
    changes: Sequence[Change],
    min_priority: int | None,
    settings: SolveSettings,
) -> bool:
    """True when, after the changes, every targeted promise is proven able to hold."""
    context = short_context(apply_changes(scenario, changes))
    hard = [i for ids in targets(context, min_priority).values() for i in ids]
    return check_deadlines(context.problem, hard, **settings.options) == "FEASIBLE"


def resized(scenario: Scenario, calendar: WorkCalendar, change: Change, steps: int) -> Change:
    """A capacity change with ``steps`` quarter hours a week, or a turnaround change with
    ``steps`` days saved, instead (same days and rates)."""
    if change.kind == TURNAROUND:
        penalty = change.cost / change.amount if change.amount else 0.0
        return turnaround_change(scenario, TurnaroundOption(change.target, steps, penalty), steps)
    assert change.first_day is not None and change.last_day is not None
    assert change.rate is not None
    first, last, hours = change.first_day, change.last_day, steps * QUARTER
    if change.kind == OVERTIME:
        option = OvertimeOption(change.target, hours, change.rate)
        return overtime_change(scenario, calendar, option, hours, first, last)
    freelancer = FreelancerOption(change.target, hours, change.rate, first)
    return freelancer_change(scenario, calendar, freelancer, hours, first, last)


def _steps(change: Change) -> int:
    return round(change.amount) if change.kind == TURNAROUND else round(change.amount / QUARTER)


def trim(
    context: PlanningContext,
    changes: Sequence[Change],
    min_priority: int | None,
    settings: SolveSettings,
    holds: Callable[[Sequence[Change]], bool] | None = None,
    as_is: Callable[[Change], bool] | None = None,
) -> tuple[Change, ...]:
    """Capacity and turnaround changes cut to the least that still keeps the promises.

    The priced schedule may book extra capacity unevenly (same price), while a change grants
    the same hours every day, and a turnaround variant saves the most days allowed; a binary
    search per change (quarter hours a week, or days saved) on proven-feasible deadlines
    removes that slack, and drops a change that is not needed at all. ``holds`` answers
    whether the promises hold after some changes (default :func:`promises_hold`; a caller
    trimming many candidates passes one that remembers its answers). Changes for which
    ``as_is`` is true are kept as they are (e.g. ones too small to offer anyway).
    """
    scenario, calendar = context.scenario, context.calendar
    if holds is None:

        def holds(trial: Sequence[Change]) -> bool:
            return promises_hold(scenario, trial, min_priority, settings)

    kept: list[Change | None] = list(changes)
    for index, change in enumerate(changes):
        if change.kind not in (OVERTIME, FREELANCER, TURNAROUND) or (as_is and as_is(change)):
            continue
        others = [c for k, c in enumerate(kept) if k != index and c is not None]
        low, high = 0, _steps(change)
        while low < high:
            middle = (low + high) // 2
            trial = [*others, resized(scenario, calendar, change, middle)] if middle else others
            if holds(trial):
                high = middle
            else:
                low = middle + 1
        if high != _steps(change):
            kept[index] = resized(scenario, calendar, change, high) if high else None
    return tuple(c for c in kept if c is not None)
