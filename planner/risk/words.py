"""Risk figures in words, shared by the CLI, the app and the report.

Two audiences: the client reads odds in plain words ("4 in 5 chance by 12 May 2027"); the
agency also sees percentages, the confidence interval and the price figures. Nothing written
for the client mentions cost, rates or price odds beyond the budget question.
"""

from __future__ import annotations

from planner.diagnosis.text import day_text, money_text
from planner.risk.result import PromiseRisk, RiskResult

_DENOMINATORS = (2, 3, 4, 5, 10, 20)

NO_RANGES = (
    "No task has a range (hours or client_days as {low, likely, high}): every outcome is the "
    "plan itself."
)


def odds_text(p: float) -> str:
    """A probability as plain odds: ``0.8`` → ``"4 in 5"``, ``0.33`` → ``"1 in 3"``.

    Parameters
    ----------
    p
        A probability between 0 and 1.

    Returns
    -------
    str
        The simplest "k in n" within 2.5 points of ``p`` (n up to 20); near 0 or 1
        "less than 1 in 20" / "more than 19 in 20"; "no" and "every" for exactly 0 and 1.
    """
    if p <= 0:
        return "no"
    if p >= 1:
        return "every"
    for n in _DENOMINATORS:
        k = round(p * n)
        if 0 < k < n and abs(k / n - p) <= 0.025:
            return f"{k} in {n}"
    return "less than 1 in 20" if p < 0.5 else "more than 19 in 20"


def chance_phrase(p: float, day_words: str) -> str:
    """``"4 in 5 chance by 12 May 2027"``; at the ends it says what the simulation saw."""
    if p <= 0:
        return f"done by {day_words} in none of the simulated outcomes"
    if p >= 1:
        return f"done by {day_words} in every simulated outcome"
    return f"{odds_text(p)} chance by {day_words}"


def promise_sentence(promise: PromiseRisk) -> str:
    """For the client: the promised date's odds and the date with 4 in 5 odds.

    E.g. ``"Key visual: promised 19 Apr 2027, 3 in 10 chance by then; 4 in 5 chance by
    21 Apr 2027."``
    """
    due = chance_phrase(promise.p_on_time, "then")
    sentence = f"{promise.name}: promised {day_text(promise.due)}, {due}"
    if promise.p80 != promise.due and promise.p_on_time < 0.8:
        sentence += f"; 4 in 5 chance by {day_text(promise.p80)}"
    return sentence + "."


def suggestion_sentence(promise: PromiseRisk) -> str | None:
    """``"Commit to 21 Apr 2027 instead of 19 Apr 2027 (4 in 5 chance)."``, or None."""
    if promise.commit_to is None:
        return None
    return (
        f"Commit to {day_text(promise.commit_to)} instead of {day_text(promise.due)} "
        "(4 in 5 chance)."
    )


def budget_sentence(risk: RiskResult, audience: str = "agency") -> str:
    """The budget odds; for the agency also the P80 price. Empty without figures."""
    budget = risk.budget
    if budget is None:
        return ""
    if budget.budget is None or budget.p_within is None:
        if audience == "client":
            return "No budget was given."
        return f"No budget given; P80 price {money_text(budget.p80_price, risk.currency)}."
    limit = money_text(budget.budget, risk.currency)
    if budget.p_within <= 0:
        text = f"None of the simulated outcomes stays within the {limit} budget"
    elif budget.p_within >= 1:
        text = f"Every simulated outcome stays within the {limit} budget"
    else:
        text = (
            f"{odds_text(budget.p_within).capitalize()} chance of staying within the {limit} budget"
        )
    if audience == "client":
        return text + "."
    return f"{text}; P80 price {money_text(budget.p80_price, risk.currency)}."


def summary_sentence(risk: RiskResult) -> str:
    """One line: how many promises reach the threshold odds."""
    if not risk.has_figures:
        return f"No risk figures: {risk.message}."
    sure = sum(p.p_on_time >= risk.threshold for p in risk.promises)
    level = odds_text(risk.threshold)
    return (
        f"{sure} of {len(risk.promises)} promises have at least {level} odds "
        f"({risk.samples:,} simulated outcomes)."
    )


def agency_lines(risk: RiskResult) -> list[str]:
    """The CLI's text report: a table of odds and dates, suggestions, the budget line."""
    lines = [risk.title, summary_sentence(risk)]
    if not risk.has_figures:
        return lines
    if risk.uncertain_tasks == 0:
        lines.append(NO_RANGES)
    width = max((len(p.name) for p in risk.promises), default=4)
    lines += ["", f"  {'promise':<{width}}  promised     on time   P50         P80         P95"]
    for p in risk.promises:
        lines.append(
            f"  {p.name:<{width}}  {p.due.isoformat()}  {p.p_on_time:7.0%}   "
            f"{p.p50.isoformat()}  {p.p80.isoformat()}  {p.p95.isoformat()}"
        )
    suggestions = [(p, s) for p in risk.promises if (s := suggestion_sentence(p))]
    if suggestions:
        lines += ["", "Suggestions:", *(f"  {p.name}: {s}" for p, s in suggestions)]
    lines += ["", budget_sentence(risk, "agency")]
    if risk.overflow:
        lines.append(f"{risk.overflow} samples ran past the planning calendar (counted as late).")
    lines.append(
        f"{risk.uncertain_tasks} tasks with ranges; engine: {risk.engine}; seed {risk.seed}."
    )
    return lines
