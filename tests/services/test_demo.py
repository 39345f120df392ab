"""Demo data: ``demo seed`` (database) and ``demo files`` (F1, F2, F3), deterministic and valid."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import shutil
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.demo.files import load_public_key, verify_eform
from fc_admin.demo.rejects import REJECT_KINDS, reject_reason
from fc_admin.demo.seed import TRUSTED_KEYS_FOLDER
from fc_admin.demo.sources import F1_COLUMNS
from fc_admin.domain.activation_codes import VOID_HASH, is_account_id
from fc_admin.domain.booking_window import Channel, channels_serving
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.deadlines import activation_deadline, notification_deadline
from fc_admin.domain.eligibility import Outcome
from fc_admin.domain.hkid import is_valid_hkid
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Role
from fc_admin.domain.schedule import Slot
from fc_admin.domain.session_templates import SeatPool
from fc_admin.models import (
    Account,
    Application,
    ApplicationMember,
    ApplicationRemark,
    Appointment,
    AuditRecord,
    Clinic,
    Closure,
    NonWorkingDay,
    QuarantinedEform,
    RosterImport,
    RosterPerson,
    RosterSource,
    SessionTemplate,
    SlotSeats,
    StaffUser,
    TemplateSession,
)
from fc_admin.services import Services
from fc_admin.services.activations import ActivationService
from fc_admin.services.applications import ApplicationService, QueueFilter, RiskFilter
from fc_admin.services.appointments import AppointmentService, roster_entries
from fc_admin.services.audit import AuditService
from fc_admin.services.auth import AuthService
from fc_admin.services.calendar import CalendarService
from fc_admin.services.clock import FixedClock
from fc_admin.services.dashboard import DashboardService
from fc_admin.services.decisions import REJECT_REASONS, DecisionService
from fc_admin.services.demo import (
    DEMO_ADMIN_USERNAME,
    DEMO_PASSWORD,
    DemoFilesSummary,
    seed_database,
    seed_demo_database,
    write_demo_files,
)
from fc_admin.services.errors import Conflict
from fc_admin.services.intake import IntakeService
from fc_admin.services.rosters import RosterService
from fc_admin.services.schedules import load_schedule, working_calendar
from fc_admin.tasks import Cancelled, TaskControl
from tests.conftest import ADMIN, OPERATOR, actor_for

SMALL = 300
MEDIUM = 3_000  # enough families for a queue with every outcome and the officers' work
OFFICERS = {"verifier.wong", "verifier.cheung", "verifier.lam", "supervisor.ho"}


def _fresh_sqlite(template: Path, path: Path) -> Database:
    shutil.copyfile(template, path)
    return Database(f"sqlite:///{path}")


def _snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the seed writes, in a stable order."""
    tables = (
        (RosterSource, RosterSource.code),
        (RosterImport, RosterImport.id),
        (RosterPerson, RosterPerson.id),
        (StaffUser, StaffUser.username),
        (NonWorkingDay, NonWorkingDay.day),
        (Application, Application.id),
        (ApplicationMember, ApplicationMember.id),
        (AuditRecord, AuditRecord.id),
        (ApplicationRemark, ApplicationRemark.id),
        (QuarantinedEform, QuarantinedEform.id),
        (Account, Account.id),
        (Clinic, Clinic.code),
        (SessionTemplate, SessionTemplate.id),
        (TemplateSession, TemplateSession.id),
        (Appointment, Appointment.id),
        (SlotSeats, SlotSeats.clinic_code, SlotSeats.day, SlotSeats.start_time, SlotSeats.pool),
        (Closure, Closure.id),
    )
    result = {}
    with db.read() as session:
        for model, *order in tables:
            table = model.__table__
            rows = session.execute(sa.select(table).order_by(*order))
            # The migration's templates are stamped with the moment of the upgrade.
            result[model.__tablename__] = [
                tuple(row) for row in rows if getattr(row, "created_by", None) != "system"
            ]
    return result


# --- demo seed ----------------------------------------------------------------------------------
def test_seed_fills_every_table_validly(any_db: Database, clock: FixedClock) -> None:
    summary = seed_demo_database(any_db, clock, people=SMALL, seed=3)
    assert summary.people == SMALL
    assert summary.admin_username == DEMO_ADMIN_USERNAME
    assert summary.users == 14  # 13 staff, a counter for each of the six clinics, and "demo"
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

    # Rosters: one current import per source, counts that match the rows; two earlier imports
    # of every source (history), replaced since: their rows are gone, their counts stay.
    current = {i.id: i for i in imports.values() if i.is_current}
    assert {i.source_code for i in current.values()} == sources
    assert sum(i.row_count for i in current.values()) == SMALL
    per_import = Counter(p.import_id for p in persons)
    assert set(per_import) <= set(current)
    for import_id, row in imports.items():
        assert sum(json.loads(row.counts_json).values()) == row.row_count
        if row.is_current:
            assert row.row_count == per_import[import_id]
            assert row.as_of_date == clock.now().astimezone(HONG_KONG).date()
    by_source = Counter(i.source_code for i in imports.values())
    assert set(by_source.values()) == {3}
    for code in sources:
        history = sorted((i for i in imports.values() if i.source_code == code), key=lambda i: i.id)
        assert [i.is_current for i in history] == [False, False, True]
        assert history[0].as_of_date < history[1].as_of_date < history[2].as_of_date
        assert history[0].imported_at < history[1].imported_at < history[2].imported_at

    # R9 / R1: valid unique HKIDs, families that hang together.
    hkids = [p.hkid for p in persons]
    assert len(set(hkids)) == SMALL and all(is_valid_hkid(h) for h in hkids)
    by_hkid = {p.hkid: p for p in persons}
    for p in persons:
        principal = by_hkid[p.principal_hkid]
        assert principal.relationship == "self" and principal.import_id == p.import_id
        assert (p.relationship == "self") == (p.hkid == p.principal_hkid)

    # Staff of every role, a counter user for each clinic (R13.2); the demo admin can sign in.
    assert {u.role for u in users.values()} == {r.value for r in Role}
    counters = sorted(u.clinic_code or "" for u in users.values() if u.role == "clinic")
    assert counters == ["CW", "FL", "HK", "KLN", "NT", "SK"]
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
        assert app.status in ("OPEN", "DONE")
        assert (app.channel == "iam_smart") == (app.signature_key_id == "eform-demo-3")
        assert (app.channel == "in_person") == (app.clinic_code is not None)
        if app.channel == "in_person":  # as IntakeService.key_in_form numbers them
            assert re.fullmatch(r"PF\d{8}-(CW|HK|KLN|NT|FL|SK)-\d{6}", app.form_id)
            assert app.keyed_by in ("clerk.chan", "clerk.lee")
        else:
            assert re.fullmatch(r"EF\d{8}-\d{6}", app.form_id)
        assert app.form_id[2:10] == f"{app.received_date:%Y%m%d}"
    # R3.2: every member verified; R3.4: a form is DONE when each member is approved or rejected.
    assert all(m.outcome in Outcome.__members__ for m in members)
    final = Counter(m.application_id for m in members if m.decision in ("approve", "reject"))
    for app in applications:
        assert (app.status == "DONE") == (final[app.id] == members_of[app.id])
    assert audit_count == summary.audit_records
    assert summary.members == len(members)
    assert sum(summary.outcomes.values()) == len(members)


def test_r13_3_seeded_audit_chain_verifies(any_db: Database, clock: FixedClock) -> None:
    summary = seed_database(any_db, clock, people=SMALL, seed=5)
    result = AuditService(any_db, clock).verify()
    assert result.ok, result
    assert result.checked == summary.audit_records
    with any_db.read() as session:
        texts = session.execute(
            sa.select(AuditRecord.entity_id, AuditRecord.before, AuditRecord.after)
        ).all()
        hkids = list(session.execute(sa.select(RosterPerson.hkid)).scalars())
        hkids += session.execute(sa.select(ApplicationMember.hkid)).scalars()
    blob = json.dumps([tuple(t) for t in texts], ensure_ascii=False)
    assert not any(h in blob for h in hkids)  # R9.3: never a full HKID in the log


def test_seed_continues_an_existing_audit_chain(sqlite_db: Database, clock: FixedClock) -> None:
    AuthService(sqlite_db, clock).add_user(OPERATOR, "first.admin", Role.ADMIN, "a-long-secret")
    seed_database(sqlite_db, clock, people=50, seed=1)
    assert AuditService(sqlite_db, clock).verify().ok


def test_seed_is_deterministic(sqlite_template: Path, tmp_path: Path, clock: FixedClock) -> None:
    snapshots = []
    for name, seed in (("a", 9), ("b", 9), ("c", 10)):
        db = _fresh_sqlite(sqlite_template, tmp_path / f"{name}.sqlite3")
        seed_database(db, clock, people=MEDIUM, seed=seed)
        snapshots.append(_snapshot(db))
        db.dispose()
    same_a, same_b, other = snapshots
    assert same_a["application_remark"] and same_a["quarantined_eform"] and same_a["account"]
    assert same_a["appointment"] and same_a["slot_seats"] and same_a["closure"]
    assert same_a == same_b
    assert {r[4] for r in other["roster_person"]} != {r[4] for r in same_a["roster_person"]}
    assert {r[5] for r in other["roster_person"]} != {r[5] for r in same_a["roster_person"]}


def test_seed_gives_every_outcome_and_the_officers_work(
    any_db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    summary = seed_database(any_db, clock, people=MEDIUM, seed=1)
    now = clock.now().astimezone(UTC)
    with any_db.read() as session:
        applications = {a.id: a for a in session.execute(sa.select(Application)).scalars()}
        members = session.execute(sa.select(ApplicationMember)).scalars().all()
        remarks = session.execute(sa.select(ApplicationRemark)).scalars().all()
        quarantined = session.execute(sa.select(QuarantinedEform)).scalars().all()
        actions = Counter(session.execute(sa.select(AuditRecord.action)).scalars())

    # R3.2: every outcome, mostly ELIGIBLE.
    outcomes = Counter(m.outcome for m in members)
    assert set(outcomes) == set(Outcome.__members__), outcomes
    assert outcomes["ELIGIBLE"] > 0.75 * len(members)
    assert dict(outcomes) == {k: v for k, v in summary.outcomes.items() if v}
    reasons = {r for m in members for r in json.loads(m.outcome_reasons)}
    assert {"NAME_MISMATCH", "DOB_MISMATCH", "NOT_FOUND", "DUPLICATE_APPLICATION"} <= reasons

    # R3.4: approvals, coded rejections, queries with a note; an override has a justification.
    decisions = Counter(m.decision for m in members)
    assert decisions["approve"] and decisions["reject"] and decisions["query"]
    assert summary.decisions == sum(n for d, n in decisions.items() if d is not None)
    for m in members:
        a = applications[m.application_id]
        if m.decision is None:
            assert m.decided_by is None and m.decided_at is None
            continue
        assert m.decided_by in OFFICERS and m.decided_at is not None
        assert a.imported_at < m.decided_at <= now
        if m.decision == "reject":
            assert m.decision_reason in REJECT_REASONS
        else:
            assert m.decision_reason is None
        if m.decision == "query":
            assert m.decision_note
        if m.decision == "approve" and m.outcome != "ELIGIBLE":
            assert m.decided_by == "supervisor.ho" and m.decision_note
        if m.outcome == "DUPLICATE":
            assert (m.decision, m.decision_reason) == ("reject", "DUPLICATE")
        # Decided members were verified when the form came in; the waiting ones this morning.
        final = m.decision in ("approve", "reject")
        assert m.verified_at == (a.imported_at if final else now)

    # Older forms are mostly decided; the newest are mostly not (R4: 14 working days).
    calendar = CalendarService(any_db, clock).working_calendar()
    today = clock.now().astimezone(HONG_KONG).date()
    decided = Counter(m.application_id for m in members if m.decision is not None)
    old = [
        a
        for a in applications.values()
        if calendar.working_days_between(a.received_date, today) >= 10
    ]
    new = [
        a
        for a in applications.values()
        if calendar.working_days_between(a.received_date, today) <= 1
    ]
    assert old and sum(1 for a in old if decided[a.id]) >= 0.7 * len(old)
    assert sum(1 for a in new if decided[a.id]) <= 0.5 * len(new)

    # My work: forms assigned to the verifiers and the supervisor; remarks on assigned forms.
    assigned = Counter(a.assigned_to for a in applications.values())
    assert set(assigned) - {None} <= OFFICERS and len(set(assigned) - {None}) >= 3
    assert summary.assigned == sum(n for who, n in assigned.items() if who is not None)
    assert remarks and summary.remarks == len(remarks)
    for r in remarks:
        a = applications[r.application_id]
        assert a.assigned_to is not None and r.author in OFFICERS and r.text
        assert a.imported_at < r.at <= now

    # R2.3: a quarantine of the four kinds of refused e-forms, reasons as the reader gives them.
    assert summary.quarantined == len(quarantined) >= 4
    expected = {reject_reason(kind, TRUSTED_KEYS_FOLDER) for kind in REJECT_KINDS}
    assert {q.reason for q in quarantined} == expected
    for q in quarantined:
        assert q.content.startswith("{") and q.file_name.endswith(".json")
        assert (q.form_id is None) == ("twice" in q.reason)

    # R13.3: the chain holds, and has what the services would have written.
    result = AuditService(any_db, clock).verify()
    assert result.ok and result.checked == summary.audit_records
    for action in (
        "roster.import",
        "application.import",
        "application.key_in",
        "application.assign",
        "application.remark",
        "member.decide",
        "eform.quarantine",
        "verification.run",
    ):
        assert actions[action], action
    assert actions["member.decide"] == summary.decisions
    assert actions["application.assign"] == summary.assigned
    assert actions["application.remark"] == summary.remarks
    assert actions["roster.import"] == summary.roster_imports == 33

    # Per-form history (audit records of the form and of its members), in the order it happened.
    service = ApplicationService(any_db, clock)
    done = next(
        a
        for a in applications.values()
        if a.status == "DONE" and any(r.application_id == a.id for r in remarks)
    )
    history = service.history(OPERATOR, done.form_id)
    steps = [h.action for h in history]
    assert steps[0] in ("application.import", "application.key_in")
    assert {"application.assign", "application.remark", "member.decide"} <= set(steps)
    assert [h.at for h in history] == sorted(h.at for h in history)
    detail = service.detail(OPERATOR, done.form_id)
    assert detail.remarks and detail.assigned_to in OFFICERS

    # The queue and its counts (R4.3), and the department query list (F4).
    counts = service.counts(OPERATOR)
    assert counts.by_status.get("DONE") and counts.by_status.get("OPEN")
    assert service.count(OPERATOR, QueueFilter(risk=RiskFilter.AT_RISK_OR_OVERDUE)) >= 0
    assert service.page(OPERATOR, QueueFilter(outcome="REVIEW"), 0, 50)
    queried = next(m for m in members if m.decision == "query")
    out = tmp_path / "queries.csv"
    assert DecisionService(any_db, clock).export_queries(OPERATOR, queried.department, out) > 0
    assert "QUERY" in out.read_text(encoding="utf-8-sig")


def test_seed_outcomes_in_realistic_shares(sqlite_db: Database, clock: FixedClock) -> None:
    summary = seed_database(sqlite_db, clock, people=40_000, seed=2)
    share = {k: v / summary.members for k, v in summary.outcomes.items()}
    assert share["ELIGIBLE"] > 0.85
    assert 0.01 < share["REVIEW"] < 0.06  # name slips: a few per cent
    for outcome in ("MISMATCH", "NOT_FOUND", "INELIGIBLE", "DUPLICATE"):
        assert 0 < share[outcome] < 0.06, outcome
    assert 0.5 * summary.applications < summary.assigned < summary.applications
    assert summary.quarantined >= 4
    assert AuditService(sqlite_db, clock).verify().ok


def test_seed_children_of_every_age(sqlite_db: Database, clock: FixedClock) -> None:
    seed_database(sqlite_db, clock, people=6_000, seed=1)
    today = clock.now().astimezone(HONG_KONG).date()
    bands: Counter[tuple[str, str | None]] = Counter()
    with sqlite_db.read() as session:
        rows = session.execute(
            sa.select(RosterPerson.date_of_birth, RosterPerson.child_status).where(
                RosterPerson.relationship == "child"
            )
        ).all()
        inactive = Counter(
            session.execute(
                sa.select(RosterPerson.category).where(RosterPerson.status == "inactive")
            ).scalars()
        )
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
    summary = seed_database(sqlite_db, clock, people=3_000, seed=1)
    with sqlite_db.read() as session:
        received = session.execute(sa.select(Application.received_date)).scalars().all()
        as_of = session.execute(sa.select(RosterImport.as_of_date, RosterImport.is_current)).all()
        moments = [
            at
            for at in session.execute(sa.select(ApplicationMember.decided_at)).scalars()
            if at is not None
        ]
        issued = session.execute(sa.select(Account.issued_on)).scalars().all()
    assert {d for d, current in as_of if current} == {date(2026, 11, 20)}
    assert all(date(2026, 10, 20) <= d < date(2026, 11, 20) for d, current in as_of if not current)
    # Two cohorts: forms of the past month, and an older one received 7 to 11 months ago.
    recent = [d for d in received if d >= date(2026, 10, 20)]
    old = [d for d in received if d < date(2026, 10, 20)]
    assert recent and max(recent) <= date(2026, 11, 20)
    assert old and len(old) == summary.old_applications <= len(recent) * 1.2
    assert min(old) >= date(2025, 12, 20) and max(old) <= date(2026, 4, 20)
    assert moments and max(moments) <= clock.now()
    assert min(moments).astimezone(HONG_KONG).date() >= date(2025, 12, 20)
    assert issued and min(issued) > date(2025, 12, 20) and max(issued) <= date(2026, 11, 20)


def test_r5_seed_issues_activation_details(any_db: Database, clock: FixedClock) -> None:
    summary = seed_database(any_db, clock, people=MEDIUM, seed=4)
    today = clock.now().astimezone(HONG_KONG).date()
    with any_db.read() as session:
        accounts = session.execute(sa.select(Account)).scalars().all()
        rows = session.execute(
            sa.select(
                ApplicationMember.id,
                ApplicationMember.decided_at,
                ApplicationMember.email,
                Application.applicant_email,
                Application.channel,
            )
            .join(Application, Application.id == ApplicationMember.application_id)
            .where(ApplicationMember.decision == "approve")
        ).all()
        records = session.execute(
            sa.select(
                AuditRecord.action,
                AuditRecord.entity_id,
                AuditRecord.before,
                AuditRecord.after,
                AuditRecord.at,
            ).where(AuditRecord.entity_type == "account")
        ).all()
    approved = {r.id: r for r in rows}
    by_status = Counter(a.status for a in accounts)
    assert summary.accounts == len(accounts) > 0
    assert summary.accounts_active == by_status["ACTIVE"] > 0
    assert summary.accounts_suspended == by_status["SUSPENDED"] > 0
    assert by_status["ISSUED"] > 0
    # The older cohort's: expired past the 8-month deadline, reminded before it (R5.3).
    assert summary.accounts_expired == by_status["EXPIRED"] > 0
    reminded = [a for a in accounts if a.reminder_sent_at is not None]
    assert summary.accounts_reminded == len(reminded) > 0
    for a in reminded:
        assert a.delivery == "email" and a.status in ("ISSUED", "EXPIRED")
        reminder_at = a.reminder_sent_at
        assert a.sent_at is not None and reminder_at is not None
        assert a.sent_at < reminder_at <= clock.now()
        reminder_day = reminder_at.astimezone(HONG_KONG).date()
        assert reminder_day == a.activation_deadline - timedelta(days=30)
    for a in accounts:
        if a.status == "EXPIRED":
            assert a.activation_deadline < today and a.activated_at is None
        elif a.status == "ISSUED":
            assert a.activation_deadline >= today
        if a.status == "ISSUED" and a.activation_deadline <= today + timedelta(days=30):
            assert a.reminder_sent_at is not None or a.delivery == "letter" or a.send_error
    expiring = [
        a
        for a in accounts
        if a.status == "ISSUED" and today <= a.activation_deadline <= today + timedelta(days=30)
    ]
    assert expiring and any(a.reminder_sent_at is not None for a in expiring)
    not_sent = [a for a in accounts if a.send_error is not None]
    assert summary.accounts_not_sent == len(not_sent) > 0
    assert all(a.sent_at is None and a.status == "ISSUED" for a in not_sent)
    assert all(
        (a.send_error or "").startswith("the mail server refused the recipient: 55")
        for a in not_sent
    )
    # Approved members without details yet: the Activations "waiting" list (recent ones).
    waiting = set(approved) - {a.member_id for a in accounts}
    recent = {i for i, r in approved.items() if r.decided_at >= clock.now() - timedelta(days=60)}
    assert waiting and waiting <= recent and 0.05 <= len(waiting) / len(recent) <= 0.4
    assert {a.delivery for a in accounts} == {"email", "letter"}
    for a in accounts:
        member = approved[a.member_id]  # only approved members have accounts
        assert is_account_id(a.account_id)
        assert a.activation_deadline == activation_deadline(a.issued_on)
        assert member.decided_at.astimezone(HONG_KONG).date() <= a.issued_on <= today
        has_email = bool(member.email or member.applicant_email)
        assert (a.delivery == "email") == has_email
        if a.delivery == "letter":
            assert member.channel == "in_person" and a.email_to is None
        if a.status == "ACTIVE":
            assert a.code_hash == VOID_HASH and a.activated_at is not None
            assert a.sent_at is not None and a.sent_at <= a.activated_at <= clock.now()
        else:
            assert re.fullmatch(r"hs256\$[0-9a-f]{32}\$[0-9a-f]{64}", a.code_hash)
            assert a.activated_at is None
        if a.status == "SUSPENDED":
            assert a.suspended_reason and a.suspended_by == "supervisor.ho"
            assert a.suspended_at is not None and a.suspended_at <= clock.now()
    # The audit trail: one issue record an account, never a code or a full HKID.
    actions = Counter(r.action for r in records)
    assert actions["account.issue"] == len(accounts)
    assert actions["account.send_failed"] == len(not_sent)
    assert actions["account.sent"] == len(accounts) - len(not_sent)
    assert actions["account.activate"] == by_status["ACTIVE"]
    assert actions["account.suspend"] == by_status["SUSPENDED"]
    assert actions["account.expire"] == by_status["EXPIRED"]
    assert actions["account.reminder"] == len(reminded)
    moments = {
        (r.entity_id, r.action): r.at.astimezone(UTC) if r.at.tzinfo else r.at.replace(tzinfo=UTC)
        for r in records
    }
    for a in accounts:
        if a.status == "EXPIRED":
            expired_at = moments[(a.account_id, "account.expire")]
            assert expired_at.astimezone(HONG_KONG).date() == a.activation_deadline + timedelta(1)
            assert moments[(a.account_id, "account.issue")] < expired_at <= clock.now()
    hkids = {a.hkid for a in accounts}
    for record in records:
        text = f"{record.entity_id} {record.before} {record.after}"
        assert is_account_id(record.entity_id)
        assert not any(h in text for h in hkids)
    assert AuditService(any_db, clock).verify().ok

    # The dashboard and the Activations page have something to show.
    figures = DashboardService(any_db, clock).figures(ADMIN)
    assert figures.activation_rate is not None and 0.3 < figures.activation_rate < 0.9
    assert figures.approved_waiting_activation == len(waiting)
    assert figures.accounts_expiring_30_days == len(expiring) > 0
    pending = ActivationService(any_db, clock).pending(actor_for(Role.SUPERVISOR))
    assert {p.member_id for p in pending} == waiting


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
    rejected = set(demo_files.rejected_eforms)
    paths = sorted(p for p in demo_files.eforms_dir.glob("*.json") if p.name not in rejected)
    assert len(paths) == demo_files.eforms > 0
    assert len(rejected) == 4 and all((demo_files.eforms_dir / n).is_file() for n in rejected)
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
            "schema",
            "form_id",
            "submitted_at",
            "channel",
            "applicant",
            "members",
            "signature",
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
            assert m["hkid"] in roster_hkids or m["relationship"] != "self"  # new dependants
        tampered = {**form, "members": members[:-1] or members * 2}
        assert not verify_eform(tampered, keys)
    assert member_count == demo_files.eform_members


def test_f3_bookings_feed(demo_files: DemoFilesSummary) -> None:
    raw = demo_files.bookings.read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert list(rows[0]) == [
        "booking_ref",
        "hkid",
        "clinic",
        "date",
        "start_time",
        "channel",
        "status",
        "booked_at",
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
            assert {k: v for k, v in original.items() if k not in ("status", "booked_at")} == {
                k: v for k, v in r.items() if k not in ("status", "booked_at")
            }
            # The cancellation's moment: after the booking, before the slot.
            cancelled_at = datetime.fromisoformat(r["booked_at"])
            slot = datetime.fromisoformat(f"{r['date']}T{r['start_time']}+08:00")
            assert datetime.fromisoformat(original["booked_at"]) < cancelled_at < slot
    assert cancelled == demo_files.cancellations > 0
    assert max(seats.values()) <= 2  # R10.3 with F8's two online seats a slot
    assert max(per_day.values()) == 1  # R10.3: one appointment a person a day


def test_demo_files_import_with_a_quarantine_and_every_outcome(
    demo_files: DemoFilesSummary, sqlite_db: Database
) -> None:
    clock = FixedClock(datetime(2025, 1, 27, 10, 0, tzinfo=HONG_KONG))  # the Monday after
    for roster in demo_files.rosters:
        RosterService(sqlite_db, clock).import_roster(OPERATOR, roster.path, roster.source)
    keys = demo_files.public_key.parent
    results = IntakeService(sqlite_db, clock).import_eforms(OPERATOR, [demo_files.eforms_dir], keys)
    by_result = Counter(r.result for r in results)
    assert by_result == {"accepted": demo_files.eforms, "rejected": 4}
    refused = {Path(r.file).name: r.reason for r in results if r.result == "rejected"}
    assert set(refused) == set(demo_files.rejected_eforms)
    assert set(refused.values()) == {reject_reason(kind, str(keys)) for kind in REJECT_KINDS}
    with sqlite_db.read() as session:
        outcomes = Counter(session.execute(sa.select(ApplicationMember.outcome)).scalars())
        kept = session.execute(sa.select(sa.func.count(QuarantinedEform.id))).scalar_one()
    assert kept == 4
    # The rosters give every outcome for the e-forms (R3.2), mostly ELIGIBLE.
    assert set(outcomes) == set(Outcome.__members__), outcomes
    assert outcomes["ELIGIBLE"] > 0.75 * sum(outcomes.values())


# --- appointments, templates, closures (R7, R8, R10) ---------------------------------------------
ROLLOUT_NOW = datetime(2025, 2, 20, 10, 40, tzinfo=HONG_KONG)  # a Thursday: CW, FL and HK live
ACTIVE = ("BOOKED", "ATTENDED", "NO_SHOW")


def _check_appointments(db: Database, now: datetime, seeded: bool = True) -> dict[str, Any]:
    """R10.3 on a database: per slot and pool, active appointments within the pool's seats and
    equal to the counter; one active appointment a person a day; every appointment on a slot of
    the template in force, on a working day; for the seed (``seeded``), attendance recorded on
    every past day. Returns what the caller checks further."""
    today = now.astimezone(HONG_KONG).date()
    with db.read() as session:
        calendar = working_calendar(session)
        clinics = {c.code: c for c in session.execute(sa.select(Clinic)).scalars()}
        appointments = session.execute(sa.select(Appointment)).scalars().all()
        first = min((a.day for a in appointments), default=today)
        last = max((a.day for a in appointments), default=today)
        schedules = {
            code: load_schedule(session, clinic, first, last, calendar)
            for code, clinic in clinics.items()
        }
        counters = {
            (s.clinic_code, s.day, s.start_time, s.pool): (s.capacity, s.taken)
            for s in session.execute(sa.select(SlotSeats)).scalars()
        }
    slots: dict[tuple[str, date], dict[Any, Slot]] = {}

    def slot_of(clinic: str, day: date, start: Any) -> Slot | None:
        if (clinic, day) not in slots:
            slots[(clinic, day)] = {s.start: s for s in schedules[clinic].slots(day)}
        return slots[(clinic, day)].get(start)

    active: Counter[tuple[str, date, Any, str]] = Counter()
    per_person: Counter[tuple[str, date]] = Counter()
    for a in appointments:
        assert calendar.is_working_day(a.day), a.booking_ref  # R4.1, R10.2: no holiday
        slot = slot_of(a.clinic_code, a.day, a.start_time)  # the template in force (R10.1)
        assert slot is not None and slot.session == a.session_name, a.booking_ref
        pool = "online" if a.channel == "online" else "telephone"
        assert slot.seats[SeatPool(pool)] > 0, a.booking_ref
        assert (a.clinic_code, a.day, a.start_time, pool) in counters
        if a.status in ACTIVE:
            active[(a.clinic_code, a.day, a.start_time, pool)] += 1
            per_person[(a.hkid, a.day)] += 1
        # Telephone bookings have a number to call back; the online system gives none.
        assert (a.contact_phone is not None) == (a.channel != "online"), a.booking_ref
        assert a.booked_at < now and a.booked_at < slot.starts_at()
        if a.status == "CANCELLED":
            assert a.cancel_reason and a.status_changed_by and a.status_changed_at
        if a.status == "BOOKED" and seeded:
            assert a.day >= today
    for key, (capacity, taken) in counters.items():
        clinic, day, start, pool = key
        slot = slot_of(clinic, day, start)
        assert slot is not None and capacity == slot.seats[SeatPool(pool)]  # F8, R7.2
        assert taken == active[key] <= capacity, key  # R10.3
    assert not per_person or max(per_person.values()) == 1  # R10.3
    return {"appointments": appointments, "schedules": schedules, "clinics": clinics}


def test_seed_books_the_clinics_under_r8_and_r10(any_db: Database) -> None:
    clock = FixedClock(ROLLOUT_NOW)
    summary = seed_demo_database(any_db, clock, people=MEDIUM, seed=2)
    found = _check_appointments(any_db, ROLLOUT_NOW)
    appointments = found["appointments"]
    clinics = found["clinics"]
    assert summary.appointments == len(appointments) > 10_000
    states = Counter(a.status for a in appointments)
    assert summary.appointments_cancelled == states["CANCELLED"]
    assert summary.appointments_booked == states["BOOKED"] > 0
    assert 0.06 < states["NO_SHOW"] / (states["NO_SHOW"] + states["ATTENDED"]) < 0.10
    assert 0.03 < states["CANCELLED"] / len(appointments) < 0.07
    assert len({a.booking_ref for a in appointments}) == len(appointments)

    # R7.1: go-live dates in Q1 2025, audited; Sai Kung still undecided.
    assert {c: clinics[c].go_live_date for c in clinics} == {
        "CW": date(2025, 1, 20),
        "FL": date(2025, 1, 20),
        "HK": date(2025, 2, 17),
        "KLN": date(2025, 3, 3),
        "NT": date(2025, 3, 17),
        "SK": None,
    }
    with any_db.read() as session:
        audited: dict[str, str | None] = {
            r.entity_id: r.after
            for r in session.execute(
                sa.select(AuditRecord.entity_id, AuditRecord.after).where(
                    AuditRecord.action == "clinic.go_live"
                )
            )
        }
        actions: Counter[str] = Counter(
            {
                r.action: r.n
                for r in session.execute(
                    sa.select(AuditRecord.action, sa.func.count().label("n")).group_by(
                        AuditRecord.action
                    )
                )
            }
        )
    assert {k: json.loads(v or "{}")["go_live_date"] for k, v in audited.items()} == {
        "HK": "2025-02-17",
        "KLN": "2025-03-03",
        "NT": "2025-03-17",
    }

    # R7.2: channels by go-live at the moment of booking; about 60% online once live.
    mix: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    for a in appointments:
        booked_on = a.booked_at.astimezone(HONG_KONG).date()
        go_live = clinics[a.clinic_code].go_live_date
        assert Channel(a.channel) in channels_serving(go_live, booked_on), a.booking_ref
        if a.status in ACTIVE:
            mix[go_live is not None and a.day >= go_live][a.channel] += 1
    assert 0.5 < mix[True]["online"] / sum(mix[True].values()) < 0.65
    assert mix[False]["online"] == 0 and mix[False]["atbs"] > 0 and mix[True]["atbs"] == 0

    # R10.1: two templates besides the standard one, HK's bigger from 2025-03-03, SK's later.
    services = Services(any_db, clock=clock)
    hk = services.capacity.templates("HK")
    assert [t.valid_from for t in hk] == [date(2024, 1, 1), date(2025, 3, 3)]
    assert {(s.capacity, s.online) for s in hk[1].template.sessions} == {(6, 3)}
    sk = services.capacity.templates("SK")
    assert len(sk) == 2 and sk[1].valid_from > ROLLOUT_NOW.date()
    assert sk[1].template.session("EVE") is not None
    assert actions["capacity.template"] == summary.templates_loaded == 2

    # Utilisation: 60-95% of the capacity of past operating days.
    start = ROLLOUT_NOW.date() - timedelta(days=60)
    for code in clinics:
        days = [
            d
            for d in services.capacity.utilisation(code, start, ROLLOUT_NOW.date() - timedelta(1))
            if d.operating
        ]
        used = sum(d.booked_total for d in days) / sum(d.capacity for d in days)
        assert 0.6 < used < 0.95, code

    # R10.2: a typhoon day and a staff-training session, with booked people to phone.
    closures = services.capacity.closures()
    assert summary.closures == len(closures) == 2 == actions["capacity.close"]
    typhoon, training = sorted(closures, key=lambda c: c.session_name is not None)
    assert typhoon.session_name is None and "No. 8" in typhoon.reason
    assert training.session_name == "PM" and "training" in training.reason
    assert typhoon.clinic_code != training.clinic_code
    assert summary.closure_affected == typhoon.affected + training.affected
    for closure in closures:
        assert closure.day > ROLLOUT_NOW.date() and closure.affected > 0
        calls = services.capacity.call_list(ADMIN, closure.id)
        assert len(calls) == closure.affected
        assert any(c.contact_phone for c in calls)
        assert all(c.contact_phone for c in calls if c.channel != "online")

    # The audit records the services write; every telephone booking has its own.
    telephone = [a for a in appointments if a.channel != "online"]
    assert actions["appointment.book"] == len(telephone)
    assert actions["appointment.cancel"] == sum(a.status == "CANCELLED" for a in telephone)
    assert actions["appointment.attendance"] == states["ATTENDED"] + states["NO_SHOW"]
    assert actions["appointments.import"] > 0


def test_seed_appointments_only_for_eligible_people(sqlite_db: Database) -> None:
    seed_database(sqlite_db, FixedClock(ROLLOUT_NOW), people=SMALL, seed=4)
    _check_appointments(sqlite_db, ROLLOUT_NOW)
    with sqlite_db.read() as session:
        appointments = session.execute(sa.select(Appointment)).scalars().all()
        assert appointments
        for a in appointments[:: max(1, len(appointments) // 300)]:
            entries = roster_entries(session, a.hkid, a.day)
            assert any(not e.reasons for e in entries), a.booking_ref  # R1 on the day
            assert a.name_en in {e.name_en for e in entries}
    # A small roster does not book every person every day (PERSON_DAY_SHARE).
    per_day = Counter(a.day for a in appointments)
    assert max(per_day.values()) < 0.4 * SMALL


def test_demo_feed_imports_under_r10(demo_files: DemoFilesSummary, sqlite_db: Database) -> None:
    """F3: the demo files' feed fits the standard template and the online seats, one booking a
    person a day, live clinics only, and imports whole once the rosters are in."""
    clock = FixedClock(datetime(2025, 1, 27, 10, 0, tzinfo=HONG_KONG))
    for roster in demo_files.rosters:
        RosterService(sqlite_db, clock).import_roster(OPERATOR, roster.path, roster.source)
    appointments = AppointmentService(sqlite_db, clock)
    result = appointments.import_feed(OPERATOR, demo_files.bookings)
    assert result.booked == demo_files.booking_rows - demo_files.cancellations > 0
    assert result.cancelled == demo_files.cancellations > 0
    found = _check_appointments(sqlite_db, clock.now(), seeded=False)
    assert {a.clinic_code for a in found["appointments"]} == {"CW", "FL"}
    for a in found["appointments"]:
        assert a.day >= date(2025, 1, 20) and a.name_en  # live (R7.1), on the roster
    again = appointments.import_feed(OPERATOR, demo_files.bookings)
    assert (again.booked, again.cancelled) == (0, 0)
    assert again.unchanged == demo_files.booking_rows
