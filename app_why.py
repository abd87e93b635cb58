"""The "Why & fixes" tab of the agency app: explain on request, causes, alternatives, Apply.

Widgets only; what the tab shows is computed by :mod:`planner.app.diagnosis` (``why``) and the
state rules are :class:`planner.app.session.AppSession`.
"""

from __future__ import annotations

import streamlit as st

from app_widgets import dates_table, session
from planner import app
from planner.app import diagnosis as why
from planner.app.words import _, language, words
from planner.diagnosis.alternative import Alternative
from planner.diagnosis.explanation import Explanation
from planner.diagnosis.levers import RANKING_NOTE
from planner.model import Scenario


def explain(key: str, time_limit: float, seed: int, scenario: Scenario) -> Explanation:
    """Explain ``scenario`` with a progress bar and a Cancel button; kept per content ``key``
    and settings in the session (a cancelled run keeps nothing)."""
    state = session()
    cache_key = (key, time_limit, seed, language())  # the sentences are in the page's language
    if (kept := state.kept_explanation(cache_key)) is not None:
        return kept
    holder = st.empty()
    with holder.container():
        st.button(_("Cancel"), key="cancel_explain", on_click=cancel_explain)
        bar = st.progress(0.0, text=_("Explaining…"))

    def progress(step: str, share: float) -> None:
        # Runs in the script's thread: a click on Cancel stops the run here.
        text = _("Explaining: {step}…").format(step=step)
        bar.progress(max(0.0, min(share, 1.0)), text=text)

    result = why.explain(scenario, time_limit, seed, progress=progress)
    holder.empty()
    state.keep_explanation(cache_key, result)
    return result


def cancel_explain() -> None:
    """Cancel button callback: forget the request; the running explanation stops."""
    session().cancel_explanation(_("Explanation cancelled: press **Explain** to start it again."))


def why_tab(
    scenario: Scenario, limit: float, seed: int, editable: bool, hide: tuple[str, ...]
) -> None:
    """Explain the checked scenario on request: causes, alternatives, reverse answers
    (``hide``: other clients' booking labels, for the client audience)."""
    key = app.scenario_key(scenario)
    state = session()
    if st.button(_("Explain"), key="run_explain", type="primary"):
        state.request_explanation(key)
    if message := state.take_message():
        {"ok": st.success, "info": st.info}.get(message[0], st.error)(message[1])
    if not state.explanation_requested(key):
        st.caption(_(why.EXPLAIN_PROMPT))
        return
    try:
        view = why.why_view(explain(key, limit, seed, scenario), hide)
    except Exception as error:  # a friendly message, never a traceback
        st.error(
            _("The explanation failed: {error}. The verdict above still stands; try again.").format(
                error=error
            )
        )
        return
    if view.holds:
        st.success(_("Every promise holds within budget: nothing to fix."))
    causes, ways = st.columns(2, gap="large")
    if not view.holds:
        causes.subheader(_("Why"))
        ways.subheader(_("Changes to the brief that make it hold"))
        ways.caption(_("Each re-planned and checked; {note}.").format(note=RANKING_NOTE))
    with causes:
        show_causes(view)
    with ways:
        show_alternatives(view, editable)
    if not view.earliest.empty:
        st.subheader(_("Earliest possible dates"), help=_(why.EARLIEST_HELP))
        dates_table(view.earliest, "earliest", "Promised", "Earliest possible")
    if view.scope:
        st.info(view.scope)
    st.caption(_("Explained in {seconds} s.").format(seconds=words().number(view.seconds, 1)))


def show_causes(view: why.WhyView) -> None:
    """Each broken promise with its causes (kind badge, sentence, figures in an expander)."""
    for heading, causes in view.cause_groups:
        if heading:
            st.markdown(heading)
        for cause in causes:
            st.markdown(cause.markdown)
            with st.expander(_("Figures")):
                for title, table in why.figure_tables(cause.figures).items():
                    st.caption(title)
                    st.dataframe(table, hide_index=True)
    for note in view.notes:
        st.caption(note)


def show_alternatives(view: why.WhyView, editable: bool) -> None:
    """The alternatives, cheapest first, each with its changes and an Apply button."""
    if not view.alternatives and not view.holds:
        st.warning(_("No combination of the allowed levers makes every promise hold."))
    for item in view.alternatives:
        with st.container(border=True, key=f"alternative_{item.label}"):
            st.markdown(item.markdown)
            st.caption(item.after)
            st.button(
                _("Apply this alternative"),
                key=f"apply_{item.label}",
                on_click=apply,
                args=(item.label, item.alternative),
                disabled=not editable,
                help=None if editable else _("Fix the edited rows first (see Edit scenario)."),
            )


def apply(label: str, alternative: Alternative) -> None:
    """Button callback: the working scenario becomes itself with ``alternative`` applied."""
    state = session()
    try:
        changed = why.applied_tables(state.valid, alternative)
    except Exception as error:  # shown in the tab, never a traceback
        message = _("Alternative {label} cannot be applied: {error}")
        state.apply_failed(message.format(label=label, error=error))
        return
    state.applied(changed.tables, changed.scenario, why.applied_message(label))
