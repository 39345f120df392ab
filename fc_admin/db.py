"""Engine, sessions and schema management for SQLite (one workstation) and PostgreSQL (shared).

SQLite is tuned for several processes on one file: WAL, ``synchronous=FULL``, foreign keys, a busy
timeout, and write transactions that start with ``BEGIN IMMEDIATE`` so that a read-then-write in one
process can never interleave with another's (the write lock is taken before the first read).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 15_000
MIGRATIONS_PACKAGE = "fc_admin:migrations"


class DatabaseError(RuntimeError):
    """A database problem explained in one line for an officer or an operator."""


class DatabaseUnavailable(DatabaseError):
    pass


class DatabaseBusy(DatabaseError):
    """SQLite's busy timeout ran out while another process held the write lock."""


class SchemaOutdated(DatabaseError):
    """The database needs ``fc-admin db upgrade`` (or has no schema yet)."""


class SchemaTooNew(DatabaseError):
    """The database was written by a newer fc-admin; this one must not touch it."""


def redact_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how each transaction starts (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def create_engine_for(url: str) -> Engine:
    """An engine for ``url``; an SQLite file's folder is created when missing."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"database URL {url!r} is not a valid SQLAlchemy URL") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = sa.create_engine(
                parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
            )
            _install_sqlite_pragmas(engine)
            return engine
        if parsed.get_backend_name() == "postgresql":
            if parsed.drivername == "postgresql":
                parsed = parsed.set(drivername="postgresql+psycopg")
            return sa.create_engine(
                parsed,
                pool_pre_ping=True,
                connect_args={"connect_timeout": 5, "application_name": "fc-admin"},
            )
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise DatabaseError(
            f"database URL {redact_url(url)}: driver not installed ({exc}); "
            "install fc-admin[postgresql] for PostgreSQL"
        ) from None
    raise DatabaseError(
        f"database URL {redact_url(url)}: only sqlite and postgresql databases are supported"
    )


class Database:
    """The one place that opens sessions. Services use :meth:`write` or :meth:`read`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine_for(url)
        self.dialect = self.engine.dialect.name
        self._write_engine = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE")
            if self.dialect == "sqlite"
            else self.engine
        )
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)

    @property
    def display_name(self) -> str:
        return redact_url(self.url)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any exception."""
        with self._translate_connection_errors(), self._write_sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        # Closing (not rolling back) ends the transaction and keeps loaded rows readable.
        with self._translate_connection_errors(), self._read_sessions() as session:
            yield session

    @contextmanager
    def _translate_connection_errors(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            if "database is locked" in str(exc.orig).lower():
                raise DatabaseBusy(
                    f"the database {self.display_name} is busy: another fc-admin is writing "
                    "to it; try again"
                ) from None
            if _is_connection_failure(exc):
                raise DatabaseUnavailable(
                    f"the database {self.display_name} does not answer: {_first_line(exc.orig)}"
                ) from None
            raise

    def ping(self) -> None:
        with self._translate_connection_errors(), self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    def dispose(self) -> None:
        self.engine.dispose()


def _first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _is_connection_failure(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return any(
        marker in text
        for marker in (
            "connection",
            "could not connect",
            "unable to open database",
            "timeout expired",
            "server closed",
            "name or service not known",
            "does not exist",
        )
    )
