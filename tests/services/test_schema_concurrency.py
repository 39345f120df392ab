"""Scheduled jobs starting together: several processes upgrading one database at once."""

from __future__ import annotations

import multiprocessing
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.schema import head_revision, upgrade
from tests.conftest import PG_URL


def _upgrade(url: str) -> tuple[str | None, str]:
    db = Database(url)
    try:
        return upgrade(db)
    finally:
        db.dispose()


@pytest.fixture
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/fresh.sqlite3"
    name = f"fct_empty_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    request.addfinalizer(drop)
    return sa.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


@pytest.mark.parametrize(
    "empty_db_url",
    ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    indirect=True,
)
def test_four_processes_upgrading_at_once_all_succeed(empty_db_url: str) -> None:
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_upgrade, [empty_db_url] * 4)
    head = head_revision(Database(empty_db_url))
    assert all(after == head for _, after in results)
    # Exactly one of them created the schema; the others found it current.
    assert sorted(before or "" for before, _ in results) == ["", head, head, head]
