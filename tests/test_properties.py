"""Property tests (hypothesis, issue 11): random valid scenarios and random hostile files.

* Every plan of a random valid scenario passes the independent validator, a promise reported
  "met" is met in the bookings, and the price is the bookings times the bill rates plus the
  fixed costs.
* YAML → XLSX → YAML and save → load are lossless for random scenarios, names included
  (formula starts, quotes, any printable Unicode).
* Random hostile mutations of valid files end with exit code 0, 1 or 2, never a traceback.

CI runs a modest, repeatable number of examples (:data:`EXAMPLES`). The long profile runs
fresh ones: ``PROPERTY_EXAMPLES=500 PROPERTY_RANDOM=1 python -m pytest
tests/test_properties.py`` (see docs/security.md).
"""

from __future__ import annotations

import io
import os
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.cli.commands import main
from planner.io import dump_yaml, load_scenario_bytes, scenario_xlsx_bytes
from planner.model import Brief, CalendarSettings, Dependency, FixedCost, Person, Scenario, Task
from planner.planning import SolveSettings
from planner.planning.pipeline import plan_scenario
from planner.validate.rules import validate_plan
from tests.conftest import DATA_DIR

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "12"))
"""Examples per property: a modest, repeatable 12 in CI; ``PROPERTY_EXAMPLES=500
PROPERTY_RANDOM=1`` is the long profile (fresh examples every run)."""

PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("PROPERTY_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
HOSTILE = settings(PROPERTY, deadline=60_000)
"""For hostile files: a one-minute hang guard per example, not a speed claim."""

START = date(2027, 3, 1)  # a Monday
ROLES = ("designer", "copywriter")
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")),
    min_size=1,
    max_size=12,
).filter(lambda text: text.strip() == text)


@st.composite
def scenarios(draw: st.DrawFn, names: st.SearchStrategy[str] = _TEXT) -> Scenario:
    """A small valid scenario: 1-3 people, 1-5 tasks (chains, dues, client steps)."""
    people_names = draw(st.lists(names, min_size=1, max_size=3, unique_by=str.casefold))
    team = tuple(
        Person(
            name,
            roles=ROLES if index == 2 else (ROLES[index % 2],),
            hours_per_week=draw(st.sampled_from([10, 20, 30, 37.5, 40])),
            bill_rate=draw(st.integers(50, 150)),
        )
        for index, name in enumerate(people_names)
    )
    available = sorted({role for person in team for role in person.roles})
    tasks: list[Task] = []
    for index in range(draw(st.integers(1, 5))):
        after = tuple(
            Dependency(f"t{i}") for i in range(index) if draw(st.booleans()) and i == index - 1
        )
        due = START + timedelta(days=draw(st.integers(3, 40))) if draw(st.booleans()) else None
        if index and draw(st.integers(0, 4)) == 0:
            tasks.append(Task(f"t{index}", name=draw(names), client_days=2, after=after, due=due))
            continue
        tasks.append(
            Task(
                f"t{index}",
                name=draw(names),
                role=draw(st.sampled_from(available)),
                hours=draw(st.integers(1, 40)),
                after=after,
                due=due,
            )
        )
    return Scenario(
        title=draw(names),
        start=START,
        currency="EUR",
        calendar=CalendarSettings(country="FI"),
        team=team,
        brief=Brief(
            client=draw(names),
            budget=draw(st.none() | st.integers(0, 50_000)),
            tasks=tuple(tasks),
            fixed_costs=(FixedCost(draw(names), draw(st.integers(0, 2000))),),
        ),
    )


@PROPERTY
@given(scenarios(names=st.sampled_from(["Aino", "Eero", "=1+1", "Ōsa", "Piotr"])))
def test_every_plan_is_valid_met_promises_hold_and_price_is_bookings_times_rates(
    scenario: Scenario,
) -> None:
    plan = plan_scenario(scenario, SolveSettings(time_limit=1))
    assert validate_plan(scenario, plan) == []
    last_day: dict[str, date] = {}
    for booking in plan.bookings:
        last_day[booking.task] = max(booking.day, last_day.get(booking.task, booking.day))
    for promise in plan.promises:
        if promise.met:
            assert promise.finish is not None and promise.finish <= promise.due
            assert last_day.get(promise.task, promise.due) <= promise.due
    rates = {person.name: person.bill_rate for person in scenario.team}
    labour = sum(booking.hours * rates[booking.person] for booking in plan.bookings)
    fixed = sum(cost.amount for cost in scenario.brief.fixed_costs)
    assert plan.budget.price == pytest.approx(labour + fixed, abs=0.01)


@PROPERTY
@given(scenarios())
def test_yaml_and_xlsx_round_trips_are_lossless(scenario: Scenario) -> None:
    assert load_scenario_bytes(dump_yaml(scenario).encode("utf-8"), "s.yaml") == scenario
    workbook = scenario_xlsx_bytes(scenario)
    again = load_scenario_bytes(workbook, "s.xlsx")
    assert again == scenario
    assert load_scenario_bytes(dump_yaml(again).encode("utf-8"), "back.yaml") == scenario


# ----------------------------------------------------------------------------- hostile files

HOSTILE_VALUES = [
    "9" * 5000,
    -1,
    0,
    1e308,
    float("nan"),
    "0001-01-01",
    "9999-12-31",
    "=cmd|' /C calc'!A0",
    "\x1b]0;x\x07",
    "![x](http://e)",
    [],
    {},
    None,
    True,
    "Mon-Sun",
    {"every": "month", "count": 10_000, "interval": 10_000},
    "a" * 10_000,
    [[[[[[[]]]]]]],
]


def _scalars(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _scalars(value, (*path, key))]
    if isinstance(node, list):
        return [p for index, value in enumerate(node) for p in _scalars(value, (*path, index))]
    return [path]


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        document = document[key]
    document[path[-1]] = value


SAMPLE = (DATA_DIR / "lumo-spring-campaign.yaml").read_bytes()


def _run(tmp_path: Path, name: str, data: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["check", str(path), "--time-limit", "1"])
    err = capsys.readouterr().err
    assert code in (0, 1, 2), err
    assert "Traceback" not in err


@HOSTILE
@given(data=st.data())
def test_hostile_values_in_a_valid_yaml_end_with_0_1_or_2(
    data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = yaml.safe_load(SAMPLE)
    for path in data.draw(st.lists(st.sampled_from(_scalars(document)), min_size=1, max_size=3)):
        _set(document, path, data.draw(st.sampled_from(HOSTILE_VALUES)))
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    _run(tmp_path, "hostile.yaml", text.encode("utf-8", "surrogatepass"), capsys)


@HOSTILE
@given(data=st.data())
def test_random_byte_damage_ends_with_0_1_or_2(
    data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suffix = data.draw(st.sampled_from([".yaml", ".xlsx"]))
    original = bytearray(SAMPLE if suffix == ".yaml" else _lumo_xlsx())
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    for _ in range(data.draw(st.integers(1, 8))):
        position = rng.randrange(len(original))
        action = rng.choice(["flip", "insert", "delete"])
        if action == "flip":
            original[position] = rng.randrange(256)
        elif action == "insert":
            original[position:position] = rng.choice([b"\x00", b"&", b"!!", b"\t", b"*a", b"=1"])
        else:
            del original[position : position + rng.randrange(1, 50)]
    _run(tmp_path, "damaged" + suffix, bytes(original), capsys)


_XLSX_CACHE: list[bytes] = []


def _lumo_xlsx() -> bytes:
    if not _XLSX_CACHE:
        _XLSX_CACHE.append(scenario_xlsx_bytes(load_scenario_bytes(SAMPLE, "lumo.yaml")))
    return _XLSX_CACHE[0]


def test_the_property_module_reads_its_sample() -> None:
    assert load_scenario_bytes(SAMPLE, "lumo.yaml").brief.tasks
    assert io.BytesIO(_lumo_xlsx()).getvalue().startswith(b"PK")
