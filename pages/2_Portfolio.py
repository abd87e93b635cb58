"""Portfolio page: the agency's team, time off, projects, pipeline and saved brief versions.

A thin layer of widgets over :mod:`planner.app.portfolio` and :mod:`planner.store`;
it imports only ``planner`` (and streamlit). The brief to accept is the one checked on the
main page, else a bundled sample.

Session state: widget keys ``pf_db``, ``pf_tentative``, ``pf_time_limit``, ``pf_sample``,
``pf_probability``, ``pf_label``, ``pf_accept``, ``pf_mark_tentative``, ``pf_save_version``,
``pf_team``, ``pf_save_team``,
``pf_person``, ``pf_time_off_<person>``, ``pf_save_time_off``, ``pf_reload``, ``pf_project``,
``pf_status``, ``pf_status_probability``, ``pf_set_status``, ``pf_start_<date>``, ``pf_weeks``,
``pf_brief``, ``pf_audience``; the page's own ``pf_outcome`` (message of the last action) and
``pf_seen`` (the version of each person and project the user last saw, so a save never
overwrites someone else's edit).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_language import choose_language
from planner import app
from planner.app import portfolio as pf
from planner.app.words import _, words
from planner.i18n import N_
from planner.io import ScenarioError, load_scenario
from planner.model import Scenario
from planner.store import DB_ENV, TENTATIVE_MODES, Store, StoreError, default_location

TENTATIVE_WORDS = {
    "ignore": N_("ignored"),
    "weighted": N_("weighted by win probability"),
    "full": N_("counted in full"),
}


@st.cache_resource(show_spinner=False)
def store_for(db: str) -> Store:
    """One open store per URL for the whole server."""
    return pf.open_store(db)


def show(outcome: pf.Outcome) -> None:
    """The message of an action, with its table when it has one."""
    {"ok": st.success, "warning": st.warning}.get(outcome.kind, st.error)(outcome.message)
    if outcome.details is not None:
        st.dataframe(outcome.details, hide_index=True)


def done(outcome: pf.Outcome) -> None:
    """Keep the outcome for the next run and show the page again with fresh data."""
    st.session_state["pf_outcome"] = outcome
    if outcome.kind != "error":
        st.session_state.pop("pf_seen", None)
    st.rerun()


def seen_version(kind: str, name: str, current: int) -> int:
    """The version of ``name`` the user is looking at (the first one shown to them)."""
    seen = st.session_state.setdefault("pf_seen", {})
    return int(seen.setdefault(f"{kind}:{name}", current))


def brief_to_accept() -> Scenario | None:
    """The brief checked on the main page, else a bundled sample."""
    checked = st.session_state.get("checked")
    if isinstance(checked, Scenario):
        st.caption(_("The brief checked on the main page:"))
        return checked
    samples = app.list_samples()
    if not samples:
        st.info(_("Check a brief on the main page first."))
        return None
    path = st.selectbox(_("Sample brief"), samples, format_func=app.sample_label, key="pf_sample")
    try:
        return load_scenario(path)
    except ScenarioError as error:
        st.error(error.render(words().lang))
        return None


def brief_tab(store: Store, tentative: str, time_limit: float) -> None:
    scenario = brief_to_accept()
    if scenario is None:
        return
    st.markdown(
        _("**{title}** for {client}").format(
            title=app.escape_user_text(scenario.title),
            client=app.escape_user_text(scenario.brief.client),
        )
    )
    left, middle, right = st.columns(3)
    if left.button(_("Accept"), key="pf_accept", type="primary"):
        done(pf.accept(store, scenario, None, tentative, time_limit))
    probability = middle.slider(_("Win probability"), 0.0, 1.0, 0.5, 0.05, key="pf_probability")
    if middle.button(_("Mark tentative"), key="pf_mark_tentative"):
        done(pf.accept(store, scenario, probability, tentative, time_limit))
    label = right.text_input(_("Version label"), _("as asked"), key="pf_label")
    if right.button(_("Save as version"), key="pf_save_version"):
        done(pf.save_checked_version(store, scenario, label, tentative, time_limit))


def team_tab(store: Store, portfolio: pf.Portfolio, time_limit: float) -> None:
    if not portfolio.team:
        st.info(_("No team yet: accepting a brief adds its people."))
        return
    names = [m.person.name for m in portfolio.team]
    versions = {n: seen_version("person", n, portfolio.member(n).version) for n in names}
    edited_team = st.data_editor(
        pf.team_table(portfolio),
        hide_index=True,
        key="pf_team",
        disabled=["person", "days_off_ranges"],
        column_config={"roles": st.column_config.TextColumn(_("roles (comma-separated)"))},
    )
    if st.button(_("Save team"), key="pf_save_team"):
        done(pf.save_team(store, portfolio, edited_team, versions))
    name = st.selectbox(_("Time off of"), names, key="pf_person")
    version = seen_version("person", name, portfolio.member(name).version)
    edited = st.data_editor(
        pf.time_off_table(portfolio, name),
        num_rows="dynamic",
        key=f"pf_time_off_{name}",
        column_config={
            "from": st.column_config.DateColumn(_("First day off"), format="YYYY-MM-DD"),
            "to": st.column_config.DateColumn(_("Last day off"), format="YYYY-MM-DD"),
        },
    )
    save, reload = st.columns(2)
    if save.button(_("Save time off"), key="pf_save_time_off"):
        done(pf.save_time_off(store, name, edited, version, time_limit))
    if reload.button(_("Reload from the store"), key="pf_reload"):
        for key in ("pf_seen", "pf_team", f"pf_time_off_{name}"):
            st.session_state.pop(key, None)
        st.rerun()


def projects_tab(store: Store, portfolio: pf.Portfolio) -> None:
    if not portfolio.projects:
        st.info(_("No projects yet: accept or mark a checked brief tentative."))
        return
    st.dataframe(pf.projects_table(portfolio), hide_index=True)
    names = [p.name for p in portfolio.projects]
    name = st.selectbox(_("Project"), names, key="pf_project")
    version = seen_version("project", name, portfolio.project(name).version)
    statuses = list(pf.STATUS_LABELS)
    status = st.selectbox(
        _("Status"),
        statuses,
        format_func={s: _(label) for s, label in pf.STATUS_LABELS.items()}.__getitem__,
        key="pf_status",
    )
    probability = st.slider(_("Win probability"), 0.0, 1.0, 0.5, 0.05, key="pf_status_probability")
    if st.button(_("Update status"), key="pf_set_status"):
        done(pf.set_status(store, name, status, probability, version))


def pipeline_tab(portfolio: pf.Portfolio, tentative: str) -> None:
    first = pf.pipeline_start(portfolio, date.today())
    # Keyed on the suggested start, so new bookings move the view unless the user picked one.
    start = st.date_input(_("From"), first, key=f"pf_start_{first}")
    weeks = st.slider(_("Weeks"), 4, 52, 12, key="pf_weeks")
    by_person, by_role = pf.pipeline_figures(portfolio, start, weeks, tentative)
    st.plotly_chart(by_person, key="pf_chart_person")
    st.plotly_chart(by_role, key="pf_chart_role")
    st.caption(_("Work for every client shows only as booked hours."))


def versions_tab(store: Store) -> None:
    briefs = store.briefs()
    if not briefs:
        st.info(_("No saved versions yet: save a checked brief as a version."))
        return
    brief = st.selectbox(_("Brief"), briefs, key="pf_brief")
    audience = st.radio(
        _("For"),
        [N_("agency"), N_("client")],
        horizontal=True,
        key="pf_audience",
        format_func=words().gettext,
    )
    st.dataframe(pf.versions_table(store, brief, audience))


choose_language()
st.title(_("Portfolio"))
with st.sidebar:
    db = st.text_input(
        _("Store (database URL or SQLite file)"),
        key="pf_db",
        help=_("Empty: ${variable}, else {location}").format(
            variable=DB_ENV, location=default_location()
        ),
    )
    tentative = st.radio(
        _("Tentative projects are"),
        TENTATIVE_MODES,
        format_func={mode: _(text) for mode, text in TENTATIVE_WORDS.items()}.__getitem__,
        key="pf_tentative",
    )
    time_limit = st.number_input(_("Seconds per check"), 1.0, 60.0, 5.0, key="pf_time_limit")
try:
    store = store_for(db.strip())
    portfolio = pf.read(store)
except StoreError as error:
    st.error(str(error))
    st.stop()
st.caption(_("Store: {location}").format(location=store.location))
if "pf_outcome" in st.session_state:
    show(st.session_state.pop("pf_outcome"))
brief, team, projects, pipe, versions = st.tabs(
    [_("Accept a brief"), _("Team & time off"), _("Projects"), _("Pipeline"), _("Versions")]
)
with brief:
    brief_tab(store, tentative, time_limit)
with team:
    team_tab(store, portfolio, time_limit)
with projects:
    projects_tab(store, portfolio)
with pipe:
    pipeline_tab(portfolio, tentative)
with versions:
    versions_tab(store)
