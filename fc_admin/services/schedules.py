"""Loading a clinic's schedule (templates, closures, calendar, go-live) from the database.

Shared by the capacity, availability and appointment services so that every one of them judges
operating days and slots the same way (R8, R10).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session

from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.roles import Role
from fc_admin.domain.schedule import ClinicSchedule
from fc_admin.domain.session_templates import DAY_NAMES, SessionSpec, WeeklyTemplate
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import Clinic, Closure, NonWorkingDay, SessionTemplate, TemplateSession
from fc_admin.services.actor import Actor
from fc_admin.services.clinics import unknown_clinic
from fc_admin.services.errors import PermissionDenied

# The booking path reads these on every booking: plain Core statements built once (their cache
# keys are memoised), no ORM objects, so that a booking costs few round trips and little Python.
_NON_WORKING: sa.Table = NonWorkingDay.__table__  # type: ignore[assignment]
_CLINIC: sa.Table = Clinic.__table__  # type: ignore[assignment]
_TEMPLATE: sa.Table = SessionTemplate.__table__  # type: ignore[assignment]
_TEMPLATE_SESSION: sa.Table = TemplateSession.__table__  # type: ignore[assignment]
_CLOSURE: sa.Table = Closure.__table__  # type: ignore[assignment]

_NON_WORKING_DAYS = sa.select(_NON_WORKING.c.day, _NON_WORKING.c.name_en, _NON_WORKING.c.name_zh)
_CLINIC_KEY = sa.select(_CLINIC.c.code, _CLINIC.c.go_live_date).where(
    _CLINIC.c.code == sa.bindparam("code")
)
_TEMPLATE_SPECS = (
    sa.select(
        _TEMPLATE.c.id,
        _TEMPLATE.c.valid_from,
        _TEMPLATE_SESSION.c.name,
        _TEMPLATE_SESSION.c.days,
        _TEMPLATE_SESSION.c.start,
        _TEMPLATE_SESSION.c.end,
        _TEMPLATE_SESSION.c.slot_minutes,
        _TEMPLATE_SESSION.c.capacity,
        _TEMPLATE_SESSION.c.online_seats,
    )
    .select_from(
        _TEMPLATE.outerjoin(_TEMPLATE_SESSION, _TEMPLATE_SESSION.c.template_id == _TEMPLATE.c.id)
    )
    .where(_TEMPLATE.c.clinic_code == sa.bindparam("clinic"))
    .order_by(_TEMPLATE.c.valid_from, _TEMPLATE_SESSION.c.id)
)
_CLOSURES = sa.select(_CLOSURE.c.day, _CLOSURE.c.session_name).where(
    _CLOSURE.c.clinic_code == sa.bindparam("clinic"),
    _CLOSURE.c.day >= sa.bindparam("start"),
    _CLOSURE.c.day <= sa.bindparam("end"),
)


class ClinicFacts(Protocol):
    """What a schedule needs of a clinic: a :class:`Clinic` row or a :class:`ClinicKey`."""

    @property
    def code(self) -> str: ...

    @property
    def go_live_date(self) -> date | None: ...


@dataclass(frozen=True)
class ClinicKey:
    code: str
    go_live_date: date | None


def working_calendar(session: Session) -> WorkingCalendar:
    rows = session.execute(_NON_WORKING_DAYS).all()
    return WorkingCalendar({r.day: (r.name_en, r.name_zh) for r in rows})


def clinic_key(session: Session, code: str) -> ClinicKey:
    """The clinic's code and go-live date (R7.1) in one light query; NotFound naming the known
    codes when there is no such clinic."""
    row = session.execute(_CLINIC_KEY, {"code": code.strip().upper()}).first()
    if row is None:
        clinic_or_refuse(session, code)  # raises, naming the known codes
    assert row is not None
    return ClinicKey(row.code, row.go_live_date)


def clinic_or_refuse(session: Session, code: str) -> Clinic:
    clinic = session.get(Clinic, code.strip().upper())
    if clinic is None:
        known = list(session.execute(sa.select(Clinic.code).order_by(Clinic.sort_order)).scalars())
        raise unknown_clinic(code, known)
    return clinic


def require_own_clinic(actor: Actor, clinic_code: str) -> None:
    """R13.2: clinic staff work on the booking console and daily lists of their own clinic."""
    if actor.role is Role.CLINIC and actor.clinic_code and actor.clinic_code != clinic_code:
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("errors", "{user} works for clinic {own}, not {clinic}"),
            user=actor.username,
            own=actor.clinic_code,
            clinic=clinic_code,
        )


def session_spec(row: TemplateSession) -> SessionSpec:
    days = tuple(DAY_NAMES.index(d) for d in row.days.split(",") if d)
    return SessionSpec(
        row.name, days, row.start, row.end, row.slot_minutes, row.capacity, row.online_seats
    )


def load_templates(
    session: Session, clinic_code: str
) -> list[tuple[SessionTemplate, WeeklyTemplate]]:
    templates = list(
        session.execute(
            sa.select(SessionTemplate)
            .where(SessionTemplate.clinic_code == clinic_code)
            .order_by(SessionTemplate.valid_from)
        ).scalars()
    )
    if not templates:
        return []
    sessions: dict[int, list[SessionSpec]] = defaultdict(list)
    rows = session.execute(
        sa.select(TemplateSession)
        .where(TemplateSession.template_id.in_([t.id for t in templates]))
        .order_by(TemplateSession.id)
    ).scalars()
    for row in rows:
        sessions[row.template_id].append(session_spec(row))
    return [(t, WeeklyTemplate(tuple(sessions[t.id]))) for t in templates]


def template_specs(session: Session, clinic_code: str) -> list[tuple[date, WeeklyTemplate]]:
    """The clinic's templates as (valid_from, template), oldest first, in one query (R10.1)."""
    specs: dict[int, tuple[date, list[SessionSpec]]] = {}
    for row in session.execute(_TEMPLATE_SPECS, {"clinic": clinic_code}):
        _, sessions = specs.setdefault(row.id, (row.valid_from, []))
        if row.name is not None:
            days = tuple(DAY_NAMES.index(d) for d in row.days.split(",") if d)
            sessions.append(
                SessionSpec(
                    row.name,
                    days,
                    row.start,
                    row.end,
                    row.slot_minutes,
                    row.capacity,
                    row.online_seats,
                )
            )
    return [
        (valid_from, WeeklyTemplate(tuple(sessions))) for valid_from, sessions in specs.values()
    ]


def load_closures(
    session: Session, clinic_code: str, start: date, end: date
) -> dict[date, frozenset[str | None]]:
    """Closed sessions per day in ``[start, end]`` (``None`` = the whole day, R10.2)."""
    closed: dict[date, set[str | None]] = defaultdict(set)
    rows = session.execute(_CLOSURES, {"clinic": clinic_code, "start": start, "end": end}).all()
    for row in rows:
        closed[row.day].add(row.session_name)
    return {d: frozenset(names) for d, names in closed.items()}


def load_schedule(
    session: Session,
    clinic: ClinicFacts,
    start: date,
    end: date,
    calendar: WorkingCalendar | None = None,
) -> ClinicSchedule:
    """The schedule of ``clinic`` with the closures between ``start`` and ``end`` (inclusive).

    Dates outside that range are judged without closures, so callers ask for the range they use.
    """
    return ClinicSchedule(
        clinic.code,
        clinic.go_live_date,
        template_specs(session, clinic.code),
        load_closures(session, clinic.code, start, end),
        calendar or working_calendar(session),
    )


def slot_key(day: date, start: time) -> tuple[date, time]:
    return (day, start)
