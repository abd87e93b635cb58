"""The portfolio: agency, team, time off, projects, tasks, bookings, saved versions.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table and the one agency row."""
    agency = op.create_table(
        "agency",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("currency", sa.String(8)),
        sa.Column("country", sa.String(16)),
        sa.Column("subdivision", sa.String(16)),
        sa.Column("workdays", sa.String(20), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
    )
    op.bulk_insert(agency, [{"id": 1, "workdays": "0,1,2,3,4", "revision": 0}])
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("hours_per_week", sa.Float, nullable=False),
        sa.Column("bill_rate", sa.Float, nullable=False),
        sa.Column("cost_rate", sa.Float),
        sa.Column("workdays", sa.String(20)),
        sa.Column("country", sa.String(16)),
        sa.Column("subdivision", sa.String(16)),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "person_roles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer,
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("role", sa.String(100), nullable=False),
    )
    op.create_table(
        "time_off",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer,
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("end", sa.Date, nullable=False),
    )
    _create_projects()
    _create_versions()


def _create_projects() -> None:
    project_fk = sa.ForeignKey("projects.id", ondelete="CASCADE")
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("client", sa.String(300), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("probability", sa.Float),
        sa.Column("scenario_yaml", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint(
            "status IN ('tentative', 'accepted', 'done')", name="ck_projects_status"
        ),
        sa.CheckConstraint(
            "probability IS NULL OR (probability >= 0 AND probability <= 1)",
            name="ck_projects_probability",
        ),
    )
    op.create_table(
        "project_tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, project_fk, nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("task", sa.String(200), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("role", sa.String(100)),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("start", sa.Date),
        sa.Column("finish", sa.Date),
        sa.Column("due", sa.Date),
        sa.UniqueConstraint("project_id", "task", name="uq_project_tasks_task"),
    )
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("task", sa.String(200), nullable=False),
        sa.Column(
            "person_id",
            sa.Integer,
            sa.ForeignKey("people.id", ondelete="RESTRICT"),
            nullable=False,
            index=True,
        ),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.UniqueConstraint("project_id", "task", "person_id", "day", name="uq_bookings_slot"),
        sa.CheckConstraint("minutes > 0", name="ck_bookings_minutes"),
    )


def _create_versions() -> None:
    op.create_table(
        "scenario_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("brief", sa.String(300), nullable=False, index=True),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("scenario_yaml", sa.Text, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sa.UniqueConstraint("brief", "label", name="uq_scenario_versions_label"),
    )


def downgrade() -> None:
    """Drop every table (children first)."""
    for table in (
        "scenario_versions",
        "bookings",
        "project_tasks",
        "projects",
        "time_off",
        "person_roles",
        "people",
        "agency",
    ):
        op.drop_table(table)
