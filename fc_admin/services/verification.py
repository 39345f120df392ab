"""Verifying application members against the current rosters (R3.2, R3.5; R1, R2.4).

Set-based: whatever the number of members, a run is one streamed joined SELECT (members, their
current roster rows by HKID, and each roster row's principal in the same import), one SELECT for
duplicates (R2.4), the outcome of each member computed in Python with the pure rules of
:mod:`fc_admin.domain.eligibility` and :mod:`fc_admin.domain.names`, and one executemany UPDATE.
There is no query per member.

:func:`verify_members` works inside the caller's session (the roster and e-form imports call it in
their own transaction, R3.5); :class:`VerificationService` is the use case of its own, with its
permission check and audit record, and the side-by-side view of one member for an officer.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from fc_admin.db import Database
from fc_admin.domain.eligibility import (
    CATEGORY_MISMATCH,
    DOB_MISMATCH,
    NAME_MISMATCH,
    PRINCIPAL_MISMATCH,
    RELATIONSHIP_MISMATCH,
    Outcome,
    RosterFacts,
    age_out_dates,
    judge_eligibility,
)
from fc_admin.domain.hktime import hk_date, require_aware
from fc_admin.domain.names import compare_names, names_equivalent_en, normalise_name_zh
from fc_admin.domain.roles import Permission
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import (
    Account,
    Application,
    ApplicationMember,
    RosterImport,
    RosterPerson,
)
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import Clock
from fc_admin.services.errors import NotFound
from fc_admin.tasks import TaskControl

__all__ = [
    "COMPARED_FIELDS",
    "DUPLICATE_ACCOUNT",
    "DUPLICATE_APPLICATION",
    "NOT_FOUND",
    "WAITING_DECISIONS",
    "MemberComparison",
    "Particulars",
    "VerificationResult",
    "VerificationService",
    "outcome_counts",
    "verify_members",
]

# --- Reason codes of this module (the others are in fc_admin.domain.eligibility) ----------------
NOT_FOUND: Final = "NOT_FOUND"  # no current roster row for the HKID (also an F4 issue code)
DUPLICATE_ACCOUNT: Final = "DUPLICATE_ACCOUNT"  # R2.4: the person already holds an account
DUPLICATE_APPLICATION: Final = "DUPLICATE_APPLICATION"  # R2.4: on an earlier pending application

# A member is "waiting" until an officer approves or rejects it; a queried member still waits for
# the department's answer and is verified again (R3.5).
WAITING_DECISIONS: Final = (None, "query")

# The particulars the side-by-side view compares (keys of MemberComparison.differs).
COMPARED_FIELDS: Final = (
    "name_en",
    "name_zh",
    "date_of_birth",
    "category",
    "relationship",
    "principal_hkid",
    "source",
)

_STREAM_PARTITION = 5_000
_UPDATE_BATCH = 10_000
_MEMBER_ID_CHUNK = 10_000  # below every database's limit of bound parameters

# Which of several current roster rows of one HKID (a person listed by two sources: an officer
# who is also a pensioner's spouse) explains the form best: the one whose particulars agree.
_CANDIDATE_RANK: Final = {
    Outcome.ELIGIBLE: 0,
    Outcome.REVIEW: 1,
    Outcome.INELIGIBLE: 2,
    Outcome.MISMATCH: 3,
}


@dataclass(frozen=True, slots=True)
class VerificationResult:
    member_id: int
    form_id: str
    hkid: str  # canonical (R9.2)
    outcome: Outcome
    reasons: list[str]
    similarity: float | None  # of the English names; None when no roster row was found


@dataclass(frozen=True)
class Particulars:
    """One side of the side-by-side view: what the form says, or what the roster says.

    ``source`` is the form's ``department`` or the roster's source; ``status`` and
    ``status_date`` are the roster's (None on the form's side).
    """

    hkid: str
    name_en: str
    name_zh: str
    date_of_birth: date
    category: str
    relationship: str
    principal_hkid: str
    source: str
    staff_no: str | None
    child_status: str | None
    status: str | None = None
    status_date: date | None = None


@dataclass(frozen=True)
class MemberComparison:
    """A member's form particulars beside the roster row it was matched with (R3.2, R1.4).

    HKIDs are in full: the view masks them for roles without ``SEE_FULL_HKID`` (R9.3).
    ``outcome``, ``reasons`` and ``similarity`` are as of the stored verification (None before
    the first one); ``differs`` is computed now against the current roster, keyed by
    :data:`COMPARED_FIELDS`, all False when no roster row was found.
    """

    member_id: int
    form_id: str
    position: int
    form: Particulars
    roster: Particulars | None
    differs: dict[str, bool]
    outcome: Outcome | None
    reasons: list[str]
    similarity: float | None
    verified_at: datetime | None
    ages_out_19: date | None  # R1.4: the 19th birthday of a child, from the roster's date of birth
    ages_out_21: date | None
    roster_source: str | None
    roster_as_of: date | None
    principal_status: str | None  # the status of the principal's roster row
    decision: str | None
    decision_reason: str | None
    decision_note: str | None
    decided_by: str | None
    decided_at: datetime | None
    version: int


# --- The queries ---------------------------------------------------------------------------------
_m = aliased(ApplicationMember, name="m")
_a = aliased(Application, name="a")
_p = aliased(RosterPerson, name="p")
_pr = aliased(RosterPerson, name="pr")


def _waiting() -> sa.ColumnElement[bool]:
    return sa.or_(_m.decision.is_(None), _m.decision == "query")


def _restrict(
    stmt: sa.Select[Any], source_code: str | None, member_ids: Sequence[int] | None
) -> sa.Select[Any]:
    stmt = stmt.where(_waiting())
    if source_code is not None:
        stmt = stmt.where(_m.department == source_code)
    if member_ids is not None:
        stmt = stmt.where(_m.id.in_(member_ids))
    return stmt


def _current_imports() -> sa.Select[Any]:
    return sa.select(RosterImport.id).where(RosterImport.is_current == sa.true())


def _candidates_select(*extra: Any) -> sa.Select[Any]:
    """Members left-joined to their current roster rows (several if several sources list them).

    Ordered by member so that the rows of one member arrive together.
    """
    return (
        sa.select(
            _m.id.label("m_id"),
            _a.form_id.label("form_id"),
            _m.hkid.label("m_hkid"),
            _m.name_en.label("m_name_en"),
            _m.name_zh.label("m_name_zh"),
            _m.date_of_birth.label("m_dob"),
            _m.category.label("m_category"),
            _m.relationship.label("m_relationship"),
            _m.principal_hkid.label("m_principal_hkid"),
            _m.department.label("m_department"),
            _p.id.label("p_id"),
            _p.source_code.label("p_source"),
            _p.name_en.label("p_name_en"),
            _p.name_zh.label("p_name_zh"),
            _p.date_of_birth.label("p_dob"),
            _p.category.label("p_category"),
            _p.relationship.label("p_relationship"),
            _p.principal_hkid.label("p_principal_hkid"),
            _p.child_status.label("p_child_status"),
            _p.status.label("p_status"),
            _pr.status.label("pr_status"),
            *extra,
        )
        .select_from(_m)
        .join(_a, _a.id == _m.application_id)
        .outerjoin(
            _p, sa.and_(_p.hkid == _m.hkid, _p.import_id.in_(_current_imports().scalar_subquery()))
        )
        .outerjoin(_pr, sa.and_(_pr.import_id == _p.import_id, _pr.hkid == _p.principal_hkid))
        .order_by(_m.id, _p.id)
    )


def _duplicates_select() -> sa.Select[Any]:
    """Members whose person holds an account, or is on an earlier pending application (R2.4).

    "Earlier" is by ``submitted_at``, then by application id; "pending" is anything not rejected
    and without an account yet (an approved member whose activation details are not issued yet
    still stands in the way of a second account).
    """
    other_m = aliased(ApplicationMember, name="om")
    other_a = aliased(Application, name="oa")
    holds_account = (
        sa.select(Account.id).where(Account.hkid == _m.hkid, Account.member_id != _m.id).exists()
    )
    earlier_application = (
        sa.select(other_m.id)
        .join(other_a, other_a.id == other_m.application_id)
        .where(
            other_m.hkid == _m.hkid,
            other_m.application_id != _m.application_id,
            sa.or_(other_m.decision.is_(None), other_m.decision != "reject"),
            # An approved member with an account is done: DUPLICATE_ACCOUNT says it.
            ~sa.select(Account.id).where(Account.member_id == other_m.id).exists(),
            sa.or_(
                other_a.submitted_at < _a.submitted_at,
                sa.and_(other_a.submitted_at == _a.submitted_at, other_a.id < _a.id),
            ),
        )
        .exists()
    )
    # Only HKIDs on more than one member, or holding an account, can be duplicates: one pass
    # over an index finds them, so that the EXISTS tests run for a handful of members, not all.
    repeated = aliased(ApplicationMember, name="rm")
    suspects = sa.union(
        sa.select(repeated.hkid).group_by(repeated.hkid).having(sa.func.count() > 1),
        sa.select(Account.hkid),
    )
    return (
        sa.select(_m.id, holds_account.label("holds_account"), earlier_application.label("earlier"))
        .select_from(_m)
        .join(_a, _a.id == _m.application_id)
        .where(_m.hkid.in_(suspects), sa.or_(holds_account, earlier_application))
    )


# --- The rules, per member (pure) -----------------------------------------------------------------
# Enum members looked up once: class attribute access on an Enum is slow in a loop of 300,000.
_ELIGIBLE: Final = Outcome.ELIGIBLE
_REVIEW: Final = Outcome.REVIEW
_MISMATCH: Final = Outcome.MISMATCH
_INELIGIBLE: Final = Outcome.INELIGIBLE
_NOT_FOUND: Final = Outcome.NOT_FOUND
_DUPLICATE: Final = Outcome.DUPLICATE
_BASE_COLUMNS: Final = 21  # of _candidates_select(), before any extra column


def _assess(row: Sequence[Any], on: date) -> tuple[Outcome, list[str], float]:
    """The outcome of one member against one roster row of the same HKID (R3.2 without R2.4).

    ``row`` is a row of :func:`_candidates_select`: the form's side, the roster's, and the
    principal's roster status. Every reason found is listed; the worst class decides the outcome:
    MISMATCH > INELIGIBLE > REVIEW > ELIGIBLE.
    """
    (
        _m_id, _form_id, _hkid, m_name_en, m_name_zh, m_dob, m_category, m_relationship,
        m_principal, m_department,
        _p_id, p_source, p_name_en, p_name_zh, p_dob, p_category, p_relationship, p_principal,
        p_child_status, p_status, pr_status,
    ) = row[:_BASE_COLUMNS]  # fmt: skip
    mismatches: list[str] = []
    if m_dob != p_dob:
        mismatches.append(DOB_MISMATCH)
    if m_relationship != p_relationship:
        mismatches.append(RELATIONSHIP_MISMATCH)
    if m_principal != p_principal or m_department != p_source:
        mismatches.append(PRINCIPAL_MISMATCH)
    if m_category != p_category:
        mismatches.append(CATEGORY_MISMATCH)
    # R1.4: judged on the verification date from the roster. A principal's own status is not
    # "the principal's status" (RosterFacts wants None for a principal).
    ineligible = judge_eligibility(
        RosterFacts(
            category=p_category,
            relationship=p_relationship,
            status=p_status,
            child_status=p_child_status,
            date_of_birth=p_dob,
            principal_status=None if p_relationship == "self" else pr_status,
        ),
        on,
    )
    # Fast path for a name typed exactly as listed: equal strings are equivalent under any
    # normalisation (R3.3), and equivalent names score 1.0.
    if m_name_en == p_name_en and (m_name_zh == p_name_zh or not m_name_zh or not p_name_zh):
        equivalent, similarity = True, 1.0
    else:
        comparison = compare_names(m_name_en, m_name_zh, p_name_en, p_name_zh)
        equivalent, similarity = comparison.equivalent, comparison.similarity
    if mismatches:
        outcome = _MISMATCH
    elif ineligible:
        outcome = _INELIGIBLE
    else:
        outcome = _ELIGIBLE if equivalent else _REVIEW
    reasons = mismatches + ineligible
    if not equivalent:
        reasons.append(NAME_MISMATCH)
    return outcome, reasons, similarity


def _best(rows: Sequence[Any], on: date) -> tuple[Outcome, list[str], float | None, Any]:
    """The outcome against the roster row that explains the form best; NOT_FOUND if none."""
    if len(rows) == 1:  # the common case: one roster lists the person, or none
        row = rows[0]
        if row[10] is None:  # p_id: no current roster row
            return _NOT_FOUND, [NOT_FOUND], None, None
        return (*_assess(row, on), row)
    best: tuple[Outcome, list[str], float | None, Any] | None = None
    best_key: tuple[int, int] | None = None
    for row in rows:
        if row[10] is None:
            continue
        outcome, reasons, similarity = _assess(row, on)
        key = (_CANDIDATE_RANK[outcome], len(reasons))
        if best_key is None or key < best_key:  # ties: the lower roster row id (query order)
            best, best_key = (outcome, reasons, similarity, row), key
    if best is None:
        return _NOT_FOUND, [NOT_FOUND], None, None
    return best


def _grouped(rows: Iterable[Any]) -> Iterator[list[Any]]:
    """Consecutive rows of the same member (the SELECT is ordered by member id, column 0)."""
    group: list[Any] = []
    current = None
    for row in rows:
        if row[0] != current:
            if group:
                yield group
            group = []
            current = row[0]
        group.append(row)
    if group:
        yield group


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while results pile up.

    A run allocates a few objects per member and keeps them all (the results), which makes the
    collector walk an ever larger heap again and again; none of them form cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _chunks(ids: Sequence[int], size: int) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


# --- The contract for the imports ----------------------------------------------------------------
def verify_members(
    session: Session,
    clock: Clock,
    at: datetime,
    *,
    source_code: str | None = None,
    member_ids: Sequence[int] | None = None,
    control: TaskControl | None = None,
) -> list[VerificationResult]:
    """Verify the members still waiting (no decision, or queried), inside ``session`` (R3.2).

    ``at`` is the moment of verification: eligibility is judged on its Hong Kong date (R1.4).
    ``verified_at`` is stored as ``clock.now()``. With ``source_code`` only the members whose
    principal belongs to that source (the form's ``department``, R3.5); with ``member_ids`` only
    those. Flushes, never commits. ``control`` reports progress and may cancel (the caller's
    transaction then rolls back).
    """
    require_aware(at, "at")
    session.flush()
    with _collector_paused():
        if member_ids is None:
            results = _verify(session, clock, at, source_code, None, control)
        else:
            results = []
            for chunk in _chunks(member_ids, _MEMBER_ID_CHUNK):
                results += _verify(session, clock, at, source_code, chunk, control)
    # The UPDATE went round the ORM: members loaded in this session now have a stale version.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, ApplicationMember):
            session.expire(obj)
    return results


def _verify(
    session: Session,
    clock: Clock,
    at: datetime,
    source_code: str | None,
    member_ids: Sequence[int] | None,
    control: TaskControl | None,
) -> list[VerificationResult]:
    on = hk_date(at)
    verified_at = clock.now()
    require_aware(verified_at, "clock.now()")
    total = 0
    if control is not None:
        count = _restrict(sa.select(sa.func.count()).select_from(_m), source_code, member_ids)
        total = int(session.execute(count).scalar_one())
        control.progress(0, total, "members")

    duplicates: dict[int, list[str]] = {}
    for member_id, holds_account, earlier in session.execute(
        _restrict(_duplicates_select(), source_code, member_ids)
    ):
        codes = []
        if holds_account:
            codes.append(DUPLICATE_ACCOUNT)
        if earlier:
            codes.append(DUPLICATE_APPLICATION)
        duplicates[member_id] = codes

    results: list[VerificationResult] = []
    # Through the Connection: plain rows, without the ORM's loading machinery per row.
    stream = session.connection().execute(
        _restrict(_candidates_select(), source_code, member_ids),
        execution_options={"yield_per": _STREAM_PARTITION},
    )
    form_ids: dict[str, str] = {}  # one string object per form, shared by its members
    append = results.append
    for group in _grouped(row for partition in stream.partitions() for row in partition):
        m_id, form_id, hkid = group[0][:3]
        outcome, reasons, similarity, _row = _best(group, on)
        duplicate = duplicates.get(m_id)
        if duplicate:
            outcome, reasons = _DUPLICATE, duplicate + reasons
        append(
            VerificationResult(
                m_id, form_ids.setdefault(form_id, form_id), hkid, outcome, reasons, similarity
            )
        )
        if control is not None and len(results) % _STREAM_PARTITION == 0:
            control.progress(len(results), total, "members")
    stream.close()

    _store(session, results, verified_at, control)
    if control is not None:
        control.progress(len(results), total, "members")
    return results


def _store(
    session: Session,
    results: list[VerificationResult],
    verified_at: datetime,
    control: TaskControl | None,
) -> None:
    """One executemany UPDATE (in batches) after the SELECT is done with the table.

    The statement is SQLAlchemy Core, compiled once for the database; the rows go to the driver's
    ``executemany`` as the driver wants them. Letting SQLAlchemy build and convert 300,000
    parameter sets would cost more than the database takes to apply them.
    """
    table: sa.Table = ApplicationMember.__table__  # type: ignore[assignment]
    connection = session.connection()
    dialect = connection.dialect
    statement = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("b_id"))
        .values(
            outcome=sa.bindparam("b_outcome"),
            outcome_reasons=sa.bindparam("b_reasons"),
            name_similarity=sa.bindparam("b_similarity"),
            verified_at=sa.bindparam("b_verified_at"),
            version=table.c.version + sa.literal_column("1"),
        )
    )
    compiled = statement.compile(dialect=dialect)
    order = ("b_outcome", "b_reasons", "b_similarity", "b_verified_at", "b_id")
    if dialect.positional and tuple(compiled.positiontup or ()) != order:
        raise AssertionError(f"unexpected parameter order {compiled.positiontup}")
    # The one moment, converted for this database as the column type would convert it.
    process = table.c.verified_at.type.dialect_impl(dialect).bind_processor(dialect)
    stored_at = process(verified_at) if process is not None else verified_at
    reasons_json: dict[tuple[str, ...], str] = {}
    for start in range(0, len(results), _UPDATE_BATCH):
        if control is not None:
            control.check()
        rows: list[Any] = []
        for r in results[start : start + _UPDATE_BATCH]:
            key = tuple(r.reasons)
            text = reasons_json.get(key)
            if text is None:
                text = reasons_json[key] = json.dumps(r.reasons)
            # str() of a StrEnum is its value, without Enum's slow attribute path.
            values = (str(r.outcome), text, r.similarity, stored_at, r.member_id)
            rows.append(values if dialect.positional else dict(zip(order, values, strict=True)))
        connection.exec_driver_sql(compiled.string, rows)


def outcome_counts(results: Iterable[VerificationResult]) -> dict[str, int]:
    """Members per outcome, every outcome present (for audit records and summaries)."""
    counts = Counter(r.outcome for r in results)
    return {o.value: counts.get(o, 0) for o in Outcome}


# --- The use case --------------------------------------------------------------------------------
class VerificationService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def verify(
        self,
        actor: Actor,
        at: datetime | None = None,
        control: TaskControl | None = None,
        *,
        source_code: str | None = None,
    ) -> list[VerificationResult]:
        """Verify every member still waiting (``fc-admin verify``); one audit record."""
        if not (actor.may(Permission.DECIDE_MEMBERS) or actor.may(Permission.IMPORT_FILES)):
            actor.require(Permission.DECIDE_MEMBERS)
        at = at or self.clock.now()
        require_aware(at, "at")
        with self.db.write() as session:
            results = verify_members(
                session, self.clock, at, source_code=source_code, control=control
            )
            if control is not None:
                control.check()  # a cancel up to the last moment rolls the whole run back
            append_audit(
                session,
                self.clock,
                actor,
                "verification.run",
                "verification",
                source_code or "all",
                after={
                    "at": at,
                    "on": hk_date(at),
                    "source": source_code,
                    "members": len(results),
                    "outcomes": outcome_counts(results),
                },
            )
        return results

    def member_comparison(self, actor: Actor, member_id: int) -> MemberComparison:
        """The side-by-side view of one member: form, matched roster row, differences (R3.2)."""
        actor.require(Permission.DECIDE_MEMBERS)
        on = hk_date(self.clock.now())
        with self.db.read() as session:
            member = session.execute(
                sa.select(ApplicationMember, Application.form_id)
                .join(Application, Application.id == ApplicationMember.application_id)
                .where(ApplicationMember.id == member_id)
            ).one_or_none()
            if member is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP("errors", "there is no application member {member_id}"),
                    member_id=member_id,
                )
            m: ApplicationMember = member[0]
            rows = session.execute(
                _candidates_select(
                    _p.staff_no.label("p_staff_no"),
                    _p.status_date.label("p_status_date"),
                    RosterImport.as_of_date.label("p_as_of"),
                )
                .outerjoin(RosterImport, RosterImport.id == _p.import_id)
                .where(_m.id == member_id)
            ).all()
            _outcome, _reasons, _similarity, matched = _best(rows, on)
        form = Particulars(
            hkid=m.hkid,
            name_en=m.name_en,
            name_zh=m.name_zh,
            date_of_birth=m.date_of_birth,
            category=m.category,
            relationship=m.relationship,
            principal_hkid=m.principal_hkid,
            source=m.department,
            staff_no=m.staff_no,
            child_status=m.child_status,
        )
        roster: Particulars | None = None
        differs = dict.fromkeys(COMPARED_FIELDS, False)
        ages_out: tuple[date | None, date | None] = age_out_dates(m.date_of_birth, m.relationship)
        if matched is not None:
            roster = Particulars(
                hkid=m.hkid,
                name_en=matched.p_name_en,
                name_zh=matched.p_name_zh or "",
                date_of_birth=matched.p_dob,
                category=matched.p_category,
                relationship=matched.p_relationship,
                principal_hkid=matched.p_principal_hkid,
                source=matched.p_source,
                staff_no=matched.p_staff_no,
                child_status=matched.p_child_status,
                status=matched.p_status,
                status_date=matched.p_status_date,
            )
            differs = {
                "name_en": not names_equivalent_en(form.name_en, roster.name_en),
                "name_zh": bool(form.name_zh and roster.name_zh)
                and normalise_name_zh(form.name_zh) != normalise_name_zh(roster.name_zh),
                "date_of_birth": form.date_of_birth != roster.date_of_birth,
                "category": form.category != roster.category,
                "relationship": form.relationship != roster.relationship,
                "principal_hkid": form.principal_hkid != roster.principal_hkid,
                "source": form.source != roster.source,
            }
            # R1.4: the roster's date of birth and relationship are the ones eligibility uses.
            ages_out = age_out_dates(roster.date_of_birth, roster.relationship)
        return MemberComparison(
            member_id=m.id,
            form_id=member[1],
            position=m.position,
            form=form,
            roster=roster,
            differs=differs,
            outcome=Outcome(m.outcome) if m.outcome else None,
            reasons=list(json.loads(m.outcome_reasons or "[]")),
            similarity=m.name_similarity,
            verified_at=m.verified_at,
            ages_out_19=ages_out[0],
            ages_out_21=ages_out[1],
            roster_source=roster.source if roster else None,
            roster_as_of=matched.p_as_of if matched is not None else None,
            principal_status=matched.pr_status if matched is not None else None,
            decision=m.decision,
            decision_reason=m.decision_reason,
            decision_note=m.decision_note,
            decided_by=m.decided_by,
            decided_at=m.decided_at,
            version=m.version,
        )
