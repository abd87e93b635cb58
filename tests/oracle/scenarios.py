"""Random tiny scenarios for the oracle test (hypothesis strategies over the scenario format).

They cover what the planner's claims depend on: part-time people with their own workdays,
time off, public holidays, commitments, chains through client reviews, recurring work with
``due_within``, priorities, budgets and several (fractional) rates.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

ROLES = ("designer", "copywriter")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
RATES = (60, 80, 80.45, 95.5, 120, 150)
STARTS = (date(2027, 3, 1), date(2027, 3, 22), date(2027, 4, 26), date(2027, 12, 13))
"""Plain weeks, the week before Easter (FI: Good Friday, Easter Monday), May Day and
Christmas."""


@st.composite
def person(draw: st.DrawFn, index: int, start: date) -> dict[str, Any]:
    """One person: roles, hours, workdays, a rate, maybe a week off."""
    workdays = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=2, max_size=5, unique=True))
    entry: dict[str, Any] = {
        "name": f"P{index}",
        "roles": draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=2, unique=True)),
        "hours_per_week": draw(st.sampled_from((12, 20, 30, 37.5, 40))),
        "workdays": [d for d in WEEKDAYS if d in workdays],
        "bill_rate": draw(st.sampled_from(RATES)),
    }
    if draw(st.booleans()):
        first = start + timedelta(days=draw(st.integers(0, 14)))
        entry["time_off"] = [{"from": first, "to": first + timedelta(days=draw(st.integers(0, 6)))}]
    return entry


@st.composite
def task(draw: st.DrawFn, index: int, start: date, earlier: list[dict[str, Any]]) -> dict[str, Any]:
    """An agency task or a client step after an earlier agency task."""
    agency = [t for t in earlier if "hours" in t and "repeat" not in t]
    if agency and draw(st.integers(0, 3)) == 0:
        return {
            "id": f"t{index}",
            "client_days": draw(st.integers(1, 12)),
            "after": [draw(st.sampled_from(agency))["id"]],
        }
    entry: dict[str, Any] = {
        "id": f"t{index}",
        "role": draw(st.sampled_from(ROLES)),
        "hours": draw(st.sampled_from((4, 7.5, 8, 12, 16, 24, 40, 60))),
        "priority": draw(st.sampled_from((1, 1, 2, 5, 100))),
        "max_people": draw(st.integers(1, 2)),
    }
    if earlier and draw(st.booleans()):
        before = draw(st.sampled_from(earlier))
        entry["after"] = [{"task": before["id"], "lag": draw(st.integers(0, 2))}]
    if draw(st.integers(0, 4)) == 0 and not earlier:
        entry["repeat"] = {"every": "week", "count": draw(st.integers(2, 3))}
        entry["due_within"] = draw(st.integers(1, 4))
        entry["hours"] = draw(st.sampled_from((2, 4, 6)))
    elif draw(st.integers(0, 3)) > 0:
        entry["due"] = start + timedelta(days=draw(st.integers(2, 35)))
    if draw(st.integers(0, 4)) == 0:
        entry["from"] = start + timedelta(days=draw(st.integers(1, 10)))
    return entry


@st.composite
def tiny_scenario(draw: st.DrawFn) -> dict[str, Any]:
    """A whole tiny scenario as the dict a YAML file would hold."""
    start = draw(st.sampled_from(STARTS))
    team = [draw(person(i, start)) for i in range(draw(st.integers(1, 3)))]
    covered = {r for p in team for r in p["roles"]}
    tasks: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 4))):
        tasks.append(draw(task(i, start, tasks)))
    for t in tasks:
        if "role" in t and t["role"] not in covered:
            t["role"] = sorted(covered)[0]
    scenario: dict[str, Any] = {
        "scenario": "oracle",
        "start": start,
        "currency": "EUR",
        "calendar": {"country": "FI", "workdays": list(WEEKDAYS)},
        "team": team,
        "brief": {"client": "Oracle", "tasks": tasks},
    }
    if draw(st.booleans()):
        scenario["brief"]["budget"] = draw(st.integers(5, 80)) * 100
    if draw(st.integers(0, 3)) == 0:
        who = team[0]
        scenario["commitments"] = [
            {
                "person": who["name"],
                "from": start,
                "to": start + timedelta(days=draw(st.integers(3, 20))),
                "hours_per_week": who["hours_per_week"] / 2,
            }
        ]
    return scenario
