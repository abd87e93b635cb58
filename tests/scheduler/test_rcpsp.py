"""PSPLIB parser, independent validator, reference methods and the benchmark script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.psplib_data import psplib_folder

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # ``bench`` is a top-level folder, not an installed package
    sys.path.insert(0, str(REPO))

from bench.psplib import sample_rows  # noqa: E402
from bench.references import latest_finish_times, solve_sgs_lft, solve_textbook  # noqa: E402
from planner.scheduler.rcpsp import (  # noqa: E402
    PsplibInstance,
    activity_id,
    check_schedule,
    critical_path_length,
    makespan_of,
    parse_sm,
    read_reference,
    read_sm,
    to_problem,
)

DATA = psplib_folder()


def _instance(name: str) -> PsplibInstance:
    set_name = "j120" if name.startswith("j120") else name[:3]
    return read_sm(DATA / set_name / f"{name}.sm")


@pytest.fixture(scope="module")
def reference() -> dict[str, object]:
    return {row.instance: row for row in read_reference(DATA / "reference.csv")}


# --- parser -----------------------------------------------------------------------------------


def test_parse_j301_1() -> None:
    inst = _instance("j301_1")
    assert inst.name == "j301_1"
    assert inst.n_jobs == 32
    assert inst.resource_names == ("R1", "R2", "R3", "R4")
    assert inst.capacities == (12, 13, 4, 12)
    assert inst.durations[:4] == (0, 8, 4, 6)
    assert inst.demands[1] == (4, 0, 0, 0)
    assert inst.demands[3] == (0, 0, 0, 3)
    assert inst.successors[0] == (2, 3, 4)
    assert inst.successors[1] == (6, 11, 15)
    assert inst.successors[31] == ()
    assert inst.durations[0] == inst.durations[-1] == 0
    assert inst.file_horizon == inst.horizon == 158
    assert critical_path_length(inst) == 38  # MPM-Time in the file


@pytest.mark.parametrize("name", ["j3013_7", "j6021_3", "j12037_9"])
def test_parse_other_files(name: str, reference: dict) -> None:
    inst = _instance(name)
    size = int(name[1:3]) if not name.startswith("j120") else 120
    assert inst.n_jobs == size + 2
    assert len(inst.capacities) == 4
    assert all(len(d) == 4 for d in inst.demands)
    # PSPLIB numbers jobs topologically: every successor has a larger number.
    assert all(s > j for j in inst.jobs for s in inst.successors[j - 1])
    assert critical_path_length(inst) == reference[name].cpm_lower_bound


def test_to_problem(reference: dict) -> None:
    inst = _instance("j301_1")
    problem = to_problem(inst)
    assert problem.objective == "makespan"
    assert problem.horizon == 158
    assert [a.id for a in problem.activities] == [activity_id(j) for j in inst.jobs]
    assert all(len(r.capacity) == 158 for r in problem.resources)
    assert problem.resource("R1").capacity[0] == 12
    job2 = problem.activities[1]
    assert (job2.duration, dict(job2.demands), job2.is_effort) == (8, {"R1": 4}, False)
    assert len(problem.precedences) == sum(len(s) for s in inst.successors)


GOOD = (DATA / "j30/j301_1.sm").read_text() if (DATA / "j30/j301_1.sm").is_file() else ""


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in GOOD
    path = tmp_path / "broken.sm"
    path.write_text(GOOD.replace(old, new, 1))
    return path


P2 = "   2        1          3           6  11  15"
P5 = "   5        1          1          20"
R3 = "  3      1     4      10    0    0    0"
CAPS = "   12   13    4   12"
JOBS = "jobs (incl. supersource/sink ):  32"


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        (P2, P2[:-4], 20, "announces 3 successors but lists 2"),
        (P2, P2.replace("11", " x"), 20, "expected integers in a precedence line"),
        (P5, P5.replace("20", "99"), 23, "invalid successor 99"),
        (P5, P5.replace("5", "6", 1), 23, "expected precedence line of job 5, got job 6"),
        (P5, "   5        3          1          20", 23, "3 modes"),
        (R3, R3[:-5], 57, "and 4 demands, got 6 fields"),
        (CAPS, CAPS[:-5], 90, "expected 4 capacities"),
        (JOBS, JOBS.replace("32", "33"), 51, "table ends after 32 jobs but the header says 33"),
    ],
)
def test_malformed_files(tmp_path: Path, old: str, new: str, line: int, words: str) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(ValueError) as info:
        read_sm(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert words in message


def test_missing_section_and_cycle(tmp_path: Path) -> None:
    cut = GOOD.split("RESOURCEAVAILABILITIES")[0]
    path = tmp_path / "cut.sm"
    path.write_text(cut)
    with pytest.raises(ValueError, match=r"cut\.sm:\d+: missing section 'RESOURCEAVAILABILITIES'"):
        read_sm(path)
    # Job 5 -> 20 exists; add 20 -> 5 to close a cycle.
    p20 = "  20        1          2          23  25"
    cyclic = GOOD.replace(p20, p20.replace("2    ", "3    ") + "   5")
    with pytest.raises(ValueError, match="cycle"):
        parse_sm(cyclic, "cyclic.sm")
    with pytest.raises(ValueError, match=r"empty\.sm:1: header line"):
        parse_sm("", "empty.sm")


# --- validator ----------------------------------------------------------------------------------


def _earliest_starts(inst: PsplibInstance) -> dict[int, int]:
    starts = {j: 0 for j in inst.jobs}
    for job in inst.jobs:  # jobs are numbered topologically
        for succ in inst.successors[job - 1]:
            starts[succ] = max(starts[succ], starts[job] + inst.durations[job - 1])
    return starts


def test_check_schedule_accepts_sgs_and_catches_precedence() -> None:
    inst = _instance("j301_1")
    starts = solve_sgs_lft(inst).starts
    assert check_schedule(inst, starts) == []
    assert check_schedule(inst, {activity_id(j): s for j, s in starts.items()}) == []
    broken = dict(starts)
    broken[32] = 0  # sink before everything
    problems = check_schedule(inst, broken)
    assert problems and all("precedence" in p and "-> 32" in p for p in problems)


def test_check_schedule_catches_capacity() -> None:
    inst = _instance("j301_1")
    starts = _earliest_starts(inst)  # precedence-feasible, ignores resources
    problems = check_schedule(inst, starts)
    assert problems
    assert all("over capacity" in p for p in problems)
    # Jobs 2 (4 units of R1) and 3 (10 units, capacity 12) both start at 0.
    assert any(p.startswith("resource R1 over capacity at period 0: 14 > 12") for p in problems)


def test_check_schedule_missing_and_unknown() -> None:
    inst = _instance("j301_1")
    starts = solve_sgs_lft(inst).starts
    partial = {j: s for j, s in starts.items() if j != 7}
    assert any("no start for jobs [7]" in p for p in check_schedule(inst, partial))
    assert any("unknown jobs [40]" in p for p in check_schedule(inst, {**starts, 40: 0}))
    assert any("not a PSPLIB job key" in p for p in check_schedule(inst, {**starts, "x": 0}))
    assert any("negative" in p for p in check_schedule(inst, {**starts, 1: -1}))


# --- reference methods ------------------------------------------------------------------------


def test_sgs_lft_valid_on_sample(reference: dict) -> None:
    rows = list(reference.values())
    for row in sample_rows(rows, "j30", 48) + sample_rows(rows, "j120", 6):
        inst = read_sm(DATA / row.file)
        lft = latest_finish_times(inst)
        assert lft[-1] == row.cpm_lower_bound
        result = solve_sgs_lft(inst)
        assert check_schedule(inst, result.starts) == []
        assert result.makespan == makespan_of(inst, result.starts) >= row.lower_bound


def test_textbook_reaches_optimum(reference: dict) -> None:
    inst = _instance("j305_3")
    result = solve_textbook(inst, time_limit=5, workers=2, seed=0)
    assert result.status == "OPTIMAL"
    assert result.makespan == reference["j305_3"].best_known_upper_bound == 76
    assert check_schedule(inst, result.starts) == []
    assert result.best_solution_seconds is not None
    assert result.best_solution_seconds <= result.wall_seconds


def test_sample_rows_spread(reference: dict) -> None:
    rows = list(reference.values())
    picked = sample_rows(rows, "j30", 48)
    assert len(picked) == 48
    assert [r.group for r in picked] == list(range(1, 49))
    assert [r.number for r in picked[:12]] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2]
    assert sample_rows(rows, "j30", 48) == picked  # deterministic
    assert len(sample_rows(rows, "j120", 6)) == 6
    assert len(sample_rows(rows, "j60", 0)) == 480


# --- production core ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["j301_1", "j305_3", "j3041_1"])
def test_core_reaches_known_optimum(name: str, reference: dict) -> None:
    from planner.scheduler import solve

    row = reference[name]
    assert row.optimal
    inst = read_sm(DATA / row.file)
    result = solve(to_problem(inst), time_limit=5, seed=0, workers=2)
    assert result.status == "OPTIMAL", result.message
    assert result.schedule is not None
    assert check_schedule(inst, result.schedule.start) == []
    assert makespan_of(inst, result.schedule.start) == result.makespan == row.lower_bound


# --- benchmark script ---------------------------------------------------------------------------


def test_bench_smoke(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [
            sys.executable,
            "bench/psplib.py",
            "--sets",
            "j30",
            "--sample",
            "2",
            "--time-limit",
            "2",
            "--json",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "| set | method | n |" in proc.stdout
    assert "| j30 | core | 2 | 2 |" in proc.stdout
    assert "| j30 | textbook | 2 | 2 |" in proc.stdout
    assert "| j30 | sgs-lft | 2 | 2 |" in proc.stdout
    assert "INVALID" not in proc.stderr
    assert out.is_file()


def test_warm_start_bound_is_valid_and_schedules_check(reference: dict) -> None:
    from planner.scheduler import improve, passes

    rows = [r for r in reference.values() if r.optimal and r.set in ("j30", "j60")]
    for row in rows:  # the bound may never exceed a proven optimum
        c = passes.compact(to_problem(read_sm(DATA / row.file)))
        assert c is not None
        assert improve.lower_bound(c) <= row.lower_bound, row.instance
    row = reference["j12011_3"]
    inst = read_sm(DATA / row.file)
    warm = improve.warm_start(to_problem(inst), budget=300, wall=5.0, seed=0)
    assert warm is not None and warm.schedule is not None
    assert check_schedule(inst, warm.schedule.start) == []
    assert warm.lower_bound <= row.lower_bound <= warm.schedule.makespan
    assert warm.schedule.makespan <= solve_sgs_lft(inst).makespan


def test_core_on_j120_beats_the_lft_rule(reference: dict) -> None:
    from planner.scheduler import solve

    row = reference["j12036_8"]
    inst = read_sm(DATA / row.file)
    result = solve(to_problem(inst), time_limit=2, seed=0, workers=2)
    assert result.schedule is not None
    assert check_schedule(inst, result.schedule.start) == []
    assert result.bound is not None and result.bound <= row.lower_bound
    assert row.lower_bound <= result.makespan < solve_sgs_lft(inst).makespan
