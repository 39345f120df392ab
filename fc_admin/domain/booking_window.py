"""Which dates a booking channel may book at a clinic, at a given moment (R7.2, R8).

All business dates are Hong Kong dates: the moment ``at`` is converted to Asia/Hong_Kong before
its date D is taken, so 23:30 UTC on 23 Jan is already 24 Jan here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum

from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.hktime import HONG_KONG, hk_date
from fc_admin.domain.hktime import require_aware as _require_aware

__all__ = [
    "HONG_KONG",
    "Channel",
    "bookable_dates",
    "channels_serving",
    "hk_date",
    "is_live",
    "slot_bookable",
]

_ONE_DAY = timedelta(days=1)
# R8.2, R8.3: a clinic not yet live books D and the next 7 working days after D by telephone.
_NOT_LIVE_WORKING_DAYS = 7


class Channel(StrEnum):
    ONLINE = "online"
    MANUAL = "manual"  # manual telephone booking by clinic staff
    ATBS = "atbs"  # automated telephone booking system


def is_live(go_live: date | None, on: date) -> bool:
    """Whether online booking is live at a clinic on ``on`` (R7.1): from go-live inclusive."""
    return go_live is not None and on >= go_live


def channels_serving(go_live: date | None, on: date) -> frozenset[Channel]:
    """The channels that book a clinic on ``on`` (R7.2)."""
    if is_live(go_live, on):
        # R7.2: from go-live, online and manual telephone; ATBS no longer books the clinic.
        return frozenset({Channel.ONLINE, Channel.MANUAL})
    # R7.2: before go-live, manual telephone and ATBS.
    return frozenset({Channel.MANUAL, Channel.ATBS})


def bookable_dates(
    channel: Channel,
    go_live: date | None,
    at: datetime,
    is_operating_day: Callable[[date], bool],
    calendar: WorkingCalendar,
) -> list[date]:
    """The dates ``channel`` may book at a clinic at the moment ``at`` (R8), sorted, unique.

    ``is_operating_day`` says whether the clinic has sessions on a date and is not closed
    (R8, R10.3); until session templates exist, callers pass ``calendar.is_working_day``. An
    operating day is by definition a working day (R8, R10.2: general holidays close every
    clinic), so a date that is not a working day is never returned, whatever the callback says.

    Same-day slots are further limited to those starting after ``at`` (R8.4,
    :func:`slot_bookable`); this function works at the level of dates only.
    """
    d = hk_date(at)
    # R7.2: online only from go-live, ATBS only before it.
    if channel not in channels_serving(go_live, d):
        return []
    candidates: Iterable[date]
    if is_live(go_live, d):
        # R8.1: live window, online and manual alike: D and D+1, those that are operating days.
        # Friday -> Friday only; Saturday -> nothing; the day before a holiday -> that day only.
        candidates = (d, d + _ONE_DAY)
    elif channel is Channel.MANUAL:
        # R8.2: D and the next 7 working days after D.
        candidates = [d, *calendar.next_working_days(d, _NOT_LIVE_WORKING_DAYS)]
    else:
        # R8.3: slots starting within the next 24 hours after T (so on D or D+1) and the next
        # 7 working days after D.
        candidates = [d, d + _ONE_DAY, *calendar.next_working_days(d, _NOT_LIVE_WORKING_DAYS)]
    return sorted({c for c in candidates if calendar.is_working_day(c) and is_operating_day(c)})


def slot_bookable(slot_start: datetime, at: datetime) -> bool:
    """Whether a slot starting at ``slot_start`` may still be booked at ``at`` (R8.4).

    A slot is bookable only if it starts strictly after ``at``: a slot starting this very
    minute can no longer be booked. Both must be aware.
    """
    _require_aware(slot_start, "slot_start")
    _require_aware(at, "at")
    return slot_start > at
