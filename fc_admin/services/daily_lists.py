"""The daily appointment list of a clinic (R11): on screen, printed (PDF) and exported (F7 CSV).

Sessions come from the template in force on the date (R10.1) with closed ones marked (R10.2);
each session's appointments by time then booking reference, the cancelled ones apart. Every
print and export is audited (R11, R13.3). Clinic staff see only their own clinic (R13.2).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.booking_window import is_live
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.hkid import mask_hkid
from fc_admin.domain.roles import Permission
from fc_admin.exchange.daily_list import (
    CANCELLED,
    DailyList,
    DailyListError,
    DailyListRow,
    DailySession,
    date_en,
    date_zh,
    write_daily_list_csv,
    write_daily_list_pdf,
)
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import Appointment, Clinic, Closure
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import Clock
from fc_admin.services.errors import InvalidInput
from fc_admin.services.schedules import (
    clinic_or_refuse,
    load_schedule,
    require_own_clinic,
    working_calendar,
)

__all__ = ["DailyList", "DailyListRow", "DailyListService", "DailySession", "file_name"]

KINDS = ("pdf", "csv")


def file_name(clinic_code: str, day: date, kind: str) -> str:
    """``daily-list-CW-2025-01-24.pdf``: the name of each file of ``--all-live``."""
    return f"daily-list-{clinic_code}-{day.isoformat()}.{kind}"


def _row(a: Appointment) -> DailyListRow:
    # R11: no date of birth, e-mail or phone; R9.3: the HKID masked.
    return DailyListRow(
        a.session_name,
        a.start_time,
        a.booking_ref,
        a.name_en,
        a.name_zh,
        mask_hkid(a.hkid),
        a.category,
        a.channel,
        a.status,
    )


class DailyListService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def daily_list(self, actor: Actor, clinic_code: str, day: date) -> DailyList:
        """R11: the list of ``clinic_code`` on ``day`` (not audited: nothing leaves the screen)."""
        actor.require(Permission.PRINT_DAILY_LISTS)
        with self.db.read() as session:
            clinic = clinic_or_refuse(session, clinic_code)
            require_own_clinic(actor, clinic.code)  # R13.2
            calendar = working_calendar(session)
            schedule = load_schedule(session, clinic, day, day, calendar)
            reasons = {
                c.session_name: c.reason
                for c in session.execute(
                    sa.select(Closure).where(Closure.clinic_code == clinic.code, Closure.day == day)
                ).scalars()
            }
            appointments = session.execute(
                sa.select(Appointment)
                .where(Appointment.clinic_code == clinic.code, Appointment.day == day)
                .order_by(Appointment.start_time, Appointment.booking_ref)
            ).scalars()
            rows = [_row(a) for a in appointments]
            name_en, name_zh, go_live = clinic.name_en, clinic.name_zh, clinic.go_live_date

        active = [r for r in rows if r.status != CANCELLED]
        specs = schedule.sessions_on(day)
        sessions: list[DailySession] = []
        for spec in specs:
            closed = schedule.is_closed(day, spec.name)
            sessions.append(
                DailySession(
                    spec.name,
                    spec.start,
                    spec.end,
                    tuple(r for r in active if r.session == spec.name),
                    closed=closed,
                    closure_reason=(reasons.get(spec.name) or reasons.get(None) or "")
                    if closed
                    else "",
                )
            )
        # Appointments on a session the template in force does not have (a holiday declared or
        # a template changed after booking) are listed all the same, never dropped.
        known = {spec.name for spec in specs}
        strays: dict[str, list[DailyListRow]] = {}
        for r in active:
            if r.session not in known:
                strays.setdefault(r.session, []).append(r)
        for name, stray in strays.items():
            sessions.append(DailySession(name, None, None, tuple(stray), scheduled=False))
        sessions.sort(key=lambda s: (s.start or (s.rows[0].start_time if s.rows else day), s.name))

        no_en = no_zh = ""
        if not specs:
            no_en, no_zh = self._why_no_sessions(schedule.template_on(day) is None, calendar, day)
        return DailyList(
            clinic.code,
            name_en,
            name_zh,
            day,
            is_live(go_live, day),
            tuple(sessions),
            tuple(r for r in rows if r.status == CANCELLED),
            no_en,
            no_zh,
        )

    @staticmethod
    def _why_no_sessions(
        no_template: bool, calendar: WorkingCalendar, day: date
    ) -> tuple[str, str]:
        """R11: a date without sessions says why, in English and Chinese."""
        holiday = calendar.holiday_on(day)
        if holiday is not None:
            return (
                f"No sessions: {date_en(day)} is a holiday ({holiday.name_en}).",
                f"沒有應診時段：{date_zh(day)}為假期（{holiday.name_zh}）。",
            )
        if day.weekday() >= 5:
            return (
                f"No sessions: the clinic does not open on {date_en(day).split()[0]}s.",
                f"沒有應診時段：診所逢{date_zh(day).split()[-1]}不應診。",
            )
        if no_template:
            return (
                "No sessions: no session template is in force on this date.",
                "沒有應診時段：當日沒有生效的時段範本。",
            )
        return (
            f"No sessions: the session template has none on {date_en(day).split()[0]}s.",
            f"沒有應診時段：時段範本於{date_zh(day).split()[-1]}沒有應診時段。",
        )

    def export(
        self, actor: Actor, clinic_code: str, day: date, path: Path, kind: str = "pdf"
    ) -> int:
        """Write the list as ``pdf`` (a print) or ``csv`` (F7); audited (R11, R13.3).

        Returns the number of appointments written, cancelled ones included.
        """
        if kind not in KINDS:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "unknown daily list format {kind} (pdf or csv)"),
                kind=kind,
            )
        daily = self.daily_list(actor, clinic_code, day)
        try:
            if kind == "csv":
                written = write_daily_list_csv(daily, path)
            else:
                write_daily_list_pdf(
                    daily,
                    path,
                    printed_by=actor.display_name or actor.username,
                    printed_at=self.clock.now(),
                )
                written = daily.total + len(daily.cancelled)
        except DailyListError as exc:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "cannot write the daily list: {reason}"),
                reason=str(exc),
            ) from exc
        except OSError as exc:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "cannot write {file}: {reason}"),
                file=str(path),
                reason=exc.strerror or str(exc),
            ) from exc
        with self.db.write() as session:
            append_audit(
                session,
                self.clock,
                actor,
                "daily_list.print" if kind == "pdf" else "daily_list.export",
                "clinic_day",
                f"{daily.clinic_code}:{day.isoformat()}",
                after={"format": kind, "file": path.name, "rows": written},
            )
        return written

    def live_clinics(self, on: date) -> list[str]:
        """The codes of the clinics live on ``on`` (R7.1), in their usual order."""
        with self.db.read() as session:
            clinics = session.execute(sa.select(Clinic).order_by(Clinic.sort_order)).scalars()
            return [c.code for c in clinics if is_live(c.go_live_date, on)]
