"""The agency generator (planner.generate.scenario) and the scale benchmark (bench/scale.py)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bench.scale import loglog_fit, parse_size
from bench.scale_run import parse_cpsat_log
from planner.generate.scenario import generate_agency, role_counts
from planner.model import Scenario
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario, prepare
from planner.validate.rules import assert_valid

REPO = Path(__file__).resolve().parents[2]
SIZES = [(5, 20, 1), (10, 50, 1), (12, 137, 2), (25, 300, 3)]


def _instances(scenario: Scenario) -> int:
    return len(prepare(scenario).instances)


def test_same_seed_gives_an_equal_scenario() -> None:
    assert generate_agency(10, 50, 1, seed=7) == generate_agency(10, 50, 1, seed=7)
    assert generate_agency(10, 50, 1, seed=7) != generate_agency(10, 50, 1, seed=8)


@pytest.mark.parametrize(("people", "tasks", "months"), SIZES)
def test_sizes_match_the_request(people: int, tasks: int, months: int) -> None:
    scenario = generate_agency(people, tasks, months, seed=1)
    assert len(scenario.team) == people
    assert len({p.name for p in scenario.team}) == people
    assert _instances(scenario) == tasks
    holders = {role for p in scenario.team for role in p.roles}
    assert all(t.role in holders for t in scenario.brief.tasks if t.role)
    assert any(t.due for t in scenario.brief.tasks)
    assert any(t.client_days for t in scenario.brief.tasks)


def test_realistic_ingredients() -> None:
    scenario = generate_agency(40, 800, 6, seed=2)  # March to August: covers July
    roles = Counter(p.roles[0] for p in scenario.team)
    assert roles.most_common(1)[0][0] == "designer"
    assert {"copywriter", "developer", "strategist", "art_director"} <= set(roles)
    part_time = [p for p in scenario.team if p.hours_per_week < 37.5]
    assert part_time and all(p.workdays and len(p.workdays) in (3, 4) for p in part_time)
    assert all(
        any(off.start.month in (6, 7) and (off.end - off.start).days >= 11 for off in p.time_off)
        for p in scenario.team
    )
    assert scenario.commitments and all(c.label for c in scenario.commitments)
    recurring = [t for t in scenario.brief.tasks if t.repeat]
    assert any(t.repeat and t.repeat.every == "week" and t.due_within == 2 for t in recurring)
    assert {t.priority for t in scenario.brief.tasks} >= {1, 2, 3}
    assert scenario.calendar.country == "FI"
    assert scenario.start == date(2027, 3, 1)


def test_role_counts_fill_the_important_roles_first() -> None:
    assert sum(role_counts(60).values()) == 60
    five = role_counts(5)
    assert five["designer"] >= 1 and five["developer"] == 1 and five["copywriter"] == 1


def test_reader_round_trip() -> None:
    io = pytest.importorskip("planner.io")
    to_dict = getattr(io, "scenario_to_dict", None)
    from_dict = getattr(io, "scenario_from_dict", None)
    if to_dict is None or from_dict is None:
        pytest.skip("planner.io has no scenario_to_dict/scenario_from_dict yet")
    for people, tasks, months in [*SIZES, (60, 2000, 6)]:
        scenario = generate_agency(people, tasks, months, seed=3)
        assert from_dict(to_dict(scenario)) == scenario


def test_small_generated_scenario_plans_validly() -> None:
    scenario = generate_agency(5, 20, 1)
    plan = plan_scenario(scenario, SolveSettings(time_limit=3))
    assert_valid(scenario, plan)
    assert plan.has_schedule
    assert plan.promises


# --- bench/scale.py ---------------------------------------------------------------------------


def test_parse_size_and_loglog_fit() -> None:
    assert parse_size("25x300x3") == (25, 300, 3)
    fit = loglog_fit([10, 100, 1000], [2 * 10**1.5, 2 * 100**1.5, 2 * 1000**1.5])
    assert fit is not None
    assert math.isclose(fit["b"], 1.5) and math.isclose(fit["a"], 2) and fit["r2"] > 0.999
    assert loglog_fit([10], [1]) is None


def test_parse_cpsat_log() -> None:
    log = [
        "Starting CP-SAT solver v9.15.6755",
        "Starting presolve at 0.06s",
        "Presolved optimization model '': (model_fingerprint: 0x1)",
        "#Variables: 104'053 (#bools: 6'570)",
        "Starting deterministic search at 12.66s with 2 workers and batch size of 0.",
        "#1      27.86s best:0     next:[]         no_lp [hint]",
        "status: OPTIMAL",
        "walltime: 55.7198",
        "deterministic_time: 21.5739",
        "Starting CP-SAT solver v9.15.6755",
        "status: UNKNOWN",
    ]
    first, second = parse_cpsat_log(log)
    assert first.presolve_s == pytest.approx(12.6)
    assert (first.first_solution_s, first.wall_s, first.status) == (27.86, 55.7198, "OPTIMAL")
    assert first.presolved_variables == 104053
    assert second.status == "UNKNOWN" and second.wall_s is None


def test_bench_smoke(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    command = [sys.executable, "bench/scale.py", "--sizes", "10x50x1", "--time-limit", "5"]
    proc = subprocess.run(
        [*command, "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "| size | instances | promises |" in proc.stdout
    assert "| 10x50x1 | 50 |" in proc.stdout
    assert "violations: 0; failed sizes: none" in proc.stdout
    (record,) = json.loads(out.read_text(encoding="utf-8"))["records"]
    assert record["violations"] == 0 and record["heuristic_violations"] == 0
    assert record["status"] in ("OPTIMAL", "FEASIBLE")
    assert record["variables"] > 0 and record["peak_rss_mb"] > 0
