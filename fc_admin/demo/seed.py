"""Filling an upgraded database with the demo: rosters with their history, staff, calendar,
applications verified and worked on, quarantined e-forms, and the audit trail of all of it.

One transaction (one unit of work): a failure or a cancel leaves the database as it was. Rows go in
with SQLAlchemy Core ``insert`` in batches while the families are generated, so memory stays flat
however many people are asked for. Everything is derived from the seed and ``clock.now()`` (read
once at the start), so the same seed and the same clock give identical database contents.

What the seed leaves, as if the office had been at work for some weeks:

- every source's roster imported three times (four and two weeks ago, and now); the older imports
  are history (their rows replaced, R3.1), the newest is in force;
- applications of about 3% of the families received over the past weeks, a quarter of them paper
  forms keyed in at the clinics (R2.2), each verified (R3.2, :func:`verify_members`, set-based):
  mostly ``ELIGIBLE``, and ``REVIEW``, ``MISMATCH``, ``NOT_FOUND``, ``INELIGIBLE`` and
  ``DUPLICATE`` in realistic shares (:mod:`fc_admin.demo.forms`);
- an older cohort: applications of about 2.5% of the other families received 7 to 11 months ago,
  long since settled (:meth:`WorkPlanner.settle`): assigned, every member approved or rejected,
  ``DONE``, and their activation details issued a few days after the approval: mostly
  activated, some expired at the 8-month deadline, some reminded and expiring soon (R5.3);
- the officers' work (:mod:`fc_admin.demo.work`): older forms mostly decided, forms assigned to
  the verifiers and the supervisor, remarks, queries for the departments (F4);
- a handful of refused e-forms in quarantine (:mod:`fc_admin.demo.rejects`);
- the rollout (R7.1): go-live dates in Q1 2025 for HK, KLN and NT beside CW and FL's (Sai Kung
  still undecided), and two session templates beside migration 0005's standard week (R10.1):
  Hong Kong's 6 seats a slot from 2025-03-03, Sai Kung's evening session from a Monday ahead;
- twelve weeks of appointments at the six clinics and the ones booked so far in the open windows
  (:mod:`fc_admin.demo.appointments`, R8, R10), with their seat counters, written in bulk a few
  days at a time; and two closures made now (R10.2), a typhoon day and a staff-training
  afternoon, on booked sessions so that their call lists have people to phone;
- the audit records the services would have written for each of these, with the moment and the
  user of each act: ``roster.import``, ``application.import`` / ``application.key_in``,
  ``application.assign``, ``application.remark``, ``member.decide``, ``account.issue`` and what
  followed (``account.sent``, ``account.activate``, ``account.reminder``, ``account.expire``...),
  ``eform.quarantine``, ``clinic.go_live``, ``capacity.template``, ``appointment.book``,
  ``appointment.cancel``, ``appointment.attendance``, ``appointments.import`` (the online feed),
  ``capacity.close``, and a ``verification.run`` of the members still waiting, now. The records
  of one form (one appointment) are written together, in the order they happened, so its history
  reads right; the log as a whole is in the order the seed wrote it.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from fc_admin.db import Database
from fc_admin.demo.accounts import (
    ISSUER,
    SCHEDULER,
    SUSPENDER,
    AccountPlan,
    AccountPlanner,
    MemberToIssue,
)
from fc_admin.demo.appointments import (
    FEED_ACTOR,
    FUTURE_REACH,
    HISTORY_DAYS,
    BookerPool,
    ClinicPlan,
    DayPlan,
    FeedImports,
    plan_days,
)
from fc_admin.demo.files import demo_signing_key
from fc_admin.demo.forms import FormDraft, FormMaker, eform_key_id
from fc_admin.demo.people import Family, FamilyGenerator
from fc_admin.demo.rejects import RejectMaker, reject_reason
from fc_admin.demo.sources import SOURCES
from fc_admin.demo.work import ASSIGNER, FormFacts, FormWork, MemberFacts, WorkPlanner
from fc_admin.domain.booking_window import Channel
from fc_admin.domain.calendar import WorkingCalendar, general_holidays
from fc_admin.domain.deadlines import notification_deadline
from fc_admin.domain.eligibility import Outcome
from fc_admin.domain.hkid import mask_hkid
from fc_admin.domain.hktime import HONG_KONG, hk_date
from fc_admin.domain.roles import Role
from fc_admin.domain.schedule import ClinicSchedule
from fc_admin.domain.session_templates import (
    DAY_NAMES,
    SessionSpec,
    WeeklyTemplate,
    template_problems,
)
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import (
    Account,
    Application,
    ApplicationMember,
    ApplicationRemark,
    Appointment,
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
from fc_admin.services.audit_bulk import BulkAuditWriter
from fc_admin.services.clock import Clock, FixedClock
from fc_admin.services.errors import Conflict
from fc_admin.services.schedules import load_templates
from fc_admin.services.verification import verify_members
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
# The older cohort: families (with no recent form) that applied 7 to 11 months ago.
OLD_APPLICATION_SHARE = 0.025
OLD_RECEIVED_MONTHS = (11, 7)  # received between this many months before today
SETTLED_BEFORE_DAYS = 90  # forms received earlier than this are of the older cohort
ROSTER_BATCH = 10_000
APPLICATION_BATCH = 1_000
ACCOUNT_BATCH = 5_000  # approved members per page
SYSTEM_ONLINE = "system:online"  # the online booking system, as ActivationService audits it
VERIFY_CHUNK = 10_000  # members per verify_members call
# Each source's roster was also imported this many days ago (history, replaced since), with
# this many rows fewer than now (departments grow a little).
ROSTER_HISTORY: tuple[tuple[int, float], ...] = ((28, 0.012), (14, 0.005))
# Where the trusted e-form keys were looked for, as the quarantine reasons name it.
TRUSTED_KEYS_FOLDER = r"D:\fc-admin\trusted-keys"
OLD_UNLISTED_OFFSET = 2_000_000  # the older cohort's people on no roster (see FormMaker)


@dataclass(frozen=True)
class DemoStaff:
    username: str
    role: Role
    display_name: str
    clinic_code: str | None = None


# Staff for every role (R13.2); a counter user for each clinic (R6), the telephone bookings and
# attendance of its own clinic only.
DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("clerk.chan", Role.CLERK, "CHAN Siu Ming"),
    DemoStaff("clerk.lee", Role.CLERK, "LEE Wing Yan"),
    DemoStaff("verifier.wong", Role.VERIFIER, "WONG Ka Ho"),
    DemoStaff("verifier.cheung", Role.VERIFIER, "CHEUNG Mei Ling"),
    DemoStaff("verifier.lam", Role.VERIFIER, "LAM Chi Keung"),
    DemoStaff("supervisor.ho", Role.SUPERVISOR, "HO Kwok Wah"),
    DemoStaff("clinic.cw", Role.CLINIC, "Chai Wan counter", "CW"),
    DemoStaff("clinic.hk", Role.CLINIC, "Hong Kong counter", "HK"),
    DemoStaff("clinic.kln", Role.CLINIC, "Kowloon counter", "KLN"),
    DemoStaff("clinic.nt", Role.CLINIC, "New Territories counter", "NT"),
    DemoStaff("clinic.fl", Role.CLINIC, "Fanling counter", "FL"),
    DemoStaff("clinic.sk", Role.CLINIC, "Sai Kung counter", "SK"),
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

# R7.1: CW and FL go live on 2025-01-20 (the migration's defaults); the administrator planned the
# others within Q1 2025, Sai Kung still undecided (it books by telephone and ATBS, R7.2).
_GO_LIVE: tuple[tuple[str, date], ...] = (
    ("HK", date(2025, 2, 17)),
    ("KLN", date(2025, 3, 3)),
    ("NT", date(2025, 3, 17)),
)
_GO_LIVE_SET_AT = datetime(2025, 1, 6, 11, 20, tzinfo=HONG_KONG)  # or now, if earlier
_STANDARD = (("AM", time(9), time(13)), ("PM", time(14), time(17)))
_WEEKDAYS = (0, 1, 2, 3, 4)
# R10.1: Hong Kong Families Clinic takes 6 a slot (3 online) from 2025-03-03; days before keep
# the standard 4 (2 online).
_HK_BIGGER_FROM = date(2025, 3, 3)
_HK_BIGGER_LOADED_AT = datetime(2025, 2, 10, 10, 30, tzinfo=HONG_KONG)  # or now, if earlier
_HK_BIGGER = WeeklyTemplate(
    tuple(SessionSpec(name, _WEEKDAYS, start, end, 15, 6, 3) for name, start, end in _STANDARD)
)
# R10.1: Sai Kung adds a Tuesday and Thursday evening session for shift workers, from a Monday a
# few weeks ahead (a template from a later date: the days before it keep the standard week).
# Not a Saturday session: Saturdays are not working days (R4.1), and only working days operate.
_SK_EVENING_AFTER_DAYS = 14
_SK_EVENING = WeeklyTemplate(
    (
        *(SessionSpec(name, _WEEKDAYS, start, end, 15, 4, 2) for name, start, end in _STANDARD),
        SessionSpec("EVE", (1, 3), time(17, 30), time(19, 30), 30, 2, 1),
    )
)
_TYPHOON = "Tropical cyclone warning signal No. 8 (八號烈風或暴風信號)"
_TRAINING = "Staff training (員工培訓)"
APPOINTMENT_BATCH = 5_000

_TABLE: dict[str, sa.Table] = {
    model.__tablename__: model.__table__  # type: ignore[misc]
    for model in (
        Account,
        Application,
        ApplicationMember,
        ApplicationRemark,
        Appointment,
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
}
_CLERKS = tuple(s.username for s in DEMO_STAFF if s.role is Role.CLERK)
_CLINICS = ("CW", "HK", "KLN", "NT", "FL", "SK")  # R6


@dataclass(frozen=True)
class SeedResult:
    people: int
    families: int
    applications: int
    members: int
    users: int
    audit_records: int
    admin_username: str
    outcomes: dict[str, int] = field(default_factory=dict)  # members per outcome (R3.2)
    decisions: int = 0  # members decided: approved, rejected or queried (R3.4)
    assigned: int = 0  # forms assigned to an officer
    remarks: int = 0
    quarantined: int = 0  # refused e-forms (R2.3)
    roster_imports: int = 0  # current and earlier
    accounts: int = 0  # activation details issued (R5)
    accounts_active: int = 0
    accounts_expired: int = 0
    accounts_suspended: int = 0
    accounts_not_sent: int = 0  # refused by the mail server, send_error set
    accounts_reminded: int = 0  # reminder emailed before the deadline
    old_applications: int = 0  # of the older cohort
    templates_loaded: int = 0  # session templates beside the standard one (R10.1)
    appointments: int = 0  # every state (R10.4)
    appointments_booked: int = 0  # today's and the next days' (R8)
    appointments_attended: int = 0
    appointments_no_show: int = 0
    appointments_cancelled: int = 0
    closures: int = 0  # R10.2
    closure_affected: int = 0  # booked appointments on the closed days and sessions


def _months_before(day: date, months: int) -> date:
    """``months`` calendar months before ``day``, clamped to the end of a shorter month."""
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month_index + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


@dataclass
class _Quarantined:
    file_name: str
    form_id: str | None
    reason: str
    content: str
    received_at: datetime
    clerk: str


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
        # The older cohort draws from its own generator, so the recent forms are the same with it.
        self.old_rng = random.Random(f"fc-admin-demo:{seed}:seed-db-old")
        self.users_created = 0
        self.calendar = WorkingCalendar()  # until non_working_days() gives the one in force
        self.form_number = 0
        self.paper_numbers: dict[str, int] = {}
        self.quarantined: list[_Quarantined] = []
        self.settled_before = self.today - timedelta(days=SETTLED_BEFORE_DAYS)
        self.old_window = (
            _months_before(self.today, OLD_RECEIVED_MONTHS[0]),
            _months_before(self.today, OLD_RECEIVED_MONTHS[1]),
        )

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
            self.session.execute(
                sa.insert(_TABLE["roster_source"]),
                [
                    {
                        "code": source.code,
                        "name_en": source.name_en,
                        "name_zh": source.name_zh,
                        "is_pensions": source.is_pensions,
                    }
                ],
            )
            self.audit.add(
                "roster_source.add",
                "roster_source",
                source.code,
                after={
                    "name_en": source.name_en,
                    "name_zh": source.name_zh,
                    "is_pensions": source.is_pensions,
                },
            )

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
                self.session.execute(
                    sa.insert(_TABLE["staff_user"]),
                    [
                        {
                            "username": staff.username,
                            "display_name": staff.display_name,
                            "role": staff.role.value,
                            "clinic_code": clinic,
                            "password_hash": password_hash,
                            "active": True,
                            "locked_until": None,
                            "created_at": self.now,
                            "version": 1,
                        }
                    ],
                )
                self.audit.add(
                    "user.add",
                    "staff_user",
                    staff.username,
                    after={
                        "role": staff.role.value,
                        "clinic": clinic,
                        "display_name": staff.display_name,
                    },
                )
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
                self.audit.add(
                    "user.update",
                    "staff_user",
                    staff.username,
                    before=before,
                    after={"role": user.role, "clinic": None, "active": True},
                )
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
            self.session.execute(
                sa.insert(_TABLE["non_working_day"]),
                [
                    {
                        "day": day,
                        "name_en": name_en,
                        "name_zh": name_zh,
                        "created_by": self.actor,
                        "created_at": self.now,
                    }
                ],
            )
            existing[day] = (name_en, name_zh)
            self.audit.add(
                "calendar.add_non_working_day",
                "non_working_day",
                day.isoformat(),
                after={"name_en": name_en, "name_zh": name_zh},
            )
        return WorkingCalendar(existing)

    # -- rollout and capacity (R7, R10.1) -------------------------------------------------------
    def _past_or_now(self, moment: datetime) -> datetime:
        return min(moment.astimezone(UTC), self.now.astimezone(UTC))

    def go_live_dates(self) -> None:
        """R7.1: the go-live dates of the clinics still without one, as ClinicService.set_go_live
        writes them (``clinic.go_live``); a date already set is left alone."""
        clinic = _TABLE["clinic"]
        at = self._past_or_now(_GO_LIVE_SET_AT)
        for code, go_live in _GO_LIVE:
            current = self.session.execute(
                sa.select(clinic.c.go_live_date).where(clinic.c.code == code)
            ).first()
            if current is None or current.go_live_date is not None:
                continue
            self.session.execute(
                sa.update(clinic)
                .where(clinic.c.code == code)
                .values(go_live_date=go_live, version=clinic.c.version + 1)
            )
            self.audit.add(
                "clinic.go_live",
                "clinic",
                code,
                before={"go_live_date": None},
                after={"go_live_date": go_live},
                at=at,
                actor=_SEED_ADMIN_USERNAME,
            )

    def session_templates(self) -> int:
        """R10.1: two clinics' templates beside the standard one of migration 0005, as
        CapacityService.load_template writes them (``capacity.template``); templates loaded."""
        sk_from = self.today + timedelta(days=_SK_EVENING_AFTER_DAYS)
        sk_from += timedelta(days=-sk_from.weekday() % 7)  # the Monday on or after
        sk_loaded = self.today - timedelta(days=1)
        while not self.calendar.is_working_day(sk_loaded):
            sk_loaded -= timedelta(days=1)
        loads = (
            ("HK", _HK_BIGGER_FROM, _HK_BIGGER, self._past_or_now(_HK_BIGGER_LOADED_AT)),
            (
                "SK",
                sk_from,
                _SK_EVENING,
                datetime.combine(sk_loaded, time(15, 10), tzinfo=HONG_KONG).astimezone(UTC),
            ),
        )
        loaded = 0
        for code, valid_from, template, at in loads:
            assert not template_problems(template.sessions), code  # F8
            if self.session.get(Clinic, code) is None:
                continue
            existing = {t.valid_from for t, _ in load_templates(self.session, code)}
            if valid_from in existing:
                continue
            text = template.to_toml()
            template_id = self.session.execute(
                sa.insert(_TABLE["session_template"]).returning(_TABLE["session_template"].c.id),
                [
                    {
                        "clinic_code": code,
                        "valid_from": valid_from,
                        "source_text": text,
                        "created_by": _SEED_ADMIN_USERNAME,
                        "created_at": at,
                    }
                ],
            ).scalar_one()
            self.session.execute(
                sa.insert(_TABLE["template_session"]),
                [
                    {
                        "template_id": template_id,
                        "name": s.name,
                        "days": ",".join(DAY_NAMES[d] for d in s.days),
                        "start": s.start,
                        "end": s.end,
                        "slot_minutes": s.slot_minutes,
                        "capacity": s.capacity,
                        "online_seats": s.online,
                    }
                    for s in template.sessions
                ],
            )
            self.audit.add(
                "capacity.template",
                "clinic",
                code,
                after={"valid_from": valid_from, "template": text},
                at=at,
                actor=_SEED_ADMIN_USERNAME,
            )
            loaded += 1
        return loaded

    # -- appointments (R8, R10) ------------------------------------------------------------------
    def clinic_plans(self) -> list[ClinicPlan]:
        counters = {s.clinic_code: s.username for s in DEMO_STAFF if s.role is Role.CLINIC}
        plans = []
        for clinic in self.session.execute(sa.select(Clinic).order_by(Clinic.sort_order)).scalars():
            templates = [(t.valid_from, w) for t, w in load_templates(self.session, clinic.code)]
            if not templates or clinic.code not in counters:
                continue
            schedule = ClinicSchedule(
                clinic.code, clinic.go_live_date, templates, {}, self.calendar
            )
            plans.append(
                ClinicPlan(clinic.code, clinic.go_live_date, schedule, counters[clinic.code])
            )
        return plans

    def appointments(self, pool: BookerPool) -> dict[str, int]:
        """The clinics' appointments as :mod:`fc_admin.demo.appointments` plans them, with their
        seat counters and audit records, written a batch of days at a time; then today's closures
        and the feed imports."""
        self.control.progress(0, 0, "appointments")  # a few seconds, however many people
        plans = self.clinic_plans()
        feed = FeedImports()
        totals = {"appointments": 0, "BOOKED": 0, "ATTENDED": 0, "NO_SHOW": 0, "CANCELLED": 0}
        rows: list[dict[str, Any]] = []
        seats: list[dict[str, Any]] = []
        for day_plan in plan_days(self.seed, self.now, plans, pool.bookers, self.calendar, feed):
            self._appointment_rows(day_plan, rows, seats, totals)
            if len(rows) >= APPOINTMENT_BATCH:
                self.control.check()
                self._store_appointments(rows, seats)
                rows, seats = [], []
        self._store_appointments(rows, seats)
        for run, (booked, cancelled) in sorted(feed.runs.items()):
            # AppointmentService.import_feed, run by the scheduled job on each new feed file.
            self.audit.add(
                "appointments.import",
                "file",
                f"bookings-{run:%Y%m%d-%H%M}.csv",
                after={"booked": booked, "cancelled": cancelled, "unchanged": 0},
                at=run,
                actor=FEED_ACTOR,
            )
        totals["closures"], totals["closure_affected"] = self.closures()
        return totals

    def _appointment_rows(
        self,
        day_plan: DayPlan,
        rows: list[dict[str, Any]],
        seats: list[dict[str, Any]],
        totals: dict[str, int],
    ) -> None:
        add = self.audit.add
        for a in day_plan.appointments:
            booked_at = a.booked_at.astimezone(UTC)
            changed_at = a.changed_at.astimezone(UTC) if a.changed_at is not None else None
            rows.append(
                {
                    "booking_ref": a.booking_ref,
                    "request_id": None,
                    "clinic_code": a.clinic,
                    "day": a.day,
                    "start_time": a.start,
                    "session_name": a.session,
                    "hkid": a.booker.hkid,
                    "name_en": a.booker.name_en,
                    "name_zh": a.booker.name_zh,
                    "category": a.booker.category,
                    "channel": a.channel.value,
                    "status": a.status,
                    "booked_at": booked_at,
                    "booked_by": a.booked_by,
                    "contact_phone": None if a.channel is Channel.ONLINE else a.booker.phone,
                    "status_changed_by": a.changed_by,
                    "status_changed_at": changed_at,
                    "cancel_reason": a.cancel_reason,
                }
            )
            totals["appointments"] += 1
            totals[a.status] += 1
            # The records AppointmentService writes; an online booking's is its feed import's.
            if a.channel is not Channel.ONLINE:
                add(
                    "appointment.book",
                    "appointment",
                    a.booking_ref,
                    after={
                        "clinic": a.clinic,
                        "day": a.day,
                        "time": a.start.strftime("%H:%M"),
                        "channel": a.channel.value,
                        "hkid": mask_hkid(a.booker.hkid),
                    },
                    at=booked_at,
                    actor=a.booked_by,
                )
            if a.status == "CANCELLED" and a.channel is not Channel.ONLINE:
                add(
                    "appointment.cancel",
                    "appointment",
                    a.booking_ref,
                    before={"status": "BOOKED"},
                    after={"status": "CANCELLED", "reason": a.cancel_reason},
                    at=changed_at,
                    actor=a.changed_by,
                )
            elif a.status in ("ATTENDED", "NO_SHOW"):
                add(
                    "appointment.attendance",
                    "appointment",
                    a.booking_ref,
                    before={"status": "BOOKED"},
                    after={"status": a.status},
                    at=changed_at,
                    actor=a.changed_by,
                )
        seats += [
            {
                "clinic_code": s.clinic,
                "day": s.day,
                "start_time": s.start,
                "pool": s.pool.value,
                "capacity": s.capacity,
                "taken": s.taken,
            }
            for s in day_plan.seats
        ]

    def _store_appointments(self, rows: list[dict[str, Any]], seats: list[dict[str, Any]]) -> None:
        if rows:
            self.session.execute(sa.insert(_TABLE["appointment"]), rows)
        if seats:
            self.session.execute(sa.insert(_TABLE["slot_seats"]), seats)

    def closures(self) -> tuple[int, int]:
        """R10.2, made now by the administrator: a typhoon signal No. 8 closes a clinic for the
        whole of the next day that has telephone bookings, staff training an afternoon a few days
        on (at another clinic if one has bookings then). Both fall on booked sessions with contact
        numbers, so their call lists have people to phone. (Closures, affected appointments.)"""
        a = Appointment
        booked = self.session.execute(
            sa.select(
                a.clinic_code,
                a.day,
                a.session_name,
                sa.func.count(a.contact_phone).label("phones"),
            )
            .where(a.day > self.today, a.status == "BOOKED")
            .group_by(a.clinic_code, a.day, a.session_name)
        ).all()
        order = {code: n for n, code in enumerate(_CLINICS)}
        per_day: Counter[tuple[str, date]] = Counter()
        for row in booked:
            per_day[(row.clinic_code, row.day)] += row.phones
        days = [
            (day, -phones, order.get(code, 99), code) for (code, day), phones in per_day.items()
        ]
        days = sorted(d for d in days if d[1] < 0)
        if not days:
            return 0, 0
        typhoon_day, _, _, typhoon_clinic = days[0]
        chosen: list[tuple[str, date, str | None, str]] = [
            (typhoon_clinic, typhoon_day, None, _TYPHOON)
        ]
        sessions = [
            r
            for r in booked
            if r.phones and (r.clinic_code, r.day) != (typhoon_clinic, typhoon_day)
        ]
        if sessions:
            training = max(
                sessions,
                key=lambda r: (
                    r.clinic_code != typhoon_clinic,
                    r.session_name == "PM",
                    r.day > typhoon_day,
                    r.phones,
                    -order.get(r.clinic_code, 99),
                    -r.day.toordinal(),
                ),
            )
            chosen.append((training.clinic_code, training.day, training.session_name, _TRAINING))
        affected_total = 0
        for code, day, session_name, reason in chosen:
            query = sa.select(sa.func.count()).where(
                Appointment.clinic_code == code,
                Appointment.day == day,
                Appointment.status == "BOOKED",
            )
            if session_name is not None:
                query = query.where(Appointment.session_name == session_name)
            affected = int(self.session.execute(query).scalar_one())
            closure_id = self.session.execute(
                sa.insert(_TABLE["closure"]).returning(_TABLE["closure"].c.id),
                [
                    {
                        "clinic_code": code,
                        "day": day,
                        "session_name": session_name,
                        "reason": reason,
                        "created_by": _SEED_ADMIN_USERNAME,
                        "created_at": self.now,
                    }
                ],
            ).scalar_one()
            self.audit.add(
                "capacity.close",
                "clinic",
                code,
                after={
                    "closure_id": closure_id,
                    "day": day,
                    "session": session_name or "ALL",
                    "reason": reason,
                    "affected": affected,
                },
                actor=_SEED_ADMIN_USERNAME,
            )
            affected_total += affected
        return len(chosen), affected_total

    # -- rosters ---------------------------------------------------------------------------------
    def _history_moment(self, days_ago: int) -> tuple[date, datetime]:
        """(as of, imported at) of an earlier roster: a working day about ``days_ago`` ago,
        imported that morning."""
        day = self.today - timedelta(days=days_ago)
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        minute = 9 * 60 + 15 + int(self.rng.random() * 90)
        at = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=HONG_KONG)
        return day, at.astimezone(UTC)

    def roster_imports(self) -> tuple[dict[str, RosterImport], list[list[RosterImport]]]:
        """The current import of every source (rows to come), and the earlier ones (history:
        replaced since, their rows gone, as a newer import leaves them, R3.1)."""
        history: list[list[RosterImport]] = []
        for days_ago, _shrink in ROSTER_HISTORY:
            as_of, at = self._history_moment(days_ago)
            rows = []
            for source in SOURCES:
                row = RosterImport(
                    source_code=source.code,
                    file_name=f"{source.code}_{as_of:%Y%m%d}.csv",
                    as_of_date=as_of,
                    imported_at=at,
                    imported_by=_CLERKS[int(self.rng.random() * len(_CLERKS))],
                    row_count=0,
                    counts_json="{}",
                    is_current=False,
                )
                self.session.add(row)
                rows.append(row)
            history.append(rows)
        imports: dict[str, RosterImport] = {}
        for source in SOURCES:
            row = RosterImport(
                source_code=source.code,
                file_name=f"{source.code}_{self.today:%Y%m%d}.csv",
                as_of_date=self.today,
                imported_at=self.now,
                imported_by=self.actor,
                row_count=0,
                counts_json="{}",
                is_current=True,
            )
            self.session.add(row)
            imports[source.code] = row
        self.session.flush()
        return imports, history

    def audit_roster_imports(
        self,
        imports: dict[str, RosterImport],
        history: list[list[RosterImport]],
        counts: dict[str, dict[str, int]],
    ) -> None:
        """Row counts of every import, and the ``roster.import`` records RosterService writes,
        oldest first."""
        replaced: dict[str, list[int]] = {s.code: [] for s in SOURCES}
        rounds = [*zip(history, (shrink for _, shrink in ROSTER_HISTORY), strict=True)]
        current = [imports[s.code] for s in SOURCES]
        for rows, shrink in [*rounds, (current, 0.0)]:
            for row in rows:
                source_counts = dict(sorted(counts[row.source_code].items()))
                if shrink and source_counts:
                    # Fewer people then: the largest category had a few less.
                    largest = max(source_counts, key=lambda k: (source_counts[k], k))
                    fewer = int(sum(source_counts.values()) * shrink * (0.5 + self.rng.random()))
                    source_counts[largest] = max(source_counts[largest] - fewer, 0)
                total = sum(source_counts.values())
                row.row_count = total
                row.counts_json = json.dumps(source_counts, sort_keys=True)
                source = next(s for s in SOURCES if s.code == row.source_code)
                self.audit.add(
                    "roster.import",
                    "roster_import",
                    row.id,
                    after={
                        "source": row.source_code,
                        "file": row.file_name,
                        "as_of": row.as_of_date,
                        "rows": total,
                        "counts": source_counts,
                        "encoding": source.encoding,
                        "replaced_imports": replaced[row.source_code],
                    },
                    at=row.imported_at,
                    actor=row.imported_by,
                )
                replaced[row.source_code] = [row.id]
        self.session.flush()

    # -- applications --------------------------------------------------------------------------
    def _submitted_at(
        self, channel: str, after: datetime | None = None, old: bool = False
    ) -> datetime:
        """A moment in the past weeks, or in the older cohort's months if ``old`` (``after`` a
        moment, if given): e-forms at any hour, paper forms in office hours of a working day."""
        rng = self.old_rng if old else self.rng
        first = hk_date(after) if after is not None else None
        low, high = self.old_window if old else (self.today, self.today)
        for _ in range(100):
            if first is None and old:
                day = low + timedelta(days=int(rng.random() * ((high - low).days + 1)))
            elif first is None:
                day = self.today - timedelta(days=int(rng.random() ** 1.5 * RECEIVED_OVER_DAYS))
            else:
                last = min(high, first + timedelta(days=30)) if old else self.today
                day = first + timedelta(days=int(rng.random() * ((last - first).days + 1)))
            if channel == "in_person":
                if not self.calendar.is_working_day(day):
                    continue
                minute = 9 * 60 + int(rng.random() * 8 * 60)
            else:
                minute = 7 * 60 + int(rng.random() * 17 * 60)  # 07:00-23:59
            moment = datetime.combine(
                day, time(minute // 60, minute % 60), tzinfo=HONG_KONG
            ).astimezone(UTC)
            if moment <= self.now and (after is None or moment > after):
                return moment
        if old:
            return datetime.combine(low, time(10, 0), tzinfo=HONG_KONG).astimezone(UTC)
        if after is not None:
            return min(after + timedelta(minutes=1), self.now)
        return self.now

    def next_form_number(self) -> int:
        """The e-form platform numbers every form it sends, refused ones too."""
        self.form_number += 1
        return self.form_number

    def application_rows(
        self,
        form: FormDraft,
        deadline_of: Callable[[date], date],
        after: datetime | None = None,
        old: bool = False,
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        rng = self.old_rng if old else self.rng
        submitted = self._submitted_at(form.channel, after, old)
        received = hk_date(submitted)
        if form.channel == "in_person":
            # IntakeService.key_in_form: PF<date>-<clinic>-<n>, numbered per clinic and day.
            clinic: str | None = _CLINICS[int(rng.random() * len(_CLINICS))]
            prefix = f"PF{received:%Y%m%d}-{clinic}-"
            self.paper_numbers[prefix] = self.paper_numbers.get(prefix, 0) + 1
            form_id = f"{prefix}{self.paper_numbers[prefix]:06d}"
            keyed_by: str | None = _CLERKS[int(rng.random() * len(_CLERKS))]
            key_id = None
            imported = submitted
        else:
            form_id = f"EF{received:%Y%m%d}-{self.next_form_number():06d}"
            clinic = keyed_by = None
            key_id = eform_key_id(self.seed)
            imported = min(submitted + timedelta(minutes=5 + int(rng.random() * 600)), self.now)
        application = {
            "form_id": form_id,
            "channel": form.channel,
            "submitted_at": submitted,
            "received_date": received,
            "notification_deadline": deadline_of(received),
            "applicant_hkid": form.applicant_hkid,
            "applicant_email": form.applicant_email,
            "applicant_mobile": form.applicant_mobile,
            "clinic_code": clinic,
            "keyed_by": keyed_by,
            "signature_key_id": key_id,
            "status": "OPEN",
            "assigned_to": None,
            "imported_at": imported,
            "version": 1,
        }
        members = [
            {
                "position": position,
                "hkid": m.hkid,
                "name_en": m.name_en,
                "name_zh": m.name_zh,
                "date_of_birth": m.date_of_birth,
                "category": m.category,
                "relationship": m.relationship,
                "principal_hkid": m.principal_hkid,
                "department": m.department,
                "staff_no": m.staff_no,
                "email": m.email,
                "child_status": m.child_status,
                "outcome": None,
                "outcome_reasons": "[]",
                "name_similarity": None,
                "verified_at": None,
                "decision": None,
                "decision_reason": None,
                "decision_note": None,
                "decided_by": None,
                "decided_at": None,
                "version": 1,
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
        ids = (
            self.session.execute(
                sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), applications
            )
            .scalars()
            .all()
        )
        rows = []
        for app_id, app_members in zip(ids, members, strict=True):
            for member in app_members:
                member["application_id"] = app_id
                rows.append(member)
        self.session.execute(sa.insert(_TABLE["application_member"]), rows)
        return len(rows)

    def quarantine(self, rejects: RejectMaker, family: Family) -> None:
        """A refused e-form of ``family`` (R2.3), as IntakeService keeps it."""
        submitted = self._submitted_at("iam_smart")
        local = submitted.astimezone(HONG_KONG)
        form_id = f"EF{local:%Y%m%d}-{self.next_form_number():06d}"
        bad = rejects.make(family, form_id, local)
        received = min(submitted + timedelta(minutes=5 + int(self.rng.random() * 600)), self.now)
        self.quarantined.append(
            _Quarantined(
                file_name=bad.file_name,
                form_id=bad.reported_form_id,
                reason=reject_reason(bad.kind, TRUSTED_KEYS_FOLDER),
                content=bad.text,
                received_at=received,
                clerk=_CLERKS[int(self.rng.random() * len(_CLERKS))],
            )
        )

    # -- verification (R3.2) ---------------------------------------------------------------------
    def _member_id_chunks(self, after_member_id: int) -> Iterator[list[int]]:
        last = after_member_id
        while True:
            ids = list(
                self.session.execute(
                    sa.select(ApplicationMember.id)
                    .where(ApplicationMember.id > last)
                    .order_by(ApplicationMember.id)
                    .limit(VERIFY_CHUNK)
                ).scalars()
            )
            if not ids:
                return
            yield ids
            last = ids[-1]

    def verify(self, after_member_id: int) -> Counter[str]:
        """Every new member verified, set-based, chunk by chunk; members per outcome."""
        counts: Counter[str] = Counter()
        clock = FixedClock(self.now)
        for ids in self._member_id_chunks(after_member_id):
            self.control.check()
            results = verify_members(self.session, clock, self.now, member_ids=ids)
            counts.update(str(r.outcome) for r in results)
        return counts

    # -- the officers' work (R3.4) ---------------------------------------------------------------
    def work(self, after_application_id: int, calendar: WorkingCalendar) -> dict[str, int]:
        """Applications page by page: their import records, then assignment, remarks and
        decisions as :class:`WorkPlanner` plans them, written in bulk with their audit records."""
        planner = WorkPlanner(self.seed, self.now, calendar)
        totals = {"decisions": 0, "assigned": 0, "remarks": 0}
        last = after_application_id
        while True:
            self.control.check()
            forms = self.session.execute(
                sa.select(
                    Application.id,
                    Application.form_id,
                    Application.channel,
                    Application.received_date,
                    Application.notification_deadline,
                    Application.imported_at,
                    Application.clinic_code,
                    Application.keyed_by,
                    Application.signature_key_id,
                )
                .where(Application.id > last)
                .order_by(Application.id)
                .limit(APPLICATION_BATCH)
            ).all()
            if not forms:
                return totals
            first, last = forms[0].id, forms[-1].id
            members: dict[int, list[Any]] = {}
            for row in self.session.execute(
                sa.select(
                    ApplicationMember.application_id,
                    ApplicationMember.id,
                    ApplicationMember.hkid,
                    ApplicationMember.relationship,
                    ApplicationMember.department,
                    ApplicationMember.outcome,
                    ApplicationMember.outcome_reasons,
                    ApplicationMember.name_similarity,
                )
                .where(ApplicationMember.application_id.between(first, last))
                .order_by(ApplicationMember.application_id, ApplicationMember.position)
            ):
                members.setdefault(row.application_id, []).append(row)
            member_updates: list[dict[str, Any]] = []
            form_updates: list[dict[str, Any]] = []
            remarks: list[dict[str, Any]] = []
            for form in forms:
                own = members.get(form.id, [])
                principal = next((m for m in own if m.relationship == "self"), own[0])
                facts = FormFacts(
                    app_id=form.id,
                    form_id=form.form_id,
                    channel=form.channel,
                    received=form.received_date,
                    deadline=form.notification_deadline,
                    imported_at=form.imported_at,
                    clinic_code=form.clinic_code,
                    department=principal.department,
                )
                settle = (
                    planner.settle if form.received_date < self.settled_before else planner.plan
                )
                plan = settle(
                    facts,
                    [
                        MemberFacts(
                            m.id,
                            m.hkid,
                            m.outcome,
                            tuple(json.loads(m.outcome_reasons)),
                            m.name_similarity,
                        )
                        for m in own
                    ],
                )
                self._audit_form(form, len(own), plan)
                for d in plan.decisions:
                    member_updates.append(
                        {
                            "b_id": d.member_id,
                            "b_decision": d.decision,
                            "b_reason": d.reason,
                            "b_note": d.note,
                            "b_by": d.decided_by,
                            "b_at": d.decided_at,
                            # Decided before today's run: verified when the form came in (R3.2).
                            "b_verified_at": form.imported_at
                            if d.decision != "query"
                            else self.now,
                        }
                    )
                if plan.assigned_to is not None:
                    form_updates.append(
                        {
                            "b_id": form.id,
                            "b_status": plan.status,
                            "b_assigned_to": plan.assigned_to,
                            "b_version": 2 + (plan.status == "DONE"),
                        }
                    )
                    totals["assigned"] += 1
                remarks += [
                    {"application_id": form.id, "author": r.author, "at": r.at, "text": r.text}
                    for r in plan.remarks
                ]
                totals["decisions"] += len(plan.decisions)
                totals["remarks"] += len(plan.remarks)
            self._store_work(member_updates, form_updates, remarks)

    def _audit_form(self, form: Any, member_count: int, plan: FormWork) -> None:
        """The form's history (R13.3) as the services write it: import or key-in, then the rest
        in the order it happened."""
        after: dict[str, Any] = {
            "channel": form.channel,
            "received": form.received_date,
            "deadline": form.notification_deadline,
            "members": member_count,
        }
        if form.channel == "in_person":
            after.update(clinic=form.clinic_code, keyed_by=form.keyed_by)
            self.audit.add(
                "application.key_in",
                "application",
                form.form_id,
                after=after,
                at=form.imported_at,
                actor=form.keyed_by,
            )
        else:
            after.update(key_id=form.signature_key_id, file=f"{form.form_id}.json")
            importer = _CLERKS[form.id % len(_CLERKS)]
            self.audit.add(
                "application.import",
                "application",
                form.form_id,
                after=after,
                at=form.imported_at,
                actor=importer,
            )
        events: list[tuple[datetime, int, str, str, Any, Any, str]] = []
        if plan.assigned_to is not None and plan.assigned_at is not None:
            events.append(
                (
                    plan.assigned_at,
                    len(events),
                    "application.assign",
                    form.form_id,
                    {"assigned_to": None},
                    {"assigned_to": plan.assigned_to},
                    ASSIGNER,
                )
            )
        for r in plan.remarks:
            events.append(
                (
                    r.at,
                    len(events),
                    "application.remark",
                    form.form_id,
                    None,
                    {"text": r.text},
                    r.author,
                )
            )
        for d in plan.decisions:
            events.append(
                (
                    d.decided_at,
                    len(events),
                    "member.decide",
                    f"{form.form_id}/{d.hkid}",
                    d.audit_before(),
                    d.audit_after(),
                    d.decided_by,
                )
            )
        for at, _n, action, entity, before, after_state, actor in sorted(events):
            entity_type = "application_member" if action == "member.decide" else "application"
            self.audit.add(
                action, entity_type, entity, before=before, after=after_state, at=at, actor=actor
            )

    def _store_work(
        self,
        member_updates: list[dict[str, Any]],
        form_updates: list[dict[str, Any]],
        remarks: list[dict[str, Any]],
    ) -> None:
        m = _TABLE["application_member"]
        a = _TABLE["application"]
        if member_updates:
            self.session.execute(
                sa.update(m)
                .where(m.c.id == sa.bindparam("b_id"))
                .values(
                    decision=sa.bindparam("b_decision"),
                    decision_reason=sa.bindparam("b_reason"),
                    decision_note=sa.bindparam("b_note"),
                    decided_by=sa.bindparam("b_by"),
                    decided_at=sa.bindparam("b_at"),
                    verified_at=sa.bindparam("b_verified_at"),
                    version=m.c.version + 1,
                ),
                member_updates,
            )
        if form_updates:
            self.session.execute(
                sa.update(a)
                .where(a.c.id == sa.bindparam("b_id"))
                .values(
                    status=sa.bindparam("b_status"),
                    assigned_to=sa.bindparam("b_assigned_to"),
                    version=sa.bindparam("b_version"),
                ),
                form_updates,
            )
        if remarks:
            self.session.execute(sa.insert(_TABLE["application_remark"]), remarks)

    def store_quarantine(self) -> None:
        """The refused e-forms, and their ``eform.quarantine`` records."""
        if not self.quarantined:
            return
        table = _TABLE["quarantined_eform"]
        ordered = sorted(self.quarantined, key=lambda q: q.received_at)
        ids = (
            self.session.execute(
                sa.insert(table).returning(table.c.id, sort_by_parameter_order=True),
                [
                    {
                        "file_name": q.file_name,
                        "form_id": q.form_id,
                        "reason": q.reason,
                        "content": q.content,
                        "received_at": q.received_at,
                    }
                    for q in ordered
                ],
            )
            .scalars()
            .all()
        )
        for row_id, q in zip(ids, ordered, strict=True):
            self.audit.add(
                "eform.quarantine",
                "quarantined_eform",
                row_id,
                after={"file": q.file_name, "form_id": q.form_id, "reason": q.reason},
                at=q.received_at,
                actor=q.clerk,
            )

    # -- activation details (R5) -----------------------------------------------------------------
    def accounts(self, after_member_id: int, calendar: WorkingCalendar) -> dict[str, int]:
        """Accounts of the approved members as :class:`AccountPlanner` plans them, page by page,
        with the records ActivationService writes: ``account.issue``, then ``account.sent`` or
        ``account.send_failed``, ``account.activate``, ``account.suspend``."""
        planner = AccountPlanner(self.seed, self.now, calendar)
        totals = {
            "accounts": 0,
            "active": 0,
            "expired": 0,
            "suspended": 0,
            "not_sent": 0,
            "reminded": 0,
        }
        m = ApplicationMember
        last = after_member_id
        while True:
            self.control.check()
            rows = self.session.execute(
                sa.select(
                    m.id,
                    m.hkid,
                    m.email,
                    m.decided_at,
                    Application.form_id,
                    Application.channel,
                    Application.applicant_email,
                    Application.received_date,
                )
                .join(Application, Application.id == m.application_id)
                .where(m.id > last, m.decision == "approve")
                .order_by(m.id)
                .limit(ACCOUNT_BATCH)
            ).all()
            if not rows:
                return totals
            last = rows[-1].id
            plans = [
                plan
                for row in rows
                if (
                    plan := planner.plan(
                        MemberToIssue(
                            member_id=row.id,
                            hkid=row.hkid,
                            form_id=row.form_id,
                            channel=row.channel,
                            member_email=row.email,
                            applicant_email=row.applicant_email,
                            decided_at=row.decided_at,
                            settled=row.received_date < self.settled_before,
                        )
                    )
                )
                is not None
            ]
            if not plans:
                continue
            self.session.execute(sa.insert(_TABLE["account"]), [p.row() for p in plans])
            for plan in plans:
                self._audit_account(plan)
                totals["accounts"] += 1
                totals["active"] += plan.status == "ACTIVE"
                totals["expired"] += plan.status == "EXPIRED"
                totals["suspended"] += plan.status == "SUSPENDED"
                totals["not_sent"] += plan.send_error is not None
                totals["reminded"] += plan.reminder_sent_at is not None

    def _audit_account(self, plan: AccountPlan) -> None:
        add = self.audit.add
        add(
            "account.issue",
            "account",
            plan.account_id,
            after={
                "member": f"{plan.form_id}/{plan.hkid}",
                "delivery": plan.delivery,
                "to": plan.email_to,
                "issued_on": plan.issued_on,
                "deadline": plan.deadline,
                "code_version": 1,
            },
            at=plan.issued_at,
            actor=ISSUER,
        )
        if plan.send_error is not None:
            add(
                "account.send_failed",
                "account",
                plan.account_id,
                after={
                    "delivery": plan.delivery,
                    "to": plan.email_to,
                    "error": plan.send_error,
                    "code_version": 1,
                },
                at=plan.issued_at,
                actor=ISSUER,
            )
        elif plan.sent_at is not None:
            sent: dict[str, Any] = {"delivery": plan.delivery, "code_version": 1}
            if plan.delivery == "email":
                sent["to"] = plan.email_to
            add(
                "account.sent",
                "account",
                plan.account_id,
                after=sent,
                at=plan.sent_at,
                actor=ISSUER,
            )
        if plan.activated_at is not None:
            add(
                "account.activate",
                "account",
                plan.account_id,
                before={"status": "ISSUED"},
                after={"status": "ACTIVE", "activated_at": plan.activated_at},
                at=plan.activated_at,
                actor=SYSTEM_ONLINE,
            )
        if plan.suspended_at is not None:
            add(
                "account.suspend",
                "account",
                plan.account_id,
                before={"status": "ISSUED"},
                after={"status": "SUSPENDED", "reason": plan.suspended_reason},
                at=plan.suspended_at,
                actor=SUSPENDER,
            )
        if plan.reminder_sent_at is not None:
            add(
                "account.reminder",
                "account",
                plan.account_id,
                after={"to": plan.email_to, "deadline": plan.deadline},
                at=plan.reminder_sent_at,
                actor=SCHEDULER,
            )
        if plan.expired_at is not None:
            add(
                "account.expire",
                "account",
                plan.account_id,
                before={"status": "ISSUED"},
                after={"status": "EXPIRED", "deadline": plan.deadline},
                at=plan.expired_at,
                actor=SCHEDULER,
            )

    def verification_run(self, after_member_id: int) -> None:
        """This morning's ``fc-admin verify`` of the members still waiting (R3.5), as
        VerificationService records it; the members it verified carry ``verified_at`` now."""
        m = ApplicationMember
        counts = {
            outcome: int(n)
            for outcome, n in self.session.execute(
                sa.select(m.outcome, sa.func.count())
                .where(m.id > after_member_id, sa.or_(m.decision.is_(None), m.decision == "query"))
                .group_by(m.outcome)
            )
        }
        outcomes = {o.value: counts.get(o.value, 0) for o in Outcome}
        self.audit.add(
            "verification.run",
            "verification",
            "all",
            after={
                "at": self.now,
                "on": self.today,
                "source": None,
                "members": sum(outcomes.values()),
                "outcomes": outcomes,
            },
        )


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
        seeder.audit.add(
            "demo.seed_started", "database", "demo", after={"people": people, "seed": seed_value}
        )
        seeder.sources()
        admin_username = seeder.staff(ensure_demo_admin)
        calendar = seeder.non_working_days()
        seeder.calendar = calendar
        seeder.go_live_dates()
        templates_loaded = seeder.session_templates()
        imports, history = seeder.roster_imports()
        import_ids = {code: row.id for code, row in imports.items()}
        last_application_id, last_member_id = session.execute(
            sa.select(
                sa.select(sa.func.coalesce(sa.func.max(Application.id), 0)).scalar_subquery(),
                sa.select(sa.func.coalesce(sa.func.max(ApplicationMember.id), 0)).scalar_subquery(),
            )
        ).one()

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
        old_maker = FormMaker(
            seed_value,
            seeder.today,
            OLD_APPLICATION_SHARE,
            IN_PERSON_SHARE,
            showcase=False,
            stream="old-forms",
            unlisted_offset=OLD_UNLISTED_OFFSET,
        )
        old_count = 0
        rejects = RejectMaker(
            seed_value, seeder.today, demo_signing_key(seed_value), eform_key_id(seed_value)
        )
        roster_table = _TABLE["roster_person"]
        bookers = BookerPool(
            seed_value,
            people,
            seeder.today - timedelta(days=HISTORY_DAYS),
            seeder.today + timedelta(days=FUTURE_REACH),
        )
        done = families = application_count = member_count = 0
        family: Family
        for family in FamilyGenerator(seed_value, seeder.today).families(people):
            families += 1
            import_id = import_ids[family.source]
            source_counts = counts[family.source]
            for p in family.members:
                roster_rows.append(
                    {
                        "import_id": import_id,
                        "source_code": p.source,
                        "staff_no": p.staff_no,
                        "hkid": p.hkid,
                        "name_en": p.name.en,
                        "name_zh": p.name.zh,
                        "date_of_birth": p.date_of_birth,
                        "category": p.category,
                        "relationship": p.relationship,
                        "principal_hkid": p.principal_hkid,
                        "child_status": p.child_status,
                        "status": p.status,
                        "status_date": p.status_date,
                    }
                )
                source_counts[p.category] = source_counts.get(p.category, 0) + 1
            bookers.offer(family)
            first: datetime | None = None
            # A family with a recent form is not of the older cohort (no duplicates across).
            forms = maker.forms_for(family)
            old = not forms
            if old:
                forms = old_maker.forms_for(family)
                old_count += len(forms)
            for form in forms:
                application_count += 1
                app_row, member_rows = seeder.application_rows(
                    form, deadline_of, after=first if form.repeat else None, old=old
                )
                first = first or app_row["submitted_at"]
                applications.append(app_row)
                members.append(member_rows)
                if len(applications) >= APPLICATION_BATCH:
                    member_count += seeder.flush_applications(applications, members)
                    applications, members = [], []
            if rejects.wants(family):
                seeder.quarantine(rejects, family)
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

        seeder.audit_roster_imports(imports, history, counts)
        control.check()
        outcomes = seeder.verify(last_member_id)
        work = seeder.work(last_application_id, calendar)
        accounts = seeder.accounts(last_member_id, calendar)
        seeder.store_quarantine()
        appointments = seeder.appointments(bookers)
        seeder.verification_run(last_member_id)
        outcome_counts = {o.value: outcomes.get(o.value, 0) for o in Outcome}
        summary = {
            "people": done,
            "families": families,
            "applications": application_count,
            "old_applications": old_count,
            "members": member_count,
            "users": seeder.users_created,
            "outcomes": outcome_counts,
            **work,
            "quarantined": len(seeder.quarantined),
            "accounts": accounts,
            "templates_loaded": templates_loaded,
            "appointments": appointments,
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
        outcomes=outcome_counts,
        decisions=work["decisions"],
        assigned=work["assigned"],
        remarks=work["remarks"],
        quarantined=len(seeder.quarantined),
        roster_imports=len(imports) + sum(len(rows) for rows in history),
        accounts=accounts["accounts"],
        accounts_active=accounts["active"],
        accounts_expired=accounts["expired"],
        accounts_suspended=accounts["suspended"],
        accounts_not_sent=accounts["not_sent"],
        accounts_reminded=accounts["reminded"],
        old_applications=old_count,
        templates_loaded=templates_loaded,
        appointments=appointments["appointments"],
        appointments_booked=appointments["BOOKED"],
        appointments_attended=appointments["ATTENDED"],
        appointments_no_show=appointments["NO_SHOW"],
        appointments_cancelled=appointments["CANCELLED"],
        closures=appointments["closures"],
        closure_affected=appointments["closure_affected"],
    )
