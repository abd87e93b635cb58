"""Everything ``planner explain`` says about a scenario, as plain data and as text.

:func:`explain_scenario` plans the scenario, names the causes of every broken promise
(:func:`planner.diagnosis.diagnose.diagnose`), finds the cheapest alternatives
(:func:`planner.diagnosis.levers.find_alternatives`) and answers the reverse questions (earliest
dates,
largest scope within budget). :meth:`Explanation.to_dict` is the ``--json`` object;
:func:`render_explanation` the text report.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.diagnosis.alternative import Alternative
from planner.diagnosis.diagnose import diagnose
from planner.diagnosis.findings import Diagnosis
from planner.diagnosis.levers import RANKING_NOTE, Progress, find_alternatives
from planner.diagnosis.reverse import EarliestDate, Scope, earliest_dates, largest_scope
from planner.i18n import N_, Texts
from planner.model import Scenario
from planner.plan import Plan
from planner.planning.pipeline import PlanningContext, plan_context, prepare
from planner.scheduler.settings import SolveSettings
from planner.scheduler.solve import TOO_LARGE_MESSAGES
from planner.wording import (
    AGENCY,
    Audience,
    Lang,
    certainty_line,
    day_text,
    listing,
    money,
    verdict_lines,
    words_in,
)

DEFAULT_EXPLAIN_LIMIT = 2.0
"""Seconds for the plan and each re-plan; proofs and priced searches get half."""
EXPLAIN_SETTINGS = SolveSettings(time_limit=DEFAULT_EXPLAIN_LIMIT)
TOO_LARGE_NOTE = N_(
    "This brief is too large to explain in reasonable time: the plan above is a quick one, not "
    "searched. Split the brief into smaller parts to get causes and alternatives."
)


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

    def earliest_rows(self, lang: Lang = None) -> list[tuple[str, date, date | None, str]]:
        """(promise, promised, earliest possible, note) for each broken promise.

        The earliest date comes from giving the promise first call on the team. When that
        date is on or before the promised one, it is only reachable by letting other
        promises slip, so the row shows what the plan achieves with every promise together
        and says so: "earliest possible" is never earlier than the plan can deliver.
        """
        _ = words_in(lang).gettext
        finish = {p.task: p.finish for p in self.plan.promises}
        rows = []
        for e in self.broken_earliest:
            if e.earliest is None:
                rows.append((e.name, e.due, None, _("not found in time")))
            elif e.earliest <= e.due:
                note = _(
                    "on time ({date}) only if it goes before every other promise, which then slip"
                ).format(date=day_text(e.earliest, lang))
                rows.append((e.name, e.due, finish.get(e.task), note))
            else:
                rows.append((e.name, e.due, e.earliest, "" if e.proven else _("may be earlier")))
        return rows

    @property
    def scope_sentence(self) -> str | None:
        """The largest scope within budget in one sentence; None when nothing must go."""
        return self.scope_text()

    def scope_text(self, lang: Lang = None) -> str | None:
        """:attr:`scope_sentence` in ``lang``."""
        scope = self.scope
        if scope is None or not scope.dropped:
            return None
        words = words_in(lang)
        _ = words.gettext
        currency = self.plan.currency
        names = {t.id: t.name for t in self.plan.tasks}
        kept = [names.get(unit, unit) for unit in scope.kept]
        dropped = [names.get(unit, unit) for unit in scope.dropped]
        text = (
            _(
                "Largest scope within the {budget} budget: keep {kept}; drop {dropped} "
                "(price {price})."
            )
            if scope.confirmed
            else _(
                "Largest scope within the {budget} budget: keep {kept}; drop {dropped} "
                "(price {price}, estimated)."
            )
        )
        return text.format(
            budget=money(scope.budget, currency, words),
            kept=listing(kept, words) or _("nothing"),
            dropped=listing(dropped, words),
            price=money(scope.price, currency, words),
        )

    def to_dict(self, audience: Audience = "client") -> dict[str, Any]:
        """The JSON object of ``planner explain --json``. For a client each alternative says
        what the client pays and how it stands against the budget, without the agency's own
        price of the levers or their hourly rates; the agency version has both."""
        return {
            "scenario": self.plan.title,
            "currency": self.plan.currency,
            "verdict": self.plan.verdict,
            "verdict_lines": list(verdict_lines(self.plan)),
            "solver_status": self.plan.solver_status,
            "audience": audience,
            "alternatives_ranking": RANKING_NOTE,
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
            "alternatives": [_alternative_dict(a, self.plan, audience) for a in self.alternatives],
            "earliest_dates": [e.to_dict() for e in self.earliest],
            "largest_scope": self.scope.to_dict() if self.scope else None,
            "seconds": round(self.seconds, 2),
        }


def _alternative_dict(alternative: Alternative, plan: Plan, audience: Audience) -> dict[str, Any]:
    data = alternative.to_dict()
    data["budget_status"] = alternative.budget_status(plan)
    data["change_lines"] = alternative.change_lines(plan)
    if audience != AGENCY:
        data.pop("cost", None)
        for change in data["changes"]:
            change.pop("cost", None)
            change.pop("rate", None)
    return data


def explain_scenario(
    scenario: Scenario,
    settings: SolveSettings = EXPLAIN_SETTINGS,
    min_priority: int | None = None,
    alternatives: int = 4,
    progress: Progress | None = None,
    lang: Lang = None,
) -> Explanation:
    """Plan, diagnose, search alternatives and answer the reverse questions.

    Parameters
    ----------
    scenario
        The brief, capacity and levers.
    settings
        Solver settings; ``time_limit`` is for the plan and each re-plan, and proofs and
        priced searches get half of it.
    min_priority, alternatives
        Keep only promises of this priority or higher; most alternatives returned.
    progress
        Called with a few words and the share done (0 … 1) at every step (the app's progress
        bar; an exception raised in it stops the explanation).
    lang
        Language of the causes' sentences (default English, as in ``--json``).

    Returns
    -------
    Explanation
    """
    report = progress or (lambda words, share: None)
    started = time.perf_counter()
    report("Planning", 0.0)
    context = prepare(scenario)
    plan = plan_context(context, settings)
    if plan.message in TOO_LARGE_MESSAGES:  # its proofs and searches would be larger still
        return _too_large_to_explain(plan, lang, started)
    step = settings.limited_to(settings.time_limit / 2)
    report("Finding the causes", 0.1)
    diagnosis = diagnose(scenario, plan, step, context, lang)
    with ThreadPoolExecutor(max_workers=1) as beside:
        # The reverse answers need only the plan: they run beside the search for
        # alternatives, filling the moments its threads wait for each other.
        reverse = beside.submit(_reverse_answers, context, plan, settings)
        ways = find_alternatives(
            scenario,
            plan,
            min_priority=min_priority,
            limit=alternatives,
            settings=step,
            replan_limit=settings.time_limit,
            context=context,
            progress=lambda words, share: report(words, 0.15 + 0.8 * share),
        )
        report("Earliest possible dates and largest scope within budget", 0.95)
        earliest, scope = reverse.result()
    report("Done", 1.0)
    return Explanation(
        plan, diagnosis, ways, earliest, scope, seconds=time.perf_counter() - started
    )


def _too_large_to_explain(plan: Plan, lang: Lang, started: float) -> Explanation:
    """The explanation of a plan from a model too large to search: a note saying so."""
    note = words_in(lang).gettext(TOO_LARGE_NOTE)
    seconds = time.perf_counter() - started
    return Explanation(plan, Diagnosis(plan, (), (note,)), (), (), None, seconds=seconds)


def _reverse_answers(
    context: PlanningContext, plan: Plan, settings: SolveSettings
) -> tuple[tuple[EarliestDate, ...], Scope | None]:
    """The earliest possible dates (when a promise breaks) and the largest scope within
    budget."""
    broken = plan.verdict != "feasible"
    proof = settings.limited_to(settings.time_limit / 2)
    earliest = earliest_dates(context, proof) if broken else ()
    return earliest, largest_scope(context, plan, settings)


def render_explanation(
    explanation: Explanation, audience: Audience = "client", lang: Lang = None
) -> str:
    """The text report of ``planner explain`` in ``lang`` (default English; the agency version
    adds what each alternative costs the agency in levers). The causes read in the language
    :func:`explain_scenario` was given."""
    words = words_in(lang)
    _ = words.gettext
    plan = explanation.plan
    lines = [plan.title, *verdict_lines(plan, words), certainty_line(plan, words)]
    if explanation.diagnosis.causes or explanation.diagnosis.notes:
        lines += ["", _("Why:")]
        lines += [f"  - {cause.sentence}" for cause in explanation.diagnosis.causes]
        lines += [f"  - {note}" for note in explanation.diagnosis.notes]
    if explanation.alternatives:
        lines += [
            "",
            _("Ways to make every promise hold ({ranking}):").format(ranking=_(RANKING_NOTE)),
        ]
        lines += _alternative_lines(explanation, audience, words)
    elif plan.verdict != "feasible":
        lines += ["", _("No combination of the allowed changes makes every promise hold.")]
    rows = explanation.earliest_rows(words)
    if rows:
        lines += ["", _("Earliest possible dates:")]
        width = max(len(name) for name, *_rest in rows)
        due_width = max([11, *(len(day_text(due, words)) for _name, due, *_rest in rows)])
        for name, due, earliest, note in rows:
            line = _("promised {due}  earliest {earliest}").format(
                due=f"{day_text(due, words):<{due_width}}",
                earliest=day_text(earliest, words) if earliest else "—",
            )
            extra = f" ({note})" if note else ""
            lines.append(f"  {name:<{width}}  {line}{extra}")
    scope = explanation.scope_text(words)
    if scope:
        lines += ["", scope]
    seconds = explanation.seconds
    took = f"{seconds:.1f} s" if words.lang == "en" else f"{words.number(seconds, 1)} s"
    lines += ["", _("Explained in {seconds}.").format(seconds=took)]
    return "\n".join(lines)


def _alternative_lines(explanation: Explanation, audience: Audience, words: Texts) -> list[str]:
    _ = words.gettext
    plan = explanation.plan
    lines = []
    for a in explanation.alternatives:
        lines.append(f"  {a.label}: {a.client_summary(plan, words)}")
        if audience == AGENCY:
            cost = money(a.cost, plan.currency, words)
            lines.append("     " + _("levers priced at {cost}").format(cost=cost))
        lines += [f"     - {line}" for line in a.change_lines(plan, words)]
    return lines
