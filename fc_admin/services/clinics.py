"""The six clinics (R6) and their online-booking rollout (R7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.booking_window import Channel, channels_serving, is_live
from fc_admin.domain.hktime import hk_date
from fc_admin.domain.roles import Permission
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import Clinic
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import Clock
from fc_admin.services.errors import Conflict, NotFound


@dataclass(frozen=True)
class ClinicRow:
    code: str
    name_en: str
    name_zh: str
    enquiry_phone: str
    appointment_phones: str
    go_live_date: date | None
    live: bool  # on the date asked about
    channels: tuple[Channel, ...]  # that serve it on that date (R7.2)
    version: int


@dataclass(frozen=True)
class RolloutChange:
    """What changes for a clinic on a date (R7.3): it goes live, so online opens, ATBS stops."""

    clinic_code: str
    name_en: str
    name_zh: str
    opens: tuple[Channel, ...]
    closes: tuple[Channel, ...]


_CHANNEL_ORDER = (Channel.ONLINE, Channel.MANUAL, Channel.ATBS)


def _row(clinic: Clinic, on: date) -> ClinicRow:
    serving = channels_serving(clinic.go_live_date, on)
    return ClinicRow(
        clinic.code,
        clinic.name_en,
        clinic.name_zh,
        clinic.enquiry_phone,
        clinic.appointment_phones,
        clinic.go_live_date,
        is_live(clinic.go_live_date, on),
        tuple(c for c in _CHANNEL_ORDER if c in serving),
        clinic.version,
    )


def unknown_clinic(code: str, known: list[str]) -> NotFound:
    return NotFound(
        QT_TRANSLATE_NOOP("errors", "unknown clinic code {code} (known: {known})"),
        code=code,
        known=", ".join(known),
    )


class ClinicService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def today(self) -> date:
        return hk_date(self.clock.now())

    def list_clinics(self, on: date | None = None) -> list[ClinicRow]:
        on = on or self.today()
        with self.db.read() as session:
            clinics = session.execute(sa.select(Clinic).order_by(Clinic.sort_order)).scalars()
            return [_row(c, on) for c in clinics]

    def get(self, code: str, on: date | None = None) -> ClinicRow:
        on = on or self.today()
        with self.db.read() as session:
            clinic = session.get(Clinic, code.upper())
            if clinic is None:
                raise unknown_clinic(code, self._codes(session))
            return _row(clinic, on)

    def _codes(self, session: sa.orm.Session) -> list[str]:
        return list(session.execute(sa.select(Clinic.code).order_by(Clinic.sort_order)).scalars())

    def set_go_live(
        self, actor: Actor, code: str, go_live: date | None, expected_version: int | None = None
    ) -> ClinicRow:
        """R7.1: an administrator sets (or clears) a clinic's go-live date; audited."""
        actor.require(Permission.MANAGE_ROLLOUT)
        with self.db.write() as session:
            clinic = session.get(Clinic, code.upper())
            if clinic is None:
                raise unknown_clinic(code, self._codes(session))
            if expected_version is not None and clinic.version != expected_version:
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "the go-live date of {code} was changed by somebody else meanwhile "
                        "(now {current}); reload and try again",
                    ),
                    code=clinic.code,
                    current=clinic.go_live_date.isoformat() if clinic.go_live_date else "none",
                )
            before = clinic.go_live_date
            if before == go_live:
                return _row(clinic, self.today())
            from fc_admin.services.capacity import refuse_overfull_go_live  # (import cycle)

            # R10.3: the seat pools of booked slots change with the date (F8).
            refuse_overfull_go_live(session, clinic.code, before, go_live, self.today())
            clinic.go_live_date = go_live
            session.flush()
            append_audit(
                session,
                self.clock,
                actor,
                "clinic.go_live",
                "clinic",
                clinic.code,
                before={"go_live_date": before},
                after={"go_live_date": go_live},
            )
            return _row(clinic, self.today())

    def changes_on(self, day: date) -> list[RolloutChange]:
        """R7.3: the clinics whose channels change on ``day`` (they go live that day)."""
        changes = []
        for clinic in self.list_clinics(day):
            if clinic.go_live_date == day:
                before = channels_serving(
                    clinic.go_live_date, date.fromordinal(day.toordinal() - 1)
                )
                after = set(clinic.channels)
                changes.append(
                    RolloutChange(
                        clinic.code,
                        clinic.name_en,
                        clinic.name_zh,
                        tuple(c for c in _CHANNEL_ORDER if c in after - before),
                        tuple(c for c in _CHANNEL_ORDER if c in before - after),
                    )
                )
        return changes
