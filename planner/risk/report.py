"""The risk section of the feasibility report: odds per promise and for the budget, in words.

Written for the client (the report goes to them): plain odds and dates, no cost or rates.
"""

from __future__ import annotations

import html

from planner.risk.result import RiskResult
from planner.risk.words import budget_sentence, promise_sentence, summary_sentence


def risk_section_html(risk: RiskResult) -> str:
    """An HTML section for :func:`planner.report.page.report_html` (``sections=``).

    Parameters
    ----------
    risk
        A risk run.

    Returns
    -------
    str
        ``<section class="risk">`` with a heading, the summary, one sentence per promise
        ("4 in 5 chance by 12 May 2027") and the budget odds; all text escaped.
    """
    lines = [summary_sentence(risk)]
    if risk.has_figures:
        lines += [promise_sentence(p) for p in risk.promises]
        lines.append(budget_sentence(risk, "client"))
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines[1:])
    listing = f"<ul>{items}</ul>" if items else ""
    return (
        '<section class="risk"><h2>How sure are we?</h2>'
        f"<p>{html.escape(lines[0])}</p>{listing}</section>"
    )
