"""Booking windows per clinic and channel (R7.2, R8)."""

from __future__ import annotations

from datetime import date, datetime

from fc_admin.domain.booking_window import Channel, bookable_dates
from fc_admin.services.calendar import CalendarService
from fc_admin.services.clinics import ClinicService


class BookingWindowService:
    def __init__(self, clinics: ClinicService, calendar: CalendarService) -> None:
        self.clinics = clinics
        self.calendar = calendar

    def window(self, clinic_code: str, channel: Channel, at: datetime) -> list[date]:
        clinic = self.clinics.get(clinic_code)
        working = self.calendar.working_calendar()
        # Until session templates and closures exist, an operating day is a working day (R8).
        return bookable_dates(channel, clinic.go_live_date, at, working.is_working_day, working)
