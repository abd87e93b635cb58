"""The store's repository: every read and write of the portfolio, each in one transaction.

A write either happens whole or not at all (``Session.begin()`` commits on success and rolls
back on any exception). Writes made on the strength of something the user saw name the
version they saw: the portfolio ``revision`` for accepting a brief, a person's or a
project's ``version`` for editing it. When another user wrote in between, the write is
refused with :class:`StaleWrite` instead of silently overwriting their work.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from planner.io import dump_yaml
from planner.model import CalendarSettings, DateRange, Person, Scenario
from planner.plan import Plan
from planner.store.engine import StoreError, create_store_engine, migrate, resolve_url
from planner.store.records import (
    Portfolio,
    SavedVersion,
    StoredBooking,
    StoredProject,
    StoredTask,
    TeamMember,
    days_text,
    days_tuple,
    fill_person_row,
    person_from_row,
)
from planner.store.schema import (
    PROJECT_STATUSES,
    Agency,
    BookingRow,
    PersonRow,
    ProjectRow,
    TaskRow,
    VersionRow,
)


class StaleWrite(StoreError):
    """Someone else changed what this write was based on; re-read and try again."""


class Store:
    """The portfolio database: open with :meth:`open`, close with :meth:`close`.

    Parameters
    ----------
    url
        A SQLAlchemy URL (see :func:`planner.store.engine.resolve_url`).
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_store_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        """Open (and on first use create) the store ``db`` or the default one."""
        store = cls(resolve_url(db))
        try:
            migrate(store.engine)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Release the store's connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        """The store's URL without a password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    # --- transactions -------------------------------------------------------------------
    @contextmanager
    def transaction(self, expected_revision: int | None = None) -> Iterator[Session]:
        """One transaction that changes what checks see; bumps the portfolio revision.

        Raises
        ------
        StaleWrite
            When ``expected_revision`` is given and another write came in since.
        """
        with self._sessions.begin() as session:
            condition = [Agency.id == 1]
            if expected_revision is not None:
                condition.append(Agency.revision == expected_revision)
            bumped = session.execute(
                update(Agency).where(*condition).values(revision=Agency.revision + 1)
            )
            if bumped.rowcount != 1:
                raise StaleWrite(
                    "the portfolio changed since this brief was checked (another booking, "
                    "team or time-off edit came in). Fix: check the brief again, then accept"
                )
            yield session

    # --- reading ------------------------------------------------------------------------
    def snapshot(self) -> Portfolio:
        """The whole portfolio as plain data, read in one transaction."""
        with self._sessions.begin() as session:
            agency = session.get_one(Agency, 1)
            people = session.scalars(
                select(PersonRow)
                .options(selectinload(PersonRow.roles), selectinload(PersonRow.time_off))
                .order_by(PersonRow.id)
            ).all()
            names = {row.id: row.name for row in people}
            projects = session.scalars(
                select(ProjectRow)
                .options(selectinload(ProjectRow.tasks), selectinload(ProjectRow.bookings))
                .order_by(ProjectRow.id)
            ).all()
            return Portfolio(
                revision=agency.revision,
                currency=agency.currency,
                calendar=CalendarSettings(
                    agency.country, agency.subdivision, days_tuple(agency.workdays) or ()
                ),
                team=tuple(TeamMember(person_from_row(r), r.version) for r in people),
                projects=tuple(_stored_project(row, names) for row in projects),
            )

    def versions(self, brief: str) -> list[SavedVersion]:
        """The saved versions of ``brief`` in the order they were saved."""
        with self._sessions.begin() as session:
            rows = session.scalars(
                select(VersionRow).where(VersionRow.brief == brief).order_by(VersionRow.id)
            ).all()
            return [SavedVersion(r.brief, r.label, r.scenario_yaml, r.result) for r in rows]

    def briefs(self) -> list[str]:
        """Names of the briefs that have saved versions."""
        with self._sessions.begin() as session:
            return list(
                session.scalars(select(VersionRow.brief).distinct().order_by(VersionRow.brief))
            )

    # --- writing ------------------------------------------------------------------------
    def record_project(
        self,
        scenario: Scenario,
        plan: Plan,
        *,
        status: str = "accepted",
        probability: float | None = None,
        expected_revision: int | None = None,
    ) -> int:
        """Store a checked brief as a project with its planned tasks and bookings.

        A project of the same name (the scenario title) is replaced whole, so accepting a
        brief twice never duplicates its bookings. Team members the store does not know yet
        are added from the scenario; the store's own records of known people are kept.

        Returns
        -------
        int
            The number of bookings stored.
        """
        _check_status(status, probability)
        with self.transaction(expected_revision) as session:
            people = _ensure_people(session, scenario)
            _adopt_calendar(session, scenario)
            project = session.scalar(select(ProjectRow).where(ProjectRow.name == scenario.title))
            if project is None:
                project = ProjectRow(name=scenario.title, version=0)
                session.add(project)
            else:
                session.execute(delete(BookingRow).where(BookingRow.project_id == project.id))
                session.execute(delete(TaskRow).where(TaskRow.project_id == project.id))
            project.client = scenario.brief.client
            project.status, project.probability = status, probability
            project.scenario_yaml = dump_yaml(scenario)
            project.version += 1
            session.flush()
            add_tasks(session, project.id, _planned_tasks(plan))
            add_bookings(session, project.id, people, plan)
            return len(plan.bookings)

    def set_status(
        self, name: str, status: str, probability: float | None, expected_version: int
    ) -> None:
        """Change a project's status (``tentative`` needs a win probability)."""
        _check_status(status, probability)
        with self.transaction() as session:
            _bump_version(session, ProjectRow, name, expected_version, "project")
            session.execute(
                update(ProjectRow)
                .where(ProjectRow.name == name)
                .values(status=status, probability=probability)
            )

    def delete_project(self, name: str, expected_version: int) -> None:
        """Remove a project with its tasks and bookings."""
        with self.transaction() as session:
            _bump_version(session, ProjectRow, name, expected_version, "project")
            session.execute(delete(ProjectRow).where(ProjectRow.name == name))

    def save_person(self, person: Person, expected_version: int | None) -> None:
        """Add a person (``expected_version`` ``None``) or replace their record."""
        self.save_people([(person, expected_version)])

    def save_people(self, people: list[tuple[Person, int | None]]) -> None:
        """Add or replace several people in one transaction (all or none).

        Each entry names the version its edit started from (``None`` for a new person).
        """
        with self.transaction() as session:
            for person, expected_version in people:
                _save_person(session, person, expected_version)

    def set_time_off(
        self, name: str, time_off: tuple[DateRange, ...], expected_version: int
    ) -> None:
        """Replace a person's time off (one transaction, version-checked)."""
        with self.transaction() as session:
            _bump_version(session, PersonRow, name, expected_version, "person")
            row = session.scalars(
                select(PersonRow)
                .where(PersonRow.name == name)
                .execution_options(populate_existing=True)
            ).one()
            fill_person_row(row, _with_time_off(person_from_row(row), time_off))

    def save_version(
        self, brief: str, label: str, scenario_yaml: str, result: dict[str, Any]
    ) -> None:
        """Save (or replace) version ``label`` of ``brief`` with its check result."""
        with self._sessions.begin() as session:
            row = session.scalar(
                select(VersionRow).where(VersionRow.brief == brief, VersionRow.label == label)
            )
            if row is None:
                row = VersionRow(brief=brief, label=label)
                session.add(row)
            row.scenario_yaml, row.result = scenario_yaml, result


def _save_person(session: Session, person: Person, expected_version: int | None) -> None:
    if expected_version is None:
        if session.scalar(select(PersonRow.id).where(PersonRow.name == person.name)):
            raise StaleWrite(f"{person.name!r} is already in the team. Fix: edit them")
        row = PersonRow(version=1)
        session.add(row)
    else:
        _bump_version(session, PersonRow, person.name, expected_version, "person")
        row = session.scalars(
            select(PersonRow)
            .where(PersonRow.name == person.name)
            .execution_options(populate_existing=True)
        ).one()
    fill_person_row(row, person)


def _check_status(status: str, probability: float | None) -> None:
    if status not in PROJECT_STATUSES:
        raise StoreError(f"status must be one of {', '.join(PROJECT_STATUSES)}, not {status!r}")
    if status == "tentative" and (probability is None or not 0 <= probability <= 1):
        raise StoreError("a tentative project needs a win probability between 0 and 1")
    if status != "tentative" and probability is not None:
        raise StoreError("only a tentative project has a win probability")


def _bump_version(
    session: Session, table: type[PersonRow] | type[ProjectRow], name: str, expected: int, what: str
) -> None:
    """Raise the row's version from ``expected``; refuse when someone else got there first."""
    bumped = session.execute(
        update(table)
        .where(table.name == name, table.version == expected)
        .values(version=expected + 1)
    )
    if bumped.rowcount == 1:
        return
    if session.scalar(select(table.id).where(table.name == name)) is None:
        raise StoreError(f"there is no {what} called {name!r} in the store")
    raise StaleWrite(
        f"{name!r} was changed by someone else since you opened it. Fix: reload, "
        "then make your edit again"
    )


def _with_time_off(person: Person, time_off: tuple[DateRange, ...]) -> Person:
    return replace(person, time_off=tuple(sorted(time_off, key=lambda r: (r.start, r.end))))


def _ensure_people(session: Session, scenario: Scenario) -> dict[str, int]:
    """Ids of the scenario's team in the store, adding those it does not know yet."""
    known = dict(session.execute(select(PersonRow.name, PersonRow.id)).all())
    for person in scenario.team:
        if person.name not in known:
            row = PersonRow(version=1)
            fill_person_row(row, person)
            session.add(row)
            session.flush()
            known[person.name] = row.id
    return known


def _adopt_calendar(session: Session, scenario: Scenario) -> None:
    """The first stored brief sets the agency's currency and calendar."""
    agency = session.get_one(Agency, 1)
    if agency.currency is None:
        agency.currency = scenario.currency
        agency.country = scenario.calendar.country
        agency.subdivision = scenario.calendar.subdivision
        agency.workdays = days_text(scenario.calendar.workdays) or ""


def _planned_tasks(plan: Plan) -> list[StoredTask]:
    due = {p.task: p.due for p in plan.promises}
    return [
        StoredTask(t.id, t.name, t.role, t.minutes, t.start, t.finish, due.get(t.id))
        for t in plan.tasks
    ]


def add_tasks(session: Session, project_id: int, tasks: list[StoredTask]) -> None:
    """Insert a project's planned tasks in order."""
    session.add_all(
        TaskRow(
            project_id=project_id,
            position=i,
            task=t.task,
            name=t.name,
            role=t.role,
            minutes=t.minutes,
            start=t.start,
            finish=t.finish,
            due=t.due,
        )
        for i, t in enumerate(tasks)
    )
    session.flush()


def add_bookings(
    session: Session, project_id: int, people: dict[str, int], plan: Plan | list[StoredBooking]
) -> None:
    """Insert a project's bookings (from a plan or from stored records)."""
    bookings = plan.bookings if isinstance(plan, Plan) else plan
    session.add_all(
        BookingRow(
            project_id=project_id,
            task=b.task,
            person_id=people[b.person],
            day=b.day,
            minutes=b.minutes,
        )
        for b in bookings
    )
    session.flush()


def _stored_project(row: ProjectRow, names: dict[int, str]) -> StoredProject:
    return StoredProject(
        name=row.name,
        client=row.client,
        status=row.status,
        probability=row.probability,
        version=row.version,
        scenario_yaml=row.scenario_yaml,
        tasks=tuple(
            StoredTask(t.task, t.name, t.role, t.minutes, t.start, t.finish, t.due)
            for t in row.tasks
        ),
        bookings=tuple(
            StoredBooking(row.name, b.task, names[b.person_id], b.day, b.minutes)
            for b in row.bookings
        ),
    )
