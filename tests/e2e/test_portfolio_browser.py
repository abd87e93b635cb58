"""The Portfolio page in a real browser: accept the sample brief, see the pipeline heatmap."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.support.app_server import screenshot_panel, show_tab

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),  # pytest-playwright 0.10
]


def test_accept_a_sample_and_see_it_in_the_pipeline(
    page: Page, app_url: str, screenshots: Path
) -> None:
    """The session's private store (``PLANNER_DB``, see tests/conftest.py) starts empty."""
    page.goto(f"{app_url}/Portfolio")
    page.get_by_text("Store: sqlite").first.wait_for(timeout=60_000)
    page.get_by_role("button", name="Accept", exact=True).click()
    page.get_by_text("bookings stored").first.wait_for(timeout=120_000)
    panel = show_tab(page, "Projects")
    panel.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    panel = show_tab(page, "Pipeline")
    panel.locator(".main-svg").first.wait_for(timeout=60_000)
    assert panel.locator(".main-svg").count() >= 2  # by person and by role
    screenshot_panel(page, screenshots / "portfolio-pipeline.png", max_height=1600)
