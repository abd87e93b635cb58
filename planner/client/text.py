"""The client's answer in words, in English, Finnish or Polish (shared by the CLI and the app).

Money and dates are separate sections; every figure is formatted by Babel for the language.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.client.answer import ClientAnswer
from planner.client.timeline import Reason
from planner.i18n import N_, Texts, texts

VERDICTS = {
    "realistic": N_("REALISTIC: the budget and the dates hold at market rates."),
    "doubtful": N_("DOUBTFUL: the brief can work, but the budget or the dates are at risk."),
    "unrealistic": N_("NOT REALISTIC: the budget or the dates do not hold at market rates."),
}
TIMELINE = {
    "realistic": N_("Realistic: every date holds even at the high effort."),
    "tight": N_("Tight: every date holds at the typical effort, not at the high one."),
    "unrealistic": N_("Not realistic at the assumed capacity."),
    "undecided": N_("No plan was found in the time limit; try a longer one."),
}


@dataclass(frozen=True)
class AnswerText:
    """The answer as lines: a verdict, the money section and the dates section."""

    verdict: str
    money: tuple[str, ...]
    dates: tuple[str, ...]
    notes: tuple[str, ...]


def answer_lines(answer: ClientAnswer, lang: str | None = None) -> AnswerText:
    """The answer's sentences in ``lang`` (default: from the locale)."""
    words = texts(lang)
    _ = words.gettext
    notes = [_("Rate card: {name}.").format(name=answer.rate_card)]
    if answer.illustrative:
        notes.append(_("Its figures are illustrative market examples, not a quote."))
    return AnswerText(
        verdict=_(VERDICTS[answer.verdict]),
        money=tuple(_money_lines(answer, words)),
        dates=tuple(_date_lines(answer, words)),
        notes=tuple(notes),
    )


def _money_lines(answer: ClientAnswer, words: Texts) -> list[str]:
    _ = words.gettext
    price, cur = answer.price, answer.currency

    def cash(amount: float) -> str:
        return words.money(amount, cur)

    lines = [
        _("Price: {low} – {high}, typical {typical}.").format(
            low=cash(price.low), high=cash(price.high), typical=cash(price.typical)
        )
    ]
    if price.budget is None:
        lines.append(_("No budget given."))
        return lines
    over = {point: cash(price.at(point) - price.budget) for point in ("low", "typical", "high")}
    budget_line = {
        "fits": _("Your budget {budget}: even the high price fits."),
        "likely": _("Your budget {budget}: the typical price fits; the high price is {high} over."),
        "risky": _(
            "Your budget {budget}: only the low price fits; the typical price is {typical} over."
        ),
        "over": _("Your budget {budget}: even the low price is {low} over."),
    }[price.verdict]
    lines.append(budget_line.format(budget=cash(price.budget), **over))
    names = answer.names
    if answer.scope.left_out:
        lines.append(
            _("Fits the budget at typical prices: {included} ({price}).").format(
                included=", ".join(names[d] for d in answer.scope.included) or "—",
                price=cash(answer.scope.price),
            )
        )
        lines.append(
            _("Left out: {left}.").format(left=", ".join(names[d] for d in answer.scope.left_out))
        )
    else:
        lines.append(_("Every deliverable fits the budget at typical prices."))
    return lines


def _date_lines(answer: ClientAnswer, words: Texts) -> list[str]:
    _ = words.gettext
    timeline = answer.timeline
    lines = [_(TIMELINE[timeline.verdict])]
    people = ", ".join(
        _("{role}: {people} × {share} %").format(
            role=c.role, people=c.people, share=words.number(c.share * 100)
        )
        for c in answer.capacity
    )
    lines.append(_("Assumed capacity (people × share of a week): {people}.").format(people=people))
    for line in timeline.dates:
        if line.finish is None:
            continue
        status = (
            _("on time")
            if not line.days_late
            else words.ngettext(
                "{days} working day late", "{days} working days late", line.days_late
            ).format(days=line.days_late)
        )
        lines.append(
            _("{name}: needed by {due}, planned {finish} ({status}).").format(
                name=line.name,
                due=words.date(line.due),
                finish=words.date(line.finish),
                status=status,
            )
        )
    if timeline.finish is not None:
        lines.append(_("Everything done by {day}.").format(day=words.date(timeline.finish)))
    lines += [reason_sentence(reason, answer, words) for reason in timeline.reasons]
    return lines


def reason_sentence(reason: Reason, answer: ClientAnswer, words: Texts) -> str:
    """One binding reason in plain words."""
    _ = words.gettext
    name = answer.names.get(reason.deliverable, reason.deliverable)
    values = {
        "name": name,
        "days": reason.days,
        "window": reason.window,
        "role": reason.role,
        "needed": words.number(reason.needed),
        "available": words.number(reason.available),
    }
    template = {
        "reviews": _("{name}: your own review rounds take {days} of the {window} working days."),
        "chain": _(
            "{name}: the steps in order take at least {days} working days; there are {window}."
        ),
        "capacity": _(
            "{name}: the {role} work due by then needs {needed} hours; the assumed {role} "
            "capacity has {available} hours by then."
        ),
        "shared": _("{name}: several deliverables need the same people at the same time."),
    }[reason.kind]
    return template.format(**values)


def render_answer(answer: ClientAnswer, lang: str | None = None) -> str:
    """The whole answer as text for the terminal."""
    words = texts(lang)
    _ = words.gettext
    text = answer_lines(answer, lang)
    lines = [f"{answer.title} — {answer.client}", text.verdict, ""]
    lines += [_("Money"), *(f"  {line}" for line in text.money), ""]
    lines += [_("Dates"), *(f"  {line}" for line in text.dates), ""]
    lines += list(text.notes)
    return "\n".join(lines)
