"""Small graph helpers for dependency checks (iterative, so long task chains are fine)."""

from __future__ import annotations

from collections import defaultdict, deque


def components(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Kosaraju, iterative so long chains are fine)."""
    finished: list[str] = []
    seen: set[str] = set()
    for node in nodes:
        if node in seen:
            continue
        seen.add(node)
        stack = [(node, iter(succ[node]))]
        while stack:
            current, children = stack[-1]
            for child in children:
                if child not in seen:
                    seen.add(child)
                    stack.append((child, iter(succ[child])))
                    break
            else:
                stack.pop()
                finished.append(current)
    pred: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        for child in succ[node]:
            pred[child].append(node)
    components: list[list[str]] = []
    assigned: set[str] = set()
    for node in reversed(finished):
        if node in assigned:
            continue
        assigned.add(node)
        component, todo = [], [node]
        while todo:
            current = todo.pop()
            component.append(current)
            for parent in pred[current]:
                if parent not in assigned:
                    assigned.add(parent)
                    todo.append(parent)
        components.append(component)
    return components


def cycle_through(start: str, succ: dict[str, list[str]], members: set[str]) -> list[str]:
    """A shortest cycle ``start → … → start`` inside one component (breadth-first)."""
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for child in succ[current]:
            if child == start:
                cycle = [current]
                while (previous := parent[cycle[-1]]) is not None:
                    cycle.append(previous)
                return [*reversed(cycle), start]
            if child in members and child not in parent:
                parent[child] = current
                queue.append(child)
    raise AssertionError("component without a cycle")  # pragma: no cover
