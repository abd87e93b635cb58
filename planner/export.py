"""Write a plan's tables to files: CSV per table and one XLSX workbook.

Every text cell goes through :func:`planner.safe_cell.safe_frame` (no formula injection).
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from planner.plan import Plan
from planner.safe_cell import safe_frame


def plan_tables(plan: Plan) -> dict[str, pd.DataFrame]:
    """The plan's tables by name: bookings, tasks, promises, utilisation, budget."""
    budget = plan.budget
    budget_rows = [
        {"item": "price", "amount": budget.price},
        {"item": "budget", "amount": budget.budget},
        {"item": "gap (budget - price)", "amount": budget.gap},
        {"item": "fixed costs", "amount": budget.fixed_costs},
    ]
    budget_rows += [
        {"item": f"role: {k}", "amount": round(v, 2)} for k, v in budget.price_by_role.items()
    ]
    return {
        "bookings": plan.bookings_frame(),
        "tasks": plan.tasks_frame(),
        "promises": plan.promises_frame(),
        "utilisation": plan.utilisation_frame(),
        "budget": pd.DataFrame(budget_rows, columns=["item", "amount"]),
    }


def write_plan_tables(plan: Plan, out_dir: Path) -> list[Path]:
    """Write ``<table>.csv`` for every table and ``plan.xlsx`` with one sheet each.

    Returns
    -------
    list of Path
        The files written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    tables = plan_tables(plan)
    for name, frame in tables.items():
        path = out_dir / f"{name}.csv"
        safe_frame(frame).to_csv(path, index=False)
        written.append(path)
    workbook = out_dir / "plan.xlsx"
    workbook.write_bytes(plan_xlsx_bytes(plan, tables))
    written.append(workbook)
    return written


def plan_xlsx_bytes(plan: Plan, tables: dict[str, pd.DataFrame] | None = None) -> bytes:
    """Every plan table (bookings, tasks, promises, utilisation, budget) in one XLSX workbook.

    Parameters
    ----------
    plan
        The plan to write.
    tables
        Its :func:`plan_tables`, when the caller already has them.

    Returns
    -------
    bytes
        The workbook, one sheet per table.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in (tables if tables is not None else plan_tables(plan)).items():
            safe_frame(frame).to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()
