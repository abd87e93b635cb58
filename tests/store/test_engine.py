"""Where the store lives and how its tables come to be."""

from __future__ import annotations

import os
import subprocess
import sys
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


def _run_postgres_test(extra_env: dict[str, str]) -> str:
    """Run one test that needs PostgreSQL in a fresh pytest, with no server binaries found."""
    env = {k: v for k, v in os.environ.items() if k != "PLANNER_REQUIRE_POSTGRES"}
    env.update({"PLANNER_PG_BIN": "/nonexistent/bin", **extra_env})
    test = "tests/store/test_engine.py::test_opening_again_keeps_the_data"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", test, "-q", "-p", "no:cacheprovider"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.stdout


def test_without_a_server_binary_postgres_tests_skip_locally_and_fail_in_ci() -> None:
    assert "1 passed, 1 skipped" in _run_postgres_test({})
    required = _run_postgres_test({"PLANNER_REQUIRE_POSTGRES": "1"})
    assert "1 passed, 1 error" in required
    assert "PLANNER_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries" in required
