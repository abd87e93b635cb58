"""Keeping the gettext catalogues in step with the source (used by a script and a test).

:func:`source_messages` extracts every ``_()``, ``N_()`` and ``ngettext()`` message from
the source folders of a gettext domain (:data:`planner.i18n.DOMAINS`) with Babel;
:func:`update_catalogue` rewrites a language's ``.po`` file
with exactly those messages, keeping existing translations and leaving new ones empty.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_from_dir
from babel.messages.pofile import read_po, write_po

from planner.i18n import DOMAIN, DOMAINS, catalogue_path

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}

Message = str | tuple[str, str]


def _extracted(source: Path):
    if source.is_dir():
        yield from extract_from_dir(
            str(source), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
        return
    with source.open("rb") as handle:
        for _line, message, _comments, _context in extract("python", handle, keywords=KEYWORDS):
            yield str(source), _line, message, _comments, _context


def source_messages(domain: str = DOMAIN) -> dict[str, Message]:
    """Every translatable message of ``domain``'s sources: msgid → msgid (or (singular, plural))."""
    found: dict[str, Message] = {}
    for source in DOMAINS[domain]:
        for _file, _line, message, _comments, _context in _extracted(ROOT / source):
            key = message if isinstance(message, str) else message[0]
            found[key] = message if isinstance(message, str) else (message[0], message[1])
    return found


def read_catalogue(lang: str, domain: str = DOMAIN) -> Catalog:
    """The ``.po`` catalogue of ``lang`` in ``domain`` as a Babel :class:`Catalog`."""
    with catalogue_path(lang, domain).open("rb") as handle:
        return read_po(handle, locale=lang)


def update_catalogue(
    lang: str, messages: dict[str, Message] | None = None, domain: str = DOMAIN
) -> Path:
    """Rewrite ``lang``'s ``.po`` of ``domain`` with exactly the source messages, keeping
    translations."""
    messages = source_messages(domain) if messages is None else messages
    path = catalogue_path(lang, domain)
    old = read_catalogue(lang, domain) if path.is_file() else Catalog(locale=lang)
    catalog = Catalog(locale=lang, domain=domain, project="sla-planner", fuzzy=False)
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
