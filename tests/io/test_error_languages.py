"""Input errors in English, Finnish and Polish: same locations, translated what and fix."""

from __future__ import annotations

import io

import openpyxl
import pytest

from planner.cli import main
from planner.io import (
    ScenarioError,
    load_scenario,
    load_scenario_bytes,
    template_scenario,
)
from planner.io.errors import N_, Message, render
from planner.io.xlsx_io import write_xlsx

BAD_YAML = """\
scenario: Kevät
start: 2027-13-01
team:
  - {name: Aino, roles: [designer], hours_per_week: -4, bill_rate: 90, workdays: Mun}
brief:
  client: Acme
  tasks:
    - {id: kv, role: designr, hours: 10, after: [nope]}
    - {id: kv, hours: 2, houres: 3}
"""


def yaml_error(tmp_path) -> ScenarioError:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_YAML, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value


def xlsx_error() -> ScenarioError:
    buffer = io.BytesIO()
    write_xlsx(template_scenario(), buffer)
    workbook = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    tasks = workbook["tasks"]
    header = [cell.value for cell in tasks[1]]
    tasks.cell(row=2, column=header.index("hours") + 1, value="lots")
    tasks.cell(row=1, column=len(header) + 1, value="colour")
    tasks.cell(row=2, column=len(header) + 1, value="red")
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(out.getvalue(), "brief.xlsx")
    return caught.value


def test_english_is_the_default_and_unchanged(tmp_path):
    error = yaml_error(tmp_path)
    assert str(error) == error.render("en")
    assert str(error).startswith("7 problems in ")
    issue = next(i for i in error.issues if i.location == "team[0].hours_per_week")
    assert issue.message == "must be greater than 0 (got -4)"
    assert isinstance(issue.message, Message)


@pytest.mark.parametrize(
    ("lang", "header", "fix", "expected"),
    [
        ("fi", "7 ongelmaa tiedostossa", "Korjaus:", "pitää olla suurempi kuin 0 (saatiin -4)"),
        ("pl", "7 problemów w pliku", "Poprawka:", "musi być większe niż 0 (podano -4)"),
    ],
)
def test_yaml_errors_in_finnish_and_polish_keep_their_locations(
    tmp_path, lang, header, fix, expected
):
    error = yaml_error(tmp_path)
    text = error.render(lang)
    assert text.splitlines()[0].startswith(header)
    for issue, line in zip(error.issues, text.splitlines()[1:], strict=True):
        # the file, the YAML path and the user's own words stay as they were written
        assert line.strip().startswith(f"{issue.file}: {issue.location}")
        assert render(issue.message, lang) != issue.message, f"untranslated: {issue.message}"
        assert render(issue.hint, lang) != issue.hint, f"untranslated fix: {issue.hint}"
        assert fix in line
    assert expected in text
    assert "'designr'" in text and "'Mun'" in text and "'houres'" in text


@pytest.mark.parametrize(
    ("lang", "where", "unknown"),
    [
        ("fi", "välilehti tasks, rivi 2, sarake hours", "tuntematon sarake 'colour'"),
        ("pl", "arkusz tasks, wiersz 2, kolumna hours", "nieznana kolumna 'colour'"),
    ],
)
def test_workbook_errors_name_sheet_row_and_column_in_the_language(lang, where, unknown):
    error = xlsx_error()
    english = str(error)
    assert "sheet tasks, row 2, column hours" in english
    assert "unknown column 'colour'" in english
    text = error.render(lang)
    assert where in text
    assert unknown in text
    assert "'lots'" in text


@pytest.mark.parametrize(("lang", "word"), [("fi", "ongelmaa"), ("pl", "problemów")])
def test_cli_prints_input_errors_in_the_chosen_language_and_exits_2(tmp_path, capsys, lang, word):
    source = tmp_path / "bad.yaml"
    source.write_text(BAD_YAML, encoding="utf-8")
    code = main(["convert", str(source), str(tmp_path / "out.xlsx"), "--lang", lang])
    err = capsys.readouterr().err
    assert code == 2
    assert word in err
    assert "brief.tasks[0].role (" in err
    assert not (tmp_path / "out.xlsx").exists()


def test_a_missing_file_is_reported_in_polish(tmp_path, capsys):
    code = main(["convert", str(tmp_path / "none.yaml"), str(tmp_path / "x.xlsx"), "--lang", "pl"])
    assert code == 2
    assert "nie znaleziono pliku" in capsys.readouterr().err


def test_a_message_is_filled_in_each_language_with_the_same_values():
    message = N_("the file is larger than {size} MB", size=10)
    assert message == "the file is larger than 10 MB"
    assert message.render("fi") == "tiedosto on suurempi kuin 10 Mt"
    assert message.render("pl") == "plik jest większy niż 10 MB"
    braces = N_("add repeat (e.g. repeat: {every: week, count: 8}) or use due: YYYY-MM-DD")
    assert "{every: week, count: 8}" in braces.render("fi")
