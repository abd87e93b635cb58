"""The "I am a client" page in a real browser: check the sample brief, switch languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),  # pytest-playwright 0.10
]

LANGUAGE_NAMES = {"en": "English", "fi": "Suomi", "pl": "Polski"}
TOP = {"x": 0, "y": 0, "width": 1400, "height": 1150}  # the answer; the rest is empty


def choose_language(page: Page, lang: str) -> None:
    """Pick a language in the sidebar selector."""
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=LANGUAGE_NAMES[lang], exact=True).click()


def test_a_client_checks_the_sample_brief_in_three_languages(
    page: Page, app_url: str, screenshots: Path
) -> None:
    page.goto(f"{app_url}/Client")
    page.get_by_text("Language / Kieli / Język").first.wait_for(timeout=60_000)
    choose_language(page, "en")
    page.get_by_role("button", name="Check my brief").click()
    page.get_by_text("NOT REALISTIC").first.wait_for(timeout=60_000)
    page.get_by_role("heading", name="Dates").wait_for(timeout=30_000)  # the page streams in
    assert page.get_by_role("heading", name="Money").is_visible()
    page.get_by_text("Price: €18,920 – €51,940, typical €31,020.").wait_for(timeout=30_000)
    assert page.get_by_text("team", exact=True).count() == 0  # no agency data asked for
    page.screenshot(path=str(screenshots / "client-en.png"), clip=TOP)
    choose_language(page, "fi")
    page.get_by_role("heading", name="Aikataulu").wait_for(timeout=30_000)
    assert page.get_by_text("EI REALISTINEN").first.is_visible()
    page.screenshot(path=str(screenshots / "client-fi.png"), clip=TOP)
    choose_language(page, "pl")  # the same answer in Polish, then the Polish samples
    page.get_by_text("NIEREALNE").first.wait_for(timeout=30_000)
    page.get_by_text("Przykładowy cennik: Polska (poglądowy)").click()
    page.get_by_role("button", name="Sprawdź mój brief").click()
    page.get_by_role("heading", name="Terminy").wait_for(timeout=60_000)
    page.get_by_text("Cena: 37\xa0200\xa0zł").first.wait_for(timeout=30_000)
    page.screenshot(path=str(screenshots / "client-pl.png"), clip=TOP)
