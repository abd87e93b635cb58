"""The agency app's words in the user's language (gettext domain ``app``), without Streamlit.

The app chooses a language per script run (:func:`use_language`, from its sidebar selector);
the app's modules then write ``_("English text")`` and get it in that language. The choice is
a context variable, so two browser sessions running at once each keep their own language.
"""

from __future__ import annotations

from contextvars import ContextVar

from planner.i18n import DEFAULT_LANGUAGE, Texts, check_language

APP_DOMAIN = "app"
"""The gettext domain of the agency app (``planner/i18n/locale/*/LC_MESSAGES/app.po``)."""

_LANGUAGE: ContextVar[str] = ContextVar("app_language", default=DEFAULT_LANGUAGE)


def use_language(lang: str) -> str:
    """Word the app in ``lang`` for the rest of this script run; returns the checked code."""
    code = check_language(lang)
    _LANGUAGE.set(code)
    return code


def language() -> str:
    """The language chosen for this script run (English until one is chosen)."""
    return _LANGUAGE.get()


def words() -> Texts:
    """Translations and Babel formatting (numbers, dates, money) in the chosen language."""
    return Texts(language(), APP_DOMAIN)


def _(message: str) -> str:
    """``message`` in the chosen language."""
    return words().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for ``count`` in the chosen language."""
    return words().ngettext(singular, plural, count)
