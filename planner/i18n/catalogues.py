"""Keeping the gettext catalogues in step with the source (used by a script and a test).

:func:`source_messages` extracts every ``_()``, ``N_()`` and ``ngettext()`` message from
``planner/client`` with Babel; :func:`update_catalogue` rewrites a language's ``.po`` file
with exactly those messages, keeping existing translations and leaving new ones empty.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from planner.i18n import DOMAIN, catalogue_path

SOURCE_DIR = Path(__file__).resolve().parents[1] / "client"
"""Where the translated messages live (the client mode; more folders join later)."""
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}

Message = str | tuple[str, str]


def source_messages(source: Path = SOURCE_DIR) -> dict[str, Message]:
    """Every translatable message in ``source``: msgid → msgid (or (singular, plural))."""
    found: dict[str, Message] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(source), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else message[0]
        found[key] = message if isinstance(message, str) else (message[0], message[1])
    return found


def read_catalogue(lang: str) -> Catalog:
    """The ``.po`` catalogue of ``lang`` as a Babel :class:`Catalog`."""
    with catalogue_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


def update_catalogue(lang: str, messages: dict[str, Message] | None = None) -> Path:
    """Rewrite ``lang``'s ``.po`` with exactly the source messages, keeping translations."""
    messages = source_messages() if messages is None else messages
    path = catalogue_path(lang)
    old = read_catalogue(lang) if path.is_file() else Catalog(locale=lang)
    catalog = Catalog(locale=lang, domain=DOMAIN, project="sla-planner", fuzzy=False)
    for key, message in sorted(messages.items()):
        previous = old.get(key)
        string = previous.string if previous is not None and not previous.fuzzy else ""
        if isinstance(message, tuple) and not string:
            string = ("",) * catalog.num_plurals
        catalog.add(message, string)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True)
    return path
