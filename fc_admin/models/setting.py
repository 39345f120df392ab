"""Values an administrator configures for everybody (the "configurable" of domain.md)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fc_admin.models.base import Base


class SharedSetting(Base):
    __tablename__ = "shared_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
