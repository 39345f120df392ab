"""Hong Kong working days (R4.1): general holidays and administrator-added non-working days.

A working day is Monday to Friday, not a general holiday (General Holidays Ordinance, Cap. 149:
the days government offices close) and not a day an administrator has added. The general
holidays come from the ``holidays`` package, whose version is pinned in pyproject.toml because
its Hong Kong data changes between releases.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

__all__ = ["Holiday", "WorkingCalendar", "general_holidays"]

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5  # date.weekday(): Monday is 0


@dataclass(frozen=True)
class Holiday:
    """A non-working day other than an ordinary Saturday or Sunday."""

    date: date
    name_en: str
    name_zh: str
    added: bool = False  # True: an administrator-added non-working day, not a gazetted one


def _country_holidays(year: int, language: str) -> holidays.HolidayBase:
    # R4.1: category "optional" of HK is the general holidays (Cap. 149). The default category
    # ("public") is the statutory (labour) holidays, which lacks Good Friday, the day following
    # Good Friday and Easter Monday, so it would be wrong here.
    return holidays.country_holidays("HK", years=year, categories=("optional",), language=language)


@functools.cache
def _general_holidays(year: int) -> tuple[Holiday, ...]:
    # Cached per year: building the holiday table (lunar calendar) is slow compared with the
    # day-by-day counting done for every form in the queue. A tuple, so the cached value is
    # immutable; callers get a fresh list.
    english = _country_holidays(year, "en_HK")
    chinese = _country_holidays(year, "zh_HK")
    # If two holidays ever fall on one date the package joins their names with "; ".
    return tuple(
        Holiday(date=d, name_en=english[d], name_zh=chinese.get(d, english[d]))
        for d in sorted(english)
    )


@functools.cache
def _general_holiday_dates(year: int) -> frozenset[date]:
    return frozenset(h.date for h in _general_holidays(year))


def general_holidays(year: int) -> list[Holiday]:
    """Hong Kong general holidays of ``year`` other than Sundays, sorted by date (R4.1).

    English names as gazetted (``en_HK``), Chinese names in traditional characters (``zh_HK``).
    """
    return list(_general_holidays(year))


class WorkingCalendar:
    """Working days in Hong Kong (R4.1), with administrator-added non-working days.

    ``extra_non_working`` maps each added date to its (English, Chinese) name, e.g. a day the
    Government declares a general holiday at short notice. The mapping is copied: later changes
    need a new calendar.
    """

    def __init__(self, extra_non_working: Mapping[date, tuple[str, str]] | None = None) -> None:
        self._extra: dict[date, tuple[str, str]] = dict(extra_non_working or {})

    def __repr__(self) -> str:
        return f"WorkingCalendar(extra_non_working={self._extra!r})"

    @property
    def extra_non_working(self) -> Mapping[date, tuple[str, str]]:
        """The administrator-added non-working days (a copy)."""
        return dict(self._extra)

    def is_general_holiday(self, d: date) -> bool:
        """Whether ``d`` is a gazetted general holiday (not counting Sundays or added days)."""
        return d in _general_holiday_dates(d.year)

    def is_added_day(self, d: date) -> bool:
        """Whether an administrator has added ``d`` as a non-working day (R4.1)."""
        return d in self._extra

    def is_working_day(self, d: date) -> bool:
        """Monday to Friday, not a general holiday and not an added non-working day (R4.1)."""
        return d.weekday() < _SATURDAY and not self.is_general_holiday(d) and d not in self._extra

    def holiday_on(self, d: date) -> Holiday | None:
        """The general holiday or added day on ``d``, if any (ordinary weekends give None)."""
        for h in self.holidays(d.year):
            if h.date == d:
                return h
        return None

    def holidays(self, year: int) -> list[Holiday]:
        """General holidays and added days of ``year``, sorted; added ones have ``added=True``.

        Ordinary Saturdays and Sundays are not listed. An added day that is already a general
        holiday is listed once, as the general holiday.
        """
        result = general_holidays(year)
        gazetted = _general_holiday_dates(year)
        result.extend(
            Holiday(date=d, name_en=en, name_zh=zh, added=True)
            for d, (en, zh) in self._extra.items()
            if d.year == year and d not in gazetted
        )
        result.sort(key=lambda h: h.date)
        return result

    def working_days_after(self, start: date, n: int) -> date:
        """The ``n``-th working day strictly after ``start`` (``n`` >= 1).

        R4.2 counts the working days strictly after the receipt date 1, 2, ... n.
        """
        if n < 1:
            raise ValueError(f"n must be at least 1, not {n}")
        return self.next_working_days(start, n)[-1]

    def next_working_days(self, start: date, n: int) -> list[date]:
        """The ``n`` working days strictly after ``start``, in order (``n`` >= 0)."""
        if n < 0:
            raise ValueError(f"n must not be negative, not {n}")
        days: list[date] = []
        d = start
        while len(days) < n:
            d += _ONE_DAY
            if self.is_working_day(d):
                days.append(d)
        return days

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days ``d`` with ``start < d <= end`` (0 if ``end <= start``)."""
        count = 0
        d = start + _ONE_DAY
        while d <= end:
            if self.is_working_day(d):
                count += 1
            d += _ONE_DAY
        return count
