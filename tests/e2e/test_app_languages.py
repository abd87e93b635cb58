"""The agency app in a real browser: Finnish and Polish, the choice kept across pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.support.app_server import open_app

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),  # pytest-playwright 0.10
]

LANGUAGE_NAMES = {"en": "English", "fi": "Suomi", "pl": "Polski"}


def choose_language(page: Page, lang: str) -> None:
    """Pick a language in the sidebar selector."""
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=LANGUAGE_NAMES[lang], exact=True).click()


def test_the_agency_app_in_finnish_and_polish_across_pages(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    choose_language(page, "fi")
    page.get_by_text("Pidetyt lupaukset").first.wait_for(timeout=60_000)
    assert page.get_by_role("button", name="Tarkista toimeksianto").is_visible()
    assert page.get_by_role("tab", name="Syyt ja korjaukset").is_visible()
    # the translated choices keep their value (the browser is told their new words)
    assert page.get_by_role("radio", name="Esimerkki").is_checked()
    page.get_by_role("link", name="Risk").click()
    page.get_by_text("Kuinka varmoja olemme?").first.wait_for(timeout=60_000)
    choose_language(page, "pl")
    page.get_by_text("Jak bardzo jesteśmy pewni?").first.wait_for(timeout=30_000)
    page.get_by_role("link", name="streamlit app").click()
    page.get_by_text("Dotrzymane obietnice").first.wait_for(timeout=60_000)
    assert page.get_by_role("button", name="Sprawdź brief").is_visible()
    assert page.get_by_role("radio", name="Przykład").is_checked()
