"""The app on a laptop screen and on a projector: the verdict is in the first screenful and
nothing needs sideways scrolling."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.support.app_server import open_app, show_tab

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),  # pytest-playwright 0.10
]

SCREENS = {"laptop": (1280, 720), "projector": (1920, 1080)}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_verdict_first_and_no_sideways_scrolling(
    page: Page, app_url: str, screenshots: Path, screen: str
) -> None:
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, app_url)
    verdict = page.locator('[data-testid="stAlert"]').first
    box = verdict.bounding_box()
    assert box is not None and box["y"] + box["height"] <= height, box
    for tab in ("Promises", "Gantt", "Utilisation", "Budget"):
        show_tab(page, tab)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{tab} scrolls sideways by {overflow} px on a {screen} screen"
    show_tab(page, "Promises")
    page.screenshot(path=str(screenshots / f"screen-{screen}.png"))
