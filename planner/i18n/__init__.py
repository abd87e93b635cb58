"""Languages: gettext catalogues (``.po``) and Babel formatting, for every part of the tool.

Messages live in ``planner/i18n/locale/<lang>/LC_MESSAGES/planner.po``, written in English
in the source (``_("…")``, ``N_("…")`` for texts defined ahead of use). The catalogues are
compiled in memory when first used (Babel reads the ``.po`` file), so a fresh ``pip install``
needs no build step and no ``.mo`` file can go stale. Dates, numbers and money are formatted
by Babel with the rules of the chosen locale (``1 234,50 €`` in Finnish, ``1 234,50 €`` in
Polish, ``€1,234.50`` in English).
"""

from __future__ import annotations

import functools
import gettext
import io
import locale
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

LANGUAGES: dict[str, str] = {"en": "English", "fi": "Suomi", "pl": "Polski"}
"""Supported languages: code → the language's own name (for selectors)."""

DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "planner"
"""The client mode's catalogue (the first domain; each part of the tool may have its own)."""

DOMAINS: dict[str, tuple[str, ...]] = {
    DOMAIN: ("planner/client",),
    "errors": ("planner/io",),
    "app": (
        "streamlit_app.py",
        "app_why.py",
        "app_widgets.py",
        "app_editors.py",
        "app_language.py",
        "pages/2_Portfolio.py",
        "pages/3_Risk.py",
        "planner/app",
    ),
    # The words people read about a plan in the CLI, the reports, the exports and the charts
    # (planner.wording and the modules that write sentences with it).
    "words": (
        "planner/wording.py",
        "planner/report/audience.py",
        "planner/cli/plan_text.py",
        "planner/report/page.py",
        "planner/report/text.py",
        "planner/report/layout.py",
        "planner/report/brief_changes.py",
        "planner/report/tables.py",
        "planner/diagnosis/diagnose.py",
        "planner/diagnosis/levers.py",
        "planner/diagnosis/alternative.py",
        "planner/diagnosis/capacity.py",
        "planner/diagnosis/change_text.py",
        "planner/diagnosis/sentences.py",
        "planner/diagnosis/explanation.py",
        "planner/charts",
        "planner/risk/charts.py",
        "planner/risk/words.py",
        "planner/risk/report.py",
    ),
}
"""Gettext domain → the source folders or files (relative to the project root) whose messages it
holds. A domain per part of the tool keeps each ``.po`` file small and reviewable on its own."""


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues without translating it yet."""
    return message


def catalogue_path(lang: str, domain: str = DOMAIN) -> Path:
    """The ``.po`` file of language ``lang`` in gettext ``domain``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


@functools.cache
def _translations(lang: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    path = catalogue_path(lang, domain)
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def check_language(lang: str) -> str:
    """``lang`` when supported; ValueError naming the supported codes otherwise."""
    code = lang.strip().lower()
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return code


def language_from_locale() -> str:
    """The user's language from the environment (``LANGUAGE``, ``LC_ALL``, ``LANG``), or English."""
    candidates = [
        os.environ.get(name, "") for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    ]
    candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        for part in value.split(":"):
            code = part.split(".")[0].split("@")[0]
            if not code or code in ("C", "POSIX"):
                continue
            try:
                language = Locale.parse(code.replace("-", "_")).language
            except (ValueError, UnknownLocaleError):
                continue
            if language in LANGUAGES:
                return language
    return DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Texts:
    """Translated words and locale formatting for one language.

    Use ``_ = texts.gettext`` in a function and write ``_("English text")``.
    """

    lang: str = DEFAULT_LANGUAGE
    domain: str = DOMAIN

    def gettext(self, message: str) -> str:
        """``message`` in this language (itself when there is no translation)."""
        return _translations(self.lang, self.domain).gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The singular or plural form for ``count`` in this language."""
        return _translations(self.lang, self.domain).ngettext(singular, plural, count)

    def money(self, amount: float, currency: str) -> str:
        """``amount`` in whole units of ``currency``, e.g. ``18 400 €`` in Finnish."""
        pattern = Locale.parse(self.lang).currency_formats["standard"].pattern
        whole = re.sub(r"\.0+", "", pattern.split(";")[0])
        return format_currency(
            round(amount), currency, format=whole, locale=self.lang, currency_digits=False
        )

    def number(self, value: float, digits: int = 0) -> str:
        """``value`` rounded to ``digits`` decimals with the locale's separators."""
        return format_decimal(round(value, digits), locale=self.lang)

    def date(self, day: date, width: str = "long") -> str:
        """A date in the locale's ``long`` form, e.g. ``26. maaliskuuta 2027`` or ``March 26,
        2027`` (``medium``: ``26.3.2027``, ``26 mar 2027``, for table columns)."""
        return format_date(day, format=width, locale=self.lang)


def texts(lang: str | None = None, domain: str = DOMAIN) -> Texts:
    """The :class:`Texts` of ``lang`` (default: from the environment's locale) in ``domain``.

    Raises
    ------
    ValueError
        For an unsupported language code.
    """
    return Texts(check_language(lang) if lang else language_from_locale(), domain)
