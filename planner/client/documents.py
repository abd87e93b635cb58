"""Rate cards and client briefs: from a plain document (as in YAML) to the client model.

Each reader collects every problem (see :class:`~planner.client.fields.Fields`) and returns the
model only when there is none. The formats are described in ``docs/client-mode.md``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.client.fields import Fields
from planner.client.model import ClientBrief, Deliverable, Estimate, RateCard, RoleRate
from planner.i18n import Texts
from planner.io.errors import Problem

CARD_FIELDS: tuple[str, ...] = (
    "rate_card",
    "currency",
    "country",
    "unit",
    "hours_per_day",
    "hours_per_week",
    "illustrative",
    "source",
    "roles",
)
ROLE_FIELDS: tuple[str, ...] = ("role", "rate", "people", "share")
BRIEF_FIELDS: tuple[str, ...] = (
    "brief",
    "client",
    "start",
    "currency",
    "country",
    "budget",
    "deliverables",
)
DELIVERABLE_FIELDS: tuple[str, ...] = ("id", "name", "effort", "after", "review_days", "due")
UNITS: tuple[str, ...] = ("hour", "day")

ROLE_EXAMPLE = "{role: designer, rate: [75, 95, 120], people: 2, share: 0.5}"
DELIVERABLE_EXAMPLE = "{id: concept, effort: {designer: [24, 32, 48]}, due: 2027-03-19}"


def rate_card_from_dict(data: Any, texts: Texts) -> tuple[RateCard | None, list[Problem]]:
    """The rate card in ``data``, or ``None`` and every problem found.

    Rates given per day (``unit: day``) are converted to hourly rates with ``hours_per_day``.
    """
    _ = texts.gettext
    check = Fields(texts)
    doc = check.mapping(data, (), "{rate_card: …, currency: EUR, roles: [" + ROLE_EXAMPLE + "]}")
    if doc is None:
        return None, check.problems
    check.unknown(doc, CARD_FIELDS, ())
    name = check.text(doc, "rate_card", (), "Helsinki agencies 2027")
    currency = check.text(doc, "currency", (), "EUR")
    unit = check.text(doc, "unit", (), "hour", required=False) or "hour"
    if not check.choice(unit, list(UNITS), ("unit",), _("{value} is not a rate unit")):
        unit = "hour"
    per_day = check.number(
        doc.get("hours_per_day", 7.5), ("hours_per_day",), "7.5", above=True, maximum=24
    )
    per_week = check.number(
        doc.get("hours_per_week", 37.5), ("hours_per_week",), "37.5", above=True, maximum=168
    )
    roles: list[RoleRate] = []
    seen: set[str] = set()
    for index, item in enumerate(check.items(doc, "roles", (), ROLE_EXAMPLE)):
        role = _role(check, item, index, (per_day or 1) if unit == "day" else 1)
        if role is not None and role.role in seen:
            check.add(
                ("roles", index, "role"),
                _("the role {role!r} is listed twice").format(role=role.role),
                _("keep one line per role"),
            )
        elif role is not None:
            seen.add(role.role)
            roles.append(role)
    illustrative = doc.get("illustrative", False)
    if not isinstance(illustrative, bool):
        check.add(
            ("illustrative",),
            _("must be true or false"),
            _("e.g. {key}: {example}").format(key="illustrative", example="true"),
        )
    if check.problems or name is None or currency is None or per_week is None:
        return None, check.problems
    return RateCard(
        name=name,
        currency=currency.upper(),
        roles=tuple(roles),
        hours_per_week=per_week,
        country=check.text(doc, "country", (), "FI", required=False),
        illustrative=bool(illustrative),
        source=str(doc.get("source") or ""),
    ), check.problems


def _role(check: Fields, item: Any, index: int, hours_per_unit: float) -> RoleRate | None:
    path = ("roles", index)
    row = check.record(item, path, ROLE_EXAMPLE, ROLE_FIELDS)
    if row is None:
        return None
    role = check.text(row, "role", path, "designer")
    rate = _required(check, row, "rate", path, "[75, 95, 120]")
    rate = None if rate is None else check.estimate(rate, (*path, "rate"), "[75, 95, 120]")
    people = check.whole(row.get("people", 1), (*path, "people"), "2", minimum=1)
    share = check.number(row.get("share", 1), (*path, "share"), "0.5", above=True, maximum=1)
    if None in (role, rate, people, share):
        return None
    assert role is not None and rate is not None and people is not None and share is not None
    hourly = Estimate(*(value / hours_per_unit for value in (rate.low, rate.typical, rate.high)))
    return RoleRate(role=role, rate=hourly, people=people, share=share)


def _required(check: Fields, row: dict[str, Any], key: str, path: tuple, example: str) -> Any:
    _ = check.texts.gettext
    if row.get(key) is None:
        check.add(
            (*path, key),
            _("is required but missing"),
            _("e.g. {key}: {example}").format(key=key, example=example),
        )
    return row.get(key)


def brief_from_dict(data: Any, texts: Texts) -> tuple[ClientBrief | None, list[Problem]]:
    """The client brief in ``data``, or ``None`` and every problem found."""
    check = Fields(texts)
    doc = check.mapping(data, (), "{brief: …, client: …, start: 2027-03-01, deliverables: [...]}")
    if doc is None:
        return None, check.problems
    check.unknown(doc, BRIEF_FIELDS, ())
    title = check.text(doc, "brief", (), "Spring launch")
    client = check.text(doc, "client", (), "Tundra Oy")
    start = check.day(doc, "start", (), "2027-03-01")
    currency = check.text(doc, "currency", (), "EUR", required=False)
    country = check.text(doc, "country", (), "FI", required=False)
    budget = None
    if doc.get("budget") is not None:
        budget = check.number(doc["budget"], ("budget",), "30000")
    raw = check.items(doc, "deliverables", (), DELIVERABLE_EXAMPLE)
    deliverables = [
        deliverable
        for index, item in enumerate(raw)
        if (deliverable := _deliverable(check, item, index, start)) is not None
    ]
    _check_links(check, raw)
    if check.problems or title is None or client is None or start is None:
        return None, check.problems
    brief = ClientBrief(
        title=title,
        client=client,
        start=start,
        deliverables=tuple(deliverables),
        budget=budget,
        currency=currency.upper() if currency else None,
        country=country.upper() if country else None,
    )
    return brief, []


def _deliverable(check: Fields, item: Any, index: int, start: date | None) -> Deliverable | None:
    _ = check.texts.gettext
    path = ("deliverables", index)
    row = check.record(item, path, DELIVERABLE_EXAMPLE, DELIVERABLE_FIELDS)
    if row is None:
        return None
    ident = check.identifier(row, "id", path, "concept")
    name = check.text(row, "name", path, "Campaign concept", required=False)
    effort: list[tuple[str, Estimate]] = []
    raw_effort = row.get("effort", {})
    hint = _("give hours per role, e.g. effort: {example}").format(
        example="{designer: [24, 32, 48]}"
    )
    if not isinstance(raw_effort, dict):
        check.add(
            (*path, "effort"),
            _("must be a mapping of role: hours (got {value})").format(
                value=type(raw_effort).__name__
            ),
            hint,
        )
        raw_effort = {}
    for role, hours in raw_effort.items():
        figure = check.estimate(hours, (*path, "effort", str(role)), "[24, 32, 48]", above=True)
        if figure is not None:
            effort.append((str(role), figure))
    review = check.whole(row.get("review_days", 0), (*path, "review_days"), "5")
    if not raw_effort and not review:
        check.add(path, _("has neither agency effort nor a review round"), hint)
    after = _after(row)
    if after is None:
        check.add(
            (*path, "after"),
            _("must be a list of deliverable ids"),
            _("e.g. {key}: {example}").format(key="after", example="[concept]"),
        )
        after = []
    due = check.day(row, "due", path, "2027-03-26", required=False)
    if due is not None and start is not None and due < start:
        check.add(
            (*path, "due"),
            _("the promised date {due} is before the start {start}").format(due=due, start=start),
            _("move the date after the start"),
        )
    if ident is None or review is None or len(effort) != len(raw_effort):
        return None
    return Deliverable(ident, name or "", tuple(effort), tuple(str(a) for a in after), review, due)


def _after(row: dict[str, Any]) -> list[str] | None:
    """The ids a deliverable waits for (``None`` when ``after`` is not a list or text)."""
    after = row.get("after", [])
    if isinstance(after, str):
        return [part.strip() for part in after.split(",") if part.strip()]
    if isinstance(after, list):
        return [str(item) for item in after]
    return None


def _check_links(check: Fields, raw: list[Any]) -> None:
    """Unique ids and known, acyclic ``after`` links (on every row, even one with mistakes)."""
    _ = check.texts.gettext
    rows = [row if isinstance(row, dict) else {} for row in raw]
    ids = [str(row.get("id", "")) for row in rows]
    for index, row in enumerate(rows):
        path = ("deliverables", index)
        if ids.index(ids[index]) != index and ids[index]:
            check.add(
                (*path, "id"),
                _("the id {id!r} is used twice").format(id=ids[index]),
                _("give each deliverable its own id"),
            )
        others = [i for i in dict.fromkeys(ids) if i and i != ids[index]]
        for position, before in enumerate(_after(row) or []):
            what = _("no other deliverable has the id {value}")
            check.choice(before, others, (*path, "after", position), what)
    links = {ident: set(_after(row) or []) for ident, row in zip(ids, rows, strict=True)}
    cycle = _cycle(links)
    if cycle:
        check.add(
            ("deliverables",),
            _("the deliverables wait for each other in a circle: {cycle}").format(
                cycle=" → ".join(cycle)
            ),
            _("remove one of these 'after' links"),
        )


def _cycle(links: dict[str, set[str]]) -> list[str]:
    """One dependency cycle as a list of ids (first id repeated at the end), or ``[]``."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        trail.append(node)
        for nxt in sorted(links.get(node, ())):
            if nxt not in links:
                continue
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        trail.pop()
        return []

    for node in links:
        if node not in state and (found := visit(node)):
            return found
    return []


def card_mismatches(brief: ClientBrief, card: RateCard, texts: Texts) -> list[Problem]:
    """Problems between a brief and a rate card: another currency, roles the card lacks."""
    _ = texts.gettext
    check = Fields(texts)
    if brief.currency is not None and brief.currency != card.currency:
        check.add(
            ("currency",),
            _("the brief is in {brief} but the rate card prices in {card}").format(
                brief=brief.currency, card=card.currency
            ),
            _("use a rate card in {brief}, or give the budget in {card} (currency: {card})").format(
                brief=brief.currency, card=card.currency
            ),
        )
    known = [role.role for role in card.roles]
    for index, item in enumerate(brief.deliverables):
        for role, _hours in item.effort:
            check.choice(
                role,
                known,
                ("deliverables", index, "effort", role),
                _("the rate card has no rate for the role {value}"),
            )
    return check.problems
