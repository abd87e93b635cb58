"""Write a plan's tables to files: CSV per table and one formatted XLSX workbook.

What each audience gets (see :mod:`planner.report.audience`): the client's tables never carry
internal cost, margin or utilisation by person; the agency's add them. How the workbook looks
(widths, number formats, frozen header) lives in :mod:`planner.report.xlsx_format`.

Every text cell goes through :func:`planner.safe_cell.safe_frame` (no formula injection).

Headings follow the language (``lang``): the workbook's headers are words in every language
(``Slip days``, ``Myöhässä työpäiviä``); the CSV files keep the column names as identifiers in
English (``slip_days``, for scripts) and carry the translated words in Finnish and Polish.
File and sheet names stay the same in every language.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from planner.i18n import N_
from planner.plan import Plan
from planner.report.audience import margin
from planner.report.xlsx_format import format_sheet
from planner.safe_cell import safe_frame
from planner.wording import AGENCY, Audience, Lang, check_audience, readable_key, words_in

HEADINGS: dict[str, str] = {
    "amount": N_("Amount"),
    "available_hours": N_("Available hours"),
    "booked_hours": N_("Booked hours"),
    "change": N_("Change"),
    "date": N_("Date"),
    "deliverable": N_("Deliverable"),
    "due": N_("Due"),
    "finish": N_("Finish"),
    "hours": N_("Hours"),
    "id": N_("Id"),
    "item": N_("Item"),
    "kind": N_("Kind"),
    "met": N_("Met"),
    "name": N_("Name"),
    "people": N_("People"),
    "person": N_("Person"),
    "price": N_("Price"),
    "priority": N_("Priority"),
    "role": N_("Role"),
    "slip_days": N_("Slip days"),
    "start": N_("Start"),
    "task": N_("Task"),
    "utilisation": N_("Utilisation"),
}
"""The heading of each table column (English: the column name as words)."""


def heading(column: str, lang: Lang = None) -> str:
    """The header of ``column`` in ``lang``: ``slip_days`` → ``Slip days``."""
    if column not in HEADINGS:
        return readable_key(column)
    return words_in(lang).gettext(HEADINGS[column])


def plan_tables(
    plan: Plan,
    audience: Audience = "client",
    changes: list[str] | None = None,
    lang: Lang = None,
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
        Changes from the brief as received (:func:`planner.report.brief_changes.brief_changes`).
    lang
        Language of the budget table's items (default English); column names stay identifiers.
    """
    audience = check_audience(audience)
    _ = words_in(lang).gettext
    budget = plan.budget
    budget_rows = [
        {"item": _("Price"), "amount": budget.price},
        {"item": _("Budget"), "amount": budget.budget},
        {"item": _("Budget minus price"), "amount": budget.gap},
        {"item": _("Fixed costs"), "amount": budget.fixed_costs},
    ]
    if audience == AGENCY:
        budget_rows += [
            {"item": _("Internal cost"), "amount": budget.cost},
            {"item": _("Margin"), "amount": margin(plan)},
        ]
    budget_rows += [
        {"item": _("Role: {role}").format(role=readable_key(k)), "amount": round(v, 2)}
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


def readable_headers(frame: pd.DataFrame, lang: Lang = None) -> pd.DataFrame:
    """``frame`` with its column names as words in ``lang`` (``slip_days`` → ``Slip days``):
    the header row of every plan CSV, the same as the XLSX sheet's."""
    return frame.rename(columns=lambda name: heading(str(name), lang))


def plan_csv_text(frame: pd.DataFrame, lang: Lang = None) -> str:
    """One plan table as CSV text: readable headers, cells safe from formula injection."""
    return str(readable_headers(safe_frame(frame), lang).to_csv(index=False))


def write_plan_tables(
    plan: Plan,
    out_dir: Path,
    audience: Audience = "client",
    changes: list[str] | None = None,
    lang: Lang = None,
    on_file: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Write ``<table>.csv`` for every table and ``plan.xlsx`` with one sheet each, headed in
    ``lang`` (see the module's note on headings).

    ``on_file`` (when given) is called with each file as soon as it is written.

    Returns
    -------
    list of Path
        The files written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    tables = plan_tables(plan, audience, changes, lang)
    for name, frame in tables.items():
        path = out_dir / f"{name}.csv"
        path.write_text(plan_csv_text(frame, lang), encoding="utf-8", newline="")
        written.append(path)
        if on_file is not None:
            on_file(path)
    workbook = out_dir / "plan.xlsx"
    workbook.write_bytes(plan_xlsx_bytes(plan, tables, lang=lang))
    written.append(workbook)
    if on_file is not None:
        on_file(workbook)
    return written


def plan_xlsx_bytes(
    plan: Plan,
    tables: dict[str, pd.DataFrame] | None = None,
    audience: Audience = "client",
    changes: list[str] | None = None,
    lang: Lang = None,
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
    lang
        Language of the headers and the budget items (default English).

    Returns
    -------
    bytes
        The workbook: readable headers, frozen header row, column widths, date, money,
        hours and percent formats (:func:`planner.report.xlsx_format.format_sheet`).
    """
    buffer = io.BytesIO()
    tables = tables if tables is not None else plan_tables(plan, audience, changes, lang)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            safe = safe_frame(frame)
            safe.to_excel(writer, sheet_name=name, index=False)
            headers = [heading(str(column), lang) for column in safe.columns]
            format_sheet(writer.sheets[name], safe, plan.currency, headers)
    return buffer.getvalue()
