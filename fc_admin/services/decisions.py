"""Officers' decisions on members (R3.4), the application queue, and the query export (F4).

Each member is approved, rejected with a coded reason, or queried with the department. Approving a
member whose verification outcome is not ``ELIGIBLE`` is an override: a supervisor's permission and
a written justification. Decisions use optimistic locking (the member's ``version``); an
application is ``DONE`` once every member is approved or rejected. Every decision is audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from fc_admin.db import Database
from fc_admin.domain.eligibility import Outcome
from fc_admin.domain.hkid import InvalidHkid, mask_hkid, normalise_hkid
from fc_admin.domain.hktime import HONG_KONG, hk_date
from fc_admin.domain.roles import Permission
from fc_admin.exchange.query_list import (
    QueryListRow,
    issues_for,
    write_query_list,
    write_query_list_xlsx,
)
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import Account, Application, ApplicationMember, AuditRecord, RosterSource
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.audit_bulk import BulkAuditWriter
from fc_admin.services.clock import Clock
from fc_admin.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied

__all__ = [
    "APPLICATION_STATUSES",
    "DECISIONS",
    "FINAL_DECISIONS",
    "REJECT_REASONS",
    "ApplicationSummary",
    "DecisionService",
    "MemberDecisionRow",
    "MemberSummary",
]

DECISIONS: Final = ("approve", "reject", "query")
FINAL_DECISIONS: Final = ("approve", "reject")
APPLICATION_STATUSES: Final = ("OPEN", "DONE")

# R3.4: a rejection carries one of these codes; OTHER needs a note saying what.
REJECT_REASONS: Final = (
    "NOT_ELIGIBLE",
    "NOT_ON_ROSTER",
    "PARTICULARS_DIFFER",
    "DUPLICATE",
    "WITHDRAWN",
    "OTHER",
)

# What "the automatic verification" is called where a user name is expected (conflict messages).
VERIFICATION_ACTOR: Final = "verification"

_CHUNK = 5_000  # ids per IN (...) list, below every database's limit of bound parameters


@dataclass(frozen=True)
class MemberDecisionRow:
    member_id: int
    form_id: str
    hkid: str  # canonical
    name_en: str
    outcome: Outcome | None
    reasons: list[str]
    decision: str | None
    decision_reason: str | None
    decision_note: str | None
    decided_by: str | None
    decided_at: datetime | None
    version: int  # pass back as expected_version
    application_status: str


@dataclass(frozen=True)
class MemberSummary:
    member_id: int
    position: int
    hkid: str  # canonical
    name_en: str
    outcome: str | None
    decision: str | None
    version: int


@dataclass(frozen=True)
class ApplicationSummary:
    form_id: str
    channel: str
    received_date: date
    notification_deadline: date
    status: str
    assigned_to: str | None
    members: list[MemberSummary] = field(default_factory=list)


def _moment_text(at: datetime, today: date) -> str:
    """HH:MM in Hong Kong; with the date when it is not today."""
    local = at.astimezone(HONG_KONG)
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%Y-%m-%d %H:%M")


def _chunks(values: Sequence[int], size: int = _CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


def _undecided(member: Any) -> sa.ColumnElement[bool]:
    return sa.or_(member.decision.is_(None), member.decision.not_in(FINAL_DECISIONS))


class DecisionService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- one decision --------------------------------------------------------------------------
    def decide(
        self,
        actor: Actor,
        form_id: str,
        hkid: str,
        decision: str,
        reason: str | None = None,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> MemberDecisionRow:
        """R3.4: approve, reject (coded reason) or query one member of a form; audited.

        ``expected_version`` is the member's version the officer saw; if it moved meanwhile
        the decision is refused with :class:`Conflict` naming who changed it and when.
        """
        actor.require(Permission.DECIDE_MEMBERS)
        decision = decision.strip().lower()
        if decision not in DECISIONS:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "unknown decision {decision} (allowed: {allowed})"),
                decision=decision,
                allowed=", ".join(DECISIONS),
            )
        canonical = self._canonical_hkid(hkid)
        note = (note or "").strip() or None
        code = self._reason_code(decision, reason, note)
        form_id = form_id.strip()
        try:
            with self.db.write() as session:
                return self._decide(
                    session, actor, form_id, canonical, decision, code, note, expected_version
                )
        except StaleDataError:
            # Somebody else's update of the same row committed between our read and write.
            with self.db.read() as session:
                application, member = self._load(session, form_id, canonical)
                raise self._changed(session, application.form_id, member) from None

    @staticmethod
    def _canonical_hkid(hkid: str) -> str:
        try:
            return normalise_hkid(hkid)
        except InvalidHkid as exc:
            # The value itself is not repeated: messages end up in logs (R9.3).
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "the HKID number given is not valid: {reason}"),
                reason=exc.reason,
            ) from None

    @staticmethod
    def _reason_code(decision: str, reason: str | None, note: str | None) -> str | None:
        code = (reason or "").strip().upper() or None
        if decision != "reject":
            if code is not None:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "a reason code goes with a rejection only; for {decision} write a note",
                    ),
                    decision=decision,
                )
            return None
        if code not in REJECT_REASONS:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "a rejection needs one of the reason codes {allowed}"),
                allowed=", ".join(REJECT_REASONS),
            )
        if code == "OTHER" and not note:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "a rejection for reason OTHER needs a note saying why")
            )
        return code

    def _load(
        self, session: Session, form_id: str, hkid: str, *, lock: bool = False
    ) -> tuple[Application, ApplicationMember]:
        query = sa.select(Application).where(Application.form_id == form_id)
        if lock:
            # PostgreSQL: decisions on one form take turns, so that the form's status is counted
            # right. (SQLite: the write transaction already holds the database's write lock.)
            query = query.with_for_update()
        application = session.execute(query).scalar_one_or_none()
        if application is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("errors", "there is no application form {form_id}"),
                form_id=form_id,
            )
        member = session.execute(
            sa.select(ApplicationMember).where(
                ApplicationMember.application_id == application.id,
                ApplicationMember.hkid == hkid,
            )
        ).scalar_one_or_none()
        if member is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("errors", "form {form_id} has no member {hkid}"),
                form_id=form_id,
                hkid=mask_hkid(hkid),
            )
        return application, member

    def _decide(
        self,
        session: Session,
        actor: Actor,
        form_id: str,
        hkid: str,
        decision: str,
        code: str | None,
        note: str | None,
        expected_version: int | None,
    ) -> MemberDecisionRow:
        application, member = self._load(session, form_id, hkid, lock=True)
        if expected_version is not None and member.version != expected_version:
            raise self._changed(session, application.form_id, member)
        if member.decision in FINAL_DECISIONS:
            if not actor.may(Permission.OVERRIDE_DECISIONS):
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "{form_id} / {hkid} was already decided ({decision}) by {user} at "
                        "{time}; only a supervisor can change it",
                    ),
                    form_id=application.form_id,
                    hkid=mask_hkid(hkid),
                    decision=member.decision,
                    user=member.decided_by or "?",
                    time=self._time_text(member.decided_at),
                )
            if member.decision != decision and self._has_account(session, member.id):
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "activation details were already issued for {form_id} / {hkid}; "
                        "suspend the account instead of changing the decision",
                    ),
                    form_id=application.form_id,
                    hkid=mask_hkid(hkid),
                )
        if decision == "approve" and member.outcome != Outcome.ELIGIBLE:
            outcome = member.outcome or "UNVERIFIED"
            if not actor.may(Permission.OVERRIDE_DECISIONS):
                raise PermissionDenied(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "{form_id} / {hkid} is {outcome}, not ELIGIBLE: approving it needs a "
                        "supervisor",
                    ),
                    form_id=application.form_id,
                    hkid=mask_hkid(hkid),
                    outcome=outcome,
                )
            if not note:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "{form_id} / {hkid} is {outcome}, not ELIGIBLE: approving it needs a "
                        "written justification",
                    ),
                    form_id=application.form_id,
                    hkid=mask_hkid(hkid),
                    outcome=outcome,
                )
        before = self._decision_state(member)
        unchanged = (member.decision, member.decision_reason, member.decision_note) == (
            decision,
            code,
            note,
        )
        if not unchanged:
            member.decision = decision
            member.decision_reason = code
            member.decision_note = note
            member.decided_by = actor.username
            member.decided_at = self.clock.now()
            session.flush()  # the version check happens here (StaleDataError)
            status = self._recount(session, application.id)
            if application.status != status:
                application.status = status
                session.flush()
            append_audit(
                session,
                self.clock,
                actor,
                "member.decide",
                "application_member",
                f"{application.form_id}/{hkid}",
                before=before,
                after={**self._decision_state(member), "outcome": member.outcome},
            )
        return self._row(application, member)

    @staticmethod
    def _decision_state(member: ApplicationMember) -> dict[str, Any]:
        return {
            "decision": member.decision,
            "reason": member.decision_reason,
            "note": member.decision_note,
            "decided_by": member.decided_by,
        }

    @staticmethod
    def _has_account(session: Session, member_id: int) -> bool:
        found = session.execute(
            sa.select(Account.id).where(Account.member_id == member_id).limit(1)
        ).first()
        return found is not None

    @staticmethod
    def _recount(session: Session, application_id: int) -> str:
        waiting = session.execute(
            sa.select(sa.func.count())
            .select_from(ApplicationMember)
            .where(
                ApplicationMember.application_id == application_id, _undecided(ApplicationMember)
            )
        ).scalar_one()
        return "OPEN" if waiting else "DONE"

    def _time_text(self, at: datetime | None) -> str:
        return "?" if at is None else _moment_text(at, hk_date(self.clock.now()))

    def _changed(self, session: Session, form_id: str, member: ApplicationMember) -> Conflict:
        """Conflict naming the last change of the member: a decision, or a verification."""
        changes: list[tuple[datetime, str]] = []
        if member.decided_at is not None:
            changes.append((member.decided_at, member.decided_by or "?"))
        if member.verified_at is not None:
            changes.append((member.verified_at, VERIFICATION_ACTOR))
        if not changes:
            last = session.execute(
                sa.select(AuditRecord.at, AuditRecord.actor)
                .where(
                    AuditRecord.entity_type == "application_member",
                    AuditRecord.entity_id == f"{form_id}/{mask_hkid(member.hkid)}",
                )
                .order_by(AuditRecord.id.desc())
                .limit(1)
            ).first()
            if last is not None:
                changes.append((last[0], last[1]))
        at, user = max(changes) if changes else (None, "?")
        return Conflict(
            QT_TRANSLATE_NOOP(
                "errors", "{form_id} / {hkid} was changed by {user} at {time}, reload"
            ),
            form_id=form_id,
            hkid=mask_hkid(member.hkid),
            user=user,
            time=self._time_text(at),
        )

    @staticmethod
    def _row(application: Application, member: ApplicationMember) -> MemberDecisionRow:
        return MemberDecisionRow(
            member_id=member.id,
            form_id=application.form_id,
            hkid=member.hkid,
            name_en=member.name_en,
            outcome=Outcome(member.outcome) if member.outcome else None,
            reasons=list(json.loads(member.outcome_reasons or "[]")),
            decision=member.decision,
            decision_reason=member.decision_reason,
            decision_note=member.decision_note,
            decided_by=member.decided_by,
            decided_at=member.decided_at,
            version=member.version,
            application_status=application.status,
        )

    # -- the batch -----------------------------------------------------------------------------
    def approve_eligible(self, actor: Actor, form_ids: Sequence[str] | None = None) -> int:
        """Approve every undecided ``ELIGIBLE`` member (of ``form_ids``, or of every form).

        One decision of the acting user, set-based; one audit record per member, so that each
        form's history is complete. Queried members are left to an officer. Returns how many.
        """
        actor.require(Permission.DECIDE_MEMBERS)
        now = self.clock.now()
        m: sa.Table = ApplicationMember.__table__  # type: ignore[assignment]
        with self.db.write() as session:
            criteria: list[sa.ColumnElement[bool]] = [
                ApplicationMember.outcome == Outcome.ELIGIBLE.value,
                ApplicationMember.decision.is_(None),
            ]
            if form_ids is not None:
                application_ids = self._application_ids(session, form_ids)
                if not application_ids:
                    return 0
                criteria.append(ApplicationMember.application_id.in_(application_ids))
            candidates = session.execute(
                sa.select(
                    ApplicationMember.id,
                    ApplicationMember.application_id,
                    ApplicationMember.hkid,
                    Application.form_id,
                )
                .join(Application, Application.id == ApplicationMember.application_id)
                .where(*criteria)
                .order_by(Application.id, ApplicationMember.position)
            ).all()
            if not candidates:
                return 0
            touched = sorted({row.application_id for row in candidates})
            if session.get_bind().dialect.name == "postgresql":
                for chunk in _chunks(touched):  # same lock order as decide(): form, then member
                    session.execute(
                        sa.select(Application.id)
                        .where(Application.id.in_(chunk))
                        .order_by(Application.id)
                        .with_for_update()
                    ).all()
            approved: set[int] = set()
            for chunk in _chunks([row.id for row in candidates]):
                approved.update(
                    session.execute(
                        sa.update(m)
                        .where(
                            m.c.id.in_(chunk),
                            m.c.decision.is_(None),  # unless decided meanwhile
                            m.c.outcome == Outcome.ELIGIBLE.value,
                        )
                        .values(
                            decision="approve",
                            decision_reason=None,
                            decision_note=None,
                            decided_by=actor.username,
                            decided_at=now,
                            version=m.c.version + 1,
                        )
                        .returning(m.c.id)
                    ).scalars()
                )
            self._close_done(session, touched)
            audit = BulkAuditWriter(session, now, actor.username)
            for row in candidates:
                if row.id in approved:
                    audit.add(
                        "member.decide",
                        "application_member",
                        f"{row.form_id}/{row.hkid}",
                        before={"decision": None, "reason": None, "note": None, "decided_by": None},
                        after={
                            "decision": "approve",
                            "reason": None,
                            "note": None,
                            "decided_by": actor.username,
                            "outcome": Outcome.ELIGIBLE.value,
                            "batch": True,
                        },
                    )
            audit.flush()
        # The ORM identity map of a later session knows nothing of these rows: nothing to expire.
        return len(approved)

    @staticmethod
    def _application_ids(session: Session, form_ids: Sequence[str]) -> list[int]:
        wanted = sorted({f.strip() for f in form_ids if f.strip()})
        found: dict[str, int] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            found.update(
                (form_id, app_id)
                for form_id, app_id in session.execute(
                    sa.select(Application.form_id, Application.id).where(
                        Application.form_id.in_(chunk)
                    )
                ).tuples()
            )
        missing = [f for f in wanted if f not in found]
        if missing:
            raise NotFound(
                QT_TRANSLATE_NOOP("errors", "there is no application form {form_id}"),
                form_id=", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""),
            )
        return sorted(found.values())

    @staticmethod
    def _close_done(session: Session, application_ids: list[int]) -> None:
        """Applications whose members are all approved or rejected become DONE (set-based)."""
        a: sa.Table = Application.__table__  # type: ignore[assignment]
        om = aliased(ApplicationMember, name="om")
        for chunk in _chunks(application_ids):
            session.execute(
                sa.update(a)
                .where(
                    a.c.id.in_(chunk),
                    a.c.status != "DONE",
                    ~sa.select(om.id).where(om.application_id == a.c.id, _undecided(om)).exists(),
                )
                .values(status="DONE", version=a.c.version + 1)
            )

    # -- the queue -----------------------------------------------------------------------------
    def list_applications(
        self, actor: Actor, status: str | None = None
    ) -> list[ApplicationSummary]:
        """``fc-admin applications list``: forms by deadline with their members.

        ``status``: ``OPEN`` or ``DONE`` (the form's status), or an outcome name (the forms with
        at least one member of that outcome; all their members are listed).
        """
        actor.require(Permission.VIEW_APPLICATIONS)
        query = (
            sa.select(Application, ApplicationMember)
            .join(ApplicationMember, ApplicationMember.application_id == Application.id)
            .order_by(
                Application.notification_deadline,
                Application.form_id,
                ApplicationMember.position,
            )
        )
        if status is not None:
            wanted = status.strip().upper()
            if wanted in APPLICATION_STATUSES:
                query = query.where(Application.status == wanted)
            elif wanted in Outcome.__members__:
                om = aliased(ApplicationMember, name="om")
                query = query.where(
                    sa.select(om.id)
                    .where(om.application_id == Application.id, om.outcome == wanted)
                    .exists()
                )
            else:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("errors", "unknown status {status} (allowed: {allowed})"),
                    status=status,
                    allowed=", ".join([*APPLICATION_STATUSES, *Outcome.__members__]),
                )
        summaries: list[ApplicationSummary] = []
        with self.db.read() as session:
            for application, member in session.execute(query).tuples():
                if not summaries or summaries[-1].form_id != application.form_id:
                    summaries.append(
                        ApplicationSummary(
                            form_id=application.form_id,
                            channel=application.channel,
                            received_date=application.received_date,
                            notification_deadline=application.notification_deadline,
                            status=application.status,
                            assigned_to=application.assigned_to,
                        )
                    )
                summaries[-1].members.append(
                    MemberSummary(
                        member_id=member.id,
                        position=member.position,
                        hkid=member.hkid,
                        name_en=member.name_en,
                        outcome=member.outcome,
                        decision=member.decision,
                        version=member.version,
                    )
                )
        return summaries

    # -- F4 --------------------------------------------------------------------------------------
    def export_queries(
        self, actor: Actor, department: str, out: Path, kind: str | None = None
    ) -> int:
        """The department's query list (F4, R12.1) written to ``out``; rows written. Audited.

        ``kind`` ``csv`` (R12.3) or ``xlsx`` (a workbook); None: ``xlsx`` when ``out`` ends with
        ``.xlsx``, else CSV.
        """
        actor.require(Permission.EXPORT_FILES)
        if kind is None:
            kind = "xlsx" if out.suffix.lower() == ".xlsx" else "csv"
        if kind not in ("csv", "xlsx"):
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "unknown file kind {kind} (allowed: csv, xlsx)"),
                kind=kind,
            )
        writer = write_query_list_xlsx if kind == "xlsx" else write_query_list
        with self.db.write() as session:
            code = self._require_department(session, department.strip())
            try:
                count = writer(out, self._query_rows(session, code))
            except OSError as exc:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("errors", "cannot write {file}: {reason}"),
                    file=str(out),
                    reason=exc.strerror or type(exc).__name__,
                ) from None
            append_audit(
                session,
                self.clock,
                actor,
                "export.queries",
                "export",
                out.name,
                after={"department": code, "rows": count, "file": out.name},
            )
        return count

    @staticmethod
    def _require_department(session: Session, code: str) -> str:
        """The department's code as the rosters spell it (codes such as ``ImmD`` are mixed case;
        an operator typing ``IMMD`` or ``immd`` means the same department)."""
        known_codes = set(session.execute(sa.select(RosterSource.code)).scalars()) | set(
            session.execute(sa.select(ApplicationMember.department).distinct()).scalars()
        )
        if code in known_codes:
            return code
        by_case = {c.upper(): c for c in known_codes}
        known = by_case.get(code.upper())
        if known is not None:
            return known
        raise NotFound(
            QT_TRANSLATE_NOOP("errors", "unknown department {code} (known: {known})"),
            code=code,
            known=", ".join(sorted(known_codes)),
        )

    @staticmethod
    def _query_rows(session: Session, department: str) -> Iterator[QueryListRow]:
        m = aliased(ApplicationMember, name="m")
        principal = aliased(ApplicationMember, name="pm")
        flagged = (Outcome.NOT_FOUND, Outcome.MISMATCH, Outcome.REVIEW, Outcome.INELIGIBLE)
        query = (
            sa.select(
                m.id,
                Application.form_id,
                Application.received_date,
                m.staff_no,
                principal.staff_no.label("principal_staff_no"),
                principal.name_en.label("principal_name_en"),
                m.name_en,
                m.name_zh,
                m.hkid,
                m.relationship,
                m.date_of_birth,
                m.outcome,
                m.outcome_reasons,
                m.name_similarity,
                m.decision,
                m.decision_note,
                m.decided_at,
                m.verified_at,
            )
            .join(Application, Application.id == m.application_id)
            .outerjoin(
                principal,
                sa.and_(
                    principal.application_id == m.application_id,
                    principal.hkid == m.principal_hkid,
                ),
            )
            .where(
                m.department == department,
                sa.or_(
                    m.decision == "query",
                    sa.and_(m.decision.is_(None), m.outcome.in_([o.value for o in flagged])),
                ),
            )
            .order_by(Application.received_date, Application.form_id, m.position, principal.id)
        )
        seen: int | None = None
        for row in session.execute(query, execution_options={"yield_per": 2_000}):
            if row.id == seen:  # a form listing its principal twice: once is enough
                continue
            seen = row.id
            issues = issues_for(
                department=department,
                decision=row.decision,
                outcome=row.outcome,
                reasons=json.loads(row.outcome_reasons or "[]"),
                note=row.decision_note,
                similarity=row.name_similarity,
            )
            for issue_code, detail in issues:
                yield QueryListRow(
                    department=department,
                    form_id=row.form_id,
                    received_date=row.received_date,
                    staff_no=row.principal_staff_no or row.staff_no,
                    principal_name_en=row.principal_name_en or "",
                    member_name_en=row.name_en,
                    member_name_zh=row.name_zh or "",
                    member_hkid_masked=mask_hkid(row.hkid),
                    relationship=row.relationship,
                    date_of_birth_on_form=row.date_of_birth,
                    issue_code=issue_code,
                    issue_detail=detail,
                    flagged_at=row.decided_at if row.decision == "query" else row.verified_at,
                )
