"""Catalogues complete and in step with the source; dates, numbers and money per locale."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest

from planner.i18n import DOMAINS, LANGUAGES, Texts, language_from_locale, texts
from planner.i18n.catalogues import read_catalogue, source_messages

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("domain", sorted(DOMAINS))
@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_has_exactly_the_source_messages_all_translated(lang, domain):
    source = source_messages(domain)
    catalog = read_catalogue(lang, domain)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert not set(source) - ids, f"untranslated (missing from {lang}.po): {set(source) - ids}"
    assert not ids - set(source), f"unused messages in {lang}.po: {ids - set(source)}"
    for message in catalog:
        if not message.id:
            continue
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(forms), f"{lang}: empty translation of {message.id!r}"
        assert not message.fuzzy, f"{lang}: fuzzy translation of {message.id!r}"
        singular = message.id if isinstance(message.id, str) else message.id[0]
        for form in forms:
            assert fields(form) == fields(singular), f"{lang}: placeholders differ in {form!r}"


def test_source_has_enough_messages_for_the_test_to_mean_something():
    assert len(source_messages()) > 80


def test_polish_plural_forms():
    words = Texts("pl")
    late = [
        words.ngettext("{days} working day late", "{days} working days late", n).format(days=n)
        for n in (1, 3, 5)
    ]
    assert late == [
        "1 dzień roboczy opóźnienia",
        "3 dni robocze opóźnienia",
        "5 dni roboczych opóźnienia",
    ]


@pytest.mark.parametrize(
    ("lang", "money", "day"),
    [
        ("en", "€18,400", "March 26, 2027"),
        ("fi", "18\xa0400\xa0€", "26. maaliskuuta 2027"),
        ("pl", "18\xa0400\xa0€", "26 marca 2027"),
    ],
)
def test_money_and_dates_follow_the_locale(lang, money, day):
    words = Texts(lang)
    assert words.money(18400.4, "EUR") == money
    assert words.date(date(2027, 3, 26)) == day


def test_language_from_the_environment(monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    assert language_from_locale() == "fi"
    monkeypatch.setenv("LC_ALL", "pl_PL.UTF-8")
    assert language_from_locale() == "pl"
    monkeypatch.setenv("LANGUAGE", "de:en")
    assert language_from_locale() == "en"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="use one of en, fi, pl"):
        texts("de")


def test_no_stale_compiled_catalogue_is_shipped():
    # The .po files are compiled when first used, so no .mo file can disagree with them.
    from planner.i18n import LOCALE_DIR

    assert not list(LOCALE_DIR.rglob("*.mo"))
    assert re.search(
        r"Plural-Forms: nplurals=3", (LOCALE_DIR / "pl/LC_MESSAGES/planner.po").read_text()
    )
