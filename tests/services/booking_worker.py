"""A booking process of the no-overbooking tests (R10.3): its own Database and Services.

Started with multiprocessing's ``spawn`` (a fresh interpreter, as a second desktop would be); it
gets ready (imports, connection, a first query), then for each person waits at the barrier with
the others and books as fast as it can, and reports what happened on the result queue.
Top-level and importable, as ``spawn`` needs.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any


@dataclass
class WorkerReport:
    index: int
    booked: list[tuple[str, str, str, str]] = field(default_factory=list)  # ref, day, time, ch
    full: int = 0  # BookingRefused: the slot's pool is full
    one_a_day: int = 0  # BookingRefused: the person already has an appointment that day
    other_refusals: list[str] = field(default_factory=list)
    crash: str | None = None


@dataclass(frozen=True)
class Attempt:
    """One person to book: the slots to try in order (until one takes them), on one channel."""

    hkid: str
    channel: str
    day: date
    starts: tuple[time, ...]


def book_attempts(
    url: str,
    index: int,
    clinic: str,
    at: datetime,
    attempts: list[Attempt],
    barrier: Any,
    results: Any,
) -> None:
    report = WorkerReport(index)
    try:
        from fc_admin.db import Database
        from fc_admin.domain.booking_window import Channel
        from fc_admin.domain.roles import Role
        from fc_admin.services import Services
        from fc_admin.services.actor import Actor
        from fc_admin.services.appointments import BookingRefused
        from fc_admin.services.clock import FixedClock

        db = Database(url)
        services = Services(db, FixedClock(at))
        actor = Actor(f"clinic.desk{index}", Role.CLINIC, clinic, f"desk {index}")
        services.appointments.availability(clinic, Channel.MANUAL, at)  # connect, warm up
        for attempt in attempts:
            # Every process starts each person at the same moment: a race per round. Without
            # rounds SQLite's busy handler lets a few processes take every seat while the others
            # sleep (it is not fair), and "every process booked something" proves nothing.
            barrier.wait(timeout=120)
            for start in attempt.starts:
                try:
                    row = services.appointments.book(
                        actor, clinic, attempt.hkid, attempt.day, start, Channel(attempt.channel)
                    )
                except BookingRefused as refused:
                    text = str(refused)
                    if " is full for " in text:
                        report.full += 1
                        continue
                    if "one a day" in text:
                        report.one_a_day += 1
                        break
                    report.other_refusals.append(text)
                    break
                report.booked.append(
                    (row.booking_ref, row.day.isoformat(), f"{row.start_time:%H:%M}", row.channel)
                )
                break
        db.dispose()
    except BaseException:  # report everything: the parent asserts there was no crash
        report.crash = traceback.format_exc()
        barrier.abort()  # the others stop waiting for this one
    results.put(report)
