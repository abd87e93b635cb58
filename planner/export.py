"""Write a plan's tables to files: CSV per table and one formatted XLSX workbook.

What each audience gets (see :mod:`planner.audience`): the client's tables never carry
internal cost, margin or utilisation by person; the agency's add them. How the workbook looks
(widths, number formats, frozen header) lives in :mod:`planner.xlsx_format`.

Every text cell goes through :func:`planner.safe_cell.safe_frame` (no formula injection).
CSV and XLSX headers are the same words (:func:`readable_headers`, e.g. ``slip_days`` →
``Slip days``); the tables keep their keys as column names in code.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from planner.audience import margin
from planner.plan import Plan
from planner.safe_cell import safe_frame
from planner.wording import AGENCY, Audience, check_audience, readable_key
from planner.xlsx_format import format_sheet


def plan_tables(
    plan: Plan, audience: Audience = "client", changes: list[str] | None = None
) -> dict[str, pd.DataFrame]:
    """The plan's tables by name, one sheet each in the workbook.

    Parameters
    ----------
    plan
        The plan.
    audience
        ``"client"``: bookings, tasks, promises, budget, budget_by_deliverable (and
        changes_from_brief when there are changes); ``"agency"`` adds utilisation, and the
        internal cost and margin in the budget table.
    changes
        Changes from the brief as received (:func:`planner.brief_changes.brief_changes`).
    """
    audience = check_audience(audience)
    budget = plan.budget
    budget_rows = [
        {"item": "Price", "amount": budget.price},
        {"item": "Budget", "amount": budget.budget},
        {"item": "Budget minus price", "amount": budget.gap},
        {"item": "Fixed costs", "amount": budget.fixed_costs},
    ]
    if audience == AGENCY:
        budget_rows += [
            {"item": "Internal cost", "amount": budget.cost},
            {"item": "Margin", "amount": margin(plan)},
        ]
    budget_rows += [
        {"item": f"Role: {readable_key(k)}", "amount": round(v, 2)}
        for k, v in budget.price_by_role.items()
    ]
    by_deliverable = [
        {"deliverable": k, "price": round(v, 2)} for k, v in budget.price_by_deliverable.items()
    ]
    tables = {
        "bookings": plan.bookings_frame(),
        "tasks": plan.tasks_frame(),
        "promises": plan.promises_frame(),
        "budget": pd.DataFrame(budget_rows, columns=["item", "amount"]),
        "budget_by_deliverable": pd.DataFrame(by_deliverable, columns=["deliverable", "price"]),
    }
    if audience == AGENCY:
        tables["utilisation"] = plan.utilisation_frame()
    if changes:
        tables["changes_from_brief"] = pd.DataFrame({"change": changes})
    return tables


def readable_headers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its column names as words: the header row of every plan CSV, the same
    as the XLSX sheet's (:func:`planner.xlsx_format.format_sheet` uses the same
    :func:`~planner.wording.readable_key`)."""
    return frame.rename(columns=lambda name: readable_key(str(name)))


def plan_csv_text(frame: pd.DataFrame) -> str:
    """One plan table as CSV text: readable headers, cells safe from formula injection."""
    return str(readable_headers(safe_frame(frame)).to_csv(index=False))


def write_plan_tables(
    plan: Plan, out_dir: Path, audience: Audience = "client", changes: list[str] | None = None
) -> list[Path]:
    """Write ``<table>.csv`` for every table and ``plan.xlsx`` with one sheet each.

    Returns
    -------
    list of Path
        The files written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    tables = plan_tables(plan, audience, changes)
    for name, frame in tables.items():
        path = out_dir / f"{name}.csv"
        path.write_text(plan_csv_text(frame), encoding="utf-8", newline="")
        written.append(path)
    workbook = out_dir / "plan.xlsx"
    workbook.write_bytes(plan_xlsx_bytes(plan, tables))
    written.append(workbook)
    return written


def plan_xlsx_bytes(
    plan: Plan,
    tables: dict[str, pd.DataFrame] | None = None,
    audience: Audience = "client",
    changes: list[str] | None = None,
) -> bytes:
    """Every plan table in one formatted XLSX workbook, one sheet per table.

    Parameters
    ----------
    plan
        The plan to write.
    tables
        Its :func:`plan_tables`, when the caller already has them.
    audience, changes
        As for :func:`plan_tables` (used when ``tables`` is not given).

    Returns
    -------
    bytes
        The workbook: readable headers, frozen header row, column widths, date, money,
        hours and percent formats (:func:`planner.xlsx_format.format_sheet`).
    """
    buffer = io.BytesIO()
    tables = tables if tables is not None else plan_tables(plan, audience, changes)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            safe = safe_frame(frame)
            safe.to_excel(writer, sheet_name=name, index=False)
            format_sheet(writer.sheets[name], safe, plan.currency)
    return buffer.getvalue()
