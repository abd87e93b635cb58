"""Risk page: how sure are the promises and the price? (Monte Carlo over the estimate ranges)

A thin layer of widgets over :mod:`planner.risk` and :mod:`planner.risk.charts`. The scenario is
the one being edited on the main page (session key ``valid``) when there is one, else a
bundled sample or an uploaded file. Session state: widget keys ``risk_source``,
``risk_sample``, ``risk_upload``, ``risk_samples``, ``risk_seed``, ``risk_threshold``,
``risk_audience``, ``risk_run``; the page's own ``risk_result`` (the last run and its inputs).
"""

from __future__ import annotations

import streamlit as st

from app_language import choose_language
from planner import app
from planner.app.words import _, ngettext, words
from planner.i18n import N_
from planner.io import ScenarioError, load_scenario
from planner.model import Scenario
from planner.risk import DEFAULT_SAMPLES, run_risk
from planner.risk.charts import price_distribution_chart, promise_odds_chart, promise_table
from planner.risk.words import (
    NO_RANGES,
    budget_sentence,
    promise_sentence,
    suggestion_sentence,
    summary_sentence,
)
from planner.wording import words_in

SOURCES = (N_("Scenario on the main page"), N_("Sample"), N_("Upload a file"))
AUDIENCES = (N_("Agency"), N_("Client"))
MAX_APP_SAMPLES = 50_000


def choose_scenario() -> Scenario | None:
    """The scenario to simulate, from the sidebar; problems are shown, never raised."""
    with st.sidebar:
        st.header(_("Scenario"))
        edited = st.session_state.get("valid")
        sources = SOURCES if isinstance(edited, Scenario) else SOURCES[1:]
        source = st.radio(_("Simulate"), sources, key="risk_source", format_func=words().gettext)
        try:
            if source == SOURCES[0]:
                return edited
            if source == "Sample":
                samples = {path.name: path for path in app.list_samples()}
                name = st.selectbox(
                    _("Sample"),
                    list(samples),
                    key="risk_sample",
                    format_func=lambda n: app.sample_label(samples[n]),
                )
                return load_scenario(samples[name]) if name else None
            upload = st.file_uploader(
                _("Scenario (.yaml or .xlsx)"), ["yaml", "yml", "xlsx"], key="risk_upload"
            )
            return None if upload is None else app.read_upload(upload.getvalue(), upload.name)
        except ScenarioError as error:
            count = len(error.issues)
            st.error(
                ngettext(
                    "The scenario cannot be read: {count} problem.",
                    "The scenario cannot be read: {count} problems.",
                    count,
                ).format(count=count)
            )
            for issue in error.issues:
                st.write(f"- {issue.render(words().lang)}")
            return None


def settings() -> tuple[int, int, float, str]:
    """Samples, seed, threshold and audience from the sidebar."""
    with st.sidebar:
        st.header(_("Simulation"))
        samples = st.number_input(
            _("Samples"), 100, MAX_APP_SAMPLES, DEFAULT_SAMPLES, 100, key="risk_samples"
        )
        seed = st.number_input(_("Seed"), 0, 1_000_000, 0, 1, key="risk_seed")
        threshold = st.slider(
            _("Commit when the odds are at least (%)"), 50, 95, 80, 5, key="risk_threshold"
        )
        audience = st.radio(
            _("Words for"),
            AUDIENCES,
            key="risk_audience",
            horizontal=True,
            format_func=words().gettext,
        )
        st.caption(_("The same scenario, samples and seed always give the same figures."))
    return int(samples), int(seed), threshold / 100, audience


def simulate(scenario: Scenario, samples: int, seed: int, threshold: float) -> None:
    """Run the samples with a progress bar and keep the result for this scenario and inputs."""
    bar = st.progress(0.0, text=_("Simulating…"))
    number = words().number

    def progress(done: int, total: int) -> None:
        text = _("Simulated {done} of {total} outcomes").format(
            done=number(done), total=number(total)
        )
        bar.progress(done / total, text=text)

    # workers=1: the app's process runs server threads; starting processes from it is unsafe
    risk = run_risk(scenario, samples, seed, threshold=threshold, workers=1, progress=progress)
    bar.empty()
    st.session_state["risk_result"] = {
        "key": (app.scenario_key(scenario), samples, seed, threshold),
        "risk": risk,
    }


def show(risk, audience: str) -> None:
    """The figures: summary, odds per promise (chart and words), price against budget."""
    lang = words().lang
    st.subheader(summary_sentence(risk, lang))
    if not risk.has_figures:
        return
    if risk.uncertain_tasks == 0:
        st.info(words_in(lang).gettext(NO_RANGES))
    st.plotly_chart(promise_odds_chart(risk, lang), key="risk_promises")
    if audience == "Client":
        for promise in risk.promises:
            st.write(promise_sentence(promise, lang))
    else:
        st.dataframe(promise_table(risk, lang), hide_index=True, key="risk_table")
        for promise in risk.promises:
            if (text := suggestion_sentence(promise, lang)) is not None:
                st.write(f"**{promise.name}**: {text}")
    st.write(budget_sentence(risk, audience.lower(), lang))
    st.plotly_chart(price_distribution_chart(risk, lang), key="risk_price")
    if audience == "Agency":
        st.caption(
            _(
                "{samples} samples, seed {seed}, {tasks} tasks with ranges, {seconds} s. "
                "Method: docs/risk.md."
            ).format(
                samples=words().number(risk.samples),
                seed=risk.seed,
                tasks=risk.uncertain_tasks,
                seconds=words().number(risk.seconds, 1),
            )
        )


def main() -> None:
    """The page."""
    choose_language()
    st.title(_("How sure are we?"))
    st.caption(
        _(
            "Efforts and client turnarounds given as ranges (low, likely, high) are sampled "
            "and the plan is re-timed for each outcome."
        )
    )
    scenario = choose_scenario()
    samples, seed, threshold, audience = settings()
    if scenario is None:
        st.info(_("Choose a scenario in the sidebar."))
        return
    key = (app.scenario_key(scenario), samples, seed, threshold)
    if st.button(_("Simulate"), key="risk_run", type="primary"):
        simulate(scenario, samples, seed, threshold)
    last = st.session_state.get("risk_result")
    if last is None or last["key"] != key:
        st.info(
            _("Press Simulate to run {samples} outcomes of {title}.").format(
                samples=words().number(samples), title=scenario.title
            )
        )
        return
    show(last["risk"], audience)


main()
