"""The sentence of a change to the brief, in any language, from language-neutral facts.

Each change (:class:`planner.diagnosis.changes.Change`) keeps its message (an English gettext
message of the ``words`` domain) and its facts (dates, working days, minutes, money …) as
values, so that the same change reads in English in ``--json`` and in the user's language in
the CLI and the reports. The English sentence is rendered by the same function, so the two
can never disagree.
"""

from __future__ import annotations

from datetime import date

from planner.i18n import N_
from planner.wording import (
    Lang,
    count_text,
    day_text,
    days_text,
    hours_text,
    money,
    percent,
    words_in,
)

Fact = tuple[str, object] | tuple[str, object, str]
"""(kind, value) or ("money", amount, currency); kinds: date, days, minutes, money, percent,
count, text."""

GIVE_EACH = N_("Give each {task} {days} more (due within {after} instead of {before})")
MOVE = N_("Move {task} from {due} to {new} (+{days})")
OVERTIME = N_("Overtime for {person}: {hours} a week more from {first} to {last} ({all} in all)")
FREELANCE = N_("A freelance {role}, {hours} a week from {first} to {last} ({all} in all)")
DROP = N_("Drop {task} (worth {value})")
CUT = N_("Cut {task} to {share} of its hours ({before} → {after})")
ASK = N_("Ask {client} for {task} in {days} instead of {before}")
RAISE = N_("Raise the budget by {amount} to {new}")


def fact_text(fact: Fact, lang: Lang = None) -> str:
    """One fact in words: a date, working days, hours (from minutes), money, a percent."""
    words = words_in(lang)
    kind, value = fact[0], fact[1]
    if kind == "date" and isinstance(value, date):
        return day_text(value, words)
    if kind == "days":
        return days_text(int(value), words)  # type: ignore[call-overload]
    if kind == "minutes":
        return hours_text(value, words)  # type: ignore[arg-type]
    if kind == "money":
        return money(value, str(fact[2]), words)  # type: ignore[misc, arg-type]
    if kind == "percent":
        return percent(value, words)  # type: ignore[arg-type]
    if kind == "count":
        return count_text(int(value), words)  # type: ignore[call-overload]
    return str(value)


def render(message: str, facts: tuple[tuple[str, Fact], ...], lang: Lang = None) -> str:
    """``message`` in ``lang`` with every named fact written out in that language."""
    words = words_in(lang)
    return words.gettext(message).format(**{name: fact_text(f, words) for name, f in facts})
