"""Every kind of mistake in a scenario is reported with file, location, what and how to fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from planner.io import Issue, load_scenario, scenario_from_dict
from tests.io.conftest import raises_scenario_error

Doc = dict[str, Any]
DELETE = object()


def change(path: str, value: Any) -> Callable[[Doc], None]:
    """A mutation setting (or deleting, with DELETE) the value at a dotted path."""

    def apply(doc: Doc) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = doc
        for key in parents:
            target = target[key]
        if value is DELETE:
            del target[last]
        else:
            target[last] = value

    return apply


def task(index: int, **fields: Any) -> Callable[[Doc], None]:
    """A mutation updating task ``index`` with ``fields`` (DELETE removes one)."""

    def apply(doc: Doc) -> None:
        entry = doc["brief"]["tasks"][index]
        for key, value in fields.items():
            if value is DELETE:
                entry.pop(key, None)
            else:
                entry[key] = value

    return apply


def add_task(**fields: Any) -> Callable[[Doc], None]:
    return lambda doc: doc["brief"]["tasks"].append(fields)


# (id, mutation, expected location, expected words in the message)
CASES: list[tuple[str, Callable[[Doc], None], str, str]] = [
    ("unknown-key", change("team.0.hours_per_wek", 5), "team[0].hours_per_wek", "unknown field"),
    ("unknown-top-key", change("scenarios", "x"), "scenarios", "unknown field"),
    ("missing-field", change("team.1.hours_per_week", DELETE), "team[1].hours_per_week", "missing"),
    ("missing-brief", change("brief", DELETE), "brief", "missing"),
    ("wrong-type-text", change("team.0.bill_rate", "lots"), "team[0].bill_rate", "number"),
    ("wrong-type-bool", change("team.0.hours_per_week", True), "team[0].hours_per_week", "number"),
    ("wrong-type-list", change("team", "Aino"), "team", "must be a list"),
    ("wrong-type-mapping", change("team.1", "Piotr"), "team[1]", "mapping"),
    ("wrong-type-int", task(1, client_days=2.5), "brief.tasks[1].client_days", "whole number"),
    ("wrong-type-name", change("team.0.name", 42), "team[0].name", "must be text"),
    ("bad-date", change("start", "01/03/2027"), "start", "YYYY-MM-DD"),
    ("impossible-date", task(0, due="2027-02-30"), "brief.tasks[0].due", "not a real"),
    ("date-with-time", task(0, due="2027-03-10 12:00"), "brief.tasks[0].due", "YYYY-MM-DD"),
    ("negative-hours", task(0, hours=-4), "brief.tasks[0].hours", "greater than 0 (got -4)"),
    ("zero-hours", task(0, hours=0), "brief.tasks[0].hours", "greater than 0"),
    (
        "huge-count",
        task(3, repeat={"every": "day", "count": 10**9}),
        "brief.tasks[3].repeat.count",
        "at most 10000",
    ),
    ("tiny-hours", task(0, hours=0.001), "brief.tasks[0].hours", "less than a minute"),
    ("zero-week", change("team.0.hours_per_week", 0), "team[0].hours_per_week", "greater than 0"),
    ("infinite-hours", task(0, hours=float("inf")), "brief.tasks[0].hours", "finite"),
    ("unknown-role", task(2, role="designr"), "brief.tasks[2].role", "no one in the team has"),
    ("unknown-person", task(0, role=DELETE, person="Ana"), "brief.tasks[0].person", "no team"),
    (
        "commitment-person",
        change("commitments.0.person", "Aino K"),
        "commitments[0].person",
        "no team",
    ),
    ("duplicate-task-id", task(2, id="concept"), "brief.tasks[2].id", "more than once"),
    ("duplicate-person", change("team.1.name", "Aino"), "team[1].name", "more than once"),
    ("unknown-dependency", task(2, after=["reviw"]), "brief.tasks[2].after[0]", "unknown task"),
    (
        "duplicate-dependency",
        task(2, after=["review", "review"]),
        "brief.tasks[2].after[1]",
        "more than once",
    ),
    ("self-cycle", task(0, after=["concept"]), "brief.tasks[0].after[0]", "concept → concept"),
    (
        "cycle",
        task(0, after=["visual"]),
        "brief.tasks[0].after[0]",
        "dependency cycle: concept → review → visual → concept",
    ),
    (
        "overbooked",
        lambda d: d["commitments"].append(
            {"person": "Aino", "from": "2027-03-10", "to": "2027-04-10", "hours_per_week": 30}
        ),
        "commitments[1].hours_per_week",
        "add up to 45 hours/week from 2027-03-10 to 2027-03-31",
    ),
    ("empty-team", change("team", []), "team", "the team is empty"),
    ("neither-hours-nor-client", task(1, client_days=DELETE), "brief.tasks[1]", "neither hours"),
    ("both-hours-and-client", task(1, hours=3), "brief.tasks[1].client_days", "both hours"),
    ("role-and-person", task(0, person="Piotr"), "brief.tasks[0].person", "not both"),
    ("no-role-no-person", task(0, role=DELETE), "brief.tasks[0]", "no role or person"),
    ("client-step-role", task(1, role="designer"), "brief.tasks[1].role", "client step"),
    (
        "time-off-backwards",
        change("team.0.time_off.0.to", "2027-03-01"),
        "team[0].time_off[0].to",
        "before it starts",
    ),
    (
        "commitment-zero",
        change("commitments.0.hours_per_week", 0),
        "commitments[0].hours_per_week",
        "must not be 0",
    ),
    (
        "commitment-below-range",
        change("commitments.0.hours_per_week", -200),
        "commitments[0].hours_per_week",
        "must be at least -168",
    ),
    (
        "commitment-backwards",
        change("commitments.0.to", "2027-02-01"),
        "commitments[0].to",
        "before",
    ),
    (
        "unknown-weekday",
        change("calendar.workdays", ["Mon", "Tuesday", "Fryday"]),
        "calendar.workdays",
        "'Fryday' is not a weekday",
    ),
    ("no-workdays", change("calendar.workdays", []), "calendar.workdays", "at least one"),
    ("client-days-zero", task(1, client_days=0), "brief.tasks[1].client_days", "at least 1"),
    ("due-within-negative", task(3, due_within=-1), "brief.tasks[3].due_within", "at least 0"),
    ("due-within-one-off", task(0, due_within=2), "brief.tasks[0].due_within", "recurring"),
    ("recurring-with-due", task(3, due="2027-04-01"), "brief.tasks[3].due", "recurring"),
    (
        "repeat-count-zero",
        task(3, repeat={"every": "week", "count": 0}),
        "brief.tasks[3].repeat.count",
        "at least 1",
    ),
    (
        "repeat-unit",
        task(3, repeat={"every": "fortnight", "count": 2}),
        "brief.tasks[3].repeat.every",
        "one of",
    ),
    (
        "repeat-interval",
        task(3, repeat={"every": "week", "count": 2, "interval": 0}),
        "brief.tasks[3].repeat.interval",
        "at least 1",
    ),
    (
        "repeat-missing-count",
        task(3, repeat={"every": "week"}),
        "brief.tasks[3].repeat.count",
        "missing",
    ),
    ("priority-zero", task(0, priority=0), "brief.tasks[0].priority", "at least 1"),
    ("max-people-zero", task(2, max_people=0), "brief.tasks[2].max_people", "at least 1"),
    (
        "max-people-person",
        task(0, role=DELETE, person="Piotr", max_people=2),
        "brief.tasks[0].max_people",
        "role",
    ),
    ("budget-negative", change("brief.budget", -1), "brief.budget", "at least 0"),
    (
        "fixed-cost-negative",
        change("brief.fixed_costs", [{"name": "Print", "amount": -3}]),
        "brief.fixed_costs[0].amount",
        "at least 0",
    ),
    ("unknown-country", change("calendar.country", "XX"), "calendar.country", "not a country"),
    ("country-by-name", change("team.1.country", "Finland"), "team[1].country", "not a country"),
    (
        "person-subdivision-without-country",
        change("team.1.subdivision", "BY"),
        "team[1].subdivision",
        "needs a country",
    ),
    (
        "unknown-subdivision",
        change("calendar.subdivision", "ZZ"),
        "calendar.subdivision",
        "not a region of FI",
    ),
    (
        "subdivision-no-country",
        lambda d: (d["calendar"].pop("country"), d["calendar"].update(subdivision="BY")),
        "calendar.subdivision",
        "needs a country",
    ),
    ("bad-task-id", task(0, id="key visual"), "brief.tasks[0].id", "not a valid task id"),
    (
        "bad-lag",
        task(2, after=[{"task": "review", "lag": -1}]),
        "brief.tasks[2].after[0].lag",
        "at least 0",
    ),
    ("bad-lag-text", task(2, after=["review+x"]), "brief.tasks[2].after[0].lag", "whole number"),
    (
        "after-unknown-key",
        task(2, after=[{"task": "review", "lags": 1}]),
        "brief.tasks[2].after[0].lags",
        "unknown field 'lags'",
    ),
    ("bad-optional", task(0, optional="maybe"), "brief.tasks[0].optional", "true or false"),
    (
        "no-working-day",
        change("team.1.workdays", ["Sat", "Sun"]),
        "team[1].workdays",
        "none of which is an agency working day",
    ),
    ("empty-name", change("team.1.name", "  "), "team[1].name", "must not be empty"),
]


def _find(issues: list[Issue], location: str) -> Issue:
    matches = [issue for issue in issues if issue.location == location]
    assert matches, f"no issue at {location!r}; got: {[str(i) for i in issues]}"
    return matches[0]


@pytest.mark.parametrize(
    ("mutate", "location", "words"),
    [pytest.param(m, loc, words, id=name) for name, m, loc, words in CASES],
)
def test_bad_yaml_is_reported_with_location_and_fix(
    tmp_path: Path, document: Doc, mutate: Callable[[Doc], None], location: str, words: str
) -> None:
    mutate(document)
    path = tmp_path / "acme.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), "utf-8")

    error = raises_scenario_error(lambda: load_scenario(path))

    issue = _find(error.issues, location)
    assert words in issue.message
    assert issue.hint, f"no fix for {issue}"
    assert issue.file == str(path)
    assert issue.line is not None and issue.line >= 1
    text = str(error)
    assert text.startswith(f"{len(error.issues)} problem")
    assert f"{path}: {location} (line {issue.line}): {issue.message}. Fix: " in text


@pytest.mark.parametrize(
    ("mutate", "location", "words"),
    [pytest.param(m, loc, words, id=name) for name, m, loc, words in CASES[:12]],
)
def test_bad_dict_is_reported_without_line(
    document: Doc, mutate: Callable[[Doc], None], location: str, words: str
) -> None:
    mutate(document)
    error = raises_scenario_error(lambda: scenario_from_dict(document, "upload.yaml"))
    issue = _find(error.issues, location)
    assert words in issue.message
    assert issue.line is None
    assert str(issue).startswith(f"upload.yaml: {location}: ")


def test_all_issues_are_collected_in_one_go(document: Doc) -> None:
    document["team"][0]["hours_per_wek"] = 3  # structural problem in a person ...
    document["brief"]["tasks"][0]["hours"] = -1  # ... and in a task ...
    document["brief"]["tasks"][2]["role"] = "designr"  # ... and semantic ones elsewhere
    document["brief"]["tasks"][1]["after"] = ["nothing"]
    document["brief"]["budget"] = "much"

    error = raises_scenario_error(lambda: scenario_from_dict(document))

    locations = {issue.location for issue in error.issues}
    assert {
        "team[0].hours_per_wek",
        "brief.tasks[0].hours",
        "brief.tasks[2].role",
        "brief.tasks[1].after[0]",
        "brief.budget",
    } <= locations


def test_unknown_key_suggests_the_right_spelling(document: Doc) -> None:
    document["team"][0]["hours_per_wek"] = 3
    error = raises_scenario_error(lambda: scenario_from_dict(document))
    issue = _find(error.issues, "team[0].hours_per_wek")
    assert "did you mean 'hours_per_week'?" in issue.hint


def test_reference_to_an_invalid_person_is_not_reported_as_unknown(document: Doc) -> None:
    document["team"][1]["hours_per_week"] = -1  # Piotr is broken but exists
    document["brief"]["tasks"][0] = {"id": "concept", "person": "Piotr", "hours": 2}
    error = raises_scenario_error(lambda: scenario_from_dict(document))
    assert [issue.location for issue in error.issues] == ["team[1].hours_per_week"]


def test_unknown_role_lists_the_roles_and_suggests(document: Doc) -> None:
    document["brief"]["tasks"][2]["role"] = "designr"
    issue = _find(
        raises_scenario_error(lambda: scenario_from_dict(document)).issues, "brief.tasks[2].role"
    )
    assert "did you mean 'designer'?" in issue.hint
    assert "copywriter" in issue.hint


def test_a_named_person_needs_no_matching_role(document: Doc) -> None:
    document["brief"]["tasks"][2] = {"id": "visual", "person": "Piotr", "hours": 8}
    assert scenario_from_dict(document).task("visual").person == "Piotr"


def test_recurring_task_without_due_within_is_fine(document: Doc) -> None:
    del document["brief"]["tasks"][3]["due_within"]
    assert scenario_from_dict(document).task("posts").due_within is None


def test_commitments_up_to_the_weekly_hours_are_fine(document: Doc) -> None:
    document["commitments"].append(
        {"person": "Aino", "from": "2027-03-01", "to": "2027-03-31", "hours_per_week": 22.5}
    )
    assert len(scenario_from_dict(document).commitments) == 2


def test_a_negative_commitment_is_overtime(document: Doc) -> None:
    document["commitments"].append(
        {"person": "Aino", "from": "2027-03-01", "to": "2027-03-12", "hours_per_week": -5}
    )
    assert scenario_from_dict(document).commitments[-1].hours_per_week == -5


def test_null_means_not_given(document: Doc) -> None:
    document["calendar"]["subdivision"] = None
    document["commitments"] = None
    document["brief"]["tasks"][0]["priority"] = None
    scenario = scenario_from_dict(document)
    assert scenario.commitments == () and scenario.task("concept").priority == 1


def test_top_level_must_be_a_mapping() -> None:
    error = raises_scenario_error(lambda: scenario_from_dict([1, 2], "list.yaml"))  # type: ignore[arg-type]
    assert "top level must be a mapping" in str(error)


def test_braces_in_values_are_shown_verbatim(document: Doc) -> None:
    document["brief"]["tasks"][0]["due"] = "{hint} {message}"
    issue = _find(
        raises_scenario_error(lambda: scenario_from_dict(document)).issues, "brief.tasks[0].due"
    )
    assert "(got '{hint} {message}')" in issue.message


def test_a_flood_of_mistakes_is_capped(document: Doc) -> None:
    document["brief"]["tasks"] = [
        {"id": f"t{i}", "role": "copywriter", "hours": 1, "after": [f"missing{i}"]}
        for i in range(20_000)
    ] + [{"id": f"x{i}", "hours": -1} for i in range(5_000)]
    # How fast this is belongs in a benchmark, not in an assertion a busy machine can fail.
    error = raises_scenario_error(lambda: scenario_from_dict(document))
    assert len(error.issues) == 201
    assert "more problems" in error.issues[-1].message
