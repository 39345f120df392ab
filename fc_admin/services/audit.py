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
_AUDIT: sa.Table = AuditRecord.__table__  # type: ignore[assignment]
_LAST_HASH = sa.select(_AUDIT.c.hash).order_by(_AUDIT.c.id.desc()).limit(1)
_INSERT_RECORD = sa.insert(_AUDIT).returning(_AUDIT.c.id)
# PostgreSQL: the chain's lock is held to the end of the commit, so every round trip made while
# holding it is time all other writers wait (benchmarks/bench_booking.py: 8 booking desks). One
# simple-protocol query (values as quoted literals, no parameters) takes the lock and appends the
# record: the server runs the two statements in order, and the INSERT takes its snapshot (READ
# COMMITTED) only once the lock is granted, so it reads the hash the previous holder committed.
# The hash is computed in SQL exactly as record_hash does (the material is canonical JSON whose
# first item, the previous hash, is plain hex), and checked again in Python before commit.
_PG_APPEND = (
    "SELECT pg_advisory_xact_lock({lock}); "
    "INSERT INTO audit_record "
    "(at, actor, action, entity_type, entity_id, before, after, prev_hash, hash) "
    "SELECT {at}, {actor}, {action}, {entity_type}, {entity_id}, {before}, {after}, head.hash, "
    "encode(sha256(convert_to('[\"' || head.hash || '\",' || {tail}, 'UTF8')), 'hex') "
    "FROM (SELECT coalesce((SELECT hash FROM audit_record ORDER BY id DESC LIMIT 1), {genesis}) "
    "AS hash) AS head "
    "RETURNING id, prev_hash, hash"
)


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
    """Append one record inside the caller's unit of work (so it commits or rolls back with it).

    On PostgreSQL the chain's lock is held from here to the end of the commit, so callers make
    this the last thing before committing, and everything that can be prepared is prepared before
    the lock is taken: the caller's pending ORM changes are flushed first, the JSON is built
    first, and the lock and the append are one round trip.
    """
    session.flush()  # the caller's own changes, before the lock rather than under it
    at = clock.now().astimezone(UTC)
    who = actor.username if isinstance(actor, Actor) else actor
    before_json = None if before is None else canonical_json(scrub(before))
    after_json = None if after is None else canonical_json(scrub(after))
    entity = mask_hkids_in_text(str(entity_id))
    values: dict[str, Any] = {
        "at": at,
        "actor": who,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity,
        "before": before_json,
        "after": after_json,
    }
    bind = session.get_bind()
    if bind.dialect.name == "postgresql" and bind.dialect.driver == "psycopg":
        record_id = _pg_append(session, values)
    else:
        if bind.dialect.name == "postgresql":  # another driver: the same, in three round trips
            session.execute(sa.text(f"SELECT pg_advisory_xact_lock({_PG_AUDIT_LOCK})"))
        # SQLite: the write transaction began IMMEDIATE, so nobody else can append meanwhile.
        prev_hash = session.execute(_LAST_HASH).scalar_one_or_none() or GENESIS_HASH
        values["prev_hash"] = prev_hash
        values["hash"] = record_hash(
            prev_hash, at, who, action, entity_type, entity, before_json, after_json
        )
        record_id = session.execute(_INSERT_RECORD, values).scalar_one()
    # The row is written (Core: no ORM flush under the lock); callers get it as a plain,
    # unattached AuditRecord.
    return AuditRecord(id=record_id, **values)


def _pg_append(session: Session, values: dict[str, Any]) -> int:
    """Lock the chain and insert the record in one round trip (PostgreSQL with psycopg); sets
    ``values["prev_hash"]`` and ``values["hash"]`` and returns the new id."""
    from psycopg import sql

    at: datetime = values["at"]
    rest = [
        at.isoformat(),
        values["actor"],
        values["action"],
        values["entity_type"],
        values["entity_id"],
        values["before"],
        values["after"],
    ]
    query = sql.SQL(
        _PG_APPEND
    ).format(
        lock=sql.Literal(_PG_AUDIT_LOCK),
        at=sql.Literal(at.astimezone(UTC).replace(tzinfo=None)),  # stored as naive UTC
        actor=sql.Literal(values["actor"]),
        action=sql.Literal(values["action"]),
        entity_type=sql.Literal(values["entity_type"]),
        entity_id=sql.Literal(values["entity_id"]),
        before=sql.Literal(values["before"]),
        after=sql.Literal(values["after"]),
        tail=sql.Literal(canonical_json(rest)[1:]),  # the material after '["<prev_hash>",'
        genesis=sql.Literal(GENESIS_HASH),
    )
    driver = session.connection().connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor:
        cursor.execute(query)  # no parameters: the simple query protocol, both statements
        cursor.nextset()
        row = cursor.fetchone()
    assert row is not None
    record_id, prev_hash, digest = row
    expected = record_hash(prev_hash, at, *rest[1:])
    if digest != expected:  # never commit a link verify() would reject
        raise RuntimeError(f"audit record {record_id}: the database hashed it differently")
    values["prev_hash"] = prev_hash
    values["hash"] = digest
    return int(record_id)


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
