"""Plotly figures of a plan: Gantt by person, weekly utilisation heatmap, price against budget.

Used by the Streamlit app and the CLI/report exports alike (no Streamlit here). Colours come from
the Okabe-Ito palette (:data:`PALETTE`), which stays distinguishable with the common
colour-vision deficiencies; late work is always :data:`LATE_COLOUR` (vermillion) and client
steps are hatched. Every chart of a plan without a schedule is an explanatory annotation.
"""

from planner.charts.capacity import budget_chart, utilisation_heatmap, utilisation_table
from planner.charts.gantt import CLIENT_ROW, MILESTONE_ROW, gantt_chart
from planner.charts.style import (
    CLIENT_COLOUR,
    DATE_FORMAT,
    LATE_COLOUR,
    MET_COLOUR,
    OVER_COLOUR,
    PALETTE,
    TASK_COLOURS,
    day_end,
    day_start,
    no_schedule_figure,
)

__all__ = [
    "CLIENT_COLOUR",
    "CLIENT_ROW",
    "DATE_FORMAT",
    "LATE_COLOUR",
    "MET_COLOUR",
    "MILESTONE_ROW",
    "OVER_COLOUR",
    "PALETTE",
    "TASK_COLOURS",
    "budget_chart",
    "day_end",
    "day_start",
    "gantt_chart",
    "no_schedule_figure",
    "utilisation_heatmap",
    "utilisation_table",
]
