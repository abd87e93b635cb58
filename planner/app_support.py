"""Everything the Streamlit app needs that is not a widget: samples, edits, verdict, downloads.

``streamlit_app.py`` stays a thin layer of widgets over these functions, so the logic can be
unit-tested without Streamlit (this module never imports it). One app run goes::

    tables edited in the browser ──scenario_from_edits──▶ EditResult (scenario or issues)
    scenario ──scenario_key──▶ cache key ──plan_scenario (cached by the app)──▶ Plan
    Plan ──summarise / promises_table / app_figures / *_bytes──▶ what the page shows and offers
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal, TypeAlias

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from planner.charts import budget_chart, gantt_chart, utilisation_heatmap
from planner.export import plan_xlsx_bytes
from planner.io import (
    SHEETS,
    Issue,
    ScenarioError,
    dump_yaml,
    scenario_from_tables,
    scenario_to_tables,
    scenario_xlsx_bytes,
)
from planner.model import REPEAT_UNITS, Scenario
from planner.plan import Plan
from planner.report import figure_bytes, report_html, report_pdf
from planner.summary import money, verdict_sentence

Table: TypeAlias = pd.DataFrame
"""One editable table (a sheet of the workbook form), as the app's editors show it."""

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
"""The bundled sample scenarios (``data/*.yaml`` in the repository)."""

DEFAULT_SAMPLE = "tundra-product-launch.yaml"
"""The sample the app opens with: an over-promised launch, so the first view tells a story."""

EDITABLE_TABLES: tuple[str, ...] = (
    "tasks",
    "team",
    "time_off",
    "commitments",
    "fixed_costs",
    "settings",
)
"""Tables the app shows in data editors, in tab order (the brief first)."""

PEOPLE_TABLES: tuple[str, ...] = ("tasks", "time_off", "commitments")
"""Tables whose select boxes offer the team's names or roles (they follow team edits)."""

# ----------------------------------------------------------------------------- samples


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


# ----------------------------------------------------------------------------- editing


def editor_tables(scenario: Scenario) -> dict[str, pd.DataFrame]:
    """The scenario as the tables the app edits (the sheets of the XLSX format).

    The ``settings`` values are shown as text (dates as ``YYYY-MM-DD``) because one column holds
    values of several kinds; reading them back parses each by its setting.
    """
    tables = scenario_to_tables(scenario)
    settings = tables["settings"].copy()
    settings["value"] = pd.Series(
        [_text(value) for value in settings["value"]], index=settings.index, dtype=object
    )
    tables["settings"] = settings
    return tables


def _text(value: object) -> str | None:
    if not _present(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@dataclass(frozen=True)
class EditResult:
    """The edited tables read back: a scenario when they are valid, else every issue found."""

    scenario: Scenario | None
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the tables make a valid scenario."""
        return self.scenario is not None

    def issues_for(self, table: str) -> list[Issue]:
        """The issues located in ``table`` (see :func:`issue_table`)."""
        return [issue for issue in self.issues if issue_table(issue) == table]

    def other_issues(self, tables: Iterable[str] = EDITABLE_TABLES) -> list[Issue]:
        """Issues that belong to none of ``tables`` (e.g. the scenario as a whole)."""
        shown = set(tables)
        return [issue for issue in self.issues if issue_table(issue) not in shown]


_SHEET = re.compile(r"\bsheet\s+(\w+)")
_ROW = re.compile(r"\brow\s+(\d+)")


def issue_table(issue: Issue) -> str | None:
    """The table an issue points into, from its location (``sheet tasks, row 5, column hours``).

    Returns
    -------
    str or None
        The table name, or ``None`` when the issue concerns the scenario as a whole.
    """
    match = _SHEET.search(issue.location)
    return match.group(1) if match else None


def issue_row_label(issue: Issue, frame: pd.DataFrame) -> str | None:
    """What the row an issue points at is called (its id or name), to find it in the editor.

    Rows are numbered as in the workbook (header = row 1), so row ``n`` is ``frame`` row
    ``n - 2``; the label is the row's first non-empty cell among id, name, person, setting.
    """
    match = _ROW.search(issue.location)
    if not match:
        return None
    position = int(match.group(1)) - 2
    if not 0 <= position < len(frame):
        return None
    row = frame.iloc[position]
    for column in ("id", "name", "person", "setting"):
        if column in frame.columns and _present(row[column]):
            return str(row[column])
    return None


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~$])")


def escape_markdown(text: str) -> str:
    """``text`` shown literally in Streamlit markdown (``$`` would start maths, ``*`` bold)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def issue_lines(issues: Iterable[Issue], frame: pd.DataFrame | None = None) -> str:
    """Issues as a markdown list, each worded as the CLI prints it.

    With the table ``frame`` the issue is about, each line starts with the row's id or name
    in bold, so the user finds the row in the editor at a glance.
    """
    lines = []
    for issue in issues:
        label = issue_row_label(issue, frame) if frame is not None else None
        prefix = f"**{escape_markdown(label)}** · " if label else ""
        lines.append(f"- {prefix}{escape_markdown(str(issue))}")
    return "\n".join(lines)


def scenario_from_edits(tables: Mapping[str, pd.DataFrame], source: str) -> EditResult:
    """Read edited tables back into a scenario, collecting every issue instead of raising.

    Parameters
    ----------
    tables
        All tables of the scenario (edited and untouched ones), by sheet name.
    source
        What the issues name as their file, e.g. ``"tundra-product-launch.yaml (edited)"``.

    Returns
    -------
    EditResult
        ``scenario`` set when the tables are valid; otherwise ``issues`` lists every problem,
        worded exactly as the command line words it.
    """
    try:
        return EditResult(scenario_from_tables(dict(tables), source))
    except ScenarioError as error:
        return EditResult(None, tuple(error.issues))


def role_choices(team: pd.DataFrame, extra: Iterable[object] = ()) -> list[str]:
    """Every role in the team table (comma-separated cells), plus the ``extra`` values.

    ``extra`` takes the values already used in a column, so a select box never hides a value
    the user chose earlier, even one that no longer matches a team role.
    """
    cells = [*(team["roles"].tolist() if "roles" in team.columns else []), *extra]
    return sorted({role for cell in cells for role in _split_list(cell)})


def person_choices(team: pd.DataFrame, extra: Iterable[object] = ()) -> list[str]:
    """Every team member's name, plus the names already used elsewhere (``extra``)."""
    cells = [*(team["name"].tolist() if "name" in team.columns else []), *extra]
    return sorted({str(cell).strip() for cell in cells if _present(cell)})


def _present(value: object) -> bool:
    """False for ``None``, NaN/NA/NaT and blank text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values
        return True


def _split_list(cell: object) -> list[str]:
    if isinstance(cell, list | tuple):
        return [str(item).strip() for item in cell if _present(item)]
    if not _present(cell):
        return []
    return [part.strip() for part in str(cell).split(",") if part.strip()]


# ----------------------------------------------------------------------------- column types

ColumnKind = Literal["text", "number", "integer", "date", "select", "check"]


@dataclass(frozen=True)
class ColumnSpec:
    """How the app types one editable column (the app turns it into ``st.column_config``)."""

    kind: ColumnKind
    help: str = ""
    min_value: float | None = None
    step: float | None = None
    options: tuple[str, ...] = ()


_KINDS: dict[str, ColumnKind] = {
    "text": "text",
    "list": "text",
    "number": "number",
    "int": "integer",
    "date": "date",
    "bool": "check",
}
_AT_LEAST_ONE = {"priority", "max_people", "repeat_count", "repeat_interval"}
_SIGNED = {("commitments", "hours_per_week")}  # negative: extra hours (overtime)


def column_specs(table: str, frame: pd.DataFrame, team: pd.DataFrame) -> dict[str, ColumnSpec]:
    """Typed column settings for one editable table, from the sheet definitions of planner.io.

    Numbers get a minimum (0, or 1 for counts such as ``priority``; none for commitment hours,
    where a negative number is overtime), dates a date picker,
    flags a checkbox; a task's ``role`` and every ``person`` column become select boxes over
    the team's roles and names, ``repeat_every`` one over day/week/month. Help texts are the
    fixes the error messages give.

    Parameters
    ----------
    table
        Sheet name (``tasks``, ``team``, ``time_off``, ``commitments``, ``fixed_costs``,
        ``settings``).
    frame
        The table as shown; its current values join the select options, so a value chosen
        earlier is never hidden.
    team
        The current team table.

    Returns
    -------
    dict
        A ``ColumnSpec`` per column of the sheet that appears in ``frame``.
    """
    specs: dict[str, ColumnSpec] = {}
    for column in SHEETS.get(table, ()):
        if column.name not in frame.columns:
            continue
        kind = _KINDS.get(column.kind, "text")
        spec = ColumnSpec(kind, column.help)
        if kind in ("number", "integer"):
            low: float | None = 1 if column.name in _AT_LEAST_ONE else 0
            if (table, column.name) in _SIGNED:
                low = None
            step = 1 if kind == "integer" else 0.5
            spec = ColumnSpec(kind, column.help, min_value=low, step=step)
        elif column.name == "role" and table == "tasks":
            options = role_choices(team, frame[column.name].tolist())
            spec = ColumnSpec("select", column.help, options=tuple(options))
        elif column.name == "person" and table != "team":
            options = person_choices(team, frame[column.name].tolist())
            spec = ColumnSpec("select", column.help, options=tuple(options))
        elif column.name == "repeat_every":
            spec = ColumnSpec("select", column.help, options=REPEAT_UNITS)
        specs[column.name] = spec
    return specs


# ----------------------------------------------------------------------------- verdict


@dataclass(frozen=True)
class Verdict:
    """What the page says first: one sentence and the numbers behind it."""

    headline: str
    tone: Literal["good", "bad", "unknown"]
    kept: int
    broken: int
    worst_slip: int
    worst_name: str | None
    price: float
    budget: float | None
    currency: str

    @property
    def total(self) -> int:
        """Number of promises."""
        return self.kept + self.broken

    @property
    def budget_gap(self) -> float | None:
        """Budget minus price (negative when over budget); ``None`` without a budget."""
        return None if self.budget is None else round(self.budget - self.price, 2)

    @property
    def price_text(self) -> str:
        """The price with thousands separators and currency, e.g. ``41,985 EUR``."""
        return money(self.price, self.currency)

    @property
    def budget_delta(self) -> str | None:
        """The gap in words with a sign, e.g. ``-3,985 EUR over budget``; None without budget."""
        gap = self.budget_gap
        if gap is None:
            return None
        if gap < 0:
            return f"-{money(-gap, self.currency)} over budget"
        return f"+{money(gap, self.currency)} under budget"


def summarise(plan: Plan) -> Verdict:
    """The headline sentence (as the CLI prints it) and the metrics for ``plan``."""
    broken = plan.broken_promises if plan.has_schedule else plan.promises
    worst = broken[0] if broken and plan.has_schedule else None
    if not plan.has_schedule:
        tone: Literal["good", "bad", "unknown"] = (
            "bad" if plan.solver_status == "INFEASIBLE" else "unknown"
        )
    else:
        tone = "good" if plan.verdict == "feasible" else "bad"
    return Verdict(
        headline=verdict_sentence(plan),
        tone=tone,
        kept=len(plan.promises) - len(broken),
        broken=len(broken),
        worst_slip=worst.slip_days if worst else 0,
        worst_name=worst.name if worst else None,
        price=plan.budget.price,
        budget=plan.budget.budget,
        currency=plan.currency,
    )


STATUS_COLOURS: dict[str, str] = {
    "kept": "#cdeedd",
    "late": "#fbd3c4",
    "not planned": "#e4e4e4",
}
"""Row background per promise status (light, so text stays readable on a projector)."""


def promises_table(plan: Plan) -> pd.DataFrame:
    """One row per promise: promised date, realistic date, working days late, status.

    ``Status`` is ``kept``, ``late`` or ``not planned`` (no schedule). Broken promises come
    first, worst slip first, then the rest by promised date.
    """
    rows = []
    for promise in plan.promises:
        if not plan.has_schedule or promise.finish is None:
            status = "not planned"
        else:
            status = "kept" if promise.met else "late"
        rows.append(
            {
                "Promise": promise.name,
                "Promised": promise.due,
                "Realistic": promise.finish,
                "Working days late": promise.slip_days,
                "Priority": promise.priority,
                "Status": status,
            }
        )
    columns = ["Promise", "Promised", "Realistic", "Working days late", "Priority", "Status"]
    frame = pd.DataFrame(rows, columns=columns)
    order = frame["Status"].map({"late": 0, "not planned": 1, "kept": 2})
    frame = frame.assign(_order=order).sort_values(
        ["_order", "Working days late", "Promised"], ascending=[True, False, True], kind="stable"
    )
    return frame.drop(columns="_order").reset_index(drop=True)


def promises_styler(frame: pd.DataFrame) -> Styler:
    """The promises table with each row coloured by its status (:data:`STATUS_COLOURS`)."""

    def colour(row: pd.Series) -> list[str]:
        shade = STATUS_COLOURS.get(str(row["Status"]))
        return [f"background-color: {shade}" if shade else ""] * len(row)

    return frame.style.apply(colour, axis=1)


# ----------------------------------------------------------------------------- charts

CHARTS: dict[str, str] = {"gantt": "Gantt", "utilisation": "Utilisation", "budget": "Budget"}
"""The app's charts by key, with their tab labels."""

CHART_FORMATS: dict[str, str] = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
}
"""Download formats of a chart and their MIME types (png/svg/pdf need a Chromium)."""


def app_figures(
    plan: Plan, scenario: Scenario, utilisation_by: str = "person", budget_by: str = "role"
) -> dict[str, go.Figure]:
    """The charts the app shows, by :data:`CHARTS` key.

    Parameters
    ----------
    plan, scenario
        The plan and the scenario it was made for.
    utilisation_by
        ``"person"`` or ``"role"`` rows in the utilisation heatmap.
    budget_by
        ``"role"`` or ``"deliverable"`` bars in the budget chart.
    """
    return {
        "gantt": gantt_chart(plan, scenario),
        "utilisation": utilisation_heatmap(plan, scenario, by=utilisation_by),
        "budget": budget_chart(plan, by=budget_by),
    }


# ----------------------------------------------------------------------------- downloads


@dataclass(frozen=True)
class Download:
    """One download button: what it is called and how its file is made (only on click)."""

    key: str
    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes | str]
    static: bool = False  # needs Chromium (PNG/SVG/PDF)


def chart_downloads(figures: Mapping[str, go.Figure], stem: str) -> list[Download]:
    """Every chart in every format of :data:`CHART_FORMATS` (keys ``dl_<chart>_<format>``)."""
    return [
        Download(
            f"dl_{chart}_{fmt}",
            f"{CHARTS.get(chart, chart)} {fmt.upper()}",
            f"{stem}-{chart}.{fmt}",
            mime,
            partial(figure_bytes, fig, fmt),
            static=fmt != "html",
        )
        for chart, fig in figures.items()
        for fmt, mime in CHART_FORMATS.items()
    ]


def plan_downloads(plan: Plan, scenario: Scenario, stem: str) -> list[Download]:
    """The plan as CSV and XLSX and the feasibility report as HTML and PDF."""
    return [
        Download(
            "dl_plan_csv", "Plan CSV", f"{stem}-plan.csv", "text/csv", partial(plan_csv_bytes, plan)
        ),
        Download(
            "dl_plan_xlsx",
            "Plan XLSX",
            f"{stem}-plan.xlsx",
            XLSX_MIME,
            partial(plan_xlsx_bytes, plan),
        ),
        Download(
            "dl_report_html",
            "Report HTML",
            f"{stem}-report.html",
            "text/html",
            partial(report_html, plan, scenario),
        ),
        Download(
            "dl_report_pdf",
            "Report PDF",
            f"{stem}-report.pdf",
            "application/pdf",
            partial(report_pdf, plan, scenario),
            static=True,
        ),
    ]


def scenario_downloads(scenario: Scenario) -> list[Download]:
    """The (edited) scenario as YAML and XLSX, to keep or to load again later."""
    stem = file_stem(scenario.title)
    return [
        Download(
            "dl_scenario_yaml",
            "Scenario YAML",
            f"{stem}.yaml",
            "application/yaml",
            partial(scenario_yaml_bytes, scenario),
        ),
        Download(
            "dl_scenario_xlsx",
            "Scenario XLSX",
            f"{stem}.xlsx",
            XLSX_MIME,
            partial(scenario_xlsx_bytes, scenario),
        ),
    ]


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def scenario_key(scenario: Scenario) -> str:
    """A content hash of a scenario, the solve cache key: equal scenarios, equal keys.

    The frozen dataclasses' ``repr`` spells out every field, so the key changes whenever
    anything that can change the plan changes, and never otherwise.
    """
    return hashlib.sha256(repr(scenario).encode("utf-8")).hexdigest()


def file_stem(title: str) -> str:
    """A safe file name stem from a scenario title: ``Tundra launch!`` → ``tundra-launch``."""
    stem = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return stem[:60].rstrip("-") or "scenario"


def scenario_yaml_bytes(scenario: Scenario) -> bytes:
    """The scenario as a YAML file that loads again unchanged."""
    return dump_yaml(scenario).encode("utf-8")


def plan_csv_bytes(plan: Plan) -> bytes:
    """The plan's tasks (kind, dates, people, hours) as CSV."""
    return plan.tasks_frame().to_csv(index=False).encode("utf-8")
