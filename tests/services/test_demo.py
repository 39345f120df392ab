"""Demo data: ``demo seed`` (database) and ``demo files`` (F1, F2, F3), deterministic and valid."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import shutil
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.demo.files import load_public_key, verify_eform
from fc_admin.demo.sources import F1_COLUMNS
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.deadlines import notification_deadline
from fc_admin.domain.hkid import is_valid_hkid
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Role
from fc_admin.models import (
    Application,
    ApplicationMember,
    AuditRecord,
    NonWorkingDay,
    RosterImport,
    RosterPerson,
    RosterSource,
    StaffUser,
)
from fc_admin.services.audit import AuditService
from fc_admin.services.auth import AuthService
from fc_admin.services.clock import FixedClock
from fc_admin.services.demo import (
    DEMO_ADMIN_USERNAME,
    DEMO_PASSWORD,
    DemoFilesSummary,
    seed_database,
    seed_demo_database,
    write_demo_files,
)
from fc_admin.services.errors import Conflict
from fc_admin.tasks import Cancelled, TaskControl
from tests.conftest import OPERATOR

SMALL = 300


def _fresh_sqlite(template: Path, path: Path) -> Database:
    shutil.copyfile(template, path)
    return Database(f"sqlite:///{path}")


def _snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the seed writes, in a stable order."""
    tables = (
        (RosterSource, RosterSource.code), (RosterImport, RosterImport.id),
        (RosterPerson, RosterPerson.id), (StaffUser, StaffUser.username),
        (NonWorkingDay, NonWorkingDay.day), (Application, Application.id),
        (ApplicationMember, ApplicationMember.id), (AuditRecord, AuditRecord.id),
    )
    result = {}
    with db.read() as session:
        for model, order in tables:
            table = model.__table__
            result[model.__tablename__] = [
                tuple(row) for row in session.execute(sa.select(table).order_by(order))
            ]
    return result


# --- demo seed ----------------------------------------------------------------------------------
def test_seed_fills_every_table_validly(any_db: Database, clock: FixedClock) -> None:
    summary = seed_demo_database(any_db, clock, people=SMALL, seed=3)
    assert summary.people == SMALL
    assert summary.admin_username == DEMO_ADMIN_USERNAME
    assert summary.users == 10
    assert summary.families > 0 and summary.applications > 0
    with any_db.read() as session:
        persons = session.execute(sa.select(RosterPerson)).scalars().all()
        imports = {i.id: i for i in session.execute(sa.select(RosterImport)).scalars()}
        sources = set(session.execute(sa.select(RosterSource.code)).scalars())
        applications = session.execute(sa.select(Application)).scalars().all()
        members = session.execute(sa.select(ApplicationMember)).scalars().all()
        users = {u.username: u for u in session.execute(sa.select(StaffUser)).scalars()}
        added_days = {
            d.day: (d.name_en, d.name_zh)
            for d in session.execute(sa.select(NonWorkingDay)).scalars()
        }
        audit_count = session.execute(sa.select(sa.func.count(AuditRecord.id))).scalar_one()

    # Rosters: one current import per source, counts that match the rows.
    assert {i.source_code for i in imports.values()} == sources
    assert all(i.is_current for i in imports.values())
    assert sum(i.row_count for i in imports.values()) == SMALL
    per_import = Counter(p.import_id for p in persons)
    for import_id, row in imports.items():
        assert row.row_count == per_import[import_id]
        assert sum(json.loads(row.counts_json).values()) == row.row_count

    # R9 / R1: valid unique HKIDs, families that hang together.
    hkids = [p.hkid for p in persons]
    assert len(set(hkids)) == SMALL and all(is_valid_hkid(h) for h in hkids)
    by_hkid = {p.hkid: p for p in persons}
    for p in persons:
        principal = by_hkid[p.principal_hkid]
        assert principal.relationship == "self" and principal.import_id == p.import_id
        assert (p.relationship == "self") == (p.hkid == p.principal_hkid)

    # Staff of every role, the clinic users tied to live clinics; the demo admin can sign in.
    assert {u.role for u in users.values()} == {r.value for r in Role}
    assert {u.clinic_code for u in users.values() if u.role == "clinic"} == {"CW", "FL"}
    actor = AuthService(any_db, clock).sign_in(DEMO_ADMIN_USERNAME, DEMO_PASSWORD)
    assert actor.role is Role.ADMIN

    # R2, R4.2: applications of 1-6 members of one family, deadline from the calendar in force.
    assert len(added_days) == 3
    calendar = WorkingCalendar(added_days)
    today = clock.now().astimezone(HONG_KONG).date()
    members_of = Counter(m.application_id for m in members)
    for app in applications:
        assert 1 <= members_of[app.id] <= 6
        assert app.received_date <= today
        assert app.notification_deadline == notification_deadline(app.received_date, calendar)
        assert app.status == "OPEN"
        assert (app.channel == "iam_smart") == (app.signature_key_id == "eform-demo-3")
        assert (app.channel == "in_person") == (app.clinic_code is not None)
    assert all(m.outcome is None and m.decision is None for m in members)
    assert audit_count == summary.audit_records


def test_r13_3_seeded_audit_chain_verifies(any_db: Database, clock: FixedClock) -> None:
    summary = seed_database(any_db, clock, people=SMALL, seed=5)
    result = AuditService(any_db, clock).verify()
    assert result.ok, result
    assert result.checked == summary.audit_records
    with any_db.read() as session:
        texts = session.execute(
            sa.select(AuditRecord.entity_id, AuditRecord.before, AuditRecord.after)
        ).all()
        hkids = session.execute(sa.select(RosterPerson.hkid)).scalars().all()
    blob = json.dumps([tuple(t) for t in texts], ensure_ascii=False)
    assert not any(h in blob for h in hkids)  # R9.3: never a full HKID in the log


def test_seed_continues_an_existing_audit_chain(sqlite_db: Database, clock: FixedClock) -> None:
    AuthService(sqlite_db, clock).add_user(OPERATOR, "first.admin", Role.ADMIN, "a-long-secret")
    seed_database(sqlite_db, clock, people=50, seed=1)
    assert AuditService(sqlite_db, clock).verify().ok


def test_seed_is_deterministic(
    sqlite_template: Path, tmp_path: Path, clock: FixedClock
) -> None:
    snapshots = []
    for name, seed in (("a", 9), ("b", 9), ("c", 10)):
        db = _fresh_sqlite(sqlite_template, tmp_path / f"{name}.sqlite3")
        seed_database(db, clock, people=SMALL, seed=seed)
        snapshots.append(_snapshot(db))
        db.dispose()
    same_a, same_b, other = snapshots
    assert same_a == same_b
    assert {r[4] for r in other["roster_person"]} != {r[4] for r in same_a["roster_person"]}
    assert {r[5] for r in other["roster_person"]} != {r[5] for r in same_a["roster_person"]}


def test_seed_children_of_every_age(sqlite_db: Database, clock: FixedClock) -> None:
    seed_database(sqlite_db, clock, people=6_000, seed=1)
    today = clock.now().astimezone(HONG_KONG).date()
    bands: Counter[tuple[str, str | None]] = Counter()
    with sqlite_db.read() as session:
        rows = session.execute(
            sa.select(RosterPerson.date_of_birth, RosterPerson.child_status)
            .where(RosterPerson.relationship == "child")
        ).all()
        inactive = Counter(session.execute(
            sa.select(RosterPerson.category).where(RosterPerson.status == "inactive")
        ).scalars())
    for born, child_status in rows:
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        bands[("under 19" if age < 19 else "19-20" if age < 21 else "21+", child_status)] += 1
    for key in (("under 19", None), ("19-20", "fte"), ("19-20", None), ("21+", None)):
        assert bands[key] > 0, key
    assert inactive["officer"] > 0 and inactive["pensioner"] > 0


def test_seed_refuses_a_database_with_rosters(sqlite_db: Database, clock: FixedClock) -> None:
    seed_database(sqlite_db, clock, people=20, seed=1)
    with pytest.raises(Conflict):
        seed_database(sqlite_db, clock, people=20, seed=2)


def test_seed_cancelled_writes_nothing(sqlite_db: Database, clock: FixedClock) -> None:
    def cancel_midway(done: int, total: int, what: str) -> None:
        if done >= 10_000:
            control.cancel()

    control = TaskControl(cancel_midway)
    with pytest.raises(Cancelled):
        seed_database(sqlite_db, clock, people=30_000, seed=1, control=control)
    with sqlite_db.read() as session:
        for model in (RosterPerson, StaffUser, AuditRecord, Application):
            assert session.execute(sa.select(sa.func.count()).select_from(model)).scalar() == 0


def test_demo_admin_is_repaired_when_it_exists(sqlite_db: Database, clock: FixedClock) -> None:
    auth = AuthService(sqlite_db, clock)
    auth.add_user(OPERATOR, DEMO_ADMIN_USERNAME, Role.CLERK, "another-password")
    auth.update_user(OPERATOR, DEMO_ADMIN_USERNAME, active=False)
    seed_demo_database(sqlite_db, clock, people=20, seed=1)
    actor = auth.sign_in(DEMO_ADMIN_USERNAME, DEMO_PASSWORD)
    assert actor.role is Role.ADMIN
    assert AuditService(sqlite_db, clock).verify().ok


def test_seed_dates_follow_the_clock(sqlite_db: Database) -> None:
    clock = FixedClock(datetime(2026, 11, 20, 15, 0, tzinfo=HONG_KONG))
    seed_database(sqlite_db, clock, people=3_000, seed=1)
    with sqlite_db.read() as session:
        received = session.execute(sa.select(Application.received_date)).scalars().all()
        as_of = set(session.execute(sa.select(RosterImport.as_of_date)).scalars())
    assert as_of == {date(2026, 11, 20)}
    assert min(received) >= date(2026, 10, 20) and max(received) <= date(2026, 11, 20)


# --- demo files ---------------------------------------------------------------------------------
def _digest(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> DemoFilesSummary:
    return write_demo_files(tmp_path_factory.mktemp("demo") / "files", people=3_000, seed=1)


def test_files_are_byte_identical_for_a_seed(tmp_path: Path) -> None:
    a = write_demo_files(tmp_path / "a", people=800, seed=4)
    b = write_demo_files(tmp_path / "b", people=800, seed=4)
    c = write_demo_files(tmp_path / "c", people=800, seed=5)
    assert _digest(a.directory) == _digest(b.directory)
    assert _digest(a.directory) != _digest(c.directory)
    assert c.key_id == "eform-demo-5"


def test_files_refuse_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        write_demo_files(tmp_path, people=10, seed=1)


def _read_roster(path: Path, encoding: str) -> tuple[bytes, list[dict[str, str]], list[str]]:
    raw = path.read_bytes()
    text = raw.decode(encoding)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return raw, rows, list(reader.fieldnames or [])


def test_f1_rosters(demo_files: DemoFilesSummary) -> None:
    encodings = {r.encoding for r in demo_files.rosters}
    assert {"utf-8", "utf-8-sig", "big5hkscs"} <= encodings
    assert {r.source for r in demo_files.rosters} >= {"LCSD", "HKPF", "DH", "FEHD", "ImmD", "PEN"}
    total = 0
    for roster in demo_files.rosters:
        raw, rows, header = _read_roster(roster.path, roster.encoding)
        assert sorted(header) == sorted(F1_COLUMNS)
        assert len(rows) == roster.rows
        total += len(rows)
        assert raw.count(b"\r\n") == len(rows) + 1 and raw.count(b"\n") == len(rows) + 1
        assert raw.startswith(codecs.BOM_UTF8) == (roster.encoding == "utf-8-sig")
        if roster.encoding == "big5hkscs":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
            assert any(r["name_zh"] for r in rows)
        hkids = [r["hkid"] for r in rows]
        assert len(set(hkids)) == len(hkids)  # F1: the same HKID twice in a file is an error
        principals = {r["hkid"] for r in rows if r["relationship"] == "self"}
        for r in rows:
            assert r["source"] == roster.source
            assert is_valid_hkid(r["hkid"])
            assert r["principal_hkid"] in principals  # F1: principal in the same file
            assert r["category"] in ("officer", "pensioner", "survivor", "dependant")
            assert r["status"] in ("active", "inactive")
            assert r["child_status"] in ("", "fte", "infirm")
            assert bool(r["staff_no"]) == (r["relationship"] == "self")
            if "/" in r["date_of_birth"]:
                datetime.strptime(r["date_of_birth"], "%d/%m/%Y")
            else:
                date.fromisoformat(r["date_of_birth"])
    assert total == demo_files.people


def test_f2_eforms_verify_with_the_generated_key(demo_files: DemoFilesSummary) -> None:
    keys = {demo_files.key_id: load_public_key(demo_files.public_key)}
    paths = sorted(demo_files.eforms_dir.glob("*.json"))
    assert len(paths) == demo_files.eforms > 0
    roster_hkids = set()
    for roster in demo_files.rosters:
        roster_hkids |= {r["hkid"] for r in _read_roster(roster.path, roster.encoding)[1]}
    member_count = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        form = json.loads(text)
        assert text == json.dumps(form, indent=2, ensure_ascii=False) + "\n"
        assert verify_eform(form, keys), path.name
        assert list(form) == [
            "schema", "form_id", "submitted_at", "channel", "applicant", "members", "signature"
        ]
        assert form["schema"] == "fc-eform/1" and form["channel"] == "iam_smart"
        assert path.name == f"{form['form_id']}.json"
        assert datetime.fromisoformat(form["submitted_at"]).utcoffset() is not None
        members = form["members"]
        assert 1 <= len(members) <= 6
        assert len({m["principal_hkid"] for m in members}) == 1
        assert form["applicant"]["hkid"] in {m["hkid"] for m in members}
        member_count += len(members)
        for m in members:
            assert is_valid_hkid(m["hkid"])
            assert m["hkid"] in roster_hkids or m["relationship"] == "child"
        tampered = {**form, "members": members[:-1] or members * 2}
        assert not verify_eform(tampered, keys)
    assert member_count == demo_files.eform_members


def test_f3_bookings_feed(demo_files: DemoFilesSummary) -> None:
    raw = demo_files.bookings.read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert list(rows[0]) == [
        "booking_ref", "hkid", "clinic", "date", "start_time", "channel", "status", "booked_at"
    ]
    assert len(rows) == demo_files.booking_rows > 0
    seats: Counter[tuple[str, str, str]] = Counter()
    per_day: Counter[tuple[str, str]] = Counter()
    booked: dict[str, dict[str, str]] = {}
    cancelled = 0
    for r in rows:
        assert r["channel"] == "online" and r["clinic"] in ("CW", "FL")
        assert date.fromisoformat(r["date"]) >= date(2025, 1, 20)  # R7.1 go-live
        assert len(r["start_time"]) == 5 and r["start_time"][2] == ":"
        assert datetime.fromisoformat(r["booked_at"]).utcoffset() is not None
        if r["status"] == "booked":
            assert r["booking_ref"] not in booked
            booked[r["booking_ref"]] = r
            seats[(r["clinic"], r["date"], r["start_time"])] += 1
            per_day[(r["hkid"], r["date"])] += 1
        else:
            assert r["status"] == "cancelled"
            cancelled += 1
            original = booked[r["booking_ref"]]  # a cancellation of an earlier ref
            assert {k: v for k, v in original.items() if k != "status"} == {
                k: v for k, v in r.items() if k != "status"
            }
    assert cancelled == demo_files.cancellations > 0
    assert max(seats.values()) <= 2  # R10.3 with F8's two online seats a slot
    assert max(per_day.values()) == 1  # R10.3: one appointment a person a day
