"""Booking-system accounts of the demo's approved members (R5), as ActivationService leaves them.

Pure planning, no database: for one approved member (when it was decided, its form's channel and
email addresses) an :class:`AccountPlanner` says whether activation details were issued yet and,
if so, the account as the service would have written it and what became of it since:

- details go out the day of the approval or a working day or two later; approvals too
  recent for that (and a few more, :data:`WAITING_SHARE`) are still waiting, so the Activations
  "waiting" list is populated;
- by email to the member's address, else the applicant's; a printed letter when the form was
  keyed in at a clinic and nobody gave an email address (R5.1);
- about 3% of the emails were refused by the mail server: "not sent", with the error;
- of the delivered details a day old or more, most were activated in the online system some days
  later (``ACTIVE``), a few were suspended by the supervisor (R5.4), the rest still ``ISSUED``;
- members of the older cohort (``settled``: forms received 7 to 11 months ago, long since
  decided) had their details a few working days after the approval, all delivered; most were
  activated (:data:`SETTLED_ACTIVATED_SHARE`). Of the rest, those past the 8-month deadline were
  expired by the daily job the day after it (``EXPIRED``, R5.3), and an emailed one whose
  deadline is within the reminder window had its reminder (``reminder_sent_at``) that morning;
  so the demo shows expired accounts, reminders and accounts expiring soon.

Account IDs come from a generator of their own, with the format of
:func:`fc_admin.domain.activation_codes.new_account_id`; codes are drawn from it too, and only
their salted hash (salt from the same generator) is stored, so the same seed gives the same rows.
Nothing here holds a plain code after the hash is made.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from fc_admin.domain.activation_codes import (
    ACCOUNT_ID_PREFIX,
    ACCOUNT_ID_RANDOM,
    ALPHABET,
    CODE_LENGTH,
    VOID_HASH,
    normalise_code,
)
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.deadlines import activation_deadline
from fc_admin.domain.hktime import HONG_KONG, hk_date

__all__ = [
    "ISSUER",
    "SCHEDULER",
    "SUSPENDER",
    "AccountPlan",
    "AccountPlanner",
    "MemberToIssue",
    "demo_account_id",
]

ISSUER: Final = "supervisor.ho"  # issues activation details in batches
SCHEDULER: Final = "cli:scheduler"  # the daily jobs: reminders, expiry (R5.3)
REMINDER_DAYS: Final = 30  # reminder emails this many days before the deadline (the default)
SETTLED_ACTIVATED_SHARE: Final = 0.8  # of the older cohort's details
_REMINDER_AT: Final = time(7, 0)  # the daily jobs run early in the morning
_EXPIRE_AT: Final = time(0, 30)
SUSPENDER: Final = "supervisor.ho"
WAITING_SHARE: Final = 0.03  # approved long enough ago, details not issued yet (address checks)
NOT_SENT_SHARE: Final = 0.03  # of the emails
SUSPENDED_SHARE: Final = 0.015  # of the delivered details
# Share of delivered details activated, by days since issue: (at least, share).
_ACTIVATED: Final = ((60, 0.78), (14, 0.68), (5, 0.5), (1, 0.25))
_OFFICE_MINUTES: Final = (9 * 60 + 30, 17 * 60 + 30)
_SALT_BYTES: Final = 16

SEND_ERRORS: Final = (
    "the mail server refused the recipient: 550 5.1.1 <{to}>: Recipient address rejected: "
    "User unknown in virtual mailbox table",
    "the mail server refused the recipient: 550 5.7.1 <{to}>: Relaying denied",
    "the mail server refused the recipient: 552 5.2.2 <{to}>: Mailbox full",
    "the mail server refused the recipient: 553 5.1.3 <{to}>: Bad recipient address syntax",
)
SUSPEND_REASONS: Final = (
    "Department reports the officer left the service before the approval; suspended pending "
    "confirmation.",
    "Member reported the activation email as received by someone else; new details to follow.",
    "Duplicate membership found at the clinic: suspended until the records are merged.",
    "Applicant asked to withdraw this member from the scheme.",
)


def demo_account_id(rng: random.Random) -> str:
    """An account ID such as ``FC7K2MXQ9D``, as :func:`new_account_id` makes, from ``rng``."""
    return ACCOUNT_ID_PREFIX + "".join(rng.choice(ALPHABET) for _ in range(ACCOUNT_ID_RANDOM))


@dataclass(frozen=True)
class MemberToIssue:
    member_id: int
    hkid: str
    form_id: str
    channel: str  # iam_smart | in_person
    member_email: str | None
    applicant_email: str | None
    decided_at: datetime  # aware
    settled: bool = False  # of the older cohort: issued months ago (see the module)


@dataclass(frozen=True)
class AccountPlan:
    account_id: str
    member_id: int
    hkid: str
    form_id: str
    code_hash: str
    status: str  # ISSUED | ACTIVE | SUSPENDED | EXPIRED
    issued_at: datetime  # UTC, when the batch went out
    issued_on: date
    deadline: date
    delivery: str  # email | letter
    email_to: str | None
    sent_at: datetime | None
    send_error: str | None
    activated_at: datetime | None = None
    suspended_reason: str | None = None
    suspended_at: datetime | None = None
    reminder_sent_at: datetime | None = None
    expired_at: datetime | None = None  # when the daily job expired it

    def row(self) -> dict[str, object]:
        """The ``account`` row."""
        attempted = self.delivery == "email" or self.sent_at is not None
        return {
            "account_id": self.account_id,
            "member_id": self.member_id,
            "hkid": self.hkid,
            "code_hash": self.code_hash,
            "status": self.status,
            "issued_on": self.issued_on,
            "activation_deadline": self.deadline,
            "activated_at": self.activated_at,
            "failed_attempts": 0,
            "locked_at": None,
            "code_version": 1,
            "delivery": self.delivery,
            "email_to": self.email_to,
            "sent_at": self.sent_at,
            "send_error": self.send_error,
            "send_attempts": 1 if attempted else 0,
            "last_attempt_at": self.sent_at or (self.issued_at if attempted else None),
            "reminder_sent_at": self.reminder_sent_at,
            "suspended_reason": self.suspended_reason,
            "suspended_by": SUSPENDER if self.suspended_at is not None else None,
            "suspended_at": self.suspended_at,
            "version": 1
            + (self.sent_at is not None or self.send_error is not None)
            + (self.activated_at is not None)
            + (self.suspended_at is not None)
            + (self.reminder_sent_at is not None)
            + (self.expired_at is not None),
        }


class AccountPlanner:
    def __init__(self, seed: int, now: datetime, calendar: WorkingCalendar) -> None:
        self._rng = random.Random(f"fc-admin-demo:{seed}:accounts")
        self._ids = random.Random(f"fc-admin-demo:{seed}:account-ids")
        self.now = now.astimezone(UTC)
        self.today = hk_date(now)
        self._calendar = calendar
        self._taken: set[str] = set()
        # Like the work planner, a small demo shows each case: until one has occurred, the
        # first member that can take it does.
        self._pending: set[str] = {"not_sent", "suspended"}
        self._settled_pending: set[str] = {"expired", "reminder"}
        # The older cohort draws from generators of its own: the recent accounts are the same.
        self._settled_rngs = (
            random.Random(f"fc-admin-demo:{seed}:accounts-settled"),
            random.Random(f"fc-admin-demo:{seed}:account-ids-settled"),
        )

    def _new_id(self) -> str:
        while True:
            account_id = demo_account_id(self._ids)
            if account_id not in self._taken:
                self._taken.add(account_id)
                return account_id

    def _code_hash(self, account_id: str) -> str:
        """``hs256$salt$mac`` of a code drawn here, as :func:`hash_code` makes it."""
        rng = self._ids
        code = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
        salt = rng.randbytes(_SALT_BYTES)
        message = f"{account_id}\x00{normalise_code(code)}".encode("ascii", "replace")
        return f"hs256${salt.hex()}${hmac.new(salt, message, hashlib.sha256).hexdigest()}"

    def _office_moment(self, day: date) -> datetime:
        low, high = _OFFICE_MINUTES
        minute = low + int(self._rng.random() * (high - low))
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=HONG_KONG).astimezone(
            UTC
        )

    def _issue_moment(self, decided_at: datetime) -> datetime:
        """The batch that took the approval: often the same day, else the next working day or
        (rarely) the one after."""
        rng = self._rng
        if rng.random() < 0.55:
            return decided_at.replace(second=0, microsecond=0) + timedelta(
                minutes=20 + int(rng.random() * 180)
            )
        lag = 1 + (rng.random() < 0.15)
        day = self._calendar.working_days_after(hk_date(decided_at), lag)
        return self._office_moment(day)

    def plan(self, member: MemberToIssue) -> AccountPlan | None:
        """The member's account, or None while its details are still to be issued."""
        if member.settled:
            recent = self._rng, self._ids
            self._rng, self._ids = self._settled_rngs
            try:
                return self._plan_settled(member)
            finally:
                self._rng, self._ids = recent
        rng = self._rng
        issued_at = self._issue_moment(member.decided_at)
        waiting = rng.random() < WAITING_SHARE
        if waiting or issued_at > self.now:
            return None
        issued_on = hk_date(issued_at)
        address = (member.member_email or member.applicant_email or "").strip().lower() or None
        delivery = "email" if address is not None else "letter"
        account_id = self._new_id()
        sent_at: datetime | None = issued_at + timedelta(minutes=1 + int(rng.random() * 20))
        error: str | None = None
        if delivery == "email" and (rng.random() < NOT_SENT_SHARE or "not_sent" in self._pending):
            self._pending.discard("not_sent")
            error = SEND_ERRORS[int(rng.random() * len(SEND_ERRORS))].format(to=address)
            sent_at = None
        if sent_at is not None and sent_at > self.now:
            sent_at = self.now
        plan = AccountPlan(
            account_id=account_id,
            member_id=member.member_id,
            hkid=member.hkid,
            form_id=member.form_id,
            code_hash=self._code_hash(account_id),
            status="ISSUED",
            issued_at=issued_at,
            issued_on=issued_on,
            deadline=activation_deadline(issued_on),
            delivery=delivery,
            email_to=address,
            sent_at=sent_at,
            send_error=error,
        )
        if sent_at is None:
            return plan
        age = (self.today - issued_on).days
        share = next((s for days, s in _ACTIVATED if age >= days), 0.0)
        draw = rng.random()
        if draw < share:
            # Activated in the online system: soon after the email, later after a letter.
            wait = rng.random() ** 2.5 * min(age, 45 if delivery == "email" else 60)
            if delivery == "letter":
                wait += 2
            activated = sent_at + timedelta(minutes=30 + int(wait * 24 * 60))
            if activated > self.now:
                activated = sent_at + (self.now - sent_at) * rng.random()
            activated = activated.replace(second=0, microsecond=0)
            if activated <= sent_at:
                activated = sent_at
            return replace(plan, status="ACTIVE", code_hash=VOID_HASH, activated_at=activated)
        if (draw < share + SUSPENDED_SHARE or "suspended" in self._pending) and age >= 1:
            day = self._calendar.working_days_after(issued_on, 1 + int(rng.random() * age))
            at = self._office_moment(min(day, self.today))
            if sent_at < at <= self.now:
                self._pending.discard("suspended")
                reason = SUSPEND_REASONS[int(rng.random() * len(SUSPEND_REASONS))]
                return replace(plan, status="SUSPENDED", suspended_reason=reason, suspended_at=at)
        return plan

    def _job_moment(self, day: date, at: time) -> datetime:
        """When the daily job ran on ``day`` (not after now)."""
        return min(datetime.combine(day, at, tzinfo=HONG_KONG).astimezone(UTC), self.now)

    def _plan_settled(self, member: MemberToIssue) -> AccountPlan:
        """An account of the older cohort: issued a few working days after the approval,
        delivered, then activated, reminded, expired or still waiting (see the module)."""
        rng = self._rng
        day = self._calendar.working_days_after(
            hk_date(member.decided_at), 1 + int(rng.random() * 4)
        )
        issued_at = max(self._office_moment(day), member.decided_at + timedelta(minutes=30))
        issued_at = issued_at.replace(second=0, microsecond=0)
        issued_on = hk_date(issued_at)
        address = (member.member_email or member.applicant_email or "").strip().lower() or None
        delivery = "email" if address is not None else "letter"
        account_id = self._new_id()
        sent_at = issued_at + timedelta(minutes=1 + int(rng.random() * 20))
        deadline = activation_deadline(issued_on)
        plan = AccountPlan(
            account_id=account_id,
            member_id=member.member_id,
            hkid=member.hkid,
            form_id=member.form_id,
            code_hash=self._code_hash(account_id),
            status="ISSUED",
            issued_at=issued_at,
            issued_on=issued_on,
            deadline=deadline,
            delivery=delivery,
            email_to=address,
            sent_at=sent_at,
            send_error=None,
        )
        expires = deadline < self.today
        reminder_day = deadline - timedelta(days=REMINDER_DAYS)
        reminded = delivery == "email" and reminder_day <= self.today
        reminder_at = self._job_moment(reminder_day, _REMINDER_AT) if reminded else None
        if reminder_at is not None and reminder_at <= sent_at:
            reminder_at = None
        # Until an expired account and a reminder have been shown, a member that can give one
        # is not activated.
        showcase = (expires and "expired" in self._settled_pending) or (
            reminder_at is not None and not expires and "reminder" in self._settled_pending
        )
        if rng.random() < SETTLED_ACTIVATED_SHARE and not showcase:
            wait = rng.random() ** 3 * 150 + (2 if delivery == "letter" else 0)
            activated = sent_at + timedelta(minutes=30 + int(wait * 24 * 60))
            last = datetime.combine(deadline, time(23, 0), tzinfo=HONG_KONG).astimezone(UTC)
            activated = min(activated, last, self.now).replace(second=0, microsecond=0)
            if activated <= sent_at:
                activated = sent_at
            return replace(plan, status="ACTIVE", code_hash=VOID_HASH, activated_at=activated)
        if reminder_at is not None:
            self._settled_pending.discard("reminder")
            plan = replace(plan, reminder_sent_at=reminder_at)
        if expires:
            self._settled_pending.discard("expired")
            at = self._job_moment(deadline + timedelta(days=1), _EXPIRE_AT)
            plan = replace(plan, status="EXPIRED", expired_at=at)
        return plan
