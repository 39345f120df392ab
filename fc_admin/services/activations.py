"""Activation details (R5, formats.md F6): accounts, codes, delivery, activation and deadlines.

Issuing is crash-safe by construction:

1. One committed unit of work creates the accounts of the batch: account ID, the hash of a fresh
   code, status ``ISSUED``, ``sent_at`` empty. The plain codes exist only in this process's
   memory from here on (R5.2: only the hash is stored).
2. The messages go out over one SMTP connection (letters: one PDF). As soon as the server has
   accepted a message, a recorder thread commits its ``sent_at`` (a refusal: ``send_error``),
   one message per transaction while the database keeps up, the few that arrived meanwhile
   together when its commits are slow; sending never waits for the disk. Whatever way the batch
   ends (done, server down, cancelled, an exception), everything the server accepted is
   committed before :meth:`ActivationService.issue` returns or raises.
3. A later run sends whatever has no ``sent_at`` (a failure, or what a crash or a cancel left
   behind), each with a **new** code: the old one was never delivered (or nobody can know it
   was), so voiding it is safe, and its plain text is gone anyway.

The one unavoidable window: the server has accepted a message and the process dies (power cut,
killed) before the commit of its ``sent_at``. The next run then sends that member a second
message whose code replaces the first (the first code no longer works; nobody is left without a
working code). The window is the messages accepted but not yet committed: one to a few in
practice (the recorder keeps pace: about 7 a commit on a loaded 2-CPU machine), never more
than about twice :data:`_RECORDER_WAITING`. The Message-ID is derived from the account ID and
code version, so a receiving system that sees the same message twice can drop one.

Two people sending at once would give one member two codes; a lease in ``shared_setting``
(renewed while sending) lets only one batch send at a time. It is released at the end, also when
the batch fails; a process that died holding it blocks others for at most :data:`SENDING_LEASE`.

Codes are never logged, audited or returned except inside the message itself (and
:class:`IssuedActivation` never carries one).
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fc_admin.db import Database
from fc_admin.domain.activation_codes import (
    VOID_HASH,
    format_code,
    hash_code,
    new_account_id,
    new_code,
    normalise_account_id,
    verify_code,
)
from fc_admin.domain.deadlines import (
    DeadlineState,
    activation_deadline,
    deadline_state,
    working_days_left,
)
from fc_admin.domain.hkid import InvalidHkid, mask_hkid, normalise_hkid
from fc_admin.domain.hktime import HONG_KONG, hk_date
from fc_admin.domain.roles import Permission, Role
from fc_admin.exchange.activation_email import (
    ActivationEmail,
    ReminderEmail,
    activation_message,
    address_problem,
    normalise_address,
    reminder_message,
    sender_address,
)
from fc_admin.exchange.activations_csv import read_activations
from fc_admin.exchange.errors import FileProblem, FileRejected
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import Account, Application, ApplicationMember, Clinic, SharedSetting
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.audit_bulk import BulkAuditWriter
from fc_admin.services.calendar import CalendarService
from fc_admin.services.clock import Clock
from fc_admin.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from fc_admin.services.mailer import Mailer, MailerUnavailable, SmtpMailer
from fc_admin.settings import Settings
from fc_admin.tasks import TaskControl

__all__ = [
    "DEFAULT_EXPIRING_DAYS",
    "DEFAULT_REMINDER_DAYS",
    "MAX_WRONG_CODES",
    "NO_LETTER_FILE",
    "SYSTEM_ONLINE",
    "AccountRow",
    "AccountStatus",
    "AccountView",
    "ActivationImportResult",
    "ActivationOutcome",
    "ActivationService",
    "ActivationSettings",
    "Delivery",
    "IssuedActivation",
    "PendingActivation",
    "read_activation_settings",
]

DEFAULT_REMINDER_DAYS: Final = 30  # reminder emails this many days before the deadline
DEFAULT_EXPIRING_DAYS: Final = 30  # "expiring soon": the deadline is within this many days
REMINDER_DAYS_KEY: Final = "activation.reminder_days"
EXPIRING_DAYS_KEY: Final = "activation.expiring_days"
MAX_WRONG_CODES: Final = 5  # R5.2 / issue: the account locks after 5 wrong codes
SYSTEM_ONLINE: Final = "system:online"  # the online booking system, in the audit log
NO_LETTER_FILE: Final = "no letter file chosen"
SENDING_LEASE: Final = timedelta(minutes=2)
_LEASE_RENEW_SECONDS: Final = 30.0
_SENDING_KEY: Final = "activation.sending"
_CHUNK: Final = 5_000
_RECORDER_WAITING: Final = 16  # outcomes handed over and waiting for the recorder, at most
_MAX_REASON: Final = 1_000

_ACCOUNT: sa.Table = Account.__table__  # type: ignore[assignment]

log = logging.getLogger(__name__)

_T = TypeVar("_T")


class AccountStatus(StrEnum):
    ISSUED = "ISSUED"
    ACTIVE = "ACTIVE"
    EXPIRED = "EXPIRED"
    SUSPENDED = "SUSPENDED"


class Delivery(StrEnum):
    EMAIL = "email"
    LETTER = "letter"


class AccountView(StrEnum):
    ALL = "all"
    WAITING = "waiting"  # issued, not activated yet (sent or not)
    NOT_SENT = "not_sent"  # issued, the details not delivered yet (or the last try failed)
    ACTIVE = "active"
    EXPIRING = "expiring"  # issued, deadline within the "expiring soon" window
    EXPIRED = "expired"
    SUSPENDED = "suspended"


class ActivationOutcome(StrEnum):
    ACTIVATED = "activated"
    WRONG_CODE = "wrong_code"
    LOCKED = "locked"  # 5 wrong codes: only a re-issue helps
    ALREADY_ACTIVE = "already_active"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    UNKNOWN_ACCOUNT = "unknown_account"


@dataclass(frozen=True)
class PendingActivation:
    member_id: int
    form_id: str
    hkid: str  # canonical; the view masks it for roles without SEE_FULL_HKID (R9.3)
    name_en: str
    name_zh: str
    delivery: str  # "email" | "letter"
    email_to: str | None
    email_problem: str | None  # e.g. a malformed address: the email cannot be sent
    notification_deadline: date
    working_days_left: int
    deadline_state: DeadlineState


@dataclass(frozen=True)
class IssuedActivation:
    member_id: int
    form_id: str
    hkid: str
    account_id: str  # "" when no account was created (a letter without a letter file)
    deadline: date
    delivery: str
    sent: bool
    error: str | None


@dataclass(frozen=True)
class AccountRow:
    account_id: str
    form_id: str
    hkid: str
    name_en: str
    name_zh: str
    status: str
    issued_on: date
    activation_deadline: date
    activated_at: datetime | None
    delivery: str
    email_to: str | None
    sent_at: datetime | None
    send_error: str | None
    reminder_sent_at: datetime | None
    suspended_reason: str | None
    version: int  # pass back as expected_version
    failed_attempts: int = 0
    locked: bool = False
    send_attempts: int = 0
    code_version: int = 1
    member_id: int = 0  # what issue(member_ids=...) takes, e.g. to retry these accounts


@dataclass(frozen=True)
class ActivationImportResult:
    file: str
    rows: int
    activated: int  # newly ACTIVE
    already_active: int  # listed again: nothing changed


@dataclass(frozen=True)
class ActivationSettings:
    reminder_days: int = DEFAULT_REMINDER_DAYS
    expiring_days: int = DEFAULT_EXPIRING_DAYS


def _shared_int(session: Session, key: str, default: int) -> int:
    row = session.get(SharedSetting, key)
    if row is None:
        return default
    try:
        value = json.loads(row.value)
    except json.JSONDecodeError:
        return default
    return value if isinstance(value, int) and value >= 0 else default


def read_activation_settings(session: Session) -> ActivationSettings:
    return ActivationSettings(
        reminder_days=_shared_int(session, REMINDER_DAYS_KEY, DEFAULT_REMINDER_DAYS),
        expiring_days=_shared_int(session, EXPIRING_DAYS_KEY, DEFAULT_EXPIRING_DAYS),
    )


@dataclass
class _Target:
    """One account to deliver in this run. ``code`` is the plain code: memory only."""

    pk: int
    account_id: str
    member_id: int
    form_id: str
    hkid: str
    name_en: str
    name_zh: str
    delivery: str
    email_to: str | None
    code: str = field(repr=False)  # never in a repr, a log line or a traceback
    code_version: int
    issued_on: date
    deadline: date
    clinic_code: str | None
    sent: bool = False
    error: str | None = None
    done: bool = False

    def result(self) -> IssuedActivation:
        return IssuedActivation(
            member_id=self.member_id,
            form_id=self.form_id,
            hkid=self.hkid,
            account_id=self.account_id,
            deadline=self.deadline,
            delivery=self.delivery,
            sent=self.sent,
            error=self.error,
        )


@dataclass
class _Batch:
    targets: list[_Target] = field(default_factory=list)  # to deliver now
    reported: list[IssuedActivation] = field(default_factory=list)  # decided without sending
    mailer: Mailer | None = None


def _resolve(
    member_email: str | None, applicant_email: str | None
) -> tuple[str, str | None, str | None]:
    """R5.1: (delivery, address, problem). The member's email, else the applicant's; no email
    at all: a printed letter. A malformed address is not replaced by the other one: the member
    gave it, and an officer must see that it is wrong."""
    for candidate in (member_email, applicant_email):
        text = (candidate or "").strip()
        if text:
            problem = address_problem(text)
            if problem is not None:
                return Delivery.EMAIL.value, text, problem
            return Delivery.EMAIL.value, normalise_address(text), None
    return Delivery.LETTER.value, None, None


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


def _cut(text: str, limit: int = _MAX_REASON) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Recorder(Generic[_T]):
    """Commits what the SMTP loop reports on a thread of its own, so that sending never waits
    for the database's disk flush.

    Each item is committed as soon as the recorder gets to it: one per transaction while the
    database keeps up, the few that arrived meanwhile together when a commit is slow (a
    PostgreSQL server flushing its WAL takes milliseconds). At most :data:`_RECORDER_WAITING`
    wait; the SMTP loop blocks beyond that. Leaving the ``with`` block (normally, or by an
    exception such as a crash or a cancel) records everything handed over before it returns,
    so "what was sent is recorded as sent". A failure to record stops the SMTP loop at its
    next message.
    """

    def __init__(self, record: Callable[[list[_T]], None]) -> None:
        self._record = record
        self._queue: queue.Queue[_T | None] = queue.Queue(maxsize=_RECORDER_WAITING)
        self._thread = threading.Thread(target=self._run, name="activation-recorder")
        self._error: BaseException | None = None

    def __enter__(self) -> _Recorder[_T]:
        self._thread.start()
        return self

    def __exit__(self, kind: object, exc: BaseException | None, traceback: object) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None and exc is None:
            raise self._error

    def put(self, item: _T) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(item)

    def _run(self) -> None:
        stop = False
        while not stop:
            first = self._queue.get()
            items: list[_T] = []
            if first is None:
                stop = True
            else:
                items.append(first)
            while not stop:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                else:
                    items.append(item)
            if items and self._error is None:
                try:
                    self._record(items)
                except BaseException as exc:  # handed to the SMTP loop's thread
                    self._error = exc


class ActivationService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        mailer: Mailer | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.settings = settings or Settings()
        self._mailer = mailer
        self._calendar = CalendarService(db, clock)

    # -- permissions ---------------------------------------------------------------------------
    @staticmethod
    def _require_view(actor: Actor) -> None:
        if not (actor.may(Permission.ISSUE_ACTIVATIONS) or actor.may(Permission.VIEW_APPLICATIONS)):
            actor.require(Permission.VIEW_APPLICATIONS)

    def _today(self) -> date:
        return hk_date(self.clock.now())

    # -- settings ------------------------------------------------------------------------------
    def activation_settings(self) -> ActivationSettings:
        with self.db.read() as session:
            return read_activation_settings(session)

    def set_activation_settings(
        self, actor: Actor, reminder_days: int | None = None, expiring_days: int | None = None
    ) -> ActivationSettings:
        """Domain.md "configurable": an administrator (or the operator) changes them; audited."""
        if not (actor.is_operator or actor.role is Role.ADMIN):
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("errors", "{user} ({role}) is not allowed to {permission}"),
                user=actor.username,
                role=str(actor.role),
                permission="change shared settings",
            )
        changes = {REMINDER_DAYS_KEY: reminder_days, EXPIRING_DAYS_KEY: expiring_days}
        for key, value in changes.items():
            if value is not None and not 1 <= value <= 366:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("errors", "{setting} must be between 1 and 366 days"),
                    setting=key,
                )
        with self.db.write() as session:
            before = read_activation_settings(session)
            for key, value in changes.items():
                if value is None:
                    continue
                row = session.get(SharedSetting, key)
                if row is None:
                    session.add(SharedSetting(key=key, value=json.dumps(value)))
                else:
                    row.value = json.dumps(value)
            session.flush()
            after = read_activation_settings(session)
            if after != before:
                append_audit(
                    session,
                    self.clock,
                    actor,
                    "setting.change",
                    "shared_setting",
                    "activation",
                    before=before.__dict__,
                    after=after.__dict__,
                )
        return after

    # -- pending -------------------------------------------------------------------------------
    def _pending_query(self, member_ids: Sequence[int] | None = None) -> sa.Select[Any]:
        m = ApplicationMember
        query = (
            sa.select(
                m.id,
                m.hkid,
                m.name_en,
                m.name_zh,
                m.email,
                Application.form_id,
                Application.applicant_email,
                Application.notification_deadline,
                Application.clinic_code,
            )
            .join(Application, Application.id == m.application_id)
            .where(
                m.decision == "approve",
                ~sa.select(Account.id).where(Account.member_id == m.id).exists(),
            )
            .order_by(Application.notification_deadline, Application.form_id, m.position)
        )
        if member_ids is not None:
            query = query.where(m.id.in_(list(member_ids)))
        return query

    def pending(self, actor: Actor) -> list[PendingActivation]:
        """Approved members without activation details, by notification deadline (R4.2)."""
        self._require_view(actor)
        calendar = self._calendar.working_calendar()
        today = self._today()
        days_left: dict[date, tuple[int, DeadlineState]] = {}
        found: list[PendingActivation] = []
        with self.db.read() as session:
            for row in session.execute(self._pending_query()):
                deadline = row.notification_deadline
                if deadline not in days_left:
                    days_left[deadline] = (
                        working_days_left(deadline, today, calendar),
                        deadline_state(deadline, today, calendar),
                    )
                left, state = days_left[deadline]
                delivery, address, problem = _resolve(row.email, row.applicant_email)
                found.append(
                    PendingActivation(
                        member_id=row.id,
                        form_id=row.form_id,
                        hkid=row.hkid,
                        name_en=row.name_en,
                        name_zh=row.name_zh or "",
                        delivery=delivery,
                        email_to=address,
                        email_problem=problem,
                        notification_deadline=deadline,
                        working_days_left=left,
                        deadline_state=state,
                    )
                )
        return found

    # -- the sending lease ---------------------------------------------------------------------
    @contextlib.contextmanager
    def _sending(self, actor: Actor) -> Iterator[Callable[[Session], None]]:
        """Only one batch sends at a time; yields ``renew(session)`` for long batches."""
        token = secrets.token_hex(8)
        self._take_lease(actor, token)
        last = time.monotonic()

        def renew(session: Session) -> None:
            nonlocal last
            if time.monotonic() - last < _LEASE_RENEW_SECONDS:
                return
            last = time.monotonic()
            session.execute(
                sa.update(SharedSetting)
                .where(SharedSetting.key == _SENDING_KEY)
                .values(value=self._lease_value(actor, token))
            )

        try:
            yield renew
        finally:
            self._release_lease(token)

    def _lease_value(self, actor: Actor, token: str) -> str:
        now = self.clock.now()
        return json.dumps(
            {
                "token": token,
                "by": actor.username,
                "until": (now + SENDING_LEASE).astimezone(UTC).isoformat(),
            }
        )

    def _take_lease(self, actor: Actor, token: str) -> None:
        now = self.clock.now()
        try:
            with self.db.write() as session:
                row = session.get(SharedSetting, _SENDING_KEY, with_for_update=True)
                if row is not None:
                    held = json.loads(row.value)
                    until = datetime.fromisoformat(held.get("until", "1970-01-01T00:00:00+00:00"))
                    if until > now:
                        raise Conflict(
                            QT_TRANSLATE_NOOP(
                                "errors",
                                "{user} is sending activation details now; try again when that "
                                "has finished (if it stopped, after {time})",
                            ),
                            user=held.get("by", "?"),
                            time=until.astimezone(HONG_KONG).strftime("%H:%M:%S"),
                        )
                    row.value = self._lease_value(actor, token)
                else:
                    session.add(
                        SharedSetting(key=_SENDING_KEY, value=self._lease_value(actor, token))
                    )
        except IntegrityError:  # PostgreSQL: another batch inserted the lease at the same time
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "errors", "somebody else started sending activation details; try again"
                )
            ) from None

    def _release_lease(self, token: str) -> None:
        with self.db.write() as session:
            row = session.get(SharedSetting, _SENDING_KEY, with_for_update=True)
            if row is not None and json.loads(row.value).get("token") == token:
                session.delete(row)

    # -- issuing -------------------------------------------------------------------------------
    def _require_activation_url(self) -> str:
        url = self.settings.activation_url.strip()
        if not url:
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "the activation address is not set (setting activation_url, or "
                    "FC_ADMIN_ACTIVATION_URL): the activation details must name it",
                )
            )
        return url

    def _require_sender(self) -> None:
        if not sender_address(self.settings.mail_from):
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "the sender address is not set (setting mail_from, or FC_ADMIN_MAIL_FROM)",
                )
            )

    def _mailer_for_batch(self) -> Mailer:
        self._require_sender()
        return self._mailer if self._mailer is not None else SmtpMailer.from_settings(self.settings)

    def issue(
        self,
        actor: Actor,
        member_ids: Sequence[int] | None = None,
        letters_out: Path | None = None,
        control: TaskControl | None = None,
    ) -> list[IssuedActivation]:
        """R5: activation details for every approved member without them (or ``member_ids``).

        Creates each account (ID, code hash, deadline R5.3) in one committed unit, then delivers:
        email members by SMTP (F6), letter members into one PDF at ``letters_out`` (without
        one they are left pending and reported with :data:`NO_LETTER_FILE`). Accounts whose
        details were not delivered yet (a refused or failed send, a crash) are sent again, each
        with a fresh code. Issuing twice sends nothing new.
        """
        actor.require(Permission.ISSUE_ACTIVATIONS)
        self._require_activation_url()
        control = control or TaskControl()
        with self._sending(actor) as renew:
            batch = self._prepare(actor, member_ids, letters_out)
            self._deliver(actor, batch, letters_out, control, renew)
        results = [*batch.reported, *(t.result() for t in batch.targets)]
        log.info(
            "activation details by %s: %d delivered, %d not (%d without a letter file)",
            actor.username,
            sum(1 for r in results if r.sent),
            sum(1 for r in results if not r.sent),
            sum(1 for r in results if r.error == NO_LETTER_FILE),
        )
        return results

    def _prepare(
        self, actor: Actor, member_ids: Sequence[int] | None, letters_out: Path | None
    ) -> _Batch:
        """Phase 1, one unit of work: new accounts, fresh codes for the undelivered ones."""
        now = self.clock.now()
        today = hk_date(now)
        deadline = activation_deadline(today)
        batch = _Batch()
        wanted = None if member_ids is None else sorted(set(member_ids))
        with self.db.write() as session:
            new_rows: list[tuple[Any, str, str | None, str | None]] = []
            for chunk in [None] if wanted is None else list(_chunks(wanted)):
                for row in session.execute(self._pending_query(chunk)):
                    delivery, address, problem = _resolve(row.email, row.applicant_email)
                    if delivery == Delivery.LETTER and letters_out is None:
                        batch.reported.append(
                            IssuedActivation(
                                member_id=row.id,
                                form_id=row.form_id,
                                hkid=row.hkid,
                                account_id="",
                                deadline=deadline,
                                delivery=delivery,
                                sent=False,
                                error=NO_LETTER_FILE,
                            )
                        )
                        continue
                    new_rows.append((row, delivery, address, problem))
            retries = self._undelivered(session, wanted, letters_out)
            needs_email = any(
                delivery == Delivery.EMAIL and problem is None
                for _, delivery, _, problem in [*new_rows, *retries]
            )
            if needs_email:
                # No mail server set up: refused before anything is created.
                batch.mailer = self._mailer_for_batch()
            audit = BulkAuditWriter(session, now, actor.username)
            self._create(session, audit, batch, new_rows, today, deadline)
            self._renew_codes(session, audit, batch, retries, today, deadline)
            audit.flush()
        return batch

    def _undelivered(
        self, session: Session, member_ids: Sequence[int] | None, letters_out: Path | None
    ) -> list[tuple[Any, str, str | None, str | None]]:
        """Accounts ISSUED but never delivered, with their delivery resolved again (an address
        corrected since is used)."""
        a = _ACCOUNT
        m = ApplicationMember
        query = (
            sa.select(
                a.c.id.label("pk"),
                a.c.account_id,
                a.c.code_version,
                m.id,
                m.hkid,
                m.name_en,
                m.name_zh,
                m.email,
                Application.form_id,
                Application.applicant_email,
                Application.clinic_code,
            )
            .join(m, m.id == a.c.member_id)
            .join(Application, Application.id == m.application_id)
            .where(a.c.status == AccountStatus.ISSUED.value, a.c.sent_at.is_(None))
            .order_by(a.c.id)
        )
        found: list[tuple[Any, str, str | None, str | None]] = []
        chunks: list[list[int] | None] = [None] if member_ids is None else list(_chunks(member_ids))
        for chunk in chunks:
            chunk_query = query if chunk is None else query.where(m.id.in_(chunk))
            for row in session.execute(chunk_query):
                delivery, address, problem = _resolve(row.email, row.applicant_email)
                if delivery == Delivery.LETTER and letters_out is None:
                    problem = NO_LETTER_FILE  # stays undelivered until a file is chosen
                found.append((row, delivery, address, problem))
        return found

    @staticmethod
    def _unique_account_ids(session: Session, count: int) -> list[str]:
        """``count`` new random account IDs not in use (the table is locked meanwhile)."""
        chosen: list[str] = []
        seen: set[str] = set()
        while len(chosen) < count:
            fresh = {new_account_id() for _ in range(count - len(chosen))} - seen
            taken: set[str] = set()
            for chunk in _chunks(sorted(fresh)):
                taken.update(
                    session.execute(
                        sa.select(_ACCOUNT.c.account_id).where(_ACCOUNT.c.account_id.in_(chunk))
                    ).scalars()
                )
            for account_id in sorted(fresh - taken):
                chosen.append(account_id)
            seen |= fresh
        return chosen

    def _create(
        self,
        session: Session,
        audit: BulkAuditWriter,
        batch: _Batch,
        new_rows: list[tuple[Any, str, str | None, str | None]],
        today: date,
        deadline: date,
    ) -> None:
        if not new_rows:
            return
        now = self.clock.now()
        ids = self._unique_account_ids(session, len(new_rows))
        inserts: list[dict[str, Any]] = []
        pending_targets: list[_Target] = []
        for (row, delivery, address, problem), account_id in zip(new_rows, ids, strict=True):
            code = new_code()
            inserts.append(
                {
                    "account_id": account_id,
                    "member_id": row.id,
                    "hkid": row.hkid,
                    "code_hash": hash_code(account_id, code),
                    "status": AccountStatus.ISSUED.value,
                    "issued_on": today,
                    "activation_deadline": deadline,
                    "activated_at": None,
                    "failed_attempts": 0,
                    "locked_at": None,
                    "code_version": 1,
                    "delivery": delivery,
                    "email_to": address,
                    "sent_at": None,
                    "send_error": problem,
                    "send_attempts": 0,
                    "last_attempt_at": now if problem else None,
                    "reminder_sent_at": None,
                    "suspended_reason": None,
                    "suspended_by": None,
                    "suspended_at": None,
                    "version": 1,
                }
            )
            target = _Target(
                pk=0,
                account_id=account_id,
                member_id=row.id,
                form_id=row.form_id,
                hkid=row.hkid,
                name_en=row.name_en,
                name_zh=row.name_zh or "",
                delivery=delivery,
                email_to=address,
                code=code if problem is None else "",
                code_version=1,
                issued_on=today,
                deadline=deadline,
                clinic_code=row.clinic_code,
                error=problem,
                done=problem is not None,
            )
            pending_targets.append(target)
        for chunk in _chunks(inserts, 1_000):
            session.execute(sa.insert(_ACCOUNT), chunk)
        pks: dict[str, int] = {}
        for chunk in _chunks(ids):
            found = session.execute(
                sa.select(_ACCOUNT.c.account_id, _ACCOUNT.c.id).where(
                    _ACCOUNT.c.account_id.in_(chunk)
                )
            )
            pks.update((account_id, pk) for account_id, pk in found)
        for target in pending_targets:
            target.pk = pks[target.account_id]
            audit.add(
                "account.issue",
                "account",
                target.account_id,
                after={
                    "member": f"{target.form_id}/{target.hkid}",
                    "delivery": target.delivery,
                    "to": target.email_to,
                    "issued_on": today,
                    "deadline": deadline,
                    "code_version": 1,
                },
            )
            if target.error is not None:
                audit.add(
                    "account.send_failed",
                    "account",
                    target.account_id,
                    after={"to": target.email_to, "error": target.error, "code_version": 1},
                )
                batch.reported.append(target.result())
            else:
                batch.targets.append(target)

    def _renew_codes(
        self,
        session: Session,
        audit: BulkAuditWriter,
        batch: _Batch,
        retries: list[tuple[Any, str, str | None, str | None]],
        today: date,
        deadline: date,
    ) -> None:
        """A fresh code (and deadline: it is issued today) for each undelivered account."""
        now = self.clock.now()
        updates: list[dict[str, Any]] = []
        problems: list[dict[str, Any]] = []
        for row, delivery, address, problem in retries:
            if problem is not None:
                # Still no usable address (or letter file): no new code for nothing; the
                # error stays visible.
                if problem != NO_LETTER_FILE:
                    problems.append({"pk": row.pk, "error": problem, "to": address, "at": now})
                batch.reported.append(
                    IssuedActivation(
                        member_id=row.id,
                        form_id=row.form_id,
                        hkid=row.hkid,
                        account_id=row.account_id,
                        deadline=deadline,
                        delivery=delivery,
                        sent=False,
                        error=problem,
                    )
                )
                continue
            code = new_code()
            version = row.code_version + 1
            updates.append(
                {
                    "pk": row.pk,
                    "hash": hash_code(row.account_id, code),
                    "cv": version,
                    "issued": today,
                    "deadline": deadline,
                    "delivery": delivery,
                    "to": address,
                }
            )
            batch.targets.append(
                _Target(
                    pk=row.pk,
                    account_id=row.account_id,
                    member_id=row.id,
                    form_id=row.form_id,
                    hkid=row.hkid,
                    name_en=row.name_en,
                    name_zh=row.name_zh or "",
                    delivery=delivery,
                    email_to=address,
                    code=code,
                    code_version=version,
                    issued_on=today,
                    deadline=deadline,
                    clinic_code=row.clinic_code,
                )
            )
            audit.add(
                "account.issue",
                "account",
                row.account_id,
                after={
                    "member": f"{row.form_id}/{row.hkid}",
                    "delivery": delivery,
                    "to": address,
                    "issued_on": today,
                    "deadline": deadline,
                    "code_version": version,
                    "resend": True,
                },
            )
        a = _ACCOUNT
        if updates:
            session.execute(
                sa.update(a)
                .where(a.c.id == sa.bindparam("pk"))
                .values(
                    code_hash=sa.bindparam("hash"),
                    code_version=sa.bindparam("cv"),
                    issued_on=sa.bindparam("issued"),
                    activation_deadline=sa.bindparam("deadline"),
                    delivery=sa.bindparam("delivery"),
                    email_to=sa.bindparam("to"),
                    failed_attempts=0,
                    locked_at=None,
                    reminder_sent_at=None,
                    version=a.c.version + 1,
                ),
                updates,
                execution_options={"synchronize_session": False},
            )
        if problems:
            session.execute(
                sa.update(a)
                .where(a.c.id == sa.bindparam("pk"))
                .values(
                    send_error=sa.bindparam("error"),
                    email_to=sa.bindparam("to"),
                    last_attempt_at=sa.bindparam("at"),
                    version=a.c.version + 1,
                ),
                problems,
                execution_options={"synchronize_session": False},
            )

    # -- delivering ----------------------------------------------------------------------------
    def _deliver(
        self,
        actor: Actor | str,
        batch: _Batch,
        letters_out: Path | None,
        control: TaskControl,
        renew: Callable[[Session], None],
    ) -> None:
        total = len(batch.targets)
        done = 0
        control.progress(0, total, "")
        letters = [t for t in batch.targets if t.delivery == Delivery.LETTER]
        emails = [t for t in batch.targets if t.delivery == Delivery.EMAIL]
        if letters and letters_out is not None:
            self._write_letters(actor, letters, letters_out)
            done += len(letters)
            control.progress(done, total, letters_out.name)
        if not emails:
            return
        mailer = batch.mailer or self._mailer_for_batch()
        url = self._require_activation_url()
        by_message_id: dict[str, _Target] = {}

        def messages() -> Iterator[EmailMessage]:
            for target in emails:
                control.check()  # a cancel stops before the next message, not after it
                assert target.email_to is not None
                message = activation_message(
                    ActivationEmail(
                        to=target.email_to,
                        name_en=target.name_en,
                        name_zh=target.name_zh,
                        account_id=target.account_id,
                        code=target.code,
                        deadline=target.deadline,
                        activation_url=url,
                        code_version=target.code_version,
                    ),
                    mail_from=self.settings.mail_from,
                    at=self.clock.now(),
                )
                by_message_id[str(message["Message-ID"])] = target
                yield message

        recorder: _Recorder[tuple[_Target, str | None]] = _Recorder(
            lambda outcomes: self._record_outcomes(actor, outcomes, renew)
        )

        def on_result(message: EmailMessage, error: str | None) -> None:
            nonlocal done
            target = by_message_id.pop(str(message["Message-ID"]))
            recorder.put((target, error))
            done += 1
            control.progress(done, total, target.account_id)

        try:
            with recorder:
                mailer.send_many(messages(), on_result)
        except MailerUnavailable as exc:
            log.warning("activation emails not sent: %s", exc)
            self._record_failures(actor, [t for t in emails if not t.done], str(exc))
        finally:
            for target in batch.targets:
                target.code = ""  # the plain codes go as soon as they are not needed

    def _record_outcomes(
        self,
        actor: Actor | str,
        outcomes: list[tuple[_Target, str | None]],
        renew: Callable[[Session], None],
    ) -> None:
        """Messages' outcomes, committed together: usually one, a few when commits are slow."""
        now = self.clock.now()
        a = _ACCOUNT
        who = actor.username if isinstance(actor, Actor) else actor
        with self.db.write() as session:
            audit = BulkAuditWriter(session, now, who)
            for target, error in outcomes:
                where = (
                    a.c.id == target.pk,
                    a.c.code_version == target.code_version,
                    a.c.sent_at.is_(None),
                )
                if error is None:
                    changed = session.execute(
                        sa.update(a)
                        .where(*where)
                        .values(
                            sent_at=now,
                            send_error=None,
                            send_attempts=a.c.send_attempts + 1,
                            last_attempt_at=now,
                            version=a.c.version + 1,
                        )
                        .returning(a.c.id),
                        execution_options={"synchronize_session": False},
                    ).first()
                    if changed is not None:  # None: a newer code replaced it meanwhile
                        audit.add(
                            "account.sent",
                            "account",
                            target.account_id,
                            after={
                                "delivery": target.delivery,
                                "to": target.email_to,
                                "code_version": target.code_version,
                            },
                        )
                else:
                    error = _cut(error)
                    session.execute(
                        sa.update(a)
                        .where(*where)
                        .values(
                            send_error=error,
                            send_attempts=a.c.send_attempts + 1,
                            last_attempt_at=now,
                            version=a.c.version + 1,
                        ),
                        execution_options={"synchronize_session": False},
                    )
                    audit.add(
                        "account.send_failed",
                        "account",
                        target.account_id,
                        after={
                            "delivery": target.delivery,
                            "to": target.email_to,
                            "error": error,
                            "code_version": target.code_version,
                        },
                    )
            audit.flush()
            renew(session)
        for target, error in outcomes:
            target.sent = error is None
            target.error = None if error is None else _cut(error)
            target.done = True

    def _record_failures(self, actor: Actor | str, targets: list[_Target], error: str) -> None:
        """The same failure for many accounts (server down, letters not written): one unit."""
        if not targets:
            return
        now = self.clock.now()
        error = _cut(error)
        a = _ACCOUNT
        with self.db.write() as session:
            for chunk in _chunks(targets):
                session.execute(
                    sa.update(a)
                    .where(
                        a.c.id == sa.bindparam("pk"),
                        a.c.code_version == sa.bindparam("cv"),
                        a.c.sent_at.is_(None),
                    )
                    .values(
                        send_error=error,
                        send_attempts=a.c.send_attempts + 1,
                        last_attempt_at=now,
                        version=a.c.version + 1,
                    ),
                    [{"pk": t.pk, "cv": t.code_version} for t in chunk],
                    execution_options={"synchronize_session": False},
                )
            who = actor.username if isinstance(actor, Actor) else actor
            audit = BulkAuditWriter(session, now, who)
            for target in targets:
                audit.add(
                    "account.send_failed",
                    "account",
                    target.account_id,
                    after={
                        "delivery": target.delivery,
                        "to": target.email_to,
                        "error": error,
                        "code_version": target.code_version,
                    },
                )
            audit.flush()
        for target in targets:
            target.sent = False
            target.error = error
            target.done = True

    def _record_letters_sent(self, actor: Actor | str, targets: list[_Target]) -> None:
        now = self.clock.now()
        a = _ACCOUNT
        with self.db.write() as session:
            for chunk in _chunks(targets):
                session.execute(
                    sa.update(a)
                    .where(
                        a.c.id == sa.bindparam("pk"),
                        a.c.code_version == sa.bindparam("cv"),
                        a.c.sent_at.is_(None),
                    )
                    .values(
                        sent_at=now,
                        send_error=None,
                        send_attempts=a.c.send_attempts + 1,
                        last_attempt_at=now,
                        version=a.c.version + 1,
                    ),
                    [{"pk": t.pk, "cv": t.code_version} for t in chunk],
                    execution_options={"synchronize_session": False},
                )
            who = actor.username if isinstance(actor, Actor) else actor
            audit = BulkAuditWriter(session, now, who)
            for target in targets:
                audit.add(
                    "account.sent",
                    "account",
                    target.account_id,
                    after={"delivery": target.delivery, "code_version": target.code_version},
                )
            audit.flush()
        for target in targets:
            target.sent = True
            target.error = None
            target.done = True

    def _write_letters(self, actor: Actor | str, targets: list[_Target], out: Path) -> None:
        """All letters of the batch into one PDF; "sent" once the file is complete."""
        url = self._require_activation_url()
        try:
            from fc_admin.exchange.activation_letter import (  # heavy (reportlab): lazily
                LetterContent,
                LetterError,
                write_letters,
            )
        except ImportError as exc:
            self._record_failures(actor, targets, f"letters cannot be printed here: {exc}")
            return
        clinics = self._clinic_names()
        contents = [
            LetterContent(
                name_en=t.name_en,
                name_zh=t.name_zh,
                hkid_masked=mask_hkid(t.hkid),
                account_id=t.account_id,
                code=format_code(t.code),
                deadline=t.deadline,
                activation_url=url,
                form_id=t.form_id,
                clinic_name_en=clinics.get(t.clinic_code or "", ("", ""))[0],
                clinic_name_zh=clinics.get(t.clinic_code or "", ("", ""))[1],
                issued_on=t.issued_on,
            )
            for t in targets
        ]
        try:
            write_letters(out, contents)
        except LetterError as exc:
            self._record_failures(actor, targets, str(exc))
            return
        except OSError as exc:
            self._record_failures(
                actor, targets, f"cannot write {out.name}: {exc.strerror or type(exc).__name__}"
            )
            return
        self._record_letters_sent(actor, targets)

    def _clinic_names(self) -> dict[str, tuple[str, str]]:
        with self.db.read() as session:
            return {
                code: (en, zh)
                for code, en, zh in session.execute(
                    sa.select(Clinic.code, Clinic.name_en, Clinic.name_zh)
                ).tuples()
            }

    # -- re-issue, suspend -----------------------------------------------------------------------
    def reissue(
        self, actor: Actor, account_id: str, letters_out: Path | None = None
    ) -> IssuedActivation:
        """R5.3: a new code (the old one stops working) and a new deadline; ``ISSUED`` again.

        For an ``EXPIRED`` account, or one not activated yet (e.g. locked after wrong codes, or
        whose details were lost). Delivered like a first issue.
        """
        actor.require(Permission.ISSUE_ACTIVATIONS)
        self._require_activation_url()
        wanted = normalise_account_id(account_id)
        now = self.clock.now()
        today = hk_date(now)
        deadline = activation_deadline(today)
        with self._sending(actor) as renew:
            with self.db.write() as session:
                account = self._account(session, wanted, lock=True)
                if account.status not in (AccountStatus.ISSUED, AccountStatus.EXPIRED):
                    raise Conflict(
                        QT_TRANSLATE_NOOP(
                            "errors",
                            "account {account_id} is {status}: only an expired account or one "
                            "not activated yet can be re-issued",
                        ),
                        account_id=account.account_id,
                        status=account.status,
                    )
                member, application = self._member_of(session, account.member_id)
                delivery, address, problem = _resolve(member.email, application.applicant_email)
                if problem is not None:
                    raise InvalidInput(
                        QT_TRANSLATE_NOOP(
                            "errors",
                            "account {account_id}: the email address {to} cannot be used "
                            "({reason})",
                        ),
                        account_id=account.account_id,
                        to=address or "",
                        reason=problem,
                    )
                if delivery == Delivery.LETTER and letters_out is None:
                    raise InvalidInput(
                        QT_TRANSLATE_NOOP(
                            "errors",
                            "account {account_id} gets a printed letter: choose the file to "
                            "write it to",
                        ),
                        account_id=account.account_id,
                    )
                mailer = self._mailer_for_batch() if delivery == Delivery.EMAIL else None
                before = {
                    "status": account.status,
                    "deadline": account.activation_deadline,
                    "code_version": account.code_version,
                    "failed_attempts": account.failed_attempts,
                }
                code = new_code()
                account.code_hash = hash_code(account.account_id, code)
                account.code_version += 1
                account.status = AccountStatus.ISSUED.value
                account.issued_on = today
                account.activation_deadline = deadline
                account.failed_attempts = 0
                account.locked_at = None
                account.delivery = delivery
                account.email_to = address
                account.sent_at = None
                account.send_error = None
                account.reminder_sent_at = None
                session.flush()
                append_audit(
                    session,
                    self.clock,
                    actor,
                    "account.reissue",
                    "account",
                    account.account_id,
                    before=before,
                    after={
                        "status": account.status,
                        "deadline": deadline,
                        "code_version": account.code_version,
                        "delivery": delivery,
                        "to": address,
                    },
                )
                target = _Target(
                    pk=account.id,
                    account_id=account.account_id,
                    member_id=member.id,
                    form_id=application.form_id,
                    hkid=member.hkid,
                    name_en=member.name_en,
                    name_zh=member.name_zh or "",
                    delivery=delivery,
                    email_to=address,
                    code=code,
                    code_version=account.code_version,
                    issued_on=today,
                    deadline=deadline,
                    clinic_code=application.clinic_code,
                )
            batch = _Batch(targets=[target], mailer=mailer)
            self._deliver(actor, batch, letters_out, TaskControl(), renew)
        return target.result()

    def suspend(
        self, actor: Actor, account_id: str, reason: str, expected_version: int | None = None
    ) -> AccountRow:
        """R5.4: an officer suspends an account, with a reason; audited."""
        actor.require(Permission.ISSUE_ACTIVATIONS)
        reason = " ".join(reason.split())
        if not reason:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "a suspension needs a reason"))
        if len(reason) > _MAX_REASON:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "a reason is limited to {limit} characters"),
                limit=_MAX_REASON,
            )
        wanted = normalise_account_id(account_id)
        with self.db.write() as session:
            account = self._account(session, wanted, lock=True)
            if expected_version is not None and account.version != expected_version:
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "errors", "account {account_id} was changed meanwhile, reload"
                    ),
                    account_id=account.account_id,
                )
            if account.status == AccountStatus.SUSPENDED:
                raise Conflict(
                    QT_TRANSLATE_NOOP("errors", "account {account_id} is already suspended"),
                    account_id=account.account_id,
                )
            before = {"status": account.status}
            account.status = AccountStatus.SUSPENDED.value
            account.suspended_reason = reason
            account.suspended_by = actor.username
            account.suspended_at = self.clock.now()
            session.flush()
            append_audit(
                session,
                self.clock,
                actor,
                "account.suspend",
                "account",
                account.account_id,
                before=before,
                after={"status": account.status, "reason": reason},
            )
            member, application = self._member_of(session, account.member_id)
            return _account_row(account, member, application)

    @staticmethod
    def _account(session: Session, account_id: str, *, lock: bool = False) -> Account:
        query = sa.select(Account).where(Account.account_id == account_id)
        if lock:
            query = query.with_for_update()
        account = session.execute(query).scalar_one_or_none()
        if account is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("errors", "there is no account {account_id}"),
                account_id=account_id,
            )
        return account

    @staticmethod
    def _member_of(session: Session, member_id: int) -> tuple[ApplicationMember, Application]:
        row = session.execute(
            sa.select(ApplicationMember, Application)
            .join(Application, Application.id == ApplicationMember.application_id)
            .where(ApplicationMember.id == member_id)
        ).one()
        return row[0], row[1]

    # -- activation ------------------------------------------------------------------------------
    def activate(self, account_id: str, code: str) -> bool:
        """The online system's call: True exactly once, for the right code before the deadline.

        :meth:`try_activate` says why not.
        """
        return self.try_activate(account_id, code) is ActivationOutcome.ACTIVATED

    def try_activate(self, account_id: str, code: str) -> ActivationOutcome:
        """Check a code typed into the online system (R5.2: single use); audited as
        :data:`SYSTEM_ONLINE`. A wrong code is counted; after :data:`MAX_WRONG_CODES` the account
        locks and even the right code is refused until an officer re-issues it."""
        wanted = normalise_account_id(account_id)
        now = self.clock.now()
        today = hk_date(now)
        with self.db.write() as session:
            account = session.execute(
                sa.select(Account).where(Account.account_id == wanted).with_for_update()
            ).scalar_one_or_none()
            if account is None:
                return ActivationOutcome.UNKNOWN_ACCOUNT
            if account.status == AccountStatus.ACTIVE:
                return ActivationOutcome.ALREADY_ACTIVE
            if account.status == AccountStatus.SUSPENDED:
                return ActivationOutcome.SUSPENDED
            if account.status == AccountStatus.EXPIRED or today > account.activation_deadline:
                return ActivationOutcome.EXPIRED
            if account.locked_at is not None:
                return ActivationOutcome.LOCKED
            if not verify_code(account.code_hash, account.account_id, code):
                account.failed_attempts += 1
                locked = account.failed_attempts >= MAX_WRONG_CODES
                if locked:
                    account.locked_at = now
                session.flush()
                append_audit(
                    session,
                    self.clock,
                    SYSTEM_ONLINE,
                    "account.activation_failed",
                    "account",
                    account.account_id,
                    after={"failed_attempts": account.failed_attempts},
                )
                if locked:
                    append_audit(
                        session,
                        self.clock,
                        SYSTEM_ONLINE,
                        "account.locked",
                        "account",
                        account.account_id,
                        after={"failed_attempts": account.failed_attempts},
                    )
                    return ActivationOutcome.LOCKED
                return ActivationOutcome.WRONG_CODE
            account.status = AccountStatus.ACTIVE.value
            account.activated_at = now
            account.code_hash = VOID_HASH  # single use: nothing left to match
            session.flush()
            append_audit(
                session,
                self.clock,
                SYSTEM_ONLINE,
                "account.activate",
                "account",
                account.account_id,
                before={"status": AccountStatus.ISSUED.value},
                after={"status": account.status, "activated_at": now},
            )
            return ActivationOutcome.ACTIVATED

    def import_activations(self, actor: Actor, path: Path) -> ActivationImportResult:
        """The online system's activations file (``account_id, activated_at``), whole or nothing.

        Refused lines (with file, line, column and reason): unknown account IDs, suspended
        accounts, activations after the account's deadline or in the future, and everything the
        reader refuses. An account already ``ACTIVE`` is counted and left as it is.
        """
        actor.require(Permission.ISSUE_ACTIVATIONS)
        lines = read_activations(path)
        name = path.name
        now = self.clock.now()
        problems: list[FileProblem] = []
        activated = already = 0
        with self.db.write() as session:
            accounts: dict[str, Any] = {}
            for chunk in _chunks(sorted({line.account_id for line in lines})):
                for row in session.execute(
                    sa.select(
                        _ACCOUNT.c.id,
                        _ACCOUNT.c.account_id,
                        _ACCOUNT.c.status,
                        _ACCOUNT.c.activation_deadline,
                    )
                    .where(_ACCOUNT.c.account_id.in_(chunk))
                    .with_for_update()
                ):
                    accounts[row.account_id] = row
            updates: list[dict[str, Any]] = []
            for line in lines:
                account = accounts.get(line.account_id)
                if account is None:
                    problems.append(
                        FileProblem(name, line.line, "account_id", f"no account {line.account_id}")
                    )
                    continue
                if line.activated_at > now + timedelta(minutes=5):
                    problems.append(
                        FileProblem(name, line.line, "activated_at", "the moment is in the future")
                    )
                    continue
                if account.status == AccountStatus.ACTIVE:
                    already += 1
                    continue
                if account.status == AccountStatus.SUSPENDED:
                    problems.append(
                        FileProblem(
                            name,
                            line.line,
                            "account_id",
                            f"account {line.account_id} is suspended",
                        )
                    )
                    continue
                if hk_date(line.activated_at) > account.activation_deadline:
                    problems.append(
                        FileProblem(
                            name,
                            line.line,
                            "activated_at",
                            f"after the account's activation deadline "
                            f"{account.activation_deadline.isoformat()}",
                        )
                    )
                    continue
                updates.append(
                    {
                        "pk": account.id,
                        "at": line.activated_at.astimezone(UTC),
                        "account_id": line.account_id,
                        "before": account.status,
                    }
                )
            if problems:
                raise FileRejected(problems)
            a = _ACCOUNT
            for chunk in _chunks(updates):
                session.execute(
                    sa.update(a)
                    .where(a.c.id == sa.bindparam("pk"))
                    .values(
                        status=AccountStatus.ACTIVE.value,
                        activated_at=sa.bindparam("at"),
                        code_hash=VOID_HASH,
                        version=a.c.version + 1,
                    ),
                    [{"pk": u["pk"], "at": u["at"]} for u in chunk],
                    execution_options={"synchronize_session": False},
                )
            audit = BulkAuditWriter(session, now, actor.username)
            for update in updates:
                audit.add(
                    "account.activate",
                    "account",
                    update["account_id"],
                    before={"status": update["before"]},
                    after={
                        "status": AccountStatus.ACTIVE.value,
                        "activated_at": update["at"],
                        "file": name,
                    },
                )
            audit.flush()
            activated = len(updates)
        return ActivationImportResult(name, len(lines), activated, already)

    # -- deadlines -----------------------------------------------------------------------------
    def expire(self, actor: Actor) -> int:
        """R5.3: every ``ISSUED`` account past its activation deadline becomes ``EXPIRED``
        (one set-based UPDATE); the number expired. A daily job."""
        actor.require(Permission.ISSUE_ACTIVATIONS)
        now = self.clock.now()
        today = hk_date(now)
        a = _ACCOUNT
        with self.db.write() as session:
            expired = session.execute(
                sa.update(a)
                .where(
                    a.c.status == AccountStatus.ISSUED.value,
                    a.c.activation_deadline < today,
                )
                .values(status=AccountStatus.EXPIRED.value, version=a.c.version + 1)
                .returning(a.c.account_id, a.c.activation_deadline),
                execution_options={"synchronize_session": False},
            ).all()
            audit = BulkAuditWriter(session, now, actor.username)
            for account_id, deadline in sorted(expired):
                audit.add(
                    "account.expire",
                    "account",
                    account_id,
                    before={"status": AccountStatus.ISSUED.value},
                    after={"status": AccountStatus.EXPIRED.value, "deadline": deadline},
                )
            audit.flush()
        return len(expired)

    def send_reminders(
        self, actor: Actor, days_before: int | None = None, control: TaskControl | None = None
    ) -> int:
        """Email a reminder to each account not activated whose deadline is within
        ``days_before`` days (default: the shared setting, 30); each account once per code.
        Returns how many were sent."""
        actor.require(Permission.ISSUE_ACTIVATIONS)
        url = self._require_activation_url()
        control = control or TaskControl()
        now = self.clock.now()
        today = hk_date(now)
        a = _ACCOUNT
        m = ApplicationMember
        with self.db.read() as session:
            days = (
                read_activation_settings(session).reminder_days
                if days_before is None
                else days_before
            )
            due = session.execute(
                sa.select(
                    a.c.id,
                    a.c.account_id,
                    a.c.email_to,
                    a.c.issued_on,
                    a.c.activation_deadline,
                    a.c.code_version,
                    m.name_en,
                    m.name_zh,
                )
                .join(m, m.id == a.c.member_id)
                .where(
                    a.c.status == AccountStatus.ISSUED.value,
                    a.c.activation_deadline.between(today, today + timedelta(days=days)),
                    a.c.delivery == Delivery.EMAIL.value,
                    a.c.sent_at.is_not(None),
                    a.c.reminder_sent_at.is_(None),
                    a.c.locked_at.is_(None),
                    a.c.email_to.is_not(None),
                )
                .order_by(a.c.activation_deadline, a.c.id)
            ).all()
        if not due:
            return 0
        sent = handled = 0
        with self._sending(actor) as renew:
            mailer = self._mailer_for_batch()
            by_message_id: dict[str, Any] = {}

            def messages() -> Iterator[EmailMessage]:
                for row in due:
                    control.check()
                    message = reminder_message(
                        ReminderEmail(
                            to=row.email_to,
                            name_en=row.name_en,
                            name_zh=row.name_zh or "",
                            account_id=row.account_id,
                            issued_on=row.issued_on,
                            deadline=row.activation_deadline,
                            activation_url=url,
                            code_version=row.code_version,
                        ),
                        mail_from=self.settings.mail_from,
                        at=self.clock.now(),
                    )
                    by_message_id[str(message["Message-ID"])] = row
                    yield message

            def record(rows: list[Any]) -> None:
                nonlocal sent
                sent += self._record_reminders(actor, rows, renew)

            recorder: _Recorder[Any] = _Recorder(record)

            def on_result(message: EmailMessage, error: str | None) -> None:
                nonlocal handled
                row = by_message_id.pop(str(message["Message-ID"]))
                if error is None:
                    recorder.put(row)
                handled += 1
                control.progress(handled, len(due), row.account_id)

            with recorder:
                mailer.send_many(messages(), on_result)
        return sent

    def _record_reminders(
        self, actor: Actor, rows: list[Any], renew: Callable[[Session], None]
    ) -> int:
        now = self.clock.now()
        a = _ACCOUNT
        recorded = 0
        with self.db.write() as session:
            audit = BulkAuditWriter(session, now, actor.username)
            for row in rows:
                changed = session.execute(
                    sa.update(a)
                    .where(
                        a.c.id == row.id,
                        a.c.code_version == row.code_version,
                        a.c.reminder_sent_at.is_(None),
                    )
                    .values(reminder_sent_at=now, version=a.c.version + 1)
                    .returning(a.c.id),
                    execution_options={"synchronize_session": False},
                ).first()
                if changed is not None:
                    recorded += 1
                    audit.add(
                        "account.reminder",
                        "account",
                        row.account_id,
                        after={"to": row.email_to, "deadline": row.activation_deadline},
                    )
            audit.flush()
            renew(session)
        return recorded

    # -- the accounts list -----------------------------------------------------------------------
    def _view_clause(self, session: Session, view: AccountView) -> list[sa.ColumnElement[bool]]:
        a = _ACCOUNT
        if view is AccountView.ALL:
            return []
        if view is AccountView.WAITING:
            return [a.c.status == AccountStatus.ISSUED.value]
        if view is AccountView.NOT_SENT:
            return [a.c.status == AccountStatus.ISSUED.value, a.c.sent_at.is_(None)]
        if view is AccountView.EXPIRING:
            today = self._today()
            window = read_activation_settings(session).expiring_days
            return [
                a.c.status == AccountStatus.ISSUED.value,
                a.c.activation_deadline.between(today, today + timedelta(days=window)),
            ]
        status = {
            AccountView.ACTIVE: AccountStatus.ACTIVE,
            AccountView.EXPIRED: AccountStatus.EXPIRED,
            AccountView.SUSPENDED: AccountStatus.SUSPENDED,
        }[view]
        return [a.c.status == status.value]

    def _text_clause(
        self, actor: Actor, text: str, audit_search: bool
    ) -> sa.ColumnElement[bool] | None:
        text = text.strip()
        if not text:
            return None
        a = _ACCOUNT
        m = ApplicationMember
        try:
            hkid = normalise_hkid(text)
        except InvalidHkid:
            hkid = None
        if hkid is not None:
            actor.require(Permission.SEARCH_HKID)
            if audit_search:
                # R13.3: every HKID search is audited (masked).
                with self.db.write() as session:
                    append_audit(
                        session,
                        self.clock,
                        actor,
                        "hkid.search",
                        "person",
                        hkid,
                        after={"where": "accounts"},
                    )
            return a.c.hkid == hkid
        compact = normalise_account_id(text)
        like = f"%{text.replace('%', '').replace('_', '').lower()}%"
        return sa.or_(
            a.c.account_id == compact,
            sa.func.lower(Application.form_id).like(like),
            sa.func.lower(m.name_en).like(like),
            m.name_zh.like(like),
            sa.func.lower(a.c.email_to).like(like),
        )

    def _accounts_query(
        self, session: Session, view: AccountView, text_clause: sa.ColumnElement[bool] | None
    ) -> sa.Select[Any]:
        a = _ACCOUNT
        m = ApplicationMember
        query = (
            sa.select(a, m.name_en, m.name_zh, Application.form_id)
            .join(m, m.id == a.c.member_id)
            .join(Application, Application.id == m.application_id)
            .where(*self._view_clause(session, AccountView(view)))
        )
        if text_clause is not None:
            query = query.where(text_clause)
        return query

    def page(
        self, actor: Actor, view: AccountView, offset: int, limit: int, text: str = ""
    ) -> list[AccountRow]:
        """One page of accounts (by activation deadline), straight from the database."""
        self._require_view(actor)
        # One search, one audit record: the first page audits it, further pages do not.
        clause = self._text_clause(actor, text, audit_search=offset == 0)
        with self.db.read() as session:
            query = (
                self._accounts_query(session, view, clause)
                .order_by(_ACCOUNT.c.activation_deadline, _ACCOUNT.c.id)
                .offset(offset)
                .limit(limit)
            )
            return [_row_from_mapping(row._mapping) for row in session.execute(query)]

    def count(self, actor: Actor, view: AccountView, text: str = "") -> int:
        self._require_view(actor)
        clause = self._text_clause(actor, text, audit_search=False)
        with self.db.read() as session:
            inner = self._accounts_query(session, view, clause)
            total = session.execute(
                sa.select(sa.func.count()).select_from(inner.subquery())
            ).scalar_one()
            return int(total)

    def account(self, actor: Actor, account_id: str) -> AccountRow:
        self._require_view(actor)
        with self.db.read() as session:
            account = self._account(session, normalise_account_id(account_id))
            member, application = self._member_of(session, account.member_id)
            return _account_row(account, member, application)


def _account_row(
    account: Account, member: ApplicationMember, application: Application
) -> AccountRow:
    return AccountRow(
        account_id=account.account_id,
        form_id=application.form_id,
        hkid=account.hkid,
        name_en=member.name_en,
        name_zh=member.name_zh or "",
        status=account.status,
        issued_on=account.issued_on,
        activation_deadline=account.activation_deadline,
        activated_at=account.activated_at,
        delivery=account.delivery,
        email_to=account.email_to,
        sent_at=account.sent_at,
        send_error=account.send_error,
        reminder_sent_at=account.reminder_sent_at,
        suspended_reason=account.suspended_reason,
        version=account.version,
        failed_attempts=account.failed_attempts,
        locked=account.locked_at is not None,
        send_attempts=account.send_attempts,
        code_version=account.code_version,
        member_id=account.member_id,
    )


def _row_from_mapping(row: Any) -> AccountRow:
    return AccountRow(
        account_id=row["account_id"],
        form_id=row["form_id"],
        hkid=row["hkid"],
        name_en=row["name_en"],
        name_zh=row["name_zh"] or "",
        status=row["status"],
        issued_on=row["issued_on"],
        activation_deadline=row["activation_deadline"],
        activated_at=row["activated_at"],
        delivery=row["delivery"],
        email_to=row["email_to"],
        sent_at=row["sent_at"],
        send_error=row["send_error"],
        reminder_sent_at=row["reminder_sent_at"],
        suspended_reason=row["suspended_reason"],
        version=row["version"],
        failed_attempts=row["failed_attempts"],
        locked=row["locked_at"] is not None,
        send_attempts=row["send_attempts"],
        code_version=row["code_version"],
        member_id=row["member_id"],
    )
