"""Independent checker: does a Plan keep every rule of its Scenario?

Shares no code with the scheduler or :mod:`planner.planning.calendar`; the calendar arithmetic
lives in
:mod:`planner.validate.calendar`. :func:`validate_plan` lists every broken rule as a
:class:`Violation`; :func:`assert_valid` is the one-line guard tests call on every plan.

Interpretation notes (where the spec leaves room):

* optional tasks may be left out of a plan entirely (no TaskPlan, no bookings, no promise);
* an agency task of zero hours is a milestone: it needs no bookings, its dates may be None,
  and precedences to or from it are not checked;
* a non-recurring promise may state either the promised date or its due working day as
  ``due``; a recurring one states its due working day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from planner.model import Scenario, Task
from planner.plan import Booking, Plan, TaskPlan
from planner.validate.calendar import (
    BEFORE_START,
    HOLIDAY,
    NOT_A_WORKING_DAY,
    TIME_OFF,
    CheckCalendar,
    Instance,
    exact,
    expand_tasks,
    minutes_text,
)

CAPACITY = "capacity"
ROLE = "role"
UNKNOWN_PERSON = "unknown_person"
UNKNOWN_TASK = "unknown_task"
MISSING_TASK = "missing_task"
DUPLICATE_TASK = "duplicate_task"
TASK_KIND = "task_kind"
MINUTES = "minutes"
EFFORT = "effort"
MAX_PEOPLE = "max_people"
RELEASE = "release"
PRECEDENCE = "precedence"
CLIENT_STEP = "client_step"
TASK_DATES = "task_dates"
PROMISE = "promise"
PRICE = "price"
AVAILABLE_MINUTES = "available_minutes"
NO_SCHEDULE = "no_schedule"

RULES: tuple[str, ...] = (
    *(CAPACITY, NOT_A_WORKING_DAY, HOLIDAY, TIME_OFF, BEFORE_START, ROLE, UNKNOWN_PERSON),
    *(UNKNOWN_TASK, MISSING_TASK, DUPLICATE_TASK, TASK_KIND, MINUTES, EFFORT, MAX_PEOPLE),
    *(RELEASE, PRECEDENCE, CLIENT_STEP, TASK_DATES, PROMISE, PRICE, AVAILABLE_MINUTES),
    NO_SCHEDULE,
)
"""Every rule name a :class:`Violation` can carry."""

PRICE_TOLERANCE = 0.01
ASSERT_LIMIT = 20


@dataclass(frozen=True)
class Violation:
    """One broken rule: which (``rule``), why (``message``) and where, when known."""

    rule: str
    message: str
    task: str | None = None
    person: str | None = None
    day: date | None = None

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


def _name(instance: Instance) -> str:
    if instance.task.name:
        return f"{instance.task.name!r} ({instance.id})"
    return repr(instance.id)


class _Checker:
    """Runs every rule over one (scenario, plan) pair and collects the violations."""

    def __init__(self, scenario: Scenario, plan: Plan) -> None:
        self.scenario, self.plan = scenario, plan
        self.cal = CheckCalendar(scenario)
        self.found: list[Violation] = []
        self.people = {person.name: person for person in scenario.team}
        self.instances = expand_tasks(scenario, self.cal)
        self.planned: dict[str, TaskPlan] = {}
        self.booked: dict[str, list[Booking]] = defaultdict(list)
        self.span: dict[str, tuple[date | None, date | None]] = {}

    def add(
        self,
        rule: str,
        message: str,
        task: str | None = None,
        person: str | None = None,
        day: date | None = None,
    ) -> None:
        self.found.append(Violation(rule, message, task, person, day))

    def run(self) -> list[Violation]:
        if not self.plan.has_schedule:
            if self.plan.bookings:
                status = self.plan.solver_status
                n = len(self.plan.bookings)
                self.add(NO_SCHEDULE, f"a plan with status {status} has {n} booking(s)")
            return self.found
        self.check_task_list()
        self.check_bookings()
        self.check_days()
        self.check_agency_tasks()
        self.check_client_steps()
        self.check_precedence()
        self.check_promises()
        self.check_price()
        self.check_available_minutes()
        return self.found

    # --- task list and bookings --------------------------------------------------------
    def check_task_list(self) -> None:
        for task_plan in self.plan.tasks:
            inst = self.instances.get(task_plan.id)
            if inst is None:
                message = f"planned task {task_plan.id!r} is not in the brief"
                self.add(UNKNOWN_TASK, message, task_plan.id)
            elif task_plan.id in self.planned:
                self.add(DUPLICATE_TASK, f"task {task_plan.id!r} is planned twice", task_plan.id)
            else:
                self.planned[task_plan.id] = task_plan
                kind = "client" if inst.is_client_step else "agency"
                if task_plan.kind != kind:
                    message = f"task {task_plan.id!r} has kind {task_plan.kind!r}, not {kind!r}"
                    self.add(TASK_KIND, message, task_plan.id)
        for booking in self.plan.bookings:
            if booking.task in self.instances:
                self.booked[booking.task].append(booking)
        for inst_id, inst in self.instances.items():
            absent_optional = inst.task.optional and not self.booked.get(inst_id)
            if inst_id not in self.planned and not absent_optional:
                self.add(MISSING_TASK, f"task {_name(inst)} is not in the plan", inst_id)

    def check_bookings(self) -> None:
        unknown_tasks: dict[str, int] = defaultdict(int)
        unknown_people: dict[str, int] = defaultdict(int)
        wrong_role: dict[tuple[str, str], int] = defaultdict(int)
        for b in self.plan.bookings:
            if isinstance(b.minutes, bool) or not isinstance(b.minutes, int) or b.minutes <= 0:
                message = (
                    f"booking of {b.person} on {b.task!r} on {b.day} has {b.minutes!r} minutes"
                )
                self.add(MINUTES, message, b.task, b.person, b.day)
            inst = self.instances.get(b.task)
            if inst is None:
                unknown_tasks[b.task] += 1
            if b.person not in self.people:
                unknown_people[b.person] += 1
            if inst is None or b.person not in self.people or inst.is_client_step:
                continue
            task = inst.task
            if task.person is not None:
                allowed = b.person == task.person
            else:
                allowed = task.role is None or task.role in self.people[b.person].roles
            if not allowed:
                wrong_role[(b.task, b.person)] += 1
        for task_id, n in unknown_tasks.items():
            self.add(UNKNOWN_TASK, f"{n} booking(s) on unknown task {task_id!r}", task_id)
        for person, n in unknown_people.items():
            self.add(UNKNOWN_PERSON, f"{n} booking(s) for unknown person {person!r}", None, person)
        for (task_id, person), n in wrong_role.items():
            task = self.instances[task_id].task
            need = f"it is assigned to {task.person}" if task.person else f"needs {task.role!r}"
            roles = ", ".join(self.people[person].roles) or "none"
            message = f"{person} (roles: {roles}) is booked {n} day(s) on {task_id!r} but {need}"
            self.add(ROLE, message, task_id, person)

    def check_days(self) -> None:
        per_day: dict[tuple[str, date], int] = defaultdict(int)
        for b in self.plan.bookings:
            per_day[(b.person, b.day)] += b.minutes
        for (name, day), minutes in sorted(per_day.items(), key=lambda item: item[0][1]):
            person = self.people.get(name)
            if person is None or minutes <= 0:
                continue
            free = self.cal.availability(person, day)
            if minutes > free.minutes:
                rule = free.rule or CAPACITY
                message = f"{name} is booked {minutes_text(minutes)} on {day} but {free.reason}"
                self.add(rule, message, None, name, day)

    # --- tasks -------------------------------------------------------------------------
    def check_agency_tasks(self) -> None:
        for inst_id, inst in self.instances.items():
            if inst.is_client_step:
                continue
            bookings = self.booked.get(inst_id, [])
            task_plan = self.planned.get(inst_id)
            if not bookings:
                if task_plan is not None:
                    self.span[inst_id] = (task_plan.start, task_plan.finish)
                if inst.effort and task_plan is not None:
                    message = f"{_name(inst)} needs {minutes_text(inst.effort)} but has no bookings"
                    self.add(EFFORT, message, inst_id)
                continue
            days = sorted(b.day for b in bookings)
            self.span[inst_id] = (days[0], days[-1])
            total = sum(b.minutes for b in bookings)
            if total != inst.effort:
                message = (
                    f"{_name(inst)} has {minutes_text(total)} booked "
                    f"but needs exactly {minutes_text(inst.effort)}"
                )
                self.add(EFFORT, message, inst_id)
            people = sorted({b.person for b in bookings})
            if len(people) > inst.task.max_people:
                message = (
                    f"{_name(inst)} is done by {len(people)} people ({', '.join(people)}) "
                    f"but allows at most {inst.task.max_people}"
                )
                self.add(MAX_PEOPLE, message, inst_id)
            # bookings before the scenario start are already reported as before_start
            early = [d for d in days if self.scenario.start <= d < (inst.earliest or d)]
            if early:
                message = (
                    f"{_name(inst)} is booked on {early[0]} ({len(early)} booking(s) in all) "
                    f"before its release day {inst.earliest}"
                )
                self.add(RELEASE, message, inst_id, None, early[0])
            if task_plan is None:
                continue
            if (task_plan.start, task_plan.finish) != (days[0], days[-1]):
                message = (
                    f"{inst_id!r} is planned {task_plan.start} – {task_plan.finish} "
                    f"but its bookings run {days[0]} – {days[-1]}"
                )
                self.add(TASK_DATES, message, inst_id)
            if sorted(set(task_plan.people)) != people or len(task_plan.people) != len(people):
                message = (
                    f"{inst_id!r} lists people {list(task_plan.people)} but is booked for {people}"
                )
                self.add(TASK_DATES, message, inst_id)
            if task_plan.minutes != total:
                message = f"{inst_id!r} claims {task_plan.minutes} minutes but books {total}"
                self.add(EFFORT, message, inst_id)

    def check_client_steps(self) -> None:
        for inst_id, inst in self.instances.items():
            if not inst.is_client_step:
                continue
            if self.booked.get(inst_id):
                n = len(self.booked[inst_id])
                message = f"client step {_name(inst)} has {n} agency booking(s)"
                self.add(CLIENT_STEP, message, inst_id)
            task_plan = self.planned.get(inst_id)
            if task_plan is None:
                continue
            start, finish = task_plan.start, task_plan.finish
            self.span[inst_id] = (start, finish)
            days = inst.task.client_days or 0
            if start is None or finish is None:
                self.add(CLIENT_STEP, f"client step {_name(inst)} has no dates", inst_id)
                continue
            bad = [d for d in (start, finish) if not self.cal.is_working_day(d)]
            if bad:
                listed = ", ".join(str(d) for d in bad)
                message = f"client step {_name(inst)} starts or ends on a non-working day: {listed}"
                self.add(CLIENT_STEP, message, inst_id)
            length = self.cal.index(finish) - self.cal.index(start) + 1
            if not bad and length != days:
                message = (
                    f"client step {_name(inst)} runs {start} – {finish}, {length} working "
                    f"day(s), but takes {days}"
                )
                self.add(CLIENT_STEP, message, inst_id)
            if inst.earliest is not None and start < inst.earliest:
                message = f"client step {_name(inst)} starts {start} before {inst.earliest}"
                self.add(RELEASE, message, inst_id, None, start)

    def _predecessors(self, inst: Instance, pred: Task) -> list[str]:
        if pred.repeat is None:
            return [pred.id]
        own = inst.task.repeat
        cadence = (pred.repeat.every, pred.repeat.interval, pred.repeat.count)
        if own is not None and (own.every, own.interval, own.count) == cadence:
            return [f"{pred.id}#{inst.number}"]
        return [f"{pred.id}#{k}" for k in range(1, pred.repeat.count + 1)]

    def _is_milestone(self, inst: Instance) -> bool:
        return not inst.is_client_step and inst.effort == 0

    def check_precedence(self) -> None:
        tasks = {task.id: task for task in self.scenario.brief.tasks}
        for inst_id, inst in self.instances.items():
            start = self.span.get(inst_id, (None, None))[0]
            for dep in inst.task.after:
                pred = tasks.get(dep.task)
                if pred is None:
                    message = f"{_name(inst)} depends on {dep.task!r}, which is not in the brief"
                    self.add(PRECEDENCE, message, inst_id)
                    continue
                if start is None or self._is_milestone(inst):
                    continue
                for pred_id in self._predecessors(inst, pred):
                    finish = self.span.get(pred_id, (None, None))[1]
                    if finish is None or self._is_milestone(self.instances[pred_id]):
                        continue
                    need = self.cal.index(finish) + 1 + dep.lag
                    if self.cal.index(start) < need:
                        allowed = self.cal.day_at(need)
                        message = (
                            f"{_name(inst)} starts {start} but {pred_id!r} finishes {finish}"
                            f" and lag is {dep.lag} working day(s): earliest start is {allowed}"
                        )
                        self.add(PRECEDENCE, message, inst_id, None, start)

    # --- promises, money, availability -------------------------------------------------
    def _promised(self) -> dict[str, tuple[date, set[date]]]:
        """Due working day and the acceptable ``PromiseOutcome.due`` values per promise."""
        promised: dict[str, tuple[date, set[date]]] = {}
        for inst_id, inst in self.instances.items():
            if inst.task.optional and inst_id not in self.planned:
                continue
            task = inst.task
            if inst.number is not None and task.due_within is not None:
                if inst.earliest is None:
                    continue
                due_day = self.cal.day_at(self.cal.index(inst.earliest) + task.due_within)
                if due_day is not None:
                    promised[inst_id] = (due_day, {due_day})
            elif task.due is not None:
                due_day = self.cal.previous_working_day(task.due)
                if due_day is not None:
                    promised[inst_id] = (due_day, {task.due, due_day})
        return promised

    def check_promises(self) -> None:
        promised = self._promised()
        seen: set[str] = set()
        for p in self.plan.promises:
            if p.task not in promised:
                self.add(PROMISE, f"promise on {p.task!r}, which promises nothing", p.task)
                continue
            if p.task in seen:
                self.add(PROMISE, f"promise on {p.task!r} is listed twice", p.task)
                continue
            seen.add(p.task)
            due_day, accepted = promised[p.task]
            if p.due not in accepted:
                shown = " or ".join(str(d) for d in sorted(accepted))
                self.add(PROMISE, f"promise on {p.task!r} is due {p.due}, not {shown}", p.task)
            finish = self.span.get(p.task, (None, None))[1]
            if p.finish != finish:
                message = f"promise on {p.task!r} says finish {p.finish}, the plan says {finish}"
                self.add(PROMISE, message, p.task)
            if finish is None:
                continue
            slip = max(0, self.cal.index(finish) - self.cal.index(due_day))
            if p.slip_days != slip:
                message = (
                    f"promise on {p.task!r} says {p.slip_days} working day(s) late, but finish "
                    f"{finish} against due working day {due_day} is {slip}"
                )
                self.add(PROMISE, message, p.task, None, finish)
        for task_id in promised.keys() - seen:
            self.add(PROMISE, f"promise on {task_id!r} is missing from the plan", task_id)

    def check_price(self) -> None:
        budget = self.plan.budget
        labour = sum(
            (
                Fraction(b.minutes, 60) * exact(self.people[b.person].bill_rate)
                for b in self.plan.bookings
                if b.person in self.people
            ),
            Fraction(0),
        )
        fixed = sum((exact(c.amount) for c in self.scenario.brief.fixed_costs), Fraction(0))
        price = float(labour + fixed)
        if abs(budget.price - price) > PRICE_TOLERANCE:
            message = (
                f"price is {budget.price:.2f} but bookings and fixed costs come to {price:.2f} "
                f"(labour {float(labour):.2f} + fixed {float(fixed):.2f})"
            )
            self.add(PRICE, message)
        if abs(budget.fixed_costs - float(fixed)) > PRICE_TOLERANCE:
            self.add(PRICE, f"fixed costs are {budget.fixed_costs:.2f}, not {float(fixed):.2f}")
        brief_budget = self.scenario.brief.budget
        if (budget.budget is None) != (brief_budget is None) or (
            budget.budget is not None
            and brief_budget is not None
            and abs(budget.budget - brief_budget) > PRICE_TOLERANCE
        ):
            self.add(PRICE, f"budget is {budget.budget}, the brief says {brief_budget}")

    def check_available_minutes(self) -> None:
        for name, days in self.plan.available_minutes.items():
            person = self.people.get(name)
            if person is None:
                message = f"available minutes listed for unknown person {name!r}"
                self.add(AVAILABLE_MINUTES, message, None, name)
                continue
            for day, minutes in sorted(days.items()):
                expected = self.cal.availability(person, day).minutes
                if minutes != expected:
                    message = f"{name} has {expected} minutes on {day}, not {minutes}"
                    self.add(AVAILABLE_MINUTES, message, None, name, day)


def validate_plan(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every rule of ``scenario`` that ``plan`` breaks.

    Parameters
    ----------
    scenario : Scenario
        The brief and agency capacity the plan was made for.
    plan : Plan
        The plan to check. Plans without a schedule (INFEASIBLE/UNKNOWN) are only checked for
        having no bookings.

    Returns
    -------
    list[Violation]
        Broken rules, empty when the plan is valid. ``rule`` is one of :data:`RULES`.
    """
    return _Checker(scenario, plan).run()


def assert_valid(scenario: Scenario, plan: Plan) -> None:
    """Raise ``AssertionError`` listing the first violations when ``plan`` breaks a rule.

    Parameters
    ----------
    scenario : Scenario
        The brief and agency capacity the plan was made for.
    plan : Plan
        The plan to check.

    Raises
    ------
    AssertionError
        When :func:`validate_plan` finds any violation; the message lists up to
        ``ASSERT_LIMIT`` of them.
    """
    violations = validate_plan(scenario, plan)
    if not violations:
        return
    lines = [f"plan {plan.title!r} breaks {len(violations)} rule(s):"]
    lines += [f"  {v}" for v in violations[:ASSERT_LIMIT]]
    if len(violations) > ASSERT_LIMIT:
        lines.append(f"  … and {len(violations) - ASSERT_LIMIT} more")
    raise AssertionError("\n".join(lines))
