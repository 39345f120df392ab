"""The Hong Kong working-day calendar with administrator-added non-working days (R4.1)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.calendar import Holiday, WorkingCalendar, general_holidays
from fc_admin.domain.deadlines import activation_deadline, notification_deadline
from fc_admin.domain.roles import Permission
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import NonWorkingDay
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import Clock
from fc_admin.services.errors import Conflict, InvalidInput, NotFound


class CalendarService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def working_calendar(self) -> WorkingCalendar:
        with self.db.read() as session:
            added = session.execute(sa.select(NonWorkingDay)).scalars()
            return WorkingCalendar({d.day: (d.name_en, d.name_zh) for d in added})

    def holidays(self, year: int) -> list[Holiday]:
        """General holidays and added non-working days of ``year`` (not ordinary weekends)."""
        if not 1900 <= year <= 2200:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "year {year} is out of range (1900-2200)"), year=year
            )
        return self.working_calendar().holidays(year)

    def add_non_working_day(
        self, actor: Actor, day: date, name_en: str, name_zh: str = ""
    ) -> Holiday:
        actor.require(Permission.MANAGE_CALENDAR)
        name_en = name_en.strip()
        if not name_en:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "a non-working day needs a name (the reason)")
            )
        if any(h.date == day for h in general_holidays(day.year)):
            raise Conflict(
                QT_TRANSLATE_NOOP("errors", "{day} is already a general holiday"),
                day=day.isoformat(),
            )
        with self.db.write() as session:
            if session.get(NonWorkingDay, day) is not None:
                raise Conflict(
                    QT_TRANSLATE_NOOP("errors", "{day} is already a non-working day"),
                    day=day.isoformat(),
                )
            session.add(
                NonWorkingDay(
                    day=day,
                    name_en=name_en,
                    name_zh=name_zh.strip(),
                    created_by=actor.username,
                    created_at=self.clock.now(),
                )
            )
            append_audit(
                session,
                self.clock,
                actor,
                "calendar.add_non_working_day",
                "non_working_day",
                day.isoformat(),
                after={"name_en": name_en, "name_zh": name_zh},
            )
        return Holiday(day, name_en, name_zh.strip(), added=True)

    def remove_non_working_day(self, actor: Actor, day: date) -> None:
        actor.require(Permission.MANAGE_CALENDAR)
        with self.db.write() as session:
            row = session.get(NonWorkingDay, day)
            if row is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP("errors", "{day} is not an added non-working day"),
                    day=day.isoformat(),
                )
            before = {"name_en": row.name_en, "name_zh": row.name_zh}
            session.delete(row)
            append_audit(
                session,
                self.clock,
                actor,
                "calendar.remove_non_working_day",
                "non_working_day",
                day.isoformat(),
                before=before,
            )

    def notification_deadline(self, received: date) -> date:
        return notification_deadline(received, self.working_calendar())

    def activation_deadline(self, issued: date) -> date:
        return activation_deadline(issued)
