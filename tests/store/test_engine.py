"""Where the store lives and how its tables come to be."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from planner.store import DB_ENV, Store, StoreError, default_location, resolve_url
from planner.store.schema import Base


def test_default_location_follows_xdg_data_home(tmp_path: Path) -> None:
    environ = {"XDG_DATA_HOME": str(tmp_path)}
    assert default_location(environ) == tmp_path / "sla-planner" / "portfolio.sqlite"
    assert resolve_url(None, environ) == f"sqlite:///{tmp_path}/sla-planner/portfolio.sqlite"


def test_environment_variable_and_option_override_the_default(tmp_path: Path) -> None:
    environ = {DB_ENV: str(tmp_path / "team.sqlite"), "XDG_DATA_HOME": "/nowhere"}
    assert resolve_url(None, environ) == f"sqlite:///{tmp_path / 'team.sqlite'}"
    option = "postgresql://planner@127.0.0.1:5432/agency"
    assert resolve_url(option, environ) == "postgresql+psycopg://planner@127.0.0.1:5432/agency"


def test_a_bad_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        resolve_url("nonsense://")


def test_the_default_file_is_created_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with Store.open() as store:
        assert store.snapshot().revision == 0
    assert (tmp_path / "data" / "sla-planner" / "portfolio.sqlite").is_file()


def test_migrations_create_exactly_the_models_tables(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
        tables = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) | {"alembic_version"} == tables


def test_opening_again_keeps_the_data(store_url: str) -> None:
    with Store.open(store_url) as first:
        first.save_version("brief", "as asked", "scenario: x\n", {"verdict": "feasible"})
    with Store.open(store_url) as second:
        assert [v.label for v in second.versions("brief")] == ["as asked"]


def test_an_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open("postgresql://planner@127.0.0.1:1/none")
