"""The officers' application queue: paging, filters, detail, assignment, remarks and history.

Sorting and filtering happen in SQL and a page is one bounded query plus one aggregate over the
page's forms, so the queue stays fast at 100,000 forms (issue: queue first page <= 150 ms).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from fc_admin.db import Database
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.deadlines import (
    DEFAULT_AT_RISK_WORKING_DAYS,
    DeadlineState,
    deadline_state,
    working_days_left,
)
from fc_admin.domain.hkid import InvalidHkid, normalise_hkid
from fc_admin.domain.hktime import hk_date
from fc_admin.domain.roles import Permission, Role
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import (
    Application,
    ApplicationMember,
    ApplicationRemark,
    AuditRecord,
    Clinic,
    StaffUser,
)
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.calendar import CalendarService
from fc_admin.services.clock import Clock
from fc_admin.services.errors import InvalidInput, NotFound


class SortKey(StrEnum):
    DEADLINE = "deadline"
    RECEIVED = "received"
    FORM_ID = "form_id"
    STATUS = "status"
    CHANNEL = "channel"
    ASSIGNED = "assigned"


class RiskFilter(StrEnum):
    AT_RISK = "at_risk"  # R4.3: <= N working days left
    OVERDUE = "overdue"
    AT_RISK_OR_OVERDUE = "at_risk_or_overdue"


@dataclass(frozen=True)
class QueueFilter:
    status: str | None = None  # OPEN | DONE
    outcome: str | None = None  # a member of the form has this outcome (R3.2)
    undecided_only: bool = False  # a member still waits for a decision
    department: str | None = None
    channel: str | None = None  # iam_smart | in_person
    risk: RiskFilter | None = None
    assigned_to: str | None = None  # a user name; "" = unassigned
    text: str = ""  # form ID, English or Chinese name, or an HKID (audited)
    sort: SortKey = SortKey.DEADLINE
    descending: bool = False


@dataclass(frozen=True)
class QueueRow:
    form_id: str
    channel: str
    received_date: date
    deadline: date
    working_days_left: int
    deadline_state: DeadlineState
    status: str
    assigned_to: str | None
    principal_name_en: str
    principal_name_zh: str
    department: str
    members: int
    undecided: int
    outcomes: dict[str, int]  # outcome -> members
    version: int


@dataclass(frozen=True)
class MemberRow:
    member_id: int
    position: int
    hkid: str  # canonical; the view masks it for roles without SEE_FULL_HKID (R9.3)
    name_en: str
    name_zh: str
    date_of_birth: date
    category: str
    relationship: str
    principal_hkid: str
    department: str
    staff_no: str | None
    email: str | None
    child_status: str | None
    outcome: str | None
    reasons: list[str]
    similarity: float | None
    verified_at: datetime | None
    decision: str | None
    decision_reason: str | None
    decision_note: str | None
    decided_by: str | None
    decided_at: datetime | None
    version: int


@dataclass(frozen=True)
class RemarkRow:
    author: str
    at: datetime
    text: str


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    actor: str
    action: str
    entity_id: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class ApplicationDetail:
    form_id: str
    channel: str
    submitted_at: datetime
    received_date: date
    deadline: date
    working_days_left: int
    deadline_state: DeadlineState
    status: str
    applicant_hkid: str
    applicant_email: str | None
    applicant_mobile: str | None
    clinic_code: str | None
    keyed_by: str | None
    signature_key_id: str | None
    assigned_to: str | None
    version: int
    members: list[MemberRow] = field(default_factory=list)
    remarks: list[RemarkRow] = field(default_factory=list)


@dataclass(frozen=True)
class QueueCounts:
    by_status: dict[str, int]
    at_risk: int
    overdue: int
    total: int


ASSIGNABLE_ROLES = (Role.VERIFIER, Role.SUPERVISOR)


class ApplicationService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self._calendar = CalendarService(db, clock)

    # -- queue -----------------------------------------------------------------------------------
    def _risk_bounds(self, calendar: WorkingCalendar, at_risk_days: int) -> tuple[date, date]:
        """(today, last deadline date that counts as at risk)."""
        today = hk_date(self.clock.now())
        limit = calendar.working_days_after(today, at_risk_days) if at_risk_days > 0 else today
        return today, limit

    def _where(
        self, actor: Actor, flt: QueueFilter, calendar: WorkingCalendar, audit_search: bool
    ) -> list[sa.ColumnElement[bool]]:
        member = ApplicationMember
        clauses: list[sa.ColumnElement[bool]] = []

        def any_member(*conditions: sa.ColumnElement[bool]) -> sa.ColumnElement[bool]:
            # A semi-join rather than a correlated EXISTS: the database reads the matching
            # members once through an index instead of probing them for every form.
            return Application.id.in_(sa.select(member.application_id).where(*conditions))

        if flt.status:
            clauses.append(Application.status == flt.status)
        if flt.outcome:
            clauses.append(any_member(member.outcome == flt.outcome))
        if flt.undecided_only:
            clauses.append(any_member(member.decision.is_(None)))
        if flt.department:
            clauses.append(any_member(member.department == flt.department))
        if flt.channel:
            clauses.append(Application.channel == flt.channel)
        if flt.assigned_to is not None:
            clauses.append(
                Application.assigned_to.is_(None)
                if flt.assigned_to == ""
                else Application.assigned_to == flt.assigned_to
            )
        if flt.risk is not None:
            today, limit = self._risk_bounds(calendar, DEFAULT_AT_RISK_WORKING_DAYS)
            open_ = Application.status == "OPEN"
            if flt.risk is RiskFilter.OVERDUE:
                clauses.append(sa.and_(open_, Application.notification_deadline < today))
            elif flt.risk is RiskFilter.AT_RISK:
                clauses.append(
                    sa.and_(open_, Application.notification_deadline.between(today, limit))
                )
            else:
                clauses.append(sa.and_(open_, Application.notification_deadline <= limit))
        text = flt.text.strip()
        if text:
            clauses.append(self._text_clause(actor, text, audit_search))
        return clauses

    def _text_clause(self, actor: Actor, text: str, audit_search: bool) -> sa.ColumnElement[bool]:
        member = ApplicationMember
        try:
            hkid = normalise_hkid(text)
        except InvalidHkid:
            hkid = None
        if hkid is not None:
            actor.require(Permission.SEARCH_HKID)
            if audit_search:
                self._audit_hkid_search(actor, hkid)
            return sa.or_(
                Application.applicant_hkid == hkid,
                Application.id.in_(sa.select(member.application_id).where(member.hkid == hkid)),
            )
        like = f"%{text.replace('%', '').replace('_', '').lower()}%"
        return sa.or_(
            sa.func.lower(Application.form_id).like(like),
            Application.id.in_(
                sa.select(member.application_id).where(
                    sa.or_(sa.func.lower(member.name_en).like(like), member.name_zh.like(like))
                )
            ),
        )

    def _audit_hkid_search(self, actor: Actor, hkid: str) -> None:
        # R13.3: every HKID search is audited (the record holds the masked HKID only).
        with self.db.write() as session:
            append_audit(
                session,
                self.clock,
                actor,
                "hkid.search",
                "person",
                hkid,
                after={"where": "applications"},
            )

    def _order(self, flt: QueueFilter) -> list[sa.UnaryExpression[Any]]:
        column: Any = {
            SortKey.DEADLINE: Application.notification_deadline,
            SortKey.RECEIVED: Application.received_date,
            SortKey.FORM_ID: Application.form_id,
            SortKey.STATUS: Application.status,
            SortKey.CHANNEL: Application.channel,
            SortKey.ASSIGNED: Application.assigned_to,
        }[flt.sort]
        ordered = column.desc() if flt.descending else column.asc()
        tie = Application.id.desc() if flt.descending else Application.id.asc()
        return [ordered, tie]

    def page(self, actor: Actor, flt: QueueFilter, offset: int, limit: int) -> list[QueueRow]:
        actor.require(Permission.VIEW_APPLICATIONS)
        calendar = self._calendar.working_calendar()
        query = (
            sa.select(Application)
            # One search, one audit record: the first page audits it, further pages and the
            # count that goes with it do not.
            .where(*self._where(actor, flt, calendar, audit_search=offset == 0))
            .order_by(*self._order(flt))
            .offset(offset)
            .limit(limit)
        )
        today = hk_date(self.clock.now())
        with self.db.read() as session:
            forms = list(session.execute(query).scalars())
            members = self._members_of(session, [f.id for f in forms])
        rows = []
        for form in forms:
            own = members.get(form.id, [])
            principal = next((m for m in own if m.relationship == "self"), own[0] if own else None)
            outcomes = Counter(m.outcome or "UNVERIFIED" for m in own)
            rows.append(
                QueueRow(
                    form_id=form.form_id,
                    channel=form.channel,
                    received_date=form.received_date,
                    deadline=form.notification_deadline,
                    working_days_left=working_days_left(
                        form.notification_deadline, today, calendar
                    ),
                    deadline_state=self._state(form, today, calendar),
                    status=form.status,
                    assigned_to=form.assigned_to,
                    principal_name_en=principal.name_en if principal else "",
                    principal_name_zh=principal.name_zh if principal else "",
                    department=principal.department if principal else "",
                    members=len(own),
                    undecided=sum(1 for m in own if m.decision is None),
                    outcomes=dict(sorted(outcomes.items())),
                    version=form.version,
                )
            )
        return rows

    def _state(self, form: Application, today: date, calendar: WorkingCalendar) -> DeadlineState:
        if form.status != "OPEN":
            return DeadlineState.ON_TRACK
        return deadline_state(form.notification_deadline, today, calendar)

    def _members_of(
        self, session: Session, application_ids: list[int]
    ) -> dict[int, list[ApplicationMember]]:
        if not application_ids:
            return {}
        found: dict[int, list[ApplicationMember]] = {}
        query = (
            sa.select(ApplicationMember)
            .where(ApplicationMember.application_id.in_(application_ids))
            .order_by(ApplicationMember.application_id, ApplicationMember.position)
        )
        for member in session.execute(query).scalars():
            found.setdefault(member.application_id, []).append(member)
        return found

    def count(self, actor: Actor, flt: QueueFilter) -> int:
        actor.require(Permission.VIEW_APPLICATIONS)
        calendar = self._calendar.working_calendar()
        query = (
            sa.select(sa.func.count())
            .select_from(Application)
            .where(*self._where(actor, flt, calendar, audit_search=False))
        )
        with self.db.read() as session:
            return int(session.execute(query).scalar_one())

    def counts(self, actor: Actor) -> QueueCounts:
        """Counts per status and against the 14-working-day deadline (R4.3), for the header."""
        actor.require(Permission.VIEW_APPLICATIONS)
        calendar = self._calendar.working_calendar()
        today, limit = self._risk_bounds(calendar, DEFAULT_AT_RISK_WORKING_DAYS)
        with self.db.read() as session:
            by_status = {
                status: int(n)
                for status, n in session.execute(
                    sa.select(Application.status, sa.func.count()).group_by(Application.status)
                )
            }
            open_ = Application.status == "OPEN"
            overdue = session.execute(
                sa.select(sa.func.count()).where(open_, Application.notification_deadline < today)
            ).scalar_one()
            at_risk = session.execute(
                sa.select(sa.func.count()).where(
                    open_, Application.notification_deadline.between(today, limit)
                )
            ).scalar_one()
        return QueueCounts(by_status, int(at_risk), int(overdue), sum(by_status.values()))

    # -- one form ----------------------------------------------------------------------------
    def _form(self, session: Session, form_id: str) -> Application:
        form = session.execute(
            sa.select(Application).where(Application.form_id == form_id.strip())
        ).scalar_one_or_none()
        if form is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "no application {form_id}"), form_id=form_id)
        return form

    def detail(self, actor: Actor, form_id: str) -> ApplicationDetail:
        actor.require(Permission.VIEW_APPLICATIONS)
        calendar = self._calendar.working_calendar()
        today = hk_date(self.clock.now())
        with self.db.read() as session:
            form = self._form(session, form_id)
            members = self._members_of(session, [form.id]).get(form.id, [])
            remarks = session.execute(
                sa.select(ApplicationRemark)
                .where(ApplicationRemark.application_id == form.id)
                .order_by(ApplicationRemark.at, ApplicationRemark.id)
            ).scalars()
            return ApplicationDetail(
                form_id=form.form_id,
                channel=form.channel,
                submitted_at=form.submitted_at,
                received_date=form.received_date,
                deadline=form.notification_deadline,
                working_days_left=working_days_left(form.notification_deadline, today, calendar),
                deadline_state=self._state(form, today, calendar),
                status=form.status,
                applicant_hkid=form.applicant_hkid,
                applicant_email=form.applicant_email,
                applicant_mobile=form.applicant_mobile,
                clinic_code=form.clinic_code,
                keyed_by=form.keyed_by,
                signature_key_id=form.signature_key_id,
                assigned_to=form.assigned_to,
                version=form.version,
                members=[_member_row(m) for m in members],
                remarks=[RemarkRow(r.author, r.at, r.text) for r in remarks],
            )

    # -- assignment and remarks --------------------------------------------------------------------
    def assignable_officers(self, actor: Actor) -> list[tuple[str, str]]:
        """(user name, display name) of active verifiers and supervisors."""
        actor.require(Permission.VIEW_APPLICATIONS)
        with self.db.read() as session:
            rows = session.execute(
                sa.select(StaffUser.username, StaffUser.display_name)
                .where(
                    StaffUser.active.is_(True),
                    StaffUser.role.in_([r.value for r in ASSIGNABLE_ROLES]),
                )
                .order_by(StaffUser.username)
            ).all()
        return [(name, display) for name, display in rows]

    def assign(self, actor: Actor, form_ids: list[str], officer: str | None) -> int:
        """A supervisor assigns forms to an officer (None: back to the pool). Audited per form."""
        actor.require(Permission.ASSIGN_WORK)
        if not form_ids:
            return 0
        with self.db.write() as session:
            if officer is not None:
                user = session.execute(
                    sa.select(StaffUser).where(StaffUser.username == officer)
                ).scalar_one_or_none()
                if user is None or not user.active or Role(user.role) not in ASSIGNABLE_ROLES:
                    raise InvalidInput(
                        QT_TRANSLATE_NOOP(
                            "errors", "{user} is not an active verifier or supervisor"
                        ),
                        user=officer,
                    )
            forms = list(
                session.execute(
                    sa.select(Application).where(Application.form_id.in_(form_ids))
                ).scalars()
            )
            missing = sorted(set(form_ids) - {f.form_id for f in forms})
            if missing:
                raise NotFound(
                    QT_TRANSLATE_NOOP("errors", "no application {form_id}"),
                    form_id=", ".join(missing),
                )
            changed = 0
            for form in forms:
                if form.assigned_to == officer:
                    continue
                before = form.assigned_to
                form.assigned_to = officer
                append_audit(
                    session,
                    self.clock,
                    actor,
                    "application.assign",
                    "application",
                    form.form_id,
                    before={"assigned_to": before},
                    after={"assigned_to": officer},
                )
                changed += 1
            return changed

    def add_remark(self, actor: Actor, form_id: str, text: str) -> RemarkRow:
        actor.require(Permission.VIEW_APPLICATIONS)
        text = text.strip()
        if not text:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "a remark cannot be empty"))
        if len(text) > 4000:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "a remark is limited to 4000 characters")
            )
        now = self.clock.now()
        with self.db.write() as session:
            form = self._form(session, form_id)
            session.add(
                ApplicationRemark(application_id=form.id, author=actor.username, at=now, text=text)
            )
            append_audit(
                session,
                self.clock,
                actor,
                "application.remark",
                "application",
                form.form_id,
                after={"text": text},
            )
        return RemarkRow(actor.username, now, text)

    def history(self, actor: Actor, form_id: str) -> list[HistoryRow]:
        """Everything that happened to a form and its members, oldest first (who, what, when)."""
        actor.require(Permission.VIEW_APPLICATIONS)
        with self.db.read() as session:
            form = self._form(session, form_id)
            records = session.execute(
                sa.select(AuditRecord)
                .where(
                    sa.or_(
                        sa.and_(
                            AuditRecord.entity_type == "application",
                            AuditRecord.entity_id == form.form_id,
                        ),
                        sa.and_(
                            AuditRecord.entity_type == "application_member",
                            AuditRecord.entity_id.like(f"{form.form_id}/%"),
                        ),
                    )
                )
                .order_by(AuditRecord.id)
            ).scalars()
            return [
                HistoryRow(r.at, r.actor, r.action, r.entity_id, r.before, r.after) for r in records
            ]

    # -- lists for filter boxes ------------------------------------------------------------------
    def departments(self, actor: Actor) -> list[str]:
        actor.require(Permission.VIEW_APPLICATIONS)
        with self.db.read() as session:
            return list(
                session.execute(
                    sa.select(ApplicationMember.department)
                    .distinct()
                    .order_by(ApplicationMember.department)
                ).scalars()
            )

    def clinics(self) -> list[tuple[str, str, str]]:
        with self.db.read() as session:
            return [
                (c.code, c.name_en, c.name_zh)
                for c in session.execute(sa.select(Clinic).order_by(Clinic.sort_order)).scalars()
            ]


def _member_row(m: ApplicationMember) -> MemberRow:
    return MemberRow(
        member_id=m.id,
        position=m.position,
        hkid=m.hkid,
        name_en=m.name_en,
        name_zh=m.name_zh,
        date_of_birth=m.date_of_birth,
        category=m.category,
        relationship=m.relationship,
        principal_hkid=m.principal_hkid,
        department=m.department,
        staff_no=m.staff_no,
        email=m.email,
        child_status=m.child_status,
        outcome=m.outcome,
        reasons=list(json.loads(m.outcome_reasons or "[]")),
        similarity=m.name_similarity,
        verified_at=m.verified_at,
        decision=m.decision,
        decision_reason=m.decision_reason,
        decision_note=m.decision_note,
        decided_by=m.decided_by,
        decided_at=m.decided_at,
        version=m.version,
    )
