"""Write a plan's tables to files: CSV per table and one XLSX workbook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from planner.plan import Plan


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
        frame.to_csv(path, index=False)
        written.append(path)
    workbook = out_dir / "plan.xlsx"
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    written.append(workbook)
    return written
