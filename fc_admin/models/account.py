"""Booking-system accounts and their activation details (R5)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fc_admin.models.base import Base, UTCDateTime


class Account(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[str] = mapped_column(String(20), unique=True)  # not derived from HKID
    member_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("application_member.id"), unique=True
    )
    hkid: Mapped[str] = mapped_column(String(12))
    code_hash: Mapped[str] = mapped_column(String(200))  # R5.2: only the hash is stored
    status: Mapped[str] = mapped_column(String(10))  # ISSUED | ACTIVE | EXPIRED | SUSPENDED
    issued_on: Mapped[date] = mapped_column(Date)
    activation_deadline: Mapped[date] = mapped_column(Date)  # R5.3
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    # R5.2: after 5 wrong codes the account locks; a re-issue (new code) unlocks it.
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # 1 for the first code, +1 for each new one (a re-send after a failure, a re-issue). Part of
    # the email's Message-ID, and the condition of "sent" updates: a late result for an older
    # code can never mark a newer one as sent.
    code_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    delivery: Mapped[str] = mapped_column(String(8))  # email | letter
    email_to: Mapped[str | None] = mapped_column(String(254), nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    send_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    send_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    suspended_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    suspended_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_account_status_deadline", "status", "activation_deadline"),
        Index("ix_account_hkid", "hkid"),
        # Monthly statistics and reports: details issued / accounts activated in a month (R12.2).
        Index("ix_account_issued_on", "issued_on"),
        Index("ix_account_activated_at", "activated_at"),
    )
