"""Shared fixtures: fresh migrated databases on SQLite and on the real PostgreSQL server.

The data-layer tests take ``any_db`` and run twice, once per database. PostgreSQL is never skipped
silently: if the server does not answer the test errors (set FC_ADMIN_TEST_SKIP_PG=1 to skip on
a machine that has none).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Role
from fc_admin.schema import upgrade
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.clock import FixedClock

PG_URL = os.environ.get("FC_ADMIN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SKIP_PG = os.environ.get("FC_ADMIN_TEST_SKIP_PG") == "1"

# Make sure no test touches the officer's real settings or data folder.
os.environ.pop("FC_ADMIN_DATABASE_URL", None)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "fc-admin.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


def _pg_admin_engine() -> sa.Engine:
    return sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    if SKIP_PG:
        pytest.skip("FC_ADMIN_TEST_SKIP_PG=1")
    name = f"fct_tmpl_{uuid.uuid4().hex[:10]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    db = Database(url)
    upgrade(db)
    db.dispose()
    yield name
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    name = f"fct_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    yield sa.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest) -> str:
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def any_db(any_db_url: str) -> Iterator[Database]:
    db = Database(any_db_url)
    yield db
    db.dispose()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    db = Database(sqlite_url)
    yield db
    db.dispose()


# A fixed "now": Wednesday 8 January 2025, 10:00 in Hong Kong.
NOW = datetime(2025, 1, 8, 10, 0, tzinfo=HONG_KONG)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def services(any_db: Database, clock: FixedClock) -> Services:
    return Services(any_db, clock)


@pytest.fixture
def sqlite_services(sqlite_db: Database, clock: FixedClock) -> Services:
    return Services(sqlite_db, clock)


ADMIN = Actor("admin1", Role.ADMIN, None, "Admin One")
OPERATOR = Actor("cli:tester", None, None, "tester")


def actor_for(role: Role, clinic: str | None = None) -> Actor:
    return Actor(f"{role.value}1", role, clinic, f"{role.value} one")
