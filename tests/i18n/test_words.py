"""The words people read about a plan in English, Finnish and Polish (gettext domain "words").

The English forms are the house style every other test pins; the Finnish and Polish ones are
checked against hand-written plurals and Babel's locale rules, and the CLI's output against
the catalogue (key phrases and figures computed independently, never pinned sample figures).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.cli import main
from planner.i18n import Texts
from planner.io import save_scenario
from planner.wording import (
    count_text,
    day_text,
    days_text,
    hours_text,
    late_text,
    listing,
    money,
    percent,
    short_day,
    words_in,
)
from tests.conftest import TUNDRA
from tests.support.scenarios import chain_scenario

TRANSLATED = ("fi", "pl")


def test_english_is_the_default_and_keeps_the_house_style():
    assert money(5810, "EUR") == "5,810 EUR" == money(5810, "EUR", "en")
    assert day_text(date(2027, 3, 17)) == "17 Mar 2027"
    assert short_day(date(2027, 3, 17)) == "Wed 17 Mar 2027"
    assert (days_text(1), days_text(4)) == ("1 working day", "4 working days")
    assert hours_text(270) == "4.5 h"
    assert listing(["a", "b", "c"]) == "a, b and c"


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("fi", ["1 työpäivä", "3 työpäivää", "5 työpäivää", "22 työpäivää"]),
        ("pl", ["1 dzień roboczy", "3 dni robocze", "5 dni roboczych", "22 dni robocze"]),
    ],
)
def test_working_days_take_the_plural_of_the_language(lang, forms):
    assert [days_text(n, lang) for n in (1, 3, 5, 22)] == forms


def test_polish_twelve_to_fourteen_take_the_genitive():
    assert days_text(12, "pl") == "12 dni roboczych"
    assert late_text(13, "pl") == "13 dni roboczych opóźnienia"


@pytest.mark.parametrize(
    ("lang", "cash", "day", "hours", "share", "both"),
    [
        ("fi", "5\xa0810\xa0€", "17. maaliskuuta 2027", "4,5 h", "45\xa0%", "a, b ja c"),
        ("pl", "5\xa0810\xa0€", "17 marca 2027", "4,5 h", "45%", "a, b i c"),
    ],
)
def test_figures_follow_the_locale(lang, cash, day, hours, share, both):
    assert money(5810.2, "EUR", lang) == cash
    assert day_text(date(2027, 3, 17), lang) == day
    assert hours_text(270, lang) == hours
    assert percent(0.45, lang) == share
    assert listing(["a", "b", "c"], lang) == both


def test_a_texts_object_of_another_domain_is_read_in_the_words_domain():
    assert words_in(Texts("pl")).domain == "words"
    assert days_text(2, Texts("pl")) == "2 dni robocze"


def phrase(lang: str, message: str) -> str:
    """The translated text of ``message`` up to its first placeholder."""
    return words_in(lang).gettext(message).split("{")[0]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_cli_check_speaks_the_language(lang, capsys):
    argv = ["check", str(TUNDRA), "--time-limit", "2", "--audience", "agency"]
    main([*argv, "--json"])
    data = json.loads(capsys.readouterr().out)
    main([*argv, "--lang", lang])
    out = capsys.readouterr().out
    for message in ("Promises:", "Price: {price}", "Budget: {budget}", "Internal cost {cost}"):
        assert phrase(lang, message) in out
    assert "Promises:" not in out and "Price:" not in out
    assert money(data["budget"]["price"], data["currency"], lang) in out
    for promise in data["promises"]:
        if promise["finish"] and promise["slip_days"]:
            assert late_text(promise["slip_days"], lang) in out
    broken = [p for p in data["promises"] if not p["met"]]
    if broken:  # "4 of 8 promises cannot be kept …" in the language, up to the worst one
        total = len(data["promises"])
        dates = words_in(lang).ngettext(
            "{broken} of {total} promise cannot be kept with this team (worst: {name}, {late})",
            "{broken} of {total} promises cannot be kept with this team (worst: {name}, {late})",
            total,
        )
        start = dates.split("{name}")[0].format(broken=len(broken), total=total)
        assert start in out


def test_cli_json_stays_language_neutral(capsys):
    argv = ["check", str(TUNDRA), "--time-limit", "2", "--json"]
    main([*argv, "--lang", "en"])
    english = json.loads(capsys.readouterr().out)
    main([*argv, "--lang", "fi"])
    finnish = json.loads(capsys.readouterr().out)
    assert finnish["verdict_lines"] == english["verdict_lines"]
    assert finnish["certainty"] == english["certainty"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_cli_explain_speaks_the_language(lang, tmp_path: Path, capsys):
    # draft Mon 1–Tue 2 Mar, client review Wed 3–Fri 5, final Mon 8: 6 working days where
    # the promise (Fri 5 Mar) allows 5 (tests/test_diagnose.py).
    path = tmp_path / "chain.yaml"
    save_scenario(chain_scenario(), path)
    assert main(["explain", str(path), "--time-limit", "1", "--lang", lang]) == 1
    out = capsys.readouterr().out
    for message in ("Why:", "Earliest possible dates:"):
        assert words_in(lang).gettext(message) in out
    assert "Why:" not in out and "Earliest possible dates:" not in out
    for figure in (
        days_text(6, lang),
        day_text(date(2027, 3, 5), lang),
        day_text(date(2027, 3, 8), lang),
        count_text(3, lang),
    ):
        assert figure in out
    assert " working day" not in out
