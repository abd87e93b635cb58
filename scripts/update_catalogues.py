"""Bring the gettext catalogues (every domain) in step with the source.

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

from planner.i18n import DOMAINS, LANGUAGES, catalogue_path
from planner.i18n.catalogues import read_catalogue, source_messages, update_catalogue


def main() -> None:
    """Update every non-English catalogue; optionally fill translations from files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--fill", nargs="*", default=[], help="LANG=path.py pairs")
    parser.add_argument("--domain", action="append", help="only this gettext domain")
    args = parser.parse_args()
    fills = dict(item.split("=", 1) for item in args.fill)
    for domain in args.domain or DOMAINS:
        messages = source_messages(domain)
        for lang in LANGUAGES:
            if lang != "en":
                _update(lang, domain, messages, fills.get(lang))


def _update(lang: str, domain: str, messages: dict, fill: str | None) -> None:
    update_catalogue(lang, messages, domain)
    if fill:
        catalog = read_catalogue(lang, domain)
        for key, value in runpy.run_path(fill)["T"].items():
            message = catalog.get(key[0] if isinstance(key, tuple) else key)
            if message is not None:
                message.string = value
        with catalogue_path(lang, domain).open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True)
    print(f"updated {catalogue_path(lang, domain)}")


if __name__ == "__main__":
    main()
