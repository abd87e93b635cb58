"""An exact reference planner for tiny scenarios, written apart from ``planner.scheduler``.

It answers the question the planner answers — the fewest weighted working days late, then the
lowest price at that lateness, then the earliest finish — with its own plain time-indexed
CP-SAT model over every working day of the planning calendar, from the scenario's own words:
working days, availability and task instances come from the independent checker's calendar
(:mod:`planner.validate.calendar`), which shares no code with the scheduler; money is exact
(:class:`fractions.Fraction`). Nothing here imports ``planner.scheduler``,
``planner.planning.calendar``
or ``planner.planning.instances``.

Only what tiny generated scenarios use is modelled: agency tasks by role or person with
``max_people``, client steps, dependencies with lags (recurring tasks of the same cadence pair
up occurrence by occurrence, otherwise an occurrence waits for every occurrence), promised
dates (``due``, ``due_within``), releases, priorities, time off, holidays, part-time
workdays and commitments. No optional tasks and no zero-hour milestones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from ortools.sat.python import cp_model

from planner.model import Scenario
from planner.validate.calendar import CheckCalendar, Instance, exact, expand_tasks

EXTRA_DAYS = 365
"""The planning calendar runs this many days past the latest date the scenario names (the
product's definition of "the whole problem")."""


@dataclass(frozen=True)
class Reference:
    """The optimum: weighted working days late, the lowest price at that lateness, and the
    earliest finish at both (last working day index + 1, and the sum of finish indices)."""

    lateness: int
    price: Fraction
    makespan: int
    finish_sum: int
    proven: bool


def calendar_end(scenario: Scenario) -> date:
    """Latest date the scenario names, plus :data:`EXTRA_DAYS`."""
    dates = [scenario.start]
    for task in scenario.brief.tasks:
        dates += [d for d in (task.due, task.release) if d]
        if task.repeat:
            span = {"day": 1, "week": 7, "month": 31}[task.repeat.every]
            dates.append(
                scenario.start + timedelta(span * task.repeat.interval * task.repeat.count)
            )
    dates += [c.period.end for c in scenario.commitments]
    return max(dates) + timedelta(days=EXTRA_DAYS)


class _Model:
    """The time-indexed model of one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.cal = CheckCalendar(scenario)
        end = calendar_end(scenario)
        self.days: list[date] = []
        day = scenario.start
        while day <= end:
            if self.cal.is_working_day(day):
                self.days.append(day)
            day += timedelta(days=1)
        self.n = len(self.days)
        self.instances = expand_tasks(scenario, self.cal)
        self.model = cp_model.CpModel()
        self.start: dict[str, cp_model.IntVar] = {}
        self.end: dict[str, cp_model.IntVar] = {}
        self.minutes: dict[tuple[str, str], list[tuple[int, cp_model.IntVar]]] = {}
        self._variables()
        self._precedences()

    def _index(self, day: date | None) -> int:
        return 0 if day is None else self.cal.index(day)

    def _eligible(self, inst: Instance) -> list[str]:
        task = inst.task
        if task.person:
            return [task.person]
        return [p.name for p in self.scenario.team if task.role in p.roles]

    def _variables(self) -> None:
        m, team = self.model, {p.name: p for p in self.scenario.team}
        load: dict[tuple[str, int], list[cp_model.IntVar]] = {}
        for inst_id, inst in self.instances.items():
            first = self._index(inst.earliest)
            self.start[inst_id] = m.new_int_var(first, self.n, f"s{inst_id}")
            self.end[inst_id] = m.new_int_var(first, self.n, f"e{inst_id}")
            if inst.is_client_step:
                m.add(self.end[inst_id] == self.start[inst_id] + (inst.task.client_days or 0))
                continue
            used_day: dict[int, list[cp_model.IntVar]] = {}
            chosen = []
            for name in self._eligible(inst):
                cells = []
                for d in range(first, self.n):
                    free = self.cal.availability(team[name], self.days[d]).minutes
                    if free > 0:
                        x = m.new_int_var(0, min(free, inst.effort), f"x{inst_id},{name},{d}")
                        cells.append((d, x))
                        load.setdefault((name, d), []).append(x)
                        used_day.setdefault(d, []).append(x)
                self.minutes[inst_id, name] = cells
                takes_part = m.new_bool_var(f"z{inst_id},{name}")
                m.add(sum(x for _, x in cells) <= inst.effort * takes_part)
                chosen.append(takes_part)
            m.add(sum(chosen) <= inst.task.max_people)
            everything = [x for xs in used_day.values() for x in xs]
            m.add(sum(everything) == inst.effort)
            for d, xs in used_day.items():
                busy = m.new_bool_var(f"b{inst_id},{d}")
                m.add(sum(xs) == 0).only_enforce_if(~busy)
                m.add(self.start[inst_id] <= d).only_enforce_if(busy)
                m.add(self.end[inst_id] >= d + 1).only_enforce_if(busy)
            m.add(self.end[inst_id] >= self.start[inst_id] + 1)
        for (name, d), xs in load.items():
            m.add(sum(xs) <= self.cal.availability(team[name], self.days[d]).minutes)

    def _predecessors(self, inst: Instance, dep_task_id: str) -> list[str]:
        pred = next(t for t in self.scenario.brief.tasks if t.id == dep_task_id)
        if pred.repeat is None:
            return [pred.id]
        own = inst.task.repeat
        same = own is not None and (own.every, own.interval, own.count) == (
            pred.repeat.every,
            pred.repeat.interval,
            pred.repeat.count,
        )
        if same:
            return [f"{pred.id}#{inst.number}"]
        return [f"{pred.id}#{k}" for k in range(1, pred.repeat.count + 1)]

    def _precedences(self) -> None:
        for inst_id, inst in self.instances.items():
            for dep in inst.task.after:
                for before in self._predecessors(inst, dep.task):
                    self.model.add(self.start[inst_id] >= self.end[before] + dep.lag)

    def lateness(self) -> cp_model.LinearExpr:
        terms = []
        for inst_id, inst in self.instances.items():
            task = inst.task
            if inst.number is not None and task.due_within is not None:
                due = self._index(inst.earliest) + task.due_within
            elif task.due is not None:
                due = self._index(self.cal.previous_working_day(task.due))
            else:
                continue
            late = self.model.new_int_var(0, self.n, f"late{inst_id}")
            self.model.add(late >= self.end[inst_id] - 1 - due)
            terms.append(task.priority * late)
        return sum(terms)

    def cost(self) -> tuple[cp_model.LinearExpr, int]:
        """Minutes × rate, scaled to integers; and the scale (price = value / scale / 60)."""
        rates = {p.name: exact(p.bill_rate) for p in self.scenario.team}
        scale = math.lcm(*(r.denominator for r in rates.values()))
        terms = [
            int(rates[name] * scale) * x
            for (_, name), cells in self.minutes.items()
            for _, x in cells
        ]
        return sum(terms), scale


def reference_plan(scenario: Scenario, seconds: float = 20.0) -> Reference | None:
    """The exact optimum of ``scenario`` (None when the scenario has no plan at all)."""
    ref = _Model(scenario)
    m = ref.model
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1
    lateness = ref.lateness()
    cost, scale = ref.cost()
    makespan = m.new_int_var(0, ref.n, "makespan")
    m.add_max_equality(makespan, list(ref.end.values()))
    finish_sum = sum(ref.end.values())
    values = []
    proven = True
    for expression in (lateness, cost, makespan, finish_sum):
        m.minimize(expression)
        status = solver.solve(m)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        proven = proven and status == cp_model.OPTIMAL
        value = round(solver.objective_value)
        values.append(value)
        m.add(expression <= value)
        for var in [*ref.start.values(), *ref.end.values()]:
            m.add_hint(var, solver.value(var))
    fixed = sum((exact(c.amount) for c in scenario.brief.fixed_costs), Fraction(0))
    price = Fraction(values[1], scale * 60) + fixed
    return Reference(values[0], price, values[2], values[3], proven)


def lowest_price_at(scenario: Scenario, max_lateness: int, seconds: float = 20.0) -> Fraction:
    """The lowest price of any plan at most ``max_lateness`` weighted working days late."""
    ref = _Model(scenario)
    ref.model.add(ref.lateness() <= max_lateness)
    cost, scale = ref.cost()
    ref.model.minimize(cost)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1
    status = solver.solve(ref.model)
    assert status == cp_model.OPTIMAL, "reference did not prove the lowest price in time"
    fixed = sum((exact(c.amount) for c in scenario.brief.fixed_costs), Fraction(0))
    return Fraction(round(solver.objective_value), scale * 60) + fixed
