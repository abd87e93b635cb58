"""The agency objective, stage by stage, with claims that hold for the whole problem.

Stages (:func:`planner.scheduler.objective.stages`): weighted lateness, then the lowest cost at
that lateness, then the earliest finish. Each stage is solved in one CP-SAT model over
``horizon`` periods and then held (``stage <= value``) while the next is solved.

A value proven inside the horizon is not yet proven for the whole problem (a plan ending later
may be better). A stage counts as **proven overall** when

* it cannot be better anywhere: lateness 0, or the cost of every unit done by its cheapest
  eligible resource (:func:`~planner.scheduler.tail.cost_floor`);
* the model spans every capacity period there is; or
* the tail relaxation's bound reaches it (:mod:`planner.scheduler.tail`).

When the relaxation finds something better, the horizon grows to what that plan needs and the
stages run again (at most :data:`MAX_GROWTHS` times, and only while the model stays small).
The earliest-finish stage needs no tail check: once lateness and cost are proven overall, a
plan ending after the horizon finishes later than the one found inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.scheduler.cpsat import SolveBudget, add_schedule_hint, build_model, extract_schedule
from planner.scheduler.objective import stages
from planner.scheduler.problem import Problem, Schedule, Status, Unproven, cost_of, lateness_of
from planner.scheduler.tail import applies_to, check_stage, cost_floor
from planner.scheduler.variables import Variables

STAGE_SHARE = {"lateness": 0.6, "cost": 0.5}
"""Share of the work still left that a stage's CP-SAT run may use (the last takes the rest)."""

PROOF_SHARE = 0.4
"""Share of the work still left for one tail-relaxation check."""

MAX_GROWTHS = 3
"""Times the horizon may grow after the tail relaxation found a better plan past it."""

GROWTH_SLACK = 5
"""Periods added past the finish a better relaxed plan needs when growing the horizon (which
at least doubles: a relaxed plan shows only that something past the horizon helps, not how far
past, e.g. a cheaper person back from a long leave)."""


@dataclass
class StageOutcome:
    """What is known about one objective stage."""

    value: int | None = None
    status: str = Status.UNKNOWN
    proven_overall: bool = False
    bound: int | None = None  # a lower bound over the whole problem


@dataclass
class LexicographicSearch:
    """The stages of the agency objective over a growing horizon (see the module docstring).

    ``rows`` is the number of capacity periods (the whole problem); ``max_horizon`` the
    largest horizon it may grow to (models stay small).
    """

    problem: Problem
    budget: SolveBudget
    rows: int
    best: Schedule | None
    light: bool = False
    stages: dict[str, StageOutcome] = field(default_factory=dict)
    horizon: int = 0
    unproven: str | None = None

    def run(self, horizon: int, caps: dict[str, int] | None, max_horizon: int) -> None:
        """All stages, growing the horizon (up to ``max_horizon``) while the tail relaxation
        points past it."""
        for round_number in range(MAX_GROWTHS + 1):
            limit = horizon if round_number == MAX_GROWTHS else max_horizon
            target = self._round(horizon, caps, limit)
            if target is None:
                return
            horizon = target

    def _round(self, horizon: int, caps: dict[str, int] | None, limit: int) -> int | None:
        """The stages over ``horizon``; a larger horizon to try instead, or None when done."""
        self.horizon, self.unproven = horizon, None
        model, v = build_model(self.problem, horizon, caps)
        expressions = dict(stages(model, self.problem, v))
        self.stages = {name: self.stages.get(name, StageOutcome()) for name in expressions}
        if self.best is not None and self.best.makespan <= horizon:
            add_schedule_hint(model, v, self.best)
        else:
            self.best = None
        final = list(expressions)[-1]
        for name, expression in expressions.items():
            self._stage(model, v, name, expression)
            if self.best is None or name == final:
                return None
            target = self._prove(name, caps is not None)
            if target is not None and min(target, limit) > horizon:
                return min(target, limit)
        return None

    def _stage(
        self, model: cp_model.CpModel, v: Variables, name: str, expression: cp_model.LinearExpr
    ) -> None:
        """Solve one stage (or take a known value) and hold it for the stages after."""
        outcome = self.stages[name]
        if outcome.proven_overall and outcome.value is not None:
            model.add(expression <= outcome.value)
            return
        if name == "lateness" and self.best and lateness_of(self.problem, self.best) == 0:
            self._settle(outcome, 0, Status.OPTIMAL)
            model.add(expression <= 0)
            return
        model.minimize(expression)
        solver = self.budget.solver(STAGE_SHARE.get(name, 1.0), light=self.light)
        status = self.budget.run(solver, model, timed=True)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.best = extract_schedule(solver, self.problem, v)
            value = round(solver.objective_value)
            inside = Status.OPTIMAL if status == cp_model.OPTIMAL else Status.FEASIBLE
            self._settle(outcome, value, inside)
            model.add(expression <= value)
            add_schedule_hint(model, v, self.best)
        elif self.best is not None:  # nothing better in time: hold the plan we have
            self._settle(outcome, self._value_of(name), Status.FEASIBLE)
            if outcome.value is not None:
                model.add(expression <= outcome.value)
        else:
            infeasible = status == cp_model.INFEASIBLE
            outcome.status = Status.INFEASIBLE if infeasible else Status.UNKNOWN

    def _value_of(self, name: str) -> int | None:
        """Stage ``name`` evaluated on the best plan (the stages that can be held)."""
        assert self.best is not None
        if name == "lateness":
            return lateness_of(self.problem, self.best)
        if name == "cost":
            return cost_of(self.problem, self.best)
        return None

    def _settle(self, outcome: StageOutcome, value: int | None, inside: str) -> None:
        """Record a stage value found inside the horizon (proof overall comes later)."""
        outcome.value, outcome.status = value, inside
        outcome.proven_overall = False

    def _prove(self, name: str, narrowed: bool) -> int | None:
        """Mark ``name`` proven overall if it is; a horizon to try when a better plan may lie
        past the current one."""
        outcome = self.stages[name]
        if outcome.value is None or self.best is None:
            return None
        floor = 0 if name == "lateness" else cost_floor(self.problem)
        outcome.bound = max(outcome.bound or 0, floor)
        if outcome.value <= floor:
            outcome.proven_overall, outcome.bound = True, outcome.value
            return None
        if narrowed or outcome.status != Status.OPTIMAL:
            return None
        if self.horizon >= self.rows:
            outcome.proven_overall, outcome.bound = True, outcome.value
            return None
        if not applies_to(self.problem):
            self.unproven = Unproven.HORIZON
            return None
        found = {n: s.value for n, s in self.stages.items() if s.value is not None}
        solver = self.budget.solver(PROOF_SHARE, light=self.light)
        check = check_stage(self.problem, self.horizon, name, found, self.best, solver, self.budget)
        if check.bound is not None:
            outcome.bound = max(outcome.bound, check.bound)
        if check.proven:
            outcome.proven_overall = True
            return None
        self.unproven = Unproven.HORIZON
        if check.reach is None:
            return None
        return min(self.rows, max(check.reach + GROWTH_SLACK, 2 * self.horizon))

    @property
    def proven(self) -> bool:
        """True when every stage but the last is proven overall and the last inside the
        horizon (enough: see the module docstring; a makespan problem's horizon is the
        heuristic's makespan, an upper bound of the optimum)."""
        *first, last = self.stages.values()
        return all(s.proven_overall for s in first) and last.status == Status.OPTIMAL
