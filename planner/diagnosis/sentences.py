"""The sentences of a diagnosis: short, concrete, in the scenario's dates and currency.

Each names the promise, the figure that breaks it and what is behind that figure, with no
scheduling vocabulary, so that it can be read out in a client meeting.
"""

from __future__ import annotations

from planner.diagnosis.capacity import Shortfall, losses, losses_text
from planner.diagnosis.chain import ChainBound, Reach
from planner.diagnosis.findings import BudgetGap, Conflict
from planner.i18n import Texts
from planner.plan import PromiseOutcome
from planner.wording import (
    Lang,
    capitalised,
    day_text,
    days_text,
    hours_text,
    late_text,
    listing,
    money,
    percent,
    words_in,
)


def _role(text: str) -> str:
    return text.replace("_", " ")


def chain_names(bound: ChainBound, most: int = 4) -> str:
    """The chain as "A → B → C", shortened to its ends when longer than ``most`` steps."""
    names = [s.name for s in bound.steps]
    if len(names) > most:
        names = [*names[:2], "…", names[-1]]
    return " → ".join(names)


def chain_sentence(
    bound: ChainBound, promise: PromiseOutcome, reach: Reach, lang: Lang = None
) -> str:
    """Why the chain alone breaks a promise, with its slowest agency step explained."""
    words = words_in(lang)
    _ = words.gettext
    figures = {
        "name": promise.name,
        "due": day_text(bound.due, words),
        "needed": days_text(bound.needed_days, words),
        "first": day_text(bound.steps[0].start, words),
        "allowed": bound.allowed_days,
        "earliest": day_text(bound.earliest_finish, words),
    }
    if len(bound.steps) > 1:
        text = words.ngettext(
            "{name} cannot be ready by {due}: even with everyone free for it, its chain of "
            "{steps} step ({chain}) needs {needed} from {first} — {agency} of agency work, "
            "{client} with the client — and the promise allows {allowed}. The earliest "
            "possible finish is {earliest}.",
            "{name} cannot be ready by {due}: even with everyone free for it, its chain of "
            "{steps} steps ({chain}) needs {needed} from {first} — {agency} of agency work, "
            "{client} with the client — and the promise allows {allowed}. The earliest "
            "possible finish is {earliest}.",
            len(bound.steps),
        ).format(
            steps=len(bound.steps),
            chain=chain_names(bound),
            agency=bound.agency_days,
            client=bound.client_days,
            **figures,
        )
    else:
        text = _(
            "{name} cannot be ready by {due}: even with everyone free for it, it needs "
            "{needed} from {first} and the promise allows {allowed}. The earliest possible "
            "finish is {earliest}."
        ).format(**figures)
    agency = [s for s in bound.steps if s.kind == "agency" and s.people]
    if agency:
        slow = max(agency, key=lambda s: s.working_days)
        lost = losses(reach, slow.people, slow.start, slow.finish)
        if lost:
            text += " " + _(
                "The slowest step, {step} ({hours}, {people}), takes {days}: {losses} in "
                "those days."
            ).format(
                step=slow.name,
                hours=hours_text(slow.hours * 60, words),
                people=listing(list(slow.people), words),
                days=days_text(slow.working_days, words),
                losses=losses_text(lost, 2, words),
            )
    return capitalised(text)


def _shortage(short: Shortfall, words: Texts) -> dict[str, str]:
    return {
        "needed": hours_text(short.needed_minutes, words),
        "who": _role(short.who),
        "first": day_text(short.first_day, words),
        "last": day_text(short.last_day, words),
        "free": hours_text(short.free_minutes, words),
    }


def capacity_sentence(promise: PromiseOutcome, short: Shortfall, lang: Lang = None) -> str:
    """Hours needed against hours free in the window, and what took the rest."""
    words = words_in(lang)
    _ = words.gettext
    text = _(
        "{name} cannot be ready by {due}: it needs {needed} of {who} time between {first} and "
        "{last}, and only {free} are free then"
    ).format(name=promise.name, due=day_text(promise.due, words), **_shortage(short, words))
    eaten = short.losses_text(lang=words)
    return capitalised(text + (f" ({eaten})." if eaten else "."))


def same_shortage_sentence(
    promise: PromiseOutcome, short: Shortfall, first: str, lang: Lang = None
) -> str:
    """A promise held up by a shortage already explained for ``first``: said once, then
    referred to, so no two causes read the same."""
    words = words_in(lang)
    _ = words.gettext
    figures = {"name": promise.name, "due": day_text(promise.due, words), "other": first}
    figures |= _shortage(short, words)
    if promise.slip_days:
        text = _(
            "{name} cannot be ready by {due}, {late}: it waits for work caught in the same "
            "shortage of {who} time between {first} and {last} as {other}."
        )
        figures["late"] = late_text(promise.slip_days, words)
    else:
        text = _(
            "{name} cannot be ready by {due}: it waits for work caught in the same shortage of "
            "{who} time between {first} and {last} as {other}."
        )
    return capitalised(text.format(**figures))


def conflict_sentence(promise: PromiseOutcome, conflict: Conflict, lang: Lang = None) -> str:
    """Which promises cannot all be kept, and what they compete for."""
    words = words_in(lang)
    _ = words.gettext
    others = [
        f"{n} ({day_text(d, words)})"
        for t, n, d in zip(conflict.members, conflict.names, conflict.dues, strict=True)
        if t != promise.task
    ]
    figures = {
        "name": promise.name,
        "due": day_text(promise.due, words),
        "others": listing(others, words),
    }
    short = conflict.shortfall
    if short is not None:
        text = _(
            "{name} ({due}) cannot be kept together with {others}: together they need {needed} "
            "of {who} time between {first} and {last}, and only {free} are free."
        ).format(**figures, **_shortage(short, words))
    elif conflict.shared_people:
        text = _(
            "{name} ({due}) cannot be kept together with {others}: they need the same people "
            "({people})."
        ).format(**figures, people=listing(list(conflict.shared_people), words))
    else:
        text = _("{name} ({due}) cannot be kept together with {others}.").format(**figures)
    if not conflict.proven:
        text += " " + _("(Not proven within the time limit.)")
    return capitalised(text)


def budget_sentence(gap: BudgetGap, lang: Lang = None) -> str:
    """Price against budget, the share covered and the biggest items."""
    words = words_in(lang)
    _ = words.gettext
    cur = gap.currency
    top = ", ".join(
        f"{name} {money(amount, cur, words)}" for name, amount in gap.price_by_deliverable[:3]
    )
    return _(
        "The plan costs {price} against a budget of {budget}: {over} over, so the budget "
        "covers {share} of the brief. The biggest items: {top}."
    ).format(
        price=money(gap.price, cur, words),
        budget=money(gap.budget, cur, words),
        over=money(gap.over, cur, words),
        share=percent(gap.share_covered, words),
        top=top,
    )
