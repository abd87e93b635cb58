"""``planner risk``: JSON shape, exit codes, bad options, the progress bar."""

from __future__ import annotations

import html
import io
import json

import pytest

from planner.cli.commands import main
from planner.cli.risk import progress_bar, terminal_progress
from planner.io import save_scenario
from planner.model import ThreePoint
from planner.wording import day_text, words_in
from tests.conftest import DATA_DIR
from tests.risk.conftest import MONDAY, one_task_scenario

LUMO = DATA_DIR / "lumo-spring-campaign.yaml"


def test_json_has_promises_and_budget(capsys) -> None:
    code = main(["risk", str(LUMO), "--samples", "300", "--seed", "2", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    assert data["samples"] == 300 and data["seed"] == 2
    assert {"task", "p_on_time", "p50", "p80", "p95"} <= set(data["promises"][0])
    assert {"p_within", "p80_price"} <= set(data["budget"])
    sure = all(p["p_on_time"] >= 0.8 for p in data["promises"])
    assert code == (0 if sure and data["budget"]["p_within"] >= 0.8 else 1)


def test_same_seed_same_json(capsys) -> None:
    main(["risk", str(LUMO), "--samples", "200", "--seed", "5", "--json"])
    first = json.loads(capsys.readouterr().out)
    main(["risk", str(LUMO), "--samples", "200", "--seed", "5", "--json"])
    again = json.loads(capsys.readouterr().out)
    first.pop("seconds"), again.pop("seconds")
    assert first == again


def test_unsure_promise_exits_one_with_a_commit_suggestion(tmp_path, capsys) -> None:
    path = tmp_path / "tiny.yaml"
    save_scenario(one_task_scenario(ThreePoint(10, 15, 30), MONDAY.replace(day=2)), path)
    assert main(["risk", str(path), "--samples", "400"]) == 1
    out = capsys.readouterr().out
    assert "Commit to 3 Mar 2027 instead of 2 Mar 2027" in out


@pytest.mark.parametrize(
    "options",
    [["--samples", "0"], ["--threshold", "1.5"], ["--workers", "0"], ["--time-limit", "0"]],
)
def test_bad_options_exit_two(options, capsys) -> None:
    assert main(["risk", str(LUMO), *options]) == 2
    assert "planner:" in capsys.readouterr().err


def test_bad_scenario_exits_two(tmp_path, capsys) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("scenario: x\n")
    assert main(["risk", str(path)]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_progress_bar() -> None:
    assert progress_bar(300, 1000, width=10) == "[###.......] 300/1,000 samples"
    assert terminal_progress(io.StringIO()) is None  # not a terminal: no bar


def test_out_writes_the_report_with_a_risk_section(tmp_path, capsys) -> None:
    path = tmp_path / "tiny.yaml"
    save_scenario(one_task_scenario(ThreePoint(10, 15, 30), MONDAY.replace(day=2)), path)
    main(["risk", str(path), "--samples", "300", "--out", str(tmp_path / "out")])
    page = (tmp_path / "out" / "report.html").read_text()
    assert "How sure are we?" in page
    assert "draft: promised 2 Mar 2027" in page and "4 in 5 chance by 3 Mar 2027" in page
    assert "chance of staying within the 1,500 EUR budget" in page
    assert "P80 price" not in page  # the report is for the client


def test_several_scenarios_run_as_one_sweep(capsys) -> None:
    # figures per scenario equal a run alone: tests/risk/test_engine.py (same plans there;
    # two CLI runs may plan differently on a loaded machine, see planner check --time-limit)
    kivi = DATA_DIR / "kivi-retainer-easter.yaml"
    main(["risk", str(LUMO), str(kivi), "--samples", "200", "--seed", "3", "--json"])
    both = json.loads(capsys.readouterr().out)["scenarios"]
    names = [s["scenario"] for s in both]
    assert names == ["Lumo oat drink spring campaign", "Kivi Café social retainer, spring 2027"]
    assert all(s["samples"] == 200 and s["promises"] for s in both)


def test_lang_pl_prints_polish_and_json_stays_english(tmp_path, capsys) -> None:
    path = tmp_path / "tiny.yaml"
    save_scenario(one_task_scenario(ThreePoint(10, 15, 30), MONDAY.replace(day=2)), path)
    assert main(["risk", str(path), "--samples", "300", "--lang", "pl"]) == 1
    out = capsys.readouterr().out
    _ = words_in("pl").gettext
    commit = _("Commit to {date} instead of {promised} (4 in 5 chance).")
    assert commit != "Commit to {date} instead of {promised} (4 in 5 chance)."
    expected = commit.format(
        date=day_text(MONDAY.replace(day=3), "pl"), promised=day_text(MONDAY.replace(day=2), "pl")
    )
    assert expected in out and "Commit to" not in out
    assert _("Suggestions:") in out and _("on time") in out
    runs = {}
    for lang in ("pl", "en"):
        main(["risk", str(path), "--samples", "300", "--json", "--lang", lang])
        runs[lang] = json.loads(capsys.readouterr().out)
        runs[lang].pop("seconds")
    assert runs["pl"] == runs["en"]  # --json stays English


def test_out_writes_the_risk_report_in_the_language(tmp_path, capsys) -> None:
    path = tmp_path / "tiny.yaml"
    save_scenario(one_task_scenario(ThreePoint(10, 15, 30), MONDAY.replace(day=2)), path)
    out = tmp_path / "out"
    main(["risk", str(path), "--samples", "300", "--out", str(out), "--lang", "fi"])
    page = (out / "report.html").read_text(encoding="utf-8")
    _ = words_in("fi").gettext
    assert '<html lang="fi">' in page
    assert html.escape(_("How sure are we?")) in page and "How sure are we?" not in page
    assert _("P80 price {price}.").split("{price}")[0] not in page  # still for the client
