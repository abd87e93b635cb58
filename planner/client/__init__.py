"""Client mode: a client checks a brief's budget and timeline with market rates, no agency data.

See ``docs/client-mode.md``. Entry points: :func:`load_brief`, :func:`load_rate_card`,
:func:`check_brief` and :func:`render_answer`; :func:`with_team` turns a brief into a full
agency scenario.
"""

from planner.client.answer import ClientAnswer, check_brief
from planner.client.model import ClientBrief, Deliverable, Estimate, RateCard, RoleRate
from planner.client.reading import (
    brief_from_bytes,
    load_brief,
    load_rate_card,
    rate_card_from_bytes,
)
from planner.client.scenario import brief_from_scenario, market_scenario, with_team
from planner.client.text import answer_lines, render_answer
from planner.i18n import LANGUAGES, texts

__all__ = [
    "LANGUAGES",
    "ClientAnswer",
    "ClientBrief",
    "Deliverable",
    "Estimate",
    "RateCard",
    "RoleRate",
    "answer_lines",
    "brief_from_bytes",
    "brief_from_scenario",
    "check_brief",
    "load_brief",
    "load_rate_card",
    "market_scenario",
    "rate_card_from_bytes",
    "render_answer",
    "texts",
    "with_team",
]
