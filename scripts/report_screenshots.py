"""Screenshots of the report's first page in Finnish and Polish: ``python
scripts/report_screenshots.py``.

Plans the Tundra sample, writes the client report (:func:`planner.report.report_html`) in each
language and photographs its first A4 page with Debian's Chromium (Playwright), into
``docs/screenshots/report-fi.png`` and ``report-pl.png`` (each checked to stay under 400 kB
by ``scripts/screenshots.py``'s ``main``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from planner.io import load_scenario  # noqa: E402
from planner.planning import (  # noqa: E402
    SolveSettings,
    plan_scenario,
)
from planner.report import report_html  # noqa: E402
from tests.support.app_server import CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402

SAMPLE = REPO_ROOT / "data" / "tundra-product-launch.yaml"
A4_PX = {"width": 794, "height": 1123}  # 210 × 297 mm at 96 px per inch
LANGUAGES = ("fi", "pl")


def take(out_dir: Path, languages: tuple[str, ...] = LANGUAGES) -> list[Path]:
    """Write one PNG of the report's first page per language; returns the files."""
    from playwright.sync_api import sync_playwright

    scenario = load_scenario(SAMPLE)
    plan = plan_scenario(scenario, SolveSettings(time_limit=5))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS), headless=True
        )
        page = browser.new_page(viewport=A4_PX)
        page.emulate_media(media="print")  # the page as printed: no grey margin around it
        for lang in languages:
            html = Path(tmp) / f"report-{lang}.html"
            html.write_text(report_html(plan, scenario, lang=lang), encoding="utf-8")
            page.goto(html.as_uri())
            path = out_dir / f"report-{lang}.png"
            page.screenshot(path=str(path), clip={"x": 0, "y": 0, **A4_PX})
            written.append(path)
        browser.close()
    return written


if __name__ == "__main__":
    from screenshots import main  # the same checks and messages as the app's screenshots

    raise SystemExit(main(take))
