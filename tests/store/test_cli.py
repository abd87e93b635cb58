"""The store's CLI: db init/import/export, accept, check --db, pipeline, compare, errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.cli.commands import main
from planner.diagnosis.explanation import explain_scenario, render_explanation
from planner.io import save_scenario
from planner.model import DateRange
from planner.planning import SolveSettings
from planner.report.page import report_html
from planner.store import DB_ENV, Store, check_with_portfolio
from tests.store.conftest import tiny_brief


@pytest.fixture
def briefs(tmp_path: Path) -> tuple[Path, Path]:
    """Alpha (16 h due Friday, client "Alpha Secret Oy") and Beta (8 h due Monday)."""
    alpha, beta = tmp_path / "alpha.yaml", tmp_path / "beta.yaml"
    save_scenario(tiny_brief("Alpha", "Alpha Secret Oy", 16, date(2031, 3, 7)), alpha)
    save_scenario(tiny_brief("Beta", "Beta Oy", 8, date(2031, 3, 3)), beta)
    return alpha, beta


def test_accept_then_check_sees_the_booking(
    briefs: tuple[Path, Path], store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    alpha, beta = briefs
    assert main(["db", "init", "--db", store_url]) == 0
    assert main(["accept", str(alpha), "--db", store_url, "--time-limit", "2"]) == 0
    assert "accepted: Alpha — 2 bookings stored" in capsys.readouterr().out
    code = main(["check", str(beta), "--db", store_url, "--time-limit", "2", "--json"])
    answer = json.loads(capsys.readouterr().out)
    assert code == 1  # Monday is booked by Alpha: Beta lands on Wednesday, 2 days late
    assert [(p["finish"], p["slip_days"]) for p in answer["promises"]] == [("2031-03-05", 2)]
    assert "Alpha" not in json.dumps(answer)
    assert main(["check", str(beta), "--time-limit", "2", "--json"]) == 0  # without the store


def test_nothing_made_for_the_client_names_another_client(
    briefs: tuple[Path, Path], tmp_path: Path
) -> None:
    alpha = briefs[0]
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert main(["accept", str(alpha), "--db", url, "--time-limit", "2"]) == 0
    with Store.open(url) as store:
        check = check_with_portfolio(
            tiny_brief("Beta", "Beta Oy", 8, date(2031, 3, 3)),
            store.snapshot(),
            settings=SolveSettings(time_limit=2),
        )
    explanation = explain_scenario(check.scenario, settings=SolveSettings(time_limit=2))
    made = report_html(check.plan, check.scenario) + render_explanation(explanation)
    assert "Alpha" not in made and "Secret" not in made
    assert "booked" in render_explanation(explanation)


def test_default_store_from_the_environment_and_tentative_accept(
    briefs: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.sqlite"))
    alpha = briefs[0]
    assert main(["accept", str(alpha), "--tentative", "0.5", "--time-limit", "2"]) == 0
    assert "tentative: Alpha" in capsys.readouterr().out
    week = ["pipeline", "--from", "2031-03-03", "--weeks", "1", "--json"]
    for mode, hours in (("ignore", 0.0), ("weighted", 8.0), ("full", 16.0)):
        assert main([*week, "--count-tentative", mode]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["by_person"] == [
            {
                "person": "Ana",
                "week": "2031-03-03",
                "booked_hours": hours,
                "available_hours": 40.0,
                "utilisation": hours / 40,
            }
        ]
    assert main(["pipeline", "--from", "2031-03-03", "--weeks", "2"]) == 0
    text = capsys.readouterr().out
    assert "Utilisation by person" in text and "Ana" in text and "designer" in text
    assert (tmp_path / "env.sqlite").is_file()


def test_export_import_and_refusal(
    briefs: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = f"sqlite:///{tmp_path / 'a.sqlite'}", f"sqlite:///{tmp_path / 'b.sqlite'}"
    assert main(["accept", str(briefs[0]), "--db", first, "--time-limit", "2"]) == 0
    backup, again = tmp_path / "backup.yaml", tmp_path / "again.yaml"
    assert main(["db", "export", str(backup), "--db", first]) == 0
    assert main(["db", "import", str(backup), "--db", second]) == 0
    assert main(["db", "export", str(again), "--db", second]) == 0
    assert backup.read_text(encoding="utf-8") == again.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["db", "import", str(backup), "--db", second]) == 2
    assert "--replace" in capsys.readouterr().err
    assert main(["db", "import", str(backup), "--db", second, "--replace"]) == 0


def test_versions_saved_from_check_and_compared(
    briefs: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'v.sqlite'}"
    beta = briefs[1]
    main(["check", str(beta), "--db", url, "--time-limit", "2", "--save-as", "as asked"])
    capsys.readouterr()
    assert main(["compare", "Beta", "--db", url, "--audience", "client", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert table["as asked"]["Promises kept"] == "1 of 1"
    assert "Utilisation: Ana" not in table["as asked"]
    assert main(["compare", "Nothing", "--db", url]) == 2


def test_recheck_lists_promises_at_risk_after_time_off(
    briefs: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    tight = tmp_path / "tight.yaml"
    save_scenario(tiny_brief("Tight", "Tight Oy", 16, date(2031, 3, 4)), tight)
    assert main(["accept", str(tight), "--db", url, "--time-limit", "2"]) == 0
    assert main(["recheck", "--db", url, "--time-limit", "2"]) == 0
    assert "Every promise they kept still holds." in capsys.readouterr().out
    with Store.open(url) as store:  # Ana's Tuesday becomes time off (e.g. a new holiday)
        version = store.snapshot().member("Ana").version
        store.set_time_off("Ana", (DateRange(date(2031, 3, 4), date(2031, 3, 4)),), version)
    assert main(["recheck", "--db", url, "--time-limit", "2"]) == 1
    out = capsys.readouterr().out
    assert "Tight: work, promised 2031-03-04, now 2031-03-05, 1 working day late" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["db", "init", "--db", "nonsense://"], "not a database URL"),
        (["db", "init", "--db", "postgresql://planner@127.0.0.1:1/none"], "cannot open"),
        (["check", "data/lumo-spring-campaign.yaml", "--save-as", "x"], "needs --db"),
        (["db", "import", "missing.yaml", "--db", "sqlite://"], "cannot read"),
    ],
)
def test_store_mistakes_exit_2_with_a_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
