"""Filling an upgraded database with the demo: rosters, staff, calendar, applications, audit.

One transaction (one unit of work): a failure or a cancel leaves the database as it was. Rows go in
with SQLAlchemy Core ``insert`` in batches while the families are generated, so memory stays flat
however many people are asked for. Every timestamp is the one moment ``clock.now()`` read at the
start, so the same seed and the same clock give identical database contents.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from fc_admin.db import Database
from fc_admin.demo.auditlog import BulkAuditWriter
from fc_admin.demo.forms import FormDraft, FormMaker, eform_key_id
from fc_admin.demo.people import Family, FamilyGenerator
from fc_admin.demo.sources import SOURCES
from fc_admin.domain.calendar import WorkingCalendar, general_holidays
from fc_admin.domain.deadlines import notification_deadline
from fc_admin.domain.hktime import HONG_KONG, hk_date
from fc_admin.domain.roles import Role
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import (
    Application,
    ApplicationMember,
    Clinic,
    NonWorkingDay,
    RosterImport,
    RosterPerson,
    RosterSource,
    StaffUser,
)
from fc_admin.services.clock import Clock
from fc_admin.services.errors import Conflict
from fc_admin.tasks import NO_CONTROL, TaskControl

__all__ = [
    "DEMO_ADMIN_USERNAME",
    "DEMO_PASSWORD",
    "DEMO_SEED_ACTOR",
    "DEMO_STAFF",
    "SeedResult",
    "seed",
]

DEMO_ADMIN_USERNAME = "demo"
# Every demo user has this password: Argon2 takes ~50 ms a hash, so it is hashed once.
DEMO_PASSWORD = "demo-admin-2025"
DEMO_SEED_ACTOR = "system:demo-seed"
APPLICATION_SHARE = 0.03  # of families
IN_PERSON_SHARE = 0.25  # of applications
# Applications were received over the past weeks, more of them recently (the older ones would
# have been dealt with): a few are overdue, some at risk, most on track (R4.3).
RECEIVED_OVER_DAYS = 24
ROSTER_BATCH = 10_000
APPLICATION_BATCH = 1_000


@dataclass(frozen=True)
class DemoStaff:
    username: str
    role: Role
    display_name: str
    clinic_code: str | None = None


# Staff for every role (R13.2); clinic users for the two clinics live first (R7.1).
DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("clerk.chan", Role.CLERK, "CHAN Siu Ming"),
    DemoStaff("clerk.lee", Role.CLERK, "LEE Wing Yan"),
    DemoStaff("verifier.wong", Role.VERIFIER, "WONG Ka Ho"),
    DemoStaff("verifier.cheung", Role.VERIFIER, "CHEUNG Mei Ling"),
    DemoStaff("verifier.lam", Role.VERIFIER, "LAM Chi Keung"),
    DemoStaff("supervisor.ho", Role.SUPERVISOR, "HO Kwok Wah"),
    DemoStaff("clinic.cw", Role.CLINIC, "Chai Wan counter", "CW"),
    DemoStaff("clinic.fl", Role.CLINIC, "Fanling counter", "FL"),
    DemoStaff("admin.tsang", Role.ADMIN, "TSANG Chi Keung"),
)
_DEMO_ADMIN = DemoStaff(DEMO_ADMIN_USERNAME, Role.ADMIN, "Demo administrator")
_SEED_ADMIN_USERNAME = "admin.tsang"

# Administrator-added non-working days (R4.1): days offset from today, and their names.
_ADDED_DAYS: tuple[tuple[int, str, str], ...] = (
    (-12, "Government offices closed: extreme conditions", "極端情況：政府辦公室關閉"),
    (23, "Additional general holiday (gazetted)", "額外公眾假期（憲報公布）"),
    (47, "Government offices closed: black rainstorm", "黑色暴雨警告：政府辦公室關閉"),
)

_TABLE: dict[str, sa.Table] = {
    model.__tablename__: model.__table__  # type: ignore[misc]
    for model in (
        Application, ApplicationMember, NonWorkingDay, RosterImport, RosterPerson, RosterSource,
        StaffUser,
    )
}


@dataclass(frozen=True)
class SeedResult:
    people: int
    families: int
    applications: int
    members: int
    users: int
    audit_records: int
    admin_username: str


class _Seeder:
    def __init__(
        self,
        session: Session,
        now: datetime,
        seed: int,
        actor: str,
        control: TaskControl,
    ) -> None:
        self.session = session
        self.now = now
        self.today = hk_date(now)
        self.seed = seed
        self.actor = actor
        self.control = control
        self.audit = BulkAuditWriter(session, now, actor)
        self.rng = random.Random(f"fc-admin-demo:{seed}:seed-db")
        self.users_created = 0

    # -- preconditions -------------------------------------------------------------------------
    def check_empty(self) -> None:
        for model in (RosterImport, Application):
            if self.session.execute(sa.select(model.id).limit(1)).first() is not None:
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "the database already holds rosters or applications; demo data goes "
                        "into an empty database",
                    )
                )

    # -- reference data ------------------------------------------------------------------------
    def sources(self) -> None:
        known = set(self.session.execute(sa.select(RosterSource.code)).scalars())
        for source in SOURCES:
            if source.code in known:
                continue
            self.session.execute(sa.insert(_TABLE["roster_source"]), [{
                "code": source.code, "name_en": source.name_en, "name_zh": source.name_zh,
                "is_pensions": source.is_pensions,
            }])
            self.audit.add("roster_source.add", "roster_source", source.code,
                           after={"name_en": source.name_en, "name_zh": source.name_zh,
                                  "is_pensions": source.is_pensions})

    def staff(self, ensure_demo_admin: bool) -> str:
        wanted = list(DEMO_STAFF) + ([_DEMO_ADMIN] if ensure_demo_admin else [])
        existing = {
            u.username: u
            for u in self.session.execute(
                sa.select(StaffUser).where(StaffUser.username.in_([s.username for s in wanted]))
            ).scalars()
        }
        # The salt comes from the seed, so that the same seed gives the same database byte for
        # byte; it protects nothing here, the demo password being published.
        salt = hashlib.sha256(f"fc-admin demo password salt {self.seed}".encode()).digest()[:16]
        password_hash = PasswordHasher().hash(DEMO_PASSWORD, salt=salt)
        clinics = set(self.session.execute(sa.select(Clinic.code)).scalars())
        for staff in wanted:
            clinic = staff.clinic_code if staff.clinic_code in clinics else None
            if staff.role is Role.CLINIC and clinic is None:
                continue  # the clinic is not in this database
            user = existing.get(staff.username)
            if user is None:
                self.session.execute(sa.insert(_TABLE["staff_user"]), [{
                    "username": staff.username, "display_name": staff.display_name,
                    "role": staff.role.value, "clinic_code": clinic,
                    "password_hash": password_hash, "active": True, "locked_until": None,
                    "created_at": self.now, "version": 1,
                }])
                self.audit.add("user.add", "staff_user", staff.username, after={
                    "role": staff.role.value, "clinic": clinic,
                    "display_name": staff.display_name,
                })
                self.users_created += 1
            elif staff.username == DEMO_ADMIN_USERNAME:
                # The GUI's --demo signs in as this user: make sure it can.
                before = {"role": user.role, "clinic": user.clinic_code, "active": user.active}
                user.role = Role.ADMIN.value
                user.clinic_code = None
                user.active = True
                user.locked_until = None
                user.password_hash = password_hash
                self.session.flush()
                self.audit.add("user.update", "staff_user", staff.username, before=before,
                               after={"role": user.role, "clinic": None, "active": True})
        return DEMO_ADMIN_USERNAME if ensure_demo_admin else _SEED_ADMIN_USERNAME

    def non_working_days(self) -> WorkingCalendar:
        existing = {
            d.day: (d.name_en, d.name_zh)
            for d in self.session.execute(sa.select(NonWorkingDay)).scalars()
        }
        for offset, name_en, name_zh in _ADDED_DAYS:
            day = self.today + timedelta(days=offset)
            # The next weekday that is neither a general holiday nor already added.
            while (
                day.weekday() >= 5
                or day in existing
                or any(h.date == day for h in general_holidays(day.year))
            ):
                day += timedelta(days=1)
            self.session.execute(sa.insert(_TABLE["non_working_day"]), [{
                "day": day, "name_en": name_en, "name_zh": name_zh, "created_by": self.actor,
                "created_at": self.now,
            }])
            existing[day] = (name_en, name_zh)
            self.audit.add("calendar.add_non_working_day", "non_working_day", day.isoformat(),
                           after={"name_en": name_en, "name_zh": name_zh})
        return WorkingCalendar(existing)

    def roster_imports(self) -> dict[str, RosterImport]:
        imports: dict[str, RosterImport] = {}
        for source in SOURCES:
            row = RosterImport(
                source_code=source.code, file_name=f"{source.code}.csv", as_of_date=self.today,
                imported_at=self.now, imported_by=self.actor, row_count=0, counts_json="{}",
                is_current=True,
            )
            self.session.add(row)
            self.session.flush()
            imports[source.code] = row
        return imports

    # -- applications --------------------------------------------------------------------------
    def _submitted_at(self, channel: str) -> datetime:
        """A moment in the past weeks: e-forms at any hour, paper forms in office hours."""
        rng = self.rng
        for _ in range(100):
            day = self.today - timedelta(days=int(rng.random() ** 1.5 * RECEIVED_OVER_DAYS))
            if channel == "in_person":
                if day.weekday() >= 5:
                    continue
                minute = 9 * 60 + int(rng.random() * 8 * 60)
            else:
                minute = 7 * 60 + int(rng.random() * 17 * 60)  # 07:00-23:59
            moment = datetime.combine(
                day, time(minute // 60, minute % 60), tzinfo=HONG_KONG
            ).astimezone(UTC)
            if moment <= self.now:
                return moment
        return self.now

    def application_rows(
        self, form: FormDraft, number: int, deadline_of: Callable[[date], date]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        rng = self.rng
        submitted = self._submitted_at(form.channel)
        received = hk_date(submitted)
        if form.channel == "in_person":
            form_id = f"IP{received:%Y%m%d}-{number:06d}"
            clinic: str | None = ("CW", "HK", "KLN", "NT", "FL", "SK")[int(rng.random() * 6)]
            clerks = [s.username for s in DEMO_STAFF if s.role is Role.CLERK]
            keyed_by: str | None = clerks[int(rng.random() * len(clerks))]
            key_id = None
            imported = submitted
        else:
            form_id = f"EF{received:%Y%m%d}-{number:06d}"
            clinic = keyed_by = None
            key_id = eform_key_id(self.seed)
            imported = min(submitted + timedelta(minutes=5 + int(rng.random() * 600)), self.now)
        application = {
            "form_id": form_id, "channel": form.channel, "submitted_at": submitted,
            "received_date": received, "notification_deadline": deadline_of(received),
            "applicant_hkid": form.applicant_hkid, "applicant_email": form.applicant_email,
            "applicant_mobile": form.applicant_mobile, "clinic_code": clinic,
            "keyed_by": keyed_by, "signature_key_id": key_id, "status": "OPEN",
            "assigned_to": None, "imported_at": imported, "version": 1,
        }
        members = [
            {
                "position": position, "hkid": m.hkid, "name_en": m.name_en, "name_zh": m.name_zh,
                "date_of_birth": m.date_of_birth, "category": m.category,
                "relationship": m.relationship, "principal_hkid": m.principal_hkid,
                "department": m.department, "staff_no": m.staff_no, "email": m.email,
                "child_status": m.child_status, "outcome": None, "outcome_reasons": "[]",
                "name_similarity": None, "verified_at": None, "decision": None,
                "decision_reason": None, "decision_note": None, "decided_by": None,
                "decided_at": None, "version": 1,
            }
            for position, m in enumerate(form.members, start=1)
        ]
        return application, members

    def flush_applications(
        self, applications: list[dict[str, Any]], members: list[list[dict[str, Any]]]
    ) -> int:
        if not applications:
            return 0
        table = _TABLE["application"]
        ids = self.session.execute(
            sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), applications
        ).scalars().all()
        rows = []
        for app_id, app_members in zip(ids, members, strict=True):
            for member in app_members:
                member["application_id"] = app_id
                rows.append(member)
        self.session.execute(sa.insert(_TABLE["application_member"]), rows)
        return len(rows)

    def audit_applications(self, after_id: int) -> None:
        """One audit record per application, read back in pages (memory stays flat)."""
        last = after_id
        while True:
            page = self.session.execute(
                sa.select(
                    Application.id, Application.form_id, Application.channel,
                    Application.received_date, Application.notification_deadline,
                    Application.clinic_code, Application.keyed_by,
                    sa.select(sa.func.count(ApplicationMember.id))
                    .where(ApplicationMember.application_id == Application.id)
                    .scalar_subquery(),
                )
                .where(Application.id > last)
                .order_by(Application.id)
                .limit(APPLICATION_BATCH)
            ).all()
            if not page:
                return
            for app_id, form_id, channel, received, deadline, clinic, keyed_by, count in page:
                after: dict[str, Any] = {
                    "channel": channel, "received": received, "deadline": deadline,
                    "members": count,
                }
                if channel == "in_person":
                    after.update(clinic=clinic, keyed_by=keyed_by)
                action = "application.key_in" if channel == "in_person" else "application.import"
                self.audit.add(action, "application", form_id, after=after)
                last = app_id


def seed(
    db: Database,
    clock: Clock,
    people: int,
    seed_value: int,
    control: TaskControl | None = None,
    *,
    ensure_demo_admin: bool = False,
    actor: str = DEMO_SEED_ACTOR,
) -> SeedResult:
    """Fill the (upgraded, empty) database ``db``; see the module documentation."""
    if people < 0:
        raise ValueError(f"people must not be negative, not {people}")
    control = control or NO_CONTROL
    now = clock.now()
    if now.tzinfo is None:
        raise ValueError("the clock must give aware datetimes")
    control.progress(0, people, "people")
    with db.write() as session:
        seeder = _Seeder(session, now, seed_value, actor, control)
        seeder.check_empty()
        seeder.audit.add("demo.seed_started", "database", "demo",
                         after={"people": people, "seed": seed_value})
        seeder.sources()
        admin_username = seeder.staff(ensure_demo_admin)
        calendar = seeder.non_working_days()
        imports = seeder.roster_imports()
        import_ids = {code: row.id for code, row in imports.items()}
        last_application_id = session.execute(
            sa.select(sa.func.coalesce(sa.func.max(Application.id), 0))
        ).scalar_one()

        deadlines: dict[date, date] = {}

        def deadline_of(received: date) -> date:
            if received not in deadlines:
                deadlines[received] = notification_deadline(received, calendar)
            return deadlines[received]

        counts: dict[str, dict[str, int]] = {s.code: {} for s in SOURCES}
        roster_rows: list[dict[str, Any]] = []
        applications: list[dict[str, Any]] = []
        members: list[list[dict[str, Any]]] = []
        maker = FormMaker(seed_value, seeder.today, APPLICATION_SHARE, IN_PERSON_SHARE)
        roster_table = _TABLE["roster_person"]
        done = families = application_count = member_count = 0
        family: Family
        for family in FamilyGenerator(seed_value, seeder.today).families(people):
            families += 1
            import_id = import_ids[family.source]
            source_counts = counts[family.source]
            for p in family.members:
                roster_rows.append({
                    "import_id": import_id, "source_code": p.source, "staff_no": p.staff_no,
                    "hkid": p.hkid, "name_en": p.name.en, "name_zh": p.name.zh,
                    "date_of_birth": p.date_of_birth, "category": p.category,
                    "relationship": p.relationship, "principal_hkid": p.principal_hkid,
                    "child_status": p.child_status, "status": p.status,
                    "status_date": p.status_date,
                })
                source_counts[p.category] = source_counts.get(p.category, 0) + 1
            form = maker.form_for(family)
            if form is not None:
                application_count += 1
                app_row, member_rows = seeder.application_rows(
                    form, application_count, deadline_of
                )
                applications.append(app_row)
                members.append(member_rows)
                if len(applications) >= APPLICATION_BATCH:
                    member_count += seeder.flush_applications(applications, members)
                    applications, members = [], []
            if len(roster_rows) >= ROSTER_BATCH:
                session.execute(sa.insert(roster_table), roster_rows)
                done += len(roster_rows)
                roster_rows = []
                control.progress(done, people, "people")
        if roster_rows:
            session.execute(sa.insert(roster_table), roster_rows)
            done += len(roster_rows)
        member_count += seeder.flush_applications(applications, members)
        control.progress(done, people, "people")

        for source in SOURCES:
            source_counts = dict(sorted(counts[source.code].items()))
            rows = sum(source_counts.values())
            imports[source.code].row_count = rows
            imports[source.code].counts_json = json.dumps(source_counts, sort_keys=True)
            seeder.audit.add("roster.import", "roster_import", import_ids[source.code], after={
                "source": source.code, "file": f"{source.code}.csv", "as_of": seeder.today,
                "rows": rows, "counts": source_counts,
            })
        control.check()
        seeder.audit_applications(last_application_id)
        summary = {
            "people": done, "families": families, "applications": application_count,
            "members": member_count, "users": seeder.users_created,
        }
        seeder.audit.add("demo.seed_finished", "database", "demo", after=summary)
        seeder.audit.flush()
        control.check()
    return SeedResult(
        people=done,
        families=families,
        applications=application_count,
        members=member_count,
        users=seeder.users_created,
        audit_records=seeder.audit.written,
        admin_username=admin_username,
    )
