"""``db backup`` / ``db restore`` (cli.md): a consistent copy while in use, and a restore that
refuses anything that is not a backup of fc-admin and otherwise replaces everything at once."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import fc_admin.services.backup as backup_module
from fc_admin.db import Database, SchemaOutdated
from fc_admin.domain.roles import Role
from fc_admin.models import AuditRecord, Base, SharedSetting, SignInAttempt
from fc_admin.schema import head_revision
from fc_admin.services import Services
from fc_admin.services.backup import (
    APPLICATION_ID,
    MARKER_TABLE,
    BackupError,
    backup_database,
    read_backup_info,
    restore_database,
)
from fc_admin.services.clock import FixedClock
from tests.conftest import NOW, OPERATOR

PASSWORD = "correct horse battery"


# -- helpers ----------------------------------------------------------------------------------


def populate(db: Database, clock: FixedClock, prefix: str = "a") -> None:
    """Users, clinic roll-out changes and so audit records, as an office would have."""
    services = Services(db, clock)
    services.auth.add_user(OPERATOR, f"{prefix}lice", Role.CLERK, PASSWORD)
    services.auth.add_user(OPERATOR, f"{prefix}ob", Role.CLINIC, PASSWORD, clinic_code="CW")
    services.clinics.set_go_live(OPERATOR, "HK", date(2025, 3, 3))
    services.clinics.set_go_live(OPERATOR, "FL", None)


def contents(db: Database, *, without_actions: tuple[str, ...] = ()) -> dict[str, list[Any]]:
    """Every row of every table (as Python values, so comparable across SQLite and PostgreSQL)."""
    result: dict[str, list[Any]] = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            query = sa.select(table).order_by(*table.primary_key.columns)
            if table.name == "audit_record" and without_actions:
                query = query.where(table.c.action.not_in(without_actions))
            result[table.name] = [tuple(row) for row in conn.execute(query)]
    return result


def audit_actions(db: Database) -> list[str]:
    with db.read() as session:
        return list(
            session.execute(sa.select(AuditRecord.action).order_by(AuditRecord.id)).scalars()
        )


def usernames(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return list(
            conn.execute(sa.text("SELECT username FROM staff_user ORDER BY username")).scalars()
        )


def fresh_sqlite(template: Path, folder: Path, name: str) -> Database:
    path = folder / name
    shutil.copyfile(template, path)
    return Database(f"sqlite:///{path}")


@pytest.fixture
def target_sqlite(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    db = fresh_sqlite(sqlite_template, tmp_path, "target.sqlite3")
    yield db
    db.dispose()


@pytest.fixture
def source_sqlite(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    db = fresh_sqlite(sqlite_template, tmp_path, "source.sqlite3")
    yield db
    db.dispose()


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    db = Database(pg_url)
    yield db
    db.dispose()


def assert_restored(
    target: Database, expected: dict[str, list[Any]], clock: FixedClock, actor: str
) -> None:
    assert contents(target, without_actions=("db.restore",)) == expected
    assert audit_actions(target)[-1] == "db.restore"
    with target.read() as session:
        last = session.execute(
            sa.select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1)
        ).scalar_one()
    assert last.actor == actor
    verification = Services(target, clock).audit.verify()
    assert verification.ok, verification
    # The restored database is fully usable: new rows get fresh ids (sequences follow on PG).
    Services(target, clock).auth.add_user(OPERATOR, "after.restore", Role.CLERK, PASSWORD)
    assert Services(target, clock).audit.verify().ok


# -- round trips ------------------------------------------------------------------------------


def test_backup_sqlite_to_sqlite_restores_every_row(
    source_sqlite: Database, target_sqlite: Database, clock: FixedClock, tmp_path: Path
) -> None:
    populate(source_sqlite, clock)
    populate(target_sqlite, clock, prefix="z")  # to be replaced
    expected = contents(source_sqlite)
    file = tmp_path / "nightly.fcbackup"

    info = backup_database(source_sqlite, file, clock, actor="cli:ops")

    assert info.path == file
    assert info.source_dialect == "sqlite"
    assert info.schema_revision == head_revision(source_sqlite)
    assert info.created_at == NOW.astimezone(UTC)
    assert info.tables == {name: len(rows) for name, rows in expected.items()}
    assert audit_actions(source_sqlite)[-1] == "db.backup"
    assert read_backup_info(file) == info

    restored = restore_database(target_sqlite, file, clock, actor="cli:ops")

    assert restored == info
    assert usernames(target_sqlite) == ["alice", "aob"]
    assert_restored(target_sqlite, expected, clock, "cli:ops")


@pytest.mark.postgres
def test_backup_postgresql_to_file_to_sqlite(
    pg_db: Database,
    target_sqlite: Database,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    populate(pg_db, clock)
    with pg_db.write() as session:  # a table larger than several chunks
        session.execute(
            sa.insert(SignInAttempt),
            [
                {"username": f"user{i % 7}", "at": NOW + timedelta(seconds=i), "success": i % 3 > 0}
                for i in range(250)
            ],
        )
    monkeypatch.setattr(backup_module, "CHUNK_ROWS", 16)
    expected = contents(pg_db)
    file = tmp_path / "server.fcbackup"

    info = backup_database(pg_db, file, clock)

    assert info.source_dialect == "postgresql"
    assert info.tables["sign_in_attempt"] == 250
    assert info.tables["clinic"] == 6
    assert info.tables == {name: len(rows) for name, rows in expected.items()}
    assert audit_actions(pg_db)[-1] == "db.backup"

    restore_database(target_sqlite, file, clock)

    assert_restored(target_sqlite, expected, clock, "system")


@pytest.mark.postgres
def test_backup_sqlite_file_to_postgresql(
    source_sqlite: Database, pg_db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    populate(source_sqlite, clock)
    populate(pg_db, clock, prefix="z")  # ids 1.. taken on the server already
    expected = contents(source_sqlite)
    file = tmp_path / "workstation.fcbackup"
    backup_database(source_sqlite, file, clock)

    restore_database(pg_db, file, clock, actor="cli:ops")

    assert usernames(pg_db) == ["alice", "aob"]
    assert_restored(pg_db, expected, clock, "cli:ops")
    with pg_db.engine.connect() as conn:  # the append-only trigger is back on
        enabled = conn.execute(
            sa.text("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_record_append_only'")
        ).scalar_one()
    assert enabled == "O"


def test_restore_rolls_a_database_back_to_its_backup(
    any_db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    populate(any_db, clock)
    file = tmp_path / "before.fcbackup"
    backup_database(any_db, file, clock)
    expected = contents(any_db, without_actions=("db.backup",))
    Services(any_db, clock).auth.add_user(OPERATOR, "carol", Role.ADMIN, PASSWORD)
    Services(any_db, clock).clinics.set_go_live(OPERATOR, "SK", date(2025, 6, 2))

    restore_database(any_db, file, clock)

    assert "carol" not in usernames(any_db)
    assert Services(any_db, clock).clinics.get("SK").go_live_date is None
    assert_restored(any_db, expected, clock, "system")


def test_backup_is_one_self_contained_sqlite_file(
    any_db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    populate(any_db, clock)
    file = tmp_path / "copy.fcbackup"
    backup_database(any_db, file, clock)

    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == [
        "copy.fcbackup"
    ]  # no .partial, no -wal/-shm left behind
    with sqlite3.connect(file) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        marker = conn.execute(
            f"SELECT application_id, format_version, schema_revision, source_dialect "
            f"FROM {MARKER_TABLE}"
        ).fetchall()
    assert marker == [(APPLICATION_ID, 1, head_revision(any_db), any_db.dialect)]
    # It is an ordinary fc-admin database too: inspectable with the application itself.
    copy = Database(f"sqlite:///{file}")
    try:
        assert usernames(copy) == ["alice", "aob"]
        assert Services(copy, clock).audit.verify().ok
    finally:
        copy.dispose()


def test_backup_overwrites_an_earlier_backup(
    sqlite_db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    file = tmp_path / "nightly.fcbackup"
    backup_database(sqlite_db, file, clock)
    populate(sqlite_db, clock)
    later = FixedClock(NOW + timedelta(days=1))

    info = backup_database(sqlite_db, file, later)

    assert read_backup_info(file) == info
    assert info.created_at == (NOW + timedelta(days=1)).astimezone(UTC)
    assert info.tables["staff_user"] == 2


# -- consistency while in use -----------------------------------------------------------------


def test_backup_while_another_connection_writes_excludes_uncommitted_rows(
    any_db_url: str, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(any_db_url)
    other = Database(any_db_url)
    file = tmp_path / "busy.fcbackup"
    try:
        populate(db, clock)
        writer = other.write()
        session = writer.__enter__()  # an open write transaction in another connection
        session.add(SharedSetting(key="uncommitted", value='"not yet"'))
        session.flush()
        copied_while_open: list[bool] = []
        real_append = backup_module.append_audit

        def commit_then_append(*args: Any, **kwargs: Any) -> Any:
            # Called only after the copy was taken: now let the other writer commit.
            copied_while_open.append(True)
            writer.__exit__(None, None, None)
            return real_append(*args, **kwargs)

        monkeypatch.setattr(backup_module, "append_audit", commit_then_append)

        info = backup_database(db, file, clock)

        assert copied_while_open == [True]
        assert info.tables["shared_setting"] == 0
        with db.read() as check:  # committed in the source after the copy…
            assert check.get(SharedSetting, "uncommitted") is not None
        with sqlite3.connect(file) as conn:  # …but not in the backup
            assert conn.execute("SELECT count(*) FROM shared_setting").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM staff_user").fetchone()[0] == 2
    finally:
        other.dispose()
        db.dispose()


# -- refusals ---------------------------------------------------------------------------------


@contextmanager
def edit_sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _valid_backup(db: Database, clock: FixedClock, folder: Path) -> Path:
    file = folder / "valid.fcbackup"
    backup_database(db, file, clock)
    return file


def _missing(db: Database, clock: FixedClock, folder: Path) -> Path:
    return folder / "no-such.fcbackup"


def _random_bytes(db: Database, clock: FixedClock, folder: Path) -> Path:
    file = folder / "random.bin"
    file.write_bytes(bytes(range(256)) * 64)
    return file


def _empty_file(db: Database, clock: FixedClock, folder: Path) -> Path:
    file = folder / "empty.fcbackup"
    file.write_bytes(b"")
    return file


def _empty_sqlite(db: Database, clock: FixedClock, folder: Path) -> Path:
    file = folder / "empty.sqlite3"
    with edit_sqlite(file) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    return file


def _fc_admin_database_not_a_backup(db: Database, clock: FixedClock, folder: Path) -> Path:
    file = _valid_backup(db, clock, folder)
    with edit_sqlite(file) as conn:
        conn.execute(f"DROP TABLE {MARKER_TABLE}")
    return file


def _other_application(db: Database, clock: FixedClock, folder: Path) -> Path:
    file = _valid_backup(db, clock, folder)
    with edit_sqlite(file) as conn:
        conn.execute(f"UPDATE {MARKER_TABLE} SET application_id = 'other-app'")
    return file


def _newer_format(db: Database, clock: FixedClock, folder: Path) -> Path:
    file = _valid_backup(db, clock, folder)
    with edit_sqlite(file) as conn:
        conn.execute(f"UPDATE {MARKER_TABLE} SET format_version = 2")
    return file


def _other_schema_revision(db: Database, clock: FixedClock, folder: Path) -> Path:
    file = _valid_backup(db, clock, folder)
    with edit_sqlite(file) as conn:
        conn.execute(f"UPDATE {MARKER_TABLE} SET schema_revision = '0000_old'")
        conn.execute("UPDATE alembic_version SET version_num = '0000_old'")
    return file


def _marker_disagrees_with_data(db: Database, clock: FixedClock, folder: Path) -> Path:
    file = _valid_backup(db, clock, folder)
    with edit_sqlite(file) as conn:
        conn.execute(f"UPDATE {MARKER_TABLE} SET schema_revision = '0000_old'")
    return file


def _rows_missing(db: Database, clock: FixedClock, folder: Path) -> Path:
    # Passes every check up front; fails half-way, after the target's rows were deleted.
    file = _valid_backup(db, clock, folder)
    with edit_sqlite(file) as conn:
        conn.execute("DELETE FROM staff_user WHERE username = 'aob'")
    return file


@pytest.mark.parametrize(
    ("make_file", "reason"),
    [
        (_missing, "no such file"),
        (_random_bytes, "not an SQLite database"),
        (_empty_file, "not an SQLite database"),
        (_empty_sqlite, f"no {MARKER_TABLE} marker"),
        (_fc_admin_database_not_a_backup, f"no {MARKER_TABLE} marker"),
        (_other_application, "another application ('other-app')"),
        (_newer_format, "format 2 is not supported"),
        (_other_schema_revision, "schema version 0000_old, this fc-admin and its database need"),
        (_marker_disagrees_with_data, "damaged"),
        (_rows_missing, "table staff_user has 1 rows, the marker says 2"),
    ],
    ids=lambda v: v.__name__.strip("_") if callable(v) else "",
)
def test_restore_refuses_what_is_not_an_fc_admin_backup_and_changes_nothing(
    any_db: Database,
    source_sqlite: Database,
    clock: FixedClock,
    tmp_path: Path,
    make_file: Callable[[Database, FixedClock, Path], Path],
    reason: str,
) -> None:
    populate(source_sqlite, clock)
    file = make_file(source_sqlite, clock, tmp_path)
    populate(any_db, clock, prefix="z")
    before = contents(any_db)

    with pytest.raises(BackupError) as refused:
        restore_database(any_db, file, clock)

    message = str(refused.value)
    assert reason in message
    assert str(file) in message
    assert "\n" not in message
    assert contents(any_db) == before
    assert Services(any_db, clock).audit.verify().ok
    # The append-only triggers survived (R13.3).
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), any_db.write() as session:
        session.execute(sa.update(AuditRecord).values(actor="mallory"))


def test_restore_refuses_a_target_without_the_current_schema(
    sqlite_db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    file = _valid_backup(sqlite_db, clock, tmp_path)
    empty = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        with pytest.raises(SchemaOutdated, match="fc-admin db upgrade"):
            restore_database(empty, file, clock)
        with empty.engine.connect() as conn:
            assert sa.inspect(conn).get_table_names() == []
    finally:
        empty.dispose()


def test_restore_refuses_the_database_file_itself(
    sqlite_db: Database, sqlite_url: str, clock: FixedClock
) -> None:
    own = Path(sa.make_url(sqlite_url).database or "")
    with pytest.raises(BackupError):
        restore_database(sqlite_db, own, clock)


# -- a failed backup leaves no half file ------------------------------------------------------


def test_failed_backup_leaves_no_file_and_keeps_the_earlier_backup(
    any_db: Database, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "nightly.fcbackup"
    earlier = backup_database(any_db, file, clock)
    earlier_bytes = file.read_bytes()
    populate(any_db, clock)
    actions_before = audit_actions(any_db)

    def disk_full(*_args: Any, **_kwargs: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_module, "_write_marker", disk_full)
    with pytest.raises(BackupError, match="disk is full") as failed:
        backup_database(any_db, file, FixedClock(NOW + timedelta(hours=1)))

    assert str(file) in str(failed.value)
    assert file.read_bytes() == earlier_bytes
    assert read_backup_info(file) == earlier
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("nightly")) == [
        "nightly.fcbackup"
    ]  # no .partial left behind
    assert audit_actions(any_db) == actions_before  # no db.backup record for a failed backup


def test_backup_refuses_to_overwrite_a_file_that_is_not_a_backup(
    sqlite_db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    document = tmp_path / "report.docx"
    document.write_bytes(b"PK\x03\x04 somebody's work")

    with pytest.raises(BackupError, match="not an fc-admin backup; refusing to overwrite"):
        backup_database(sqlite_db, document, clock)

    assert document.read_bytes() == b"PK\x03\x04 somebody's work"


def test_backup_refuses_the_database_file_itself_and_a_missing_folder(
    sqlite_db: Database, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    own = Path(sa.make_url(sqlite_url).database or "")
    before = own.read_bytes()
    with pytest.raises(BackupError, match="is the database itself"):
        backup_database(sqlite_db, own, clock)
    assert own.read_bytes() == before

    with pytest.raises(BackupError, match="does not exist"):
        backup_database(sqlite_db, tmp_path / "no" / "such" / "folder.fcbackup", clock)


def test_backup_refuses_a_database_without_the_schema(clock: FixedClock, tmp_path: Path) -> None:
    empty = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        with pytest.raises(SchemaOutdated, match="fc-admin db upgrade"):
            backup_database(empty, tmp_path / "x.fcbackup", clock)
    finally:
        empty.dispose()
    assert not (tmp_path / "x.fcbackup").exists()


def test_read_backup_info_created_at_is_utc(sqlite_db: Database, tmp_path: Path) -> None:
    clock = FixedClock(datetime(2025, 1, 8, 23, 30, tzinfo=UTC))
    info = backup_database(sqlite_db, tmp_path / "b.fcbackup", clock)
    read = read_backup_info(tmp_path / "b.fcbackup")
    assert read.created_at == datetime(2025, 1, 8, 23, 30, tzinfo=UTC)
    assert read.created_at.utcoffset() == timedelta(0)
    assert read == info
