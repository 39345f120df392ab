"""Dates and moments as shown on screen, in the user's language (QLocale default)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale

from fc_admin.domain.hktime import HONG_KONG


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


def format_date(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def format_date_weekday(day: date) -> str:
    """``2025-01-29 (Wed)`` / ``2025-01-29（週三）``: ISO date and weekday in the UI language."""
    weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
    if QLocale().language() == QLocale.Language.Chinese:
        return f"{day.isoformat()}（{weekday}）"
    return f"{day.isoformat()} ({weekday})"


def format_date_long(day: date) -> str:
    """``Monday, 17 February 2025`` / ``2025年2月17日星期一``."""
    return QLocale().toString(to_qdate(day), QLocale.FormatType.LongFormat)


def format_moment(moment: datetime | None, seconds: bool = True) -> str:
    """An aware moment in Hong Kong time, ``2025-01-08 10:00:03``."""
    if moment is None:
        return ""
    if moment.tzinfo is None:  # stored UTC without zone: never guess local time
        raise ValueError(f"moment {moment!r} has no time zone")
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return moment.astimezone(HONG_KONG).strftime(pattern)


def ui_is_chinese() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


def localized_name(name_en: str, name_zh: str) -> str:
    """The Chinese name in the Chinese UI (when there is one), the English name otherwise."""
    return name_zh if ui_is_chinese() and name_zh else name_en


def joined(items: list[str]) -> str:
    """``Online and Manual telephone`` / ``網上及人手電話``: a list in the UI language."""
    return QLocale().createSeparatedList(items) if items else ""
