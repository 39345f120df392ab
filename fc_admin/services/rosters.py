"""Roster imports (R3.1, formats.md F1): the whole roster of one source, replaced atomically.

One import is one transaction: the rows of the file are streamed from the reader into
``roster_person`` (in bulk, see :mod:`fc_admin.services.roster_load`), and only when the whole
file has been read without a problem does the new import become the source's current roster, the
previous one's persons are deleted (its ``roster_import`` row stays as history) and the members
still waiting for that source are verified again (R3.5). A file with any problem is refused whole
with every bad line, and nothing changes: the previous roster stays in force and no outcome moves.
"""

from __future__ import annotations

import gc
import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Final

import sqlalchemy as sa
from sqlalchemy.orm import Session

from fc_admin.db import Database
from fc_admin.domain.hkid import mask_hkid
from fc_admin.domain.hktime import hk_date
from fc_admin.domain.roles import Permission
from fc_admin.exchange.errors import FileProblem, FileRejected
from fc_admin.exchange.roster_csv import PENSIONS_SOURCE, RosterReader, RosterRow, read_roster
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import RosterImport, RosterPerson, RosterSource
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import Clock
from fc_admin.services.errors import InvalidInput
from fc_admin.services.roster_load import open_row_sink
from fc_admin.tasks import NO_CONTROL, TaskControl

__all__ = [
    "PREVIEW_COLUMNS",
    "RosterImportResult",
    "RosterImportRow",
    "RosterPreview",
    "RosterService",
    "SourceRow",
]

log = logging.getLogger(__name__)

# The name a source gets when its first roster is imported; an administrator may rename it.
PENSIONS_NAME_EN: Final = "Pensions Division"
PENSIONS_NAME_ZH: Final = "退休金組"
_MAX_SOURCE_LENGTH: Final = 12  # roster_source.code

# Rows per chunk from the reader: one statement / a stretch of COPY, then a cancel check.
CHUNK_ROWS: Final = 5000
# Serialises imports of one source on PostgreSQL (SQLite: BEGIN IMMEDIATE already does).
_PG_ROSTER_LOCK: Final = 0x46435253  # "FCRS"

# What the import dialog's preview table shows, in this order (HKIDs masked, R9.3).
PREVIEW_COLUMNS: Final = (
    "line",
    "staff_no",
    "hkid",
    "name_en",
    "name_zh",
    "date_of_birth",
    "category",
    "relationship",
    "principal_hkid",
    "child_status",
    "status",
    "status_date",
)


@dataclass(frozen=True)
class RosterImportResult:
    source: str
    file_name: str
    as_of: date
    rows: int
    counts: dict[str, int]  # rows per category
    encoding: str | None
    warnings: list[str] = field(default_factory=list)
    reverified: int = 0  # members still waiting for this source, verified again (R3.5)


@dataclass(frozen=True)
class RosterImportRow:
    id: int
    source: str
    file_name: str
    as_of: date
    rows: int
    counts: dict[str, int]
    imported_by: str
    imported_at: datetime
    is_current: bool


@dataclass(frozen=True)
class SourceRow:
    code: str
    name_en: str
    name_zh: str
    is_pensions: bool
    as_of: date | None  # of the current roster; None before the first import
    rows: int | None


@dataclass(frozen=True)
class RosterPreview:
    """What the import dialog shows before importing: the first rows, every problem."""

    file_name: str
    source: str
    encoding: str | None
    columns: tuple[str, ...]  # PREVIEW_COLUMNS
    rows: list[tuple[str, ...]]  # the first valid rows, HKIDs masked (R9.3)
    total_rows: int  # valid rows in the whole file
    counts: dict[str, int]
    problems: list[FileProblem]  # capped by the reader; problem_count is the real number
    problem_count: int
    warnings: list[str]

    @property
    def importable(self) -> bool:
        return self.problem_count == 0


def _source_code(source: str) -> str:
    code = source.strip()
    if not code:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "name the source of the roster"))
    if len(code) > _MAX_SOURCE_LENGTH:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("errors", "source code {code} is longer than {limit} characters"),
            code=code,
            limit=_MAX_SOURCE_LENGTH,
        )
    return code


def _readable_file(path: Path) -> None:
    """Refuse a path that is not a readable file the way the reader refuses a bad file."""
    try:
        if not path.is_file():
            reason = "there is no such file" if not path.exists() else "it is not a file"
            raise FileRejected([FileProblem(path.name or str(path), None, None, reason)])
        with path.open("rb"):
            pass
    except OSError as exc:
        raise FileRejected(
            [FileProblem(path.name, None, None, f"the file cannot be read: {exc.strerror or exc}")]
        ) from None


def _counts(text: str) -> dict[str, int]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int)}


def _preview_tuple(row: RosterRow) -> tuple[str, ...]:
    return (
        str(row.line),
        row.staff_no or "",
        mask_hkid(row.hkid),
        row.name_en,
        row.name_zh,
        row.date_of_birth.isoformat(),
        row.category,
        row.relationship,
        mask_hkid(row.principal_hkid),
        row.child_status or "",
        row.status,
        row.status_date.isoformat() if row.status_date else "",
    )


def _reverify_source(session: Session, clock: Clock, source: str) -> int:
    """R3.5: verify again the members still waiting whose principal belongs to ``source``."""
    try:
        from fc_admin.services.verification import verify_members
    except ModuleNotFoundError as exc:
        if exc.name != "fc_admin.services.verification":
            raise
        log.warning("verification is not available: members of %s not re-verified", source)
        return 0
    return len(verify_members(session, clock, clock.now(), source_code=source))


class RosterService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- import ----------------------------------------------------------------------------------
    def import_roster(
        self,
        actor: Actor,
        path: Path,
        source: str,
        encoding: str | None = None,
        as_of: date | None = None,
        control: TaskControl | None = None,
    ) -> RosterImportResult:
        """Import the whole roster of ``source`` from ``path`` (F1), replacing the previous one.

        Raises :class:`FileRejected` with every problem of the file; nothing changes then.
        Cancelling (``control``) rolls everything back and raises ``Cancelled``.
        """
        actor.require(Permission.IMPORT_FILES)
        code = _source_code(source)
        control = control or NO_CONTROL
        path = Path(path)
        _readable_file(path)
        now = self.clock.now()
        as_of = as_of or hk_date(now)
        reader = read_roster(path, code, encoding=encoding, chunk_size=CHUNK_ROWS)
        with self.db.write() as session:
            if session.get_bind().dialect.name == "postgresql":
                session.execute(
                    sa.text("SELECT pg_advisory_xact_lock(:k, hashtext(:s))"),
                    {"k": _PG_ROSTER_LOCK, "s": code},
                )
            added_source = self._ensure_source(session, code)
            new = RosterImport(
                source_code=code,
                file_name=path.name,
                as_of_date=as_of,
                imported_at=now,
                imported_by=actor.username,
                row_count=0,
                counts_json="{}",
                is_current=False,
            )
            session.add(new)
            session.flush()
            # F1, R3.1: a file with any problem raises FileRejected and the transaction rolls
            # back: nothing of it stays, and the previous roster stays in force.
            self._load_rows(session, reader, new.id, control)
            control.check()
            counts = dict(sorted(reader.counts.items()))
            previous = list(
                session.execute(
                    sa.select(RosterImport.id).where(
                        RosterImport.source_code == code,
                        RosterImport.is_current.is_(True),
                        RosterImport.id != new.id,
                    )
                ).scalars()
            )
            if previous:
                session.execute(
                    sa.update(RosterImport)
                    .where(RosterImport.id.in_(previous))
                    .values(is_current=False)
                )
                session.execute(sa.delete(RosterPerson).where(RosterPerson.import_id.in_(previous)))
            new.is_current = True
            new.row_count = reader.row_count
            new.counts_json = json.dumps(counts, sort_keys=True)
            session.flush()
            # Audited at the end: on PostgreSQL an audit append holds the audit chain's lock
            # until commit, which must not wait for the whole file to be read.
            if added_source is not None:
                append_audit(
                    session,
                    self.clock,
                    actor,
                    "roster_source.add",
                    "roster_source",
                    code,
                    after=added_source,
                )
            append_audit(
                session,
                self.clock,
                actor,
                "roster.import",
                "roster_import",
                new.id,
                after={
                    "source": code,
                    "file": path.name,
                    "as_of": as_of,
                    "rows": reader.row_count,
                    "counts": counts,
                    "encoding": reader.encoding,
                    "replaced_imports": previous,
                },
            )
            control.check()
            reverified = _reverify_source(session, self.clock, code)
        return RosterImportResult(
            source=code,
            file_name=path.name,
            as_of=as_of,
            rows=reader.row_count,
            counts=counts,
            encoding=reader.encoding,
            warnings=list(reader.warnings),
            reverified=reverified,
        )

    @staticmethod
    def _ensure_source(session: Session, code: str) -> dict[str, object] | None:
        """Add the source on its first roster; what was added (for the audit), else None."""
        if session.get(RosterSource, code) is not None:
            return None
        is_pensions = code == PENSIONS_SOURCE
        name_en = PENSIONS_NAME_EN if is_pensions else code
        name_zh = PENSIONS_NAME_ZH if is_pensions else ""
        session.add(
            RosterSource(code=code, name_en=name_en, name_zh=name_zh, is_pensions=is_pensions)
        )
        session.flush()
        return {"name_en": name_en, "name_zh": name_zh, "is_pensions": is_pensions}

    def _load_rows(
        self,
        session: Session,
        reader: RosterReader,
        import_id: int,
        control: TaskControl,
    ) -> None:
        sink = open_row_sink(session, import_id)
        done = 0
        # Nothing of an import forms reference cycles; the collector would only walk the
        # chunks and runs held again and again (some 5% of the reading, as in verification).
        collecting = gc.isenabled()
        gc.disable()
        try:
            for chunk in reader.values():
                control.check()
                # After the first problem the rest of the file is only read for its problems.
                if not reader.failed:
                    sink.write(chunk)
                done += len(chunk)
                control.progress(done, 0, "rows")
            if reader.failed:
                raise FileRejected(reader.problems, reader.problem_count)
            sink.finish()
        except BaseException as exc:
            sink.abandon(exc)
            raise
        finally:
            if collecting:
                gc.enable()
            sink.restore()

    # -- looking at rosters ----------------------------------------------------------------------
    def history(self, actor: Actor, source: str | None = None) -> list[RosterImportRow]:
        """Every import (newest first), of one source or all; current ones marked."""
        actor.require(Permission.IMPORT_FILES)
        query = sa.select(RosterImport).order_by(
            RosterImport.imported_at.desc(), RosterImport.id.desc()
        )
        if source is not None:
            query = query.where(RosterImport.source_code == source.strip())
        with self.db.read() as session:
            return [
                RosterImportRow(
                    id=r.id,
                    source=r.source_code,
                    file_name=r.file_name,
                    as_of=r.as_of_date,
                    rows=r.row_count,
                    counts=_counts(r.counts_json),
                    imported_by=r.imported_by,
                    imported_at=r.imported_at,
                    is_current=r.is_current,
                )
                for r in session.execute(query).scalars()
            ]

    def sources(self) -> list[SourceRow]:
        """Every roster source with its current roster's date and size (None before any)."""
        current = (
            sa.select(RosterImport.source_code, RosterImport.as_of_date, RosterImport.row_count)
            .where(RosterImport.is_current.is_(True))
            .subquery()
        )
        query = (
            sa.select(RosterSource, current.c.as_of_date, current.c.row_count)
            .outerjoin(current, current.c.source_code == RosterSource.code)
            .order_by(RosterSource.is_pensions, RosterSource.code)
        )
        with self.db.read() as session:
            return [
                SourceRow(
                    code=s.code,
                    name_en=s.name_en,
                    name_zh=s.name_zh,
                    is_pensions=s.is_pensions,
                    as_of=as_of,
                    rows=rows,
                )
                for s, as_of, rows in session.execute(query).all()
            ]

    def preview(
        self, path: Path, source: str, encoding: str | None = None, rows: int = 20
    ) -> RosterPreview:
        """Read the whole file for its problems, keep its first ``rows`` rows (HKIDs masked)."""
        code = _source_code(source)
        path = Path(path)
        _readable_file(path)
        reader = read_roster(path, code, encoding=encoding, chunk_size=CHUNK_ROWS)
        first: list[tuple[str, ...]] = []
        for chunk in reader:
            for row in chunk:
                if len(first) >= rows:
                    break
                first.append(_preview_tuple(row))
        return RosterPreview(
            file_name=path.name,
            source=code,
            encoding=reader.encoding,
            columns=PREVIEW_COLUMNS,
            rows=first,
            total_rows=reader.row_count,
            counts=dict(sorted(reader.counts.items())),
            problems=list(reader.problems),
            problem_count=reader.problem_count,
            warnings=list(reader.warnings),
        )
