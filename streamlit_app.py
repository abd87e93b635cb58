"""sla-planner: can this client brief's promises be kept with our people?

Run with ``streamlit run streamlit_app.py``. A thin layer of widgets over ``planner``: the
scenario comes from a bundled sample, an upload or the template; it is edited in tables and
read back by :mod:`planner.app`; solving is cached on the scenario's content; the
verdict, promises, charts and downloads are all library calls.

Session state: widget keys ``source_kind``, ``sample``, ``upload``, ``time_limit``, ``seed``,
``utilisation_by``, ``budget_by``, ``run_check``, ``run_explain``, ``apply_<label>``,
``edit_<table>`` (data editors, ``dl_*`` downloads), ``audience``, ``cancel_explain``; the
app's own ``loaded`` (source id, name and the tables the editors start from), ``received``
(the scenario as loaded, before any change), ``valid`` (last valid edited scenario), ``checked``
(the scenario the verdict is for), ``explained`` (content key of the checked scenario whose
explanation was asked for), ``applied`` (message after applying an alternative),
``specs_<table>`` and ``last_<table>`` (each editor's column settings and last value).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st

from app_editors import edit_tables
from app_language import choose_language
from app_why import why_tab
from app_widgets import dates_table, session
from planner import app
from planner.app.session import Loaded
from planner.app.words import _, language, words
from planner.i18n import N_
from planner.io import (
    ScenarioError,
    dump_yaml,
    load_scenario,
    load_scenario_bytes,
    template_scenario,
)
from planner.model import Scenario
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import DEFAULT_TIME_LIMIT, plan_scenario
from planner.report.audience import booking_labels
from planner.report.brief_changes import CHANGES_HEADING, brief_changes
from planner.report.page import static_export_available
from planner.wording import (
    AGENCY,
    AUDIENCES,
    CLIENT,
    Audience,
    audience_label,
    days_text,
    words_in,
)

# Metric values and labels wrap onto a second line instead of being cut with an ellipsis on
# narrow screens (a bare string here would be shown on the page by Streamlit's magic).
METRIC_CSS = """<style>
[data-testid="stMetricValue"] { font-size: 1.75rem; line-height: 1.2; }
[data-testid="stMetric"] [data-testid="stMarkdownContainer"],
[data-testid="stMetric"] [data-testid="stMarkdownContainer"] * {
  white-space: normal !important; text-overflow: clip !important; overflow-wrap: anywhere;
}
</style>"""

SOURCE_KINDS = (N_("Sample"), N_("Upload a file"), N_("Empty template"))
TOGGLES = {
    "utilisation": (N_("Rows by"), [N_("person"), N_("role")]),
    "budget": (N_("Bars by"), [N_("role"), N_("deliverable")]),
}
TAB_NAMES = (N_("Promises"), N_("Why & fixes"), N_("Edit scenario"), N_("Export"))


# Column names of the app's read-only tables, shown in the chosen language (a comment: a bare
# string here would be shown on the page by Streamlit's magic).
@st.cache_data(show_spinner=False, max_entries=64)
def solve(key: str, time_limit: float, seed: int, _scenario: Scenario) -> Plan:
    """Plan ``_scenario``; cached on its content ``key`` (not the object) and the settings."""
    return plan_scenario(_scenario, SolveSettings(time_limit=time_limit, seed=seed))


# ----------------------------------------------------------------------------- input


def sidebar() -> tuple[float, int, ScenarioError | None]:
    """Audience, scenario source and solver settings; loads the source when it changed."""
    with st.sidebar:
        st.radio(
            _("Who is this for?"),
            AUDIENCES,
            key="audience",
            format_func=partial(audience_label, lang=language()),
            help=_(
                "The client version never shows internal cost, margin, people's rates or "
                "other clients' bookings; the page, the report and the exports follow this "
                "choice."
            ),
        )
        st.header(_("Scenario"))
        kind = st.radio(
            _("Start from"), SOURCE_KINDS, key="source_kind", format_func=words().gettext
        )
        error = None
        if kind == "Sample":
            samples = {path.name: path for path in app.list_samples()}
            name = st.selectbox(
                _("Sample"),
                list(samples),
                key="sample",
                format_func=lambda n: app.sample_label(samples[n]),
            )
            if name:
                error = load(f"sample:{name}", name, lambda: load_scenario(samples[name]))
        elif kind == "Upload a file":
            upload = st.file_uploader(
                _("Scenario (.yaml or .xlsx)"), ["yaml", "yml", "xlsx"], key="upload"
            )
            if upload is None:
                st.caption(_("Choose a file; the current scenario stays until then."))
            else:
                data = upload.getvalue()
                error = load(
                    app.upload_id(upload.name, data),
                    upload.name,
                    lambda: app.read_upload(data, upload.name),  # a worker, time-bounded
                )
        else:
            error = load("template", "template", template_scenario)
        st.header(_("Solver"))
        limit = st.number_input(
            _("Time limit (seconds)"), 1.0, 300.0, DEFAULT_TIME_LIMIT, 1.0, key="time_limit"
        )
        seed = st.number_input(_("Seed"), 0, 10_000, 0, 1, key="seed")
        st.caption(
            _(
                "The same scenario, time limit and seed give the same plan; on a machine so "
                "busy that the clock ends the search first, the result says so."
            )
        )
    return float(limit), int(seed), error


def load(source_id: str, name: str, read: Callable[[], Scenario]) -> ScenarioError | None:
    """Load a new source: reset the editors and check it at once. Returns its problems."""
    if session().is_loaded(source_id):
        return None
    try:
        scenario = read()
    except ScenarioError as error:
        return error
    except Exception as error:  # never lose the current scenario to a file we cannot read
        return app.unreadable(name, error)
    session().load(source_id, name, app.editor_tables(scenario), scenario)
    return None


def restore_session() -> None:
    """After a reload, bring back the session's edits (the URL's ``session`` names them)."""
    session_id = st.query_params.get("session")
    if not app.valid_session_id(session_id):
        st.query_params["session"] = app.new_session_id()
        return
    if not session().needs_restore():
        return
    saved = app.load_session(session_id)
    if saved is None:
        return
    try:
        valid = load_scenario_bytes(saved.valid_yaml.encode("utf-8"), "saved-session.yaml")
    except ScenarioError:
        return
    session().restore(Loaded(saved.source_id, saved.name, saved.tables), valid, saved.widgets)


def remember_session() -> None:
    """Save the editors' tables (valid or not) and the last valid scenario for a reload."""
    state = session()
    loaded = state.loaded
    assert loaded is not None
    saved = app.SavedSession(
        loaded.source_id,
        loaded.name,
        state.edited_tables(),
        dump_yaml(state.valid),
        state.persisted_widgets(),
    )
    app.save_session(st.query_params.get("session", ""), saved)


def download_buttons(downloads: list[app.Download], columns: int, static: bool) -> None:
    """Download buttons in rows; files are made only when clicked."""
    for start in range(0, len(downloads), columns):
        for col, item in zip(st.columns(columns), downloads[start : start + columns], strict=False):
            col.download_button(
                item.label,
                item.make,
                item.file_name,
                item.mime,
                key=item.key,
                disabled=item.static and not static,
                on_click="ignore",
            )


# ----------------------------------------------------------------------------- output


def hidden_labels(scenario: Scenario) -> tuple[str, ...]:
    """Other clients' booking labels, hidden from the client audience."""
    return booking_labels(scenario) if audience() != AGENCY else ()


def audience() -> Audience:
    """The audience chosen in the sidebar (client until chosen otherwise)."""
    return AGENCY if st.session_state.get("audience") == AGENCY else CLIENT


def changes_from_brief(scenario: Scenario) -> list[str]:
    """The changes between the brief as received and ``scenario``, one line each."""
    return brief_changes(session().received, scenario, language())


def verdict(plan: Plan, scenario: Scenario) -> None:
    """The dates answer and the money answer, how sure we are, the numbers behind them, the
    changes from the brief as received, and the solver's own words in a details section."""
    summary = app.summarise(plan)
    st.title(app.escape_user_text(scenario.title))  # user text: shown as text, never markup
    client = app.escape_user_text(scenario.brief.client)
    st.caption(
        _("Client: {client} · plan starts {start}").format(
            client=client, start=words().date(scenario.start)
        )
    )
    box = st.container(key="verdict")
    {"good": box.success, "bad": box.error, "unknown": box.warning}[summary.tone](
        f"**{app.escape_user_text(summary.headline)}**  \n"
        f"**{app.escape_markdown(summary.money_line)}**  \n"
        f"{app.escape_markdown(summary.certainty)}"
    )
    st.html(METRIC_CSS)
    kept, broken, slip, price = st.columns([1, 1, 1, 1.6])
    kept.metric(
        _("Promises kept"), _("{kept} of {total}").format(kept=summary.kept, total=summary.total)
    )
    broken.metric(_("Cannot be kept"), summary.broken)
    slip.metric(
        _("Worst delay"),
        days_text(summary.worst_slip, language()),
        help=app.escape_markdown(summary.worst_name) if summary.worst_name else None,
    )
    price.metric(
        _("Price"),
        summary.price_text,
        delta=summary.budget_delta,
        delta_color="inverse" if summary.over_budget else "normal",
        delta_arrow="off",
        help=_("Bill rates × planned hours + fixed costs"),
    )
    if audience() == AGENCY:
        st.caption(_("Agency only: {figures}").format(figures=" · ".join(summary.internal)))
    changes = changes_from_brief(scenario)
    if changes:
        st.info(
            f"**{words_in(language()).gettext(CHANGES_HEADING)}**\n\n"
            + "\n".join(f"- {app.escape_markdown(line)}" for line in changes)
        )
    with st.expander(_("Details")):
        st.caption(app.escape_markdown(summary.details))


def check(limit: float, seed: int, result: app.EditResult) -> tuple[Plan, Scenario]:
    """The Check button and the verdict of the checked scenario (solved once per content)."""
    summary = st.container()
    state = session()
    if st.button(_("Check the brief"), key="run_check", type="primary"):
        state.check()
    checked = state.checked
    if not result.ok:
        st.warning(
            _(
                "Some edited rows need fixing (see **Edit scenario**). Until then the page "
                "uses the last valid version; nothing you typed is lost."
            )
        )
    elif state.has_unchecked_edits:
        st.info(_("You have edits that are not checked yet: press **Check the brief**."))
    with summary:
        spinner = _("Planning (time limit {seconds} s)…").format(seconds=words().number(limit, 1))
        with st.spinner(spinner, show_time=True):
            plan = solve(app.scenario_key(checked), limit, seed, checked)
        verdict(plan, checked)
    return plan, checked


def charts(plan: Plan, scenario: Scenario, tabs: dict[str, Any]) -> dict[str, Any]:
    """Gantt, utilisation (person/role) and budget (role/deliverable) charts in their tabs."""
    by = {
        chart: st.session_state.get(f"{chart}_by") or opts[0]
        for chart, (_title, opts) in TOGGLES.items()
    }
    figures = app.app_figures(plan, scenario, by["utilisation"], by["budget"], words().lang)
    for chart, label in app.CHARTS.items():
        with tabs[label]:
            if chart == "utilisation" and audience() != AGENCY:
                st.info(
                    _(
                        "Utilisation by person is for the agency (it reflects other clients' "
                        "work too): choose **Agency** under *Who is this for?* in the sidebar."
                    )
                )
                continue
            if chart in TOGGLES:
                title, options = TOGGLES[chart]
                st.segmented_control(
                    _(title),
                    options,
                    key=f"{chart}_by",
                    default=options[0],
                    format_func=words().gettext,
                )
            st.plotly_chart(figures[chart], key=f"chart_{chart}", config={"displaylogo": False})
    return figures


def main() -> None:
    """The page: verdict first, then promises, charts, editing and downloads."""
    st.set_page_config(page_title="sla-planner", page_icon="📅", layout="wide")
    choose_language()
    restore_session()
    limit, seed, error = sidebar()
    if error is not None:
        st.error(
            _("**{file}** cannot be used yet, so the previous scenario stays:").format(
                file=app.escape_markdown(error.file)
            )
            + f"\n\n{app.issue_lines(error.issues)}"
        )
    if session().loaded is None:
        st.info(_("Choose a scenario in the sidebar."))
        return
    header = st.container()
    names = [*TAB_NAMES[:2], *app.CHARTS.values(), *TAB_NAMES[2:]]
    tabs = dict(zip(names, st.tabs([_(name) for name in names]), strict=True))
    with tabs["Edit scenario"]:
        st.caption(_("Edit the brief and the team, then press **Check the brief** at the top."))
        result = edit_tables()
        remember_session()
        st.markdown(_("**Download the edited scenario**"))
        download_buttons(app.scenario_downloads(session().valid), 6, True)
    with header:
        plan, checked = check(limit, seed, result)
    with tabs["Promises"]:
        styled = app.promises_styler(app.promises_table(plan))
        dates_table(styled, "promises", "Promised", "Realistic")
    with tabs["Why & fixes"]:
        why_tab(checked, limit, seed, result.ok, hidden_labels(checked))
    figures = charts(plan, checked, tabs)
    with tabs["Export"]:
        static = static_export_available()
        if not static:
            st.warning(
                _(
                    "PNG, SVG and PDF need a Chromium browser, which this machine lacks "
                    "(install `chromium` or set BROWSER_PATH). The HTML downloads work."
                )
            )
        stem = app.file_stem(checked.title)
        st.subheader(_("Charts"))
        shown = {k: f for k, f in figures.items() if k != "utilisation" or audience() == AGENCY}
        download_buttons(app.chart_downloads(shown, stem), len(app.CHART_FORMATS), static)
        st.subheader(_("Plan and report"))
        made_for = audience_label(audience(), language())
        st.caption(_("Made for: {audience}.").format(audience=made_for))
        downloads = app.plan_downloads(plan, checked, stem, audience(), changes_from_brief(checked))
        download_buttons(downloads, 4, static)


try:
    main()
except Exception as error:  # the last guard: a readable message, never a traceback
    st.error(
        _(
            "Something went wrong: {error}. Your edits are kept; try again or reload the page."
        ).format(error=error)
    )
