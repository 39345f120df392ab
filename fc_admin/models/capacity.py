"""Weekly session templates (R10.1, formats.md F8) and closures (R10.2)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fc_admin.models.base import Base, UTCDateTime


class SessionTemplate(Base):
    __tablename__ = "session_template"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinic_code: Mapped[str] = mapped_column(String(8), ForeignKey("clinic.code"))
    valid_from: Mapped[date] = mapped_column(Date)
    source_text: Mapped[str] = mapped_column(Text, default="")  # the TOML as loaded
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("clinic_code", "valid_from", name="uq_session_template_clinic_from"),
    )


class TemplateSession(Base):
    __tablename__ = "template_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("session_template.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(20))
    days: Mapped[str] = mapped_column(String(40))  # "Mon,Tue,Wed,Thu,Fri"
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)
    slot_minutes: Mapped[int] = mapped_column(Integer)
    capacity: Mapped[int] = mapped_column(Integer)
    online_seats: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("template_id", "name", name="uq_template_session_name"),)


class Closure(Base):
    __tablename__ = "closure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinic_code: Mapped[str] = mapped_column(String(8), ForeignKey("clinic.code"))
    day: Mapped[date] = mapped_column(Date)
    session_name: Mapped[str | None] = mapped_column(String(20), nullable=True)  # None = all day
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_closure_clinic_day", "clinic_code", "day"),)
