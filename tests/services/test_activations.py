"""Activation details (R5, F6) end to end, against a real SMTP server on loopback and on both
databases: what arrived is parsed with the email package (both languages, the account ID, a
code that activates exactly once, the deadline), month-end deadlines, refused and failed sends
retried, issuing twice, crash-and-resume without a duplicate email, lockout, the activations
file, expiry, reminders, re-issue, suspension, the accounts list and permissions."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.activation_codes import ALPHABET, VOID_HASH, format_code
from fc_admin.domain.deadlines import DeadlineState
from fc_admin.domain.hkid import mask_hkid
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Role
from fc_admin.exchange.activation_email import REMINDER_SUBJECT, SUBJECT
from fc_admin.exchange.errors import FileRejected
from fc_admin.models import Account, Application, ApplicationMember, AuditRecord, SharedSetting
from fc_admin.services.activations import (
    NO_LETTER_FILE,
    AccountView,
    ActivationOutcome,
    ActivationService,
    IssuedActivation,
)
from fc_admin.services.audit import AuditService, append_audit
from fc_admin.services.clock import FixedClock
from fc_admin.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from fc_admin.services.mailer import Mailer, MailerUnavailable, OnResult, SmtpMailer
from fc_admin.settings import Settings
from fc_admin.tasks import Cancelled, TaskControl
from tests.conftest import ADMIN, NOW, OPERATOR, actor_for
from tests.services.factories import add_application, family, set_decision
from tests.services.test_mailer import SmtpServer, free_port

SUPERVISOR = actor_for(Role.SUPERVISOR)
MAIL_FROM = "Families Clinics <noreply@fc.example.gov.hk>"
URL = "https://booking.fc.example.gov.hk/activate"
SETTINGS = Settings(mail_from=MAIL_FROM, activation_url=URL, smtp_host="127.0.0.1")
HAS_LETTERS = importlib.util.find_spec("fc_admin.exchange.activation_letter") is not None

_MEMBER: sa.Table = ApplicationMember.__table__  # type: ignore[assignment]
_APPLICATION: sa.Table = Application.__table__  # type: ignore[assignment]
_ACCOUNT: sa.Table = Account.__table__  # type: ignore[assignment]


# -- set-up --------------------------------------------------------------------------------------


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


def at(day: date, hour: int = 10) -> FixedClock:
    return FixedClock(datetime(day.year, day.month, day.day, hour, 0, tzinfo=HONG_KONG))


def make_service(
    db: Database, clock: FixedClock, mailer: Mailer | None, **settings: Any
) -> ActivationService:
    return ActivationService(db, clock, mailer, SETTINGS.with_changes(**settings))


def approved_form(
    db: Database,
    form_id: str,
    prefix: str,
    start: int,
    *,
    emails: tuple[str | None, ...] = (None, None, None),
    applicant_email: str | None = "applicant@example.org",
    channel: str = "iam_smart",
    clinic: str | None = None,
    received: date = date(2025, 1, 6),
    deadline: date = date(2025, 1, 24),
    approve: bool = True,
) -> list[int]:
    """A family of three on one form (principal, spouse, child), approved; member ids."""
    people = family(prefix, start)
    ids = add_application(
        db,
        form_id,
        "LCSD",
        [people["principal"], people["spouse"], people["child"]],
        received=received,
        deadline=deadline,
        channel=channel,
    )
    member_ids = list(ids.values())
    with db.write() as s:
        s.execute(
            sa.update(_APPLICATION)
            .where(_APPLICATION.c.form_id == form_id)
            .values(applicant_email=applicant_email, clinic_code=clinic)
        )
        for member_id, address in zip(member_ids, emails, strict=True):
            s.execute(sa.update(_MEMBER).where(_MEMBER.c.id == member_id).values(email=address))
    if approve:
        for member_id in member_ids:
            set_decision(db, member_id, "approve")
    return member_ids


@dataclass(frozen=True)
class Arrived:
    to: str
    account_id: str
    code: str
    text: str
    html: str
    message: EmailMessage


_ACCOUNT_RE = re.compile(r"Account ID:\s+(FC[0-9A-Z]{8})")
_CODE_RE = re.compile(r"Activation code:\s+([0-9A-Z]{4}(?:-[0-9A-Z]{4})+)")


def arrived(server: SmtpServer) -> list[Arrived]:
    """Every message the server accepted, parsed."""
    found = []
    for message in server.recorder.messages():
        text_part = message.get_body(("plain",))
        html_part = message.get_body(("html",))
        assert text_part is not None and html_part is not None
        text = text_part.get_content()
        account = _ACCOUNT_RE.search(text)
        code = _CODE_RE.search(text)
        found.append(
            Arrived(
                to=str(message["To"]),
                account_id=account.group(1) if account else "",
                code=code.group(1) if code else "",
                text=text,
                html=html_part.get_content(),
                message=message,
            )
        )
    return found


def accounts(db: Database) -> dict[str, Any]:
    with db.read() as s:
        return {r.account_id: r for r in s.execute(sa.select(_ACCOUNT).order_by(_ACCOUNT.c.id))}


def audit_actions(db: Database) -> list[tuple[str, str, str, str | None]]:
    with db.read() as s:
        return [
            (r.action, r.entity_id, r.actor, r.after)
            for r in s.execute(sa.select(AuditRecord).order_by(AuditRecord.id)).scalars()
        ]


def every_stored_text(db: Database) -> str:
    """All the text of the database, to look for what must never be stored."""
    with db.engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        return "\n".join(
            repr(tuple(row))
            for name in names
            for row in conn.execute(sa.text(f'SELECT * FROM "{name}"'))
        )


# -- R5, F6: what arrives --------------------------------------------------------------------


def test_r5_f6_each_approved_member_gets_a_bilingual_email_whose_code_activates_once(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    ids = approved_form(
        any_db, "EF1", "A", 100001, emails=("principal@example.org", "spouse@example.org", None)
    )
    service = make_service(any_db, clock, smtp.mailer())

    issued = service.issue(SUPERVISOR)

    # Delivery: the member's own email, or the applicant's when the member gave none (R5.1).
    assert [(i.member_id, i.delivery, i.sent, i.error) for i in issued] == [
        (ids[0], "email", True, None),
        (ids[1], "email", True, None),
        (ids[2], "email", True, None),
    ]
    messages = arrived(smtp)
    assert sorted(m.to for m in messages) == [
        "applicant@example.org",
        "principal@example.org",
        "spouse@example.org",
    ]
    stored = accounts(any_db)
    assert set(stored) == {i.account_id for i in issued} == {m.account_id for m in messages}
    names = {
        "principal@example.org": ("CHAN, Tai Man", "陳大文"),
        "spouse@example.org": ("WONG, Mei Ling", "黃美玲"),
        "applicant@example.org": ("CHAN, Siu Ming", "陳小明"),
    }
    for m in messages:
        assert m.message["Subject"] == SUBJECT
        assert (
            SUBJECT == "Families Clinics Online Booking System account / 公務員診所網上預約系統帳戶"
        )
        assert m.message.get_content_type() == "multipart/alternative"
        assert m.message["From"] == MAIL_FROM
        assert m.message["Message-ID"] == f"<{m.account_id}.1.activation@fc.example.gov.hk>"
        name_en, name_zh = names[m.to]
        for body in (m.text, m.html):
            # Both languages in both parts: names, labels, the deadline in each date format.
            assert name_en in body and name_zh in body
            assert "Account ID" in body and "帳戶號碼" in body
            assert "Activation code" in body and "啟動碼" in body
            assert m.account_id in body
            assert m.code in body
            assert "8 September 2025" in body  # R5.3: issued 8 Jan 2025
            assert "2025年9月8日" in body
            assert URL in body
            assert "2711 0213" in body
            assert "Monday to Friday 9:00–13:00 and 14:00–17:00" in body
            assert "星期一至五" in body
        assert len(m.code.replace("-", "")) >= 10
        assert set(m.code.replace("-", "")) <= set(ALPHABET)
        account = stored[m.account_id]
        assert account.status == "ISSUED"
        assert account.issued_on == date(2025, 1, 8)
        assert account.activation_deadline == date(2025, 9, 8)
        assert account.sent_at is not None and account.send_error is None
        assert account.email_to == m.to
        assert account.account_id.startswith("FC") and len(account.account_id) == 10

    # The code from the message works exactly once (R5.2).
    first = messages[0]
    assert service.try_activate(first.account_id, first.code) is ActivationOutcome.ACTIVATED
    assert service.activate(first.account_id, first.code) is False
    assert service.try_activate(first.account_id, first.code) is ActivationOutcome.ALREADY_ACTIVE
    # Typed as people type it: lower case, spaces instead of hyphens.
    second = messages[1]
    typed = second.code.replace("-", " ").lower()
    assert service.activate(second.account_id.lower(), typed) is True
    after = accounts(any_db)
    assert after[first.account_id].status == "ACTIVE"
    assert after[first.account_id].activated_at is not None
    assert after[first.account_id].code_hash == VOID_HASH

    # R5.2: the code is stored only as a hash, and never in the audit trail.
    everything = every_stored_text(any_db)
    for m in messages:
        assert m.code not in everything
        assert m.code.replace("-", "") not in everything
    # R9.3: no full HKID in the audit trail.
    audit = " ".join(str(a) for a in audit_actions(any_db))
    with any_db.read() as s:
        hkids = s.execute(sa.select(_MEMBER.c.hkid)).scalars().all()
    assert all(h not in audit for h in hkids)
    actions = [a[0] for a in audit_actions(any_db)]
    assert actions.count("account.issue") == 3
    assert actions.count("account.sent") == 3
    assert actions.count("account.activate") == 2
    assert AuditService(any_db, clock).verify().ok


@pytest.mark.parametrize(
    ("issued", "deadline", "english", "chinese"),
    [
        (date(2025, 6, 30), date(2026, 2, 28), "28 February 2026", "2026年2月28日"),
        (date(2025, 8, 31), date(2026, 4, 30), "30 April 2026", "2026年4月30日"),
        (date(2025, 12, 31), date(2026, 8, 31), "31 August 2026", "2026年8月31日"),
    ],
)
def test_r5_3_month_end_deadlines_in_the_database_and_the_email(
    any_db: Database,
    smtp: SmtpServer,
    issued: date,
    deadline: date,
    english: str,
    chinese: str,
) -> None:
    approved_form(any_db, "EF1", "A", 100001, emails=("a@example.org", None, None))
    service = make_service(any_db, at(issued), smtp.mailer())

    issued_rows = service.issue(SUPERVISOR, member_ids=None)

    assert {i.deadline for i in issued_rows} == {deadline}
    assert {a.activation_deadline for a in accounts(any_db).values()} == {deadline}
    for m in arrived(smtp):
        assert english in m.text and english in m.html
        assert chinese in m.text and chinese in m.html
    # The last day still works; the day after does not.
    first = arrived(smtp)[0]
    late = make_service(any_db, at(deadline + timedelta(days=1), 0), smtp.mailer())
    assert late.try_activate(first.account_id, first.code) is ActivationOutcome.EXPIRED
    on_time = make_service(any_db, at(deadline, 23), smtp.mailer())
    assert on_time.activate(first.account_id, first.code) is True


# -- pending ---------------------------------------------------------------------------------


def test_r4_pending_lists_approved_members_without_details_by_deadline(
    any_db: Database, clock: FixedClock
) -> None:
    late = approved_form(
        any_db, "EF-LATE", "B", 200001, received=date(2025, 1, 7), deadline=date(2025, 1, 27)
    )
    soon = approved_form(
        any_db,
        "EF-SOON",
        "C",
        300001,
        emails=("bad address@example", None, None),
        received=date(2024, 12, 16),
        deadline=date(2025, 1, 9),
    )
    undecided = approved_form(any_db, "EF-OPEN", "D", 400001, approve=False)
    set_decision(any_db, undecided[0], "reject")
    in_person = approved_form(
        any_db, "EF-PAPER", "E", 500001, applicant_email=None, channel="in_person", clinic="CW"
    )

    pending = make_service(any_db, clock, None).pending(SUPERVISOR)

    assert [p.member_id for p in pending] == [*soon, *in_person, *late]
    first = pending[0]
    assert first.form_id == "EF-SOON"
    assert first.notification_deadline == date(2025, 1, 9)
    assert first.working_days_left == 1
    assert first.deadline_state is DeadlineState.AT_RISK
    assert first.email_to == "bad address@example"
    assert first.email_problem is not None and "spaces" in first.email_problem
    assert pending[1].email_problem is None and pending[1].email_to == "applicant@example.org"
    assert pending[3].deadline_state is DeadlineState.ON_TRACK
    paper = [p for p in pending if p.form_id == "EF-PAPER"]
    assert {(p.delivery, p.email_to) for p in paper} == {("letter", None)}
    assert {p.name_zh for p in pending if p.form_id == "EF-LATE"} == {"陳大文", "黃美玲", "陳小明"}


# -- issuing twice, refused, down, malformed ------------------------------------------------


def test_issuing_twice_sends_nothing_new(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    approved_form(any_db, "EF1", "A", 100001)
    service = make_service(any_db, clock, smtp.mailer())
    service.issue(SUPERVISOR)
    before = accounts(any_db)

    again = service.issue(SUPERVISOR)

    assert again == []
    assert len(smtp.recorder.received) == 3
    assert accounts(any_db) == before
    assert make_service(any_db, clock, None).pending(SUPERVISOR) == []


def test_f6_a_refused_recipient_is_recorded_shown_not_sent_and_retried_with_a_new_code(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    approved_form(any_db, "EF1", "A", 100001, emails=("ok@example.org", "gone@example.org", None))
    smtp.recorder.refuse.add("gone@example.org")
    service = make_service(any_db, clock, smtp.mailer())

    first = service.issue(SUPERVISOR)

    refused = [i for i in first if not i.sent]
    assert len(refused) == 1
    assert refused[0].error is not None and "550" in refused[0].error
    row = accounts(any_db)[refused[0].account_id]
    assert row.sent_at is None and "550" in row.send_error and row.send_attempts == 1
    assert service.count(SUPERVISOR, AccountView.NOT_SENT) == 1
    [shown] = service.page(SUPERVISOR, AccountView.NOT_SENT, 0, 10)
    assert shown.account_id == refused[0].account_id and "550" in (shown.send_error or "")
    assert "account.send_failed" in [a[0] for a in audit_actions(any_db)]

    # The mailbox is fixed; the next batch retries only that member, with a fresh code.
    smtp.recorder.refuse.clear()
    second = service.issue(SUPERVISOR)

    assert [(i.account_id, i.sent, i.error) for i in second] == [
        (refused[0].account_id, True, None)
    ]
    recipients = smtp.recorder.recipients()
    assert sorted(recipients) == ["applicant@example.org", "gone@example.org", "ok@example.org"]
    row = accounts(any_db)[refused[0].account_id]
    assert row.sent_at is not None and row.send_error is None
    assert row.code_version == 2 and row.send_attempts == 2
    retried = next(m for m in arrived(smtp) if m.to == "gone@example.org")
    assert retried.message["Message-ID"].startswith(f"<{refused[0].account_id}.2.")
    assert service.activate(retried.account_id, retried.code) is True
    assert service.count(SUPERVISOR, AccountView.NOT_SENT) == 0


def test_f6_server_down_nothing_is_marked_sent_and_the_next_batch_sends_everything(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    approved_form(any_db, "EF1", "A", 100001)
    down = SmtpMailer("127.0.0.1", free_port(), False, "", "", timeout=2)

    failed = make_service(any_db, clock, down).issue(SUPERVISOR)

    assert len(failed) == 3
    assert all(not i.sent and i.error and "cannot be used" in i.error for i in failed)
    assert all(a.sent_at is None and a.send_error for a in accounts(any_db).values())
    assert make_service(any_db, clock, None).count(SUPERVISOR, AccountView.NOT_SENT) == 3

    retried = make_service(any_db, clock, smtp.mailer()).issue(SUPERVISOR)

    assert [i.sent for i in retried] == [True, True, True]
    assert {i.account_id for i in retried} == {i.account_id for i in failed}
    assert len(smtp.recorder.received) == 3
    for m in arrived(smtp):
        assert make_service(any_db, clock, None).activate(m.account_id, m.code)


def test_f6_a_slow_server_leaves_the_members_not_sent(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    approved_form(any_db, "EF1", "A", 100001)
    smtp.recorder.delay = 1.0

    results = make_service(any_db, clock, smtp.mailer(timeout=0.2)).issue(SUPERVISOR)

    assert [i.sent for i in results] == [False, False, False]
    assert all(i.error for i in results)
    assert all(a.sent_at is None and a.send_error for a in accounts(any_db).values())


def test_f6_a_malformed_email_is_not_sent_and_stays_visible(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    ids = approved_form(
        any_db, "EF1", "A", 100001, emails=("chan.tai.man@@example.org", "ok@example.org", None)
    )
    service = make_service(any_db, clock, smtp.mailer())

    results = {i.member_id: i for i in service.issue(SUPERVISOR)}

    bad = results[ids[0]]
    assert bad.sent is False and bad.error == "the email address must have exactly one @"
    assert results[ids[1]].sent and results[ids[2]].sent
    assert "chan.tai.man@@example.org" not in smtp.recorder.recipients()
    assert accounts(any_db)[bad.account_id].send_error == bad.error
    # Retrying cannot help until the address is corrected: no new code, the error stays.
    again = service.issue(SUPERVISOR)
    assert [(i.account_id, i.sent, i.error) for i in again] == [(bad.account_id, False, bad.error)]
    assert accounts(any_db)[bad.account_id].code_version == 1
    # Corrected on the form: the next batch sends to the corrected address.
    with any_db.write() as s:
        s.execute(sa.update(_MEMBER).where(_MEMBER.c.id == ids[0]).values(email="chan@example.org"))
    fixed = service.issue(SUPERVISOR)
    assert [(i.account_id, i.sent) for i in fixed] == [(bad.account_id, True)]
    assert "chan@example.org" in smtp.recorder.recipients()


def test_issue_without_activation_address_or_mail_server_creates_nothing(
    any_db: Database, clock: FixedClock
) -> None:
    approved_form(any_db, "EF1", "A", 100001)

    with pytest.raises(InvalidInput, match="activation address is not set"):
        make_service(any_db, clock, None, activation_url="").issue(SUPERVISOR)
    with pytest.raises(MailerUnavailable, match="no mail server is set up"):
        make_service(any_db, clock, None, smtp_host="").issue(SUPERVISOR)
    with pytest.raises(InvalidInput, match="sender address is not set"):
        make_service(any_db, clock, None, mail_from="").issue(SUPERVISOR)

    assert accounts(any_db) == {}
    assert len(make_service(any_db, clock, None).pending(SUPERVISOR)) == 3


# -- crash and resume --------------------------------------------------------------------------


class SimulatedCrash(Exception):
    pass


class CrashAfter:
    """Wraps a mailer; the process "dies" right after the Nth accepted message.

    ``before_record``: die after the server accepted it but before fc-admin recorded it (the
    documented window); otherwise right after the record was committed."""

    def __init__(self, inner: Mailer, accepted: int, before_record: bool = False) -> None:
        self.inner = inner
        self.accepted = accepted
        self.before_record = before_record

    def send_many(self, messages: Iterable[EmailMessage], on_result: OnResult) -> None:
        count = 0

        def wrapped(message: EmailMessage, error: str | None) -> None:
            nonlocal count
            if error is None:
                count += 1
                if count == self.accepted and self.before_record:
                    raise SimulatedCrash()
            on_result(message, error)
            if error is None and count == self.accepted:
                raise SimulatedCrash()

        self.inner.send_many(messages, wrapped)


def test_crash_in_the_middle_of_a_batch_then_resume_sends_each_member_exactly_once(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    approved_form(any_db, "EF1", "A", 100001, emails=("a1@x.org", "a2@x.org", "a3@x.org"))
    approved_form(any_db, "EF2", "B", 200001, emails=("b1@x.org", "b2@x.org", "b3@x.org"))

    with pytest.raises(SimulatedCrash):
        make_service(any_db, clock, CrashAfter(smtp.mailer(), 3)).issue(SUPERVISOR)

    # Exactly what was sent is recorded as sent; the rest exists, unsent, without an error.
    stored = accounts(any_db)
    assert len(stored) == 6
    sent = {a.email_to for a in stored.values() if a.sent_at is not None}
    assert sent == set(smtp.recorder.recipients())
    assert len(sent) == 3
    assert all(a.send_error is None for a in stored.values())

    resumed = make_service(any_db, clock, smtp.mailer()).issue(SUPERVISOR)

    assert len(resumed) == 3 and all(i.sent for i in resumed)
    recipients = smtp.recorder.recipients()
    assert sorted(recipients) == sorted(set(recipients))  # nobody twice
    assert len(recipients) == 6
    assert all(a.sent_at is not None for a in accounts(any_db).values())
    service = make_service(any_db, clock, None)
    for m in arrived(smtp):
        assert service.activate(m.account_id, m.code), m.to
    assert service.issue(SUPERVISOR) == []


def test_crash_between_acceptance_and_record_resends_one_message_whose_code_replaces_it(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    """The one window that cannot be closed: it is one message wide, and the member is never
    left with a code that works alongside another."""
    approved_form(any_db, "EF1", "A", 100001, emails=("a1@x.org", "a2@x.org", "a3@x.org"))

    with pytest.raises(SimulatedCrash):
        make_service(any_db, clock, CrashAfter(smtp.mailer(), 2, before_record=True)).issue(
            SUPERVISOR
        )
    make_service(any_db, clock, smtp.mailer()).issue(SUPERVISOR)

    recipients = smtp.recorder.recipients()
    assert recipients.count("a1@x.org") == 1 and recipients.count("a3@x.org") == 1
    assert recipients.count("a2@x.org") == 2
    old, new = [m for m in arrived(smtp) if m.to == "a2@x.org"]
    assert old.account_id == new.account_id
    assert old.message["Message-ID"] != new.message["Message-ID"]
    service = make_service(any_db, clock, None)
    assert service.activate(old.account_id, old.code) is False  # void
    assert service.activate(new.account_id, new.code) is True


def test_when_recording_fails_the_batch_stops_and_nothing_counts_as_sent(
    any_db: Database, clock: FixedClock, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    approved_form(any_db, "EF1", "A", 100001, emails=("a1@x.org", "a2@x.org", "a3@x.org"))

    def database_gone(*args: object) -> None:
        raise RuntimeError("the database does not answer")

    service = make_service(any_db, clock, smtp.mailer())
    monkeypatch.setattr(service, "_record_outcomes", database_gone)
    with pytest.raises(RuntimeError, match="does not answer"):
        service.issue(SUPERVISOR)

    assert all(a.sent_at is None for a in accounts(any_db).values())
    first_run = len(smtp.recorder.received)
    monkeypatch.undo()
    again = make_service(any_db, clock, smtp.mailer()).issue(SUPERVISOR)
    assert [i.sent for i in again] == [True, True, True]
    service = make_service(any_db, clock, None)
    for m in arrived(smtp)[first_run:]:
        assert service.activate(m.account_id, m.code)


def test_a_cancelled_batch_keeps_what_was_sent_and_finishes_next_time(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    approved_form(any_db, "EF1", "A", 100001, emails=("a1@x.org", "a2@x.org", "a3@x.org"))
    progress: list[tuple[int, int]] = []
    control = TaskControl()

    def on_progress(done: int, total: int, what: str) -> None:
        progress.append((done, total))
        if done == 1:
            control.cancel()

    control = TaskControl(on_progress)
    with pytest.raises(Cancelled):
        make_service(any_db, clock, smtp.mailer()).issue(SUPERVISOR, control=control)

    assert progress[:2] == [(0, 3), (1, 3)]
    assert sum(a.sent_at is not None for a in accounts(any_db).values()) == 1
    rest = make_service(any_db, clock, smtp.mailer()).issue(SUPERVISOR)
    assert len(rest) == 2 and all(i.sent for i in rest)
    assert sorted(smtp.recorder.recipients()) == ["a1@x.org", "a2@x.org", "a3@x.org"]


def test_only_one_batch_sends_at_a_time(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    approved_form(any_db, "EF1", "A", 100001)
    seen: list[Any] = []

    class Interleaving:
        """While the first batch is sending, a second officer starts one."""

        def send_many(self, messages: Iterable[EmailMessage], on_result: OnResult) -> None:
            try:
                make_service(any_db, clock, smtp.mailer()).issue(actor_for(Role.SUPERVISOR))
            except Conflict as exc:
                seen.append(exc)
            smtp.mailer().send_many(messages, on_result)

    make_service(any_db, clock, Interleaving()).issue(SUPERVISOR)

    assert len(seen) == 1 and "is sending activation details now" in str(seen[0])
    assert len(smtp.recorder.recipients()) == 3
    with any_db.read() as s:
        assert s.get(SharedSetting, "activation.sending") is None  # released


def test_a_lease_left_by_a_dead_process_runs_out(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    approved_form(any_db, "EF1", "A", 100001)
    with any_db.write() as s:
        s.add(
            SharedSetting(
                key="activation.sending",
                value='{"token": "dead", "by": "supervisor2", "until": "'
                + (NOW + timedelta(minutes=1)).isoformat()
                + '"}',
            )
        )

    with pytest.raises(Conflict, match="supervisor2"):
        make_service(any_db, clock, smtp.mailer()).issue(SUPERVISOR)
    later = FixedClock(NOW + timedelta(minutes=2))
    assert len(make_service(any_db, later, smtp.mailer()).issue(SUPERVISOR)) == 3


# -- letters ---------------------------------------------------------------------------------


def test_r5_1_in_person_applicant_without_email_is_left_pending_without_a_letter_file(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    ids = approved_form(
        any_db, "EF-P", "E", 500001, applicant_email=None, channel="in_person", clinic="KLN"
    )

    results = make_service(any_db, clock, smtp.mailer()).issue(SUPERVISOR)

    assert [(i.member_id, i.account_id, i.delivery, i.sent, i.error) for i in results] == [
        (member_id, "", "letter", False, NO_LETTER_FILE) for member_id in ids
    ]
    assert accounts(any_db) == {}
    assert smtp.recorder.received == []


@pytest.mark.skipif(not HAS_LETTERS, reason="fc_admin.exchange.activation_letter not there yet")
def test_r5_1_letters_go_into_one_pdf_and_their_codes_activate(
    any_db: Database,
    clock: FixedClock,
    smtp: SmtpServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fc_admin.exchange import activation_letter

    ids = approved_form(
        any_db, "EF-P", "E", 500001, applicant_email=None, channel="in_person", clinic="KLN"
    )
    approved_form(any_db, "EF-M", "A", 100001, emails=("a@x.org", None, None))
    printed: list[Any] = []
    real = activation_letter.write_letters

    def spy(path: Path, letters: Any) -> int:
        printed.extend(letters)
        return real(path, letters)

    monkeypatch.setattr(activation_letter, "write_letters", spy)
    out = tmp_path / "letters.pdf"

    results = make_service(any_db, clock, smtp.mailer()).issue(SUPERVISOR, letters_out=out)

    letters = [i for i in results if i.delivery == "letter"]
    assert [i.member_id for i in letters] == ids and all(i.sent for i in letters)
    assert out.read_bytes().startswith(b"%PDF")
    assert len(printed) == 3 and len(smtp.recorder.received) == 3
    first = printed[0]
    assert first.hkid_masked == "E500XXX(X)"  # R9.3: never the full number on paper
    assert first.clinic_name_en == "Kowloon Families Clinic"
    assert first.deadline == date(2025, 9, 8) and first.issued_on == date(2025, 1, 8)
    assert first.activation_url == URL
    service = make_service(any_db, clock, None)
    assert all(service.activate(letter.account_id, letter.code) for letter in printed)
    assert all(a.sent_at is not None for a in accounts(any_db).values())
    assert service.issue(SUPERVISOR, letters_out=tmp_path / "again.pdf") == []
    assert not (tmp_path / "again.pdf").exists()


# -- activation: wrong codes, lockout --------------------------------------------------------


def _issue_one(db: Database, clock: FixedClock, smtp: SmtpServer) -> Arrived:
    approved_form(db, "EF1", "A", 100001, emails=("a@x.org", "b@x.org", "c@x.org"))
    make_service(db, clock, smtp.mailer()).issue(SUPERVISOR)
    return arrived(smtp)[0]


def test_r5_2_five_wrong_codes_lock_the_account_until_it_is_reissued(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    message = _issue_one(any_db, clock, smtp)
    service = make_service(any_db, clock, smtp.mailer())
    wrong = "2222-2222-2222-2222"

    outcomes = [service.try_activate(message.account_id, wrong) for _ in range(5)]

    assert outcomes == [ActivationOutcome.WRONG_CODE] * 4 + [ActivationOutcome.LOCKED]
    assert service.try_activate(message.account_id, message.code) is ActivationOutcome.LOCKED
    row = service.account(SUPERVISOR, message.account_id)
    assert row.locked and row.failed_attempts == 5 and row.status == "ISSUED"
    actions = [a for a in audit_actions(any_db) if a[1] == message.account_id]
    assert [a[0] for a in actions].count("account.activation_failed") == 5
    assert ("account.locked", message.account_id, "system:online") in [a[:3] for a in actions]

    reissued = service.reissue(SUPERVISOR, message.account_id)

    assert reissued.sent and reissued.account_id == message.account_id
    fresh = arrived(smtp)[-1]
    assert fresh.account_id == message.account_id and fresh.code != message.code
    assert service.activate(message.account_id, message.code) is False  # the old code is void
    assert service.activate(fresh.account_id, fresh.code) is True


def test_unknown_account_is_refused_without_counting(any_db: Database, clock: FixedClock) -> None:
    service = make_service(any_db, clock, None)
    assert service.try_activate("FC22222222", "ABCD") is ActivationOutcome.UNKNOWN_ACCOUNT
    assert service.activate("", "") is False


# -- the online system's activations file ------------------------------------------------------


def test_import_activations_marks_accounts_active_whole_file(
    any_db: Database, clock: FixedClock, smtp: SmtpServer, tmp_path: Path
) -> None:
    approved_form(any_db, "EF1", "A", 100001, emails=("a@x.org", "b@x.org", "c@x.org"))
    service = make_service(any_db, clock, smtp.mailer())
    ids = [i.account_id for i in service.issue(SUPERVISOR)]
    good = tmp_path / "activations.csv"
    good.write_text(
        "\ufeffactivated_at,account_id\r\n"
        f"2025-01-08T09:30:00+08:00,{ids[0]}\r\n"
        f"2025-01-08T01:45:00Z,{ids[1].lower()}\r\n",
        encoding="utf-8",
    )

    result = service.import_activations(OPERATOR, good)

    assert (result.rows, result.activated, result.already_active) == (2, 2, 0)
    stored = accounts(any_db)
    assert stored[ids[0]].status == "ACTIVE"
    assert stored[ids[0]].activated_at.isoformat() == "2025-01-08T01:30:00+00:00"
    assert stored[ids[2]].status == "ISSUED"
    assert service.import_activations(SUPERVISOR, good).already_active == 2  # harmless again
    activated = next(a for a in audit_actions(any_db) if a[0] == "account.activate")
    assert activated[2] == OPERATOR.username


def test_import_activations_with_a_bad_line_changes_nothing_and_names_every_line(
    any_db: Database, clock: FixedClock, smtp: SmtpServer, tmp_path: Path
) -> None:
    approved_form(any_db, "EF1", "A", 100001, emails=("a@x.org", "b@x.org", "c@x.org"))
    service = make_service(any_db, clock, smtp.mailer())
    ids = [i.account_id for i in service.issue(SUPERVISOR)]
    service.suspend(SUPERVISOR, ids[2], "duplicate person")
    before = accounts(any_db)
    bad = tmp_path / "activations.csv"
    bad.write_text(
        "account_id,activated_at\n"
        f"{ids[0]},2025-01-08T09:30:00+08:00\n"  # 2: fine
        "FC22222222,2025-01-08T09:30:00+08:00\n"  # 3: unknown account
        f"{ids[1]},2025-01-08 09:30\n"  # 4: no offset
        f"{ids[2]},2025-01-08T09:30:00+08:00\n"  # 5: suspended
        "A1234567,2025-01-08T09:30:00+08:00\n"  # 6: not an account ID
        f"{ids[0]},2025-01-08T09:31:00+08:00\n",  # 7: twice
        encoding="utf-8",
    )

    with pytest.raises(FileRejected) as rejected:
        service.import_activations(SUPERVISOR, bad)

    text = str(rejected.value)
    assert [(p.line, p.column) for p in rejected.value.problems] == [
        (4, "activated_at"),
        (6, "account_id"),
        (7, "account_id"),
    ]
    assert "needs a UTC offset" in text and "listed twice (first on line 2)" in text
    assert accounts(any_db) == before
    # Once the reader is satisfied, the database checks come: unknown and suspended accounts.
    bad.write_text(
        "account_id,activated_at\n"
        f"{ids[0]},2025-01-08T09:30:00+08:00\n"
        "FC22222222,2025-01-08T09:30:00+08:00\n"
        f"{ids[2]},2025-01-08T09:30:00+08:00\n",
        encoding="utf-8",
    )
    with pytest.raises(FileRejected) as refused:
        service.import_activations(SUPERVISOR, bad)
    assert [(p.line, p.reason) for p in refused.value.problems] == [
        (3, "no account FC22222222"),
        (4, f"account {ids[2]} is suspended"),
    ]
    assert accounts(any_db) == before


# -- deadlines: expire, reminders, re-issue ------------------------------------------------------


def test_r5_3_expire_moves_accounts_past_their_deadline_and_reissue_gives_a_new_one(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    message = _issue_one(any_db, clock, smtp)
    on_deadline = make_service(any_db, at(date(2025, 9, 8), 23), smtp.mailer())
    assert on_deadline.expire(OPERATOR) == 0

    day_after = make_service(any_db, at(date(2025, 9, 9)), smtp.mailer())
    assert day_after.expire(OPERATOR) == 3
    assert day_after.expire(OPERATOR) == 0  # a daily job: idempotent

    assert {a.status for a in accounts(any_db).values()} == {"EXPIRED"}
    assert day_after.count(SUPERVISOR, AccountView.EXPIRED) == 3
    assert day_after.try_activate(message.account_id, message.code) is ActivationOutcome.EXPIRED
    assert [a[0] for a in audit_actions(any_db)].count("account.expire") == 3

    reissued = day_after.reissue(SUPERVISOR, message.account_id)

    assert reissued.deadline == date(2026, 5, 9) and reissued.sent
    row = day_after.account(SUPERVISOR, message.account_id)
    assert row.status == "ISSUED" and row.issued_on == date(2025, 9, 9)
    assert row.code_version == 2 and row.reminder_sent_at is None
    fresh = arrived(smtp)[-1]
    assert "9 May 2026" in fresh.text and "2026年5月9日" in fresh.html
    assert day_after.activate(message.account_id, message.code) is False
    assert day_after.activate(fresh.account_id, fresh.code) is True
    with pytest.raises(Conflict, match="is ACTIVE"):
        day_after.reissue(SUPERVISOR, message.account_id)
    with pytest.raises(NotFound):
        day_after.reissue(SUPERVISOR, "FC22222222")


def test_reminders_go_once_before_the_deadline_without_a_code(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    first = _issue_one(any_db, clock, smtp)
    service = make_service(any_db, clock, smtp.mailer())
    service.activate(first.account_id, first.code)
    assert service.send_reminders(SUPERVISOR) == 0  # deadline 8 Sep: far away

    august = make_service(any_db, at(date(2025, 8, 15)), smtp.mailer())
    sent = august.send_reminders(SUPERVISOR)

    assert sent == 2  # the activated account gets none
    reminders = [m for m in smtp.recorder.messages() if m["Subject"] == REMINDER_SUBJECT]
    assert len(reminders) == 2
    for reminder in reminders:
        text = reminder.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        html = reminder.get_body(("html",)).get_content()  # type: ignore[union-attr]
        assert "8 September 2025" in text and "2025年9月8日" in text
        assert "8 September 2025" in html and "2025年9月8日" in html
        assert "2711 0213" in text
        assert not _CODE_RE.search(text)
    assert august.send_reminders(SUPERVISOR) == 0  # each once
    assert make_service(any_db, at(date(2025, 9, 1)), smtp.mailer()).send_reminders(SUPERVISOR) == 0
    assert [a[0] for a in audit_actions(any_db)].count("account.reminder") == 2


def test_reminder_days_are_a_shared_setting_with_a_default_of_30(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    _issue_one(any_db, clock, smtp)
    service = make_service(any_db, at(date(2025, 7, 20)), smtp.mailer())  # 50 days before
    assert service.activation_settings().reminder_days == 30
    assert service.send_reminders(SUPERVISOR) == 0

    with pytest.raises(PermissionDenied):
        service.set_activation_settings(SUPERVISOR, reminder_days=60)
    service.set_activation_settings(ADMIN, reminder_days=60)

    assert service.send_reminders(SUPERVISOR) == 3
    assert ("setting.change", "activation", "admin1") in [a[:3] for a in audit_actions(any_db)]


# -- suspension and the accounts list ----------------------------------------------------------


def test_r5_4_suspend_with_a_reason_stops_activation(
    any_db: Database, clock: FixedClock, smtp: SmtpServer
) -> None:
    message = _issue_one(any_db, clock, smtp)
    service = make_service(any_db, clock, smtp.mailer())
    row = service.account(SUPERVISOR, message.account_id)

    with pytest.raises(InvalidInput, match="needs a reason"):
        service.suspend(SUPERVISOR, message.account_id, "   ")
    with pytest.raises(Conflict, match="changed meanwhile"):
        service.suspend(SUPERVISOR, message.account_id, "left the service", row.version - 1)
    suspended = service.suspend(
        SUPERVISOR, message.account_id, "  left   the service ", row.version
    )

    assert suspended.status == "SUSPENDED"
    assert suspended.suspended_reason == "left the service"
    assert suspended.version > row.version
    assert service.try_activate(message.account_id, message.code) is ActivationOutcome.SUSPENDED
    with pytest.raises(Conflict, match="already suspended"):
        service.suspend(SUPERVISOR, message.account_id, "again")
    with pytest.raises(Conflict, match="is SUSPENDED"):
        service.reissue(SUPERVISOR, message.account_id)
    assert service.count(SUPERVISOR, AccountView.SUSPENDED) == 1
    record = [a for a in audit_actions(any_db) if a[0] == "account.suspend"]
    assert record and "left the service" in (record[0][3] or "")


def test_accounts_views_and_search(any_db: Database, clock: FixedClock, smtp: SmtpServer) -> None:
    approved_form(any_db, "EF1", "A", 100001, emails=("a@x.org", "b@x.org", "c@x.org"))
    approved_form(any_db, "EF2", "B", 200001, emails=("d@x.org", "gone@x.org", "f@x.org"))
    smtp.recorder.refuse.add("gone@x.org")
    service = make_service(any_db, clock, smtp.mailer())
    issued = service.issue(SUPERVISOR)
    by_to = {m.to: m for m in arrived(smtp)}
    service.activate(by_to["a@x.org"].account_id, by_to["a@x.org"].code)
    service.suspend(SUPERVISOR, by_to["b@x.org"].account_id, "asked to")

    counts = {view: service.count(SUPERVISOR, view) for view in AccountView}
    assert counts == {
        AccountView.ALL: 6,
        AccountView.WAITING: 4,
        AccountView.NOT_SENT: 1,
        AccountView.ACTIVE: 1,
        AccountView.EXPIRING: 0,
        AccountView.EXPIRED: 0,
        AccountView.SUSPENDED: 1,
    }
    august = make_service(any_db, at(date(2025, 8, 15)), smtp.mailer())
    assert august.count(SUPERVISOR, AccountView.EXPIRING) == 4
    page = service.page(SUPERVISOR, AccountView.ALL, 0, 4)
    assert len(page) == 4 and service.page(SUPERVISOR, AccountView.ALL, 4, 4)[0] not in page
    assert {r.form_id for r in service.page(SUPERVISOR, AccountView.ALL, 0, 10, "ef2")} == {"EF2"}
    assert len(service.page(SUPERVISOR, AccountView.ALL, 0, 10, "wong")) == 2
    assert len(service.page(SUPERVISOR, AccountView.ALL, 0, 10, "黃美玲")) == 2
    one = issued[0].account_id
    assert [r.account_id for r in service.page(SUPERVISOR, AccountView.ALL, 0, 10, one)] == [one]
    # An HKID search: allowed to the roles that may search, and audited (R13.3).
    hkid = issued[0].hkid
    found = service.page(SUPERVISOR, AccountView.ALL, 0, 10, hkid)
    assert [r.hkid for r in found] == [hkid]
    assert ("hkid.search", mask_hkid(hkid), SUPERVISOR.username) in [
        a[:3] for a in audit_actions(any_db)
    ]
    with pytest.raises(PermissionDenied):
        service.page(actor_for(Role.CLERK), AccountView.ALL, 0, 10, hkid)


# -- permissions -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CLERK, Role.VERIFIER, Role.CLINIC, Role.ADMIN])
def test_r13_2_only_supervisors_issue_reissue_suspend_expire_and_import(
    any_db: Database, clock: FixedClock, role: Role, tmp_path: Path
) -> None:
    actor = actor_for(role)
    service = make_service(any_db, clock, None)
    calls: list[Callable[[], object]] = [
        lambda: service.issue(actor),
        lambda: service.reissue(actor, "FC22222222"),
        lambda: service.suspend(actor, "FC22222222", "x"),
        lambda: service.expire(actor),
        lambda: service.send_reminders(actor),
        lambda: service.import_activations(actor, tmp_path / "none.csv"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize(
    ("role", "may_view"),
    [
        (Role.CLERK, True),
        (Role.VERIFIER, True),
        (Role.SUPERVISOR, True),
        (Role.ADMIN, True),
        (Role.CLINIC, False),
    ],
)
def test_r13_2_who_may_see_accounts_and_pending(
    sqlite_db: Database, clock: FixedClock, role: Role, may_view: bool
) -> None:
    service = make_service(sqlite_db, clock, None)
    actor = actor_for(role)
    if may_view:
        assert service.page(actor, AccountView.ALL, 0, 10) == []
        assert service.count(actor, AccountView.WAITING) == 0
        assert service.pending(actor) == []
    else:
        with pytest.raises(PermissionDenied):
            service.page(actor, AccountView.ALL, 0, 10)
        with pytest.raises(PermissionDenied):
            service.pending(actor)


def test_the_operator_may_expire_and_import(any_db: Database, clock: FixedClock) -> None:
    assert make_service(any_db, clock, None).expire(OPERATOR) == 0


def test_issued_activation_never_carries_a_code() -> None:
    assert "code" not in {f for f in IssuedActivation.__dataclass_fields__}
    assert format_code("ABCDEFGHJKMNPQRS") == "ABCD-EFGH-JKMN-PQRS"


def test_import_activations_of_an_expired_account_before_and_after_its_deadline(
    any_db: Database, clock: FixedClock, smtp: SmtpServer, tmp_path: Path
) -> None:
    """The online system may report an activation after our daily job expired the account:
    in time, it counts; after the deadline, the line is refused."""
    approved_form(any_db, "EF1", "A", 100001, emails=("a@x.org", "b@x.org", "c@x.org"))
    ids = [i.account_id for i in make_service(any_db, clock, smtp.mailer()).issue(SUPERVISOR)]
    later = make_service(any_db, at(date(2025, 9, 10)), smtp.mailer())
    assert later.expire(OPERATOR) == 3
    in_time = tmp_path / "in_time.csv"
    in_time.write_text(f"account_id,activated_at\n{ids[0]},2025-09-08T23:59:00+08:00\n")
    too_late = tmp_path / "too_late.csv"
    too_late.write_text(f"account_id,activated_at\n{ids[1]},2025-09-09T00:00:00+08:00\n")

    assert later.import_activations(OPERATOR, in_time).activated == 1
    with pytest.raises(FileRejected, match="after the account's activation deadline 2025-09-08"):
        later.import_activations(OPERATOR, too_late)

    assert [accounts(any_db)[i].status for i in ids] == ["ACTIVE", "EXPIRED", "EXPIRED"]


# -- the migration ---------------------------------------------------------------------------


def test_migration_0003_adds_columns_and_keeps_the_audit_log_append_only(
    tmp_path: Path,
) -> None:
    from alembic import command

    from fc_admin.schema import alembic_config, current_revision

    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = alembic_config(db)
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    member = approved_form(db, "EF1", "A", 100001)[0]
    with db.write() as s:  # an account as 0002 knew it
        s.execute(
            sa.text(
                "INSERT INTO account (account_id, member_id, hkid, code_hash, status, issued_on, "
                "activation_deadline, failed_attempts, delivery, version) VALUES "
                "('FC22222222', :m, 'A100001(8)', 'x', 'ISSUED', '2025-01-02', '2025-09-02', 0, "
                "'email', 1)"
            ),
            {"m": member},
        )

    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    assert current_revision(db) == "0003"
    with db.write() as s:
        append_audit(s, FixedClock(NOW), "test", "test.record", "test", "1")

    with db.engine.connect() as conn:
        triggers = set(
            conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )
        old = conn.execute(
            sa.text("SELECT code_version, send_attempts, locked_at FROM account")
        ).one()
    assert {"audit_record_no_update", "audit_record_no_delete"} <= triggers
    assert tuple(old) == (1, 0, None)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_record"))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    with db.engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("account")}
        assert "code_version" not in columns
        assert {"audit_record_no_update", "audit_record_no_delete"} <= set(
            conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )
    db.dispose()


@pytest.mark.skipif(not HAS_LETTERS, reason="fc_admin.exchange.activation_letter not there yet")
def test_letters_that_could_not_be_written_wait_for_the_next_letter_file(
    any_db: Database,
    clock: FixedClock,
    smtp: SmtpServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fc_admin.exchange import activation_letter

    approved_form(
        any_db, "EF-P", "E", 500001, applicant_email=None, channel="in_person", clinic="SK"
    )
    real = activation_letter.write_letters

    def broken(path: Path, letters: Any) -> int:
        raise activation_letter.LetterError("the printer font is missing")

    monkeypatch.setattr(activation_letter, "write_letters", broken)
    service = make_service(any_db, clock, smtp.mailer())

    failed = service.issue(SUPERVISOR, letters_out=tmp_path / "letters.pdf")

    assert [(i.sent, i.error) for i in failed] == [(False, "the printer font is missing")] * 3
    assert service.count(SUPERVISOR, AccountView.NOT_SENT) == 3
    waiting = service.issue(SUPERVISOR)  # no letter file: reported, nothing changes
    assert [(i.account_id, i.error) for i in waiting] == [
        (i.account_id, NO_LETTER_FILE) for i in failed
    ]
    assert {a.code_version for a in accounts(any_db).values()} == {1}

    monkeypatch.setattr(activation_letter, "write_letters", real)
    printed = service.issue(SUPERVISOR, letters_out=tmp_path / "letters.pdf")

    assert [i.sent for i in printed] == [True, True, True]
    assert {a.code_version for a in accounts(any_db).values()} == {2}
    assert (tmp_path / "letters.pdf").read_bytes().startswith(b"%PDF")
