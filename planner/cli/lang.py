"""The CLI's ``--lang`` for commands that read scenario files: their input errors in that language.

``planner check`` takes ``--lang`` already (client mode and the human output); commands that only
read and write files (``convert``) get it here, so every error the readers report can be shown in
English, Finnish or Polish with the same location (file, sheet/row or YAML path, field).
"""

from __future__ import annotations

import argparse

from planner.i18n import LANGUAGES, language_from_locale


def add_lang_option(
    command: argparse.ArgumentParser, what: str = "language of input error messages"
) -> None:
    """Add ``--lang {en,fi,pl}`` (default: the locale's language) to ``command``; ``what``
    says what it changes in the help."""
    command.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        default=None,
        help=f"{what} (default: from the locale)",
    )


def error_language(args: argparse.Namespace) -> str:
    """The language of input errors: ``--lang`` if the command has one, else the locale's."""
    lang = getattr(args, "lang", None)
    return lang if lang in LANGUAGES else language_from_locale()
