"""The store's tables as SQLAlchemy 2 models: the agency, its team, projects and saved versions.

The migrations in ``planner/store/migrations`` create exactly these tables (a test compares
them); change both together. Hours and rates are floats as in :mod:`planner.model`; booked
time is whole minutes as in :class:`planner.plan.Booking`, so nothing is rounded on the way
in or out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

PROJECT_STATUSES: tuple[str, ...] = ("tentative", "accepted", "done")
"""A project is ``tentative`` (with a win probability), ``accepted`` or ``done``."""


class Base(DeclarativeBase):
    """Declarative base of every store table."""


class Agency(Base):
    """The one agency row: its calendar and the portfolio revision.

    ``revision`` grows by one with every write that changes what a check sees (team, time
    off, bookings, project status). A write made on the strength of a check names the
    revision it saw; when another write came in between, the store refuses it instead of
    silently booking over changed capacity.
    """

    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    currency: Mapped[str | None] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(String(16))
    subdivision: Mapped[str | None] = mapped_column(String(16))
    workdays: Mapped[str] = mapped_column(String(20), nullable=False, default="0,1,2,3,4")
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class PersonRow(Base):
    """A team member; ``version`` grows with every edit so none overwrites another silently."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    hours_per_week: Mapped[float] = mapped_column(Float, nullable=False)
    bill_rate: Mapped[float] = mapped_column(Float, nullable=False)
    cost_rate: Mapped[float | None] = mapped_column(Float)
    workdays: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(16))
    subdivision: Mapped[str | None] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    roles: Mapped[list[RoleRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="RoleRow.position"
    )
    time_off: Mapped[list[TimeOffRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="TimeOffRow.start"
    )


class RoleRow(Base):
    """One role a person can take, in the order the team lists them."""

    __tablename__ = "person_roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    role: Mapped[str] = mapped_column(String(100), nullable=False)

    person: Mapped[PersonRow] = relationship(back_populates="roles")


class TimeOffRow(Base):
    """An inclusive range of days a person is away."""

    __tablename__ = "time_off"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True
    )
    start: Mapped[date] = mapped_column(Date, nullable=False)
    end: Mapped[date] = mapped_column(Date, nullable=False)

    person: Mapped[PersonRow] = relationship(back_populates="time_off")


class ProjectRow(Base):
    """A client brief the agency has taken on (or may): its status and the scenario itself."""

    __tablename__ = "projects"
    __table_args__ = (
        CheckConstraint("status IN ('tentative', 'accepted', 'done')", name="ck_projects_status"),
        CheckConstraint(
            "probability IS NULL OR (probability >= 0 AND probability <= 1)",
            name="ck_projects_probability",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), nullable=False, unique=True)
    client: Mapped[str] = mapped_column(String(300), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    probability: Mapped[float | None] = mapped_column(Float)
    scenario_yaml: Mapped[str] = mapped_column(Text, nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    tasks: Mapped[list[TaskRow]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="TaskRow.position"
    )
    bookings: Mapped[list[BookingRow]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="BookingRow.id"
    )


class TaskRow(Base):
    """A planned task (or recurring instance) of a project: role, dates, effort, promise."""

    __tablename__ = "project_tasks"
    __table_args__ = (UniqueConstraint("project_id", "task", name="uq_project_tasks_task"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    task: Mapped[str] = mapped_column(String(200), nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    role: Mapped[str | None] = mapped_column(String(100))
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    start: Mapped[date | None] = mapped_column(Date)
    finish: Mapped[date | None] = mapped_column(Date)
    due: Mapped[date | None] = mapped_column(Date)

    project: Mapped[ProjectRow] = relationship(back_populates="tasks")


class BookingRow(Base):
    """``minutes`` of one person's time on one project task on one day."""

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("project_id", "task", "person_id", "day", name="uq_bookings_slot"),
        CheckConstraint("minutes > 0", name="ck_bookings_minutes"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True
    )
    task: Mapped[str] = mapped_column(String(200), nullable=False)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    day: Mapped[date] = mapped_column(Date, nullable=False)
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)

    project: Mapped[ProjectRow] = relationship(back_populates="bookings")
    person: Mapped[PersonRow] = relationship()


class VersionRow(Base):
    """A saved version of a brief ("as asked", "+1 week") with the result of its check."""

    __tablename__ = "scenario_versions"
    __table_args__ = (UniqueConstraint("brief", "label", name="uq_scenario_versions_label"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief: Mapped[str] = mapped_column(String(300), nullable=False, index=True)
    label: Mapped[str] = mapped_column(String(200), nullable=False)
    scenario_yaml: Mapped[str] = mapped_column(Text, nullable=False)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
