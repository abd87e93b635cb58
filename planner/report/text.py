"""The text blocks of the one-page report: the promises table, the budget line and the changes
from the brief, as HTML fragments (the page around them is :mod:`planner.report.page`)."""

from __future__ import annotations

import html
from datetime import date

from planner.plan import Plan, PromiseOutcome
from planner.report.brief_changes import CHANGES_HEADING
from planner.wording import AGENCY, Audience, internal_lines, money, promise_status

MAX_PROMISE_ROWS = 12
"""Longest promises table printed in full. A longer one lists its broken promises (the worst
ones when they fill the table), a few kept ones with the least time to spare and one row that
counts what it leaves out."""
KEPT_ROWS_IN_SHORT_LIST = 4
"""Kept promises (least time to spare first) shown when a long table is shortened."""


def esc(value: object) -> str:
    """``value`` as text, escaped for HTML."""
    return html.escape(str(value))


def day(value: date | None) -> str:
    """``Wed 17 Mar 2027``, or a dash for no date."""
    return value.strftime("%a %d %b %Y") if value else "—"


def _promise_row(p: PromiseOutcome) -> str:
    status = promise_status(p.slip_days, p.finish)
    cls = "" if p.finish is None else ("met" if p.met else "late")
    return (
        f'<tr class="{cls}"><td>{esc(p.name)}</td><td class="day">{day(p.due)}</td>'
        f'<td class="day">{day(p.finish)}</td><td class="status {cls}">{esc(status)}</td></tr>'
    )


def shown_promises(plan: Plan) -> tuple[list[PromiseOutcome], list[str]]:
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
    more = []
    if len(broken) > len(shown_broken):
        more.append(f"{len(broken) - len(shown_broken)} more cannot be kept, see the plan export")
    if len(unscheduled) > len(shown_unscheduled):
        more.append(f"{len(unscheduled) - len(shown_unscheduled)} more not planned")
    if len(kept) > len(shown_kept):
        more.append(f"and {len(kept) - len(shown_kept)} more kept")
    return shown, more


def promises_table(plan: Plan) -> str:
    """The promises table (shortened when long: see :data:`MAX_PROMISE_ROWS`)."""
    if not plan.promises:
        return "<p>The brief makes no promised dates.</p>"
    shown, more = shown_promises(plan)
    rows = [_promise_row(p) for p in shown]
    if more:
        note = "; ".join(more) + f" (all {len(plan.promises)} are in the plan export)."
        rows.append(f'<tr class="more"><td colspan="4">{esc(note)}</td></tr>')
    head = (
        '<tr><th>Promise</th><th class="day">Promised</th><th class="day">Realistic</th>'
        '<th class="status">Status</th></tr>'
    )
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def budget_lines(plan: Plan, audience: Audience) -> str:
    """The budget line: price, budget, fixed costs (agency: internal cost and margin)."""
    b, cur = plan.budget, plan.currency
    items = [f"Price {money(b.price, cur)}."]
    if b.budget is not None:
        items.append(f"Budget {money(b.budget, cur)}.")
    if b.fixed_costs:
        items.append(f"Includes fixed costs of {money(b.fixed_costs, cur)}.")
    if audience == AGENCY:
        items += [f"{line}." for line in internal_lines(plan)]
    return f'<p class="budget"><b>Budget:</b> {esc(" ".join(items))}</p>'


def changes_block(changes: list[str] | None) -> str:
    """The changes from the brief as received, as a heading and a list (empty: none)."""
    if not changes:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in changes)
    return f'<h2>{esc(CHANGES_HEADING)}</h2><ul class="changes">{items}</ul>'
