"""Every word a person reads about a plan: verdicts, money, dates, hours and plurals.

One module for the CLI, the app, the charts and the reports, so that the same plan reads the
same everywhere. Money is always written one way (``5,810 EUR``), dates as ``17 Mar 2027``,
counts with the right plural (``1 working day``, ``2 working days``). Solver vocabulary
(OPTIMAL, FEASIBLE, …) never appears here except in :func:`solver_details`, which the CLI's
``--json`` and the app's details section use.

Every function takes ``lang`` (``"en"``, ``"fi"``, ``"pl"`` or a :class:`~planner.i18n.Texts`;
default English). The sentences are gettext messages of the ``words`` domain
(``planner/i18n/locale/<lang>/LC_MESSAGES/words.po``); in Finnish and Polish, money, numbers
and dates are formatted by Babel for the locale (``5 810 €``, ``17. maaliskuuta 2027``), and
English keeps the house style above.

Two audiences read a plan (:data:`AUDIENCES`): the **client** sees promised against realistic
dates, the price, the budget and the changes to the brief; the **agency** also sees internal
cost, margin and utilisation by person.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from babel.numbers import format_percent

from planner.i18n import DEFAULT_LANGUAGE, N_, Texts, check_language
from planner.plan import Plan
from planner.scheduler.solve import TOO_LARGE_MESSAGES

Audience = Literal["client", "agency"]
CLIENT: Audience = "client"
AGENCY: Audience = "agency"
AUDIENCES: tuple[Audience, ...] = (CLIENT, AGENCY)
"""Who a verdict, report or export is made for; the client version never shows internal cost,
margin, people's rates or other clients' bookings."""

AUDIENCE_LABELS: dict[str, str] = {
    CLIENT: N_("Client (price, budget, dates)"),
    AGENCY: N_("Agency (adds internal cost, margin, utilisation)"),
}

WORDS_DOMAIN = "words"
"""The gettext domain of the words people read about a plan (CLI, reports, exports)."""

Lang = str | Texts | None
"""A language: a code (``"fi"``), a :class:`~planner.i18n.Texts`, or None for English."""


def words_in(lang: Lang = None) -> Texts:
    """The :class:`~planner.i18n.Texts` of the ``words`` domain in ``lang`` (None: English).

    Raises
    ------
    ValueError
        For an unsupported language code.
    """
    if isinstance(lang, Texts):
        return lang if lang.domain == WORDS_DOMAIN else Texts(lang.lang, WORDS_DOMAIN)
    return Texts(check_language(lang) if lang else DEFAULT_LANGUAGE, WORDS_DOMAIN)


def _english(words: Texts) -> bool:
    return words.lang == DEFAULT_LANGUAGE


def audience_label(audience: str, lang: Lang = None) -> str:
    """The selector label of ``audience`` in ``lang``."""
    return words_in(lang).gettext(AUDIENCE_LABELS[audience])


def check_audience(audience: str) -> Audience:
    """``audience`` when it is one of :data:`AUDIENCES`, else ``ValueError``."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be 'client' or 'agency', not {audience!r}")
    return audience  # type: ignore[return-value]


# --- numbers, dates, plurals -------------------------------------------------------------------
def money(amount: float, currency: str, lang: Lang = None) -> str:
    """An amount in whole units with thousands separators: ``money(5810, "EUR") == "5,810 EUR"``.

    Negative amounts keep their sign (``-120 EUR``); callers that mean "over" or "under" say
    so in words and pass the size. In Finnish and Polish Babel writes it (``5 810 €``).
    """
    words = words_in(lang)
    if not _english(words):
        return words.money(amount, currency)
    rounded = round(amount)
    sign = "-" if rounded < 0 else ""
    return f"{sign}{abs(rounded):,} {currency}"


def day_text(day: date, lang: Lang = None) -> str:
    """``2027-03-17`` → ``"17 Mar 2027"`` (Finnish ``17. maaliskuuta 2027``)."""
    words = words_in(lang)
    if not _english(words):
        return words.date(day)
    return f"{day.day} {day:%b %Y}"


def short_day(day: date | None, lang: Lang = None) -> str:
    """A date for a table column: ``Wed 17 Mar 2027`` (Finnish ``17.3.2027``); a dash for none."""
    if day is None:
        return "—"
    words = words_in(lang)
    if not _english(words):
        return words.date(day, "medium")
    return day.strftime("%a %d %b %Y")


def count_text(count: int, lang: Lang = None) -> str:
    """A whole number with the locale's thousands separator (``1,200``; ``1 200``)."""
    words = words_in(lang)
    return f"{count:,}" if _english(words) else words.number(count)


def percent(share: float, lang: Lang = None) -> str:
    """A share as a whole percent in the locale's style: ``0.45`` → ``45%`` (``45 %``)."""
    return format_percent(share, locale=words_in(lang).lang)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``plural(1, "promise") == "1 promise"``, ``plural(4, "promise") == "4 promises"``
    (English only; translated counts use :meth:`~planner.i18n.Texts.ngettext`)."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def days_text(days: int, lang: Lang = None) -> str:
    """``1`` → ``"1 working day"``, ``4`` → ``"4 working days"``."""
    words = words_in(lang)
    text = words.ngettext("{count} working day", "{count} working days", days)
    return text.format(count=count_text(days, words))


def late_text(days: int, lang: Lang = None) -> str:
    """``"3 working days late"``."""
    words = words_in(lang)
    text = words.ngettext("{count} working day late", "{count} working days late", days)
    return text.format(count=count_text(days, words))


def hours_text(minutes: int | float, lang: Lang = None) -> str:
    """Minutes as hours: ``2400`` → ``"40 h"``, ``270`` → ``"4.5 h"``, ``100`` → ``"1.67 h"``."""
    hours = minutes / 60
    words = words_in(lang)
    if not _english(words):
        return f"{words.number(hours, 2)} h"
    if abs(hours - round(hours)) < 1e-9:
        return f"{round(hours):,} h"
    text = f"{hours:,.2f}".rstrip("0").rstrip(".")
    return f"{text} h"


def listing(items: Sequence[str], lang: Lang = None) -> str:
    """``["a", "b", "c"]`` → ``"a, b and c"``."""
    _ = words_in(lang).gettext
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    text = _("{items} and {last}")
    return text.format(items=", ".join(items[:-1]), last=items[-1])


def capitalised(text: str) -> str:
    """The text with a capital first letter."""
    return text[:1].upper() + text[1:]


def readable_key(key: str) -> str:
    """An identifier as words: ``account_manager`` → ``Account manager``."""
    return capitalised(key.replace("_", " ").strip())


# --- the verdict -------------------------------------------------------------------------------
def dates_line(plan: Plan, lang: Lang = None) -> str:
    """Can the promised dates be kept? E.g. "4 of 8 promises cannot be kept with this team
    (worst: Launch video, 5 working days late)" or "Can be delivered as promised"."""
    words = words_in(lang)
    _ = words.gettext
    if not plan.has_schedule:
        if plan.solver_status == "INFEASIBLE":
            return _("The work cannot be scheduled at all with this team and these dates")
        return _("No plan was found in the time allowed, so nothing can be promised yet")
    total = len(plan.promises)
    if total == 0:
        return _("The brief makes no promised dates; the plan below shows when work finishes")
    broken = plan.broken_promises
    if not broken:
        if total == 1:
            return _("Can be delivered as promised (the promised date is kept)")
        text = words.ngettext(
            "Can be delivered as promised (all {total} promised date kept)",
            "Can be delivered as promised (all {total} promised dates kept)",
            total,
        )
        return text.format(total=count_text(total, words))
    worst = broken[0]
    text = words.ngettext(
        "{broken} of {total} promise cannot be kept with this team (worst: {name}, {late})",
        "{broken} of {total} promises cannot be kept with this team (worst: {name}, {late})",
        total,
    )
    return text.format(
        broken=count_text(len(broken), words),
        total=count_text(total, words),
        name=worst.name,
        late=late_text(worst.slip_days, words),
    )


def money_line(plan: Plan, lang: Lang = None) -> str:
    """The price against the budget: "Within budget (…)" or "5,810 EUR over budget (…)"."""
    words = words_in(lang)
    _ = words.gettext
    b, cur = plan.budget, plan.currency
    price = money(b.price, cur, words)
    if b.budget is None:
        return _("Price {price}; the brief gives no budget").format(price=price)
    figures = {"price": price, "budget": money(b.budget, cur, words)}
    if b.within:
        return _("Within budget (price {price}, budget {budget})").format(**figures)
    over = money(b.price - b.budget, cur, words)
    if b.over_budget_proven:
        text = _(
            "{over} over budget (price {price}, budget {budget}): no plan that keeps these "
            "promises fits the budget"
        )
    else:
        text = _(
            "{over} over budget (price {price}, budget {budget}); a cheaper plan keeping these "
            "promises was not ruled out in the time allowed"
        )
    return text.format(over=over, **figures)


def verdict_lines(plan: Plan, lang: Lang = None) -> tuple[str, str]:
    """The two answers a brief gets, as separate lines: dates, then money."""
    return dates_line(plan, lang), money_line(plan, lang)


def verdict_sentence(plan: Plan, lang: Lang = None) -> str:
    """Both answers in one line (charts, short summaries): ``"<dates>. <money>."``."""
    return ". ".join(verdict_lines(plan, lang)) + "."


def seconds_text(seconds: float, lang: Lang = None) -> str:
    """A duration in whole seconds: ``"5 s"``, or ``"under 1 s"``."""
    words = words_in(lang)
    _ = words.gettext
    if seconds < 1:
        return _("under 1 s")
    return _("{seconds} s").format(seconds=count_text(round(seconds), words))


def certainty_line(plan: Plan, lang: Lang = None) -> str:
    """How sure we are, in words: "This is the best plan possible." or "The best plan found
    in 5 s; a better one may exist."."""
    words = words_in(lang)
    _ = words.gettext
    seconds = seconds_text(plan.solve_seconds, words)
    if plan.solver_status == "OPTIMAL":
        return _("This is the best plan possible.")
    if plan.message in TOO_LARGE_MESSAGES and plan.has_schedule:  # no search ran
        return _(
            "This brief is too large to search in reasonable time: a quick plan, not optimised "
            "(split the brief into smaller parts for a searched one)."
        )
    if plan.message in TOO_LARGE_MESSAGES:  # "with more time" would not be true
        return _("This brief is too large to plan in reasonable time: split it into smaller parts.")
    if plan.solver_status == "FEASIBLE":
        text = _("The best plan found in {seconds}; a better one may exist.")
        if plan.clock_stopped:
            text += _(
                " The computer was so busy that the clock, not the usual amount of work, ended "
                "the search: running it again may give another plan."
            )
        return text.format(seconds=seconds)
    if plan.solver_status == "INFEASIBLE":
        return _("It is proven that no plan fits these dates and this team.")
    return _("No plan was found in {seconds}; with more time one may be found.").format(
        seconds=seconds
    )


def solver_details(plan: Plan) -> str:
    """The solver's own words, for ``--json`` and the details section only (not translated)."""
    text = f"Solver status {plan.solver_status} in {plan.solve_seconds:.2f} s"
    return text + (f" ({plan.message})" if plan.message else "")


def budget_delta(plan: Plan, lang: Lang = None) -> str | None:
    """The budget gap as a metric delta: "5,810 EUR over budget" / "1,200 EUR under budget" /
    "exactly on budget"; None without a budget."""
    words = words_in(lang)
    _ = words.gettext
    b = plan.budget
    if b.budget is None:
        return None
    gap = round(b.budget - b.price)
    if gap == 0:
        return _("exactly on budget")
    if gap < 0:
        return _("{amount} over budget").format(amount=money(-gap, plan.currency, words))
    return _("{amount} under budget").format(amount=money(gap, plan.currency, words))


def promises_count(plan: Plan, lang: Lang = None) -> str:
    """``"4 of 8 cannot be kept"`` / ``"all 8 kept"`` / ``"kept"`` (one promise)."""
    if not plan.promises or not plan.has_schedule:
        return ""
    words = words_in(lang)
    _ = words.gettext
    total = len(plan.promises)
    broken = len(plan.broken_promises)
    counts = {"broken": count_text(broken, words), "total": count_text(total, words)}
    if broken:
        text = words.ngettext(
            "{broken} of {total} cannot be kept", "{broken} of {total} cannot be kept", total
        )
        return text.format(**counts)
    if total == 1:
        return _("kept")
    return words.ngettext("all {total} kept", "all {total} kept", total).format(**counts)


def promise_status(slip_days: int, finish: date | None, lang: Lang = None) -> str:
    """One promise's status: ``kept``, ``3 working days late`` or ``not planned``."""
    words = words_in(lang)
    _ = words.gettext
    if finish is None:
        return _("not planned")
    return _("kept") if slip_days == 0 else late_text(slip_days, words)


def internal_lines(plan: Plan, lang: Lang = None) -> list[str]:
    """Agency-only money lines: internal cost and margin (empty when cost rates are unknown)."""
    words = words_in(lang)
    _ = words.gettext
    b, cur = plan.budget, plan.currency
    if b.cost is None:
        return [_("Internal cost: not known (the team has no cost rates)")]
    margin = money(b.price - b.cost, cur, words)
    cost = _("Internal cost {cost}").format(cost=money(b.cost, cur, words))
    if not b.price:
        return [cost, _("Margin {margin}").format(margin=margin)]
    share = percent((b.price - b.cost) / b.price, words)
    return [cost, _("Margin {margin} ({share} of the price)").format(margin=margin, share=share)]
