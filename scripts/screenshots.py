"""Take the README screenshots of the running app: ``python scripts/screenshots.py``.

Starts ``streamlit run streamlit_app.py`` on a free local port, drives Debian's Chromium with
Playwright and writes ``overview.png``, ``gantt.png``, ``utilisation.png``, ``why.png`` and
``editing.png`` into ``docs/screenshots/`` (each checked to stay under 400 kB); with
``--languages`` it writes the overview in Finnish and in Polish instead (``overview-fi.png``,
``overview-pl.png``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.support.app_server import (  # noqa: E402 - after the sys.path line above
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    chromium_available,
    edit_cell,
    explain,
    open_app,
    running_app,
    screenshot_panel,
    show_tab,
)

MAX_BYTES = 400_000
VIEWPORT = {"width": 1400, "height": 2400}
WHY_HEIGHT = 1500  # the explanation runs on; its top (verdict, causes, alternative A) suffices


def take(out_dir: Path) -> list[Path]:
    """Open the default sample and save one screenshot per main view; returns the files."""
    from playwright.sync_api import sync_playwright

    written = []
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS), headless=True
        )
        page = browser.new_page(viewport=VIEWPORT)
        open_app(page, url)
        written.append(screenshot_panel(page, out_dir / "overview.png"))
        show_tab(page, "Gantt")
        written.append(screenshot_panel(page, out_dir / "gantt.png"))
        # Utilisation by person is for the agency: switch the audience for that view only.
        page.get_by_text("Agency (adds internal cost").click()
        page.get_by_text("Agency only: Internal cost").first.wait_for()
        show_tab(page, "Utilisation")
        written.append(screenshot_panel(page, out_dir / "utilisation.png"))
        page.get_by_text("Client (price, budget, dates)").click()
        page.get_by_text("Agency only: Internal cost").first.wait_for(state="detached")
        explain(page)
        written.append(screenshot_panel(page, out_dir / "why.png", max_height=WHY_HEIGHT))
        show_tab(page, "Edit scenario")
        edit_cell(page, "tasks", 6, "hours", "30")  # key_visual: 90 h → 30 h, not checked yet
        page.get_by_text("not checked yet").wait_for()
        written.append(screenshot_panel(page, out_dir / "editing.png"))
        browser.close()
    return written


LANGUAGE_SHOTS = {"fi": ("Suomi", "Pidetyt lupaukset"), "pl": ("Polski", "Dotrzymane obietnice")}
"""Language → its name in the sidebar selector and a label that shows the page is re-worded."""


def take_languages(out_dir: Path) -> list[Path]:
    """The overview in Finnish and in Polish (``overview-fi.png``, ``overview-pl.png``)."""
    from playwright.sync_api import sync_playwright

    written = []
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS), headless=True
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1500})
        open_app(page, url)
        for lang, (name, label) in LANGUAGE_SHOTS.items():
            page.get_by_text("Language / Kieli / Język").first.wait_for()
            page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
            page.get_by_role("option", name=name).click()
            page.get_by_text(label).first.wait_for()
            page.locator('[data-testid="stDataFrame"]').first.wait_for()
            written.append(screenshot_panel(page, out_dir / f"overview-{lang}.png"))
        browser.close()
    return written


def main(take_shots: Callable[[Path], list[Path]] = take) -> int:
    """Write the screenshots (``take_shots``: the app's, by default); exit code 1 when Chromium
    is missing or a file is too big."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--languages", action="store_true", help="only the Finnish and Polish overviews"
    )
    args = parser.parse_args()
    if not chromium_available():
        print(f"screenshots: {CHROMIUM_PATH} not found (apt-get install chromium)")
        return 1
    status = 0
    for path in (take_languages if args.languages else take_shots)(args.out):
        size = path.stat().st_size
        print(
            f"wrote {path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}"
            f" ({size // 1000} kB)"
        )
        if size >= MAX_BYTES:
            print(f"screenshots: {path.name} is {size // 1000} kB, over {MAX_BYTES // 1000} kB")
            status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
