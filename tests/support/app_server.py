"""Run the Streamlit app for real: a local server and the browser steps that drive it.

Shared by ``tests/e2e/`` and ``scripts/screenshots.py`` so both launch the app and Debian's
Chromium the same, measured way (see ``STACK.md``): ``python -m streamlit run`` on 127.0.0.1
with a free port, ready when ``/_stcore/health`` answers ``ok``. The server runs in a
subprocess; this module imports neither Streamlit nor Playwright.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planner.report.chromium import HEADLESS_FLAGS

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_SCRIPT = REPO_ROOT / "streamlit_app.py"

CHROMIUM_PATH = "/usr/bin/chromium"
"""Debian's Chromium; never ``playwright install`` (it downloads and fails offline)."""

CHROMIUM_ARGS: tuple[str, ...] = HEADLESS_FLAGS
"""The arguments Playwright starts Chromium with (those of :mod:`planner.report.chromium`)."""


def chromium_available(path: str = CHROMIUM_PATH) -> bool:
    """True when the Chromium executable exists and can be run."""
    return os.access(path, os.X_OK)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    """Poll ``<url>/_stcore/health`` until it answers ``ok``.

    Raises
    ------
    RuntimeError
        When the server exits or is not healthy within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit at {url} was not healthy within {timeout:g} s")


@contextmanager
def running_app(
    script: Path = APP_SCRIPT, log: Path | None = None, timeout: float = 60.0
) -> Iterator[str]:
    """Run ``streamlit run script`` on a free local port; yields the base URL.

    Parameters
    ----------
    script
        The Streamlit script.
    log
        File for the server's output (discarded when ``None``).
    timeout
        Seconds to wait for the health check.
    """
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    sink = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, cwd=script.parent, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, timeout)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            sink.close()  # type: ignore[union-attr]


# ----------------------------------------------------------------------------- browser steps
# Shared by the browser tests and the screenshot script. ``page`` is a Playwright ``Page``;
# it is used duck-typed, so this module does not import Playwright (a test-only dependency).


def open_app(page: Any, url: str, timeout: float = 60_000) -> None:
    """Open the app and wait until the verdict of the default scenario is on the page."""
    page.goto(url)
    page.get_by_text("Promises kept").first.wait_for(timeout=timeout)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=timeout)


def verdict_text(page: Any) -> str:
    """The verdict box's text: the dates answer, the money answer and how sure we are, one a
    line."""
    return str(page.locator('.st-key-verdict [data-testid="stAlert"]').first.inner_text()).strip()


def show_tab(page: Any, name: str, timeout: float = 30_000) -> Any:
    """Click a tab by its label; waits for its chart when it has one. Returns the panel."""
    page.get_by_role("tab", name=name, exact=True).first.click()
    panel = page.locator('[role="tabpanel"]:visible').first
    if name in ("Gantt", "Budget"):
        panel.locator(".main-svg").first.wait_for(timeout=timeout)
    elif name == "Utilisation":  # a chart for the agency, a note for the client
        panel.locator('.main-svg, [data-testid="stAlert"]').first.wait_for(timeout=timeout)
    return panel


def explain(page: Any, timeout: float = 120_000) -> Any:
    """Open "Why & fixes", press Explain and wait until the whole explanation is shown.

    Returns the tab panel. Diagnosing takes a few seconds (about 5 s on the default sample).
    """
    panel = show_tab(page, "Why & fixes")
    panel.get_by_role("button", name="Explain", exact=True).click()
    panel.get_by_text("Explained in").first.wait_for(timeout=timeout)
    return panel


def edit_cell(page: Any, table: str, row: int, column: str, value: str) -> None:
    """Type ``value`` into one cell of a data editor, as a user does.

    The grid is a canvas: click its first cell, move there with the arrow keys (column widths
    vary with content), open the cell editor (Enter), fill ``.gdg-input`` and press Enter.
    """
    from planner.io import SHEETS

    position = [c.name for c in SHEETS[table]].index(column)
    grid = page.locator(f".st-key-edit_{table}")
    grid.wait_for()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)  # first data cell, below the header
    for _ in range(position):
        page.keyboard.press("ArrowRight")
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    cell = page.locator(".gdg-input")  # an input (numbers) or a textarea (text cells)
    cell.wait_for()
    cell.fill(value)
    page.keyboard.press("Enter")


def screenshot_panel(
    page: Any, path: Path, margin: int = 24, max_height: float | None = None
) -> Path:
    """Screenshot the page from the top down to the end of the visible tab panel.

    ``max_height`` cuts a long panel (pixels from the top), to keep the file small.
    """
    panel = page.locator('[role="tabpanel"]:visible').first
    box = panel.bounding_box()
    width = page.viewport_size["width"]
    bottom = box["y"] + box["height"] + margin if box else page.viewport_size["height"]
    bottom = min(bottom, max_height or bottom)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.mouse.move(width - 5, 5)  # no hover highlight in the picture
    page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": width, "height": bottom})
    return path
