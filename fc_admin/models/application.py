"""Account applications, their members, remarks and quarantined e-forms (R2, R3)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fc_admin.models.base import Base, UTCDateTime


class Application(Base):
    __tablename__ = "application"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[str] = mapped_column(String(40), unique=True)  # R2.4
    channel: Mapped[str] = mapped_column(String(12))  # iam_smart | in_person (R2.2)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_date: Mapped[date] = mapped_column(Date)  # Hong Kong date, start of R4.2
    notification_deadline: Mapped[date] = mapped_column(Date)  # R4.2, fixed at receipt
    applicant_hkid: Mapped[str] = mapped_column(String(12))
    applicant_email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    applicant_mobile: Mapped[str | None] = mapped_column(String(20), nullable=True)
    clinic_code: Mapped[str | None] = mapped_column(
        String(8), ForeignKey("clinic.code"), nullable=True
    )  # in-person: where it was keyed in
    keyed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    signature_key_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="OPEN")  # OPEN | DONE
    assigned_to: Mapped[str | None] = mapped_column(String(80), nullable=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_application_status_deadline", "status", "notification_deadline"),
        Index("ix_application_assigned_to", "assigned_to"),
        # The queue's default order: a filtered page stops after one page of matches.
        Index("ix_application_deadline_id", "notification_deadline", "id"),
        # Monthly statistics and reports: forms received in a month (R12.2).
        Index("ix_application_received_date", "received_date"),
    )


class ApplicationMember(Base):
    __tablename__ = "application_member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("application.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    hkid: Mapped[str] = mapped_column(String(12))
    name_en: Mapped[str] = mapped_column(String(160))
    name_zh: Mapped[str] = mapped_column(String(60), default="")
    date_of_birth: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(12))
    relationship: Mapped[str] = mapped_column(String(8))
    principal_hkid: Mapped[str] = mapped_column(String(12))
    department: Mapped[str] = mapped_column(String(12))
    staff_no: Mapped[str | None] = mapped_column(String(20), nullable=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    child_status: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # R3.2: outcome of the automatic check, with reason codes (JSON list) and name similarity.
    outcome: Mapped[str | None] = mapped_column(String(12), nullable=True)
    outcome_reasons: Mapped[str] = mapped_column(Text, default="[]")
    name_similarity: Mapped[float | None] = mapped_column(Float, nullable=True)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # R3.4: the officer's decision.
    decision: Mapped[str | None] = mapped_column(String(8), nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    decision_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("application_id", "position", name="uq_application_member_position"),
        Index("ix_application_member_hkid", "hkid"),
        # Queue filters as semi-joins (application.id IN (SELECT application_id …)).
        Index("ix_application_member_outcome_app", "outcome", "application_id"),
        Index("ix_application_member_department_app", "department", "application_id"),
        # "approved and waiting for activation details" (dashboard, Activations page).
        Index("ix_application_member_decision", "decision"),
        # Monthly statistics and reports: members decided / verified in a month (R12.2).
        Index("ix_application_member_decided_at", "decided_at"),
        Index("ix_application_member_verified_at", "verified_at"),
    )


class ApplicationRemark(Base):
    """The thread of remarks on a form (who wrote what, when)."""

    __tablename__ = "application_remark"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    text: Mapped[str] = mapped_column(Text)


class QuarantinedEform(Base):
    """An e-form refused on import (R2.3): kept with its reason, never entered in the queue."""

    __tablename__ = "quarantined_eform"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(260))
    form_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
