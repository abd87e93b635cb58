"""Why a promise breaks: the binding cause of every promise a plan misses, with figures.

Four kinds of cause, checked in this order for each broken promise:

* ``dependency_chain`` — even with every eligible person free for it, the chain of earlier
  tasks and client steps needs more working days than the promise allows;
* ``capacity`` — the people who may do the work have fewer free hours in the promise's
  window than the work needs (after holidays, time off and other commitments);
* ``conflict`` — the promise could hold on its own, but not together with a set of other
  promises (the smallest such set, proven by the scheduler; labelled when a proof ran out of
  time);
* ``budget`` — not about a date: the plan's price exceeds the budget (one cause per plan).

Usage::

    from planner.diagnosis.diagnose import diagnose
    for cause in diagnose(scenario).causes:
        print(cause.sentence)
"""

from __future__ import annotations

from planner.diagnosis.capacity import worst_shortfall
from planner.diagnosis.chain import Reach
from planner.diagnosis.findings import (
    BUDGET,
    CAPACITY,
    CHAIN,
    CONFLICT,
    BudgetGap,
    Cause,
    Conflict,
    Diagnosis,
)
from planner.diagnosis.sentences import (
    budget_sentence,
    capacity_sentence,
    chain_sentence,
    conflict_sentence,
    same_shortage_sentence,
)
from planner.diagnosis.text import capitalised, day_text
from planner.i18n import N_
from planner.model import Scenario
from planner.plan import Plan, PromiseOutcome
from planner.planning.pipeline import DEFAULT_TIME_LIMIT, PlanningContext, plan_context, prepare
from planner.scheduler.deadlines import Core, conflict_core
from planner.scheduler.settings import SolveSettings
from planner.wording import Lang, words_in

BUDGET_NAME = N_("Budget")
"""The name of the budget cause (a client reads it beside the names of promises)."""
DEFAULT_CHECK_LIMIT = 1.0
"""Seconds per proof step (each removal test of a conflict)."""


CHECK_SETTINGS = SolveSettings(time_limit=DEFAULT_CHECK_LIMIT)


def diagnose(
    scenario: Scenario,
    plan: Plan | None = None,
    settings: SolveSettings = CHECK_SETTINGS,
    context: PlanningContext | None = None,
    lang: Lang = None,
) -> Diagnosis:
    """Name the binding cause(s) of every promise the plan misses, and the budget gap.

    Parameters
    ----------
    scenario
        The brief and capacity.
    plan
        The plan to explain; planned here (default solver time limit) when not given.
    settings
        Solver settings; ``time_limit`` is per solver step when proving conflicts.
    context
        The prepared scenario, when the caller already has it.
    lang
        Language of the sentences and notes (default English); the figures are the same.

    Returns
    -------
    Diagnosis
    """
    context = context or prepare(scenario)
    if plan is None:
        plan = plan_context(context, settings.limited_to(DEFAULT_TIME_LIMIT))
    finder = _CauseFinder(context, plan, settings, lang)
    causes: list[Cause] = []
    notes: list[str] = []
    for promise in finder.broken:
        found = finder.cause_of(promise)
        (notes if isinstance(found, str) else causes).append(found)
    gap = budget_gap(plan)
    if gap is not None:
        name = words_in(lang).gettext(BUDGET_NAME)
        causes.append(Cause(BUDGET, None, name, budget_sentence(gap, lang), gap))
    return Diagnosis(plan=plan, causes=tuple(causes), notes=tuple(notes))


class _CauseFinder:
    """The checks for one plan's broken promises, in order: chain, capacity, conflict."""

    def __init__(
        self, context: PlanningContext, plan: Plan, settings: SolveSettings, lang: Lang
    ) -> None:
        self.context, self.settings, self.lang = context, settings, lang
        self.reach = Reach(context)
        self.met = sorted((p for p in plan.promises if p.met), key=lambda p: p.priority)
        self.broken = plan.broken_promises if plan.has_schedule else plan.promises
        self.shortages: dict[tuple[object, ...], str] = {}  # one full sentence per shortage

    def cause_of(self, promise: PromiseOutcome) -> Cause | str:
        """The binding cause of one broken promise (a note when none can be shown)."""
        bound = self.reach.chain(promise.task)
        if bound.breaks:
            sentence = chain_sentence(bound, promise, self.reach, self.lang)
            return Cause(CHAIN, promise.task, promise.name, sentence, bound)
        short = worst_shortfall(self.reach, {promise.task: _due_period(self.context, promise.task)})
        if short is not None:
            seen = (short.who, short.first_day, short.last_day, short.needed_minutes)
            if seen in self.shortages:
                sentence = same_shortage_sentence(promise, short, self.shortages[seen], self.lang)
            else:
                sentence = capacity_sentence(promise, short, self.lang)
                self.shortages[seen] = promise.name
            return Cause(CAPACITY, promise.task, promise.name, sentence, short)
        others = [p for p in self.broken if p.task != promise.task]
        return _conflict(
            self.context, self.reach, promise, (self.met, others), self.settings, self.lang
        )


def _due_period(context: PlanningContext, task: str) -> int:
    instance = next(i for i in context.instances if i.id == task)
    assert instance.due_index is not None
    return instance.due_index + 1


def _conflict(
    context: PlanningContext,
    reach: Reach,
    promise: PromiseOutcome,
    promises: tuple[list[PromiseOutcome], list[PromiseOutcome]],
    settings: SolveSettings,
    lang: Lang = None,
) -> Cause | str:
    """A conflict cause for ``promise``, or a note when every promise can hold together
    (``promises``: the kept and the other broken promises)."""
    met, others = promises
    words = words_in(lang)
    _ = words.gettext
    core = None
    for pool in (met, [*others, *met]):
        candidates = [p.task for p in pool] + [promise.task]
        core = conflict_core(context.problem, candidates, [promise.task], **settings.options)
        if core.status != "FEASIBLE":
            break
    assert core is not None
    if core.status == "FEASIBLE":
        return _(
            "{name} can be kept together with every other promise; a longer search should find "
            "such a plan."
        ).format(name=promise.name)
    conflict = _conflict_of(core, reach, context, [*met, *others, promise])
    if conflict.members == (promise.task,) and conflict.proven:
        sentence = capitalised(
            _(
                "{name} cannot be ready by {due}: on paper there are enough free hours, but not "
                "in the way the work can be shared out between people."
            ).format(name=promise.name, due=day_text(promise.due, words))
        )
        return Cause(CAPACITY, promise.task, promise.name, sentence, conflict)
    sentence = conflict_sentence(promise, conflict, lang)
    return Cause(CONFLICT, promise.task, promise.name, sentence, conflict, proven=conflict.proven)


def _conflict_of(
    core: Core, reach: Reach, context: PlanningContext, promises: list[PromiseOutcome]
) -> Conflict:
    """The conflict a core proves, with its shared people and capacity shortfall."""
    by_task = {p.task: p for p in promises}
    members = tuple(m for m in core.members if m in by_task)
    short = worst_shortfall(reach, {m: _due_period(context, m) for m in members})
    people = [set().union(*(reach.people[i] for i in reach.ancestors([m]))) for m in members]
    return Conflict(
        members=members,
        names=tuple(by_task[m].name for m in members),
        dues=tuple(by_task[m].due for m in members),
        proven=core.status == "INFEASIBLE",
        minimal=core.minimal,
        shortfall=short,
        shared_people=tuple(sorted(set.intersection(*people))) if people else (),
    )


def budget_gap(plan: Plan) -> BudgetGap | None:
    """The budget gap of a plan; None when there is no budget or the price fits."""
    check = plan.budget
    if check.budget is None or check.within or not plan.has_schedule:
        return None
    return BudgetGap(
        price=check.price,
        budget=check.budget,
        currency=plan.currency,
        price_by_role=tuple(sorted(check.price_by_role.items(), key=lambda kv: -kv[1])),
        price_by_deliverable=tuple(
            sorted(check.price_by_deliverable.items(), key=lambda kv: -kv[1])
        ),
    )
