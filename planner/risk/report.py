"""The risk section of the feasibility report: odds per promise and for the budget, in words.

Written for the client (the report goes to them): plain odds and dates, no cost or rates.
"""

from __future__ import annotations

import html

from planner.risk.result import RiskResult
from planner.risk.words import budget_sentence, promise_sentence, summary_sentence
from planner.wording import Lang, words_in


def risk_section_html(risk: RiskResult, lang: Lang = None) -> str:
    """An HTML section for :func:`planner.report.page.report_html` (``sections=``).

    Parameters
    ----------
    risk
        A risk run.
    lang
        Language of the section (default English).

    Returns
    -------
    str
        ``<section class="risk">`` with a heading, the summary, one sentence per promise
        ("4 in 5 chance by 12 May 2027") and the budget odds; all text escaped.
    """
    lines = [summary_sentence(risk, lang)]
    if risk.has_figures:
        lines += [promise_sentence(p, lang) for p in risk.promises]
        lines.append(budget_sentence(risk, "client", lang))
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines[1:])
    listing = f"<ul>{items}</ul>" if items else ""
    _ = words_in(lang).gettext
    heading = html.escape(_("How sure are we?"))
    return (
        f'<section class="risk"><h2>{heading}</h2><p>{html.escape(lines[0])}</p>{listing}</section>'
    )
