"""Real-browser fixtures: one ``streamlit run`` per session, Debian's Chromium via Playwright.

Without /usr/bin/chromium these tests are skipped locally but fail in CI (``CI=true``): the
browser tests must never silently disappear from a CI run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.app_server import CHROMIUM_ARGS, CHROMIUM_PATH, chromium_available, running_app

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-output" / "screenshots"
VIEWPORT = {"width": 1400, "height": 2400}  # tall: Streamlit scrolls inside its own container


def require_chromium() -> None:
    """Skip without Chromium, except in CI, where a missing browser is a failure."""
    if chromium_available():
        return
    message = f"{CHROMIUM_PATH} not found (apt-get install chromium)"
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"browser tests must run in CI: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium (never a Playwright download)."""
    require_chromium()
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "args": list(CHROMIUM_ARGS),
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A tall viewport (for whole-view screenshots) that accepts downloads."""
    return {**browser_context_args, "viewport": VIEWPORT, "accept_downloads": True}


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The app served by a real ``streamlit run`` on 127.0.0.1 and a free port."""
    require_chromium()
    log = REPO_ROOT / "test-output" / "streamlit-e2e.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with running_app(log=log) as url:
        yield url


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Folder for screenshots of the main views."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
