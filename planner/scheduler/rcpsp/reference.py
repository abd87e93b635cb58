"""The benchmark folder's ``reference.csv``: best known bounds of every PSPLIB instance."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReferenceRow:
    """One row of the benchmark folder's ``reference.csv`` (see its README)."""

    set: str
    instance: str
    file: str
    lower_bound: int
    best_known_upper_bound: int
    optimal: bool
    cpm_lower_bound: int

    @property
    def group(self) -> int:
        """PSPLIB parameter group (``j3013_7`` -> 13)."""
        return _split_stem(self.set, self.instance)[0]

    @property
    def number(self) -> int:
        """Instance number within its parameter group (``j3013_7`` -> 7)."""
        return _split_stem(self.set, self.instance)[1]


def read_reference(path: str | Path) -> list[ReferenceRow]:
    """Read ``reference.csv`` of the PSPLIB benchmark folder, in file order."""
    rows: list[ReferenceRow] = []
    with Path(path).open(newline="", encoding="utf-8") as handle:
        for number, rec in enumerate(csv.DictReader(handle), start=2):
            try:
                rows.append(
                    ReferenceRow(
                        set=rec["set"],
                        instance=rec["instance"],
                        file=rec["file"],
                        lower_bound=int(rec["lower_bound"]),
                        best_known_upper_bound=int(rec["best_known_upper_bound"]),
                        optimal=rec["optimal"].strip() == "True",
                        cpm_lower_bound=int(rec["cpm_lower_bound"]),
                    )
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{number}: bad reference row ({exc})") from None
    return rows


def _split_stem(set_name: str, stem: str) -> tuple[int, int]:
    match = re.fullmatch(re.escape(set_name) + r"(\d+)_(\d+)", stem)
    if not match:
        raise ValueError(f"instance name {stem!r} does not look like {set_name}<group>_<number>")
    return int(match.group(1)), int(match.group(2))
