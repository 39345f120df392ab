"""Appointments: who is calling, what they may book, and booking without overbooking (R8, R10).

No overbooking (R10.3) is the database's job, not a Python check: a booking takes a seat with a
conditional ``UPDATE slot_seats SET taken = taken + 1 WHERE … AND taken < capacity`` in the same
transaction as the appointment's insert, and a CHECK keeps ``taken <= capacity`` whatever code
runs. On PostgreSQL the UPDATE's row lock makes concurrent bookings of one slot wait for each
other and re-check the condition; on SQLite the write transaction is ``BEGIN IMMEDIATE``, so
writers take turns. "At most one active appointment per person per day" is a partial unique
index (R10.3), so two desktops booking the same caller at once cannot both succeed.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fc_admin.db import Database
from fc_admin.domain.booking_window import Channel, bookable_dates, channels_serving
from fc_admin.domain.eligibility import RosterFacts, judge_eligibility
from fc_admin.domain.hkid import InvalidHkid, mask_hkid, normalise_hkid
from fc_admin.domain.hktime import HONG_KONG, hk_date
from fc_admin.domain.roles import Permission
from fc_admin.domain.schedule import ClinicSchedule, Slot
from fc_admin.domain.session_templates import SeatPool, pool_for
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import Appointment, Clinic, RosterImport, RosterPerson, SlotSeats
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import Clock
from fc_admin.services.errors import InvalidInput, NotFound, ServiceError
from fc_admin.services.schedules import (
    ClinicFacts,
    clinic_key,
    clinic_or_refuse,
    load_schedule,
    require_own_clinic,
    working_calendar,
)

__all__ = [
    "AppointmentRow",
    "AppointmentService",
    "Availability",
    "BookingRefused",
    "CallerInfo",
    "FeedResult",
    "RosterEntry",
    "SlotAvailability",
]

BOOKED = "BOOKED"
CANCELLED = "CANCELLED"
ATTENDED = "ATTENDED"
NO_SHOW = "NO_SHOW"
ACTIVE_STATES = (BOOKED, ATTENDED, NO_SHOW)  # R10.3 "active": anything not cancelled

# The widest window of R8 is D plus 7 working days: three calendar weeks always cover it.
_WINDOW_REACH = timedelta(days=21)
_REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
_PHONE_CHARS = set("0123456789 +-()")

# The booking path runs these on every booking (R10.3 under load: 8 desks at once): Core
# statements built once, so each costs one round trip and little Python (no ORM objects).
_APPOINTMENT: sa.Table = Appointment.__table__  # type: ignore[assignment]
_SEATS: sa.Table = SlotSeats.__table__  # type: ignore[assignment]
_ROSTER: sa.Table = RosterPerson.__table__  # type: ignore[assignment]
_IMPORT: sa.Table = RosterImport.__table__  # type: ignore[assignment]
_PRINCIPAL = _ROSTER.alias("principal")
_ROSTER_ROWS = (
    sa.select(
        _ROSTER.c.source_code,
        _ROSTER.c.name_en,
        _ROSTER.c.name_zh,
        _ROSTER.c.category,
        _ROSTER.c.relationship,
        _ROSTER.c.date_of_birth,
        _ROSTER.c.status,
        _ROSTER.c.child_status,
        _PRINCIPAL.c.status.label("principal_status"),
    )
    .select_from(
        _ROSTER.join(
            _IMPORT, sa.and_(_IMPORT.c.id == _ROSTER.c.import_id, _IMPORT.c.is_current == sa.true())
        ).outerjoin(
            _PRINCIPAL,
            sa.and_(
                _PRINCIPAL.c.import_id == _ROSTER.c.import_id,
                _PRINCIPAL.c.hkid == _ROSTER.c.principal_hkid,
            ),
        )
    )
    .where(_ROSTER.c.hkid == sa.bindparam("hkid"))
    .order_by(_ROSTER.c.source_code)
)
_INSERT_APPOINTMENT = sa.insert(_APPOINTMENT)
_ACTIVE_ON = sa.select(
    _APPOINTMENT.c.booking_ref,
    _APPOINTMENT.c.clinic_code,
    _APPOINTMENT.c.start_time,
).where(
    _APPOINTMENT.c.hkid == sa.bindparam("hkid"),
    _APPOINTMENT.c.day == sa.bindparam("day"),
    _APPOINTMENT.c.status != CANCELLED,
)


class BookingRefused(InvalidInput):
    """A booking, change or cancellation refused with the reason read to the caller."""


@dataclass(frozen=True)
class RosterEntry:
    """One current roster row of the caller and what it says on the date asked (R1)."""

    source_code: str
    name_en: str
    name_zh: str
    category: str
    relationship: str
    date_of_birth: date
    status: str
    reasons: tuple[str, ...]  # why not eligible on the date; empty = eligible


@dataclass(frozen=True)
class AppointmentRow:
    booking_ref: str
    clinic_code: str
    day: date
    start_time: time
    session_name: str
    hkid_masked: str
    name_en: str
    name_zh: str
    category: str
    channel: str
    status: str
    booked_at: datetime
    booked_by: str
    contact_phone: str
    status_changed_by: str | None
    status_changed_at: datetime | None
    cancel_reason: str | None


@dataclass(frozen=True)
class CallerInfo:
    """What the console shows about a caller (R1, R9.3: the HKID masked unless allowed)."""

    hkid: str  # canonical; the view shows it only to roles with SEE_FULL_HKID
    hkid_masked: str
    on: date
    entries: tuple[RosterEntry, ...]
    appointments: tuple[AppointmentRow, ...]  # active, from ``on`` onwards

    @property
    def found(self) -> bool:
        return bool(self.entries)

    @property
    def eligible(self) -> bool:
        return any(not e.reasons for e in self.entries)

    @property
    def best(self) -> RosterEntry | None:
        eligible = [e for e in self.entries if not e.reasons]
        ranked = eligible or list(self.entries)
        return ranked[0] if ranked else None


@dataclass(frozen=True)
class SlotAvailability:
    day: date
    start: time
    end: time
    session: str
    capacity: int  # all channels
    seats: int  # of the channel's pool on that day
    taken: int  # of the channel's pool
    state: str  # "open" | "full" | "closed" | "past" | "no_seats"

    @property
    def remaining(self) -> int:
        return max(self.seats - self.taken, 0)

    @property
    def bookable(self) -> bool:
        return self.state == "open"


@dataclass(frozen=True)
class Availability:
    clinic_code: str
    channel: Channel
    at: datetime
    dates: tuple[date, ...]  # R8 window
    slots: tuple[SlotAvailability, ...]  # of those dates


@dataclass(frozen=True)
class FeedResult:
    file: str
    booked: int
    cancelled: int
    unchanged: int  # rows already imported earlier (a re-run of the same feed)


def canonical_hkid(raw: str) -> str:
    try:
        return normalise_hkid(raw)
    except InvalidHkid as exc:
        raise BookingRefused(
            QT_TRANSLATE_NOOP("errors", "the HKID is not valid: {reason}"), reason=exc.reason
        ) from None


def _row(a: Appointment) -> AppointmentRow:
    return AppointmentRow(
        a.booking_ref,
        a.clinic_code,
        a.day,
        a.start_time,
        a.session_name,
        mask_hkid(a.hkid),
        a.name_en,
        a.name_zh,
        a.category,
        a.channel,
        a.status,
        a.booked_at,
        a.booked_by,
        a.contact_phone or "",
        a.status_changed_by,
        a.status_changed_at,
        a.cancel_reason,
    )


def _check_phone(phone: str | None) -> str | None:
    if phone is None or not phone.strip():
        return None
    phone = phone.strip()
    digits = sum(ch.isdigit() for ch in phone)
    if set(phone) - _PHONE_CHARS or not 8 <= digits <= 15 or len(phone) > 20:
        raise BookingRefused(
            QT_TRANSLATE_NOOP(
                "errors", "the contact number {phone} is not a telephone number (8 to 15 digits)"
            ),
            phone=phone[:20],
        )
    return phone


def roster_entries(session: Session, hkid: str, on: date) -> list[RosterEntry]:
    """The caller's rows in the newest roster of each source, judged on ``on`` (R1, R3.1)."""
    entries = []
    for row in session.execute(_ROSTER_ROWS, {"hkid": hkid}):
        facts = RosterFacts(
            row.category,
            row.relationship,
            row.status,
            row.child_status,
            row.date_of_birth,
            None if row.relationship == "self" else row.principal_status,
        )
        entries.append(
            RosterEntry(
                row.source_code,
                row.name_en,
                row.name_zh,
                row.category,
                row.relationship,
                row.date_of_birth,
                row.status,
                tuple(judge_eligibility(facts, on)),
            )
        )
    return entries


def _new_ref(clinic_code: str, day: date) -> str:
    suffix = "".join(secrets.choice(_REF_ALPHABET) for _ in range(5))
    return f"{clinic_code}{day:%y%m%d}-{suffix}"


def _take_seat_statement(dialect: str) -> sa.Insert:
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_SEATS).values(
        clinic_code=sa.bindparam("clinic_code"),
        day=sa.bindparam("day"),
        start_time=sa.bindparam("start_time"),
        pool=sa.bindparam("pool"),
        capacity=sa.bindparam("capacity"),
        taken=1,
    )
    return insert.on_conflict_do_update(
        index_elements=[_SEATS.c.clinic_code, _SEATS.c.day, _SEATS.c.start_time, _SEATS.c.pool],
        set_={"taken": _SEATS.c.taken + 1, "capacity": insert.excluded.capacity},
        where=_SEATS.c.taken < insert.excluded.capacity,
    ).returning(_SEATS.c.taken)


# Built once per dialect: the statement's compiled form is then reused from SQLAlchemy's cache.
_TAKE_SEAT = {name: _take_seat_statement(name) for name in ("postgresql", "sqlite")}


def take_seat(session: Session, clinic_code: str, slot: Slot, pool: SeatPool) -> bool:
    """R10.3: take one seat of ``pool`` in ``slot`` if one is free; False if the pool is full.

    One statement: insert the slot's counter with one seat taken, or, when it exists, add one
    seat only while ``taken < capacity``. On PostgreSQL the conflicting row is locked and the
    condition is checked on its newest version, so concurrent bookings of one slot wait for each
    other and never pass the capacity; SQLite writers take turns (``BEGIN IMMEDIATE``). The
    CHECK ``taken <= capacity`` backs this up whatever code runs.

    The capacity written is the slot's capacity on its day as the templates and the go-live date
    give it now, so a go-live or a new template applies to counters created before it.
    """
    capacity = slot.seats[pool]
    if capacity <= 0:
        return False
    statement = _TAKE_SEAT[session.get_bind().dialect.name]
    taken = session.execute(
        statement,
        {
            "clinic_code": clinic_code,
            "day": slot.day,
            "start_time": slot.start,
            "pool": pool.value,
            "capacity": capacity,
        },
    ).first()
    return taken is not None


def release_seat(session: Session, clinic_code: str, day: date, start: time, pool: str) -> None:
    session.execute(
        sa.update(SlotSeats)
        .where(
            SlotSeats.clinic_code == clinic_code,
            SlotSeats.day == day,
            SlotSeats.start_time == start,
            SlotSeats.pool == pool,
            SlotSeats.taken > 0,
        )
        .values(taken=SlotSeats.taken - 1)
        .execution_options(synchronize_session=False)
    )


def _pool_of(channel: str) -> SeatPool:
    return pool_for(Channel(channel))


class AppointmentService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # --- the caller ---------------------------------------------------------------------------

    def lookup(self, actor: Actor, hkid: str, on: date | None = None) -> CallerInfo:
        """Who is calling: roster rows and eligibility on ``on`` (R1), active appointments.

        An HKID search is audited (R13.3); the record holds the masked HKID only (R9.3).
        """
        actor.require(Permission.BOOK_APPOINTMENTS)
        canonical = canonical_hkid(hkid)
        on = on or hk_date(self.clock.now())
        with self.db.write() as session:
            entries = roster_entries(session, canonical, on)
            appointments = session.execute(
                sa.select(Appointment)
                .where(
                    Appointment.hkid == canonical,
                    Appointment.day >= on,
                    Appointment.status == BOOKED,
                )
                .order_by(Appointment.day, Appointment.start_time)
            ).scalars()
            rows = tuple(_row(a) for a in appointments)
            append_audit(
                session,
                self.clock,
                actor,
                "person.lookup",
                "person",
                mask_hkid(canonical),
                after={"found": bool(entries), "appointments": len(rows)},
            )
        return CallerInfo(canonical, mask_hkid(canonical), on, tuple(entries), rows)

    def appointments_of(
        self, actor: Actor, hkid: str, since: date | None = None
    ) -> list[AppointmentRow]:
        """Every appointment of a person (all states), newest first, for the console history."""
        actor.require(Permission.BOOK_APPOINTMENTS)
        canonical = canonical_hkid(hkid)
        with self.db.read() as session:
            query = sa.select(Appointment).where(Appointment.hkid == canonical)
            if since is not None:
                query = query.where(Appointment.day >= since)
            found = session.execute(
                query.order_by(Appointment.day.desc(), Appointment.start_time.desc())
            ).scalars()
            return [_row(a) for a in found]

    def get(self, booking_ref: str) -> AppointmentRow:
        with self.db.read() as session:
            return _row(self._by_ref(session, booking_ref))

    # --- availability (R8, R10.1) ------------------------------------------------------------

    def availability(
        self, clinic_code: str, channel: Channel, at: datetime | None = None
    ) -> Availability:
        """The R8 window of ``channel`` at the clinic at ``at`` and every slot on those dates,
        with the seats left in the channel's pool (F8: all seats are telephone seats before
        go-live)."""
        at = at or self.clock.now()
        today = hk_date(at)
        with self.db.read() as session:
            clinic = clinic_or_refuse(session, clinic_code)
            calendar = working_calendar(session)
            schedule = load_schedule(session, clinic, today, today + _WINDOW_REACH, calendar)
            dates = bookable_dates(
                channel, clinic.go_live_date, at, schedule.is_operating_day, calendar
            )
            taken = self._taken(session, clinic.code, dates, pool_for(channel))
        slots = []
        for day in dates:
            for slot in schedule.slots(day):
                seats = slot.seats[pool_for(channel)]
                used = taken.get((day, slot.start), 0)
                if slot.closed:
                    state = "closed"
                elif slot.starts_at() <= at:  # R8.4
                    state = "past"
                elif seats <= 0:
                    state = "no_seats"
                elif used >= seats:
                    state = "full"
                else:
                    state = "open"
                slots.append(
                    SlotAvailability(
                        day, slot.start, slot.end, slot.session, slot.capacity, seats, used, state
                    )
                )
        return Availability(clinic.code, channel, at, tuple(dates), tuple(slots))

    @staticmethod
    def _taken(
        session: Session, clinic_code: str, dates: Iterable[date], pool: SeatPool
    ) -> dict[tuple[date, time], int]:
        dates = list(dates)
        if not dates:
            return {}
        rows = session.execute(
            sa.select(SlotSeats.day, SlotSeats.start_time, SlotSeats.taken).where(
                SlotSeats.clinic_code == clinic_code,
                SlotSeats.day.in_(dates),
                SlotSeats.pool == pool.value,
            )
        )
        return {(r.day, r.start_time): r.taken for r in rows}

    # --- booking (R8, R10.3) -----------------------------------------------------------------

    def book(
        self,
        actor: Actor,
        clinic_code: str,
        hkid: str,
        day: date,
        start: time,
        channel: Channel,
        *,
        at: datetime | None = None,
        contact_phone: str | None = None,
        request_id: str | None = None,
    ) -> AppointmentRow:
        """Book one appointment under R8 and R10; refused with the reason read to the caller.

        ``request_id`` makes a retried request (a double-click, a timed-out client) book once:
        the same ID returns the appointment it made.
        """
        actor.require(Permission.BOOK_APPOINTMENTS)
        at = at or self.clock.now()
        canonical = canonical_hkid(hkid)
        phone = _check_phone(contact_phone)
        if request_id is not None:
            earlier = self._by_request(request_id)
            if earlier is not None:
                return earlier
        try:
            with self.db.write() as session:
                # Core statements throughout, few round trips: this runs for every booking of
                # every desk at once. The audit append stays the last statement before the
                # commit, so the audit chain's lock (PostgreSQL) is held as briefly as possible.
                clinic = clinic_key(session, clinic_code)
                require_own_clinic(actor, clinic.code)
                schedule = self._schedule(session, clinic, at, day)
                self._refuse_outside_window(schedule, clinic, channel, day, at)
                slot = self._bookable_slot(schedule, clinic.code, day, start, at)
                entry = self._eligible_entry(session, canonical, day)
                existing = session.execute(_ACTIVE_ON, {"hkid": canonical, "day": day}).first()
                if existing is not None:  # R10.3 one a day (the unique index backs this up)
                    raise self._second_of_day_row(canonical, day, existing)
                if not take_seat(session, clinic.code, slot, pool_for(channel)):
                    raise self._full(slot, channel)
                row = AppointmentRow(
                    booking_ref=_new_ref(clinic.code, day),
                    clinic_code=clinic.code,
                    day=day,
                    start_time=slot.start,
                    session_name=slot.session,
                    hkid_masked=mask_hkid(canonical),
                    name_en=entry.name_en,
                    name_zh=entry.name_zh,
                    category=entry.category,
                    channel=channel.value,
                    status=BOOKED,
                    booked_at=at,
                    booked_by=actor.username,
                    contact_phone=phone or "",
                    status_changed_by=None,
                    status_changed_at=None,
                    cancel_reason=None,
                )
                session.execute(
                    _INSERT_APPOINTMENT,
                    {
                        "booking_ref": row.booking_ref,
                        "request_id": request_id,
                        "clinic_code": row.clinic_code,
                        "day": row.day,
                        "start_time": row.start_time,
                        "session_name": row.session_name,
                        "hkid": canonical,
                        "name_en": row.name_en,
                        "name_zh": row.name_zh,
                        "category": row.category,
                        "channel": row.channel,
                        "status": BOOKED,
                        "booked_at": at,
                        "booked_by": row.booked_by,
                        "contact_phone": phone,
                        "status_changed_by": None,
                        "status_changed_at": None,
                        "cancel_reason": None,
                    },
                )
                append_audit(
                    session,
                    self.clock,
                    actor,
                    "appointment.book",
                    "appointment",
                    row.booking_ref,
                    after={
                        "clinic": clinic.code,
                        "day": day,
                        "time": slot.start.strftime("%H:%M"),
                        "channel": channel.value,
                        "hkid": row.hkid_masked,
                    },
                )
                return row
        except IntegrityError as exc:
            return self._after_integrity_error(exc, canonical, day, request_id)

    def _after_integrity_error(
        self, exc: IntegrityError, hkid: str, day: date, request_id: str | None
    ) -> AppointmentRow:
        """A concurrent transaction won a race the database settles (R10.3)."""
        if request_id is not None:
            earlier = self._by_request(request_id)
            if earlier is not None:
                return earlier
        with self.db.read() as session:
            existing = self._active_on(session, hkid, day)
        if existing is not None:
            raise self._second_of_day(existing)
        raise exc

    def _by_request(self, request_id: str) -> AppointmentRow | None:
        with self.db.read() as session:
            found = session.execute(
                sa.select(Appointment).where(Appointment.request_id == request_id)
            ).scalar_one_or_none()
            return _row(found) if found is not None else None

    def _schedule(
        self, session: Session, clinic: ClinicFacts, at: datetime, *days: date
    ) -> ClinicSchedule:
        today = hk_date(at)
        start = min(today, *days)
        end = max(today + _WINDOW_REACH, *days)
        return load_schedule(session, clinic, start, end)

    @staticmethod
    def _refuse_outside_window(
        schedule: ClinicSchedule, clinic: ClinicFacts, channel: Channel, day: date, at: datetime
    ) -> None:
        calendar = schedule.calendar
        today = hk_date(at)
        if channel not in channels_serving(clinic.go_live_date, today):
            # R7.2
            if channel is Channel.ONLINE:
                template = QT_TRANSLATE_NOOP(
                    "errors", "{clinic} is not live on online booking yet (go-live: {go_live})"
                )
            else:
                template = QT_TRANSLATE_NOOP(
                    "errors",
                    "ATBS no longer books {clinic}: it has been live on online booking since "
                    "{go_live}",
                )
            raise BookingRefused(
                template,
                clinic=clinic.code,
                go_live=clinic.go_live_date.isoformat() if clinic.go_live_date else "none",
            )
        holiday = calendar.holiday_on(day)
        if holiday is not None:
            raise BookingRefused(
                QT_TRANSLATE_NOOP(
                    "errors", "{day} is a general holiday ({name}): every clinic is closed"
                ),
                day=day.isoformat(),
                name=holiday.name_en,
                name_zh=holiday.name_zh,
            )
        if day < today:
            raise BookingRefused(
                QT_TRANSLATE_NOOP("errors", "{day} is in the past"), day=day.isoformat()
            )
        if not schedule.sessions_on(day):
            raise BookingRefused(
                QT_TRANSLATE_NOOP("errors", "{clinic} has no sessions on {day} ({weekday})"),
                clinic=clinic.code,
                day=day.isoformat(),
                weekday=day.strftime("%A"),
            )
        if not schedule.open_sessions(day):
            raise BookingRefused(
                QT_TRANSLATE_NOOP("errors", "{clinic} is closed on {day}"),
                clinic=clinic.code,
                day=day.isoformat(),
            )
        window = bookable_dates(
            channel, clinic.go_live_date, at, schedule.is_operating_day, calendar
        )
        if day not in window:
            raise BookingRefused(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "{day} is outside the booking window: by {channel} today {clinic} books "
                    "{dates}",
                ),
                day=day.isoformat(),
                channel=channel.value,
                clinic=clinic.code,
                dates=", ".join(d.isoformat() for d in window) or "no dates",
            )

    @staticmethod
    def _bookable_slot(
        schedule: ClinicSchedule, clinic_code: str, day: date, start: time, at: datetime
    ) -> Slot:
        slot = schedule.slot(day, start)
        if slot is None:
            sessions = ", ".join(
                f"{s.name} {s.start:%H:%M}-{s.end:%H:%M} every {s.slot_minutes} min"
                for s in schedule.sessions_on(day)
            )
            raise BookingRefused(
                QT_TRANSLATE_NOOP(
                    "errors", "{clinic} has no slot at {time} on {day} (sessions: {sessions})"
                ),
                clinic=clinic_code,
                time=start.strftime("%H:%M"),
                day=day.isoformat(),
                sessions=sessions,
            )
        if slot.closed:
            raise BookingRefused(
                QT_TRANSLATE_NOOP("errors", "the {session} session of {clinic} on {day} is closed"),
                session=slot.session,
                clinic=clinic_code,
                day=day.isoformat(),
            )
        if slot.starts_at() <= at:  # R8.4
            raise BookingRefused(
                QT_TRANSLATE_NOOP(
                    "errors", "the {time} slot on {day} has already started or passed"
                ),
                time=start.strftime("%H:%M"),
                day=day.isoformat(),
            )
        return slot

    @staticmethod
    def _eligible_entry(session: Session, hkid: str, day: date) -> RosterEntry:
        entries = roster_entries(session, hkid, day)
        if not entries:
            raise BookingRefused(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "{hkid} is not on any department's roster: not a civil service eligible "
                    "person (R1)",
                ),
                hkid=mask_hkid(hkid),
            )
        eligible = [e for e in entries if not e.reasons]
        if not eligible:
            reasons = sorted({r for e in entries for r in e.reasons})
            raise BookingRefused(
                QT_TRANSLATE_NOOP(
                    "errors", "{hkid} is not eligible on {day} according to the roster: {reasons}"
                ),
                hkid=mask_hkid(hkid),
                day=day.isoformat(),
                reasons=", ".join(reasons),
            )
        return eligible[0]

    @staticmethod
    def _active_on(session: Session, hkid: str, day: date) -> Appointment | None:
        return session.execute(
            sa.select(Appointment).where(
                Appointment.hkid == hkid, Appointment.day == day, Appointment.status != CANCELLED
            )
        ).scalar_one_or_none()

    def _refuse_second_of_day(
        self, session: Session, hkid: str, day: date, except_ref: str | None = None
    ) -> None:
        existing = self._active_on(session, hkid, day)
        if existing is not None and existing.booking_ref != except_ref:
            raise self._second_of_day(existing)

    @staticmethod
    def _second_of_day(existing: Appointment) -> BookingRefused:
        return AppointmentService._second_of_day_row(existing.hkid, existing.day, existing)

    @staticmethod
    def _second_of_day_row(hkid: str, day: date, existing: Any) -> BookingRefused:
        """R10.3 refusal; ``existing`` has ``booking_ref``, ``clinic_code`` and ``start_time``."""
        return BookingRefused(
            QT_TRANSLATE_NOOP(
                "errors",
                "{hkid} already has an appointment on {day} ({ref}, {clinic} {time}): one a day",
            ),
            hkid=mask_hkid(hkid),
            day=day.isoformat(),
            ref=existing.booking_ref,
            clinic=existing.clinic_code,
            time=existing.start_time.strftime("%H:%M"),
        )

    @staticmethod
    def _full(slot: Slot, channel: Channel) -> BookingRefused:
        if slot.seats[pool_for(channel)] <= 0:
            return BookingRefused(
                QT_TRANSLATE_NOOP(
                    "errors", "the {time} slot on {day} has no seats for {channel} bookings"
                ),
                time=slot.start.strftime("%H:%M"),
                day=slot.day.isoformat(),
                channel=channel.value,
            )
        return BookingRefused(
            QT_TRANSLATE_NOOP("errors", "the {time} slot on {day} is full for {channel} bookings"),
            time=slot.start.strftime("%H:%M"),
            day=slot.day.isoformat(),
            channel=channel.value,
        )

    @staticmethod
    def _by_ref(session: Session, booking_ref: str) -> Appointment:
        found = session.execute(
            sa.select(Appointment).where(Appointment.booking_ref == booking_ref.strip())
        ).scalar_one_or_none()
        if found is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("errors", "there is no appointment {ref}"), ref=booking_ref
            )
        return found

    # --- change and cancel (R10.4, R10.5) ----------------------------------------------------

    def change(
        self,
        actor: Actor,
        booking_ref: str,
        day: date,
        start: time,
        *,
        at: datetime | None = None,
        contact_phone: str | None = None,
    ) -> AppointmentRow:
        """Move a booked appointment to another slot, as clinic staff on the telephone.

        The new date must be in the manual-telephone window (R8); the seat moves in the same
        transaction, so a failed change keeps the old appointment.
        """
        actor.require(Permission.BOOK_APPOINTMENTS)
        at = at or self.clock.now()
        phone = _check_phone(contact_phone)
        try:
            with self.db.write() as session:
                appointment = self._by_ref(session, booking_ref)
                require_own_clinic(actor, appointment.clinic_code)
                self._refuse_not_booked(appointment)
                clinic = clinic_or_refuse(session, appointment.clinic_code)
                schedule = self._schedule(session, clinic, at, day)
                self._refuse_outside_window(schedule, clinic, Channel.MANUAL, day, at)
                slot = self._bookable_slot(schedule, clinic.code, day, start, at)
                if (slot.day, slot.start) == (appointment.day, appointment.start_time):
                    raise BookingRefused(
                        QT_TRANSLATE_NOOP("errors", "{ref} is already at that time"),
                        ref=appointment.booking_ref,
                    )
                self._refuse_second_of_day(session, appointment.hkid, day, appointment.booking_ref)
                pool = _pool_of(appointment.channel)
                before = {
                    "day": appointment.day,
                    "time": appointment.start_time.strftime("%H:%M"),
                }
                # Release first, then take: moving within a full slot's neighbour works.
                release_seat(
                    session, clinic.code, appointment.day, appointment.start_time, pool.value
                )
                if not take_seat(session, clinic.code, slot, pool):
                    raise self._full(slot, Channel(appointment.channel))
                appointment.day = slot.day
                appointment.start_time = slot.start
                appointment.session_name = slot.session
                if phone is not None:
                    appointment.contact_phone = phone
                appointment.status_changed_by = actor.username
                appointment.status_changed_at = self.clock.now()
                session.flush()
                append_audit(
                    session,
                    self.clock,
                    actor,
                    "appointment.change",
                    "appointment",
                    appointment.booking_ref,
                    before=before,
                    after={"day": slot.day, "time": slot.start.strftime("%H:%M")},
                )
                return _row(appointment)
        except IntegrityError as exc:
            with self.db.read() as session:
                appointment = self._by_ref(session, booking_ref)
                existing = self._active_on(session, appointment.hkid, day)
            if existing is not None:
                raise self._second_of_day(existing) from None
            raise exc

    def cancel(
        self, actor: Actor, booking_ref: str, reason: str, *, at: datetime | None = None
    ) -> AppointmentRow:
        """R10.4, R10.5: staff may cancel any booked appointment, with a reason (who, when, why)."""
        actor.require(Permission.BOOK_APPOINTMENTS)
        reason = reason.strip()
        if not reason:
            raise BookingRefused(QT_TRANSLATE_NOOP("errors", "a cancellation needs a reason"))
        with self.db.write() as session:
            appointment = self._by_ref(session, booking_ref)
            require_own_clinic(actor, appointment.clinic_code)
            self._refuse_not_booked(appointment)
            self._cancel(session, appointment, actor.username, reason, at or self.clock.now())
            append_audit(
                session,
                self.clock,
                actor,
                "appointment.cancel",
                "appointment",
                appointment.booking_ref,
                before={"status": BOOKED},
                after={"status": CANCELLED, "reason": reason},
            )
            return _row(appointment)

    @staticmethod
    def _cancel(
        session: Session, appointment: Appointment, by: str, reason: str, at: datetime
    ) -> None:
        release_seat(
            session,
            appointment.clinic_code,
            appointment.day,
            appointment.start_time,
            _pool_of(appointment.channel).value,
        )
        appointment.status = CANCELLED
        appointment.status_changed_by = by
        appointment.status_changed_at = at
        appointment.cancel_reason = reason
        session.flush()

    @staticmethod
    def _refuse_not_booked(appointment: Appointment) -> None:
        if appointment.status != BOOKED:
            raise BookingRefused(
                QT_TRANSLATE_NOOP("errors", "{ref} is {status}, not booked: it cannot change"),
                ref=appointment.booking_ref,
                status=appointment.status,
            )

    def record_attendance(
        self, actor: Actor, booking_ref: str, attended: bool, *, at: datetime | None = None
    ) -> AppointmentRow:
        """R10.4: BOOKED -> ATTENDED or NO_SHOW, on or after the appointment's day."""
        if not (actor.may(Permission.PRINT_DAILY_LISTS) or actor.may(Permission.BOOK_APPOINTMENTS)):
            actor.require(Permission.PRINT_DAILY_LISTS)
        at = at or self.clock.now()
        with self.db.write() as session:
            appointment = self._by_ref(session, booking_ref)
            require_own_clinic(actor, appointment.clinic_code)
            self._refuse_not_booked(appointment)
            if appointment.day > hk_date(at):
                raise BookingRefused(
                    QT_TRANSLATE_NOOP(
                        "errors", "{ref} is on {day}: attendance is recorded on or after the day"
                    ),
                    ref=appointment.booking_ref,
                    day=appointment.day.isoformat(),
                )
            status = ATTENDED if attended else NO_SHOW
            appointment.status = status
            appointment.status_changed_by = actor.username
            appointment.status_changed_at = at
            session.flush()
            append_audit(
                session,
                self.clock,
                actor,
                "appointment.attendance",
                "appointment",
                appointment.booking_ref,
                before={"status": BOOKED},
                after={"status": status},
            )
            return _row(appointment)

    # --- the online bookings feed (F3) -------------------------------------------------------

    def import_feed(self, actor: Actor, path: Path) -> FeedResult:
        """F3: every row or none. A row that would overfill a slot (the online seats, R10.3),
        give a person a second appointment that day, land on no slot or a closed one, or cancel
        an unknown booking refuses the whole file with every reason. Rows already imported (a
        re-run of the same feed) change nothing."""
        from fc_admin.exchange.bookings_feed import read_bookings_feed
        from fc_admin.exchange.errors import FileProblem, FileRejected

        actor.require(Permission.IMPORT_FILES)
        rows = read_bookings_feed(path)
        problems: list[FileProblem] = []
        booked = cancelled = unchanged = 0
        name = path.name

        def refuse(line: int, column: str | None, error: ServiceError | str) -> None:
            problems.append(FileProblem(name, line, column, str(error)))

        with self.db.write() as session:
            clinics: dict[str, Clinic | None] = {}
            schedules: dict[str, ClinicSchedule] = {}
            calendar = working_calendar(session)
            days = [r.day for r in rows]
            for row in rows:
                if row.clinic not in clinics:
                    clinics[row.clinic] = session.get(Clinic, row.clinic)
                    found = clinics[row.clinic]
                    if found is not None and days:
                        schedules[row.clinic] = load_schedule(
                            session, found, min(days), max(days), calendar
                        )
                clinic = clinics[row.clinic]
                if clinic is None:
                    refuse(row.line, "clinic", f"unknown clinic code {row.clinic!r}")
                    continue
                existing = session.execute(
                    sa.select(Appointment).where(Appointment.booking_ref == row.booking_ref)
                ).scalar_one_or_none()
                if row.status == "cancelled":
                    if existing is None:
                        refuse(
                            row.line,
                            "booking_ref",
                            f"cancels {row.booking_ref}, which was never booked",
                        )
                    elif existing.status == CANCELLED:
                        unchanged += 1
                    elif existing.status != BOOKED:
                        refuse(row.line, "status", f"{row.booking_ref} is {existing.status}")
                    else:
                        self._cancel(
                            session, existing, actor.username, "cancelled online", row.booked_at
                        )
                        cancelled += 1
                    continue
                if existing is not None:
                    same = (
                        existing.hkid == row.hkid
                        and existing.clinic_code == clinic.code
                        and existing.day == row.day
                        and existing.start_time == row.start_time
                    )
                    if same:
                        unchanged += 1
                    else:
                        refuse(
                            row.line,
                            "booking_ref",
                            f"{row.booking_ref} was imported before with other particulars",
                        )
                    continue
                try:
                    self._feed_booking(session, actor, clinic, schedules[clinic.code], row)
                    booked += 1
                except ServiceError as error:
                    refuse(row.line, None, error)
            if problems:
                # Raising rolls the whole file back (F3: nothing of a failing file).
                raise FileRejected(problems)
            append_audit(
                session,
                self.clock,
                actor,
                "appointments.import",
                "file",
                name,
                after={"booked": booked, "cancelled": cancelled, "unchanged": unchanged},
            )
        return FeedResult(name, booked, cancelled, unchanged)

    def _feed_booking(
        self, session: Session, actor: Actor, clinic: Clinic, schedule: ClinicSchedule, row: Any
    ) -> None:
        slot = schedule.slot(row.day, row.start_time)
        if slot is None:
            raise BookingRefused(
                QT_TRANSLATE_NOOP("errors", "{clinic} has no slot at {time} on {day}"),
                clinic=clinic.code,
                time=row.start_time.strftime("%H:%M"),
                day=row.day.isoformat(),
            )
        if slot.closed:
            raise BookingRefused(
                QT_TRANSLATE_NOOP("errors", "the {session} session of {clinic} on {day} is closed"),
                session=slot.session,
                clinic=clinic.code,
                day=row.day.isoformat(),
            )
        existing = self._active_on(session, row.hkid, row.day)
        if existing is not None:
            raise self._second_of_day(existing)
        if not take_seat(session, clinic.code, slot, SeatPool.ONLINE):
            raise self._full(slot, Channel.ONLINE)
        entries = roster_entries(session, row.hkid, row.day)
        entry = next((e for e in entries if not e.reasons), entries[0] if entries else None)
        session.add(
            Appointment(
                booking_ref=row.booking_ref,
                clinic_code=clinic.code,
                day=row.day,
                start_time=row.start_time,
                session_name=slot.session,
                hkid=row.hkid,
                name_en=entry.name_en if entry else "",
                name_zh=entry.name_zh if entry else "",
                category=entry.category if entry else "",
                channel=Channel.ONLINE.value,
                status=BOOKED,
                booked_at=row.booked_at,
                booked_by=f"feed:{actor.username}",
            )
        )
        session.flush()

    # --- reading ------------------------------------------------------------------------------

    def day_appointments(
        self, clinic_code: str, day: date, include_cancelled: bool = True
    ) -> list[AppointmentRow]:
        with self.db.read() as session:
            clinic = clinic_or_refuse(session, clinic_code)
            query = sa.select(Appointment).where(
                Appointment.clinic_code == clinic.code, Appointment.day == day
            )
            if not include_cancelled:
                query = query.where(Appointment.status != CANCELLED)
            found = session.execute(
                query.order_by(Appointment.start_time, Appointment.booking_ref)
            ).scalars()
            return [_row(a) for a in found]


def slot_moment(day: date, start: time) -> datetime:
    return datetime.combine(day, start, tzinfo=HONG_KONG)
