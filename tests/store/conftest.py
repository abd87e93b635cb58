"""Store fixtures: a fresh SQLite file and a fresh database on a real PostgreSQL server.

The PostgreSQL server is Debian's (``/usr/lib/postgresql/15/bin``), started once per test
session on 127.0.0.1 at a free port in a temporary folder, and stopped at the end. It
refuses to run as root, so as root it runs as the ``postgres`` user. Without the binaries
the PostgreSQL tests are skipped, unless ``PLANNER_REQUIRE_POSTGRES=1`` (set by ``.ci/run``)
makes that a failure.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from planner.io import scenario_from_dict
from planner.model import Scenario
from planner.store import Store


def _server_binaries() -> Path:
    """``$PLANNER_PG_BIN``, else Debian's newest ``/usr/lib/postgresql/N/bin`` (15 here)."""
    if os.environ.get("PLANNER_PG_BIN"):
        return Path(os.environ["PLANNER_PG_BIN"])
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _server_binaries()
BACKENDS = ("sqlite", "postgresql")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL prefix of a throwaway PostgreSQL server (``postgresql+psycopg://planner@host:port``)."""
    if not (PG_BIN / "initdb").exists():
        reason = f"no PostgreSQL server binaries in {PG_BIN} (apt-get install postgresql)"
        if os.environ.get("PLANNER_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PLANNER_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="planner-pg-"))
    if os.geteuid() == 0:
        os.chown(root, pwd.getpwnam("postgres").pw_uid, -1)
    data, port, run = root / "data", _free_port(), _as_server_user()
    subprocess.run(
        [*run, str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "planner", "-N"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [*run, str(PG_BIN / "pg_ctl"), "-D", str(data)]
    subprocess.run(
        [*pg_ctl, "-o", options, "-l", str(root / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://planner@127.0.0.1:{port}"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new, empty database on the test server (dropped afterwards)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{postgres_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{postgres_server}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store's URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open, empty store on each backend."""
    with Store.open(store_url) as opened:
        yield opened


MONDAY = date(2031, 3, 3)
"""A Monday with no public holiday in the week (the tiny scenarios use no country)."""


def tiny_brief(title: str, client: str, hours: float, due: date, **task: object) -> Scenario:
    """One designer, Ana (8 h a day, Mon-Fri), and one task of ``hours`` due ``due``.

    Hand-computed: alone, 16 h are Monday and Tuesday (480 minutes each).
    """
    return scenario_from_dict(
        {
            "scenario": title,
            "start": MONDAY,
            "team": [
                {"name": "Ana", "roles": ["designer"], "hours_per_week": 40, "bill_rate": 100}
            ],
            "brief": {
                "client": client,
                "tasks": [{"id": "work", "role": "designer", "hours": hours, "due": due, **task}],
            },
        },
        f"{title}.yaml",
    )
