"""The structural schema of a scenario document, as pydantic models (``extra="forbid"``).

These models mirror the YAML layout one to one (``from`` is the alias of ``from_``). Each field
carries a ``description`` (an imperative fix, used as the hint when the field is wrong) and an
example in YAML notation, so error messages can say *how* to fix a value. Field-local rules
(weekday names, country codes, date format, ``id+lag`` dependencies) are enforced here;
rules that involve several fields or the whole document live in :mod:`planner.io.checks`.
The field types and their converters live in :mod:`planner.io.values`.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from planner.io.errors import N_
from planner.io.values import (
    LIMIT,
    MONEY_LIMIT,
    Country,
    DateValue,
    Integer,
    Names,
    Number,
    RepeatUnit,
    SignedHours,
    Subdivision,
    TaskId,
    Text,
    Weekdays,
    fail,
    fld,
    split_list,
    to_dependency,
)
from planner.model import DEFAULT_WORKDAYS


class In(BaseModel):
    """Base of all document models: unknown keys are errors and ``null`` means "not given"."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    example: ClassVar[str] = ""

    @model_validator(mode="before")
    @classmethod
    def _drop_nulls(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


class TimeOffIn(In):
    example: ClassVar[str] = "{from: 2027-03-15, to: 2027-03-19}"

    from_: DateValue = fld(N_("give the first day off as YYYY-MM-DD"), "2027-03-15", alias="from")
    to: DateValue = fld(N_("give the last day off (inclusive) as YYYY-MM-DD"), "2027-03-19")


class PersonIn(In):
    example: ClassVar[str] = "{name: Aino, roles: [designer], hours_per_week: 37.5, bill_rate: 95}"

    name: Text = fld(N_("give the person's name"), "Aino")
    roles: Names = fld(N_("list the roles this person can take"), "[designer, copywriter]", ())
    hours_per_week: Number = fld(
        N_("give the person's contracted hours per week (more than 0, at most 168)"),
        "37.5",
        gt=0,
        le=168,
    )
    workdays: Weekdays | None = fld(
        N_("list the days this person works"), "[Mon, Tue, Wed, Thu]", None
    )
    bill_rate: Number = fld(
        N_("give the price per hour charged to the client"), "95", ge=0, le=MONEY_LIMIT
    )
    cost_rate: Number | None = fld(
        N_("give the internal cost per hour"), "55", None, ge=0, le=MONEY_LIMIT
    )
    country: Country | None = fld(N_("give the country whose public holidays apply"), "PL", None)
    subdivision: Subdivision | None = fld(N_("give a region code of that country"), "BY", None)
    time_off: list[TimeOffIn] = fld(N_("list holidays and absences"), TimeOffIn.example, [])


class CommitmentIn(In):
    example: ClassVar[str] = "{person: Aino, from: 2027-03-01, to: 2027-03-31, hours_per_week: 15}"

    person: Text = fld(N_("name the team member whose time is already booked"), "Aino")
    from_: DateValue = fld(N_("give the first day of the commitment"), "2027-03-01", alias="from")
    to: DateValue = fld(N_("give the last day of the commitment (inclusive)"), "2027-03-31")
    hours_per_week: SignedHours = fld(
        N_(
            "give the hours per week already booked (more than 0), or extra hours agreed as a "
            "negative number (overtime: -5 gives 5 more hours a week)"
        ),
        "15",
        ge=-168,
        le=168,
    )
    label: Text | None = fld(N_("describe the other work"), "Globex retainer", None)


class CalendarIn(In):
    example: ClassVar[str] = "{country: FI, workdays: [Mon, Tue, Wed, Thu, Fri]}"

    country: Country | None = fld(N_("give the agency's country for public holidays"), "FI", None)
    subdivision: Subdivision | None = fld(N_("give a region code of that country"), "BY", None)
    workdays: Weekdays = fld(
        N_("list the agency's working days"), "[Mon, Tue, Wed, Thu, Fri]", DEFAULT_WORKDAYS
    )


class DependencyIn(In):
    example: ClassVar[str] = "{task: concept, lag: 2}"

    task: TaskId = fld(N_("name the id of the task that must finish first"), "concept")
    lag: Integer = fld(
        N_("give the extra working days to wait (0 or more)"), "2", 0, ge=0, le=LIMIT
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return to_dependency(data)


class RepeatIn(In):
    example: ClassVar[str] = "{every: week, count: 8}"

    every: RepeatUnit = fld(N_("say how often the task recurs: day, week or month"), "week")
    count: Integer = fld(N_("give the number of instances (1 or more)"), "8", ge=1, le=LIMIT)
    interval: Integer = fld(
        N_("give the periods between instances (1 or more)"), "2", 1, ge=1, le=LIMIT
    )


Dependencies = Annotated[list[DependencyIn], BeforeValidator(split_list)]

SINGLE_TAG = "single_value"
RANGE_TAG = "three_point"
ESTIMATE_TAGS = frozenset({SINGLE_TAG, RANGE_TAG})
"""Union tags of :data:`Hours`/:data:`ClientDays` that pydantic puts into error locations;
they are not part of the document's paths (:mod:`planner.io.explain` drops them)."""


class RangeIn(In):
    """A three-point estimate; the order rule shared by both kinds of range."""

    @model_validator(mode="after")
    def _ordered(self) -> RangeIn:
        low, likely, high = self.low, self.likely, self.high  # type: ignore[attr-defined]
        if not low <= likely <= high:
            raise fail(
                "range_order",
                N_(
                    "low ({low:g}), likely ({likely:g}) and high ({high:g}) are not in order",
                    low=low,
                    likely=likely,
                    high=high,
                ),
                N_("give low <= likely <= high, e.g. {example}", example=self.example),
            )
        return self


class HoursRangeIn(RangeIn):
    example: ClassVar[str] = "{low: 12, likely: 16, high: 30}"

    low: Number = fld(
        N_("give the least effort it could take, in hours"), "12", gt=0, le=LIMIT * 10
    )
    likely: Number = fld(N_("give the most likely effort in hours"), "16", gt=0, le=LIMIT * 10)
    high: Number = fld(
        N_("give the most effort it could take, in hours"), "30", gt=0, le=LIMIT * 10
    )


class DaysRangeIn(RangeIn):
    example: ClassVar[str] = "{low: 2, likely: 3, high: 8}"

    low: Integer = fld(N_("give the quickest turnaround in working days"), "2", ge=1, le=LIMIT)
    likely: Integer = fld(
        N_("give the most likely turnaround in working days"), "3", ge=1, le=LIMIT
    )
    high: Integer = fld(N_("give the slowest turnaround in working days"), "8", ge=1, le=LIMIT)


def _kind(value: Any) -> str:
    return RANGE_TAG if isinstance(value, dict | RangeIn) else SINGLE_TAG


Hours = Annotated[
    Annotated[Number, Field(gt=0, le=LIMIT * 10), Tag(SINGLE_TAG)]
    | Annotated[HoursRangeIn, Tag(RANGE_TAG)],
    Discriminator(_kind),
]
"""A task's effort: hours, or a three-point estimate of them."""

ClientDays = Annotated[
    Annotated[Integer, Field(ge=1, le=LIMIT), Tag(SINGLE_TAG)]
    | Annotated[DaysRangeIn, Tag(RANGE_TAG)],
    Discriminator(_kind),
]
"""A client step's turnaround: working days, or a three-point estimate of them."""


class TaskIn(In):
    example: ClassVar[str] = "{id: key_visual, role: designer, hours: 80, due: 2027-03-26}"

    id: TaskId = fld(N_("give the task a short unique id"), "key_visual")
    name: Text | None = fld(N_("give the task a readable name"), "Key visual", None)
    role: Text | None = fld(N_("name the role that does the work"), "designer", None)
    person: Text | None = fld(N_("name the team member who does the work"), "Aino", None)
    hours: Hours | None = fld(N_("give the agency effort in hours"), "16", None)
    client_days: ClientDays | None = fld(
        N_("give the client's turnaround in working days (1 or more)"),
        "5",
        None,
    )
    after: Dependencies = fld(
        N_("list the ids of tasks that must finish first"), "[concept, {task: review, lag: 2}]", []
    )
    due: DateValue | None = fld(
        N_("give the promised finish date as YYYY-MM-DD"), "2027-03-26", None
    )
    priority: Integer = fld(N_("give a priority of 1 or more"), "1", 1, ge=1, le=LIMIT)
    max_people: Integer = fld(
        N_("give how many people may share the task (1 or more)"), "2", 1, ge=1, le=LIMIT
    )
    repeat: RepeatIn | None = fld(N_("describe the recurrence"), RepeatIn.example, None)
    due_within: Integer | None = fld(
        N_("give the working days each instance has after its release (0 or more)"),
        "2",
        None,
        ge=0,
        le=LIMIT,
    )
    from_: DateValue | None = fld(
        N_("give the first day the task may start"), "2027-03-08", None, alias="from"
    )
    optional: bool = fld(N_("say true if the task may be dropped"), "true", False)
    value: Number | None = fld(
        N_("give the task's value (0 or more)"), "1000", None, ge=0, le=MONEY_LIMIT
    )
    deliverable: Text | None = fld(
        N_("name the deliverable the task belongs to"), "Launch video", None
    )


class FixedCostIn(In):
    example: ClassVar[str] = "{name: Stock photos, amount: 400}"

    name: Text = fld(N_("describe the cost"), "Stock photos")
    amount: Number = fld(N_("give the amount (0 or more)"), "400", ge=0, le=MONEY_LIMIT)


class BriefIn(In):
    example: ClassVar[str] = "{client: Acme, tasks: [...]}"

    client: Text = fld(N_("name the client"), "Acme")
    budget: Number | None = fld(
        N_("give the client's budget (0 or more)"), "18000", None, ge=0, le=MONEY_LIMIT
    )
    tasks: list[TaskIn] = fld(N_("list the tasks of the brief"), TaskIn.example)
    fixed_costs: list[FixedCostIn] = fld(N_("list costs that are not agency time"), "[]", [])


class DatePenaltyIn(In):
    example: ClassVar[str] = "{task: launch, per_day: 2000}"

    task: TaskId = fld(N_("name the id of the promised task"), "launch")
    per_day: Number = fld(
        N_("give the price of one working day later (0 or more)"), "2000", ge=0, le=MONEY_LIMIT
    )


class OvertimeIn(In):
    example: ClassVar[str] = "{person: Aino, max_hours_per_week: 8, cost_per_hour: 90}"

    person: Text = fld(N_("name the team member who may work overtime"), "Aino")
    max_hours_per_week: Number = fld(
        N_("give the most extra hours a week (more than 0)"), "8", gt=0, le=168
    )
    cost_per_hour: Number = fld(
        N_("give the price of an overtime hour (0 or more)"), "90", ge=0, le=MONEY_LIMIT
    )


class FreelancerIn(In):
    example: ClassVar[str] = "{role: designer, hours_per_week: 30, rate: 85, from: 2027-03-15}"

    role: Text = fld(N_("name the role the freelancer takes"), "designer")
    hours_per_week: Number = fld(
        N_("give the most hours a week the freelancer offers (more than 0)"), "30", gt=0, le=168
    )
    rate: Number = fld(
        N_("give the freelancer's price per hour (0 or more)"), "85", ge=0, le=MONEY_LIMIT
    )
    from_: DateValue | None = fld(
        N_("give the first day the freelancer is available"), "2027-03-15", None, alias="from"
    )


class TurnaroundIn(In):
    example: ClassVar[str] = "{task: concept_review, max_days: 2, penalty_per_day: 300}"

    task: TaskId = fld(N_("name the id of the client step"), "concept_review")
    max_days: Integer = fld(
        N_("give the most working days the client can save (1 or more)"), "2", ge=1
    )
    penalty_per_day: Number = fld(
        N_("give the price of each day saved (0 or more)"), "300", ge=0, le=MONEY_LIMIT
    )


class LeversIn(In):
    example: ClassVar[str] = "{date_penalty_per_day: 500, overtime: [...], freelancers: [...]}"

    move_dates: bool = fld(N_("say false if promised dates must not move"), "true", True)
    date_penalty_per_day: Number = fld(
        N_("give the price of moving a promise one working day (0 or more)"),
        "500",
        500.0,
        ge=0,
        le=MONEY_LIMIT,
    )
    date_penalties: list[DatePenaltyIn] = fld(
        N_("list promises whose move costs more or less"), DatePenaltyIn.example, []
    )
    overtime: list[OvertimeIn] = fld(N_("list who may work overtime"), OvertimeIn.example, [])
    freelancers: list[FreelancerIn] = fld(
        N_("list freelancers you could hire"), FreelancerIn.example, []
    )
    drop_optional: bool = fld(N_("say false if optional tasks must stay"), "true", True)
    shrink_optional_to: Number | None = fld(
        N_("give the share of hours an optional task may shrink to (between 0 and 1)"),
        "0.5",
        None,
        gt=0,
        lt=1,
    )
    turnaround: list[TurnaroundIn] = fld(
        N_("list client steps the client could do faster"), TurnaroundIn.example, []
    )
    raise_budget: bool = fld(N_("say false if the budget cannot grow"), "true", True)


class ScenarioIn(In):
    example: ClassVar[str] = "{scenario: ..., start: ..., team: [...], brief: {...}}"

    scenario: Text = fld(N_("give the scenario a title"), "Spring launch for Acme")
    start: DateValue = fld(N_("give the first day work may happen as YYYY-MM-DD"), "2027-03-01")
    currency: Text = fld(N_("give the currency code"), "EUR", "EUR")
    calendar: CalendarIn = fld(N_("describe the agency calendar"), CalendarIn.example, CalendarIn())
    team: list[PersonIn] = fld(N_("list the people who can do the work"), PersonIn.example)
    commitments: list[CommitmentIn] = fld(
        N_("list hours already booked for other work"), CommitmentIn.example, []
    )
    brief: BriefIn = fld(N_("describe the client brief"), BriefIn.example)
    levers: LeversIn | None = fld(
        N_("describe the changes the planner may propose"), LeversIn.example, None
    )
