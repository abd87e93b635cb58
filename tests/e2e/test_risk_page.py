"""The Risk page in a real browser: simulate the scenario edited on the main page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.app_server import open_app

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
    # waits, not immediate looks: the page finishes drawing after its first chart
    expect(page.get_by_text("When each promise is done").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Commit to").first).to_be_visible(timeout=30_000)
    words_for = page.get_by_role("radiogroup", name="Words for")
    words_for.get_by_text("Client", exact=True).click()
    page.get_by_text("4 in 5 chance by").first.wait_for(timeout=30_000)
    # The agency's words also say "4 in 5 chance by": wait for the client's to replace them.
    page.get_by_text("P80 price").first.wait_for(state="detached", timeout=30_000)
    assert page.get_by_text("P80 price").count() == 0
    page.screenshot(path=str(screenshots / "risk.png"))
