"""Words for a client meeting: re-exported from :mod:`planner.wording`, the one wording module.

Kept so the diagnosis modules keep their short imports; ``money_text`` is
:func:`planner.wording.money`, so money reads the same here as everywhere else.
"""

from __future__ import annotations

from planner.wording import capitalised, day_text, days_text, hours_text, listing
from planner.wording import money as money_text

__all__ = ["capitalised", "day_text", "days_text", "hours_text", "listing", "money_text"]
