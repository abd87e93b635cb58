"""How the project runs Debian's Chromium headless: one set of flags for every use.

:mod:`planner.report.static` prints reports to PDF with it and :mod:`tests.support.app_server` hands
the same flags to Playwright for the browser tests and screenshots. Nothing here downloads a
browser.
"""

from __future__ import annotations

HEADLESS_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""No display, sandbox, GPU or shared memory, and no network traffic of its own."""
