"""Everything ``planner explain`` says about a scenario, as plain data and as text.

:func:`explain_scenario` plans the scenario, names the causes of every broken promise
(:func:`planner.diagnose.diagnose`), finds the cheapest alternatives
(:func:`planner.levers.find_alternatives`) and answers the reverse questions (earliest dates,
largest scope within budget). :meth:`Explanation.to_dict` is the ``--json`` object;
:func:`render_explanation` the text report.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from planner.diagnose import Diagnosis, diagnose
from planner.diagnosis.reverse import EarliestDate, Scope, earliest_dates, largest_scope
from planner.diagnosis.text import day_text, listing, money_text
from planner.levers import Alternative, find_alternatives
from planner.model import Scenario
from planner.plan import Plan
from planner.planning import plan_from_result, prepare
from planner.scheduler import solve
from planner.scheduler.agency import build_problem

DEFAULT_EXPLAIN_LIMIT = 2.0
"""Seconds for the plan and each re-plan; proofs and priced searches get half."""


@dataclass(frozen=True)
class Explanation:
    """A plan, why its promises break, the ways out and the reverse answers."""

    plan: Plan
    diagnosis: Diagnosis
    alternatives: tuple[Alternative, ...]
    earliest: tuple[EarliestDate, ...]
    scope: Scope | None
    seconds: float

    @property
    def verdict(self) -> str:
        """The plan's verdict ("feasible" or "infeasible")."""
        return self.plan.verdict

    @property
    def broken_earliest(self) -> tuple[EarliestDate, ...]:
        """The earliest possible dates of the promises the plan breaks."""
        broken = {p.task for p in self.plan.broken_promises}
        return tuple(e for e in self.earliest if e.task in broken)

    @property
    def scope_sentence(self) -> str | None:
        """The largest scope within budget in one sentence; None when nothing must go."""
        scope = self.scope
        if scope is None or not scope.dropped:
            return None
        currency = self.plan.currency
        return (
            f"Largest scope within the {money_text(scope.budget, currency)} budget: keep "
            f"{listing(list(scope.kept)) or 'nothing'}; drop {listing(list(scope.dropped))} "
            f"(price {money_text(scope.price, currency)}"
            + ("" if scope.confirmed else ", estimated")
            + ")."
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``planner explain --json``."""
        return {
            "scenario": self.plan.title,
            "currency": self.plan.currency,
            "verdict": self.plan.verdict,
            "solver_status": self.plan.solver_status,
            "broken_promises": [
                {
                    "task": p.task,
                    "name": p.name,
                    "due": p.due.isoformat(),
                    "finish": p.finish.isoformat() if p.finish else None,
                    "slip_days": p.slip_days,
                }
                for p in self.plan.broken_promises
            ],
            "causes": [
                {
                    "task": c.task,
                    "name": c.name,
                    "kind": c.kind,
                    "proven": c.proven,
                    "figures": c.figures(),
                    "sentence": c.sentence,
                }
                for c in self.diagnosis.causes
            ],
            "notes": list(self.diagnosis.notes),
            "alternatives": [a.to_dict() for a in self.alternatives],
            "earliest_dates": [e.to_dict() for e in self.earliest],
            "largest_scope": self.scope.to_dict() if self.scope else None,
            "seconds": round(self.seconds, 2),
        }


def explain_scenario(
    scenario: Scenario,
    time_limit: float = DEFAULT_EXPLAIN_LIMIT,
    min_priority: int | None = None,
    alternatives: int = 4,
    seed: int = 0,
    workers: int = 1,
) -> Explanation:
    """Plan, diagnose, search alternatives and answer the reverse questions.

    Parameters
    ----------
    scenario
        The brief, capacity and levers.
    time_limit
        Seconds for the plan and each re-plan; proofs and priced searches get half of it.
    min_priority
        Alternatives need only keep promises of this priority or higher.
    alternatives
        Most alternatives returned.
    seed, workers
        Solver settings.

    Returns
    -------
    Explanation
    """
    started = time.perf_counter()
    context = prepare(scenario)
    problem = build_problem(scenario, context.calendar, context.instances)
    result = solve(problem, time_limit=time_limit, seed=seed, workers=workers)
    plan = plan_from_result(context, result)
    step = time_limit / 2
    diagnosis = diagnose(scenario, plan, step, seed, workers, context)
    ways = find_alternatives(
        scenario,
        plan,
        min_priority=min_priority,
        limit=alternatives,
        time_limit=step,
        replan_limit=time_limit,
        seed=seed,
        workers=workers,
        context=context,
    )
    broken = plan.verdict != "feasible"
    earliest = earliest_dates(context, step, seed, workers) if broken else ()
    scope = largest_scope(context, plan, time_limit, seed, workers)
    return Explanation(
        plan, diagnosis, ways, earliest, scope, seconds=time.perf_counter() - started
    )


def render_explanation(explanation: Explanation) -> str:
    """The text report of ``planner explain``."""
    plan = explanation.plan
    currency = plan.currency
    lines = [plan.title, _headline(plan)]
    if explanation.diagnosis.causes or explanation.diagnosis.notes:
        lines += ["", "Why:"]
        for cause in explanation.diagnosis.causes:
            lines.append(f"  - [{cause.kind.replace('_', ' ')}] {cause.sentence}")
        lines += [f"  - {note}" for note in explanation.diagnosis.notes]
    if explanation.alternatives:
        lines += ["", "Ways to make it hold, cheapest first:"]
        for a in explanation.alternatives:
            lines.append(f"  {a.label}: {money_text(a.cost, currency)} — {a.headline}")
            lines.append(
                f"     re-planned: {a.verdict_after}, price {money_text(a.price_after, currency)}"
            )
            lines += [f"     - {c.description} ({money_text(c.cost, currency)})" for c in a.changes]
    elif plan.verdict != "feasible":
        lines += ["", "No combination of the allowed levers makes every promise hold."]
    earliest = explanation.broken_earliest
    if earliest:
        lines += ["", "Earliest possible dates (each broken promise given first call on the team):"]
        width = max(len(e.name) for e in earliest)
        for e in earliest:
            when = day_text(e.earliest) if e.earliest else "not found in time"
            lines.append(f"  {e.name:<{width}}  promised {day_text(e.due):<11}  earliest {when}")
    if explanation.scope_sentence:
        lines += ["", explanation.scope_sentence]
    lines += ["", f"Explained in {explanation.seconds:.1f} s."]
    return "\n".join(lines)


def _headline(plan: Plan) -> str:
    if not plan.has_schedule:
        return f"NO PLAN: {plan.message or 'the work cannot be scheduled'}."
    broken = plan.broken_promises
    money = ""
    if plan.budget.budget is not None:
        state = "within" if plan.budget.within else "over"
        money = (
            f"; price {money_text(plan.budget.price, plan.currency)} is {state} the "
            f"{money_text(plan.budget.budget, plan.currency)} budget"
        )
    if not plan.promises:
        return f"{plan.verdict.upper()}: no promised dates{money}."
    if not broken:
        return f"{plan.verdict.upper()}: all {len(plan.promises)} promises hold{money}."
    return f"INFEASIBLE: {len(broken)} of {len(plan.promises)} promises break{money}."
