"""Plain-language summaries of a plan: re-exported from :mod:`planner.wording`.

Kept for callers of the earlier name; new code imports :mod:`planner.wording`.
"""

from __future__ import annotations

from planner.wording import money, money_line, verdict_lines, verdict_sentence

__all__ = ["money", "money_line", "verdict_lines", "verdict_sentence"]
