"""Saved versions of a brief side by side: verdict, promise dates, price, utilisation.

The client audience sees verdicts, promise dates and price; the agency audience also sees
internal cost and how busy each person would be.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.store.records import SavedVersion
from planner.wording import money

AUDIENCES: tuple[str, ...] = ("agency", "client")


def promise_cell(promise: dict[str, Any]) -> str:
    """A promise's planned date in words: ``2027-05-28 (on time)``, ``… (3 working days late)``."""
    if promise.get("finish") is None:
        return "not planned"
    slip = int(promise.get("slip_days") or 0)
    if slip == 0:
        return f"{promise['finish']} (on time)"
    return f"{promise['finish']} ({slip} working day{'s' if slip != 1 else ''} late)"


def comparison_frame(versions: list[SavedVersion], audience: str = "agency") -> pd.DataFrame:
    """One column per saved version, one row per measure.

    Parameters
    ----------
    versions
        Saved versions of one brief, in the order to show them.
    audience
        ``"agency"`` (everything) or ``"client"`` (no cost, no people).

    Returns
    -------
    DataFrame
        Index: the measures ("Verdict", "Promises kept", "Promise: …", "Price", …).
    """
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    columns: dict[str, dict[str, str]] = {}
    for version in versions:
        columns[version.label] = _column(version.result, audience)
    order: list[str] = []
    for column in columns.values():
        order.extend(key for key in column if key not in order)
    frame = pd.DataFrame(columns, index=order, dtype=object)
    frame.index.name = "measure"
    return frame.fillna("—")


def _column(result: dict[str, Any], audience: str) -> dict[str, str]:
    currency = result.get("currency", "")
    promises = result.get("promises", [])
    kept = sum(1 for p in promises if p.get("finish") and not p.get("slip_days"))
    column = {
        # The two answers of the shared wording, dates and money (older saved versions kept
        # only the one sentence: it stands for both).
        "Dates": str(result.get("dates", result.get("sentence", ""))),
        "Money": str(result.get("money", result.get("sentence", ""))),
        "Promises kept": f"{kept} of {len(promises)}",
    }
    for promise in promises:
        column[f"Promise: {promise['name']} (due {promise['due']})"] = promise_cell(promise)
    column["Price"] = money(result.get("price", 0.0), currency)
    budget = result.get("budget")
    column["Budget"] = "none" if budget is None else money(budget, currency)
    if audience == "agency":
        cost = result.get("cost")
        column["Internal cost"] = "unknown" if cost is None else money(cost, currency)
        for person, share in sorted(result.get("utilisation", {}).items()):
            column[f"Utilisation: {person}"] = f"{share:.0%}"
    return column
