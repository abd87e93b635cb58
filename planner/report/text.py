"""The text blocks of the one-page report: the promises table, the budget line and the changes
from the brief, as HTML fragments (the page around them is :mod:`planner.report.page`)."""

from __future__ import annotations

import html
from datetime import date

from planner.plan import Plan, PromiseOutcome
from planner.report.brief_changes import CHANGES_HEADING
from planner.wording import (
    AGENCY,
    Audience,
    Lang,
    count_text,
    internal_lines,
    money,
    promise_status,
    short_day,
    words_in,
)

MAX_PROMISE_ROWS = 12
"""Longest promises table printed in full. A longer one lists its broken promises (the worst
ones when they fill the table), a few kept ones with the least time to spare and one row that
counts what it leaves out."""
KEPT_ROWS_IN_SHORT_LIST = 4
"""Kept promises (least time to spare first) shown when a long table is shortened."""


def esc(value: object) -> str:
    """``value`` as text, escaped for HTML."""
    return html.escape(str(value))


def day(value: date | None, lang: Lang = None) -> str:
    """``Wed 17 Mar 2027`` (Finnish ``17.3.2027``), or a dash for no date."""
    return esc(short_day(value, lang))


def _promise_row(p: PromiseOutcome, lang: Lang) -> str:
    status = promise_status(p.slip_days, p.finish, lang)
    cls = "" if p.finish is None else ("met" if p.met else "late")
    return (
        f'<tr class="{cls}"><td>{esc(p.name)}</td><td class="day">{day(p.due, lang)}</td>'
        f'<td class="day">{day(p.finish, lang)}</td>'
        f'<td class="status {cls}">{esc(status)}</td></tr>'
    )


def shown_promises(plan: Plan, lang: Lang = None) -> tuple[list[PromiseOutcome], list[str]]:
    """The promises the table lists (in the brief's order) and a line for each group left out.

    Up to :data:`MAX_PROMISE_ROWS` promises are all listed. A longer list keeps every broken
    (or unscheduled) promise, worst first, while they fit, then the kept promises with the
    least time to spare, and counts the rest.
    """
    promises = list(plan.promises)
    if len(promises) <= MAX_PROMISE_ROWS:
        return promises, []
    order = {id(p): i for i, p in enumerate(promises)}
    broken = [p for p in plan.broken_promises if p.finish is not None]
    unscheduled = [p for p in promises if p.finish is None]
    kept = sorted((p for p in promises if p.met), key=lambda p: (p.due - p.finish).days)  # type: ignore[operator]
    room = MAX_PROMISE_ROWS - 1  # one row for the count of the rest
    shown_broken = broken[:room]
    room -= len(shown_broken)
    shown_unscheduled = unscheduled[:room]
    room -= len(shown_unscheduled)
    shown_kept = kept[: min(room, KEPT_ROWS_IN_SHORT_LIST)]
    shown = sorted([*shown_broken, *shown_unscheduled, *shown_kept], key=lambda p: order[id(p)])
    return shown, _left_out(
        len(broken) - len(shown_broken),
        len(unscheduled) - len(shown_unscheduled),
        len(kept) - len(shown_kept),
        words_in(lang),
    )


def _left_out(broken: int, unscheduled: int, kept: int, lang: Lang) -> list[str]:
    """A line for each group of promises a shortened table leaves out."""
    words = words_in(lang)
    more = []
    if broken > 0:
        text = words.ngettext(
            "{count} more cannot be kept, see the plan export",
            "{count} more cannot be kept, see the plan export",
            broken,
        )
        more.append(text.format(count=count_text(broken, words)))
    if unscheduled > 0:
        text = words.ngettext("{count} more not planned", "{count} more not planned", unscheduled)
        more.append(text.format(count=count_text(unscheduled, words)))
    if kept > 0:
        text = words.ngettext("and {count} more kept", "and {count} more kept", kept)
        more.append(text.format(count=count_text(kept, words)))
    return more


def promises_table(plan: Plan, lang: Lang = None) -> str:
    """The promises table (shortened when long: see :data:`MAX_PROMISE_ROWS`)."""
    words = words_in(lang)
    _ = words.gettext
    if not plan.promises:
        none = _("The brief makes no promised dates.")
        return f"<p>{esc(none)}</p>"
    shown, more = shown_promises(plan, words)
    rows = [_promise_row(p, words) for p in shown]
    if more:
        total = len(plan.promises)
        every = words.ngettext(
            "(all {count} are in the plan export)", "(all {count} are in the plan export)", total
        )
        note = "; ".join(more) + " " + every.format(count=count_text(total, words)) + "."
        rows.append(f'<tr class="more"><td colspan="4">{esc(note)}</td></tr>')
    promise, promised, realistic, status = (
        esc(text) for text in (_("Promise"), _("Promised"), _("Realistic"), _("Status"))
    )
    head = (
        f'<tr><th>{promise}</th><th class="day">{promised}</th>'
        f'<th class="day">{realistic}</th><th class="status">{status}</th></tr>'
    )
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def budget_lines(plan: Plan, audience: Audience, lang: Lang = None) -> str:
    """The budget line: price, budget, fixed costs (agency: internal cost and margin)."""
    words = words_in(lang)
    _ = words.gettext
    b, cur = plan.budget, plan.currency
    items = [_("Price {price}.").format(price=money(b.price, cur, words))]
    if b.budget is not None:
        items.append(_("Budget {budget}.").format(budget=money(b.budget, cur, words)))
    if b.fixed_costs:
        fixed = money(b.fixed_costs, cur, words)
        items.append(_("Includes fixed costs of {fixed}.").format(fixed=fixed))
    if audience == AGENCY:
        items += [f"{line}." for line in internal_lines(plan, words)]
    heading = _("Budget:")
    return f'<p class="budget"><b>{esc(heading)}</b> {esc(" ".join(items))}</p>'


def changes_block(changes: list[str] | None, lang: Lang = None) -> str:
    """The changes from the brief as received, as a heading and a list (empty: none)."""
    if not changes:
        return ""
    heading = words_in(lang).gettext(CHANGES_HEADING)
    items = "".join(f"<li>{esc(line)}</li>" for line in changes)
    return f'<h2>{esc(heading)}</h2><ul class="changes">{items}</ul>'
