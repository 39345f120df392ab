"""Shared helpers of the booking tests (R7, R8, R10): moments, rostered callers, actors."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Role
from fc_admin.models import Appointment, AuditRecord, SlotSeats
from fc_admin.services.actor import Actor
from tests.services.factories import Person, add_roster, add_source, hkid

# Clinic staff of CW and of HK (R13.2: clinic staff book for their own clinic only).
CW_STAFF = Actor("clinic.cw", Role.CLINIC, "CW", "CW clerk")
HK_STAFF = Actor("clinic.hk", Role.CLINIC, "HK", "HK clerk")
FL_STAFF = Actor("clinic.fl", Role.CLINIC, "FL", "FL clerk")
OPERATOR = Actor("cli:ops", None, None, "operator")  # may do anything, like the OS account


def hk(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    """A Hong Kong moment."""
    return datetime(y, m, d, hh, mm, tzinfo=HONG_KONG)


def hm(text: str) -> time:
    hh, mm = text.split(":")
    return time(int(hh), int(mm))


def officer(number: int, prefix: str = "K", **changes: Any) -> Person:
    """An active serving officer (eligible under R1.1) with a valid HKID."""
    person = Person(
        hkid(prefix, number),
        f"CHAN, Officer {number}",
        date(1980, 1, 1),
        name_zh="陳公務員",
        staff_no=f"S{number:06d}",
    )
    return person.but(**changes) if changes else person


def roster_people(db: Database, people: list[Person], source: str = "HKPF") -> None:
    """Put ``people`` on the current roster of ``source`` (created if needed)."""
    with db.read() as s:
        exists = s.execute(
            sa.text("SELECT count(*) FROM roster_source WHERE code = :c"), {"c": source}
        ).scalar_one()
    if not exists:
        add_source(db, source)
    add_roster(db, source, people)


def rostered(db: Database, count: int, prefix: str = "K", start: int = 100) -> list[str]:
    """``count`` eligible officers on a roster; their canonical HKIDs."""
    people = [officer(start + n, prefix) for n in range(count)]
    roster_people(db, people)
    return [p.hkid for p in people]


def seats(db: Database) -> dict[tuple[str, date, time, str], tuple[int, int]]:
    """Every slot_seats row: (clinic, day, start, pool) -> (taken, capacity)."""
    with db.read() as s:
        return {
            (r.clinic_code, r.day, r.start_time, r.pool): (r.taken, r.capacity)
            for r in s.execute(sa.select(SlotSeats)).scalars()
        }


def active_counts(db: Database) -> dict[tuple[str, date, time, str], int]:
    """Active (not cancelled) appointments per (clinic, day, start, pool)."""
    pool = sa.case((Appointment.channel == "online", "online"), else_="telephone")
    with db.read() as s:
        rows = s.execute(
            sa.select(
                Appointment.clinic_code,
                Appointment.day,
                Appointment.start_time,
                pool,
                sa.func.count(),
            )
            .where(Appointment.status != "CANCELLED")
            .group_by(Appointment.clinic_code, Appointment.day, Appointment.start_time, pool)
        ).all()
    return {(r[0], r[1], r[2], r[3]): r[4] for r in rows}


def audit_records(db: Database, action: str | None = None) -> list[AuditRecord]:
    with db.read() as s:
        query = sa.select(AuditRecord).order_by(AuditRecord.id)
        if action is not None:
            query = query.where(AuditRecord.action == action)
        return list(s.execute(query).scalars())


def appointment_count(db: Database, status: str | None = None) -> int:
    with db.read() as s:
        query = sa.select(sa.func.count()).select_from(Appointment)
        if status is not None:
            query = query.where(Appointment.status == status)
        return int(s.execute(query).scalar_one())
