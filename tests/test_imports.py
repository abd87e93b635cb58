"""House rules of the import graph, read from the source (nothing is imported to check them).

* the folders are layers that follow the data flow (:data:`LAYERS`, lowest first): a module
  imports only its own package and the layers below it, never a sibling of its own layer or
  anything above (``docs/architecture.md`` explains each layer);
* ``planner/`` never imports streamlit (the library is UI-free);
* ortools is imported only inside ``planner/scheduler/`` (solver words stay there), and the
  scheduler imports nothing of the agency domain (it is a generic core);
* no import cycles between planner modules (imports only under ``TYPE_CHECKING`` excepted:
  they are for annotations and never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

PLANNER = Path(__file__).resolve().parents[1] / "planner"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("planner.scheduler", "planner.i18n", "planner.safe_cell"),
    ("planner.model",),
    ("planner.io",),
    ("planner.plan",),
    ("planner.planning",),
    ("planner.wording",),
    ("planner.validate", "planner.generate"),
    ("planner.diagnosis",),
    ("planner.charts",),
    ("planner.report",),
    ("planner.client", "planner.risk", "planner.store"),
    ("planner.app",),
    ("planner.cli",),
)
"""The layers, lowest first. ``planner`` itself (the package's public face) sits on top."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PLANNER.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PLANNER.rglob("*.py")}


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(path: Path) -> set[str]:
    """Module names imported by ``path`` at run time (``from pkg import sub`` is ``pkg.sub``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return found


def planner_graph() -> dict[str, set[str]]:
    return {
        name: {m for m in imports_of(path) if m in MODULES and m != name}
        for name, path in MODULES.items()
    }


def layer_of(module: str) -> tuple[int, str]:
    """(layer index, the unit: the folder or module of :data:`LAYERS` holding ``module``)."""
    for index, units in enumerate(LAYERS):
        for unit in units:
            if module == unit or module.startswith(unit + "."):
                return index, unit
    assert module == "planner", f"{module} is in no layer: add it to LAYERS"
    return len(LAYERS), "planner"


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_imports_go_down_the_layers_only() -> None:
    upward = []
    for module, imported in planner_graph().items():
        level, unit = layer_of(module)
        for target in imported:
            target_level, target_unit = layer_of(target)
            if target_unit != unit and target_level >= level:
                upward.append(f"{module} -> {target}")
    assert sorted(upward) == []


def test_planner_never_imports_streamlit() -> None:
    offenders = [
        module_name(p)
        for p in PLANNER.rglob("*.py")
        if any(m.split(".")[0] == "streamlit" for m in imports_of(p))
    ]
    assert offenders == []


def test_ortools_only_in_the_scheduler() -> None:
    offenders = [
        module_name(p)
        for p in PLANNER.rglob("*.py")
        if any(m.split(".")[0] == "ortools" for m in imports_of(p))
        and not module_name(p).startswith("planner.scheduler")
    ]
    assert offenders == []


def test_no_import_cycles() -> None:
    graph = planner_graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_rules_can_fail() -> None:
    """The layer check sees an upward import (a report importing the CLI) as one."""
    assert layer_of("planner.report.page")[0] < layer_of("planner.cli.commands")[0]
    assert layer_of("planner.scheduler.solve")[0] < layer_of("planner.planning.agency")[0]


def test_the_rules_see_imports() -> None:
    """The checks above would catch a violation (they are not vacuous)."""
    graph = planner_graph()
    assert "planner.scheduler.problem" in graph["planner.scheduler.solve"]
    assert "planner.planning.calendar" in graph["planner.planning.instances"]
    assert any("ortools" in m for m in imports_of(PLANNER / "scheduler" / "cpsat.py"))


SHORT_FUNCTION_FOLDERS = ("scheduler", "diagnosis", "planning")
MAX_FUNCTION_LINES = 60


def test_functions_in_the_core_are_short_enough_to_read_at_once() -> None:
    """No function of the scheduler, diagnosis or planning (docstring included) is over 60
    lines."""
    long = []
    for folder in SHORT_FUNCTION_FOLDERS:
        for path in (PLANNER / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    lines = (node.end_lineno or node.lineno) - node.lineno + 1
                    if lines > MAX_FUNCTION_LINES:
                        long.append(f"{module_name(path)}.{node.name}: {lines} lines")
    assert long == []


def test_no_test_module_imports_another_test_module() -> None:
    """Shared test helpers live in ``tests/support/`` or a ``conftest.py``, never in a test."""
    tests = PLANNER.parent / "tests"
    offenders = [
        f"{path.relative_to(tests)} imports {name}"
        for path in tests.rglob("*.py")
        for name in imports_of(path)
        if name.startswith("tests.") and name.rsplit(".", 1)[-1].startswith("test_")
    ]
    assert offenders == []
