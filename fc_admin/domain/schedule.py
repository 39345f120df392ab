"""A clinic's operating days and slots, from its templates, the calendar and its closures.

R8: an operating day is a working day (R4.1) on which the clinic has sessions (R10.1) and is
not closed (R10.2). R10.1: the template in force on a day is the newest one valid from on or
before that day, so a template from a later date never changes earlier days.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from fc_admin.domain.booking_window import is_live
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.session_templates import (
    SeatPool,
    SessionSpec,
    WeeklyTemplate,
    pool_capacities,
)

__all__ = ["ALL_DAY", "ClinicSchedule", "Slot"]

# The session name a whole-day closure is stored under (R10.2 "a day or one session").
ALL_DAY: None = None


@dataclass(frozen=True)
class Slot:
    """One bookable time of a session on a day, with its seats per pool on that day."""

    day: date
    start: time
    end: time
    session: str
    capacity: int
    seats: Mapping[SeatPool, int]
    closed: bool  # R10.2: the day or the session is closed

    def starts_at(self) -> datetime:
        return datetime.combine(self.day, self.start, tzinfo=HONG_KONG)


class ClinicSchedule:
    """Everything needed to say, without the database, when a clinic operates (R8, R10).

    ``templates`` are (valid_from, template) pairs; ``closures`` maps a day to the closed
    session names on it (``None`` for the whole day).
    """

    def __init__(
        self,
        clinic_code: str,
        go_live: date | None,
        templates: Sequence[tuple[date, WeeklyTemplate]],
        closures: Mapping[date, frozenset[str | None]],
        calendar: WorkingCalendar,
    ) -> None:
        self.clinic_code = clinic_code
        self.go_live = go_live
        ordered = sorted(templates, key=lambda t: t[0])
        self._from = [t[0] for t in ordered]
        self._templates = [t[1] for t in ordered]
        self.closures = closures
        self.calendar = calendar

    def template_on(self, day: date) -> WeeklyTemplate | None:
        """R10.1: the template valid from the latest date on or before ``day``."""
        i = bisect.bisect_right(self._from, day)
        return self._templates[i - 1] if i else None

    def sessions_on(self, day: date) -> list[SessionSpec]:
        """The template's sessions on ``day``; none on a day that is not a working day (R10.2)."""
        template = self.template_on(day)
        if template is None or not self.calendar.is_working_day(day):
            return []
        return template.sessions_on(day)

    def is_closed(self, day: date, session: str) -> bool:
        closed = self.closures.get(day, frozenset())
        return ALL_DAY in closed or session in closed

    def open_sessions(self, day: date) -> list[SessionSpec]:
        return [s for s in self.sessions_on(day) if not self.is_closed(day, s.name)]

    def is_operating_day(self, day: date) -> bool:
        """R8: a working day with at least one session that is not closed."""
        return bool(self.open_sessions(day))

    def slots(self, day: date) -> list[Slot]:
        """Every slot of ``day`` in time order, closed ones included (marked)."""
        live = is_live(self.go_live, day)
        result = []
        for s in self.sessions_on(day):
            seats = pool_capacities(s.capacity, s.online, live)
            closed = self.is_closed(day, s.name)
            for start in s.slot_starts():
                result.append(
                    Slot(day, start, s.slot_end(start), s.name, s.capacity, seats, closed)
                )
        return result

    def slot(self, day: date, start: time) -> Slot | None:
        return next((s for s in self.slots(day) if s.start == start), None)
