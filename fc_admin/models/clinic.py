"""Clinics (R6), their rollout (R7) and the calendar's added non-working days (R4.1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fc_admin.models.base import Base, UTCDateTime


class Clinic(Base):
    __tablename__ = "clinic"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_zh: Mapped[str] = mapped_column(String(60))
    enquiry_phone: Mapped[str] = mapped_column(String(40))
    appointment_phones: Mapped[str] = mapped_column(String(80))  # comma-separated, as printed
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    go_live_date: Mapped[date | None] = mapped_column(Date, nullable=True)  # R7.1
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class NonWorkingDay(Base):
    """A day an administrator declared non-working (gazetted change), on top of R4.1's holidays."""

    __tablename__ = "non_working_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_zh: Mapped[str] = mapped_column(String(60), default="")
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
