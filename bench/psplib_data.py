"""The PSPLIB benchmark data, shipped with the project as ``bench/psplib.tar.xz``.

The archive (0.9 MB) holds the j30, j60 and j120 instances, the published reference values and
their README (sources and format). :func:`psplib_folder` unpacks it once into a cache folder
keyed by the archive's content, so a fresh clone runs the PSPLIB tests and benchmarks with no
other download.
"""

from __future__ import annotations

import hashlib
import shutil
import tarfile
import tempfile
from pathlib import Path

ARCHIVE = Path(__file__).resolve().parent / "psplib.tar.xz"


def psplib_folder(cache: Path | None = None) -> Path:
    """The unpacked PSPLIB folder (``reference.csv``, ``j30/``, ``j60/``, ``j120/``).

    Parameters
    ----------
    cache
        Where to unpack (default: the system's temporary folder).
    """
    digest = hashlib.sha256(ARCHIVE.read_bytes()).hexdigest()[:16]
    root = (cache or Path(tempfile.gettempdir())) / f"sla-planner-psplib-{digest}"
    folder = root / "psplib"
    if (folder / "reference.csv").is_file():
        return folder
    partial = Path(tempfile.mkdtemp(prefix="psplib-", dir=root.parent))
    with tarfile.open(ARCHIVE, "r:xz") as archive:
        archive.extractall(partial, filter="data")  # no links or paths outside the folder
    try:
        partial.rename(root)
    except OSError:  # another process unpacked it first
        shutil.rmtree(partial, ignore_errors=True)
    return folder
