"""The Risk page in a real browser: simulate the scenario edited on the main page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from planner.app_server import open_app

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),  # pytest-playwright 0.10
]


def test_risk_page_shows_odds_beside_the_promised_dates(
    page: Page, app_url: str, screenshots: Path
) -> None:
    open_app(page, app_url)  # the main page loads the Tundra sample into the session
    page.get_by_role("link", name="Risk").first.click()
    page.get_by_role("button", name="Simulate").click()
    page.get_by_text("promises have at least").first.wait_for(timeout=60_000)
    page.locator(".main-svg").first.wait_for(timeout=30_000)
    assert page.get_by_text("When each promise is done").first.is_visible()
    assert page.get_by_text("Commit to").first.is_visible()
    words_for = page.get_by_role("radiogroup", name="Words for")
    words_for.get_by_text("Client", exact=True).click()
    page.get_by_text("4 in 5 chance by").first.wait_for(timeout=30_000)
    # the agency's P80 price goes once the rerun for the client has finished
    page.get_by_text("P80 price").first.wait_for(state="detached", timeout=30_000)
    page.screenshot(path=str(screenshots / "risk.png"))
