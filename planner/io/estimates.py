"""Three-point estimates in a scenario document: ``hours: {low: 12, likely: 16, high: 30}``.

A task's ``hours`` and a client step's ``client_days`` are either one number or a mapping of
``low``, ``likely`` and ``high``. The choice between the two is a tagged union; the tags
(:data:`ESTIMATE_TAGS`) are dropped from error locations, so a mistake reads
``brief.tasks[3].hours.low`` in YAML and ``sheet tasks, row 5, column hours_low`` in a workbook.
In the table form the range is spread over ``hours``/``hours_low``/``hours_high`` (and the same
for ``client_days``), see :data:`RANGE_COLUMNS`.
"""

from __future__ import annotations

from typing import Any

from planner.io.schema import ESTIMATE_TAGS, RangeIn
from planner.model import ThreePoint

__all__ = ["ESTIMATE_TAGS"]

RANGE_FIELDS = ("hours", "client_days")
RANGE_COLUMNS = ("low", "high")
"""Table form: ``hours_low``/``hours_high`` beside ``hours`` (the likely value)."""


def likely(value: float | RangeIn | None) -> Any:
    """The value the deterministic planner uses: the number itself or the range's ``likely``."""
    return value.likely if isinstance(value, RangeIn) else value  # type: ignore[attr-defined]


def least(value: float | RangeIn | None) -> Any:
    """The smallest value an estimate allows (``low`` of a range)."""
    return value.low if isinstance(value, RangeIn) else value  # type: ignore[attr-defined]


def three_point(value: float | RangeIn | None) -> ThreePoint | None:
    """The model's :class:`ThreePoint` for a range; ``None`` for a single number."""
    if not isinstance(value, RangeIn):
        return None
    return ThreePoint(float(value.low), float(value.likely), float(value.high))  # type: ignore[attr-defined]


def estimate_value(likely_value: float | int, estimate: ThreePoint | None) -> Any:
    """How a model value is written back: the number, or ``{low, likely, high}``."""
    if estimate is None or estimate.low == estimate.high == likely_value:
        return _plain(likely_value)
    return {
        "low": _plain(estimate.low),
        "likely": _plain(likely_value),
        "high": _plain(estimate.high),
    }


def _plain(value: float | int) -> float | int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def join_range_columns(cells: dict[str, Any]) -> dict[str, Any]:
    """A table row's ``hours``/``hours_low``/``hours_high`` cells as one document value."""
    for name in RANGE_FIELDS:
        bounds = {
            key: cells.pop(f"{name}_{key}") for key in RANGE_COLUMNS if f"{name}_{key}" in cells
        }
        if bounds:
            middle = {"likely": cells[name]} if name in cells else {}
            cells[name] = {"low": bounds.get("low"), **middle, "high": bounds.get("high")}
            cells[name] = {key: value for key, value in cells[name].items() if value is not None}
    return cells


def split_range_columns(row: dict[str, Any]) -> dict[str, Any]:
    """A document task as table cells: a range goes to ``hours`` plus ``hours_low/high``."""
    row = dict(row)
    for name in RANGE_FIELDS:
        value = row.get(name)
        if isinstance(value, dict):
            row[name] = value.get("likely")
            for key in RANGE_COLUMNS:
                row[f"{name}_{key}"] = value.get(key)
    return row


def range_column(rest: tuple[Any, ...]) -> str | None:
    """The table column of a path inside a range (``("hours", "low")`` → ``hours_low``)."""
    if len(rest) > 1 and rest[0] in RANGE_FIELDS and rest[1] in RANGE_COLUMNS:
        return f"{rest[0]}_{rest[1]}"
    return None
