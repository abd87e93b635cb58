"""The value types of the scenario schema: how one field's raw value is read and checked.

Each converter turns what YAML or a spreadsheet cell gives (``"Mon-Thu"``, ``"concept+2"``,
``1`` for an id, ``2027-03-01`` as text or date) into the value the models in
:mod:`planner.io.schema` hold, or raises a pydantic error whose message is already worded for
the user. The ``Annotated`` aliases at the end are the field types those models use.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import Annotated, Any, Literal

import holidays
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from planner.io.errors import N_, did_you_mean, join
from planner.model import WEEKDAY_NAMES

LIMIT = 10_000
"""Upper bound for counts, days and priorities (hours: ten times that); stops absurd input."""

MONEY_LIMIT = 1e12
"""Upper bound for amounts and rates, so prices stay exact finite numbers."""

FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2199, 12, 31)
"""Dates accepted anywhere in a scenario (year 1 or 9999 is a typo, and date arithmetic
near the ends of the calendar overflows)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TASK_ID = re.compile(r"\w[\w.\-]*")
_AFTER_ITEM = re.compile(r"\s*([^+]*?)\s*(?:\+\s*(.*?)\s*)?")
_REPEAT_ALIASES = {
    "daily": "day",
    "days": "day",
    "weekly": "week",
    "weeks": "week",
    "monthly": "month",
    "months": "month",
}


def _fail(kind: str, message: str, hint: str = "", **ctx: Any) -> PydanticCustomError:
    """A pydantic error whose message is already user-facing; ``hint`` rides along in ctx."""
    # the text travels in ctx so braces in user input are never taken for placeholders
    # (pydantic fills placeholders in ctx order, so the message must come last)
    return PydanticCustomError(kind, "{message}", {"hint": hint, **ctx, "message": message})


fail = _fail
"""Public name of the user-worded pydantic error, for validators in other modules."""


def _reject_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise _fail("number_type", N_("must be a number, not {value}", value=str(value).lower()))
    return value


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        if value.time() == time(0) and value.tzinfo is None:
            return value.date()
        raise _fail(
            "date_time", N_("must be a date without a time of day (got {value})", value=value)
        )
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            message = N_("{value!r} is not a real calendar date", value=value.strip())
            raise _fail("date_invalid", message) from None
    if isinstance(value, date):
        if not FIRST_DATE <= value <= LAST_DATE:
            raise _fail(
                "date_range",
                N_(
                    "{value} is outside the years {first}-{last}",
                    value=value.isoformat(),
                    first=FIRST_DATE.year,
                    last=LAST_DATE.year,
                ),
                N_("check the year"),
            )
        return value
    raise _fail(
        "date_format",
        N_("must be a date written YYYY-MM-DD (got {value})", value=show_short(value)),
    )


def show_short(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages about huge input."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _no_control(value: str) -> str:
    """Refuse control characters (ESC, BEL, …): they rewrite terminals and break exports."""
    found = _CONTROL.search(value)
    if found:
        raise _fail(
            "control_character",
            N_(
                "contains the control character U+{code:04X} at position {position} ({value})",
                code=ord(found.group()),
                position=found.start() + 1,
                value=show_short(value),
            ),
            N_("remove it; only printable text, tabs and line breaks are accepted"),
        )
    return value


def to_text_id(value: Any) -> Any:
    """Spreadsheets and YAML turn ids like ``1`` into numbers; take them back as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def _check_task_id(value: str) -> str:
    if not _TASK_ID.fullmatch(value):
        raise _fail(
            "task_id",
            N_(
                "{value!r} is not a valid task id (letters, digits, '_', '-' and '.' only)",
                value=value,
            ),
            N_("use a short id such as key_visual; '#', '+', ',' and spaces are reserved"),
        )
    return value


def split_list(value: Any) -> Any:
    """Accept ``"a, b"`` as well as ``[a, b]`` (and ``["a, b"]``); drop empty parts."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return value
    items: list[Any] = []
    for item in value:
        if isinstance(item, str):
            items.extend(part.strip() for part in item.split(",") if part.strip())
        else:
            items.append(item)
    return items


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _not_zero(value: float) -> float:
    if value == 0:
        raise _fail("not_zero", N_("must not be 0 (a commitment of no hours books nothing)"))
    return value


def weekday_index(name: str) -> int:
    """Index 0..6 of a weekday name (``Mon`` or ``monday``, any case); ValueError if unknown."""
    key = name.strip().lower()
    for index, (short, full) in enumerate(zip(WEEKDAY_NAMES, _FULL_DAY_NAMES, strict=True)):
        if key in (short.lower(), full):
            return index
    raise ValueError(name)


def _to_weekdays(value: Any) -> tuple[int, ...]:
    days: set[int] = set()
    for item in split_list(value) if isinstance(value, str | list | tuple) else [value]:
        if not isinstance(item, str):
            message = N_("must be weekday names such as Mon, Tue (got {item!r})", item=item)
            raise _fail("weekday_name", message)
        bounds = item.split("-")
        try:
            first, last = weekday_index(bounds[0]), weekday_index(bounds[-1])
        except ValueError as exc:
            guess = did_you_mean(str(exc), _FULL_DAY_NAMES) or did_you_mean(str(exc), WEEKDAY_NAMES)
            if guess and guess.params["option"] in _FULL_DAY_NAMES:
                option = WEEKDAY_NAMES[_FULL_DAY_NAMES.index(guess.params["option"])]
                guess = N_(guess.template, option=option)
            raise _fail(
                "weekday_name",
                N_("{name!r} is not a weekday name", name=str(exc).strip()),
                join(
                    [
                        guess,
                        N_("use Mon, Tue, Wed, Thu, Fri, Sat, Sun (or a range such as Mon-Fri)"),
                    ]
                ),
            ) from None
        if len(bounds) > 2 or last < first:
            raise _fail(
                "weekday_name",
                N_("{item!r} is not a weekday range", item=item),
                N_("write e.g. Mon-Fri"),
            )
        days.update(range(first, last + 1))
    if not days:
        raise _fail("weekdays_empty", N_("must list at least one weekday"))
    return tuple(sorted(days))


@lru_cache(maxsize=1)
def supported_countries() -> dict[str, tuple[str, ...]]:
    """Country codes the ``holidays`` package knows, each with its subdivision codes."""
    return {code: tuple(subs) for code, subs in holidays.list_supported_countries().items()}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    registry = getattr(getattr(holidays, "registry", None), "COUNTRIES", {})
    return {module.replace("_", " "): entry[1] for module, entry in registry.items()}


def _to_country(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail("country", N_("must be a country code such as FI (got {value!r})", value=value))
    code = value.strip().upper()
    if code in supported_countries():
        return code
    named = _country_names().get(value.strip().lower())
    guess = N_("did you mean {code}?", code=named) if named else ""
    raise _fail(
        "country",
        N_("{value!r} is not a country code known to the holidays package", value=value),
        join([guess, N_("use an ISO 3166 code such as FI, SE, DE, GB or US, or leave it out")]),
    )


def canonical_subdivision(country: str, value: str) -> str | None:
    """The holidays package's spelling of region ``value`` of ``country``, or ``None``."""
    known = {code.upper(): code for code in supported_countries().get(country, ())}
    key = value.strip().upper()
    return known.get(key) or known.get(key.zfill(2))


def _to_subdivision(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _to_repeat_unit(value: Any) -> Any:
    if isinstance(value, str):
        key = value.strip().lower()
        return _REPEAT_ALIASES.get(key, key)
    return value


def to_dependency(value: Any) -> Any:
    """``"concept"`` → ``{task: concept}``; ``"concept+2"`` → ``{task: concept, lag: 2}``."""
    value = to_text_id(value)
    if not isinstance(value, str):
        return value
    match = _AFTER_ITEM.fullmatch(value)
    assert match is not None  # the pattern matches any string
    task, lag = match.groups()
    return {"task": task} if lag is None else {"task": task, "lag": lag}


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_no_control)
]
TaskId = Annotated[Text, BeforeValidator(to_text_id), AfterValidator(_check_task_id)]
Number = Annotated[float, BeforeValidator(_reject_bool)]
SignedHours = Annotated[float, BeforeValidator(_reject_bool), AfterValidator(_not_zero)]
Integer = Annotated[int, BeforeValidator(_reject_bool)]
DateValue = Annotated[date, BeforeValidator(_to_date)]
Weekdays = Annotated[tuple[int, ...], BeforeValidator(_to_weekdays)]
Country = Annotated[str, BeforeValidator(_to_country)]
Subdivision = Annotated[Text, BeforeValidator(_to_subdivision)]
Names = Annotated[tuple[Text, ...], BeforeValidator(split_list), AfterValidator(_unique)]
RepeatUnit = Annotated[Literal["day", "week", "month"], BeforeValidator(_to_repeat_unit)]


def fld(hint: str, example: str, default: Any = ..., **constraints: Any) -> Any:
    """A field whose ``hint`` and YAML ``example`` are shown when the user gets it wrong."""
    return Field(default, description=hint, examples=[example], **constraints)
