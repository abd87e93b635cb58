"""``planner check BRIEF --rate-card CARD``: exit codes, languages, JSON and the audience rule."""

from __future__ import annotations

import json
from pathlib import Path

from planner.cli.commands import main

DATA = Path(__file__).resolve().parents[2] / "data" / "client"
BRIEF, CARD = str(DATA / "brief-fi.yaml"), str(DATA / "rate-card-fi.yaml")
SMALL = """\
brief: Small
client: Acme Oy
start: 2027-03-01
budget: {budget}
deliverables:
  - {{id: concept, effort: {{designer: [10, 20, 30]}}, review_days: 3, due: 2027-03-19}}
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_realistic_brief_exits_0_with_money_and_dates_apart(capsys, tmp_path):
    # sample FI designer 75/95/120: low 10 h x 75 = 750, typical 20 x 95 = 1900,
    # high 30 x 120 = 3600 <= 4000; 2 designers at 80 % finish 30 h well before the date
    path = tmp_path / "small.yaml"
    path.write_text(SMALL.format(budget=4000))
    code, out, _ = run(capsys, str(path), "--rate-card", CARD, "--lang", "en")
    assert code == 0
    assert out.splitlines()[1].startswith("REALISTIC")
    money, dates = out.index("\nMoney\n"), out.index("\nDates\n")
    assert "Price: €750 – €3,600, typical €1,900." in out[money:dates]
    assert "concept: needed by March 19, 2027" in out[dates:]
    assert "Realistic: every date holds even at the high effort." in out[dates:]


def test_the_sample_in_finnish_and_polish(capsys):
    code, out, _ = run(capsys, BRIEF, "--rate-card", CARD, "--lang", "fi")
    assert code == 1
    assert "\nRaha\n" in out and "\nAikataulu\n" in out and "Hinta:" in out
    pl_brief, pl_card = str(DATA / "brief-pl.yaml"), str(DATA / "rate-card-pl.yaml")
    code, out, _ = run(capsys, pl_brief, "--rate-card", pl_card, "--lang", "pl")
    assert "\nPieniądze\n" in out and "zł" in out


def test_json_is_one_object_without_internal_figures(capsys):
    code, out, _ = run(capsys, BRIEF, "--rate-card", CARD, "--json")
    answer = json.loads(out)
    assert code == 1
    assert set(answer["price"]) >= {"low", "typical", "high", "budget", "verdict"}
    assert answer["scope"]["included"][0] == "strategy"
    text = out.lower()
    assert "cost" not in text and "margin" not in text and "bill_rate" not in text


def test_bad_input_exits_2_with_a_located_message_in_the_language(capsys, tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(SMALL.format(budget="lots"))
    code, out, err = run(capsys, str(path), "--rate-card", CARD, "--lang", "fi")
    assert code == 2 and out == ""
    assert "budget (rivi 4): pitää olla luku (nyt 'lots')" in err
    code, _, err = run(capsys, str(path), "--rate-card", str(tmp_path / "none.yaml"))
    assert code == 2 and "none.yaml" in err


def test_unknown_language_is_a_usage_error(capsys):
    assert main(["check", BRIEF, "--rate-card", CARD, "--lang", "de"]) == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err


def test_the_missing_team_hint_leads_to_the_client_check(capsys, tmp_path):
    # The client: a brief in the scenario format without a team.
    path = tmp_path / "brief.yaml"
    path.write_text(
        "scenario: Spring\nstart: 2027-03-01\nbrief:\n  client: Acme Oy\n  budget: 900\n"
        "  tasks:\n    - {id: concept, role: designer, hours: 8, due: 2027-03-05}\n"
    )
    code, _, err = run(capsys, str(path))
    assert code == 2
    assert "e.g. team: [{name: Aino" in err  # a list, as the fix asks for
    assert "--rate-card data/client/rate-card-fi.yaml" in err
    code, out, _ = run(capsys, str(path), "--rate-card", CARD, "--lang", "en")
    assert code == 1  # 8 h x 75/95/120 = 600/760/960: the high price is over 900, doubtful
    assert "Your budget €900: the typical price fits; the high price is €60 over." in out
