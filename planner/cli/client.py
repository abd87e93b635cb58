"""``planner check BRIEF --rate-card CARD [--lang fi] [--json]``: the client mode on the CLI.

:mod:`planner.cli.commands` hands over here when ``--rate-card`` is given. Exit codes as for any
check:
0 when the brief is realistic (dates hold and the typical price fits), 1 otherwise, 2 for bad
input (raised as :class:`~planner.io.ScenarioError` and printed by :mod:`planner.cli.commands`).
"""

from __future__ import annotations

import argparse
import json
import sys

from planner.cli import args as cli_args
from planner.client.answer import check_brief
from planner.client.reading import error_text, load_brief, load_rate_card
from planner.client.text import render_answer
from planner.i18n import LANGUAGES, language_from_locale
from planner.io.errors import ScenarioError

EXIT_BAD_INPUT = 2


def add_arguments(check: argparse.ArgumentParser) -> None:
    """The client-mode options of ``planner check``."""
    check.add_argument(
        "--rate-card",
        type=str,
        default=None,
        help="client mode: read SCENARIO as a brief without a team and price it with this "
        "rate card (.yaml or .xlsx, e.g. data/client/rate-card-fi.yaml)",
    )
    check.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        default=None,
        help="language of the answer, the report and the client mode's input errors "
        "(default: from the locale; --json stays language-neutral)",
    )


def run(args: argparse.Namespace) -> int:
    """Check a brief with a rate card and print the answer; returns the exit code."""
    lang = args.lang or language_from_locale()
    try:
        card = load_rate_card(args.rate_card, lang)
        brief = load_brief(args.scenario, lang, card)
    except ScenarioError as error:
        print(error_text(error, lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    answer = check_brief(brief, card, cli_args.solve_settings(args), lang=lang)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        print(render_answer(answer, lang))
    return 0 if answer.verdict == "realistic" else 1
