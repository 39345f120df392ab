"""The audit trail (R13.3): append-only, hash-chained, never holding a full HKID (R9.3)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from fc_admin.db import Database
from fc_admin.domain.privacy import mask_hkids_in_text
from fc_admin.domain.roles import Permission
from fc_admin.models import AuditRecord
from fc_admin.services.actor import Actor
from fc_admin.services.clock import Clock

GENESIS_HASH = "0" * 64
_PG_AUDIT_LOCK = 0x46434144  # "FCAD": serialises appends so the chain has one order


def scrub(value: Any) -> Any:
    """The value with every HKID-shaped string masked (R9.3), ready for canonical JSON."""
    if isinstance(value, str):
        return mask_hkids_in_text(value)
    if isinstance(value, dict):
        return {str(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [scrub(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def record_hash(
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str,
    before: str | None,
    after: str | None,
) -> str:
    material = canonical_json(
        [prev_hash, at.isoformat(), actor, action, entity_type, entity_id, before, after]
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def append_audit(
    session: Session,
    clock: Clock,
    actor: Actor | str,
    action: str,
    entity_type: str,
    entity_id: object,
    before: Any = None,
    after: Any = None,
) -> AuditRecord:
    """Append one record inside the caller's unit of work (so it commits or rolls back with it)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    # SQLite: the write transaction began IMMEDIATE, so nobody else can append meanwhile.
    prev = session.execute(
        sa.select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1)
    ).scalar_one_or_none()
    prev_hash = prev or GENESIS_HASH
    at = clock.now().astimezone(UTC)
    who = actor.username if isinstance(actor, Actor) else actor
    before_json = None if before is None else canonical_json(scrub(before))
    after_json = None if after is None else canonical_json(scrub(after))
    entity = mask_hkids_in_text(str(entity_id))
    record = AuditRecord(
        at=at,
        actor=who,
        action=action,
        entity_type=entity_type,
        entity_id=entity,
        before=before_json,
        after=after_json,
        prev_hash=prev_hash,
        hash=record_hash(prev_hash, at, who, action, entity_type, entity, before_json, after_json),
    )
    session.add(record)
    session.flush()
    return record


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    reason: str | None = None


class AuditService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def _where(self, flt: AuditFilter) -> list[sa.ColumnElement[bool]]:
        clauses: list[sa.ColumnElement[bool]] = []
        if flt.actor:
            clauses.append(AuditRecord.actor == flt.actor)
        if flt.action:
            clauses.append(AuditRecord.action == flt.action)
        if flt.since:
            clauses.append(AuditRecord.at >= flt.since)
        if flt.until:
            clauses.append(AuditRecord.at < flt.until)
        return clauses

    def page(self, actor: Actor, flt: AuditFilter, offset: int, limit: int) -> list[AuditRow]:
        """Newest first; one page straight from the database (never the whole log)."""
        actor.require(Permission.VIEW_AUDIT)
        query = (
            sa.select(AuditRecord)
            .where(*self._where(flt))
            .order_by(AuditRecord.id.desc())
            .offset(offset)
            .limit(limit)
        )
        with self.db.read() as session:
            return [
                AuditRow(
                    r.id, r.at, r.actor, r.action, r.entity_type, r.entity_id, r.before, r.after
                )
                for r in session.execute(query).scalars()
            ]

    def count(self, actor: Actor, flt: AuditFilter) -> int:
        actor.require(Permission.VIEW_AUDIT)
        query = sa.select(sa.func.count()).select_from(AuditRecord).where(*self._where(flt))
        with self.db.read() as session:
            return int(session.execute(query).scalar_one())

    def distinct_values(self, actor: Actor) -> tuple[list[str], list[str]]:
        """(actors, actions) for the filter boxes. Index-only scans, cheap at 1,000,000 rows."""
        actor.require(Permission.VIEW_AUDIT)
        with self.db.read() as session:
            actors = list(
                session.execute(
                    sa.select(AuditRecord.actor).distinct().order_by(AuditRecord.actor)
                ).scalars()
            )
            actions = list(
                session.execute(
                    sa.select(AuditRecord.action).distinct().order_by(AuditRecord.action)
                ).scalars()
            )
        return actors, actions

    def _records(self, session: Session) -> Iterator[AuditRecord]:
        query = sa.select(AuditRecord).order_by(AuditRecord.id).execution_options(yield_per=5000)
        yield from session.execute(query).scalars()

    def verify(self) -> AuditVerification:
        """Walk the chain; report the first record whose hash or link does not hold."""
        checked = 0
        prev_hash = GENESIS_HASH
        with self.db.read() as session:
            for record in self._records(session):
                if record.prev_hash != prev_hash:
                    return AuditVerification(
                        False,
                        checked,
                        record.id,
                        "its link to the previous record is broken "
                        "(a record before it was changed, removed or inserted)",
                    )
                expected = record_hash(
                    record.prev_hash,
                    record.at,
                    record.actor,
                    record.action,
                    record.entity_type,
                    record.entity_id,
                    record.before,
                    record.after,
                )
                if record.hash != expected:
                    return AuditVerification(
                        False, checked, record.id, "its content does not match its hash"
                    )
                prev_hash = record.hash
                checked += 1
        return AuditVerification(True, checked)
