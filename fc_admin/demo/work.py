"""What the officers have done with the demo's applications: assignment, remarks, decisions.

Pure planning, no database: for one form (its receipt, its members' verification outcomes) a
:class:`WorkPlanner` says who it was assigned to and when, what remarks were written, and how each
member was decided (R3.4), with moments between the form's import and ``now``, on working days in
office hours. The older a form, the likelier it was dealt with, as in an office that keeps the
14-working-day deadline (R4) most of the time:

- received 12 or more working days ago: 93% worked (every member decided), 8-11: 75%, 5-7: 45%,
  2-4: 15%; a share of the rest has its ``ELIGIBLE`` members approved in a batch already;
- a worked member is approved if ``ELIGIBLE``; ``REVIEW`` is approved by the supervisor with a
  justification (an override, R3.4) or queried with the department; ``MISMATCH`` and
  ``NOT_FOUND`` are queried (with a note) or rejected (``PARTICULARS_DIFFER``,
  ``NOT_ON_ROSTER``); ``INELIGIBLE`` is rejected ``NOT_ELIGIBLE`` (a child 19-20 without a child
  status is often queried first); ``DUPLICATE`` is rejected ``DUPLICATE``;
- forms are assigned by the supervisor to the verifiers (and some to the supervisor), the day
  they come in or the next; the newest are still in the pool; an assigned form carries a few
  remarks.

Forms of the older cohort (received 7 to 11 months ago) are settled (:meth:`WorkPlanner.settle`):
assigned the day they came in or a day or two later, every member decided within the 14 working
days, the queries long answered, so each member was approved (an exception by the supervisor,
with the department's confirmation) or rejected, and the form is ``DONE``.

Like the forms, the planner makes sure a small demo shows each kind of decision: until a query,
a rejection and an override have each been made once, a form a day old or more with a member
that can take one is worked, and that member gets it.

Draws come from a generator of their own, so the same seed, forms and ``now`` give the same work.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import Final

from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.eligibility import (
    CHILD_OVER_21,
    CHILD_STATUS_MISSING,
    DOB_MISMATCH,
    INACTIVE,
    PRINCIPAL_INACTIVE,
    Outcome,
)
from fc_admin.domain.hktime import HONG_KONG, hk_date

__all__ = [
    "ASSIGNER",
    "OFFICERS",
    "Decision",
    "FormFacts",
    "FormWork",
    "MemberFacts",
    "Remark",
    "WorkPlanner",
]

ASSIGNER: Final = "supervisor.ho"  # assigns work and approves overrides
# Who forms are assigned to, and how many of them each takes.
OFFICERS: Final = (
    ("verifier.wong", 0.32),
    ("verifier.cheung", 0.32),
    ("verifier.lam", 0.24),
    (ASSIGNER, 0.12),
)
_OFFICER_CUM: Final = tuple(accumulate(share for _, share in OFFICERS))
# (working days since receipt at least, share of forms worked completely)
_WORKED: Final = ((12, 0.93), (8, 0.75), (5, 0.45), (2, 0.15))
_BATCH_APPROVED_SHARE: Final = 0.3  # of the forms not worked yet, a day old or more
_ASSIGNED_SHARE: Final = (0.10, 0.75)  # of untouched forms received today, and earlier
_REMARKS_CUM: Final = (0.10, 0.55, 0.85, 1.0)  # P(0), P(<=1), P(<=2), P(<=3) remarks
_OFFICE_MINUTES: Final = (9 * 60, 17 * 60 + 30)

_UNDECIDED: Final = {"decision": None, "reason": None, "note": None, "decided_by": None}

# Notes (R3.4): an override needs a justification; a query says what the department must confirm.
_OVERRIDE_NOTES: Final = (
    "Same person: HKID and date of birth agree with the roster; the name on the form is a "
    "spelling variant.",
    "Checked the copy of the HKID card: the roster has the name right, the form has a slip.",
)
_QUERY_NOTES: Final = {
    "REVIEW": "Please confirm the member's name as on the HKID card: the form and your roster "
    "differ.",
    "DOB": "Please confirm the date of birth: the form and your roster differ.",
    "MISMATCH": "Please confirm the relationship and the principal: the form and your roster "
    "differ.",
    "NOT_FOUND": "Not on your roster: please confirm whether this dependant should be listed.",
    "CHILD": "Please confirm whether the child is in full-time education or training, or "
    "dependent through infirmity.",
    "INELIGIBLE": "Please confirm the status on your roster: the applicant says the officer is "
    "still serving.",
}
_INELIGIBLE_REMARKS: Final = {
    INACTIVE: "The roster lists the member as inactive: not eligible unless the department "
    "says otherwise.",
    PRINCIPAL_INACTIVE: "The principal is inactive on the roster, so the dependants are not "
    "eligible (R1.3).",
    CHILD_OVER_21: "The child is over 21 on the roster: not eligible (R1.2).",
    CHILD_STATUS_MISSING: "The child is 19 or 20 and the roster shows no full-time education "
    "or infirmity (R1.2).",
}
_CONFIRMED_NOTE: Final = (
    "The department confirmed the member's particulars in reply to our query; approved."
)
_GENERAL_REMARKS: Final = (
    "Applicant phoned the help desk asking about progress; told them we reply within 14 "
    "working days.",
    "Applicant emailed to ask whether the form arrived; replied that it is being processed.",
    "Checked again against the department's latest roster.",
    "Applicant called to add an email address for a member; told them to write it on a new "
    "form if needed.",
)


@dataclass(frozen=True)
class FormFacts:
    app_id: int
    form_id: str
    channel: str  # iam_smart | in_person
    received: date
    deadline: date
    imported_at: datetime  # aware
    clinic_code: str | None
    department: str  # the principal's roster source


@dataclass(frozen=True)
class MemberFacts:
    member_id: int
    hkid: str
    outcome: str | None
    reasons: tuple[str, ...]
    similarity: float | None


@dataclass(frozen=True)
class Decision:
    member_id: int
    hkid: str
    decision: str  # approve | reject | query
    reason: str | None
    note: str | None
    decided_by: str
    decided_at: datetime
    outcome: str | None
    batch: bool = False  # approved with "approve all ELIGIBLE"

    def audit_after(self) -> dict[str, object]:
        """What :class:`~fc_admin.services.decisions.DecisionService` records after it."""
        after: dict[str, object] = {
            "decision": self.decision,
            "reason": self.reason,
            "note": self.note,
            "decided_by": self.decided_by,
            "outcome": self.outcome,
        }
        if self.batch:
            after["batch"] = True
        return after

    @staticmethod
    def audit_before() -> dict[str, object]:
        return dict(_UNDECIDED)


@dataclass(frozen=True)
class Remark:
    author: str
    at: datetime
    text: str


@dataclass
class FormWork:
    assigned_to: str | None = None
    assigned_at: datetime | None = None
    remarks: list[Remark] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    status: str = "OPEN"  # DONE once every member is approved or rejected


class WorkPlanner:
    def __init__(self, seed: int, now: datetime, calendar: WorkingCalendar) -> None:
        self._rng = random.Random(f"fc-admin-demo:{seed}:work")
        self.now = now.astimezone(UTC)
        self.today = hk_date(now)
        self._calendar = calendar
        self._working_days: dict[date, list[date]] = {}
        self._elapsed: dict[date, int] = {}
        self._pending: set[str] = {"query", "reject", "override"}  # decisions to showcase
        # Settled forms draw from their own generator: the recent forms' work is the same.
        self._settled_rng = random.Random(f"fc-admin-demo:{seed}:work-settled")

    # -- time --------------------------------------------------------------------------------------
    def elapsed(self, received: date) -> int:
        """Working days after ``received`` up to today (R4.2 counts them 1, 2, ...)."""
        if received not in self._elapsed:
            self._elapsed[received] = self._calendar.working_days_between(received, self.today)
        return self._elapsed[received]

    def _days_from(self, start: date) -> list[date]:
        """Working days from ``start`` (included) to today."""
        if start not in self._working_days:
            days = []
            day = start
            while day <= self.today:
                if self._calendar.is_working_day(day):
                    days.append(day)
                day += timedelta(days=1)
            self._working_days[start] = days
        return self._working_days[start]

    def moment_after(self, start: datetime, spread: float = 2.0) -> datetime:
        """A moment after ``start`` and not after now: office hours of a working day, early days
        likelier (``spread`` > 1 favours them more); whole minutes."""
        rng = self._rng
        days = self._days_from(hk_date(start))
        if days:
            day = days[int(rng.random() ** spread * len(days))]
            low, high = _OFFICE_MINUTES
            minute = low + int(rng.random() * (high - low))
            moment = datetime.combine(
                day, time(minute // 60, minute % 60), tzinfo=HONG_KONG
            ).astimezone(UTC)
            if start < moment <= self.now:
                return moment
        room = int((self.now - start).total_seconds() // 60)
        if room < 2:
            return self.now
        return start.replace(second=0, microsecond=0) + timedelta(
            minutes=1 + int(rng.random() * (room - 1))
        )

    def _between(self, start: datetime, end: datetime) -> datetime:
        span = int((end - start).total_seconds() // 60)
        if span < 2:
            return end
        return start.replace(second=0, microsecond=0) + timedelta(
            minutes=1 + int(self._rng.random() * (span - 1))
        )

    # -- the plan ----------------------------------------------------------------------------
    def _officer(self) -> str:
        index = bisect.bisect_right(_OFFICER_CUM, self._rng.random() * _OFFICER_CUM[-1])
        return OFFICERS[min(index, len(OFFICERS) - 1)][0]

    def plan(self, form: FormFacts, members: list[MemberFacts]) -> FormWork:
        rng = self._rng
        work = FormWork()
        elapsed = self.elapsed(form.received)
        share = next((s for days, s in _WORKED if elapsed >= days), 0.0)
        worked = rng.random() < share
        if elapsed >= 1 and any(self._showcase(m.outcome) for m in members):
            worked = True
        batch = not worked and elapsed >= 1 and rng.random() < _BATCH_APPROVED_SHARE
        if worked or batch:
            assigned = True
        else:
            assigned = rng.random() < _ASSIGNED_SHARE[1 if elapsed >= 1 else 0]
        if not assigned:
            return work
        officer = self._officer()
        work.assigned_to = officer
        work.assigned_at = self.moment_after(form.imported_at, spread=4.0)
        end = self.now
        if worked:
            end = self.moment_after(work.assigned_at, spread=1.5)
            work.decisions = self._decide_all(members, officer, end)
        elif batch:
            end = self.moment_after(work.assigned_at, spread=2.0)
            work.decisions = [
                Decision(m.member_id, m.hkid, "approve", None, None, officer, end, m.outcome, True)
                for m in members
                if m.outcome == Outcome.ELIGIBLE
            ]
        work.remarks = self._remarks(form, members, officer, work.assigned_at, end)
        final = {d.member_id for d in work.decisions if d.decision != "query"}
        if members and all(m.member_id in final for m in members):
            work.status = "DONE"
        return work

    def _office_moment(self, day: date, after: datetime) -> datetime:
        """Office hours of ``day``, after ``after`` (whole minutes)."""
        low, high = _OFFICE_MINUTES
        minute = low + int(self._rng.random() * (high - low))
        moment = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=HONG_KONG)
        if moment.astimezone(UTC) <= after:
            return after.replace(second=0, microsecond=0) + timedelta(
                minutes=1 + int(self._rng.random() * 30)
            )
        return moment.astimezone(UTC)

    def settle(self, form: FormFacts, members: list[MemberFacts]) -> FormWork:
        """The work of a form of the older cohort: assigned, every member approved or rejected,
        ``DONE`` (see the module). Leaves the showcase of the recent forms alone."""
        recent_rng, self._rng = self._rng, self._settled_rng
        try:
            return self._settle(form, members)
        finally:
            self._rng = recent_rng

    def _settle(self, form: FormFacts, members: list[MemberFacts]) -> FormWork:
        rng = self._rng
        calendar = self._calendar
        work = FormWork(status="DONE")
        officer = self._officer()
        work.assigned_to = officer
        received = hk_date(form.imported_at)
        day = calendar.working_days_after(received, 1) if rng.random() < 0.4 else received
        if not calendar.is_working_day(day):
            day = calendar.working_days_after(day, 1)
        work.assigned_at = self._office_moment(day, form.imported_at)
        lag = 1 + int(rng.random() ** 1.5 * 11)
        decided = self._office_moment(
            calendar.working_days_after(hk_date(work.assigned_at), lag), work.assigned_at
        )
        override_at: datetime | None = None
        moment = decided
        for m in members:
            decision, reason, note = self._settled_decision(m)
            by, when = officer, moment
            if decision == "approve" and m.outcome != Outcome.ELIGIBLE:
                if officer != ASSIGNER:
                    override_at = override_at or self._office_moment(
                        calendar.working_days_after(hk_date(moment), 1 + int(rng.random() * 2)),
                        moment,
                    )
                    when = override_at
                by = ASSIGNER
            work.decisions.append(
                Decision(m.member_id, m.hkid, decision, reason, note, by, when, m.outcome)
            )
            moment += timedelta(minutes=1 + int(rng.random() * 4))
        work.remarks = self._remarks(form, members, officer, work.assigned_at, decided)
        return work

    def _settled_decision(self, m: MemberFacts) -> tuple[str, str | None, str | None]:
        """Approve or reject (a query long answered), never the showcase."""
        draw = self._rng.random()
        outcome = m.outcome
        if outcome == Outcome.ELIGIBLE:
            return "approve", None, None
        if outcome == Outcome.REVIEW:
            if draw < 0.8:
                notes = _OVERRIDE_NOTES
                return "approve", None, notes[int(self._rng.random() * len(notes))]
            return "reject", "PARTICULARS_DIFFER", None
        if outcome == Outcome.MISMATCH:
            if draw < 0.5:
                return "approve", None, _CONFIRMED_NOTE
            return "reject", "PARTICULARS_DIFFER", None
        if outcome == Outcome.NOT_FOUND:
            if draw < 0.4:
                return "approve", None, _CONFIRMED_NOTE
            return "reject", "NOT_ON_ROSTER", None
        if outcome == Outcome.INELIGIBLE:
            return "reject", "NOT_ELIGIBLE", None
        return "reject", "DUPLICATE", None

    def _decide_all(self, members: list[MemberFacts], officer: str, at: datetime) -> list[Decision]:
        rng = self._rng
        decisions = []
        moment = at
        override_at: datetime | None = None
        for m in members:
            decision, reason, note = self._decision(m)
            by, when = officer, moment
            if decision == "approve" and m.outcome != Outcome.ELIGIBLE and officer != ASSIGNER:
                # An override: the supervisor approves it later, with the justification.
                override_at = override_at or self.moment_after(moment, spread=3.0)
                by, when = ASSIGNER, override_at
            decisions.append(
                Decision(m.member_id, m.hkid, decision, reason, note, by, when, m.outcome)
            )
            moment = min(moment + timedelta(minutes=1 + int(rng.random() * 4)), self.now)
        return decisions

    def _showcase(self, outcome: str | None) -> str | None:
        """The kind of decision still to showcase that a member of ``outcome`` can take."""
        pending = self._pending
        if outcome == Outcome.REVIEW:
            return next((k for k in ("override", "query") if k in pending), None)
        if outcome in (Outcome.MISMATCH, Outcome.NOT_FOUND):
            return next((k for k in ("query", "reject") if k in pending), None)
        if outcome in (Outcome.INELIGIBLE, Outcome.DUPLICATE) and "reject" in pending:
            return "reject"
        return None

    def _decision(self, m: MemberFacts) -> tuple[str, str | None, str | None]:
        draw = self._rng.random()
        outcome = m.outcome
        wanted = self._showcase(outcome)
        if wanted is not None:
            self._pending.discard(wanted)
            # The draw that gives it (see the shares below): a low one approves a REVIEW or
            # queries a MISMATCH or NOT_FOUND; a high one queries a REVIEW, or rejects.
            low = wanted == "override" or (wanted == "query" and outcome != Outcome.REVIEW)
            draw = 0.0 if low else 0.99
        if outcome == Outcome.ELIGIBLE:
            return "approve", None, None
        if outcome == Outcome.REVIEW:
            if draw < 0.65:
                notes = _OVERRIDE_NOTES
                return "approve", None, notes[int(self._rng.random() * len(notes))]
            return "query", None, _QUERY_NOTES["REVIEW"]
        if outcome == Outcome.MISMATCH:
            if draw < 0.6:
                key = "DOB" if DOB_MISMATCH in m.reasons else "MISMATCH"
                return "query", None, _QUERY_NOTES[key]
            return "reject", "PARTICULARS_DIFFER", None
        if outcome == Outcome.NOT_FOUND:
            if draw < 0.7:
                return "query", None, _QUERY_NOTES["NOT_FOUND"]
            return "reject", "NOT_ON_ROSTER", None
        if outcome == Outcome.INELIGIBLE:
            if CHILD_STATUS_MISSING in m.reasons and draw < 0.5:
                return "query", None, _QUERY_NOTES["CHILD"]
            if INACTIVE in m.reasons and draw < 0.1:
                return "query", None, _QUERY_NOTES["INELIGIBLE"]
            return "reject", "NOT_ELIGIBLE", None
        return "reject", "DUPLICATE", None  # DUPLICATE (every member is verified by now)

    def _remarks(
        self,
        form: FormFacts,
        members: list[MemberFacts],
        officer: str,
        start: datetime,
        end: datetime,
    ) -> list[Remark]:
        rng = self._rng
        count = bisect.bisect_right(_REMARKS_CUM, rng.random())
        texts = [self._first_remark(form, members)]
        while len(texts) < count:
            if rng.random() < 0.25 and officer != ASSIGNER:
                texts.append(
                    f"Please deal with this one first: the deadline is {form.deadline:%d %b %Y}."
                )
            else:
                texts.append(_GENERAL_REMARKS[int(rng.random() * len(_GENERAL_REMARKS))])
        moments = sorted(self._between(start, end) for _ in range(count))
        remarks = []
        for text, at in zip(texts, moments, strict=False):
            author = ASSIGNER if text.startswith("Please deal") else officer
            remarks.append(Remark(author, at, text))
        return remarks

    def _first_remark(self, form: FormFacts, members: list[MemberFacts]) -> str:
        outcomes = {m.outcome for m in members}
        reasons = {r for m in members for r in m.reasons}
        dept = form.department
        if Outcome.DUPLICATE in outcomes:
            return (
                "The same person is on an earlier form that is still pending; this form repeats it."
            )
        if Outcome.INELIGIBLE in outcomes:
            for code, text in _INELIGIBLE_REMARKS.items():
                if code in reasons:
                    return text
            return "The roster says a member is not eligible."
        if Outcome.NOT_FOUND in outcomes:
            return (
                f"A member is not on the {dept} roster; the department may not have reported "
                "the dependant yet."
            )
        if Outcome.MISMATCH in outcomes:
            if DOB_MISMATCH in reasons:
                return (
                    f"The date of birth on the form differs from the {dept} roster; emailed the "
                    "applicant to ask which is right."
                )
            return f"Relationship or principal on the form differ from the {dept} roster."
        if Outcome.REVIEW in outcomes:
            review = next(m for m in members if m.outcome == Outcome.REVIEW)
            if review.similarity == 1.0:
                return (
                    "The Chinese name on the form has a different character from the roster; "
                    "HKID and date of birth agree."
                )
            return (
                f"The English name on the form differs from the roster (similarity "
                f"{review.similarity or 0:.2f}); HKID and date of birth agree."
            )
        if form.channel == "in_person":
            return (
                f"Paper form taken at the {form.clinic_code} clinic: copy of the HKID card "
                "seen by the clerk."
            )
        return f"All members agree with the {dept} roster."
