"""Plan a scenario: calendar → task instances → scheduling core → :class:`Plan`.

This is the library's main entry point::

    from planner.io import load_scenario
    from planner.planning import SolveSettings, plan_scenario
    scenario = load_scenario("data/tundra-product-launch.yaml")
    plan = plan_scenario(scenario, SolveSettings(time_limit=5))
    print(plan.verdict, plan.budget.price)
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from planner.model import Scenario
from planner.plan import Booking, BudgetCheck, Plan, PromiseOutcome, TaskPlan
from planner.planning.agency import build_problem, money_of_cost
from planner.planning.calendar import WorkCalendar, calendar_end
from planner.planning.instances import TaskInstance, expand_tasks
from planner.scheduler import Problem, Schedule, SolveResult, solve
from planner.scheduler.settings import DEFAULT_TIME_LIMIT as DEFAULT_TIME_LIMIT  # re-exported
from planner.scheduler.settings import SolveSettings

DEFAULT_SETTINGS = SolveSettings()
"""Five seconds, seed 0, one worker: the plan the CLI and the app make unless told otherwise."""


@dataclass(frozen=True)
class PlanningContext:
    """Everything derived from a scenario before solving (reused by diagnosis and levers)."""

    scenario: Scenario
    calendar: WorkCalendar
    instances: tuple[TaskInstance, ...]

    @cached_property
    def problem(self) -> Problem:
        """The scenario as a generic scheduling problem (built once, on first use)."""
        return build_problem(self.scenario, self.calendar, self.instances)


def prepare(scenario: Scenario) -> PlanningContext:
    """Expand the calendar and the task instances of ``scenario``."""
    calendar = WorkCalendar(scenario, calendar_end(scenario))
    return PlanningContext(scenario, calendar, tuple(expand_tasks(scenario, calendar)))


def plan_scenario(scenario: Scenario, settings: SolveSettings = DEFAULT_SETTINGS) -> Plan:
    """Build the best plan capacity allows and evaluate every promise and the budget.

    Parameters
    ----------
    scenario
        The brief and the agency's capacity.
    settings
        Time limit, seed and workers; one worker (the default) gives the same plan for the
        same scenario and seed.

    Returns
    -------
    Plan
        Always returned; a scenario without any valid schedule has status UNKNOWN and no
        bookings (work that does not fit in the planned calendar is not a proof, see
        :func:`honest_status`).
    """
    return plan_context(prepare(scenario), settings)


def plan_context(
    context: PlanningContext, settings: SolveSettings, hint: Schedule | None = None
) -> Plan:
    """The pipeline's solving half, shared by every caller: the context's problem → the
    scheduling core → a :class:`Plan` (``hint``: a known schedule to start from)."""
    result = solve(context.problem, hint=hint, **settings.options)
    return plan_from_result(context, result)


def plan_from_result(context: PlanningContext, result: SolveResult) -> Plan:
    """Turn a solver result into a Plan with dates, bookings, promises and price."""
    scenario, calendar = context.scenario, context.calendar
    schedule = result.schedule
    bookings = _bookings(context, schedule) if schedule else []
    tasks = [_task_plan(i, calendar, schedule, bookings) for i in context.instances]
    promises = [
        _promise(i, calendar, schedule) for i in context.instances if i.due_index is not None
    ]
    last = max((t.finish for t in tasks if t.finish), default=calendar.days[0])
    horizon_days = [d for d in calendar.days if d <= last]
    available = {
        p.name: {d: m for d, m in calendar.available_by_day(p.name).items() if d <= last}
        for p in scenario.team
    }
    status, message = honest_status(result, calendar.days[-1])
    return Plan(
        title=scenario.title,
        currency=scenario.currency,
        solver_status=status,
        tasks=tuple(tasks),
        bookings=tuple(bookings),
        promises=tuple(promises),
        budget=budget_check(context, bookings, result.cost_bound),
        solve_seconds=result.wall_seconds,
        horizon_end=horizon_days[-1] if horizon_days else None,
        message=message,
        available_minutes=available,
        clock_stopped=result.clock_stopped,
    )


def honest_status(result: SolveResult, calendar_end: date) -> tuple[str, str]:
    """The result's status and message as they may be claimed for the whole brief.

    The agency calendar ends a year after the last date in the scenario; work that does not
    fit before that end is a limit of the period planned, never a proof that the brief cannot
    be done, so "no schedule exists" becomes UNKNOWN with plain words (it used to read
    "NO PLAN … cannot fit before period 309").
    """
    if result.status != "INFEASIBLE" or result.schedule is not None:
        return result.status, result.message
    return "UNKNOWN", (
        f"the work does not fit in the calendar planned (up to {calendar_end:%d %b %Y}); that "
        "is the end of the period the planner covers, not a proof that it cannot be done "
        "(split the brief or move the promised dates later)"
    )


def _bookings(context: PlanningContext, schedule: Schedule) -> list[Booking]:
    bookings = []
    for instance in context.instances:
        for person, periods in sorted(schedule.allocation.get(instance.id, {}).items()):
            for period, minutes in sorted(periods.items()):
                bookings.append(Booking(instance.id, person, context.calendar.day(period), minutes))
    return bookings


def _task_plan(
    instance: TaskInstance,
    calendar: WorkCalendar,
    schedule: Schedule | None,
    bookings: list[Booking],
) -> TaskPlan:
    task = instance.task
    start = finish = None
    people: tuple[str, ...] = ()
    if schedule is not None:
        first, end = schedule.start[instance.id], schedule.finish[instance.id]
        if end > first:
            start, finish = calendar.day(first), calendar.day(end - 1)
        people = tuple(sorted({b.person for b in bookings if b.task == instance.id}))
    name = task.label if instance.occurrence is None else f"{task.label} #{instance.occurrence}"
    return TaskPlan(
        id=instance.id,
        name=name,
        kind="client" if task.is_client_step else "agency",
        start=start,
        finish=finish,
        people=people,
        minutes=instance.minutes,
        role=task.role,
        deliverable=task.deliverable,
        source_task=task.id,
    )


def _promise(
    instance: TaskInstance, calendar: WorkCalendar, schedule: Schedule | None
) -> PromiseOutcome:
    assert instance.due is not None and instance.due_index is not None
    finish: date | None = None
    slip = 0
    if schedule is not None:
        last = schedule.finish[instance.id] - 1
        finish = calendar.day(last)
        slip = max(0, last - instance.due_index)
    name = instance.task.label
    if instance.occurrence is not None:
        name = f"{name} #{instance.occurrence}"
    return PromiseOutcome(
        task=instance.id,
        name=name,
        due=instance.due,
        finish=finish,
        slip_days=slip,
        priority=instance.task.priority,
    )


def budget_check(
    context: PlanningContext, bookings: list[Booking], cost_bound: int | None = None
) -> BudgetCheck:
    """Price (bill rates × booked hours + fixed costs) and internal cost against the budget.

    ``cost_bound`` is the solver's proven lower bound of the cost stage (see
    :func:`planner.planning.agency.money_of_cost`); it becomes ``lowest_price``.
    """
    scenario = context.scenario
    people = {p.name: p for p in scenario.team}
    tasks = {i.id: i.task for i in context.instances}
    by_role: dict[str, float] = defaultdict(float)
    by_deliverable: dict[str, float] = defaultdict(float)
    price = 0.0
    cost = 0.0
    cost_known = True
    for b in bookings:
        person = people[b.person]
        amount = b.hours * person.bill_rate
        task = tasks[b.task]
        price += amount
        by_role[task.role or f"{task.person} (named)"] += amount
        by_deliverable[task.deliverable or task.id] += amount
        if person.cost_rate is None:
            cost_known = False
        else:
            cost += b.hours * person.cost_rate
    fixed = sum(f.amount for f in scenario.brief.fixed_costs)
    for item in scenario.brief.fixed_costs:
        by_deliverable[item.name] += item.amount
    lowest = None
    if cost_bound is not None and bookings:
        # Rounded down to the cent: it stays a lower bound.
        lowest = math.floor((money_of_cost(scenario, cost_bound) + fixed) * 100 + 1e-6) / 100
    return BudgetCheck(
        price=round(price + fixed, 2),
        lowest_price=lowest,
        budget=scenario.brief.budget,
        fixed_costs=round(fixed, 2),
        cost=round(cost, 2) if cost_known and bookings else None,
        price_by_role=dict(by_role),
        price_by_deliverable=dict(by_deliverable),
    )
