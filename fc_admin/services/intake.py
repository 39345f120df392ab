"""Application intake (R2): signed e-forms imported from files, paper forms keyed in at clinics.

Each e-form file is its own unit of work. A file that fails any check (R2.3) is quarantined with
its reason and nothing of it enters the application tables; a form already imported (same
``form_id``, R2.4) is reported as a duplicate and changes nothing; an accepted form becomes an
application with its members, whose automatic verification (R3.2) runs in the same transaction so
the queue shows outcomes at once. Paper forms (R2.2) are checked by exactly the same schema rules
(:func:`fc_admin.exchange.eform.parse_unsigned_form`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Final, Literal

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fc_admin.db import Database
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.deadlines import notification_deadline
from fc_admin.domain.hktime import HONG_KONG, hk_date
from fc_admin.domain.privacy import mask_hkids_in_text
from fc_admin.domain.roles import Permission
from fc_admin.exchange.eform import (
    IN_PERSON_CHANNEL,
    MAX_FILE_BYTES,
    SCHEMA,
    EForm,
    EFormRejected,
    load_eform,
    parse_unsigned_form,
)
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import Application, ApplicationMember, Clinic, QuarantinedEform
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.calendar import CalendarService
from fc_admin.services.clinics import unknown_clinic
from fc_admin.services.clock import Clock
from fc_admin.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from fc_admin.tasks import NO_CONTROL, TaskControl

__all__ = [
    "EFormImportResult",
    "ImportOutcome",
    "InPersonForm",
    "InPersonMember",
    "IntakeService",
    "QuarantineRow",
]

log = logging.getLogger(__name__)

ImportOutcome = Literal["accepted", "duplicate", "rejected"]

_FILE_NAME_LENGTH: Final = 260  # quarantined_eform.file_name
_PG_KEY_IN_LOCK: Final = 0x4643504B  # "FCPK": one form ID sequence per clinic and day
_SEQUENCE_DIGITS: Final = 6
# The members' optional F2 fields: a clerk may leave them out of a member given as a mapping.
_OPTIONAL_MEMBER_FIELDS: Final = ("name_zh", "staff_no", "email", "child_status")
# How the schema's JSON paths read for a clerk ("member 2, date of birth: ...").
_FIELD_NAMES: Final = {
    "hkid": "HKID",
    "name_en": "English name",
    "name_zh": "Chinese name",
    "date_of_birth": "date of birth",
    "category": "category",
    "relationship": "relationship",
    "principal_hkid": "principal's HKID",
    "department": "department",
    "staff_no": "staff number",
    "email": "email",
    "child_status": "child status",
    "mobile": "mobile",
}
_MEMBER_PATH = re.compile(r"members\[(\d+)\](?:\.(\w+))?")
_APPLICANT_PATH = re.compile(r"applicant\.(\w+)")


@dataclass(frozen=True)
class EFormImportResult:
    file: str  # the path as given, or as found in a folder given
    form_id: str | None
    result: ImportOutcome
    reason: str | None


@dataclass(frozen=True)
class QuarantineRow:
    id: int
    file_name: str
    form_id: str | None
    reason: str
    received_at: datetime


@dataclass(frozen=True)
class InPersonMember:
    """One member of a paper form, with the F2 member fields."""

    hkid: str
    name_en: str
    date_of_birth: date | str
    category: str
    relationship: str
    principal_hkid: str
    department: str
    name_zh: str | None = None
    staff_no: str | None = None
    email: str | None = None
    child_status: str | None = None


@dataclass(frozen=True)
class InPersonForm:
    """A paper form keyed in by clinic staff (R2.2).

    ``members`` are :class:`InPersonMember` or mappings with the same keys. ``applicant_hkid``
    defaults to the first member's; ``received_at`` to now (a naive moment is Hong Kong time).
    """

    clinic_code: str
    members: Sequence[InPersonMember | Mapping[str, object]] = field(default_factory=list)
    applicant_email: str | None = None
    applicant_mobile: str | None = None
    applicant_hkid: str | None = None
    received_at: datetime | None = None


def _verify_new_members(session: Session, clock: Clock, member_ids: list[int]) -> None:
    """R3.2 at once for the members just added (inside the caller's transaction)."""
    try:
        from fc_admin.services.verification import verify_members
    except ModuleNotFoundError as exc:
        if exc.name != "fc_admin.services.verification":
            raise
        log.warning("verification is not available: new members left unverified")
        return
    verify_members(session, clock, clock.now(), member_ids=member_ids)


def _clerk_reason(reason: str) -> str:
    """The schema's JSON paths in words: ``members[1].date_of_birth`` -> member 2, date of birth."""

    def member(match: re.Match[str]) -> str:
        text = f"member {int(match.group(1)) + 1}"
        if match.group(2):
            text += f", {_FIELD_NAMES.get(match.group(2), match.group(2).replace('_', ' '))}"
        return text

    def applicant(match: re.Match[str]) -> str:
        return f"applicant, {_FIELD_NAMES.get(match.group(1), match.group(1).replace('_', ' '))}"

    text = _MEMBER_PATH.sub(member, reason)
    text = _APPLICANT_PATH.sub(applicant, text)
    return text.replace("submitted_at:", "received at:")


def _json_value(value: object) -> object:
    # A date picker gives a date; the schema checks the text, as in an e-form.
    return value.isoformat() if isinstance(value, date) else value


def _member_object(member: InPersonMember | Mapping[str, object]) -> object:
    if isinstance(member, InPersonMember):
        values: dict[str, object] = asdict(member)
    elif isinstance(member, Mapping):
        values = {str(key): value for key, value in member.items()}
        for key in _OPTIONAL_MEMBER_FIELDS:
            values.setdefault(key, None)
    else:
        return member  # the schema reports "expected an object"
    return {key: _json_value(value) for key, value in values.items()}


def _expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a folder's ``*.json`` files (not its subfolders), sorted by name."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(
                sorted(
                    (p for p in path.iterdir() if p.suffix.lower() == ".json" and p.is_file()),
                    key=lambda p: p.name,
                )
            )
        elif path.exists():
            files.append(path)
        else:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "no such file or folder: {path}"), path=str(path)
            )
    return files


def _file_content(path: Path) -> str:
    """The file as text for the quarantine (at most the size an e-form may have)."""
    try:
        with path.open("rb") as raw:
            data = raw.read(MAX_FILE_BYTES)
    except OSError:
        return ""
    # PostgreSQL text cannot hold NUL; a binary file is kept readable, not exact.
    return data.decode("utf-8", errors="replace").replace("\x00", "\ufffd")


class IntakeService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- e-forms (F2) ----------------------------------------------------------------------------
    def import_eforms(
        self,
        actor: Actor,
        paths: Sequence[Path],
        trusted_keys: Path | None,
        control: TaskControl | None = None,
    ) -> list[EFormImportResult]:
        """Import signed e-forms from files and folders; one result per file, in order.

        Each file is its own unit of work: on cancel (``control``) the files done so far stay
        imported and ``Cancelled`` is raised.
        """
        actor.require(Permission.IMPORT_FILES)
        if trusted_keys is None:
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors", "no trusted keys folder: set it in Settings or pass --trusted-keys"
                )
            )
        keys = Path(trusted_keys)
        if not keys.is_dir():
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "the trusted keys folder {folder} does not exist or is not a folder",
                ),
                folder=str(keys),
            )
        control = control or NO_CONTROL
        files = _expand(paths)
        calendar = CalendarService(self.db, self.clock).working_calendar()
        results: list[EFormImportResult] = []
        for done, path in enumerate(files):
            control.progress(done, len(files), "files")
            control.check()
            results.append(self._import_one(actor, path, keys, calendar))
        control.progress(len(files), len(files), "files")
        return results

    def _import_one(
        self, actor: Actor, path: Path, keys: Path, calendar: WorkingCalendar
    ) -> EFormImportResult:
        try:
            form = load_eform(path, keys)
        except EFormRejected as rejected:
            self._quarantine(actor, path, rejected.form_id, rejected.reason)
            return EFormImportResult(str(path), rejected.form_id, "rejected", rejected.reason)
        try:
            with self.db.write() as session:
                previous = self._imported_at(session, form.form_id)
                if previous is not None:
                    return self._duplicate(path, form.form_id, previous)
                self._add_application(
                    session,
                    actor,
                    form,
                    calendar,
                    action="application.import",
                    extra={"key_id": form.key_id, "file": path.name},
                )
        except IntegrityError:
            # Another process imported the same form meanwhile (unique form_id): R2.4.
            with self.db.read() as session:
                previous = self._imported_at(session, form.form_id)
            if previous is None:
                raise
            return self._duplicate(path, form.form_id, previous)
        return EFormImportResult(str(path), form.form_id, "accepted", None)

    @staticmethod
    def _imported_at(session: Session, form_id: str) -> datetime | None:
        return session.execute(
            sa.select(Application.imported_at).where(Application.form_id == form_id)
        ).scalar_one_or_none()

    @staticmethod
    def _duplicate(path: Path, form_id: str, imported_at: datetime) -> EFormImportResult:
        when = imported_at.astimezone(HONG_KONG).strftime("%Y-%m-%d %H:%M")
        reason = f"form {form_id} was already imported on {when}; nothing changed"
        return EFormImportResult(str(path), form_id, "duplicate", reason)

    def _quarantine(self, actor: Actor, path: Path, form_id: str | None, reason: str) -> None:
        """R2.3: keep the refused file with its reason; the same file refused again is kept once."""
        content = _file_content(path)
        file_name = path.name[:_FILE_NAME_LENGTH]
        with self.db.write() as session:
            already = session.execute(
                sa.select(QuarantinedEform.id)
                .where(
                    QuarantinedEform.file_name == file_name,
                    QuarantinedEform.reason == reason,
                    QuarantinedEform.content == content,
                )
                .limit(1)
            ).scalar_one_or_none()
            if already is not None:
                return
            row = QuarantinedEform(
                file_name=file_name,
                form_id=form_id,
                reason=reason,
                content=content,
                received_at=self.clock.now(),
            )
            session.add(row)
            session.flush()
            append_audit(
                session,
                self.clock,
                actor,
                "eform.quarantine",
                "quarantined_eform",
                row.id,
                after={"file": file_name, "form_id": form_id, "reason": reason},
            )

    def _add_application(
        self,
        session: Session,
        actor: Actor,
        form: EForm,
        calendar: WorkingCalendar,
        *,
        action: str,
        extra: Mapping[str, object],
        clinic_code: str | None = None,
        keyed_by: str | None = None,
    ) -> Application:
        received = hk_date(form.submitted_at)
        deadline = notification_deadline(received, calendar)
        application = Application(
            form_id=form.form_id,
            channel=form.channel,
            submitted_at=form.submitted_at,
            received_date=received,
            notification_deadline=deadline,
            applicant_hkid=form.applicant.hkid,
            applicant_email=form.applicant.email,
            applicant_mobile=form.applicant.mobile,
            clinic_code=clinic_code,
            keyed_by=keyed_by,
            signature_key_id=form.key_id,
            imported_at=self.clock.now(),
        )
        session.add(application)
        session.flush()
        members = [
            ApplicationMember(
                application_id=application.id,
                position=position,
                hkid=m.hkid,
                name_en=m.name_en,
                name_zh=m.name_zh,
                date_of_birth=m.date_of_birth,
                category=m.category,
                relationship=m.relationship,
                principal_hkid=m.principal_hkid,
                department=m.department,
                staff_no=m.staff_no,
                email=m.email,
                child_status=m.child_status,
            )
            for position, m in enumerate(form.members, start=1)
        ]
        session.add_all(members)
        session.flush()
        append_audit(
            session,
            self.clock,
            actor,
            action,
            "application",
            form.form_id,
            after={
                "channel": form.channel,
                "received": received,
                "deadline": deadline,
                "members": len(members),
                **extra,
            },
        )
        _verify_new_members(session, self.clock, [m.id for m in members])
        return application

    # -- paper forms (R2.2) ----------------------------------------------------------------------
    def key_in_form(self, actor: Actor, form: InPersonForm) -> str:
        """Key in a paper form taken at a clinic; the new form ID ``PF<yyyymmdd>-<clinic>-<n>``.

        Checked by the rules of an e-form (F2); InvalidInput names each field a clerk must fix.
        """
        actor.require(Permission.KEY_IN_FORMS)
        clinic = form.clinic_code.strip().upper()
        if actor.clinic_code is not None and actor.clinic_code.upper() != clinic:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP(
                    "errors", "{user} keys in forms for clinic {own}, not for clinic {clinic}"
                ),
                user=actor.username,
                own=actor.clinic_code,
                clinic=clinic,
            )
        received_at = form.received_at or self.clock.now()
        if received_at.tzinfo is None or received_at.utcoffset() is None:
            received_at = received_at.replace(tzinfo=HONG_KONG)
        if received_at > self.clock.now():
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors", "the form cannot have been received in the future ({received})"
                ),
                received=received_at.astimezone(HONG_KONG).strftime("%Y-%m-%d %H:%M"),
            )
        received = hk_date(received_at)
        with self.db.read() as session:
            if session.get(Clinic, clinic) is None:
                known = list(
                    session.execute(sa.select(Clinic.code).order_by(Clinic.sort_order)).scalars()
                )
                raise unknown_clinic(form.clinic_code, known)
        prefix = f"PF{received:%Y%m%d}-{clinic}-"
        parsed = self._check_paper_form(form, prefix + "0" * _SEQUENCE_DIGITS, received_at)
        calendar = CalendarService(self.db, self.clock).working_calendar()
        with self.db.write() as session:
            form_id = self._next_form_id(session, prefix)
            parsed = EForm(
                schema=parsed.schema,
                form_id=form_id,
                submitted_at=parsed.submitted_at,
                channel=parsed.channel,
                applicant=parsed.applicant,
                members=parsed.members,
                key_id=None,
                content_sha256=parsed.content_sha256,
            )
            self._add_application(
                session,
                actor,
                parsed,
                calendar,
                action="application.key_in",
                extra={"clinic": clinic, "keyed_by": actor.username},
                clinic_code=clinic,
                keyed_by=actor.username,
            )
        return form_id

    def _check_paper_form(self, form: InPersonForm, form_id: str, received_at: datetime) -> EForm:
        members = [_member_object(m) for m in form.members]
        applicant_hkid = form.applicant_hkid
        if applicant_hkid is None and members and isinstance(members[0], Mapping):
            first = members[0].get("hkid")
            applicant_hkid = first if isinstance(first, str) else None
        if applicant_hkid is None:
            applicant_hkid = ""  # the schema reports the missing HKID
        content: dict[str, object] = {
            "schema": SCHEMA,
            "form_id": form_id,
            "submitted_at": received_at.isoformat(),
            "channel": IN_PERSON_CHANNEL,
            "applicant": {
                "hkid": applicant_hkid,
                "email": form.applicant_email,
                "mobile": form.applicant_mobile,
            },
            "members": members,
        }
        try:
            return parse_unsigned_form(content, f"in-person form, {form.clinic_code}")
        except EFormRejected as rejected:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "the form cannot be accepted: {reasons}"),
                reasons=_clerk_reason(rejected.reason),
            ) from None

    @staticmethod
    def _next_form_id(session: Session, prefix: str) -> str:
        if session.get_bind().dialect.name == "postgresql":
            # Two clerks of one clinic keying in at once must not take the same number.
            session.execute(
                sa.text("SELECT pg_advisory_xact_lock(:k, hashtext(:p))"),
                {"k": _PG_KEY_IN_LOCK, "p": prefix},
            )
        last = session.execute(
            sa.select(sa.func.max(Application.form_id)).where(
                Application.form_id.like(prefix + "%")
            )
        ).scalar_one_or_none()
        number = 1
        if last is not None:
            tail = last[len(prefix) :]
            number = int(tail) + 1 if tail.isdigit() else 1
        if number >= 10**_SEQUENCE_DIGITS:
            raise Conflict(
                QT_TRANSLATE_NOOP("errors", "no form numbers are left for {prefix}"), prefix=prefix
            )
        return f"{prefix}{number:0{_SEQUENCE_DIGITS}d}"

    # -- quarantine (R2.3) -----------------------------------------------------------------------
    def quarantine(self, actor: Actor, limit: int = 200) -> list[QuarantineRow]:
        """The refused e-forms, newest first."""
        actor.require(Permission.IMPORT_FILES)
        query = (
            sa.select(
                QuarantinedEform.id,
                QuarantinedEform.file_name,
                QuarantinedEform.form_id,
                QuarantinedEform.reason,
                QuarantinedEform.received_at,
            )
            .order_by(QuarantinedEform.received_at.desc(), QuarantinedEform.id.desc())
            .limit(limit)
        )
        with self.db.read() as session:
            return [
                QuarantineRow(id, file_name, form_id, reason, received_at)
                for id, file_name, form_id, reason, received_at in session.execute(query).all()
            ]

    def quarantined_content(self, actor: Actor, id: int) -> str:
        """The refused file as text; HKIDs masked for a role that may not see them (R9.3)."""
        actor.require(Permission.IMPORT_FILES)
        with self.db.read() as session:
            content = session.execute(
                sa.select(QuarantinedEform.content).where(QuarantinedEform.id == id)
            ).scalar_one_or_none()
        if content is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "no quarantined e-form {id}"), id=id)
        if not actor.may(Permission.SEE_FULL_HKID):
            return mask_hkids_in_text(content)
        return content
