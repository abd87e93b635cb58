"""Chart content: Gantt bars and markers, utilisation heatmap numbers, budget line, no-schedule."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

import plotly.graph_objects as go
import pytest

from planner.charts import (
    CLIENT_ROW,
    LATE_COLOUR,
    MET_COLOUR,
    OVER_COLOUR,
    PALETTE,
    budget_chart,
    day_end,
    day_start,
    gantt_chart,
    utilisation_heatmap,
    utilisation_table,
)
from planner.model import DateRange, Person, Scenario, Task
from planner.plan import BudgetCheck, Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.validate.rules import assert_valid
from tests.charts.conftest import dana_plan
from tests.conftest import tiny_scenario

MARKER_TRACES = {"Promised date", "Planned finish (on time)", "Planned finish (late)"}
SPECIAL_BARS = {"Client step", "Late (after promised date)"}
AWAY_BARS = {"Time off", "Public holiday", "Not a working day"}


@pytest.fixture(scope="module")
def tiny_plan() -> tuple[Scenario, Plan]:
    """The design due Thursday needs all of Mon–Thu, so the copy lands on Friday: by hand, week
    of 1 March has 37.5 h free and 33 h booked; by role each role gets 18.75 h, design books
    30 h (160 %).
    """
    return dana_plan(date(2027, 3, 4))


def _bars(fig: go.Figure) -> list[go.Bar]:
    return [t for t in fig.data if t.type == "bar"]


def _trace(fig: go.Figure, name: str):
    matches = [t for t in fig.data if t.name == name]
    assert len(matches) == 1, f"expected one trace {name!r}, found {[t.name for t in fig.data]}"
    return matches[0]


def _end(base: str, length_ms: float) -> datetime:
    return datetime.fromisoformat(base) + timedelta(milliseconds=length_ms)


def _bar_days(bar: go.Bar, i: int) -> set[date]:
    """The calendar days bar ``i`` of a trace covers (it starts and ends at midnight)."""
    first = datetime.fromisoformat(bar.base[i])
    days = round(bar.x[i] / 86_400_000)
    return {(first + timedelta(days=k)).date() for k in range(days)}


def test_gantt_bars_cover_exactly_the_booked_days(contract_plan):
    scenario, plan = contract_plan
    fig = gantt_chart(plan, scenario)
    work = [t for t in _bars(fig) if t.name not in AWAY_BARS and t.name != "Client step"]
    assert {t.name for t in work} - SPECIAL_BARS == {
        "Campaign concept",
        "key_visual",
        "weekly_posts",
    }
    drawn: dict[tuple[str, str], set[date]] = defaultdict(set)
    for bar in work:
        for i, (person, label) in enumerate(zip(bar.y, bar.text, strict=True)):
            days = _bar_days(bar, i)
            assert not drawn[label, person] & days  # no day drawn twice
            drawn[label, person] |= days
    booked: dict[tuple[str, str], set[date]] = defaultdict(set)
    for b in plan.bookings:
        booked[plan.task(b.task).name, b.person].add(b.day)
    assert drawn == booked  # every bar is labelled with its task, and only booked days
    assert fig.layout.yaxis.categoryarray[:3] == ("Aino", "Piotr", CLIENT_ROW)
    assert fig.layout.xaxis.tickformat == "%d %b"


def test_gantt_shades_time_off_holidays_and_non_working_days():
    away = Person(
        "Dana",
        ("designer",),
        37.5,
        bill_rate=100,
        time_off=(DateRange(date(2027, 3, 10), date(2027, 3, 11)),),
    )
    scenario = tiny_scenario(
        (Task("draw", role="designer", hours=60, due=date(2027, 3, 19)),), team=(away,)
    )
    plan = plan_scenario(scenario, SolveSettings(time_limit=2))
    assert_valid(scenario, plan)
    fig = gantt_chart(plan, scenario)
    off = _trace(fig, "Time off")
    assert list(off.y) == ["Dana"] and _bar_days(off, 0) == {date(2027, 3, 10), date(2027, 3, 11)}
    weekend = _trace(fig, "Not a working day")
    shaded = set().union(*(_bar_days(weekend, i) for i in range(len(weekend.y))))
    assert {date(2027, 3, 6), date(2027, 3, 7), date(2027, 3, 13), date(2027, 3, 14)} <= shaded
    assert all(d.weekday() >= 5 for d in shaded)
    work = _trace(fig, "draw")
    worked = set().union(*(_bar_days(work, i) for i in range(len(work.y))))
    assert not worked & (shaded | {date(2027, 3, 10), date(2027, 3, 11)})
    assert len(work.y) >= 2  # the week off splits the task into separate bars


def test_every_chart_has_a_title_axis_labels_and_hover(contract_plan):
    scenario, plan = contract_plan
    expected = [
        (gantt_chart(plan, scenario), "Plan by person — Spring launch for Acme", "Date", "Person"),
        (
            utilisation_heatmap(plan, scenario, "person"),
            "Utilisation by person per week — booked share of free hours",
            "Week starting (Monday)",
            "Person",
        ),
        (
            utilisation_heatmap(plan, scenario, "role"),
            "Utilisation by role per week — booked share of free hours",
            "Week starting (Monday)",
            "Role",
        ),
        (
            budget_chart(plan, "role"),
            "Price by role against the budget (EUR)",
            "Role",
            "Price (EUR)",
        ),
    ]
    for fig, title, x_title, y_title in expected:
        assert fig.layout.title.text == title
        assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == (x_title, y_title)
        hover = [t for t in fig.data if t.hovertemplate or t.hovertext is not None]
        assert hover, f"no hover text on {title!r}"


def test_gantt_promise_markers_at_every_promised_date(contract_plan):
    scenario, plan = contract_plan
    fig = gantt_chart(plan, scenario)
    promised = _trace(fig, "Promised date")
    assert list(promised.x) == [day_end(p.due).isoformat() for p in plan.promises]
    assert promised.marker.symbol == "diamond-open"
    on_time = _trace(fig, "Planned finish (on time)")
    assert on_time.marker.color == MET_COLOUR
    assert len(on_time.x) == sum(p.met for p in plan.promises)


def test_gantt_late_work_in_late_colour(contract_plan):
    scenario, plan = contract_plan
    (late_promise,) = plan.broken_promises  # key_visual is 9 working days late
    assert late_promise.task == "key_visual"
    fig = gantt_chart(plan, scenario)
    late = _trace(fig, "Late (after promised date)")
    assert late.marker.color == LATE_COLOUR
    assert set(late.y) == {"Aino"} and set(late.text) == {"key_visual"}  # still named
    late_days = set().union(*(_bar_days(late, i) for i in range(len(late.y))))
    assert min(late_days) > late_promise.due and max(late_days) == late_promise.finish
    on_time_part = _trace(fig, "key_visual")
    on_time = set().union(*(_bar_days(on_time_part, i) for i in range(len(on_time_part.y))))
    assert max(on_time) <= late_promise.due
    assert on_time_part.marker.color != LATE_COLOUR
    finish = _trace(fig, "Planned finish (late)")
    assert finish.marker.color == LATE_COLOUR
    assert list(finish.x) == [day_end(late_promise.finish).isoformat()]
    others = [t for t in fig.data if t.name not in {late.name, finish.name}]
    assert all(getattr(t.marker, "color", None) != LATE_COLOUR for t in others)


def test_gantt_client_steps_hatched_on_client_row(contract_plan):
    scenario, plan = contract_plan
    fig = gantt_chart(plan, scenario)
    client = _trace(fig, "Client step")
    review = plan.task("concept_review")
    assert list(client.y) == [CLIENT_ROW]
    assert client.marker.pattern.shape == "/"
    assert client.base[0] == day_start(review.start).isoformat()
    assert _end(client.base[0], client.x[0]) == day_end(review.finish)
    assert "client step" in client.hovertext[0]
    assert "5 working days" in client.hovertext[0]
    assert all(t.marker.pattern.shape != "/" for t in _bars(fig) if t is not client)


def test_gantt_hover_names_task_person_dates_hours_status(contract_plan):
    scenario, plan = contract_plan
    hover = _trace(gantt_chart(plan, scenario), "key_visual").hovertext[0]
    task = plan.task("key_visual")
    for part in ("key_visual", "Aino", f"{task.start:%d %b}", " h on these days", "9 working"):
        assert part in hover


def test_palette_is_okabe_ito():
    assert len(PALETTE) == 8
    assert LATE_COLOUR in PALETTE and MET_COLOUR in PALETTE


def test_utilisation_by_person_matches_hand_numbers(tiny_plan):
    scenario, plan = tiny_plan
    assert [b.day.weekday() for b in plan.bookings if b.task == "copy"] == [4]
    table = utilisation_table(plan, scenario, "person")
    (row,) = table.to_dict("records")
    assert row["row"] == "Dana" and row["week"] == date(2027, 3, 1)
    assert (row["free_hours"], row["booked_hours"], row["left_hours"]) == (37.5, 33.0, 4.5)
    fig = utilisation_heatmap(plan, scenario, "person")
    heat = fig.data[0]
    assert heat.z[0][0] == pytest.approx(33 / 37.5)
    assert heat.text[0][0] == "88%<br>4.5 h left"
    assert "booked 33.0 h of 37.5 h free" in heat.hovertext[0][0]
    assert "free hours left: 4.5 h" in heat.hovertext[0][0]


def test_utilisation_by_role_marks_over_100(tiny_plan):
    scenario, plan = tiny_plan
    table = utilisation_table(plan, scenario, "role").set_index("row")
    assert table.loc["designer", "free_hours"] == 18.75
    assert table.loc["designer", "booked_hours"] == 30.0
    assert table.loc["copywriter", "share"] == pytest.approx(3 / 18.75)
    heat = utilisation_heatmap(plan, scenario, "role").data[0]
    assert list(heat.y) == ["Designer", "Copywriter"]  # role ids read as words
    assert heat.z[0][0] == pytest.approx(1.6)
    assert heat.text[0][0] == "▲ 160%<br>11.2 h over"
    assert not heat.text[1][0].startswith("▲")
    # the colour scale turns from blue to orange/vermillion exactly at 100 %
    edge = 1 / heat.zmax
    stops = {round(stop, 6): colour for stop, colour in heat.colorscale}
    assert stops[round(edge, 6)] == "#0072B2"
    assert stops[round(edge + 1e-6, 6)] == OVER_COLOUR
    assert heat.colorscale[-1][1] == LATE_COLOUR


def test_utilisation_weeks_add_up_to_plan_totals(contract_plan):
    scenario, plan = contract_plan
    table = utilisation_table(plan, scenario, "person")
    totals = table.groupby("row")[["free_hours", "booked_hours"]].sum()
    for row in plan.utilisation_frame().itertuples():
        assert totals.loc[row.person, "free_hours"] == pytest.approx(row.available_hours)
        assert totals.loc[row.person, "booked_hours"] == pytest.approx(row.booked_hours)
    assert (table["share"].dropna() <= 1 + 1e-9).all()  # a valid plan never overbooks a person


def test_budget_line_at_budget(contract_plan):
    _, plan = contract_plan
    fig = budget_chart(plan, "role")
    (line,) = fig.layout.shapes
    assert line.y0 == line.y1 == 18000
    bars = fig.data[0]
    assert list(bars.x) == [r.replace("_", " ").capitalize() for r in plan.budget.price_by_role] + [
        "Total"
    ]
    assert bars.y[-1] == plan.budget.price
    assert bars.marker.color[-1] == MET_COLOUR
    assert bars.text[-1] == "12,640 EUR"
    assert fig.layout.yaxis.title.text == "Price (EUR)"
    assert any("18,000 EUR" in a.text for a in fig.layout.annotations)


def test_budget_over_budget_total_in_late_colour(tiny_plan):
    _, plan = tiny_plan
    fig = budget_chart(plan, "deliverable")
    bars = fig.data[0]
    assert list(bars.x) == ["draw", "copy", "Total"]
    assert list(bars.y) == [3000, 300, 3300]
    assert bars.marker.color[-1] == LATE_COLOUR
    assert fig.layout.shapes[0].y0 == 1000
    assert bars.text[-1] == "3,300 EUR<br>2,300 EUR over budget"


def test_no_schedule_gives_annotation_not_crash():
    plan = Plan(
        title="nothing",
        currency="EUR",
        solver_status="INFEASIBLE",
        tasks=(),
        bookings=(),
        promises=(),
        budget=BudgetCheck(price=0.0, budget=100.0),
        message="the work does not fit before the horizon",
    )
    scenario = tiny_scenario((Task("a", role="designer", hours=1),))
    figures = [
        gantt_chart(plan, scenario),
        utilisation_heatmap(plan, scenario, "person"),
        utilisation_heatmap(plan, scenario, "role"),
        budget_chart(plan, "role"),
    ]
    for fig in figures:
        assert len(fig.data) == 0
        (note,) = fig.layout.annotations
        assert "No schedule" in note.text and "cannot be scheduled" in note.text
        assert "INFEASIBLE" not in note.text


def test_bad_grouping_is_rejected(tiny_plan):
    scenario, plan = tiny_plan
    with pytest.raises(ValueError, match="person"):
        utilisation_heatmap(plan, scenario, "team")
    with pytest.raises(ValueError, match="deliverable"):
        budget_chart(plan, "month")
