"""Appointments and per-slot seat counters (R10.3, R10.4)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from fc_admin.models.base import Base, UTCDateTime


class Appointment(Base):
    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_ref: Mapped[str] = mapped_column(String(20), unique=True)
    request_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    clinic_code: Mapped[str] = mapped_column(String(8), ForeignKey("clinic.code"))
    day: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    session_name: Mapped[str] = mapped_column(String(20))
    hkid: Mapped[str] = mapped_column(String(12))
    name_en: Mapped[str] = mapped_column(String(160))
    name_zh: Mapped[str] = mapped_column(String(60), default="")
    category: Mapped[str] = mapped_column(String(12))
    channel: Mapped[str] = mapped_column(String(8))  # online | manual | atbs
    status: Mapped[str] = mapped_column(String(10))  # BOOKED | ATTENDED | NO_SHOW | CANCELLED
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    booked_by: Mapped[str] = mapped_column(String(80))
    contact_phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    status_changed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cancel_reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        CheckConstraint(
            "status IN ('BOOKED', 'ATTENDED', 'NO_SHOW', 'CANCELLED')", name="status_known"
        ),
        # R10.3: at most one active appointment per person per day, enforced by the database.
        Index(
            "uq_appointment_active_person_day",
            "hkid",
            "day",
            unique=True,
            sqlite_where=text("status <> 'CANCELLED'"),
            postgresql_where=text("status <> 'CANCELLED'"),
        ),
        Index("ix_appointment_clinic_day", "clinic_code", "day", "start_time"),
    )


class SlotSeats(Base):
    """Seats taken in one slot and seat pool; the conditional update of ``taken`` against
    ``capacity`` in the booking transaction is what keeps R10.3 across processes."""

    __tablename__ = "slot_seats"

    clinic_code: Mapped[str] = mapped_column(String(8), ForeignKey("clinic.code"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    start_time: Mapped[time] = mapped_column(Time, primary_key=True)
    pool: Mapped[str] = mapped_column(String(10), primary_key=True)  # online | telephone
    capacity: Mapped[int] = mapped_column(Integer)
    taken: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("taken >= 0 AND taken <= capacity", name="within_capacity"),)
