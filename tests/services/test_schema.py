"""The schema: models and migrations agree, ``db upgrade`` is idempotent and refuses a newer
schema, and the migration's data-level rules (the six clinics, the append-only audit log) hold on
SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from fc_admin.db import Database, SchemaOutdated, SchemaTooNew
from fc_admin.domain.roles import Role
from fc_admin.models import Appointment, AuditRecord, Base, SlotSeats
from fc_admin.schema import (
    check_not_newer,
    current_revision,
    head_revision,
    require_current,
    upgrade,
)
from fc_admin.services import Services
from fc_admin.services.clock import FixedClock
from tests.conftest import OPERATOR, PG_URL, SKIP_PG

UTC_NOW = datetime(2025, 1, 8, 2, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A database with nothing in it, not even the schema."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
        yield db
        db.dispose()
        return
    if SKIP_PG:
        pytest.skip("FC_ADMIN_TEST_SKIP_PG=1")
    name = f"fct_empty_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    db = Database(sa.make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
    try:
        yield db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def everything(db: Database) -> dict[str, Any]:
    """Table names, the schema version and every row: to prove that nothing changed."""
    with db.engine.connect() as conn:
        names = sorted(sa.inspect(conn).get_table_names())
        rows = {
            name: sorted(map(tuple, conn.execute(sa.text(f'SELECT * FROM "{name}"'))), key=repr)
            for name in names
        }
    return {"tables": names, "rows": rows}


# -- models and migrations --------------------------------------------------------------------


def test_models_and_migrations_agree(empty_db: Database) -> None:
    """Autogenerate finds nothing to do on a freshly migrated database.

    With ``compare_type=True`` Alembic compares our ``UTCDateTime`` TypeDecorator through its
    ``impl`` (``DateTime``) against the reflected ``DATETIME`` (SQLite) / ``TIMESTAMP WITHOUT TIME
    ZONE`` (PostgreSQL); they agree, so no custom ``compare_type`` function is needed. Should a
    difference ever appear here, fix the migration or the model, not the comparison.
    """
    upgrade(empty_db)
    with empty_db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_upgrade_creates_the_schema_and_is_idempotent(empty_db: Database) -> None:
    head = head_revision(empty_db)
    assert current_revision(empty_db) is None

    assert upgrade(empty_db) == (None, head)
    after_first = everything(empty_db)
    assert upgrade(empty_db) == (head, head)

    assert everything(empty_db) == after_first
    assert current_revision(empty_db) == head
    assert set(after_first["tables"]) == {t.name for t in Base.metadata.sorted_tables} | {
        "alembic_version"
    }
    require_current(empty_db)  # does not raise


def test_require_current_on_an_empty_database_says_run_db_upgrade(empty_db: Database) -> None:
    with pytest.raises(SchemaOutdated) as outdated:
        require_current(empty_db)

    message = str(outdated.value)
    assert "no fc-admin schema yet" in message
    assert "run 'fc-admin db upgrade'" in message
    assert "\n" not in message
    assert everything(empty_db)["tables"] == []


@pytest.mark.parametrize("check", [check_not_newer, require_current, upgrade])
def test_a_schema_from_a_newer_fc_admin_is_refused_and_left_alone(
    any_db: Database, check: Any
) -> None:
    with any_db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
    before = everything(any_db)

    with pytest.raises(SchemaTooNew) as too_new:
        check(any_db)

    message = str(too_new.value)
    assert "9999_future" in message
    assert "newer fc-admin" in message
    assert f"knows up to {head_revision(any_db)}" in message
    assert "nothing was changed" in message
    assert "\n" not in message
    assert everything(any_db) == before
    assert current_revision(any_db) == "9999_future"


# -- data the migration brings ----------------------------------------------------------------


def test_r7_1_six_clinics_with_cw_and_fl_live_from_2025_01_20(
    any_db: Database, clock: FixedClock
) -> None:
    clinics = Services(any_db, clock).clinics.list_clinics()

    assert [c.code for c in clinics] == ["CW", "HK", "KLN", "NT", "FL", "SK"]
    assert {c.code: c.go_live_date for c in clinics} == {
        "CW": date(2025, 1, 20),
        "HK": None,
        "KLN": None,
        "NT": None,
        "FL": date(2025, 1, 20),
        "SK": None,
    }
    assert all(c.name_en.endswith("Families Clinic") and c.name_zh for c in clinics)


# -- R13.3: the audit log is append-only in the database itself -------------------------------


@pytest.fixture
def audited(any_db: Database, clock: FixedClock) -> Database:
    Services(any_db, clock).auth.add_user(OPERATOR, "alice", Role.CLERK, "correct horse battery")
    return any_db


def _audit_rows(db: Database) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(AuditRecord).order_by(AuditRecord.id))]


def test_r13_3_audit_log_refuses_update(audited: Database, clock: FixedClock) -> None:
    before = _audit_rows(audited)
    assert before

    with pytest.raises(sa.exc.DBAPIError, match="append-only"), audited.engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_record SET actor = 'mallory'"))

    assert _audit_rows(audited) == before
    assert Services(audited, clock).audit.verify().ok


def test_r13_3_audit_log_refuses_delete(audited: Database, clock: FixedClock) -> None:
    before = _audit_rows(audited)

    with pytest.raises(sa.exc.DBAPIError, match="append-only"), audited.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_record"))

    assert _audit_rows(audited) == before
    assert Services(audited, clock).audit.verify().ok


def test_r13_3_audit_log_still_accepts_appends(audited: Database, clock: FixedClock) -> None:
    count = len(_audit_rows(audited))
    Services(audited, clock).clinics.set_go_live(OPERATOR, "SK", date(2025, 6, 2))
    assert len(_audit_rows(audited)) == count + 1


# -- R10.3: rules the schema itself enforces --------------------------------------------------


def _appointment(ref: str, status: str = "BOOKED") -> dict[str, Any]:
    return {
        "booking_ref": ref,
        "clinic_code": "CW",
        "day": date(2025, 2, 3),
        "start_time": time(9, 0),
        "session_name": "AM",
        "hkid": "A1234563",
        "name_en": "CHAN, Tai Man",
        "name_zh": "陳大文",
        "category": "SERVING",
        "channel": "manual",
        "status": status,
        "booked_at": UTC_NOW,
        "booked_by": "clerk1",
    }


def test_r10_3_one_active_appointment_per_person_per_day(any_db: Database) -> None:
    with any_db.write() as session:
        session.execute(sa.insert(Appointment), [_appointment("R1", "CANCELLED")])
        session.execute(sa.insert(Appointment), [_appointment("R2", "CANCELLED")])
        session.execute(sa.insert(Appointment), [_appointment("R3")])

    with pytest.raises(sa.exc.IntegrityError), any_db.write() as session:
        session.execute(sa.insert(Appointment), [_appointment("R4")])


def test_r10_3_slot_seats_never_above_capacity(any_db: Database) -> None:
    seats = {
        "clinic_code": "CW",
        "day": date(2025, 2, 3),
        "start_time": time(9, 0),
        "pool": "online",
        "capacity": 2,
        "taken": 2,
    }
    with any_db.write() as session:
        session.execute(sa.insert(SlotSeats), [seats])

    with pytest.raises(sa.exc.IntegrityError), any_db.write() as session:
        session.execute(sa.update(SlotSeats).values(taken=SlotSeats.taken + 1))
