"""Where the store lives, how to connect to it, and bringing its tables up to date.

Without a URL the store is a SQLite file, created on first use at
``$PLANNER_DB`` when that is set, else ``$XDG_DATA_HOME/sla-planner/portfolio.sqlite``
(``~/.local/share/sla-planner/portfolio.sqlite`` when ``XDG_DATA_HOME`` is unset).
``PLANNER_DB`` and ``--db`` take a SQLAlchemy URL (``sqlite:///path``,
``postgresql://user@host:port/db``) or a plain file path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

DB_ENV = "PLANNER_DB"
"""Environment variable naming the store (a SQLAlchemy URL or a file path)."""

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_SECONDS = 30
_MIGRATION_LOCK = 714_014  # any constant: one PostgreSQL advisory lock for migrations


class StoreError(Exception):
    """The store cannot do what was asked; the message says what and how to fix it."""


def default_location(environ: Mapping[str, str] | None = None) -> Path:
    """The SQLite file used when neither ``--db`` nor ``PLANNER_DB`` is given."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sla-planner" / "portfolio.sqlite"


def resolve_url(db: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The SQLAlchemy URL of the store: ``db``, else ``$PLANNER_DB``, else the default file.

    A value without ``://`` is a SQLite file path; ``postgresql://`` and ``postgres://``
    use the psycopg 3 driver.

    Raises
    ------
    StoreError
        When the value is not a database URL.
    """
    environ = os.environ if environ is None else environ
    value = (db or environ.get(DB_ENV) or "").strip()
    if not value:
        return f"sqlite:///{default_location(environ)}"
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    for plain in ("postgresql://", "postgres://"):
        if value.startswith(plain):
            value = "postgresql+psycopg://" + value[len(plain) :]
    try:
        make_url(value).get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        raise StoreError(
            f"{value!r} is not a database URL ({error}). Fix: give a SQLite file path or a "
            "URL such as postgresql://user@127.0.0.1:5432/planner"
        ) from None
    return value


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get their folder, foreign keys and write locks.

    SQLite transactions start with ``BEGIN IMMEDIATE`` so two processes writing at once
    queue (up to 30 s) instead of failing half-way; PostgreSQL needs nothing extra.
    """
    parsed = make_url(url)
    try:
        if parsed.get_backend_name() != "sqlite":
            return create_engine(url)
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
    except (NoSuchModuleError, ImportError) as error:
        raise StoreError(
            f"no database driver for {parsed.drivername} ({error}). Fix: for PostgreSQL "
            "install psycopg (pip install 'psycopg[binary]')"
        ) from None
    except OSError as error:
        raise StoreError(f"cannot create the store's folder: {error}") from None
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # Let SQLAlchemy's "begin" event, not the sqlite3 module, start transactions.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection) -> None:  # type: ignore[no-untyped-def]
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def migrate(engine: Engine) -> None:
    """Bring the store's tables to the newest migration (creates them on first use).

    Raises
    ------
    StoreError
        When the database cannot be reached.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})"))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as error:
        raise StoreError(
            f"cannot open the store at {engine.url.render_as_string(hide_password=True)}: "
            f"{error.orig}. Fix: check the URL and that the database server is running"
        ) from None
