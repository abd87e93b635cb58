"""What a client is shown, in a real browser: no internal figure, changes from the brief after
Apply, a Gantt that shows time off, metrics that are not cut on a small screen.

Expected figures come from the sample scenario and its plan (planned here the way the app
plans it), not from pinned numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from planner.io import load_scenario
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import DEFAULT_TIME_LIMIT, plan_scenario
from planner.report.audience import booking_labels
from planner.wording import money
from tests.conftest import TUNDRA
from tests.support.app_server import edit_cell, explain, open_app, show_tab, verdict_text

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),  # pytest-playwright 0.10
]


@pytest.fixture(scope="module")
def tundra_plan() -> Plan:
    return plan_scenario(
        load_scenario(TUNDRA), SolveSettings(time_limit=DEFAULT_TIME_LIMIT, seed=0)
    )


def internal_texts(plan: Plan) -> list[str]:
    cost = plan.budget.cost or 0.0
    return [
        "Internal cost",
        "Margin",
        money(cost, plan.currency),
        money(plan.budget.price - cost, plan.currency),
        *booking_labels(load_scenario(TUNDRA)),
    ]


def page_text(page: Page) -> str:
    """Everything the main area shows, with every tab opened in turn."""
    texts = []
    for tab in ("Promises", "Gantt", "Utilisation", "Budget", "Export"):
        show_tab(page, tab) if tab in ("Gantt", "Budget") else page.get_by_role(
            "tab", name=tab, exact=True
        ).first.click()
        texts.append(page.locator('[data-testid="stMain"]').inner_text())
    return "\n".join(texts)


def test_client_audience_shows_no_internal_figure(
    page: Page, app_url: str, tundra_plan: Plan, tmp_path: Path
) -> None:
    open_app(page, app_url)
    client = page_text(page)
    assert money(tundra_plan.budget.price, tundra_plan.currency) in client
    assert [t for t in internal_texts(tundra_plan) if t in client] == []
    show_tab(page, "Export")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Report HTML", exact=True).click()
    report = tmp_path / "report.html"
    download.value.save_as(report)
    html = report.read_text(encoding="utf-8")
    assert [t for t in internal_texts(tundra_plan) if t in html] == []
    # The agency version does show them, so the check above can fail.
    page.get_by_text("Agency (adds internal cost").click()
    page.get_by_text("Agency only: Internal cost").first.wait_for()
    agency = page.locator('[data-testid="stMain"]').inner_text()
    assert money(tundra_plan.budget.cost or 0, tundra_plan.currency) in agency


def test_apply_then_check_lists_the_changes_and_the_original_budget(
    page: Page, app_url: str
) -> None:
    budget = load_scenario(TUNDRA).brief.budget or 0
    open_app(page, app_url)
    panel = explain(page)
    boxes = panel.locator('[class*="st-key-alternative_"]').filter(has_text="Raise the budget by")
    assert boxes.count() >= 1  # an alternative that needs more money says so
    boxes.first.get_by_role("button", name="Apply this alternative").click()
    page.get_by_text("is now in the scenario").first.wait_for()
    page.get_by_role("button", name="Check the brief").click()
    page.get_by_text("Changes from the brief as received").first.wait_for(timeout=60_000)
    assert verdict_text(page).startswith("Can be delivered as promised")
    changes = page.locator('[data-testid="stAlert"]').filter(
        has_text="Changes from the brief as received"
    )
    text = changes.first.inner_text()
    assert f"(as received: {money(budget, 'EUR')})" in text
    assert "Budget raised by" in text


def test_tundra_gantt_shows_the_art_directors_week_off(page: Page, app_url: str) -> None:
    scenario = load_scenario(TUNDRA)
    (director,) = [p for p in scenario.team if "art_director" in p.roles]
    (week_off,) = director.time_off
    open_app(page, app_url)
    panel = show_tab(page, "Gantt")
    traces = panel.locator(".js-plotly-plot").first.evaluate(
        "plot => plot.data.map(t => ({name: t.name, y: t.y, base: t.base, x: t.x}))"
    )
    (off,) = [t for t in traces if t["name"] == "Time off"]
    spans = [
        (base[:10], round(length / 86_400_000))
        for person, base, length in zip(off["y"], off["base"], off["x"], strict=True)
        if person == director.name
    ]
    days = (week_off.end - week_off.start).days + 1
    assert (week_off.start.isoformat(), days) in spans
    assert panel.get_by_text("Time off").first.is_visible()  # in the legend


def test_no_metric_is_cut_at_1024_px(page: Page, app_url: str, tundra_plan: Plan) -> None:
    page.set_viewport_size({"width": 1024, "height": 800})
    open_app(page, app_url)
    metrics = page.locator('[data-testid="stMetric"]')
    assert metrics.count() == 4
    cut = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMetric"] *')]
            .filter(el => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
            .map(el => el.textContent)"""
    )
    assert cut == []
    price = money(tundra_plan.budget.price, tundra_plan.currency)
    value = page.locator('[data-testid="stMetricValue"]').filter(has_text=price).first
    box = value.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1024


def test_cancel_stops_explain_and_keeps_the_edits(page: Page, app_url: str) -> None:
    """Cancel while explaining: the app says so, shows no explanation, and an edit made
    before (not checked yet) is still there and can be checked."""
    open_app(page, app_url)
    before = verdict_text(page)
    show_tab(page, "Edit scenario")
    row = [t.id for t in load_scenario(TUNDRA).brief.tasks].index("key_visual")
    edit_cell(page, "tasks", row, "hours", "30")  # 90 h -> 30 h: the brief then holds
    page.get_by_text("not checked yet").first.wait_for()
    panel = show_tab(page, "Why & fixes")
    panel.get_by_role("button", name="Explain", exact=True).click()
    cancel = page.get_by_role("button", name="Cancel", exact=True)
    cancel.wait_for(timeout=60_000)
    cancel.click()
    page.get_by_text("Explanation cancelled").first.wait_for(timeout=60_000)
    assert page.get_by_text("Explained in").count() == 0
    assert verdict_text(page) == before  # the verdict of the checked brief stands
    show_tab(page, "Edit scenario")
    page.get_by_text("not checked yet").first.wait_for()  # the edit is kept
    page.get_by_role("button", name="Check the brief").click()
    page.get_by_text("Within budget (price").first.wait_for(timeout=60_000)
    assert verdict_text(page) != before
