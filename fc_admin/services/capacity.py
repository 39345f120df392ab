"""Session templates (R10.1, F8), closures and their call lists (R10.2), utilisation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from fc_admin.db import Database
from fc_admin.domain.booking_window import is_live
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.hkid import mask_hkid
from fc_admin.domain.hktime import hk_date
from fc_admin.domain.roles import Permission
from fc_admin.domain.schedule import ClinicSchedule
from fc_admin.domain.session_templates import (
    DAY_NAMES,
    SeatPool,
    WeeklyTemplate,
    pool_capacities,
    template_problems,
)
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import Appointment, Clinic, Closure, SessionTemplate, TemplateSession
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import Clock
from fc_admin.services.errors import InvalidInput, NotFound, PermissionDenied
from fc_admin.services.schedules import (
    clinic_or_refuse,
    load_schedule,
    load_templates,
    require_own_clinic,
    template_specs,
    working_calendar,
)

# A quarter of utilisation is what the calendar shows; a year is the most asked in one go.
MAX_UTILISATION_DAYS = 400


@dataclass(frozen=True)
class TemplateRow:
    id: int
    clinic_code: str
    valid_from: date
    template: WeeklyTemplate
    source_text: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class ClosureRow:
    id: int
    clinic_code: str
    day: date
    session_name: str | None  # None: the whole day
    reason: str
    created_by: str
    created_at: datetime
    affected: int  # active appointments in the closed day or session


@dataclass(frozen=True)
class CallListEntry:
    """One appointment to phone about (R10.2); HKID masked, as the list goes on paper (R9.3)."""

    clinic_code: str
    clinic_name_en: str
    clinic_name_zh: str
    day: date
    session: str
    start_time: time
    booking_ref: str
    name_en: str
    name_zh: str
    hkid_masked: str
    contact_phone: str
    channel: str
    closure_reason: str


@dataclass(frozen=True)
class ClosureResult:
    closure: ClosureRow
    affected: list[CallListEntry]


@dataclass(frozen=True)
class DayUtilisation:
    """One clinic-day of the utilisation calendar: capacity against bookings per channel."""

    day: date
    live: bool
    operating: bool
    capacity: int  # seats of the open sessions
    online_seats: int
    telephone_seats: int
    booked: dict[str, int] = field(default_factory=dict)  # channel -> active appointments
    closed_sessions: tuple[str, ...] = ()  # "" for a whole-day closure
    holiday: bool = False
    affected: int = 0  # active appointments left in closed sessions (the call list, R10.2)

    @property
    def booked_total(self) -> int:
        return sum(self.booked.values())


def _booked_per_slot(
    session: Session, clinic_code: str, start: date, until: date | None
) -> sa.Result[tuple[date, time, str, int, str]]:
    """Booked appointments per (day, slot, seat pool) from ``start`` to ``until`` (exclusive),
    with one booking reference of each, in time order."""
    pool = sa.case((Appointment.channel == "online", "online"), else_="telephone")
    query = (
        sa.select(
            Appointment.day,
            Appointment.start_time,
            pool,
            sa.func.count(),
            sa.func.min(Appointment.booking_ref),
        )
        .where(
            Appointment.clinic_code == clinic_code,
            Appointment.day >= start,
            Appointment.status == "BOOKED",
        )
        .group_by(Appointment.day, Appointment.start_time, pool)
        .order_by(Appointment.day, Appointment.start_time)
    )
    if until is not None:
        query = query.where(Appointment.day < until)
    return session.execute(query)


def refuse_overfull_go_live(
    session: Session, clinic_code: str, before: date | None, after: date | None, today: date
) -> None:
    """R7.2, R10.3: refuse moving a go-live date when a slot would then hold more bookings than
    the seats of its pool (F8: from go-live ``online`` seats are online, the rest telephone).

    Going live earlier turns telephone seats into online ones on days that already have
    telephone bookings; going live later (or never) takes the online seats away from online
    bookings. Either could let a slot take more bookings than its capacity. Only the days whose
    live status changes, from ``today`` on, are checked; the caller's transaction holds the new
    date, so the refusal rolls it back.
    """
    if before == after:
        return
    changed = [d for d in (before, after) if d is not None]
    start = max(min(changed), today)
    until = max(changed) if len(changed) == 2 else None
    templates = template_specs(session, clinic_code)
    schedule = ClinicSchedule(clinic_code, after, templates, {}, WorkingCalendar())
    overfull: list[str] = []
    for day, start_time, pool_name, count, _ in _booked_per_slot(
        session, clinic_code, start, until
    ):
        template = schedule.template_on(day)
        spec = next(
            (
                s
                for s in (template.sessions_on(day) if template else [])
                if start_time in s.slot_starts()
            ),
            None,
        )
        if spec is None:
            continue  # not a slot of the template: not a question of seats
        seats = pool_capacities(spec.capacity, spec.online, is_live(after, day))[
            SeatPool(pool_name)
        ]
        if count > seats:
            overfull.append(
                f"{day.isoformat()} {start_time:%H:%M} {pool_name}: {count} booked, {seats} seats"
            )
    if overfull:
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "errors",
                "with that go-live date {count} slot(s) of {clinic} would hold more bookings "
                "than seats (R10.3): {slots}; cancel or move some first, or choose another date",
            ),
            count=len(overfull),
            clinic=clinic_code,
            slots=", ".join(overfull[:5]) + (" …" if len(overfull) > 5 else ""),
        )


def _closure_row(closure: Closure, affected: int) -> ClosureRow:
    return ClosureRow(
        closure.id,
        closure.clinic_code,
        closure.day,
        closure.session_name,
        closure.reason,
        closure.created_by,
        closure.created_at,
        affected,
    )


def _affected_query(
    clinic_code: str, day: date, session_name: str | None
) -> sa.Select[tuple[Appointment]]:
    query = sa.select(Appointment).where(
        Appointment.clinic_code == clinic_code,
        Appointment.day == day,
        Appointment.status == "BOOKED",
    )
    if session_name is not None:
        query = query.where(Appointment.session_name == session_name)
    return query.order_by(Appointment.start_time, Appointment.booking_ref)


class CapacityService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # --- templates (R10.1, F8) -----------------------------------------------------------------

    def templates(self, clinic_code: str) -> list[TemplateRow]:
        with self.db.read() as session:
            clinic = clinic_or_refuse(session, clinic_code)
            return [
                TemplateRow(
                    t.id, t.clinic_code, t.valid_from, w, t.source_text, t.created_by, t.created_at
                )
                for t, w in load_templates(session, clinic.code)
            ]

    def template_on(self, clinic_code: str, day: date) -> TemplateRow | None:
        """R10.1: the template in force on ``day``."""
        found = [t for t in self.templates(clinic_code) if t.valid_from <= day]
        return found[-1] if found else None

    def load_template(
        self,
        actor: Actor,
        clinic_code: str,
        valid_from: date,
        template: WeeklyTemplate,
        source_text: str | None = None,
    ) -> TemplateRow:
        """Load a weekly template valid from ``valid_from`` (R10.1); replaces one of that date.

        Days before ``valid_from`` keep their template. Refused when the template is invalid
        (F8) or when it would drop a slot that still holds active appointments: those people
        would otherwise hold appointments at a time the clinic no longer runs.
        """
        actor.require(Permission.MANAGE_CAPACITY)
        problems = template_problems(template.sessions)
        if problems:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "the template is refused: {reasons}"),
                reasons="; ".join(
                    (f"{template.sessions[i].name or i + 1}: " if i is not None else "") + reason
                    for i, reason in problems
                ),
            )
        text = source_text if source_text is not None else template.to_toml()
        with self.db.write() as session:
            clinic = clinic_or_refuse(session, clinic_code)
            existing = load_templates(session, clinic.code)
            later = [t.valid_from for t, _ in existing if t.valid_from > valid_from]
            until = min(later) if later else None
            self._refuse_orphans(session, clinic, valid_from, until, template)
            replaced = next((t for t, _ in existing if t.valid_from == valid_from), None)
            before = None
            if replaced is not None:
                before = {"valid_from": replaced.valid_from, "template": replaced.source_text}
                session.delete(replaced)
                session.flush()
            row = SessionTemplate(
                clinic_code=clinic.code,
                valid_from=valid_from,
                source_text=text,
                created_by=actor.username,
                created_at=self.clock.now(),
            )
            session.add(row)
            session.flush()
            for s in template.sessions:
                session.add(
                    TemplateSession(
                        template_id=row.id,
                        name=s.name,
                        days=",".join(DAY_NAMES[d] for d in s.days),
                        start=s.start,
                        end=s.end,
                        slot_minutes=s.slot_minutes,
                        capacity=s.capacity,
                        online_seats=s.online,
                    )
                )
            session.flush()
            append_audit(
                session,
                self.clock,
                actor,
                "capacity.template",
                "clinic",
                clinic.code,
                before=before,
                after={"valid_from": valid_from, "template": text},
            )
            return TemplateRow(
                row.id, clinic.code, valid_from, template, text, row.created_by, row.created_at
            )

    def _refuse_orphans(
        self,
        session: Session,
        clinic: Clinic,
        start: date,
        until: date | None,
        template: WeeklyTemplate,
    ) -> None:
        """Refuse a template that drops the slot of a booked appointment, or leaves a slot with
        more active bookings than its new seats (R10.3: a slot never holds more than capacity)."""
        orphans: list[str] = []
        orphan_count = 0
        overfull: list[str] = []
        for day, start_time, pool_name, count, ref in _booked_per_slot(
            session, clinic.code, start, until
        ):
            sessions = {t: s for s in template.sessions_on(day) for t in s.slot_starts()}
            spec = sessions.get(start_time)
            if spec is None:
                orphan_count += count
                orphans.append(f"{ref} ({day.isoformat()} {start_time:%H:%M})")
                continue
            seats = pool_capacities(spec.capacity, spec.online, is_live(clinic.go_live_date, day))
            if count > seats[SeatPool(pool_name)]:
                overfull.append(
                    f"{day.isoformat()} {start_time:%H:%M} {pool_name}: {count} booked, "
                    f"{seats[SeatPool(pool_name)]} seats"
                )
        if orphans:
            shown = ", ".join(orphans[:5]) + (" …" if len(orphans) > 5 else "")
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "the template would drop {count} booked appointment(s) whose time it no "
                    "longer has: {refs}; cancel or move them first, or start the template later",
                ),
                count=orphan_count,
                refs=shown,
            )
        if overfull:
            shown = ", ".join(overfull[:5]) + (" …" if len(overfull) > 5 else "")
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "the template would leave {count} slot(s) with more bookings than seats "
                    "(R10.3): {slots}; cancel or move some first, or start the template later",
                ),
                count=len(overfull),
                slots=shown,
            )

    # --- closures (R10.2) ----------------------------------------------------------------------

    def close(
        self,
        actor: Actor,
        clinic_code: str,
        day: date,
        session_name: str | None,
        reason: str,
    ) -> ClosureResult:
        """Close a day or one session (R10.2): no new bookings; the booked ones are listed."""
        actor.require(Permission.MANAGE_CAPACITY)
        reason = reason.strip()
        if not reason:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "a closure needs a reason (typhoon, rainstorm, …)")
            )
        session_name = session_name.strip() if session_name else None
        with self.db.write() as session:
            clinic = clinic_or_refuse(session, clinic_code)
            schedule = load_schedule(session, clinic, day, day)
            sessions = schedule.sessions_on(day)
            if not sessions:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP(
                        "errors", "{clinic} has no session on {day}: there is nothing to close"
                    ),
                    clinic=clinic.code,
                    day=day.isoformat(),
                )
            names = [s.name for s in sessions]
            if session_name is not None and session_name not in names:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP(
                        "errors", "{clinic} has no session {session} on {day} (it has: {known})"
                    ),
                    clinic=clinic.code,
                    session=session_name,
                    day=day.isoformat(),
                    known=", ".join(names),
                )
            if (
                schedule.is_closed(day, session_name)
                if session_name
                else not schedule.open_sessions(day)
            ):
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("errors", "{clinic} is already closed then on {day}"),
                    clinic=clinic.code,
                    day=day.isoformat(),
                )
            closure = Closure(
                clinic_code=clinic.code,
                day=day,
                session_name=session_name,
                reason=reason,
                created_by=actor.username,
                created_at=self.clock.now(),
            )
            session.add(closure)
            session.flush()
            affected = self._entries(session, clinic, closure)
            append_audit(
                session,
                self.clock,
                actor,
                "capacity.close",
                "clinic",
                clinic.code,
                after={
                    "closure_id": closure.id,
                    "day": day,
                    "session": session_name or "ALL",
                    "reason": reason,
                    "affected": len(affected),
                },
            )
            return ClosureResult(_closure_row(closure, len(affected)), affected)

    def reopen(self, actor: Actor, closure_id: int) -> None:
        """Withdraw a closure (the signal was lowered in time); audited."""
        actor.require(Permission.MANAGE_CAPACITY)
        with self.db.write() as session:
            closure = session.get(Closure, closure_id)
            if closure is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP("errors", "there is no closure {id}"), id=closure_id
                )
            before = {
                "closure_id": closure.id,
                "day": closure.day,
                "session": closure.session_name or "ALL",
                "reason": closure.reason,
            }
            session.delete(closure)
            append_audit(
                session,
                self.clock,
                actor,
                "capacity.reopen",
                "clinic",
                closure.clinic_code,
                before=before,
            )

    def closures(
        self, clinic_code: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[ClosureRow]:
        with self.db.read() as session:
            query = sa.select(Closure)
            if clinic_code:
                query = query.where(
                    Closure.clinic_code == clinic_or_refuse(session, clinic_code).code
                )
            if start:
                query = query.where(Closure.day >= start)
            if end:
                query = query.where(Closure.day <= end)
            rows = []
            for closure in session.execute(query.order_by(Closure.day, Closure.id)).scalars():
                count = session.execute(
                    sa.select(sa.func.count()).select_from(
                        _affected_query(
                            closure.clinic_code, closure.day, closure.session_name
                        ).subquery()
                    )
                ).scalar_one()
                rows.append(_closure_row(closure, count))
            return rows

    def call_list(self, actor: Actor, closure_id: int) -> list[CallListEntry]:
        """R10.2: the booked appointments of a closed day or session, with contact numbers."""
        self._require_call_list(actor)
        with self.db.read() as session:
            closure = session.get(Closure, closure_id)
            if closure is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP("errors", "there is no closure {id}"), id=closure_id
                )
            require_own_clinic(actor, closure.clinic_code)
            clinic = clinic_or_refuse(session, closure.clinic_code)
            return self._entries(session, clinic, closure)

    def export_call_list(self, actor: Actor, closure_id: int, path: Path, kind: str = "pdf") -> int:
        """Write the call list as ``pdf`` or ``csv``; audited as an export (R13.3)."""
        from fc_admin.exchange.call_list import (
            CallListRow,
            write_call_list_csv,
            write_call_list_pdf,
        )

        entries = self.call_list(actor, closure_id)
        with self.db.read() as session:
            closure = session.get(Closure, closure_id)
            assert closure is not None
            clinic = clinic_or_refuse(session, closure.clinic_code)
        rows = [CallListRow(**entry.__dict__) for entry in entries]
        if kind == "csv":
            write_call_list_csv(rows, path)
        elif kind == "pdf":
            write_call_list_pdf(
                rows,
                path,
                title_clinic_en=clinic.name_en,
                title_clinic_zh=clinic.name_zh,
                day=closure.day,
                printed_by=actor.display_name or actor.username,
                printed_at=self.clock.now(),
                closure_reason=closure.reason,
            )
        else:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "unknown call list format {kind} (pdf or csv)"),
                kind=kind,
            )
        with self.db.write() as session:
            append_audit(
                session,
                self.clock,
                actor,
                "call_list.export",
                "closure",
                closure_id,
                after={"format": kind, "file": path.name, "rows": len(rows)},
            )
        return len(rows)

    @staticmethod
    def _require_call_list(actor: Actor) -> None:
        if not (actor.may(Permission.MANAGE_CAPACITY) or actor.may(Permission.BOOK_APPOINTMENTS)):
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("errors", "{user} ({role}) is not allowed to {permission}"),
                user=actor.username,
                role=str(actor.role),
                permission="see call lists",
            )

    def _entries(self, session: Session, clinic: Clinic, closure: Closure) -> list[CallListEntry]:
        appointments = session.execute(
            _affected_query(clinic.code, closure.day, closure.session_name)
        ).scalars()
        return [
            CallListEntry(
                clinic.code,
                clinic.name_en,
                clinic.name_zh,
                a.day,
                a.session_name,
                a.start_time,
                a.booking_ref,
                a.name_en,
                a.name_zh,
                mask_hkid(a.hkid),  # R9.3
                a.contact_phone or "",
                a.channel,
                closure.reason,
            )
            for a in appointments
        ]

    # --- utilisation ----------------------------------------------------------------------------

    def utilisation(self, clinic_code: str, start: date, end: date) -> list[DayUtilisation]:
        """Per day: capacity of the open sessions against active bookings per channel."""
        if end < start or (end - start).days > MAX_UTILISATION_DAYS:
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors", "choose a period of 1 to {days} days, not {start} to {end}"
                ),
                days=MAX_UTILISATION_DAYS,
                start=start.isoformat(),
                end=end.isoformat(),
            )
        with self.db.read() as session:
            clinic = clinic_or_refuse(session, clinic_code)
            schedule = load_schedule(session, clinic, start, end, working_calendar(session))
            counts: dict[date, dict[str, int]] = defaultdict(dict)
            affected: dict[date, int] = defaultdict(int)
            for day, channel, session_name, n in session.execute(
                sa.select(
                    Appointment.day,
                    Appointment.channel,
                    Appointment.session_name,
                    sa.func.count(),
                )
                .where(
                    Appointment.clinic_code == clinic.code,
                    Appointment.day >= start,
                    Appointment.day <= end,
                    Appointment.status != "CANCELLED",
                )
                .group_by(Appointment.day, Appointment.channel, Appointment.session_name)
            ):
                if schedule.is_closed(day, session_name):
                    # R10.2: bookings left in a closed session are people to call, not seats
                    # used of the capacity that remains open.
                    affected[day] += n
                else:
                    counts[day][channel] = counts[day].get(channel, 0) + n
        result = []
        day = start
        while day <= end:
            live = is_live(clinic.go_live_date, day)
            capacity = online = 0
            for s in schedule.open_sessions(day):
                slots = len(s.slot_starts())
                capacity += s.capacity * slots
                online += (s.online if live else 0) * slots
            closed = schedule.closures.get(day, frozenset())
            result.append(
                DayUtilisation(
                    day,
                    live,
                    schedule.is_operating_day(day),
                    capacity,
                    online,
                    capacity - online,
                    counts.get(day, {}),
                    tuple(sorted(name or "" for name in closed)),
                    not schedule.calendar.is_working_day(day) and day.weekday() < 5,
                    affected.get(day, 0),
                )
            )
            day += timedelta(days=1)
        return result

    def today(self) -> date:
        return hk_date(self.clock.now())
