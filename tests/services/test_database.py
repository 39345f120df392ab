"""The Database object: SQLite tuned for several processes on one file, write transactions that
take the lock up front, and one-line errors that never show a password."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from fc_admin.db import (
    SQLITE_BUSY_TIMEOUT_MS,
    Database,
    DatabaseError,
    DatabaseUnavailable,
    redact_url,
)
from fc_admin.models import Clinic, SharedSetting


def _sqlite_path(db: Database) -> str:
    assert db.engine.url.database
    return db.engine.url.database


def _pragmas(conn: sa.Connection) -> dict[str, object]:
    return {
        name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    }


EXPECTED_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
}


def test_sqlite_pragmas_on_every_connection(sqlite_db: Database) -> None:
    # Two connections open at once: each is a separate DBAPI connection from the pool.
    with sqlite_db.engine.connect() as first, sqlite_db.engine.connect() as second:
        assert first.connection.dbapi_connection is not second.connection.dbapi_connection
        assert _pragmas(first) == EXPECTED_PRAGMAS
        assert _pragmas(second) == EXPECTED_PRAGMAS
    with sqlite_db.read() as session:
        assert _pragmas(session.connection()) == EXPECTED_PRAGMAS
    with sqlite_db.write() as session:
        assert _pragmas(session.connection()) == EXPECTED_PRAGMAS
    assert SQLITE_BUSY_TIMEOUT_MS > 0


def test_sqlite_foreign_keys_are_enforced(sqlite_db: Database) -> None:
    with pytest.raises(sa.exc.IntegrityError), sqlite_db.write() as session:
        session.execute(
            sa.text(
                "INSERT INTO staff_user (username, display_name, role, clinic_code, "
                "password_hash, active, created_at, version) VALUES ('x', 'x', 'clinic', "
                "'NOPE', 'h', 1, '2025-01-01 00:00:00', 1)"
            )
        )


def _other_process_tries_to_write(path: str) -> None:
    """What a second fc-admin process does first when it wants to write."""
    other = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_sqlite_write_session_takes_the_write_lock_before_its_first_read(
    sqlite_db: Database,
) -> None:
    """BEGIN IMMEDIATE: a read-then-write in one process cannot interleave with another's."""
    second = Database(sqlite_db.url)  # another Database object on the same file
    try:
        with second.write() as session:
            session.get(Clinic, "CW")  # only a read so far…
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                _other_process_tries_to_write(_sqlite_path(sqlite_db))  # …yet the lock is held
        _other_process_tries_to_write(_sqlite_path(sqlite_db))  # released at commit
    finally:
        second.dispose()


def test_sqlite_read_session_does_not_block_writers(sqlite_db: Database) -> None:
    with sqlite_db.read() as session:
        session.get(Clinic, "CW")
        _other_process_tries_to_write(_sqlite_path(sqlite_db))  # no exception
        with sqlite_db.write() as writer:  # and another Database session writes meanwhile
            writer.add(SharedSetting(key="k", value="1"))


def test_sqlite_write_rolls_back_on_error(sqlite_db: Database) -> None:
    with pytest.raises(RuntimeError), sqlite_db.write() as session:
        session.add(SharedSetting(key="k", value="1"))
        session.flush()
        raise RuntimeError("boom")
    with sqlite_db.read() as session:
        assert session.get(SharedSetting, "k") is None


def test_unreachable_postgresql_is_unavailable_with_a_redacted_url() -> None:
    url = "postgresql+psycopg://fcadmin:s3cret-pw@127.0.0.1:1/fc"
    db = Database(url)
    try:
        with pytest.raises(DatabaseUnavailable) as unavailable:
            db.ping()
    finally:
        db.dispose()

    message = str(unavailable.value)
    assert "postgresql+psycopg://fcadmin:***@127.0.0.1:1/fc" in message
    assert "s3cret-pw" not in message
    assert "does not answer" in message
    assert "\n" not in message
    assert unavailable.value.__cause__ is None  # the driver's text (with the URL) is not chained


@pytest.mark.postgres
def test_missing_postgresql_database_is_unavailable(pg_url: str) -> None:
    url = sa.make_url(pg_url).set(database="fct_no_such_database").render_as_string(False)
    db = Database(url)
    try:
        with pytest.raises(DatabaseUnavailable, match="fct_no_such_database"):
            db.ping()
    finally:
        db.dispose()


def test_sqlite_file_that_cannot_be_opened_is_unavailable(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}")  # a folder, not a file
    try:
        with pytest.raises(DatabaseUnavailable, match="unable to open database"):
            db.ping()
    finally:
        db.dispose()


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "fc-admin.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        db.ping()
    finally:
        db.dispose()
    assert path.exists()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("not a url", "is not a valid SQLAlchemy URL"),
        ("mysql://user:pw@host/db", "only sqlite and postgresql databases are supported"),
        ("postgresql+nosuchdriver://h/db", "driver not installed"),
    ],
)
def test_invalid_url_is_a_database_error(url: str, reason: str) -> None:
    with pytest.raises(DatabaseError, match=reason) as refused:
        Database(url)
    assert not isinstance(refused.value, DatabaseUnavailable)
    assert ":pw@" not in str(refused.value)


def test_redact_url_hides_the_password() -> None:
    redacted = redact_url("postgresql+psycopg://fcadmin:s3cret@db.example:5432/fc")
    assert redacted == "postgresql+psycopg://fcadmin:***@db.example:5432/fc"
    assert redact_url("sqlite:///C:/data/fc-admin.sqlite3") == "sqlite:///C:/data/fc-admin.sqlite3"
    assert redact_url("not a url") == "not a url"


def test_display_name_is_redacted() -> None:
    db = Database("postgresql+psycopg://fcadmin:s3cret@127.0.0.1:1/fc")
    try:
        assert "s3cret" not in db.display_name
        assert db.dialect == "postgresql"
    finally:
        db.dispose()
