"""The YAML format: the contract example, round trips and hostile or broken files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.io import (
    MAX_FILE_BYTES,
    dump_yaml,
    load_scenario,
    load_scenario_bytes,
    save_scenario,
    scenario_from_dict,
    scenario_to_dict,
)
from planner.model import Dependency, Scenario
from tests.conftest import contract_scenario
from tests.io.conftest import SCENARIOS, raises_scenario_error


def test_contract_yaml_loads_to_the_expected_scenario() -> None:
    assert load_scenario(SCENARIOS / "contract.yaml") == contract_scenario()


def test_contract_values_are_typed() -> None:
    scenario = load_scenario(SCENARIOS / "contract.yaml")
    aino = scenario.person("Aino")
    assert aino.hours_per_week == 37.5 and aino.workdays == (0, 1, 2, 3, 4)
    assert scenario.person("Piotr").workdays == (0, 1, 2, 3)
    assert scenario.person("Piotr").cost_rate is None
    assert scenario.task("concept_review").is_client_step
    assert scenario.task("concept_review").hours == 0
    assert scenario.task("key_visual").after == (Dependency("concept_review"),)
    assert scenario.commitments[0].period.start == date(2027, 3, 1)


def test_rich_scenario_round_trips_through_yaml(tmp_path: Path, rich: Scenario) -> None:
    path = tmp_path / "rich.yml"
    save_scenario(rich, path)
    assert load_scenario(path) == rich
    assert scenario_from_dict(scenario_to_dict(rich)) == rich


def test_dump_leaves_out_defaults(rich: Scenario) -> None:
    doc = scenario_to_dict(rich)
    review = doc["brief"]["tasks"][1]
    assert set(review) == {"id", "name", "client_days", "after", "deliverable"}
    assert doc["team"][1] == {
        "name": "Piotr",
        "roles": ["copywriter", "strategist"],
        "hours_per_week": 30,
        "country": "PL",
        "bill_rate": 70,
    }
    assert doc["brief"]["tasks"][2]["after"] == [{"task": "concept_review", "lag": 2}, "concept"]


def test_dump_reads_like_the_contract(rich: Scenario) -> None:
    text = dump_yaml(rich)
    assert "  - {from: 2027-03-15, to: 2027-03-19}" in text
    assert "roles: [designer, art director]" in text
    assert "repeat: {every: month, count: 3, interval: 2}" in text
    assert "name: 'NO'" in text  # quoted so that no reader takes it for false


def test_yes_no_and_country_no_stay_text() -> None:
    text = (SCENARIOS / "contract.yaml").read_text()
    text = text.replace("country: PL", "country: NO").replace("name: Piotr", "name: Yes")
    text = text.replace("person: Aino, from", "person: Aino, label: on, from")
    scenario = load_scenario_bytes(text.encode(), "norway.yaml")
    assert scenario.team[1].country == "NO" and scenario.team[1].name == "Yes"
    assert scenario.commitments[0].label == "on"


def test_flexible_spellings_are_accepted() -> None:
    text = (SCENARIOS / "contract.yaml").read_text()
    text = text.replace("workdays: [Mon, Tue, Wed, Thu]", "workdays: mon-thu")
    text = text.replace("roles: [copywriter, strategist]", "roles: copywriter, strategist")
    text = text.replace("after: [concept_review]", "after: concept_review+2")
    text = text.replace("every: week", "every: Weekly").replace("country: FI", "country: fi")
    scenario = load_scenario_bytes(text.encode(), "flexible.yaml")
    assert scenario.person("Piotr").workdays == (0, 1, 2, 3)
    assert scenario.person("Piotr").roles == ("copywriter", "strategist")
    assert scenario.task("key_visual").after == (Dependency("concept_review", 2),)
    assert scenario.task("weekly_posts").repeat is not None
    assert scenario.task("weekly_posts").repeat.every == "week"
    assert scenario.calendar.country == "FI"


def test_subdivision_codes_are_normalised() -> None:
    text = (SCENARIOS / "contract.yaml").read_text().replace("subdivision: null", "subdivision: 1")
    assert load_scenario_bytes(text.encode(), "fi.yaml").calendar.subdivision == "01"


def test_errors_carry_line_numbers() -> None:
    text = (SCENARIOS / "contract.yaml").read_text().replace("hours: 80", "hours: -80")
    error = raises_scenario_error(lambda: load_scenario_bytes(text.encode(), "acme.yaml"))
    (issue,) = error.issues
    assert issue.location == "brief.tasks[2].hours" and issue.line == 40
    assert str(issue) == (
        "acme.yaml: brief.tasks[2].hours (line 40): must be greater than 0 (got -80). "
        "Fix: give the agency effort in hours, e.g. hours: 16"
    )


BROKEN = [
    ("empty", b"", "empty"),
    ("only-comments", b"# nothing here\n\n", "empty"),
    ("binary", bytes(range(256)) * 4, "binary"),
    ("latin-1", "scenario: Café".encode("latin-1"), "not UTF-8"),
    ("zip", b"PK\x03\x04" + b"\x00" * 40, "zip file"),
    ("not-a-mapping", b"- just\n- a list\n", "top level must be a mapping"),
    ("scalar", b"hello\n", "top level must be a mapping"),
    ("syntax", b"scenario: x\nstart: 2027-03-01\n team: [\n", "invalid YAML"),
    ("tabs", b"scenario: x\n\tstart: 2027-03-01\n", "invalid YAML"),
    ("two-documents", b"scenario: a\n---\nscenario: b\n", "more than one YAML document"),
    ("duplicate-key", b"scenario: a\nscenario: b\n", "appears twice"),
    ("alias", b"a: &x 1\nb: *x\n", "aliases"),
    ("python-tag", b"scenario: !!python/object/apply:os.system [ls]\n", "invalid YAML"),
    ("deep", b"a: " + b"[" * 200 + b"]" * 200 + b"\n", "nested too deeply"),
]


@pytest.mark.parametrize(("data", "words"), [pytest.param(d, w, id=i) for i, d, w in BROKEN])
def test_broken_files_give_one_clear_issue(data: bytes, words: str) -> None:
    error = raises_scenario_error(lambda: load_scenario_bytes(data, "broken.yaml"))
    assert len(error.issues) == 1
    assert words in error.issues[0].message
    assert str(error).startswith("1 problem in broken.yaml:")


def test_syntax_error_names_the_line() -> None:
    data = b"scenario: x\nstart: 2027-03-01\nteam:\n  - name: A\n   roles: [a]\n"
    (issue,) = raises_scenario_error(lambda: load_scenario_bytes(data, "s.yaml")).issues
    assert issue.line == 5 and issue.hint


def test_billion_laughs_fails_fast() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    # Refused by counting aliases before anything is expanded (a benchmark times it).
    error = raises_scenario_error(lambda: load_scenario_bytes("\n".join(lines).encode(), "b.yaml"))
    assert "aliases" in error.issues[0].message and error.issues[0].line == 2


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    error = raises_scenario_error(lambda: load_scenario(path))
    assert "larger than 2 MB" in error.issues[0].message  # YAML: 2 MB (workbooks 10 MB)


def test_the_documented_example_loads() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"
    example = docs.read_text("utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    scenario = load_scenario_bytes(example.encode(), "docs.yaml")
    assert scenario.task("key_visual").after == (Dependency("concept_review", 2),)
    assert scenario.brief.fixed_costs[0].amount == 400


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_and_windows_line_ends(encoding: str) -> None:
    text = (SCENARIOS / "contract.yaml").read_text("utf-8").replace("\n", "\r\n")
    assert load_scenario_bytes(text.encode(encoding), "win.yaml") == contract_scenario()
