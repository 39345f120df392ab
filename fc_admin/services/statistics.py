"""Monthly statistics per department (R12.2; formats.md F5).

A month is a Hong Kong calendar month; every column counts the events that happened in it:

- ``department``: the member's department as the form gives it (the roster source code). A form
  belongs to the department of its first-listed member (the principal, or the dependant applying
  in the principal's name). Every roster source gets a row, with zeros in a quiet month.
- ``received``: forms (not members) whose receipt date (R4.2) is in the month.
- ``eligible``: members whose verification outcome is ``ELIGIBLE``, verified in the month.
- ``rejected`` / ``queried``: members whose current decision is ``reject`` / ``query``, decided in
  the month (a query later answered by a final decision no longer counts).
- ``issued``: accounts whose activation details were (last) issued in the month (a re-issue moves
  the account to the month of the re-issue).
- ``activated``: accounts activated in the month.
- ``median_working_days`` / ``p90_working_days``: over the forms completed in the month (every
  member approved or rejected, R3.4; the moment of the last of those decisions ends the interval),
  the working days (R4.1) from the receipt date to that day, counted like R4.2 (the working days
  strictly after the receipt date up to and including the completion day). The 90th percentile
  is the nearest-rank one (the smallest value with at least 90 % of the forms at or below it).
  Empty when no form was completed in the month.
- ``deadline_missed``: forms whose notification deadline (R4.2) falls in the month and that were
  completed after it, or are still not complete when it has passed (today later than the
  deadline). Each form is counted once, in the month of its deadline.

The counts are set-based SQL (GROUP BY); only the working days of the forms completed in the
month are handled in Python, with a table of cumulative working days rather than day-by-day
counting per form.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from fc_admin.db import Database
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.eligibility import Outcome
from fc_admin.domain.hktime import HONG_KONG, hk_date
from fc_admin.domain.roles import Permission
from fc_admin.exchange.statistics_csv import (
    MonthlyRow,
    write_statistics_csv,
    write_statistics_xlsx,
)
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import Account, Application, ApplicationMember, NonWorkingDay, RosterSource
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import Clock
from fc_admin.services.errors import InvalidInput

__all__ = ["MonthlyRow", "StatisticsService", "month_bounds", "p90", "parse_month"]

ExportKind = Literal["csv", "xlsx"]
_FINAL = ("approve", "reject")
_HK_OFFSET = timedelta(hours=8)


def parse_month(text: str) -> date:
    """``YYYY-MM`` -> the first day of that month; InvalidInput otherwise."""
    value = text.strip()
    try:
        if len(value) != 7 or value[4] != "-":
            raise ValueError(value)
        first = date(int(value[:4]), int(value[5:]), 1)
    except ValueError:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("errors", "{month} is not a month (YYYY-MM)"), month=text
        ) from None
    return first


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _hk_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), HONG_KONG).astimezone(UTC)


def month_bounds(first: date) -> tuple[date, date, datetime, datetime]:
    """First day, first day of the next month, and the same as UTC moments (Hong Kong midnight)."""
    following = _next_month(first)
    return first, following, _hk_midnight(first), _hk_midnight(following)


def p90(values: Sequence[int]) -> int:
    """The nearest-rank 90th percentile of a non-empty sequence."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


class _WorkingDayTable:
    """Working days (R4.1) between two dates by cumulative counts: O(1) per form."""

    def __init__(self, calendar: WorkingCalendar, start: date, end: date) -> None:
        self.start = start
        self.calendar = calendar
        cumulative = [0]
        d = start
        while d < end:
            d += timedelta(days=1)
            cumulative.append(cumulative[-1] + (1 if calendar.is_working_day(d) else 0))
        self.cumulative = cumulative

    def between(self, start: date, end: date) -> int:
        """Working days ``d`` with ``start < d <= end`` (WorkingCalendar.working_days_between)."""
        if end <= start:
            return 0
        if start < self.start or (end - self.start).days >= len(self.cumulative):
            return self.calendar.working_days_between(start, end)
        return self.cumulative[(end - self.start).days] - self.cumulative[(start - self.start).days]


class StatisticsService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def monthly(self, actor: Actor, month: date) -> list[MonthlyRow]:
        """F5 rows of ``month`` (any day of it), one per department, sorted by department."""
        actor.require(Permission.EXPORT_FILES)
        first = month.replace(day=1)
        with self.db.read() as session:
            return self._rows(session, first)

    def export(self, actor: Actor, month: date, path: Path, kind: ExportKind = "csv") -> int:
        """Write the F5 file (``csv`` R12.3, or ``xlsx``); rows written. Audited."""
        actor.require(Permission.EXPORT_FILES)
        if kind not in ("csv", "xlsx"):
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "unknown file kind {kind} (allowed: csv, xlsx)"),
                kind=kind,
            )
        first = month.replace(day=1)
        with self.db.read() as session:  # the counting holds no write lock (SQLite)
            rows = self._rows(session, first)
        with self.db.write() as session:
            writer = write_statistics_xlsx if kind == "xlsx" else write_statistics_csv
            try:
                count = writer(path, rows)
            except OSError as exc:
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("errors", "cannot write {file}: {reason}"),
                    file=str(path),
                    reason=exc.strerror or type(exc).__name__,
                ) from None
            append_audit(
                session,
                self.clock,
                actor,
                "export.statistics",
                "export",
                path.name,
                after={
                    "month": first.strftime("%Y-%m"),
                    "rows": count,
                    "file": path.name,
                    "kind": kind,
                },
            )
        return count

    # -- the queries ------------------------------------------------------------------------------
    def _rows(self, session: Session, first: date) -> list[MonthlyRow]:
        start, end, start_at, end_at = month_bounds(first)
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for code in session.execute(sa.select(RosterSource.code)).scalars():
            _ = counts[code]  # every department gets a row, zeros in a quiet month

        # The department of a form: that of its first-listed member (positions start at 1).
        first_member = aliased(ApplicationMember, name="fm")
        received = (
            sa.select(first_member.department, sa.func.count())
            .select_from(Application)
            .join(
                first_member,
                sa.and_(first_member.application_id == Application.id, first_member.position == 1),
            )
            .where(Application.received_date >= start, Application.received_date < end)
            .group_by(first_member.department)
        )
        for department, n in session.execute(received).tuples():
            counts[department]["received"] += n

        m = ApplicationMember

        def in_month(column: Any) -> sa.ColumnElement[bool]:
            return sa.and_(column >= start_at, column < end_at)

        def tally(condition: sa.ColumnElement[bool]) -> Any:
            return sa.func.sum(sa.case((condition, 1), else_=0))

        members = (
            sa.select(
                m.department,
                tally(sa.and_(m.outcome == Outcome.ELIGIBLE.value, in_month(m.verified_at))),
                tally(sa.and_(m.decision == "reject", in_month(m.decided_at))),
                tally(sa.and_(m.decision == "query", in_month(m.decided_at))),
            )
            .where(sa.or_(in_month(m.verified_at), in_month(m.decided_at)))
            .group_by(m.department)
        )
        for department, eligible, rejected, queried in session.execute(members).tuples():
            counts[department]["eligible"] += int(eligible or 0)
            counts[department]["rejected"] += int(rejected or 0)
            counts[department]["queried"] += int(queried or 0)

        issued_in_month = sa.and_(Account.issued_on >= start, Account.issued_on < end)
        accounts = (
            sa.select(
                m.department,
                tally(issued_in_month),
                tally(in_month(Account.activated_at)),
            )
            .join(m, m.id == Account.member_id)
            .where(sa.or_(issued_in_month, in_month(Account.activated_at)))
            .group_by(m.department)
        )
        for department, issued, activated in session.execute(accounts).tuples():
            counts[department]["issued"] += int(issued or 0)
            counts[department]["activated"] += int(activated or 0)

        days, missed = self._working_days(session, start, end, start_at, end_at)
        for department in missed:
            counts[department]["deadline_missed"] += missed[department]
        for department in days:
            _ = counts[department]

        label = first.strftime("%Y-%m")
        rows: list[MonthlyRow] = []
        for department in sorted(counts, key=str.upper):
            c = counts[department]
            taken = days.get(department, [])
            rows.append(
                MonthlyRow(
                    month=label,
                    department=department,
                    received=c["received"],
                    eligible=c["eligible"],
                    rejected=c["rejected"],
                    queried=c["queried"],
                    issued=c["issued"],
                    activated=c["activated"],
                    median_working_days=float(statistics.median(taken)) if taken else None,
                    p90_working_days=float(p90(taken)) if taken else None,
                    deadline_missed=c["deadline_missed"],
                )
            )
        return rows

    def _working_days(
        self, session: Session, start: date, end: date, start_at: datetime, end_at: datetime
    ) -> tuple[dict[str, list[int]], dict[str, int]]:
        """Working days taken by the forms completed in the month, and the missed deadlines,
        both per department."""
        m = ApplicationMember
        completed = sa.func.max(sa.case((m.decision.in_(_FINAL), m.decided_at), else_=None))
        department = sa.func.max(sa.case((m.position == 1, m.department), else_=None))
        decided_in_month = (
            sa.select(m.application_id)
            .where(m.decided_at >= start_at, m.decided_at < end_at)
            .scalar_subquery()
        )
        deadline_in_month = sa.and_(
            Application.notification_deadline >= start, Application.notification_deadline < end
        )
        query = (
            sa.select(
                department.label("department"),
                # Raw values (text on SQLite): parsed below with the C parsers, many times faster
                # than the dialect's result processors on tens of thousands of rows.
                sa.type_coerce(Application.received_date, sa.String).label("received_date"),
                sa.type_coerce(Application.notification_deadline, sa.String).label("deadline"),
                Application.status,
                sa.type_coerce(completed, sa.String).label("completed_at"),
            )
            .select_from(Application)
            .join(m, m.application_id == Application.id)
            .where(
                sa.or_(
                    sa.and_(Application.status == "DONE", Application.id.in_(decided_in_month)),
                    deadline_in_month,
                )
            )
            .group_by(
                Application.id,
                Application.received_date,
                Application.notification_deadline,
                Application.status,
            )
            .having(
                sa.or_(
                    sa.and_(completed >= start_at, completed < end_at),
                    deadline_in_month,  # grouped by: usable in HAVING
                )
            )
        )
        found = [
            (department, _as_date(received), _as_date(deadline), status, completed_at)
            for department, received, deadline, status, completed_at in session.execute(query)
        ]
        extra = session.execute(sa.select(NonWorkingDay)).scalars()
        calendar = WorkingCalendar({d.day: (d.name_en, d.name_zh) for d in extra})
        earliest = min((row[1] for row in found), default=start)
        table = _WorkingDayTable(calendar, earliest, end)
        today = hk_date(self.clock.now())
        taken: dict[str, list[int]] = defaultdict(list)
        missed: dict[str, int] = defaultdict(int)
        for department_, received, deadline, status, completed_at in found:
            done_on = _hk_day(completed_at) if status == "DONE" and completed_at else None
            if done_on is not None and start <= done_on < end:
                taken[department_].append(table.between(received, done_on))
            if start <= deadline < end and (
                (done_on is not None and done_on > deadline)
                or (done_on is None and today > deadline)
            ):
                missed[department_] += 1
        return dict(taken), dict(missed)


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _hk_day(value: datetime | str) -> date:
    """The Hong Kong date of a stored moment, fast: Hong Kong has been UTC+8 all year since 1979.

    max() over a CASE may come back raw (naive UTC, or text on SQLite) rather than through the
    column's type.
    """
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return (value + _HK_OFFSET).date()
