"""What the "I am a client" app page shows, without Streamlit: words, samples and the check.

``pages/1_Client.py`` is a thin layer of widgets over these functions, so everything it says
is translated through the same catalogues as the CLI and tested without a browser.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from planner.client.answer import ClientAnswer, check_brief
from planner.client.reading import brief_from_bytes, issue_text, rate_card_from_bytes
from planner.client.text import AnswerText, answer_lines
from planner.i18n import texts
from planner.io.errors import ScenarioError
from planner.planning import SolveSettings

DATA_DIR = Path(__file__).resolve().parents[1] / "samples" / "client"
"""Sample briefs and rate cards: ``data/client`` in the repository, shipped in the package too."""
SAMPLE_CARDS: dict[str, str] = {"fi": "rate-card-fi.yaml", "pl": "rate-card-pl.yaml"}
SAMPLE_BRIEFS: dict[str, str] = {"fi": "brief-fi.yaml", "pl": "brief-pl.yaml"}


def page_words(lang: str) -> dict[str, str]:
    """The page's fixed words in ``lang``, by key."""
    _ = texts(lang).gettext
    return {
        "title": _("I am a client: is my brief realistic?"),
        "intro": _(
            "Check your brief's budget and timeline at market rates, before you send it out. "
            "No agency data is needed: a rate card stands in for the agency."
        ),
        "language": _("Language"),
        "brief": _("Your brief (.yaml or .xlsx)"),
        "card": _("Rate card (.yaml or .xlsx)"),
        "sample_brief": _("Use the sample brief"),
        "sample_card_fi": _("Sample rate card: Finland (illustrative)"),
        "sample_card_pl": _("Sample rate card: Poland (illustrative)"),
        "own_card": _("My own rate card"),
        "check": _("Check my brief"),
        "money": _("Money"),
        "dates": _("Dates"),
        "waiting": _("Choose a brief and a rate card, then press the button."),
        "cannot": _("This cannot be checked yet:"),
    }


@dataclass(frozen=True)
class PageResult:
    """A check's outcome for the page: the answer and its words, or the input problems."""

    answer: ClientAnswer | None
    words: AnswerText | None
    problems: tuple[str, ...]


def sample_bytes(kind: str, market: str) -> tuple[bytes, str]:
    """The bundled sample ``kind`` (``card`` or ``brief``) for ``market`` (fi or pl)."""
    name = (SAMPLE_CARDS if kind == "card" else SAMPLE_BRIEFS)[market]
    return (DATA_DIR / name).read_bytes(), name


def input_key(brief: tuple[bytes, str], card: tuple[bytes, str]) -> str:
    """A fingerprint of the two inputs: an answer is shown only for the inputs it was made for."""
    digest = hashlib.sha256()
    for content, name in (brief, card):
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def check_uploads(
    brief: tuple[bytes, str],
    card: tuple[bytes, str],
    lang: str,
    time_limit: float = 5.0,
) -> PageResult:
    """Read both files and check the brief; input problems come back as sentences in ``lang``."""
    try:
        rate_card = rate_card_from_bytes(card[0], card[1], lang)
        client_brief = brief_from_bytes(brief[0], brief[1], lang, rate_card)
    except ScenarioError as error:
        return PageResult(None, None, tuple(issue_text(i, lang) for i in error.issues))
    answer = check_brief(client_brief, rate_card, SolveSettings(time_limit=time_limit), lang=lang)
    return PageResult(answer, answer_lines(answer, lang), ())
