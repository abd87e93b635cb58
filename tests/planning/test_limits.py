"""Work beyond the planned calendar is undecided, never presented as a proof (issue 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.cli.commands import main
from planner.io.limits import MAX_TEAM
from planner.model import Brief, CalendarSettings, Person, Scenario, Task
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.validate.rules import assert_valid
from planner.wording import verdict_sentence


def test_work_that_outruns_the_calendar_is_undecided_not_impossible() -> None:
    scenario = Scenario(
        title="Too long",
        start=date(2027, 3, 1),
        currency="EUR",
        calendar=CalendarSettings(),
        team=(Person("Aino", ("designer",), 1, bill_rate=10),),  # one hour a week
        brief=Brief(
            client="Acme",
            tasks=(Task("big", role="designer", hours=2000, due=date(2027, 4, 1)),),
        ),
    )
    plan = plan_scenario(scenario, SolveSettings(time_limit=2))
    assert_valid(scenario, plan)
    assert plan.solver_status == "UNKNOWN" and not plan.has_schedule
    sentence = verdict_sentence(plan)
    assert "NO PLAN" not in sentence and "cannot be scheduled" not in sentence  # no proof claimed
    assert "not a proof" in plan.message
    assert "before period" not in plan.message and "activity" not in plan.message


def test_explain_on_ten_thousand_tasks_exits_two_with_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tasks = "\n".join(f"    - {{id: t{i}, role: designer, hours: 1}}" for i in range(10_000))
    path = tmp_path / "huge.yaml"
    path.write_text(
        "scenario: Huge\nstart: 2027-03-01\nteam:\n"
        "  - {name: Aino, roles: [designer], hours_per_week: 37.5, bill_rate: 90}\n"
        f"brief:\n  client: Acme\n  tasks:\n{tasks}\n",
        encoding="utf-8",
    )
    for command in ("explain", "check"):
        assert main([command, str(path), "--time-limit", "1"]) == 2
        err = capsys.readouterr().err
        assert "huge.yaml" in err and "more than the 40,000" in err and "Traceback" not in err


def _team_at_the_limit() -> str:
    """500 designers (the team limit); ``b`` needs 300 h on at most 3 people (100 h each,
    over 13 working days at 7.5 h) after ``a`` (30 h, 4 days), so it cannot be done by its
    promised date, 9 working days after the start: every plan breaks it."""
    team = "\n".join(
        f"  - {{name: P{i}, roles: [designer], hours_per_week: 37.5, bill_rate: 90}}"
        for i in range(MAX_TEAM)
    )
    return (
        f"scenario: Wide\nstart: 2027-03-01\nteam:\n{team}\nbrief:\n  client: Acme\n  tasks:\n"
        "    - {id: a, role: designer, hours: 30, due: 2027-03-05}\n"
        "    - {id: b, role: designer, hours: 300, max_people: 3, due: 2027-03-12, after: [a]}\n"
    )


def _five_years() -> str:
    """A weekly 2-hour task repeated 255 times and a final task due almost 5 years on (the
    horizon limit is 1,830 days)."""
    return (
        "scenario: Long\nstart: 2027-03-01\nteam:\n"
        "  - {name: Aino, roles: [designer], hours_per_week: 37.5, bill_rate: 90}\n"
        "brief:\n  client: Acme\n  tasks:\n"
        "    - {id: weekly, role: designer, hours: 2, repeat: {every: week, count: 255}, "
        "due_within: 2}\n"
        "    - {id: final, role: designer, hours: 10, due: 2032-02-20}\n"
    )


@pytest.mark.parametrize("make", [_team_at_the_limit, _five_years], ids=["team", "horizon"])
def test_explain_near_the_limits_ends_with_its_verdicts_exit_code(
    make, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "near.yaml"
    path.write_text(make(), encoding="utf-8")
    code = main(["explain", str(path), "--time-limit", "1"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Error" not in err
    kept = "Can be delivered as promised" in out
    assert code == (0 if kept else 1), out + err
    if make is _team_at_the_limit:
        assert code == 1 and ("cannot be kept" in out or "No plan" in out)
