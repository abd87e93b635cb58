"""Rate cards and briefs from YAML and XLSX: valid files, and located, translated mistakes."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from planner.client import load_brief, load_rate_card, rate_card_from_bytes
from planner.client.model import Estimate
from planner.client.reading import brief_from_bytes, error_text
from planner.io import ScenarioError

DATA = Path(__file__).resolve().parents[2] / "data" / "client"

GOOD_BRIEF = """\
brief: Spring
client: Acme Oy
start: 2027-03-01
budget: 9000
deliverables:
  - id: concept
    effort: {designer: [24, 32, 48], copywriter: 8}
    review_days: 5
    due: 2027-03-26
  - id: visual
    after: [concept]
    effort: {designer: 40}
"""


def problems(error: ScenarioError) -> list[tuple[str, str]]:
    return [(issue.location, issue.message) for issue in error.issues]


@pytest.mark.parametrize("name", ["rate-card-fi.yaml", "rate-card-pl.yaml"])
def test_bundled_rate_cards_are_marked_illustrative_and_say_where_figures_come_from(name):
    card = load_rate_card(DATA / name)
    assert card.illustrative
    assert "illustrative" in card.name.lower()
    assert "survey" in card.source  # the method says what the figures are not
    assert all(r.rate.low < r.rate.typical < r.rate.high for r in card.roles)


def test_day_rates_become_hourly():
    card = load_rate_card(DATA / "rate-card-pl.yaml")  # unit: day, 8 hours a day
    assert card.role("designer").rate == Estimate(1100 / 8, 1500 / 8, 2000 / 8)
    assert card.currency == "PLN"


@pytest.mark.parametrize("name", ["brief-fi.yaml", "brief-pl.yaml"])
def test_bundled_briefs_read_and_every_role_is_priced(name):
    card = load_rate_card(DATA / ("rate-card-pl.yaml" if "-pl" in name else "rate-card-fi.yaml"))
    brief = load_brief(DATA / name, card=card)
    assert brief.deliverables and brief.budget


def test_brief_reads_ranges_and_single_figures(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(GOOD_BRIEF)
    brief = load_brief(path)
    concept = brief.deliverable("concept")
    assert dict(concept.effort) == {
        "designer": Estimate(24, 32, 48),
        "copywriter": Estimate(8, 8, 8),
    }
    assert brief.deliverable("visual").after == ("concept",)
    assert brief.currency is None  # taken from the rate card


def test_every_mistake_in_a_brief_is_reported_with_its_line(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(
        "brief: x\nclient: y\nstart: 2027-13-01\nbudgt: 5\n"
        "deliverables:\n"
        "  - {id: a, effort: {designer: [3, 2, 1]}, after: [zz]}\n"
        "  - {id: b, effort: {designer: -4}, due: 2026-01-01}\n"
    )
    with pytest.raises(ScenarioError) as caught:
        load_brief(path, lang="en")
    issues = {issue.location: issue for issue in caught.value.issues}
    assert issues["start"].line == 3 and "not a date" in issues["start"].message
    assert "did you mean 'budget'?" in issues["budgt"].hint
    assert "must not decrease" in issues["deliverables[0].effort.designer"].message
    assert issues["deliverables[0].effort.designer"].line == 6
    assert "no other deliverable has the id 'zz'" in issues["deliverables[0].after[0]"].message
    assert "greater than 0" in issues["deliverables[1].effort.designer"].message
    assert all(issue.hint for issue in caught.value.issues)


def test_a_promised_date_before_the_start(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(GOOD_BRIEF.replace("due: 2027-03-26", "due: 2027-02-26"))
    with pytest.raises(ScenarioError) as caught:
        load_brief(path)
    (issue,) = caught.value.issues
    assert (issue.location, issue.line) == ("deliverables[0].due", 9)
    assert issue.message == "the promised date 2027-02-26 is before the start 2027-03-01"


def test_a_circle_of_deliverables_is_refused(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(
        "brief: x\nclient: y\nstart: 2027-03-01\ndeliverables:\n"
        "  - {id: a, effort: {designer: 1}, after: [b]}\n"
        "  - {id: b, effort: {designer: 1}, after: [a]}\n"
    )
    with pytest.raises(ScenarioError, match="circle: a → b → a"):
        load_brief(path)


def test_a_role_the_card_does_not_price_is_located_in_the_brief(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(GOOD_BRIEF.replace("copywriter: 8", "copywritr: 8"))
    card = load_rate_card(DATA / "rate-card-fi.yaml")
    with pytest.raises(ScenarioError) as caught:
        load_brief(path, card=card)
    (issue,) = caught.value.issues
    assert issue.location == "deliverables[0].effort.copywritr"
    assert issue.line == 7
    assert "did you mean 'copywriter'?" in issue.hint


def test_another_currency_than_the_card_is_refused(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(GOOD_BRIEF + "currency: EUR\n")
    with pytest.raises(ScenarioError, match="the brief is in EUR but the rate card prices in PLN"):
        load_brief(path, card=load_rate_card(DATA / "rate-card-pl.yaml"))


def test_rate_card_mistakes(tmp_path):
    path = tmp_path / "card.yaml"
    path.write_text(
        "rate_card: x\ncurrency: EUR\nunit: week\nroles:\n"
        "  - {role: designer, rate: [90, 80], people: 0}\n"
        "  - {role: designer, rate: 80, share: 1.5}\n"
        "  - {role: writer}\n"
    )
    with pytest.raises(ScenarioError) as caught:
        load_rate_card(path)
    found = dict(problems(caught.value))
    assert "'week' is not a rate unit" in found["unit"]
    assert "three figures" in found["roles[0].rate"]
    assert "at least 1" in found["roles[0].people"]
    assert "at most 1" in found["roles[1].share"]
    assert found["roles[2].rate"] == "is required but missing"


def test_missing_file_and_wrong_type(tmp_path):
    with pytest.raises(ScenarioError, match="does not exist"):
        load_rate_card(tmp_path / "nope.yaml")
    with pytest.raises(ScenarioError, match=r"unsupported file type '\.csv'"):
        rate_card_from_bytes(b"a,b", "card.csv")


def test_errors_in_finnish_and_polish(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text("brief: x\nclient: y\nstart: 2027-03-01\ndeliverables: []\n")
    for lang, words in (
        ("fi", ["ei saa olla tyhjä", "rivi 4", "Korjaus:", "1 ongelma"]),
        ("pl", ["nie może być puste", "wiersz 4", "Poprawka:", "1 problem w"]),
    ):
        with pytest.raises(ScenarioError) as caught:
            load_brief(path, lang=lang)
        text = error_text(caught.value, lang)
        assert all(word in text for word in words), text


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CARD_SHEET = [["field", "value"], ["rate_card", "Test"], ["currency", "EUR"]]
ROLES = ["role", "low", "typical", "high", "people", "share"]


def test_rate_card_from_a_workbook():
    data = workbook(
        {
            "card": CARD_SHEET,
            "roles": [ROLES, ["designer", 80, 100, 120, 2, 0.5], ["pm", None, 70, None, 1, 0.2]],
        }
    )
    card = rate_card_from_bytes(data, "card.xlsx")
    assert card.role("designer").rate == Estimate(80, 100, 120)
    assert card.role("designer").people == 2
    assert card.role("pm").rate == Estimate(70, 70, 70)


def test_workbook_mistakes_name_sheet_row_and_column():
    data = workbook(
        {
            "card": [*CARD_SHEET, ["hours_per_week", "lots"]],
            "roles": [ROLES, ["designer", 80, "x", 120, 1, 1], ["pm", 90, 70, 100, 1, 1]],
        }
    )
    with pytest.raises(ScenarioError) as caught:
        rate_card_from_bytes(data, "card.xlsx")
    found = dict(problems(caught.value))
    assert "must be a number (got 'x')" in found["sheet roles, row 2, column typical"]
    assert "must not decrease" in found["sheet roles, row 3, column low, typical, high"]
    assert "must be a number" in found["sheet card, row 4, column value"]


def test_brief_from_a_workbook_equals_the_yaml_one(tmp_path):
    data = workbook(
        {
            "brief": [
                ["field", "value"],
                ["brief", "Spring"],
                ["client", "Acme Oy"],
                ["start", "2027-03-01"],
                ["budget", 9000],
            ],
            "deliverables": [
                ["id", "after", "review_days", "due", "hours designer", "hours copywriter"],
                ["concept", None, 5, "2027-03-26", "24/32/48", 8],
                ["visual", "concept", None, None, 40, None],
            ],
        }
    )
    (tmp_path / "brief.yaml").write_text(GOOD_BRIEF)
    assert brief_from_bytes(data, "brief.xlsx") == load_brief(tmp_path / "brief.yaml")


def test_a_workbook_without_the_sheet():
    with pytest.raises(ScenarioError, match="no sheet 'roles'"):
        rate_card_from_bytes(workbook({"card": CARD_SHEET}), "card.xlsx")


SCENARIO_SHAPED = """\
scenario: Spring
start: 2027-03-01
calendar: {country: FI}
brief:
  client: Acme Oy
  budget: 9000
  tasks:
    - {id: concept, role: designer, hours: 24, due: 2027-03-19}
    - {id: concept_review, client_days: 5, after: [concept]}
"""
TEAM = "team:\n  - {name: Aino, roles: [designer], hours_per_week: 37.5, bill_rate: 95}\n"


def test_a_scenario_without_a_team_is_a_client_brief(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(SCENARIO_SHAPED.replace("hours: 24", "hours: [16, 24, 32]"))
    brief = load_brief(path, card=load_rate_card(DATA / "rate-card-fi.yaml"))
    assert [d.id for d in brief.deliverables] == ["concept", "concept_review"]
    assert dict(brief.deliverable("concept").effort) == {"designer": Estimate(16, 24, 32)}
    assert brief.deliverable("concept_review").review_days == 5
    assert (brief.country, brief.budget) == ("FI", 9000)


def test_adding_a_team_makes_the_same_file_an_agency_scenario(tmp_path):
    from planner.io import load_scenario

    path = tmp_path / "scenario.yaml"
    path.write_text(SCENARIO_SHAPED + TEAM)
    scenario = load_scenario(path)
    assert [t.id for t in scenario.brief.tasks] == ["concept", "concept_review"]
    with pytest.raises(ScenarioError, match="has no team section"):
        load_brief(path)  # with a team it is planned as an agency scenario instead


def test_scenario_shaped_mistakes_keep_the_scenario_paths(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(
        SCENARIO_SHAPED.replace("hours: 24", "hours: [3, 2, 1], priority: 2").replace(
            "after: [concept]", "after: [concept+2]"
        )
    )
    with pytest.raises(ScenarioError) as caught:
        load_brief(path)
    found = {issue.location: issue for issue in caught.value.issues}
    assert "must not decrease" in found["brief.tasks[0].hours"].message
    assert found["brief.tasks[0].hours"].line == 8
    assert "not used at market rates" in found["brief.tasks[0].priority"].message
    assert "lag" in found["brief.tasks[1].after"].message
