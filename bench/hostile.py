"""Hostile-file benchmark: how long the readers take on the largest and the worst files.

Each file is made in memory from the Lumo sample and read with ``load_scenario_bytes`` (the
path of the CLI and of app uploads); prints a Markdown table of size, seconds and outcome.
The figures back the limits in docs/security.md.

Example::

    python bench/hostile.py
"""

from __future__ import annotations

import io
import re
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from planner.io import ScenarioError, load_scenario_bytes, scenario_xlsx_bytes  # noqa: E402

LUMO = (REPO_ROOT / "data" / "lumo-spring-campaign.yaml").read_text(encoding="utf-8")
HEAD = LUMO[: LUMO.index("  tasks:")]


def chained_tasks(count: int) -> bytes:
    """A brief of ``count`` tasks, each after the previous one, with names and dues."""
    tasks = "".join(
        f"    - {{id: t{i}, name: Task {i}, role: designer, hours: 1, due: 2027-06-30, "
        f"after: [t{i - 1}]}}\n"
        for i in range(1, count)
    )
    return (HEAD + "  tasks:\n    - {id: t0, role: designer, hours: 1}\n" + tasks).encode()


def many_fixed_costs(megabytes: float) -> bytes:
    """A YAML of about ``megabytes`` MB, almost all of it fixed costs."""
    lines, size, index = [], 0, 0
    while size < megabytes * 2**20 - 200:
        line = f"    - {{name: c{index}, amount: 1}}\n"
        lines.append(line)
        size, index = size + len(line), index + 1
    head = HEAD.replace("  fixed_costs:\n", "  fixed_costs:\n" + "".join(lines), 1)
    return (head + "  tasks:\n    - {id: a, role: designer, hours: 1}\n").encode()


def dimension_bomb() -> bytes:
    """The Lumo workbook whose sheets claim A1:XFD1048576 and hold a cell there."""
    data = scenario_xlsx_bytes(load_scenario_bytes(LUMO.encode(), "lumo.yaml"))
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = re.sub(
                    r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', body.decode()
                )
                body = text.replace("</sheetData>", far + "</sheetData>").encode()
            target.writestr(item, body)
    return out.getvalue()


def workbook_rows(rows: int) -> bytes:
    """The Lumo workbook with ``rows`` extra fixed-cost rows."""
    import openpyxl

    data = scenario_xlsx_bytes(load_scenario_bytes(LUMO.encode(), "lumo.yaml"))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for index in range(rows):
        workbook["fixed_costs"].append([f"cost {index}", 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CASES: list[tuple[str, str, Callable[[], bytes]]] = [
    (
        "3,000 chained tasks (just under the 40,000-value limit)",
        "yaml",
        lambda: chained_tasks(3000),
    ),
    ("2 MB of fixed costs", "yaml", lambda: many_fixed_costs(1.99)),
    ("dimension bomb: a cell at XFD1048576 in every sheet", "xlsx", dimension_bomb),
    ("workbook with 19,000 fixed-cost rows", "xlsx", lambda: workbook_rows(19_000)),
]


def main() -> int:
    """Print the table."""
    print("| file | size | seconds | outcome |")
    print("|---|---:|---:|---|")
    for name, kind, make in CASES:
        data = make()
        started = time.perf_counter()
        try:
            load_scenario_bytes(data, f"case.{kind}")
            outcome = "read"
        except ScenarioError as error:
            outcome = "refused: " + error.issues[0].message[:70]
        seconds = time.perf_counter() - started
        print(f"| {name} | {len(data) / 1024:,.0f} KB | {seconds:.2f} | {outcome} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
