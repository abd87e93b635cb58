"""House rules of the import graph, read from the source (nothing is imported to check them).

* ``planner/`` never imports streamlit (the library is UI-free);
* ortools is imported only inside ``planner/scheduler/`` (solver words stay there);
* no import cycles between planner modules (imports only under ``TYPE_CHECKING`` excepted:
  they are for annotations and never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

PLANNER = Path(__file__).resolve().parents[1] / "planner"


def module_name(path: Path) -> str:
    parts = path.relative_to(PLANNER.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(path: Path) -> set[str]:
    """Absolute module names imported by ``path`` at run time."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def planner_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PLANNER.rglob("*.py")}
    return {
        name: {m for m in imports_of(path) if m in modules and m != name}
        for name, path in modules.items()
    }


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
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_rules_see_imports() -> None:
    """The checks above would catch a violation (they are not vacuous)."""
    graph = planner_graph()
    assert "planner.scheduler.problem" in graph["planner.scheduler.solve"]
    assert any("ortools" in m for m in imports_of(PLANNER / "scheduler" / "cpsat.py"))
