"""The README's library example is the public API as documented: it must run as written."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def library_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The library", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_library_example_runs(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(library_example(), "README.md", "exec"), {})  # our own README
    printed = capsys.readouterr().out
    assert "promise" in printed.lower()
    assert os.path.exists(ROOT / "data" / "lumo-spring-campaign.yaml")


def test_every_module_named_in_the_api_table_exists() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| name | what it does |", 1)[1].split("\n\n", 1)[0]
    for dotted in re.findall(r"`(planner(?:\.\w+)+)", table):
        parts = dotted.split(".")
        module = __import__(".".join(parts[:2]), fromlist=["_"])
        for index, part in enumerate(parts[2:], start=2):
            if hasattr(module, part):
                module = getattr(module, part)
            else:
                module = __import__(".".join(parts[: index + 1]), fromlist=["_"])
        assert module is not None, dotted
