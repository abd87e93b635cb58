"""The app's "Why & fixes" tab without widgets: an explanation as what the page shows.

``streamlit_app.py`` asks :func:`explain` (cached by the app on the scenario's content key),
turns the result into a :class:`WhyView` with :func:`why_view` and draws it; pressing "Apply
this alternative" calls :func:`applied_tables` for the edit tables of the changed scenario.
This module never imports Streamlit. The flow::

    checked scenario ──explain──▶ Explanation ──why_view──▶ causes per broken promise,
                                                            alternatives A, B, …, reverse answers
    working scenario + Alternative ──applied_tables──▶ new scenario and its edit tables
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from planner.app import EditResult, editor_tables, escape_markdown, scenario_from_edits
from planner.app.words import _, language
from planner.diagnosis.alternative import Alternative, apply_alternative
from planner.diagnosis.explanation import DEFAULT_EXPLAIN_LIMIT, Explanation, explain_scenario
from planner.diagnosis.findings import BUDGET, CAPACITY, CHAIN, CONFLICT, Cause
from planner.diagnosis.levers import Progress
from planner.diagnosis.text import capitalised, day_text, days_text, money_text
from planner.i18n import N_
from planner.model import Scenario
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import DEFAULT_TIME_LIMIT
from planner.report.audience import OTHER_WORK

EXPLAIN_MAX_LIMIT = DEFAULT_EXPLAIN_LIMIT
"""Most seconds per plan and re-plan while explaining: the sidebar's time limit up to this,
the same as ``planner explain`` (2 s), so the explanation stays within a few seconds."""

KIND_BADGES: dict[str, tuple[str, str]] = {
    CHAIN: (N_("dependency chain"), "violet"),
    CAPACITY: (N_("capacity"), "orange"),
    CONFLICT: (N_("conflict"), "red"),
    BUDGET: (N_("budget"), "blue"),
}
"""Badge text and Streamlit badge colour per cause kind."""

EXPLAIN_PROMPT = N_(
    "Press **Explain** to see why the checked plan breaks its promises and the cheapest "
    "changes to the brief that make every promise hold, each re-planned and checked. It "
    "takes a few seconds; a bar shows how far it is and **Cancel** stops it."
)
"""What the tab says until Explain is pressed for the checked scenario (English; the app
shows it translated)."""

EARLIEST_HELP = N_(
    "Each broken promise given first call on the team, one at a time. A date that would be on "
    "time only by letting other promises slip is shown as the plan has it, with a note."
)
"""Help of the earliest-dates table (English; the app shows it translated)."""


def explain(
    scenario: Scenario,
    time_limit: float = DEFAULT_TIME_LIMIT,
    seed: int = 0,
    progress: Progress | None = None,
) -> Explanation:
    """Everything ``planner explain`` says about ``scenario`` (a few seconds; the app caches it).

    Parameters
    ----------
    scenario
        The checked scenario.
    time_limit
        The sidebar's solver time limit; capped at :data:`EXPLAIN_MAX_LIMIT` per solve.
    seed
        The sidebar's solver seed, so the answer repeats.
    progress
        Called with a few words and the share done (the page's progress bar).
    """
    limit = min(time_limit, EXPLAIN_MAX_LIMIT)
    settings = SolveSettings(time_limit=limit, seed=seed)
    return explain_scenario(scenario, settings, progress=progress, lang=language())


# ----------------------------------------------------------------------------- view


@dataclass(frozen=True)
class CauseView:
    """One cause as the tab shows it: a kind badge, the client-ready sentence, its figures."""

    kind: str
    sentence: str
    figures: Mapping[str, Any]
    proven: bool = True

    @property
    def badge(self) -> str:
        """The kind in words, e.g. ``dependency chain`` (``conflict, not proven`` if unproven)."""
        known = KIND_BADGES.get(self.kind)
        text = _(known[0]) if known else self.kind.replace("_", " ")
        return text if self.proven else _("{kind}, not proven").format(kind=text)

    @property
    def markdown(self) -> str:
        """Badge and sentence as Streamlit markdown (the sentence shown literally)."""
        colour = KIND_BADGES.get(self.kind, ("", "gray"))[1]
        return f":{colour}-badge[{escape_markdown(self.badge)}] {escape_markdown(self.sentence)}"


@dataclass(frozen=True)
class PromiseWhy:
    """A broken promise and the causes found for it."""

    name: str
    due: date
    finish: date | None
    slip_days: int
    causes: tuple[CauseView, ...]

    @property
    def title(self) -> str:
        """``Launch concept — promised 17 Mar 2027, realistic 19 Mar 2027 (2 working days
        late)``."""
        if self.finish is None:
            return _("{name} — promised {due}, not planned").format(
                name=self.name, due=day_text(self.due, language())
            )
        return _("{name} — promised {due}, realistic {finish} ({late} late)").format(
            name=self.name,
            due=day_text(self.due, language()),
            finish=day_text(self.finish, language()),
            late=days_text(self.slip_days, language()),
        )

    @property
    def markdown(self) -> str:
        """The title in bold, shown literally."""
        return f"**{escape_markdown(self.title)}**"


@dataclass(frozen=True)
class AlternativeView:
    """One way out as the tab shows it; ``alternative`` is what "Apply" applies.

    ``summary`` says what the client pays against their budget and how many changes it takes;
    ``changes`` lists every change to the brief; ``cost`` is the agency's own price of the
    levers (shown to the agency only).
    """

    label: str
    headline: str
    cost: str
    changes: tuple[str, ...]
    verdict_after: str
    price_after: str
    alternative: Alternative
    summary: str = ""

    @property
    def title(self) -> str:
        """``A · client pays 43,081 EUR`` — the label and what the client pays."""
        return _("{label} · client pays {price}").format(label=self.label, price=self.price_after)

    @property
    def after(self) -> str:
        """``Re-planned and checked: every promise holds; fits the budget``."""
        if self.verdict_after == "feasible":
            text = _("Re-planned and checked: every promise holds. {summary}.")
        else:
            text = _("Re-planned and checked: still short. {summary}.")
        return text.format(summary=capitalised(self.summary))

    @property
    def markdown(self) -> str:
        """Title as a heading, the headline in bold and the changes as a list (literal text)."""
        changes = "\n".join(f"- {escape_markdown(change)}" for change in self.changes)
        return (
            f"#### {escape_markdown(self.title)}\n**{escape_markdown(self.headline)}**\n\n{changes}"
        )


@dataclass(frozen=True)
class WhyView:
    """Everything the "Why & fixes" tab shows for one explanation."""

    verdict: str
    promises: tuple[PromiseWhy, ...]
    other_causes: tuple[CauseView, ...]
    notes: tuple[str, ...]
    alternatives: tuple[AlternativeView, ...]
    earliest: pd.DataFrame
    scope: str | None
    seconds: float

    @property
    def holds(self) -> bool:
        """True when every promise holds within budget (nothing to explain or fix)."""
        return self.verdict == "feasible"

    @property
    def cause_groups(self) -> tuple[tuple[str | None, tuple[CauseView, ...]], ...]:
        """(heading markdown, causes): one group per broken promise, then the plan's own
        causes (the budget) without a heading."""
        groups = [(p.markdown, p.causes) for p in self.promises]
        return (*groups, (None, self.other_causes)) if self.other_causes else tuple(groups)


EARLIEST_COLUMNS = ["Promise", "Promised", "Earliest possible", "Note"]


def applied_message(label: str) -> str:
    """What the tab says after alternative ``label`` was applied."""
    return _(
        "Alternative {label} is now in the scenario (see **Edit scenario**): press "
        "**Check the brief** for its verdict."
    ).format(label=label)


def why_view(explanation: Explanation, hide: tuple[str, ...] = ()) -> WhyView:
    """What the tab shows: causes grouped by broken promise, alternatives, reverse answers.

    Broken promises come in the plan's order (worst slip first); causes without a promise
    (the budget) go to ``other_causes``. Money is written as everywhere (``35,550 EUR``).
    Every text in ``hide`` (other clients' bookings, for a client:
    :func:`planner.report.audience.booking_labels`) reads "other booked work" in sentences and
    figures.
    """
    plan = explanation.plan
    diagnosis = explanation.diagnosis
    broken = plan.broken_promises if plan.has_schedule else plan.promises
    promises = tuple(
        PromiseWhy(
            p.name,
            p.due,
            p.finish if plan.has_schedule else None,
            p.slip_days,
            tuple(_cause(c, hide) for c in diagnosis.causes_for(p.task)),
        )
        for p in broken
    )
    tasks = {p.task for p in broken}
    others = tuple(_cause(c, hide) for c in diagnosis.causes if c.task not in tasks)
    earliest = pd.DataFrame(
        [list(row) for row in explanation.earliest_rows()], columns=EARLIEST_COLUMNS
    )
    return WhyView(
        verdict=plan.verdict,
        promises=promises,
        other_causes=others,
        notes=diagnosis.notes,
        alternatives=tuple(_alternative(a, plan) for a in explanation.alternatives),
        earliest=earliest,
        scope=explanation.scope_sentence,
        seconds=explanation.seconds,
    )


def _cause(cause: Cause, hide: tuple[str, ...] = ()) -> CauseView:
    return CauseView(
        cause.kind, _hidden(cause.sentence, hide), _hidden(cause.figures(), hide), cause.proven
    )


def _hidden(value: Any, hide: tuple[str, ...]) -> Any:
    """``value`` (text, or mappings and lists of them) with every text in ``hide`` replaced."""
    if isinstance(value, str):
        for text in hide:
            value = value.replace(text, OTHER_WORK)
        return value
    if isinstance(value, Mapping):
        return {k: _hidden(v, hide) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_hidden(v, hide) for v in value)
    return value


def _alternative(alternative: Alternative, plan: Plan) -> AlternativeView:
    currency = plan.currency
    return AlternativeView(
        label=alternative.label,
        headline=alternative.headline,
        cost=money_text(alternative.cost, currency, language()),
        changes=tuple(alternative.change_lines(plan)),
        verdict_after=alternative.verdict_after,
        price_after=money_text(alternative.price_after, currency, language()),
        alternative=alternative,
        summary=alternative.client_summary(plan),
    )


# ----------------------------------------------------------------------------- figures


def figure_tables(figures: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """A cause's figures as small tables for the page.

    Scalars, lists of plain values and nested mappings (flattened as ``capacity · hours``)
    form the first table, ``Figures`` (columns ``Figure`` and ``Value``, values as text);
    every list of records (a chain's steps, the hours lost) gets a table of its own, named
    by its key.
    """
    rows: list[tuple[str, str]] = []
    tables: dict[str, pd.DataFrame] = {}
    _flatten(figures, "", rows, tables)
    return {_("Figures"): pd.DataFrame(rows, columns=[_("Figure"), _("Value")]), **tables}


def _flatten(
    figures: Mapping[str, Any],
    prefix: str,
    rows: list[tuple[str, str]],
    tables: dict[str, pd.DataFrame],
) -> None:
    for key, value in figures.items():
        name = f"{prefix}{key.replace('_', ' ')}"
        if isinstance(value, Mapping):
            _flatten(value, f"{name} · ", rows, tables)
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            records = [{k.replace("_", " "): _plain(v) for k, v in item.items()} for item in value]
            tables[name[:1].upper() + name[1:]] = pd.DataFrame(records)
        elif value is not None:
            rows.append((name, _plain(value)))


def _plain(value: Any) -> str:
    """A figure as text: lists joined with commas (``none`` when empty), booleans as yes/no,
    numbers with thousands separators."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value) or _("none")
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int | float):
        return f"{value:,}"
    return str(value)


# ----------------------------------------------------------------------------- apply


@dataclass(frozen=True)
class Applied:
    """An alternative applied to the working scenario, ready for the edit tables."""

    scenario: Scenario
    tables: dict[str, pd.DataFrame]


def applied_tables(scenario: Scenario, alternative: Alternative) -> Applied:
    """The working scenario with ``alternative`` applied, and its edit tables.

    The tables are read back before they are returned, so the editors never start from a
    table the app would then reject.

    Raises
    ------
    KeyError
        The alternative names a task or person the scenario no longer has.
    ValueError
        The changed scenario does not read back from its tables (the issues are listed).
    """
    changed = apply_alternative(scenario, alternative)
    tables = editor_tables(changed)
    result: EditResult = scenario_from_edits(tables, f"{scenario.title} (alternative)")
    if not result.ok:
        raise ValueError("; ".join(issue.render(language()) for issue in result.issues))
    return Applied(changed, tables)
