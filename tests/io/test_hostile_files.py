"""Hostile and odd scenario files (issue 11): each refused with a located message, quickly.

Workbooks are made by rewriting the parts of a valid one, so each test changes one thing.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from copy import deepcopy
from typing import Any

import openpyxl
import pytest

from planner.io import (
    dump_yaml,
    load_scenario_bytes,
    scenario_from_dict,
    scenario_from_tables,
    scenario_to_tables,
    scenario_xlsx_bytes,
)
from planner.io.limits import MAX_HORIZON_DAYS, MAX_TASK_INSTANCES
from planner.io.xlsx_io import MAX_COLUMNS, MAX_ROWS
from planner.model import Scenario
from tests.io.conftest import raises_scenario_error


def _sheet_part(data: bytes, sheet: str) -> str:
    names = openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def _rewrite(data: bytes, part: str, change: Any) -> bytes:
    """``data`` with zip member ``part`` replaced by ``change(text)``."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == part:
                body = change(body.decode("utf-8")).encode("utf-8")
            target.writestr(item, body)
    return out.getvalue()


def _far_cell(ref: str, row: int) -> Any:
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
    return lambda text: re.sub(
        r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', text
    ).replace("</sheetData>", cell + "</sheetData>")


def test_a_false_dimension_record_is_not_trusted(rich: Scenario) -> None:
    data = scenario_xlsx_bytes(rich)
    part = _sheet_part(data, "tasks")
    lying = _rewrite(
        data,
        part,
        lambda t: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', t),
    )
    assert load_scenario_bytes(lying, "lying.xlsx") == rich


@pytest.mark.parametrize(
    ("ref", "row", "expected"),
    [
        ("XFD1048576", 1048576, f"more than {MAX_ROWS} rows (data in row 1048576)"),
        ("XFD2", 2, f"data in column XFD, beyond the {MAX_COLUMNS} columns read"),
    ],
)
def test_a_cell_far_away_is_refused_without_reading_a_million_rows(
    rich: Scenario, ref: str, row: int, expected: str
) -> None:
    data = scenario_xlsx_bytes(rich)
    bomb = _rewrite(data, _sheet_part(data, "tasks"), _far_cell(ref, row))
    error = raises_scenario_error(lambda: load_scenario_bytes(bomb, "bomb.xlsx"))
    assert f"sheet tasks has {expected}" in str(error)
    assert "delete the unused rows and columns" in str(error)


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_xml_entity_definitions_are_refused(rich: Scenario, part: str) -> None:
    data = scenario_xlsx_bytes(rich)
    dtd = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    part = part if part in names else "xl/workbook.xml"
    hostile = _rewrite(
        data, part, lambda t: t.replace("?>", "?>" + dtd, 1) if t.startswith("<?xml") else dtd + t
    )
    error = raises_scenario_error(lambda: load_scenario_bytes(hostile, "entities.xlsx"))
    assert f"the part {part} declares XML entities" in str(error)


def _deflate_damage(data: bytes) -> bytes:
    """``data`` with one byte of its first zip member's compressed stream changed so that
    inflating fails inside zlib (found by trying, as random damage did in the long hypothesis
    run: "invalid distance too far back")."""
    member = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    start = member.header_offset + 30 + len(member.filename.encode()) + len(member.extra)
    for position in range(start, start + member.compress_size):
        for value in (0x00, 0xFF, 0x55):
            damaged = bytearray(data)
            damaged[position] = value
            try:
                with zipfile.ZipFile(io.BytesIO(bytes(damaged))) as archive:
                    archive.read(member.filename)
            except zlib.error:
                return bytes(damaged)
            except Exception:  # other damage (e.g. a bad checksum): keep looking
                continue
    raise AssertionError("no single-byte damage makes zlib fail")


def test_a_damaged_compressed_stream_is_a_located_error_not_a_traceback(rich: Scenario) -> None:
    damaged = _deflate_damage(scenario_xlsx_bytes(rich))
    error = raises_scenario_error(lambda: load_scenario_bytes(damaged, "damaged.xlsx"))
    assert "damaged.xlsx" in str(error) and "save the workbook as .xlsx" in str(error)


def test_a_hidden_sheet_never_silently_replaces_a_visible_one(rich: Scenario) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(scenario_xlsx_bytes(rich)))
    hidden = workbook.copy_worksheet(workbook["tasks"])
    hidden.title = "Tasks "
    hidden.sheet_state = "hidden"
    hidden["B2"] = "something else"
    buffer = io.BytesIO()
    workbook.save(buffer)
    error = raises_scenario_error(lambda: load_scenario_bytes(buffer.getvalue(), "two.xlsx"))
    assert "two sheets for the tasks table: 'tasks' and 'Tasks ' (hidden)" in str(error)
    assert "Unhide" in str(error)


def _yaml_with(document: dict[str, Any], change: Any) -> bytes:
    doc = deepcopy(document)
    change(doc)
    import yaml

    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode("utf-8")


def _error(data: bytes, name: str = "odd.yaml") -> str:
    return str(raises_scenario_error(lambda: load_scenario_bytes(data, name)))


def test_a_5000_digit_integer_is_a_located_error(document: dict[str, Any]) -> None:
    text = _yaml_with(document, lambda d: None).decode()
    text = re.sub(r"hours: 24\b", "hours: " + "9" * 5000, text, count=1)
    message = _error(text.encode())
    assert "brief.tasks[0].hours" in message and "must be a" in message
    assert len(message) < 1000  # the number is shortened in the message


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_dates_in_year_1_or_9999_are_refused_at_their_field(
    document: dict[str, Any], year: str
) -> None:
    message = _error(_yaml_with(document, lambda d: d.update(start=f"{year}-03-01")))
    assert "start (line" in message and f"{year}-03-01 is outside the years 1900-2199" in message


def test_monthly_repeats_running_for_centuries_are_refused(document: dict[str, Any]) -> None:
    def monthly(doc: dict[str, Any]) -> None:
        doc["start"] = "2199-01-04"
        doc["brief"]["tasks"].append(
            {
                "id": "report",
                "role": "designer",
                "hours": 1,
                "repeat": {"every": "month", "count": 9000},
            }
        )

    message = _error(_yaml_with(document, monthly))
    assert "repeat" in message and f"at most {MAX_HORIZON_DAYS:,} days" in message


def test_due_date_before_the_start_is_refused_not_reported_late(document: dict[str, Any]) -> None:
    def early(doc: dict[str, Any]) -> None:
        doc["brief"]["tasks"][0]["due"] = "2020-01-01"

    message = _error(_yaml_with(document, early))
    assert "brief.tasks[0].due" in message and "before the scenario start" in message


def test_more_than_24_hours_a_day_is_refused(document: dict[str, Any]) -> None:
    def one_day(doc: dict[str, Any]) -> None:
        doc["team"][0].update(hours_per_week=168, workdays=["Mon"])

    message = _error(_yaml_with(document, one_day))
    assert "team[0].hours_per_week" in message and "168 hours a day, more than 24" in message


def test_negative_commitments_cannot_add_more_than_a_day_holds(document: dict[str, Any]) -> None:
    def overtime(doc: dict[str, Any]) -> None:
        name = doc["team"][0]["name"]
        doc["commitments"] = [
            {"person": name, "from": "2027-03-01", "to": "2027-03-31", "hours_per_week": -150}
        ]

    message = _error(_yaml_with(document, overtime))
    assert "commitments[0].hours_per_week" in message and "more than 24" in message


def test_ten_thousand_tasks_are_refused_before_any_planning(document: dict[str, Any]) -> None:
    def many(doc: dict[str, Any]) -> None:
        doc["brief"]["tasks"] = [
            {"id": f"t{i}", "role": "designer", "hours": 1} for i in range(10_000)
        ]

    message = _error(_yaml_with(document, many))  # the YAML reader stops before parsing
    assert "values (keys and list items), more than the 40,000" in message
    many(document)  # the same through the table form (workbooks, the app) hits the task limit
    error = raises_scenario_error(lambda: scenario_from_dict(document, "many.xlsx"))
    assert f"more than the {MAX_TASK_INSTANCES:,} one plan can hold" in str(error)


@pytest.mark.parametrize("character", ["\x1b", "\x07", "\x9b", "\x00"])
def test_control_characters_in_text_are_refused_in_yaml_and_sheets(
    rich: Scenario, document: dict[str, Any], character: str
) -> None:
    document["team"][0]["name"] = f"Ai{character}]0;pwned"
    with pytest.raises(Exception) as caught:
        scenario_from_dict(document, "doc.yaml")
    assert "control character" in str(caught.value)
    tables = scenario_to_tables(rich)  # the workbook and app-table path
    tables["team"].loc[0, "name"] = f"Ai{character}no"
    message = str(raises_scenario_error(lambda: scenario_from_tables(tables, "ctl.xlsx")))
    assert "sheet team, row 2, column name" in message
    assert "control character" in message and character not in message


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        (b"scenario: x\ncurrency: !!python/object/apply:os.system [ls]\n", "remove the '!' tag"),
        (b"scenario: x\nteam:\n\t- name: A\n", "indent with spaces, not tabs"),
        (b"scenario: \x1b[31m\n", "remove the control character"),
        (b"x: " + b"[" * 5000 + b"]" * 5000 + b"\n", "check brackets"),
    ],
)
def test_yaml_hints_name_the_real_problem(data: bytes, hint: str) -> None:
    message = _error(data)
    assert hint in message and "check the indentation" not in message


def test_utf32_yaml_is_read(rich: Scenario) -> None:
    assert load_scenario_bytes(dump_yaml(rich).encode("utf-32"), "wide.yaml") == rich


def test_saved_yaml_has_no_aliases_even_for_shared_values(rich: Scenario) -> None:
    import yaml

    from planner.io.yaml_io import _Dumper

    shared = ["designer", "copywriter"]
    assert "&id" not in yaml.dump({"a": shared, "b": shared}, Dumper=_Dumper)
    text = dump_yaml(rich)
    assert "&id" not in text and "*id" not in text
    assert load_scenario_bytes(text.encode(), "again.yaml") == rich
