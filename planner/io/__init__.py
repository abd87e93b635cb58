"""Reading and writing scenario files (YAML and Excel), with field-level error messages.

Every reader collects all problems before raising one :class:`ScenarioError`; each
:class:`Issue` names the file, the place (``team[2].hours_per_week`` or
``sheet tasks, row 5, column hours``), what is wrong and how to fix it.
The formats are described in ``docs/scenario-format.md``.
"""

from planner.io.columns import SHEETS
from planner.io.document import scenario_from_dict, scenario_to_dict
from planner.io.errors import Issue, ScenarioError
from planner.io.files import (
    MAX_FILE_BYTES,
    convert,
    load_scenario,
    load_scenario_bytes,
    save_scenario,
    template_scenario,
    write_template,
)
from planner.io.tables import scenario_from_tables, scenario_to_tables
from planner.io.xlsx_io import scenario_xlsx_bytes
from planner.io.yaml_io import dump_yaml

__all__ = [
    "MAX_FILE_BYTES",
    "SHEETS",
    "Issue",
    "ScenarioError",
    "convert",
    "dump_yaml",
    "load_scenario",
    "load_scenario_bytes",
    "save_scenario",
    "scenario_from_dict",
    "scenario_from_tables",
    "scenario_to_dict",
    "scenario_to_tables",
    "scenario_xlsx_bytes",
    "template_scenario",
    "write_template",
]
