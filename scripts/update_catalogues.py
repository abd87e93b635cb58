"""Bring the client mode's gettext catalogues in step with the source.

    python scripts/update_catalogues.py            # rewrite fi and pl .po files
    python scripts/update_catalogues.py --fill T.py  # also take translations from a dict file

New messages get an empty translation (the catalogue test then fails until someone
translates them); messages no longer in the source are dropped. ``--fill`` reads a Python
file defining ``T = {msgid: msgstr}`` (plural messages: ``(singular, plural): (forms...)``).
"""

from __future__ import annotations

import argparse
import runpy

from babel.messages.pofile import write_po

from planner.i18n import LANGUAGES, catalogue_path
from planner.i18n.catalogues import read_catalogue, source_messages, update_catalogue


def main() -> None:
    """Update every non-English catalogue; optionally fill translations from files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--fill", nargs="*", default=[], help="LANG=path.py pairs")
    args = parser.parse_args()
    fills = dict(item.split("=", 1) for item in args.fill)
    messages = source_messages()
    for lang in LANGUAGES:
        if lang == "en":
            continue
        update_catalogue(lang, messages)
        if lang in fills:
            catalog = read_catalogue(lang)
            for key, value in runpy.run_path(fills[lang])["T"].items():
                message = catalog.get(key[0] if isinstance(key, tuple) else key)
                if message is not None:
                    message.string = value
            with catalogue_path(lang).open("wb") as handle:
                write_po(handle, catalog, width=100, sort_output=True)
        print(f"updated {catalogue_path(lang)}")


if __name__ == "__main__":
    main()
