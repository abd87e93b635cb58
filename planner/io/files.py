"""Scenario files: choosing the format by extension, size limits, saving and converting."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path, PurePath

from planner.io.errors import N_, ScenarioError, file_issue
from planner.io.xlsx_io import read_xlsx, write_xlsx
from planner.io.yaml_io import dump_yaml, read_yaml
from planner.model import (
    Brief,
    CalendarSettings,
    Commitment,
    DateRange,
    FixedCost,
    Person,
    Scenario,
    Task,
)

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest scenario file accepted (real ones are a few kilobytes)."""

MAX_YAML_BYTES = 2 * 1024 * 1024
"""Largest YAML scenario accepted: YAML parsing costs about 0.1 ms per value, so this bounds
a parse to seconds (3,000 tasks take about 0.2 MB)."""

YAML_SUFFIXES: tuple[str, ...] = (".yaml", ".yml")
XLSX_SUFFIXES: tuple[str, ...] = (".xlsx",)

PathLike = str | os.PathLike[str]


def _kind(name: str, source: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    hint = N_("use a .yaml (or .yml) scenario or an .xlsx workbook")
    if suffix in (".xls", ".xlsm", ".ods", ".csv"):
        hint = N_("open it in a spreadsheet program and save it as an Excel Workbook (.xlsx)")
    message = N_("unsupported file type {suffix!r}", suffix=suffix or "(none)")
    raise ScenarioError([file_issue(source, message, hint)])


def _too_big(source: str, limit: int = MAX_FILE_BYTES) -> ScenarioError:
    return ScenarioError(
        [
            file_issue(
                source,
                N_("the file is larger than {size} MB", size=limit // 2**20),
                N_("a scenario is normally a few kilobytes; check that this is the right file"),
            )
        ]
    )


def load_scenario_bytes(data: bytes, filename: str) -> Scenario:
    """Read a scenario from the bytes of an uploaded file.

    Parameters
    ----------
    data:
        The file's content.
    filename:
        Its name; the extension (.yaml, .yml, .xlsx) selects the format and the name is used
        in error messages.

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    ScenarioError
        For an unknown extension, an empty, oversized, corrupt or unreadable file, and for
        every problem in the scenario itself.
    """
    kind = _kind(filename, filename)
    limit = MAX_YAML_BYTES if kind == "yaml" else MAX_FILE_BYTES
    if len(data) > limit:
        raise _too_big(filename, limit)
    if not data:
        raise ScenarioError(
            [file_issue(filename, N_("the file is empty"), N_("choose a saved scenario"))]
        )
    return read_yaml(data, filename) if kind == "yaml" else read_xlsx(data, filename)


def load_scenario(path: PathLike) -> Scenario:
    """Read a scenario file (.yaml/.yml or .xlsx), reporting every problem at once.

    Parameters
    ----------
    path:
        The file to read.

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    ScenarioError
        For a missing, unreadable, oversized or corrupt file, an unknown extension, invalid
        YAML (with its line number) and for every problem in the scenario, each with its
        location and a fix.
    """
    source = str(path)
    _kind(source, source)
    file = Path(path)
    try:
        if file.is_dir():
            raise ScenarioError(
                [
                    file_issue(
                        source,
                        N_("this is a folder, not a file"),
                        N_("give the path of a .yaml or .xlsx scenario file inside it"),
                    )
                ]
            )
        with file.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError(
            [
                file_issue(
                    source,
                    N_("file not found"),
                    N_("check the path (looked in {folder})", folder=Path.cwd()),
                )
            ]
        ) from None
    except OSError as exc:
        raise ScenarioError(
            [
                file_issue(
                    source,
                    N_("the file cannot be read: {reason}", reason=exc.strerror or exc),
                    N_(
                        "check that the file is readable by you (permissions) and not locked "
                        "by another program, or save a copy elsewhere and use that"
                    ),
                )
            ]
        ) from None
    return load_scenario_bytes(data, source)


def save_scenario(scenario: Scenario, path: PathLike) -> None:
    """Write a scenario as YAML or as a workbook, chosen by the extension of ``path``.

    Parameters
    ----------
    scenario:
        The scenario to write.
    path:
        Target file (.yaml, .yml or .xlsx); an existing file is replaced.

    Raises
    ------
    ScenarioError
        For an unsupported extension.
    """
    target = Path(path)
    if _kind(str(target), str(target)) == "yaml":
        target.write_text(dump_yaml(scenario), encoding="utf-8")
    else:
        write_xlsx(scenario, str(target))


def convert(src: PathLike, dst: PathLike) -> Scenario:
    """Read ``src`` and write the same scenario to ``dst`` (e.g. .yaml → .xlsx); lossless.

    Returns
    -------
    Scenario
        The scenario that was converted.

    Raises
    ------
    ScenarioError
        If ``src`` cannot be read or either extension is unsupported.
    """
    _kind(str(dst), str(dst))
    scenario = load_scenario(src)
    save_scenario(scenario, dst)
    return scenario


def template_scenario() -> Scenario:
    """A small valid scenario with one entry of every kind, used for templates."""
    return Scenario(
        title="New brief",
        start=date(2027, 3, 1),
        currency="EUR",
        calendar=CalendarSettings(country="FI"),
        team=(
            Person(
                name="Aino",
                roles=("designer",),
                hours_per_week=37.5,
                bill_rate=95,
                cost_rate=55,
                time_off=(DateRange(date(2027, 3, 15), date(2027, 3, 19)),),
            ),
        ),
        commitments=(
            Commitment("Aino", DateRange(date(2027, 3, 1), date(2027, 3, 31)), 10, "Retainer"),
        ),
        brief=Brief(
            client="Acme",
            budget=10000,
            tasks=(
                Task(
                    id="key_visual",
                    name="Key visual",
                    role="designer",
                    hours=40,
                    due=date(2027, 3, 26),
                ),
            ),
            fixed_costs=(FixedCost("Stock photos", 400),),
        ),
    )


def write_template(path: PathLike) -> None:
    """Write a template scenario (.xlsx workbook or .yaml) with one example row per sheet.

    Parameters
    ----------
    path:
        Target file; the extension selects the format. The example is a valid scenario, so
        the template loads as is.
    """
    save_scenario(template_scenario(), path)
