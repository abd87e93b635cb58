"""Portfolio memory: the team and the agency's accepted work in a real database.

A SQLAlchemy 2 store (SQLite file by default, PostgreSQL by URL) with Alembic migrations
shipped in ``planner/store/migrations`` and run programmatically on open. It holds the team
(people, roles, rates, time off), projects with status (``tentative`` with a win probability,
``accepted``, ``done``), their planned tasks and bookings, and saved versions of briefs with
their check results.

Typical use::

    from planner.store import Store, accept_brief, check_with_portfolio
    with Store.open("postgresql://planner@127.0.0.1:5432/agency") as store:
        accept_brief(store, load_scenario("data/lumo-spring-campaign.yaml"))
        check = check_with_portfolio(load_scenario("brief.yaml"), store.snapshot())

Modules: ``engine`` (URLs, default location, migrations), ``schema`` (tables), ``records``
(plain data), ``repository`` (transactions), ``portfolio`` (bookings → commitments),
``workflow`` (accept, versions, time off), ``pipeline``, ``compare``, ``document`` (YAML
backup), ``cli``.
"""

from planner.store.compare import comparison_frame
from planner.store.document import export_yaml, import_yaml
from planner.store.engine import DB_ENV, StoreError, default_location, resolve_url
from planner.store.pipeline import Pipeline, pipeline
from planner.store.portfolio import (
    TENTATIVE_MODES,
    PortfolioCheck,
    check_with_portfolio,
    with_portfolio,
)
from planner.store.records import Portfolio, SavedVersion, StoredProject, TeamMember
from planner.store.repository import StaleWrite, Store
from planner.store.workflow import (
    Accepted,
    PromiseAtRisk,
    accept_brief,
    change_time_off,
    check_summary,
    save_version,
)

__all__ = [
    "DB_ENV",
    "TENTATIVE_MODES",
    "Accepted",
    "Pipeline",
    "Portfolio",
    "PortfolioCheck",
    "PromiseAtRisk",
    "SavedVersion",
    "StaleWrite",
    "Store",
    "StoreError",
    "StoredProject",
    "TeamMember",
    "accept_brief",
    "change_time_off",
    "check_summary",
    "check_with_portfolio",
    "comparison_frame",
    "default_location",
    "export_yaml",
    "import_yaml",
    "pipeline",
    "resolve_url",
    "save_version",
    "with_portfolio",
]
