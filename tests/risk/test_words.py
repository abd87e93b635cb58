"""Risk figures in plain words."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from planner.risk.result import BudgetRisk, PromiseRisk, RiskResult
from planner.risk.words import (
    agency_lines,
    budget_sentence,
    odds_text,
    promise_sentence,
    suggestion_sentence,
)


@pytest.mark.parametrize(
    ("p", "text"),
    [
        (0.8, "4 in 5"),
        (0.5, "1 in 2"),
        (0.34, "1 in 3"),
        (0.7, "7 in 10"),
        (0.95, "19 in 20"),
        (0.01, "less than 1 in 20"),
        (0.99, "more than 19 in 20"),
        (0.0, "no"),
        (1.0, "every"),
    ],
)
def test_odds_in_words(p: float, text: str) -> None:
    assert odds_text(p) == text


def _promise(p: float, commit: bool) -> PromiseRisk:
    quantiles = {q: date(2027, 5, 12) for q in (0.05, 0.25, 0.5, 0.75, 0.8, 0.95)}
    return PromiseRisk(
        "video",
        "Launch video",
        date(2027, 5, 7),
        date(2027, 5, 7),
        p,
        (p - 0.02, p + 0.02),
        quantiles,
        date(2027, 5, 12) if commit else None,
    )


def test_client_sentence_gives_odds_and_the_four_in_five_date() -> None:
    assert promise_sentence(_promise(0.3, True)) == (
        "Launch video: promised 7 May 2027, 3 in 10 chance by then; 4 in 5 chance by 12 May 2027."
    )
    assert suggestion_sentence(_promise(0.3, True)) == (
        "Commit to 12 May 2027 instead of 7 May 2027 (4 in 5 chance)."
    )
    assert suggestion_sentence(_promise(0.9, False)) is None


def test_client_budget_words_leave_out_the_price_figures() -> None:
    risk = RiskResult(
        "T",
        "EUR",
        100,
        0,
        0.8,
        "in-process",
        (_promise(0.3, True),),
        BudgetRisk(38000, 37000, 0.8, 37500, 38000, 39000),
        np.array([1.0]),
    )
    client = budget_sentence(risk, "client")
    assert client == "4 in 5 chance of staying within the 38,000 EUR budget."
    assert "P80 price 38,000 EUR" in budget_sentence(risk, "agency")
    text = "\n".join(agency_lines(risk))
    assert "Commit to 12 May 2027" in text and "0 of 1 promises" in text


def test_a_run_without_ranges_says_so() -> None:
    risk = RiskResult(
        "T", "EUR", 10, 0, 0.8, "in-process", (), BudgetRisk(None, 1, None, 1, 1, 1), np.ones(1)
    )
    assert "No task has a range" in "\n".join(agency_lines(risk))
