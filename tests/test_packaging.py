"""The package as users install it: a non-editable wheel carries the sample scenarios."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from planner.app import DATA_DIR, list_samples

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_samples_are_found_through_the_package() -> None:
    names = {path.name for path in list_samples(DATA_DIR)}
    assert names == {path.name for path in (REPO_ROOT / "data").glob("*.yaml")}
    assert DATA_DIR.parent.name == "planner"


def test_wheel_ships_every_sample(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a copy, so the build leaves nothing in the checkout
    for name in ("planner", "data", "pyproject.toml", "README.md"):
        copy = shutil.copytree if (REPO_ROOT / name).is_dir() else shutil.copy
        kwargs = {"symlinks": True, "ignore": shutil.ignore_patterns("__pycache__")}
        copy(REPO_ROOT / name, source / name, **(kwargs if copy is shutil.copytree else {}))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        cwd=source,
    )
    (wheel,) = tmp_path.glob("sla_planner-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.split("/samples/", 1)[1] for n in names if "/samples/" in n}
    data = REPO_ROOT / "data"
    expected = {str(p.relative_to(data)) for p in data.rglob("*") if p.suffix in (".yaml", ".xlsx")}
    assert shipped == expected
