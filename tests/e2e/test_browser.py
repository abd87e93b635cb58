"""The app in a real browser: default sample, editing a cell, checking, explaining,
downloading files."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from planner.io import convert
from tests.conftest import DATA_DIR
from tests.support.app_server import (
    edit_cell,
    explain,
    open_app,
    screenshot_panel,
    show_tab,
    verdict_text,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),  # pytest-playwright 0.10
]

KEY_VISUAL_ROW = 6  # tasks table row of key_visual (90 h) in the tundra sample


def test_default_sample_views(page: Page, app_url: str, screenshots: Path) -> None:
    open_app(page, app_url)
    lines = verdict_text(page).splitlines()
    assert lines[0].startswith("4 of 8 promises cannot be kept with this team")
    assert "over budget (price 43,810 EUR, budget 38,000 EUR)" in lines[1]
    assert page.get_by_text("30-second launch video").first.is_visible()  # the worst slip
    screenshot_panel(page, screenshots / "overview.png")
    for tab, name in [("Gantt", "gantt"), ("Budget", "budget")]:
        panel = show_tab(page, tab)
        assert panel.locator(".main-svg").first.is_visible()
        screenshot_panel(page, screenshots / f"{name}.png")
    show_tab(page, "Export")
    screenshot_panel(page, screenshots / "export.png")


def test_editing_hours_in_the_grid_changes_the_verdict(
    page: Page,
    app_url: str,
    screenshots: Path,
) -> None:
    open_app(page, app_url)
    before = verdict_text(page)
    show_tab(page, "Edit scenario")
    edit_cell(page, "tasks", KEY_VISUAL_ROW, "hours", "30")
    page.get_by_text("not checked yet").wait_for()
    screenshot_panel(page, screenshots / "editing.png")
    page.get_by_role("button", name="Check the brief").click()
    page.get_by_text("Within budget (price").first.wait_for()
    after = verdict_text(page)
    assert after != before and "budget 38,000 EUR)" in after


def test_why_and_fixes_explains_the_broken_promises(
    page: Page, app_url: str, screenshots: Path
) -> None:
    open_app(page, app_url)
    panel = explain(page)
    cause = panel.get_by_text("Product page build cannot be ready by 30 Apr 2027").first
    assert cause.is_visible()
    assert panel.get_by_text("capacity", exact=True).first.is_visible()
    assert panel.get_by_role("button", name="Apply this alternative").count() >= 2
    screenshot_panel(page, screenshots / "why.png")


def test_downloads_are_valid_files(page: Page, app_url: str, tmp_path: Path) -> None:
    open_app(page, app_url)
    show_tab(page, "Export")
    files = {}
    for label in ("Gantt PNG", "Report PDF", "Report HTML"):
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name=label, exact=True).click()
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
        files[label] = target
    assert files["Gantt PNG"].name.endswith("-gantt.png")
    assert files["Gantt PNG"].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert files["Report PDF"].read_bytes().startswith(b"%PDF-")
    page_text = files["Report HTML"].read_text(encoding="utf-8")
    assert page_text.lstrip().lower().startswith("<!doctype html")
    assert "4 of 8 promises cannot be kept with this team" in page_text


def test_uploads_a_broken_file_then_a_workbook(page: Page, app_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("scenario: x\nstart: 2027-13-01\nteam: []\n", encoding="utf-8")
    workbook = tmp_path / "lumo.xlsx"
    convert(DATA_DIR / "lumo-spring-campaign.yaml", workbook)
    open_app(page, app_url)
    before = verdict_text(page)
    page.get_by_text("Upload a file").click()
    page.locator('input[type="file"]').set_input_files(broken)
    page.get_by_text("cannot be used yet").wait_for()
    problems = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "'2027-13-01' is not a real calendar date" in problems and "Fix:" in problems
    assert verdict_text(page) == before  # the previous scenario still answers
    page.locator('input[type="file"]').set_input_files(workbook)
    page.get_by_text("Can be delivered as promised (all 7 promised dates kept)").first.wait_for()
