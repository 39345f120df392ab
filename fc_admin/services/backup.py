"""Backing up and restoring the whole database (cli.md: ``db backup FILE`` / ``db restore FILE``).

A backup is itself an SQLite file: the fc-admin schema with every row, plus a one-row marker table
``fc_admin_backup`` (application id, format version, schema revision, when, from which kind of
database, rows per table). Because it is an ordinary fc-admin SQLite database it can also be opened
read-only for inspection, and a backup of a PostgreSQL server can be restored on a workstation
(and the other way round).

Consistency while the database is in use:
- SQLite: sqlite3's online backup API copies every page in one step under one read transaction,
  which in WAL mode is a snapshot; writers carry on and their uncommitted work is not copied.
- PostgreSQL: every table is read in one REPEATABLE READ, READ ONLY transaction (one snapshot),
  streamed in chunks through a server-side cursor, never a whole table in memory.

The file is written as ``FILE.partial`` and renamed over ``FILE`` only when complete, so a failed
backup never leaves a half file (nor destroys an earlier backup of the same name). A restore
replaces the contents of every table in one transaction: if anything fails, nothing is changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from fc_admin.db import Database, DatabaseError
from fc_admin.models import Base
from fc_admin.schema import head_revision, require_current, upgrade
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import Clock

APPLICATION_ID = "fc-admin"
FORMAT_VERSION = 1
MARKER_TABLE = "fc_admin_backup"
# Rows fetched and inserted per round trip; read at call time so that tests can make it small.
CHUNK_ROWS = 2000
_SQLITE_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")

_MARKER_DDL = f"""
CREATE TABLE {MARKER_TABLE} (
    application_id TEXT NOT NULL,
    format_version INTEGER NOT NULL,
    schema_revision TEXT NOT NULL,
    created_at TEXT NOT NULL,
    source_dialect TEXT NOT NULL,
    table_rows TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    schema_revision: str
    created_at: datetime  # UTC
    source_dialect: str  # "sqlite" | "postgresql"
    tables: dict[str, int]  # rows per table


class BackupError(DatabaseError):
    """A backup could not be written or a file cannot be restored; one line naming the file."""


# -- reading a backup file --------------------------------------------------------------------


def read_backup_info(path: Path) -> BackupInfo:
    """What the backup at ``path`` holds; :class:`BackupError` if it is not an fc-admin backup."""
    path = Path(path)
    if not path.exists():
        raise BackupError(f"{path}: no such file")
    if not path.is_file():
        raise BackupError(f"{path}: not a file")
    try:
        with path.open("rb") as file:
            header = file.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise BackupError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if header != _SQLITE_HEADER:
        raise BackupError(f"{path}: not an fc-admin backup (not an SQLite database)")
    try:
        with closing(_connect_read_only(path)) as conn:
            return _read_marker(conn, path)
    except sqlite3.Error as exc:
        raise BackupError(f"{path}: not a readable fc-admin backup ({_first_line(exc)})") from None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)


def _read_marker(conn: sqlite3.Connection, path: Path) -> BackupInfo:
    tables = {
        name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if MARKER_TABLE not in tables:
        raise BackupError(f"{path}: not an fc-admin backup (it has no {MARKER_TABLE} marker table)")
    rows = conn.execute(
        "SELECT application_id, format_version, schema_revision, created_at, source_dialect, "
        f"table_rows FROM {MARKER_TABLE}"
    ).fetchall()
    if len(rows) != 1:
        raise BackupError(f"{path}: damaged fc-admin backup ({len(rows)} marker rows, not 1)")
    application, version, revision, created_at, dialect, table_rows = rows[0]
    if application != APPLICATION_ID:
        raise BackupError(
            f"{path}: a backup of another application ({application!r}), not of fc-admin"
        )
    if version != FORMAT_VERSION:
        raise BackupError(
            f"{path}: fc-admin backup format {version} is not supported "
            f"(this fc-admin reads format {FORMAT_VERSION}); use a newer fc-admin"
        )
    in_file = (
        conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if "alembic_version" in tables
        else []
    )
    if in_file != [(revision,)]:
        raise BackupError(
            f"{path}: damaged fc-admin backup (the marker says schema {revision}, "
            f"the data has {', '.join(r for (r,) in in_file) or 'none'})"
        )
    try:
        when = datetime.fromisoformat(created_at)
        counts = json.loads(table_rows)
        if when.tzinfo is None or not isinstance(counts, dict):
            raise ValueError("bad marker values")
        rows_per_table = {str(name): int(n) for name, n in counts.items()}
    except (TypeError, ValueError):
        raise BackupError(f"{path}: damaged fc-admin backup (unreadable marker)") from None
    return BackupInfo(path, str(revision), when.astimezone(UTC), str(dialect), rows_per_table)


# -- backup -----------------------------------------------------------------------------------


def backup_database(
    db: Database, path: Path, clock: Clock, *, actor: Actor | str = "system"
) -> BackupInfo:
    """Write a consistent copy of ``db`` to ``path`` (replacing an earlier fc-admin backup there).

    The source must have this fc-admin's schema. A ``db.backup`` audit record is appended to the
    source after the copy was taken (so the backup does not contain it).
    """
    path = Path(path)
    require_current(db)
    _check_backup_destination(db, path)
    partial = path.with_name(path.name + ".partial")
    _remove_database_file(partial)
    created_at = clock.now().astimezone(UTC)
    try:
        if db.dialect == "sqlite":
            _copy_sqlite_online(db, partial)
            revision, tables = _describe_copy(partial)
        else:
            revision, tables = _copy_to_new_sqlite_file(db, partial)
        _write_marker(partial, revision, created_at, db.dialect, tables)
        _replace(partial, path)
    except DatabaseError:
        _remove_database_file(partial)
        raise
    except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
        _remove_database_file(partial)
        raise BackupError(
            f"{path}: the backup failed, no file was written ({_first_line(exc)})"
        ) from exc
    except BaseException:
        _remove_database_file(partial)
        raise
    try:
        with db.write() as session:
            append_audit(
                session,
                clock,
                actor,
                "db.backup",
                "database",
                path.name,
                after={
                    "file": str(path),
                    "schema_revision": revision,
                    "rows": sum(tables.values()),
                },
            )
    except SQLAlchemyError as exc:  # e.g. another process held the write lock for too long
        raise BackupError(
            f"{path}: the backup was written, but its audit record could not be "
            f"({_first_line(exc)}); run the backup again"
        ) from exc
    return BackupInfo(path, revision, created_at, db.dialect, tables)


def _check_backup_destination(db: Database, path: Path) -> None:
    if not path.parent.is_dir():
        raise BackupError(f"{path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise BackupError(f"{path}: is a folder, not a file")
    if not path.exists():
        return
    if _is_database_file(db, path):
        raise BackupError(f"{path}: is the database itself; choose another file")
    try:
        read_backup_info(path)
    except BackupError:
        # Only ever overwrite an earlier backup, never somebody's document.
        raise BackupError(
            f"{path}: exists and is not an fc-admin backup; refusing to overwrite it"
        ) from None


def _sqlite_file(db: Database) -> Path | None:
    database = db.engine.url.database
    if db.dialect != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database).expanduser()


def _is_database_file(db: Database, path: Path) -> bool:
    own = _sqlite_file(db)
    try:
        return own is not None and own.exists() and path.exists() and own.samefile(path)
    except OSError:
        return False


def _copy_sqlite_online(db: Database, partial: Path) -> None:
    raw = db.engine.raw_connection()
    try:
        source: Any = raw.driver_connection
        with closing(sqlite3.connect(partial)) as target:
            # pages=-1: one step, under one read transaction of the source (a WAL snapshot).
            source.backup(target, pages=-1)
    finally:
        raw.close()


def _describe_copy(partial: Path) -> tuple[str, dict[str, int]]:
    with closing(sqlite3.connect(partial)) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables = {
            table.name: conn.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
            for table in Base.metadata.sorted_tables
        }
    return str(revision), tables


def _copy_to_new_sqlite_file(db: Database, partial: Path) -> tuple[str, dict[str, int]]:
    """PostgreSQL (or any server) to a new SQLite file, from one snapshot, streaming."""
    target = Database(sa.URL.create("sqlite", database=str(partial)).render_as_string())
    try:
        upgrade(target)
        head = head_revision(db)
        with db.engine.connect() as source_conn:
            source = source_conn.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            with source.begin(), target.engine.begin() as sink:
                revision = source.execute(
                    sa.text("SELECT version_num FROM alembic_version")
                ).scalar_one()
                if revision != head:
                    raise BackupError(
                        f"the database {db.display_name} changed to schema {revision} during "
                        f"the backup (expected {head}); try again"
                    )
                tables = Base.metadata.sorted_tables
                for table in reversed(tables):  # the migration's six clinics
                    sink.execute(table.delete())
                counts = {table.name: _copy_table(source, sink, table) for table in tables}
        return str(revision), counts
    finally:
        target.dispose()


def _copy_table(source: sa.Connection, sink: sa.Connection, table: sa.Table) -> int:
    query = (
        sa.select(table)
        .order_by(*table.primary_key.columns)
        .execution_options(yield_per=CHUNK_ROWS)
    )
    copied = 0
    result = source.execute(query)
    try:
        for rows in result.partitions():
            sink.execute(table.insert(), [row._asdict() for row in rows])
            copied += len(rows)
    finally:
        result.close()
    return copied


def _write_marker(
    partial: Path, revision: str, created_at: datetime, dialect: str, tables: dict[str, int]
) -> None:
    with closing(sqlite3.connect(partial, isolation_level=None)) as conn:
        # One self-contained file: fold the WAL in and leave no -wal/-shm beside the backup.
        (mode,) = conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        if str(mode).lower() != "delete":
            raise BackupError(f"{partial}: could not leave WAL mode (journal mode {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(_MARKER_DDL)
        conn.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
            (
                APPLICATION_ID,
                FORMAT_VERSION,
                revision,
                created_at.isoformat(),
                dialect,
                json.dumps(tables, sort_keys=True),
            ),
        )
        conn.execute("COMMIT")


def _replace(partial: Path, path: Path) -> None:
    with partial.open("rb") as file:
        os.fsync(file.fileno())
    os.replace(partial, path)
    if os.name == "posix":  # make the rename itself durable
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _remove_database_file(path: Path) -> None:
    for name in (path, *(path.with_name(path.name + side) for side in _SIDE_FILES)):
        name.unlink(missing_ok=True)


# -- restore ----------------------------------------------------------------------------------


def restore_database(
    db: Database, path: Path, clock: Clock, *, actor: Actor | str = "system"
) -> BackupInfo:
    """Replace every row of ``db`` with the contents of the backup at ``path``, in one transaction.

    Refuses (:class:`BackupError`, nothing changed) a file that is not an fc-admin backup or holds
    another schema version than this fc-admin's; the target must have the current schema
    (``fc-admin db upgrade``). A ``db.restore`` audit record is appended to the restored chain.
    """
    path = Path(path)
    info = read_backup_info(path)
    head = head_revision(db)
    if info.schema_revision != head:
        raise BackupError(
            f"{path}: the backup has schema version {info.schema_revision}, this fc-admin and "
            f"its database need {head}; restore it with the fc-admin version that wrote it"
        )
    if _is_database_file(db, path):
        raise BackupError(f"{path}: is the database itself, not a backup of it")
    _check_integrity(path)
    require_current(db)
    source_engine = sa.create_engine(
        "sqlite://", creator=lambda: _connect_read_only(path), poolclass=NullPool
    )
    try:
        with source_engine.connect() as source, db.write() as session:
            sink = session.connection()
            _replace_contents(sink, source, info)
            append_audit(
                session,
                clock,
                actor,
                "db.restore",
                "database",
                path.name,
                after={
                    "file": str(path),
                    "created_at": info.created_at,
                    "source_dialect": info.source_dialect,
                    "schema_revision": info.schema_revision,
                    "rows": sum(info.tables.values()),
                },
            )
    except DatabaseError:
        raise
    except (sqlite3.Error, SQLAlchemyError) as exc:
        raise BackupError(
            f"{path}: the restore failed and nothing was changed ({_first_line(exc)})"
        ) from exc
    finally:
        source_engine.dispose()
    return info


def _check_integrity(path: Path) -> None:
    try:
        with closing(_connect_read_only(path)) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.Error as exc:
        problems = [_first_line(exc)]
    if problems != ["ok"]:
        raise BackupError(f"{path}: damaged fc-admin backup ({problems[0]})")


def _replace_contents(sink: sa.Connection, source: sa.Connection, info: BackupInfo) -> None:
    tables = Base.metadata.sorted_tables
    if sink.dialect.name == "postgresql":
        # Nobody else may write (or read half a restore) until we commit.
        sink.execute(sa.text("SET LOCAL lock_timeout = '15s'"))
        names = ", ".join(_quote(sink, table.name) for table in tables)
        sink.execute(sa.text(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE"))
    # A restore is a raw copy: the append-only triggers of the audit log (R13.3) are suspended
    # inside this transaction only, and are back before it commits.
    with _triggers_suspended(sink, [table.name for table in tables]):
        for table in reversed(tables):
            sink.execute(table.delete())
        for table in tables:
            copied = _copy_table(source, sink, table)
            expected = info.tables.get(table.name)
            if copied != expected:
                raise BackupError(
                    f"{info.path}: damaged fc-admin backup (table {table.name} has {copied} "
                    f"rows, the marker says {expected}); nothing was changed"
                )
        unknown = set(info.tables) - {table.name for table in tables}
        if unknown:
            raise BackupError(
                f"{info.path}: damaged fc-admin backup (unknown tables "
                f"{', '.join(sorted(unknown))}); nothing was changed"
            )
    if sink.dialect.name == "postgresql":
        _reset_sequences(sink, tables)


@contextmanager
def _triggers_suspended(sink: sa.Connection, table_names: Sequence[str]) -> Iterator[None]:
    if sink.dialect.name == "sqlite":
        # SQLite cannot disable a trigger: drop it and re-create it from its own SQL.
        triggers = sink.execute(
            sa.text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name IN :names ORDER BY name"
            ).bindparams(sa.bindparam("names", expanding=True)),
            {"names": list(table_names)},
        ).all()
        for name, _sql in triggers:
            sink.exec_driver_sql(f"DROP TRIGGER {_quote(sink, name)}")
        yield
        for _name, sql in triggers:
            sink.exec_driver_sql(sql)
        return
    enabled = sink.execute(
        sa.text(
            "SELECT c.relname, t.tgname FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' "
            "AND n.nspname = current_schema() AND c.relname = ANY(:names) "
            "ORDER BY c.relname, t.tgname"
        ),
        {"names": list(table_names)},
    ).all()
    for table, trigger in enabled:
        sink.exec_driver_sql(
            f"ALTER TABLE {_quote(sink, table)} DISABLE TRIGGER {_quote(sink, trigger)}"
        )
    yield
    for table, trigger in enabled:
        sink.exec_driver_sql(
            f"ALTER TABLE {_quote(sink, table)} ENABLE TRIGGER {_quote(sink, trigger)}"
        )


def _reset_sequences(sink: sa.Connection, tables: Sequence[sa.Table]) -> None:
    """The next generated id of every serial/identity column follows the restored rows."""
    for table in tables:
        for column in table.primary_key.columns:
            sequence = sink.execute(
                sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": _quote(sink, table.name), "column": column.name},
            ).scalar_one()
            if sequence is None:
                continue
            sink.execute(
                sa.text(
                    f"SELECT setval(:sequence, COALESCE((SELECT max({_quote(sink, column.name)}) "
                    f"FROM {_quote(sink, table.name)}), 0) + 1, false)"
                ),
                {"sequence": sequence},
            )


def _quote(conn: sa.Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__
