"""Hostile uploads in a real browser (issue 11): markup in names stays text, a dimension bomb
is refused with its message while the current scenario stays, the page never breaks."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from bench.hostile import dimension_bomb
from planner.app.editing import WORD_JOINER
from tests.conftest import DATA_DIR, REPO_ROOT
from tests.support.app_server import open_app, show_tab, verdict_text

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

LUMO = DATA_DIR / "lumo-spring-campaign.yaml"
MARKUP_NAMES = REPO_ROOT / "tests" / "scenarios" / "markup-names.yaml"
TITLE = "![pic](http://127.0.0.1:9/x.png) [click](http://127.0.0.1:9/) <b>bold</b> www.evil.example"


def _bomb(tmp_path: Path) -> Path:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(dimension_bomb())  # every sheet claims, and has a cell at, XFD1048576
    return path


def test_markup_in_an_uploaded_title_is_shown_as_text(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    text = (
        LUMO.read_text(encoding="utf-8")
        .replace("scenario: Lumo oat drink spring campaign", f"scenario: '{TITLE}'")
        .replace("client: Lumo Oat Drinks", "client: '**Lumo** http://127.0.0.1:9/'")
    )
    upload = tmp_path / "markup.yaml"
    upload.write_text(text, encoding="utf-8")
    open_app(page, app_url)
    page.get_by_text("Upload a file").click()
    page.locator('input[type="file"]').set_input_files(upload)
    page.locator("h1", has_text="[click]").first.wait_for(timeout=60_000)  # the upload is shown
    heading = page.locator("h1").first
    assert heading.inner_text().replace(WORD_JOINER, "").strip() == TITLE
    assert heading.locator("img, b").count() == 0  # (Streamlit's own heading anchor is an <a>)
    assert heading.locator('a[href^="http"]').count() == 0
    assert page.locator('img[src*="127.0.0.1:9"], a[href*="127.0.0.1:9"]').count() == 0
    caption = page.get_by_text("Client: **Lumo**").first
    assert caption.locator("a, strong").count() == 0


def test_a_dimension_bomb_is_refused_and_the_current_scenario_stays(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    open_app(page, app_url)
    before = verdict_text(page)
    page.get_by_text("Upload a file").click()
    page.locator('input[type="file"]').set_input_files(_bomb(tmp_path))
    page.get_by_text("cannot be used yet").wait_for(timeout=60_000)
    problems = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "more than 20000 rows" in problems and "Fix:" in problems
    assert verdict_text(page) == before


def test_markup_in_names_is_text_in_the_charts(page: Page, app_url: str) -> None:
    """Names holding links, images and styles reach the Plotly charts as plain text."""
    open_app(page, app_url)
    page.get_by_text("Upload a file").click()
    page.locator('input[type="file"]').set_input_files(MARKUP_NAMES)
    page.locator("h1", has_text="Title link").first.wait_for(timeout=60_000)
    for tab in ("Gantt", "Utilisation", "Budget"):
        panel = show_tab(page, tab)
        markup = 'svg a, svg image, svg [style*="90px"], svg [style*="red"]'
        assert panel.locator(".js-plotly-plot").locator(markup).count() == 0
        assert page.locator('a[href*="127.0.0.1:9"], img[src*="127.0.0.1:9"]').count() == 0
    gantt = show_tab(page, "Gantt")
    labels = gantt.locator(".js-plotly-plot svg text")
    assert labels.filter(has_text="<img src=x onerror=alert(1)>Piotr").count() >= 1
    assert labels.filter(has_text='<a href="http://127.0.0.1:9/person">Aino</a>').count() >= 1
