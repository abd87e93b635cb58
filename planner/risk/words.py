"""Risk figures in words, shared by the CLI, the app and the report.

Two audiences: the client reads odds in plain words ("4 in 5 chance by 12 May 2027"); the
agency also sees percentages, the confidence interval and the price figures. Nothing written
for the client mentions cost, rates or price odds beyond the budget question. Every function
takes ``lang`` (English by default; ``"fi"``, ``"pl"`` or a :class:`~planner.i18n.Texts`),
translated through the ``words`` domain; ``--json`` stays English.
"""

from __future__ import annotations

from planner.diagnosis.text import day_text, money_text
from planner.i18n import N_, Texts
from planner.risk.result import PromiseRisk, RiskResult
from planner.wording import Lang, words_in

_DENOMINATORS = (2, 3, 4, 5, 10, 20)

_NO_FIGURES = N_("No risk figures: {reason}.")
NO_RANGES = N_(
    "No task has a range (hours or client_days as {low, likely, high}): every outcome is the "
    "plan itself."
)


def odds_text(p: float, lang: Lang = None) -> str:
    """A probability as plain odds: ``0.8`` → ``"4 in 5"``, ``0.33`` → ``"1 in 3"``.

    Parameters
    ----------
    p
        A probability between 0 and 1.
    lang
        Language (default English): ``"4/5"`` in Finnish, ``"4 na 5"`` in Polish.

    Returns
    -------
    str
        The simplest "k in n" within 2.5 points of ``p`` (n up to 20); near 0 or 1
        "less than 1 in 20" / "more than 19 in 20"; "no" and "every" for exactly 0 and 1.
    """
    _ = words_in(lang).gettext
    if p <= 0:
        return _("no")
    if p >= 1:
        return _("every")
    for n in _DENOMINATORS:
        k = round(p * n)
        if 0 < k < n and abs(k / n - p) <= 0.025:
            return _("{k} in {n}").format(k=k, n=n)
    return _("less than 1 in 20") if p < 0.5 else _("more than 19 in 20")


def chance_phrase(p: float, day_words: str, lang: Lang = None) -> str:
    """``"4 in 5 chance by 12 May 2027"``; at the ends it says what the simulation saw."""
    _ = words_in(lang).gettext
    if p <= 0:
        return _("done by {day} in none of the simulated outcomes").format(day=day_words)
    if p >= 1:
        return _("done by {day} in every simulated outcome").format(day=day_words)
    return _("{odds} chance by {day}").format(odds=odds_text(p, lang), day=day_words)


def promise_sentence(promise: PromiseRisk, lang: Lang = None) -> str:
    """For the client: the promised date's odds and the date with 4 in 5 odds.

    E.g. ``"Key visual: promised 19 Apr 2027, 3 in 10 chance by then; 4 in 5 chance by
    21 Apr 2027."``
    """
    _ = words_in(lang).gettext
    due = chance_phrase(promise.p_on_time, _("then"), lang)
    sentence = _("{promise}: promised {date}, {odds}").format(
        promise=promise.name, date=day_text(promise.due, lang), odds=due
    )
    if promise.p80 != promise.due and promise.p_on_time < 0.8:
        sentence += "; " + _("4 in 5 chance by {date}").format(date=day_text(promise.p80, lang))
    return sentence + "."


def suggestion_sentence(promise: PromiseRisk, lang: Lang = None) -> str | None:
    """``"Commit to 21 Apr 2027 instead of 19 Apr 2027 (4 in 5 chance)."``, or None."""
    if promise.commit_to is None:
        return None
    _ = words_in(lang).gettext
    return _("Commit to {date} instead of {promised} (4 in 5 chance).").format(
        date=day_text(promise.commit_to, lang), promised=day_text(promise.due, lang)
    )


def budget_sentence(risk: RiskResult, audience: str = "agency", lang: Lang = None) -> str:
    """The budget odds; for the agency also the P80 price. Empty without figures."""
    _ = words_in(lang).gettext
    budget = risk.budget
    if budget is None:
        return ""
    p80 = money_text(budget.p80_price, risk.currency, lang)
    if budget.budget is None or budget.p_within is None:
        if audience == "client":
            return _("No budget was given.")
        return _("No budget given; P80 price {price}.").format(price=p80)
    limit = money_text(budget.budget, risk.currency, lang)
    if budget.p_within <= 0:
        text = _("None of the simulated outcomes stays within the {budget} budget")
    elif budget.p_within >= 1:
        text = _("Every simulated outcome stays within the {budget} budget")
    else:
        text = _("{odds} chance of staying within the {budget} budget")
    text = text.format(budget=limit, odds=odds_text(budget.p_within, lang))
    text = text[:1].upper() + text[1:]
    if audience == "client":
        return text + "."
    return text + "; " + _("P80 price {price}.").format(price=p80)


def summary_sentence(risk: RiskResult, lang: Lang = None) -> str:
    """One line: how many promises reach the threshold odds."""
    words = words_in(lang)
    if not risk.has_figures:
        return words.gettext(_NO_FIGURES).format(reason=risk.message)
    sure = sum(p.p_on_time >= risk.threshold for p in risk.promises)
    samples = f"{risk.samples:,}" if words.lang == "en" else words.number(risk.samples)
    return words.ngettext(
        # English says "0 of 1 promises have" like "2 of 3 promises have"; the plural forms
        # are for the languages whose noun follows the count (Polish "z 1 obietnicy").
        "{sure} of {count} promises have at least {level} odds ({samples} simulated outcomes).",
        "{sure} of {count} promises have at least {level} odds ({samples} simulated outcomes).",
        len(risk.promises),
    ).format(
        sure=sure,
        count=len(risk.promises),
        level=odds_text(risk.threshold, lang),
        samples=samples,
    )


def agency_lines(risk: RiskResult, lang: Lang = None) -> list[str]:
    """The CLI's text report: a table of odds and dates, suggestions, the budget line."""
    words = words_in(lang)
    _ = words.gettext
    lines = [risk.title, summary_sentence(risk, lang)]
    if not risk.has_figures:
        return lines
    if risk.uncertain_tasks == 0:
        lines.append(_(NO_RANGES))
    lines += ["", *_promise_table(risk, words)]
    suggestions = [(p, s) for p in risk.promises if (s := suggestion_sentence(p, lang))]
    if suggestions:
        lines += ["", _("Suggestions:"), *(f"  {p.name}: {s}" for p, s in suggestions)]
    lines += ["", budget_sentence(risk, "agency", lang)]
    if risk.overflow:
        lines.append(
            words.ngettext(
                "{count} sample ran past the planning calendar (counted as late).",
                "{count} samples ran past the planning calendar (counted as late).",
                risk.overflow,
            ).format(count=risk.overflow)
        )
    lines.append(
        words.ngettext(
            "{count} task with ranges; engine: {engine}; seed {seed}.",
            "{count} tasks with ranges; engine: {engine}; seed {seed}.",
            risk.uncertain_tasks,
        ).format(count=risk.uncertain_tasks, engine=risk.engine, seed=risk.seed)
    )
    return lines


def _promise_table(risk: RiskResult, words: Texts) -> list[str]:
    """The promises' odds and dates as aligned columns (ISO dates, so the columns line up)."""
    _ = words.gettext
    width = max((len(p.name) for p in risk.promises), default=4)
    promise, promised, on_time = _("promise"), _("promised"), _("on time")
    odds_width = max(7, len(on_time))
    lines = [
        f"  {promise:<{width}}  {promised:<13}{on_time:<{odds_width + 3}}{'P50':<12}{'P80':<12}P95"
    ]
    for p in risk.promises:
        lines.append(
            f"  {p.name:<{width}}  {p.due.isoformat()}  {p.p_on_time:{odds_width}.0%}   "
            f"{p.p50.isoformat()}  {p.p80.isoformat()}  {p.p95.isoformat()}"
        )
    return lines
