"""Roster sources, imports and the persons they list (R1, R3.1, formats.md F1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fc_admin.models.base import Base, UTCDateTime


class RosterSource(Base):
    """A department or bureau (``LCSD``, ``HKPF``…) or the Pensions Division (``PEN``)."""

    __tablename__ = "roster_source"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(160))
    name_zh: Mapped[str] = mapped_column(String(80), default="")
    is_pensions: Mapped[bool] = mapped_column(Boolean, default=False)


class RosterImport(Base):
    """One whole roster of one source as of a date; the newest current one is in force (R3.1)."""

    __tablename__ = "roster_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_code: Mapped[str] = mapped_column(String(12), ForeignKey("roster_source.code"))
    file_name: Mapped[str] = mapped_column(String(260))
    as_of_date: Mapped[date] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    imported_by: Mapped[str] = mapped_column(String(80))
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    counts_json: Mapped[str] = mapped_column(Text, default="{}")  # rows per category
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (Index("ix_roster_import_source_current", "source_code", "is_current"),)


class RosterPerson(Base):
    __tablename__ = "roster_person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("roster_import.id", ondelete="CASCADE")
    )
    source_code: Mapped[str] = mapped_column(String(12))
    staff_no: Mapped[str | None] = mapped_column(String(20), nullable=True)
    hkid: Mapped[str] = mapped_column(String(12))  # canonical (R9.2); not a key (R9.3)
    name_en: Mapped[str] = mapped_column(String(160))
    name_zh: Mapped[str] = mapped_column(String(60), default="")
    date_of_birth: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(12))
    relationship: Mapped[str] = mapped_column(String(8))
    principal_hkid: Mapped[str] = mapped_column(String(12))
    child_status: Mapped[str | None] = mapped_column(String(8), nullable=True)
    status: Mapped[str] = mapped_column(String(8))
    status_date: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        UniqueConstraint("import_id", "hkid", name="uq_roster_person_import_hkid"),
        Index("ix_roster_person_hkid", "hkid"),
        Index("ix_roster_person_import_principal", "import_id", "principal_hkid"),
    )
