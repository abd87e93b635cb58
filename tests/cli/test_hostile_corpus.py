"""A corpus of crafted hostile files through ``planner check --out`` (issue 11).

Each file is small and made here from a tiny valid scenario, so the expected exit code
follows from what the file holds: 0 when it is valid (whatever its names say), 2 when it must
be refused, with a word of the message that must name the problem. Every run must end without
a traceback; every folder written must be formula-safe (read back with ``csv`` and openpyxl:
no formula cells, no text starting like a formula).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from bench.hostile import dimension_bomb
from planner.cli import main
from planner.io import load_scenario_bytes, scenario_xlsx_bytes

BASE = """\
scenario: Corpus
start: 2027-03-01
currency: EUR
team:
  - {name: Aino, roles: [designer], hours_per_week: 37.5, bill_rate: 90}
brief:
  client: Acme
  budget: 5000
  tasks:
    - {id: a, name: Concept, role: designer, hours: 10, due: 2027-03-10}
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _yaml(old: str = "", new: str = "") -> Callable[[], bytes]:
    def make() -> bytes:
        assert old in BASE
        return BASE.replace(old, new, 1).encode("utf-8")

    return make


def _xlsx(changed: Callable[[], bytes] | None = None) -> Callable[[], bytes]:
    source = changed or _yaml()
    return lambda: scenario_xlsx_bytes(load_scenario_bytes(source(), "base.yaml"))


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def _with_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    return _zip(
        {
            i.filename: change(source.read(i)) if i.filename == part else source.read(i)
            for i in source.infolist()
        }
    )


def _entities() -> bytes:
    dtd = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'

    def add(body: bytes) -> bytes:
        return body.replace(b"?>", b"?>" + dtd, 1) if body.startswith(b"<?xml") else dtd + body

    return _with_part(_xlsx()(), "xl/workbook.xml", add)


def _laughs() -> bytes:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        name, previous = chr(97 + level), chr(96 + level)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return ("\n".join(lines) + "\n" + BASE).encode()


TEN_THOUSAND = "".join(f"    - {{id: t{i}, role: designer, hours: 1}}\n" for i in range(10_000))
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
DEEP = ("x: " + "[" * 5000 + "]" * 5000 + "\n").encode()
FORMULA_NAMES = _yaml(
    "scenario: Corpus\n",
    'scenario: "=HYPERLINK(\\"http://127.0.0.1:9/\\",\\"x\\")"\n',
)

CASES: list[tuple[str, str, Callable[[], bytes], int, str]] = [
    # name, suffix, file, exit code, a word of the message (exit 2)
    ("valid", ".yaml", _yaml(), 0, ""),
    ("valid .yml", ".yml", _yaml(), 0, ""),
    ("formula title", ".yaml", FORMULA_NAMES, 0, ""),
    ("formula person (DDE)", ".yaml", _yaml("name: Aino", "name: \"=cmd|' /C calc'!A0\""), 0, ""),
    ("formula task and client", ".yaml", _yaml("client: Acme", "client: '+SUM(1)'"), 0, ""),
    ("at-sign task name", ".yaml", _yaml("name: Concept", "name: '@SUM(A1:A9)'"), 0, ""),
    ("minus task name", ".yaml", _yaml("name: Concept", "name: '-2+3'"), 0, ""),
    ("UTF-16 with BOM", ".yaml", lambda: codecs.BOM_UTF16_LE + BASE.encode("utf-16-le"), 0, ""),
    ("UTF-32 with BOM", ".yaml", lambda: BASE.encode("utf-32"), 0, ""),
    ("billion laughs", ".yaml", _laughs, 2, "alias"),
    (
        "python tag",
        ".yaml",
        _yaml("client: Acme", "client: !!python/object/apply:os.system [id]"),
        2,
        "tag",
    ),
    ("deep nesting", ".yaml", lambda: DEEP, 2, "nesting"),
    ("5,000-digit integer", ".yaml", _yaml("hours: 10", "hours: " + "9" * 5000), 2, "hours"),
    ("start in year 1", ".yaml", _yaml("start: 2027-03-01", "start: 0001-03-01"), 2, "start"),
    ("due in 9999", ".yaml", _yaml("due: 2027-03-10", "due: 9999-12-31"), 2, "due"),
    ("due before the start", ".yaml", _yaml("due: 2027-03-10", "due: 2027-02-01"), 2, "due"),
    ("tab indentation", ".yaml", _yaml("  - {name: Aino", "\t- {name: Aino"), 2, "tab"),
    (
        "escape sequence in a name",
        ".yaml",
        _yaml("name: Concept", 'name: "\\e]0;pwned\\a"'),
        2,
        "control",
    ),
    ("NUL bytes", ".yaml", lambda: BASE.encode().replace(b"Acme", b"Ac\x00me"), 2, ""),
    ("binary noise", ".yaml", lambda: bytes(range(256)) * 8, 2, ""),
    ("empty file", ".yaml", lambda: b"", 2, "empty"),
    ("a list, not a scenario", ".yaml", lambda: b"- 1\n- 2\n", 2, ""),
    (
        "168 hours on one workday",
        ".yaml",
        _yaml("hours_per_week: 37.5,", "hours_per_week: 168, workdays: [Mon],"),
        2,
        "24",
    ),
    (
        "10,000 tasks",
        ".yaml",
        _yaml("    - {id: a,", TEN_THOUSAND + "    - {id: a,"),
        2,
        "40,000",
    ),
    (
        "monthly repeats for centuries",
        ".yaml",
        _yaml("due: 2027-03-10}", "due_within: 5, repeat: {every: month, count: 5000}}"),
        2,
        "",
    ),
    ("a task after itself", ".yaml", _yaml("hours: 10,", "hours: 10, after: [a],"), 2, "a"),
    ("unknown extension", ".txt", _yaml(), 2, ".txt"),
    ("valid workbook", ".xlsx", _xlsx(), 0, ""),
    ("workbook with formula names", ".xlsx", _xlsx(FORMULA_NAMES), 0, ""),
    ("dimension bomb", ".xlsx", dimension_bomb, 2, "rows"),
    ("zip bomb", ".xlsx", lambda: _zip({"xl/big.xml": b"\0" * (30 * 2**20)}), 2, "MB"),
    ("XML entities", ".xlsx", _entities, 2, "entities"),
    (
        "old .xls / protected",
        ".xlsx",
        lambda: OLE,
        2,
        ".xls",
    ),
    ("not a zip", ".xlsx", _yaml(), 2, "zip"),
    ("macro workbook", ".xlsm", _xlsx(), 2, ".xlsm"),
]


def _formula_cells(folder: Path) -> list[str]:
    """Every CSV or workbook cell in ``folder`` that a spreadsheet would run as a formula."""
    found = []
    for path in folder.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                found += [f"{path.name}: {c!r}" for c in row if _live(c)]
    workbook = openpyxl.load_workbook(folder / "plan.xlsx")
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and _live(cell.value)):
                    found.append(f"plan.xlsx {sheet.title}!{cell.coordinate}: {cell.value!r}")
    return found


def _live(text: str) -> bool:
    if not text.startswith(FORMULA_STARTS):
        return False
    try:
        float(text)  # a negative number is a number, not a formula
    except ValueError:
        return True
    return False


@pytest.mark.parametrize(
    ("suffix", "make", "expected", "word"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_a_hostile_file_ends_with_its_exit_code_and_formula_safe_output(
    suffix: str,
    make: Callable[[], bytes],
    expected: int,
    word: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")  # HTML charts: quick
    path, out = tmp_path / f"hostile{suffix}", tmp_path / "out"
    path.write_bytes(make())
    code = main(["check", str(path), "--time-limit", "1", "--out", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == expected, err
    if expected == 2:
        assert path.name in err and word.lower() in err.lower()
        assert not out.exists()
    else:
        assert _formula_cells(out) == []
