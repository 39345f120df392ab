"""Appending many audit records at once, chained exactly as :func:`append_audit` chains one.

:func:`fc_admin.services.audit.append_audit` reads the previous hash from the database for each
record; for thousands of records (a demo seed, a benchmark log of a million) that query dominates.
:class:`BulkAuditWriter` starts the chain with one ordinary :func:`append_audit` (which takes the
PostgreSQL advisory lock and reads the last hash, so the writer holds the chain's order for the rest
of the transaction), then computes each next record's hash in Python with the same
:func:`record_hash`, :func:`canonical_json` and HKID masking, and inserts them in batches with
SQLAlchemy Core. The records are indistinguishable from ones written one by one, and
``AuditService.verify`` accepts the chain.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from fc_admin.models import AuditRecord
from fc_admin.services.audit import append_audit, canonical_json, record_hash, scrub
from fc_admin.services.clock import FixedClock

__all__ = ["BulkAuditWriter"]

_AUDIT_TABLE: sa.Table = AuditRecord.__table__  # type: ignore[assignment]


class BulkAuditWriter:
    """Audit records inside the caller's transaction, all at the moment ``at``."""

    def __init__(self, session: Session, at: datetime, actor: str, batch_size: int = 5_000) -> None:
        if at.tzinfo is None:
            raise ValueError("BulkAuditWriter needs an aware datetime")
        self._session = session
        self._at = at.astimezone(UTC)
        self._actor = actor
        self._batch_size = batch_size
        self._prev_hash: str | None = None
        self._pending: list[dict[str, Any]] = []
        self.written = 0

    def add(
        self,
        action: str,
        entity_type: str,
        entity_id: object,
        before: Any = None,
        after: Any = None,
        *,
        at: datetime | None = None,
        actor: str | None = None,
    ) -> None:
        """One record; ``at`` and ``actor`` default to the writer's."""
        moment = self._at if at is None else at.astimezone(UTC)
        who = self._actor if actor is None else actor
        if self._prev_hash is None:
            # The first record goes through the ordinary path: lock, previous hash, insert.
            record = append_audit(
                self._session,
                FixedClock(moment),
                who,
                action,
                entity_type,
                entity_id,
                before=before,
                after=after,
            )
            self._prev_hash = record.hash
            self.written += 1
            return
        before_json = None if before is None else canonical_json(scrub(before))
        after_json = None if after is None else canonical_json(scrub(after))
        entity = scrub(str(entity_id))
        digest = record_hash(
            self._prev_hash, moment, who, action, entity_type, entity, before_json, after_json
        )
        self._pending.append(
            {
                "at": moment,
                "actor": who,
                "action": action,
                "entity_type": entity_type,
                "entity_id": entity,
                "before": before_json,
                "after": after_json,
                "prev_hash": self._prev_hash,
                "hash": digest,
            }
        )
        self._prev_hash = digest
        self.written += 1
        if len(self._pending) >= self._batch_size:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self._session.execute(sa.insert(_AUDIT_TABLE), self._pending)
            self._pending = []
