"""What the page says first: the verdict and the promises table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from pandas.io.formats.style import Styler

from planner.app.words import language
from planner.i18n import Texts
from planner.plan import Plan
from planner.wording import (
    budget_delta,
    certainty_line,
    internal_lines,
    money,
    promise_status,
    solver_details,
    verdict_lines,
)


@dataclass(frozen=True)
class Verdict:
    """What the page says first: the dates answer, the money answer, how sure we are and the
    numbers behind them. ``details`` holds the solver's own words (for a details section)."""

    headline: str
    money_line: str
    certainty: str
    details: str
    internal: tuple[str, ...]
    tone: Literal["good", "bad", "unknown"]
    kept: int
    broken: int
    worst_slip: int
    worst_name: str | None
    price: float
    budget: float | None
    currency: str
    budget_delta: str | None = None

    @property
    def total(self) -> int:
        """Number of promises."""
        return self.kept + self.broken

    @property
    def budget_gap(self) -> float | None:
        """Budget minus price (negative when over budget); ``None`` without a budget."""
        return None if self.budget is None else round(self.budget - self.price, 2)

    @property
    def price_text(self) -> str:
        """The price with thousands separators and currency, e.g. ``41,985 EUR``."""
        return money(self.price, self.currency, language())

    @property
    def over_budget(self) -> bool:
        """True when the price exceeds the budget."""
        gap = self.budget_gap
        return gap is not None and gap < 0


def summarise(plan: Plan) -> Verdict:
    """The headline sentence (as the CLI prints it) and the metrics for ``plan``."""
    broken = plan.broken_promises if plan.has_schedule else plan.promises
    worst = broken[0] if broken and plan.has_schedule else None
    if not plan.has_schedule:
        tone: Literal["good", "bad", "unknown"] = (
            "bad" if plan.solver_status == "INFEASIBLE" else "unknown"
        )
    else:
        tone = "good" if plan.verdict == "feasible" else "bad"
    lang = language()
    dates, money_text = verdict_lines(plan, lang)
    return Verdict(
        headline=dates,
        money_line=money_text,
        certainty=certainty_line(plan, lang),
        details=solver_details(plan),
        internal=tuple(internal_lines(plan, lang)),
        budget_delta=budget_delta(plan, lang),
        tone=tone,
        kept=len(plan.promises) - len(broken),
        broken=len(broken),
        worst_slip=worst.slip_days if worst else 0,
        worst_name=worst.name if worst else None,
        price=plan.budget.price,
        budget=plan.budget.budget,
        currency=plan.currency,
    )


STATUS_COLOURS: dict[str, str] = {
    "kept": "#cdeedd",
    "late": "#fbd3c4",
    "not planned": "#e4e4e4",
}
"""Row background per promise status (light, so text stays readable on a projector)."""


def promises_table(plan: Plan) -> pd.DataFrame:
    """One row per promise: promised date, realistic date, working days late, status.

    ``Status`` is ``kept``, ``late`` or ``not planned`` (no schedule). Broken promises come
    first, worst slip first, then the rest by promised date.
    """
    rows = []
    for promise in plan.promises:
        finish = promise.finish if plan.has_schedule else None
        status = promise_status(promise.slip_days, finish, language())
        rows.append(
            {
                "Promise": promise.name,
                "Promised": promise.due,
                "Realistic": promise.finish,
                "Working days late": promise.slip_days,
                "Priority": promise.priority,
                "Status": status,
            }
        )
    columns = ["Promise", "Promised", "Realistic", "Working days late", "Priority", "Status"]
    frame = pd.DataFrame(rows, columns=columns)
    order = frame.apply(lambda row: STATUS_ORDER[_status_key(row)], axis=1)
    frame = frame.assign(_order=order).sort_values(
        ["_order", "Working days late", "Promised"], ascending=[True, False, True], kind="stable"
    )
    return frame.drop(columns="_order").reset_index(drop=True)


STATUS_ORDER = {"late": 0, "not planned": 1, "kept": 2}
"""Broken promises first, then the ones without a plan, then the kept ones."""


def _status_key(row: pd.Series) -> str:
    """The row's status in any language, from its figures (``Status`` is worded for people)."""
    if pd.isna(row["Realistic"]):
        return "not planned"
    return "late" if row["Working days late"] > 0 else "kept"


def promises_styler(frame: pd.DataFrame) -> Styler:
    """The promises table with each row coloured by its status (:data:`STATUS_COLOURS`)."""

    def colour(row: pd.Series) -> list[str]:
        shade = STATUS_COLOURS[_status_key(row)]
        return [f"background-color: {shade}"] * len(row)

    return frame.style.apply(colour, axis=1)


def local_dates(data: Any, dates: tuple[str, ...], lang: str) -> Any:
    """``data`` (a frame or a Styler) with its ``dates`` columns as dates in ``lang``'s own
    medium form (``28.4.2027``, ``28 kwi 2027``): the browser's date column format is English."""
    words = Texts(lang)

    def text(day: Any) -> str:
        return "" if day is None or pd.isna(day) else words.date(day, "medium")

    if isinstance(data, Styler):
        return data.format({column: text for column in dates})
    frame = data.copy()
    for column in dates:
        frame[column] = frame[column].map(text)
    return frame
