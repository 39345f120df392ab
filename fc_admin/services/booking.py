"""Booking windows per clinic and channel (R7.2, R8) on the clinic's real operating days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fc_admin.db import Database
from fc_admin.domain.booking_window import Channel, bookable_dates
from fc_admin.domain.hktime import hk_date
from fc_admin.services.schedules import clinic_or_refuse, load_schedule, working_calendar

# The widest window of R8 is D plus 7 working days: three calendar weeks always cover it.
_WINDOW_REACH = timedelta(days=21)


class BookingWindowService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def window(self, clinic_code: str, channel: Channel, at: datetime) -> list[date]:
        """R8: the dates ``channel`` may book at the clinic at ``at``, on operating days only
        (working days with an open session of the clinic's template, R10.1, R10.2)."""
        today = hk_date(at)
        with self.db.read() as session:
            clinic = clinic_or_refuse(session, clinic_code)
            calendar = working_calendar(session)
            schedule = load_schedule(session, clinic, today, today + _WINDOW_REACH, calendar)
        return bookable_dates(channel, clinic.go_live_date, at, schedule.is_operating_day, calendar)
