"""Where the app's scenario comes from and how it is known: samples, uploads, the cache key."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from planner.model import Scenario

DATA_DIR = Path(__file__).resolve().parents[1] / "samples"
"""The bundled sample scenarios: ``planner/samples`` links to ``data/`` in the repository and
holds copies in an installed package, so a non-editable install opens the app on a sample."""

DEFAULT_SAMPLE = "tundra-product-launch.yaml"
"""The sample the app opens with: an over-promised launch, so the first view tells a story."""


def list_samples(directory: Path = DATA_DIR) -> list[Path]:
    """The bundled sample scenarios, the default one first, the rest by file name.

    Parameters
    ----------
    directory
        Folder holding ``*.yaml`` scenarios.

    Returns
    -------
    list of Path
        Empty when the folder is missing or holds no YAML file.
    """
    paths = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    return sorted(paths, key=lambda path: path.name != DEFAULT_SAMPLE)


def sample_label(path: Path) -> str:
    """A readable sample name: ``tundra-product-launch.yaml`` → ``Tundra product launch``."""
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:]


def upload_id(name: str, data: bytes) -> str:
    """Identifies an uploaded file by name and content (a re-upload of a changed file is new)."""
    return f"upload:{name}:{hashlib.sha256(data).hexdigest()[:16]}"


def scenario_key(scenario: Scenario) -> str:
    """A content hash of a scenario, the solve cache key: equal scenarios, equal keys.

    The frozen dataclasses' ``repr`` spells out every field, so the key changes whenever
    anything that can change the plan changes, and never otherwise.
    """
    return hashlib.sha256(repr(scenario).encode("utf-8")).hexdigest()
