"""The changes a lever can make to a scenario, what each costs, and how it is applied.

Every change is applied as an ordinary edit of the scenario, so the independent checker
(:mod:`planner.validate.rules`) judges the re-planned result like any other plan:

* ``move_date`` — the promised date of a task moves to ``new_date`` (a recurring task gets
  ``amount`` more working days in ``due_within``);
* ``overtime`` — a commitment of minus ``amount`` hours a week for the person between
  ``first_day`` and ``last_day``, labelled "overtime": their free time grows by exactly the
  hours a commitment of that size would take;
* ``freelancer`` — a new team member with only the role, ``amount`` hours a week, billed and
  paid at ``rate``, on time off outside ``first_day`` … ``last_day``;
* ``drop_task`` — the task leaves the brief; tasks that waited for it wait for its own
  predecessors instead (lags add up);
* ``shrink_task`` — the task keeps the share ``amount`` of its hours;
* ``turnaround`` — the client step takes ``amount`` fewer working days;
* ``budget`` — the budget grows by ``amount``.

The cost of a change depends on the change alone (capacity is paid as granted, whether or not
the plan uses all of it), so the same change always has the same price.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from planner.diagnosis.change_text import (
    ASK,
    CUT,
    DROP,
    FREELANCE,
    GIVE_EACH,
    MOVE,
    RAISE,
    Fact,
    render,
)
from planner.diagnosis.change_text import OVERTIME as OVERTIME_TEXT
from planner.model import (
    Commitment,
    DateRange,
    Dependency,
    FreelancerOption,
    Levers,
    OvertimeOption,
    Person,
    Scenario,
    Task,
    TurnaroundOption,
)
from planner.plan import Plan
from planner.planning.calendar import WorkCalendar, hours_to_minutes
from planner.wording import Lang


class ChangeKind(StrEnum):
    """What a change to the brief does (the ``kind`` of a :class:`Change`)."""

    MOVE_DATE = "move_date"
    OVERTIME = "overtime"
    FREELANCER = "freelancer"
    DROP_TASK = "drop_task"
    SHRINK_TASK = "shrink_task"
    TURNAROUND = "turnaround"
    BUDGET = "budget"


MOVE_DATE, OVERTIME, FREELANCER, DROP_TASK, SHRINK_TASK, TURNAROUND, BUDGET = ChangeKind
CHANGE_KINDS: tuple[str, ...] = (
    MOVE_DATE,
    OVERTIME,
    FREELANCER,
    DROP_TASK,
    SHRINK_TASK,
    TURNAROUND,
    BUDGET,
)
OVERTIME_LABEL = "overtime"
FREELANCE_END_YEARS = 10


@dataclass(frozen=True)
class Change:
    """One edit of the scenario that a lever allows, with its price.

    ``target`` is a task id (dates, tasks, turnaround), a person (overtime), a role
    (freelancer) or "budget"; ``subject`` its readable name (a task's name). The meaning of
    ``amount`` depends on ``kind`` (see the module docstring); ``rate`` is the hourly price of
    overtime and freelancers.
    """

    kind: str
    target: str
    amount: float
    cost: float
    description: str
    first_day: date | None = None
    last_day: date | None = None
    new_date: date | None = None
    rate: float | None = None
    subject: str = ""
    message: str = field(default="", compare=False)
    facts: tuple[tuple[str, Fact], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.kind not in CHANGE_KINDS:
            raise ValueError(f"unknown change kind {self.kind!r}")

    def text(self, lang: Lang = None) -> str:
        """The change in one sentence in ``lang`` (English: :attr:`description`)."""
        return render(self.message, self.facts, lang) if self.message else self.description

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "target": self.target,
            "amount": round(self.amount, 4),
            "cost": round(self.cost, 2),
            "description": self.description,
        }
        for key in ("first_day", "last_day", "new_date"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value.isoformat()
        if self.rate is not None:
            out["rate"] = self.rate
        return out


def apply_changes(scenario: Scenario, changes: Iterable[Change]) -> Scenario:
    """The scenario with every change applied, in order.

    Raises
    ------
    KeyError
        If a change names a task or person the scenario does not have.
    """
    for change in changes:
        scenario = _APPLY[change.kind](scenario, change)
    return scenario


def _replace_task(scenario: Scenario, task_id: str, **fields: Any) -> Scenario:
    scenario.task(task_id)  # KeyError for an unknown task
    tasks = tuple(replace(t, **fields) if t.id == task_id else t for t in scenario.brief.tasks)
    return replace(scenario, brief=replace(scenario.brief, tasks=tasks))


def _move_date(scenario: Scenario, change: Change) -> Scenario:
    task = scenario.task(change.target)
    if task.repeat is not None and task.due_within is not None:
        return _replace_task(scenario, task.id, due_within=task.due_within + round(change.amount))
    return _replace_task(scenario, task.id, due=change.new_date)


def _overtime(scenario: Scenario, change: Change) -> Scenario:
    scenario.person(change.target)
    assert change.first_day is not None and change.last_day is not None
    extra = Commitment(
        person=change.target,
        period=DateRange(change.first_day, change.last_day),
        hours_per_week=-change.amount,
        label=OVERTIME_LABEL,
    )
    return replace(scenario, commitments=(*scenario.commitments, extra))


def freelancer_name(scenario: Scenario, role: str) -> str:
    """A team name for a freelancer in ``role`` that nobody in the team has yet."""
    base = f"Freelance {role.replace('_', ' ')}"
    names = {p.name for p in scenario.team}
    name, k = base, 2
    while name in names:
        name, k = f"{base} {k}", k + 1
    return name


def _freelancer(scenario: Scenario, change: Change) -> Scenario:
    assert change.first_day is not None and change.last_day is not None
    assert change.rate is not None
    away: list[DateRange] = []
    if change.first_day > scenario.start:
        away.append(DateRange(scenario.start, change.first_day - timedelta(days=1)))
    after = change.last_day + timedelta(days=1)
    away.append(DateRange(after, after + timedelta(days=366 * FREELANCE_END_YEARS)))
    person = Person(
        name=freelancer_name(scenario, change.target),
        roles=(change.target,),
        hours_per_week=change.amount,
        bill_rate=change.rate,
        cost_rate=change.rate,
        time_off=tuple(away),
    )
    return replace(scenario, team=(*scenario.team, person))


def _drop_task(scenario: Scenario, change: Change) -> Scenario:
    dropped = scenario.task(change.target)
    tasks = []
    for task in scenario.brief.tasks:
        if task.id == dropped.id:
            continue
        lags: dict[str, int] = {}
        for dep in task.after:
            inherited = (
                [(d.task, d.lag + dep.lag) for d in dropped.after]
                if dep.task == dropped.id
                else [(dep.task, dep.lag)]
            )
            for before, lag in inherited:
                lags[before] = max(lag, lags.get(before, 0))
        tasks.append(replace(task, after=tuple(Dependency(t, lag) for t, lag in lags.items())))
    return replace(scenario, brief=replace(scenario.brief, tasks=tuple(tasks)))


def _shrink_task(scenario: Scenario, change: Change) -> Scenario:
    task = scenario.task(change.target)
    return _replace_task(scenario, task.id, hours=round(task.hours * change.amount * 60) / 60)


def _turnaround(scenario: Scenario, change: Change) -> Scenario:
    task = scenario.task(change.target)
    days = (task.client_days or 0) - round(change.amount)
    return _replace_task(scenario, task.id, client_days=max(days, 1))


def _budget(scenario: Scenario, change: Change) -> Scenario:
    budget = (scenario.brief.budget or 0) + change.amount
    return replace(scenario, brief=replace(scenario.brief, budget=round(budget, 2)))


_APPLY = {
    MOVE_DATE: _move_date,
    OVERTIME: _overtime,
    FREELANCER: _freelancer,
    DROP_TASK: _drop_task,
    SHRINK_TASK: _shrink_task,
    TURNAROUND: _turnaround,
    BUDGET: _budget,
}


# --- granted capacity ------------------------------------------------------------------------
def per_day_minutes(hours_per_week: float, workdays: int) -> int:
    """Minutes a day that ``hours_per_week`` adds (as a commitment of minus that much would)."""
    return math.floor(hours_to_minutes(hours_per_week) / workdays) if workdays else 0


def overtime_minutes(
    calendar: WorkCalendar, person: Person, hours: float, first: date, last: date
) -> int:
    """Extra free minutes ``hours`` a week of overtime gives ``person`` between two dates."""
    workdays = (
        person.workdays if person.workdays is not None else calendar.scenario.calendar.workdays
    )
    extra = per_day_minutes(hours, len(workdays))
    total = 0
    for day in calendar.capacity[person.name]:
        if first <= day.day <= last and day.workday and not day.holiday and not day.time_off:
            taken = sum(m for _, m in day.commitment_minutes)
            total += max(0, day.contract_minutes - taken + extra) - day.available_minutes
    return total


def freelance_minutes(calendar: WorkCalendar, hours: float, first: date, last: date) -> int:
    """Minutes a freelancer on the agency's workdays offers between two dates."""
    per_day = per_day_minutes(hours, len(calendar.scenario.calendar.workdays))
    return per_day * sum(1 for day in calendar.days if first <= day <= last)


def task_value(scenario: Scenario, task: Task) -> float:
    """What a task is worth to the client: its ``value``, else its hours at the lowest rate."""
    if task.value is not None:
        return task.value
    if task.is_client_step:
        return 0.0
    rates = [
        p.bill_rate
        for p in scenario.team
        if (task.person and p.name == task.person) or (task.role and task.role in p.roles)
    ]
    return task.hours * min(rates, default=0.0)


def changes_cost(changes: Sequence[Change]) -> float:
    """Total price of some changes."""
    return round(sum(c.cost for c in changes), 2)


def levers_of(scenario: Scenario) -> Levers:
    """The scenario's levers, or the defaults when it has none."""
    return scenario.levers if scenario.levers is not None else Levers()


# --- constructors: each change with its price and a sentence ----------------------------------
def _facts(**facts: Fact) -> tuple[tuple[str, Fact], ...]:
    return tuple(facts.items())


def _weekly_facts(
    hours: float, first: date, last: date, granted: int
) -> tuple[tuple[str, Fact], ...]:
    """Extra hours a week between two dates and the minutes they give in all."""
    return _facts(
        hours=("minutes", hours * 60),
        first=("date", first),
        last=("date", last),
        all=("minutes", granted),
    )


def _change(
    message: str, facts: tuple[tuple[str, Fact], ...], kind: str, *args: Any, **kwargs: Any
) -> Change:
    """A change whose English description is rendered from ``message`` and ``facts``."""
    text = render(message, facts)
    return Change(
        kind, args[0], args[1], args[2], text, *args[3:], **kwargs, message=message, facts=facts
    )


def move_date_change(scenario: Scenario, calendar: WorkCalendar, task_id: str, days: int) -> Change:
    """Move the promise of ``task_id`` later by ``days`` working days."""
    task = scenario.task(task_id)
    levers = levers_of(scenario)
    cost = round(days * levers.date_penalty(task_id), 2)
    if task.repeat is not None and task.due_within is not None:
        facts = _facts(
            task=("text", task.label),
            days=("days", days),
            after=("count", task.due_within + days),
            before=("count", task.due_within),
        )
        return _change(GIVE_EACH, facts, MOVE_DATE, task_id, days, cost, subject=task.label)
    assert task.due is not None
    new_date = calendar.day(calendar.index_on_or_before(task.due) + days)
    facts = _facts(
        task=("text", task.label),
        due=("date", task.due),
        new=("date", new_date),
        days=("days", days),
    )
    return _change(
        MOVE, facts, MOVE_DATE, task_id, days, cost, new_date=new_date, subject=task.label
    )


def overtime_change(
    scenario: Scenario,
    calendar: WorkCalendar,
    option: OvertimeOption,
    hours: float,
    first: date,
    last: date,
) -> Change:
    """Overtime of ``hours`` a week for the option's person between two dates."""
    person = scenario.person(option.person)
    granted = overtime_minutes(calendar, person, hours, first, last)
    cost = round(granted / 60 * option.cost_per_hour, 2)
    facts = (("person", ("text", person.name)), *_weekly_facts(hours, first, last, granted))
    return _change(
        OVERTIME_TEXT, facts, OVERTIME, person.name, hours, cost, first, last,
        rate=option.cost_per_hour,
    )  # fmt: skip


def freelancer_change(
    scenario: Scenario,
    calendar: WorkCalendar,
    option: FreelancerOption,
    hours: float,
    first: date,
    last: date,
) -> Change:
    """A freelancer in the option's role, ``hours`` a week between two dates."""
    granted = freelance_minutes(calendar, hours, first, last)
    cost = round(granted / 60 * option.rate, 2)
    role = option.role.replace("_", " ")
    facts = (("role", ("text", role)), *_weekly_facts(hours, first, last, granted))
    return _change(
        FREELANCE, facts, FREELANCER, option.role, hours, cost, first, last,
        rate=option.rate, subject=role,
    )  # fmt: skip


def drop_change(scenario: Scenario, task_id: str) -> Change:
    """Leave an (optional) task out of the brief; its value is the price."""
    task = scenario.task(task_id)
    value = task_value(scenario, task)
    facts = _facts(task=("text", task.label), value=("money", value, scenario.currency))
    return _change(DROP, facts, DROP_TASK, task_id, 1.0, round(value, 2), subject=task.label)


def shrink_change(scenario: Scenario, task_id: str, share: float) -> Change:
    """Keep only ``share`` of a task's hours; the value lost is the price."""
    task = scenario.task(task_id)
    cost = round(task_value(scenario, task) * (1 - share), 2)
    kept = round(task.hours * share * 60)
    facts = _facts(
        task=("text", task.label),
        share=("percent", share),
        before=("minutes", round(task.hours * 60)),
        after=("minutes", kept),
    )
    return _change(CUT, facts, SHRINK_TASK, task_id, share, cost, subject=task.label)


def turnaround_change(scenario: Scenario, option: TurnaroundOption, days: int) -> Change:
    """The client takes ``days`` fewer working days for a review step."""
    task = scenario.task(option.task)
    before = task.client_days or 0
    facts = _facts(
        client=("text", scenario.brief.client),
        task=("text", task.label),
        days=("days", max(before - days, 1)),
        before=("count", before),
    )
    cost = round(days * option.penalty_per_day, 2)
    return _change(ASK, facts, TURNAROUND, option.task, days, cost, subject=task.label)


def budget_change(scenario: Scenario, amount: float) -> Change:
    """Raise the budget by ``amount`` (each unit of currency costs one)."""
    amount = round(amount, 2)
    new = (scenario.brief.budget or 0) + amount
    currency = scenario.currency
    facts = _facts(amount=("money", amount, currency), new=("money", new, currency))
    return _change(RAISE, facts, BUDGET, "budget", amount, amount, subject="budget")


def budget_raised(
    scenario: Scenario, changes: list[Change], plan: Plan
) -> tuple[list[Change], Plan]:
    """``changes`` with the budget raised to the plan's price, and the plan against it.

    The budget is not part of the scheduling problem, so re-planning with the raised budget
    would give this very schedule: only the budget line of the plan changes (and the caller
    checks the plan against the changed brief again).
    """
    assert plan.budget.budget is not None
    raised = sum(c.amount for c in changes if c.kind == BUDGET)
    changes = [c for c in changes if c.kind != BUDGET]
    over = plan.budget.price - plan.budget.budget
    changes.append(budget_change(scenario, round(raised + over, 2)))
    budget = apply_changes(scenario, changes).brief.budget
    return changes, replace(plan, budget=replace(plan.budget, budget=budget))
