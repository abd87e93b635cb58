"""The human report of ``planner check`` in the user's language (``--json`` stays neutral).

Dates in the promises table stay ISO (``2027-03-17``) so that the columns line up in every
language; every sentence and figure comes from :mod:`planner.wording`.
"""

from __future__ import annotations

from pathlib import Path

from planner.plan import Plan
from planner.wording import (
    AGENCY,
    CLIENT,
    Audience,
    Lang,
    certainty_line,
    internal_lines,
    late_text,
    money,
    percent,
    verdict_lines,
    words_in,
)


def promise_lines(plan: Plan, lang: Lang = None) -> list[str]:
    """The promises table: name, promised date, realistic date and status, one per line."""
    words = words_in(lang)
    _ = words.gettext
    heads = [_("promise"), _("promised"), _("realistic"), _("status")]
    width = max([len(heads[0]), *(len(p.name) for p in plan.promises)])
    due_width, finish_width = max(10, len(heads[1])), max(10, len(heads[2]))
    lines = [_("Promises:")]
    lines.append(
        f"  {heads[0]:<{width}}  {heads[1]:<{due_width}}  {heads[2]:<{finish_width}}  {heads[3]}"
    )
    for p in plan.promises:
        due = p.due.isoformat()
        finish = p.finish.isoformat() if p.finish else "—"
        mark = _("kept") if p.met else (late_text(p.slip_days, words) if p.finish else "—")
        lines.append(f"  {p.name:<{width}}  {due:<{due_width}}  {finish:<{finish_width}}  {mark}")
    return lines


def utilisation_lines(plan: Plan, lang: Lang = None) -> list[str]:
    """Agency only: booked and free hours and the utilisation of each person."""
    words = words_in(lang)
    _ = words.gettext
    util = plan.utilisation_frame()
    if util.empty or not plan.has_schedule:
        return []
    lines = [_("Utilisation by person (booked / free hours over the plan):")]
    english = words.lang == "en"
    for row in util.itertuples():
        if english:
            booked, free = f"{row.booked_hours:7.1f}", f"{row.available_hours:7.1f}"
            share = f"{row.utilisation:6.0%}"
        else:
            booked = f"{words.number(row.booked_hours, 1):>7}"
            free = f"{words.number(row.available_hours, 1):>7}"
            share = f"{percent(row.utilisation, words):>6}"
        lines.append(f"  {row.person:<16} {booked} / {free} h  {share}")
    return lines


def render_text(plan: Plan, audience: Audience = CLIENT, lang: Lang = None) -> str:
    """The human report: verdict (dates, then money), how sure, promises, budget; the agency
    version adds internal cost, margin and utilisation by person.

    Parameters
    ----------
    plan
        The plan.
    audience
        ``"client"`` or ``"agency"``.
    lang
        ``"en"`` (default), ``"fi"`` or ``"pl"``, or a :class:`~planner.i18n.Texts`.
    """
    words = words_in(lang)
    _ = words.gettext
    lines = [plan.title, *verdict_lines(plan, words), certainty_line(plan, words)]
    if plan.promises:
        lines += ["", *promise_lines(plan, words)]
    b = plan.budget
    lines += ["", _("Price: {price}").format(price=money(b.price, plan.currency, words))]
    if b.budget is not None:
        lines.append(_("Budget: {budget}").format(budget=money(b.budget, plan.currency, words)))
    if audience == AGENCY:
        lines += internal_lines(plan, words)
        utilisation = utilisation_lines(plan, words)
        if utilisation:
            lines += ["", *utilisation]
    return "\n".join(lines)


def wrote_line(path: Path, lang: Lang = None) -> str:
    """``wrote <path>``: a file ``planner check --out`` has written."""
    _ = words_in(lang).gettext
    return _("wrote {path}").format(path=path)
