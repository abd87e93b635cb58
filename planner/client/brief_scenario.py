"""A brief written in the scenario format but without a team, read as a client brief.

A client may start from the agency format (``scenario``, ``start``, ``brief.tasks`` with
``role`` and ``hours``, ``client_days`` review steps) and simply have no ``team``. Each task
becomes a deliverable with one role's effort (``hours`` may be a ``[low, typical, high]``
range here) or, for a client step, a review round; problems found are reported at the
scenario paths the user wrote (``brief.tasks[2].hours``). Scenario fields that need agency
data (people, recurrences, lags, priorities …) are refused with a fix rather than ignored,
so nothing in the brief changes silently. Adding a ``team`` section (with single-figure
hours) makes the same file a full agency scenario.
"""

from __future__ import annotations

from typing import Any

from planner.i18n import Texts
from planner.io.errors import Path, Problem

TASK_FIELDS = {"id": "id", "name": "name", "after": "after", "due": "due"}
AGENCY_ONLY = ("person", "repeat", "due_within", "from", "priority", "max_people", "optional")
AGENCY_ONLY += ("value", "deliverable")
TOP_LEVEL = {"brief": ("scenario",), "start": ("start",), "currency": ("currency",)}
TOP_LEVEL |= {"client": ("brief", "client"), "budget": ("brief", "budget")}
TOP_LEVEL |= {"country": ("calendar", "country"), "deliverables": ("brief", "tasks")}


def is_scenario_shaped(document: Any) -> bool:
    """True for a document in the scenario format (``brief: {tasks: [...]}``)."""
    brief = document.get("brief") if isinstance(document, dict) else None
    return isinstance(brief, dict) and "tasks" in brief


def scenario_path(path: Path) -> Path:
    """The scenario-format path of a client-brief path (``deliverables[2].effort.x`` →
    ``brief.tasks[2].hours``)."""
    if not path or path[0] not in TOP_LEVEL:
        return path
    head = TOP_LEVEL[str(path[0])]
    rest = path[1:]
    if path[0] == "deliverables" and len(rest) >= 2:
        field = {"effort": "hours", "review_days": "client_days"}.get(str(rest[1]), rest[1])
        tail = rest[3:] if rest[1] == "effort" else rest[2:]
        return (*head, rest[0], field, *tail)
    return (*head, *rest)


def brief_document(document: dict[str, Any], texts: Texts) -> tuple[dict[str, Any], list[Problem]]:
    """The client-brief form of a scenario-shaped document, and problems only it can have."""
    _ = texts.gettext
    brief = document["brief"]
    problems = [
        Problem(
            (key,),
            _("a brief checked at market rates has no {key} section").format(key=key),
            _("remove it, or plan the file as an agency scenario without --rate-card"),
        )
        for key in ("team", "commitments", "levers")
        if key in document
    ]
    problems += _unused(document, ("scenario", "start", "currency", "calendar", "brief"), (), texts)
    problems += _unused(brief, ("client", "budget", "tasks"), ("brief",), texts)
    if isinstance(document.get("calendar"), dict):
        problems += _unused(document["calendar"], ("country",), ("calendar",), texts)
    tasks = brief.get("tasks")
    deliverables = []
    for index, task in enumerate(tasks if isinstance(tasks, list) else []):
        item, found = _deliverable(task, index, texts)
        deliverables.append(item)
        problems += found
    calendar = document.get("calendar")
    converted = {
        "brief": document.get("scenario"),
        "client": brief.get("client"),
        "start": document.get("start"),
        "currency": document.get("currency"),
        "country": calendar.get("country") if isinstance(calendar, dict) else None,
        "budget": brief.get("budget"),
        "deliverables": deliverables if isinstance(tasks, list) else tasks,
    }
    return {key: value for key, value in converted.items() if value is not None}, problems


def _unused(data: dict[str, Any], used: tuple[str, ...], path: Path, texts: Texts) -> list[Problem]:
    """A problem for each key of ``data`` the client check would otherwise drop silently."""
    _ = texts.gettext
    return [
        Problem(
            (*path, key),
            _("{key} is not used at market rates").format(key=key),
            _("remove it for the client check; used here: {keys}").format(keys=", ".join(used)),
        )
        for key in data
        if key not in used and key not in ("team", "commitments", "levers")
    ]


def _deliverable(task: Any, index: int, texts: Texts) -> tuple[Any, list[Problem]]:
    _ = texts.gettext
    if not isinstance(task, dict):
        return task, []
    path: Path = ("brief", "tasks", index)
    problems = [
        Problem(
            (*path, key),
            _("{key} needs an agency's data and is not used at market rates").format(key=key),
            _("remove it for the client check (an agency can add it with its team)"),
        )
        for key in AGENCY_ONLY
        if key in task
    ]
    item = {TASK_FIELDS[key]: value for key, value in task.items() if key in TASK_FIELDS}
    after = item.get("after")
    if isinstance(after, list) and any("+" in str(a) or isinstance(a, dict) for a in after):
        problems.append(
            Problem(
                (*path, "after"),
                _("waiting extra days (a lag) is not used at market rates"),
                _("list the task ids only, e.g. after: [concept]"),
            )
        )
    if "client_days" in task:
        item["review_days"] = task["client_days"]
    if "role" in task or "hours" in task:
        item["effort"] = {str(task.get("role", "")): task.get("hours")}
    return item, problems
