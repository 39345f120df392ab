"""Deadlines: the 14-working-day notification deadline (R4.2, R4.3) and activation (R5.3)."""

from __future__ import annotations

# The standard library's calendar module; the sibling fc_admin.domain.calendar is imported by
# its full name below, so the two never clash.
from calendar import monthrange
from datetime import date
from enum import StrEnum

from fc_admin.domain.calendar import WorkingCalendar

__all__ = [
    "DeadlineState",
    "activation_deadline",
    "deadline_state",
    "notification_deadline",
    "working_days_left",
]

# R4.2: the service deadline of memo ¶6.
DEFAULT_NOTIFICATION_WORKING_DAYS = 14
# R4.3: at risk when this many working days or fewer are left (configurable).
DEFAULT_AT_RISK_WORKING_DAYS = 3
# R5.3: activation details are valid for 8 calendar months.
DEFAULT_ACTIVATION_MONTHS = 8


class DeadlineState(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"


def notification_deadline(
    received: date,
    calendar: WorkingCalendar,
    working_days: int = DEFAULT_NOTIFICATION_WORKING_DAYS,
) -> date:
    """The date by which the applicant must be notified (R4.2).

    The working days strictly after the receipt date are counted 1, 2, ... 14; the receipt
    date itself never counts, even when it is a working day. Received Thursday 23 Jan 2025 ->
    Monday 17 Feb 2025 (29-31 Jan are Lunar New Year).
    """
    return calendar.working_days_after(received, working_days)


def working_days_left(deadline: date, today: date, calendar: WorkingCalendar) -> int:
    """Working days from ``today`` (exclusive) to ``deadline`` (inclusive) (R4.3).

    0 on the deadline itself. When overdue the result is negative: minus the working days
    after the deadline up to and including today. On a non-working day just after the deadline
    (e.g. the Saturday after a Friday deadline) it is therefore still 0; use
    :func:`deadline_state` to tell "due today" from "overdue".
    """
    if today <= deadline:
        return calendar.working_days_between(today, deadline)
    return -calendar.working_days_between(deadline, today)


def deadline_state(
    deadline: date,
    today: date,
    calendar: WorkingCalendar,
    at_risk_days: int = DEFAULT_AT_RISK_WORKING_DAYS,
) -> DeadlineState:
    """On track, at risk or overdue (R4.3).

    Overdue once today is past the deadline (calendar days, so a weekend after a Friday deadline
    already counts); at risk when at most ``at_risk_days`` working days are left, the deadline
    day included.
    """
    if today > deadline:
        return DeadlineState.OVERDUE
    if working_days_left(deadline, today, calendar) <= at_risk_days:
        return DeadlineState.AT_RISK
    return DeadlineState.ON_TRACK


def activation_deadline(issued: date, months: int = DEFAULT_ACTIVATION_MONTHS) -> date:
    """The last day activation details issued on ``issued`` can be used (R5.3).

    ``months`` calendar months later, clamped to the end of the month when that month is
    shorter: 30 Jun 2025 -> 28 Feb 2026, 31 Aug 2025 -> 30 Apr 2026, 15 Jan 2025 -> 15 Sep 2025.
    """
    if months < 0:
        raise ValueError(f"months must not be negative, not {months}")
    year, month_index = divmod(issued.month - 1 + months, 12)
    year += issued.year
    month = month_index + 1
    # R5.3: clamp to the end of the month (no 30 Feb: it becomes 28 or 29 Feb).
    day = min(issued.day, monthrange(year, month)[1])
    return date(year, month, day)
