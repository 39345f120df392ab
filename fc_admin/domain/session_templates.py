"""Weekly session templates (R10.1, formats.md F8): sessions, the slot grid and seat pools.

Pure rules: what a template may contain, the slots a session has, and how a slot's capacity is
shared between the online and the telephone channels before and after a clinic goes live (R7.2).
Reading the TOML file lives in :mod:`fc_admin.exchange.session_template_toml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Final

from fc_admin.domain.booking_window import Channel

__all__ = [
    "DAY_NAMES",
    "MAX_NAME_LENGTH",
    "MAX_SESSIONS",
    "SeatPool",
    "SessionSpec",
    "WeeklyTemplate",
    "pool_capacities",
    "pool_for",
    "template_problems",
]

# F8 spells weekdays as three-letter English names; index = date.weekday().
DAY_NAMES: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MAX_SESSIONS: Final = 20
MIN_SLOT_MINUTES: Final = 5
MAX_SLOT_MINUTES: Final = 240
MAX_CAPACITY: Final = 500
# The column ``template_session.name`` (models/capacity.py) holds 20 characters.
MAX_NAME_LENGTH: Final = 20


class SeatPool(StrEnum):
    """Which share of a slot a booking takes (F8): online seats, or the telephone rest."""

    ONLINE = "online"
    TELEPHONE = "telephone"


def pool_for(channel: Channel) -> SeatPool:
    """Manual telephone and ATBS share the telephone seats; online has its own (F8)."""
    return SeatPool.ONLINE if channel is Channel.ONLINE else SeatPool.TELEPHONE


def pool_capacities(capacity: int, online: int, live: bool) -> dict[SeatPool, int]:
    """The seats of a slot per pool on a day (F8, R7.2).

    Before the clinic's go-live date all capacity serves the telephone channels; from it,
    ``online`` seats are for online bookings and the rest for telephone bookings.
    """
    if not live:
        return {SeatPool.ONLINE: 0, SeatPool.TELEPHONE: capacity}
    return {SeatPool.ONLINE: online, SeatPool.TELEPHONE: capacity - online}


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class SessionSpec:
    """One ``[[session]]`` of a template: on ``days`` (0 = Monday), slots from ``start``."""

    name: str
    days: tuple[int, ...]
    start: time
    end: time
    slot_minutes: int
    capacity: int
    online: int

    def slot_starts(self) -> list[time]:
        """Slot start times; the last slot ends at or before ``end`` (F8)."""
        starts: list[time] = []
        if self.slot_minutes <= 0:
            return starts  # refused by template_problems; never loop for ever
        minute = _minutes(self.start)
        while minute + self.slot_minutes <= _minutes(self.end):
            starts.append(time(minute // 60, minute % 60))
            minute += self.slot_minutes
        return starts

    def slot_end(self, start: time) -> time:
        moment = datetime.combine(date(2000, 1, 3), start) + timedelta(minutes=self.slot_minutes)
        return moment.time()

    def day_names(self) -> list[str]:
        return [DAY_NAMES[d] for d in self.days]


@dataclass(frozen=True)
class WeeklyTemplate:
    """A clinic's week: its sessions. Days without a session are closed days (F8)."""

    sessions: tuple[SessionSpec, ...]

    def sessions_on(self, day: date) -> list[SessionSpec]:
        """The sessions on the weekday of ``day``, in time order."""
        weekday = day.weekday()
        return sorted((s for s in self.sessions if weekday in s.days), key=lambda s: s.start)

    def session(self, name: str) -> SessionSpec | None:
        return next((s for s in self.sessions if s.name == name), None)

    def to_toml(self) -> str:
        """The template as F8 TOML (what the editor saves and ``source_text`` keeps)."""
        blocks = []
        for s in self.sessions:
            days = ", ".join(f'"{d}"' for d in s.day_names())
            blocks.append(
                "[[session]]\n"
                f"name = {_toml_string(s.name)}\n"
                f"days = [{days}]\n"
                f'start = "{s.start:%H:%M}"\n'
                f'end = "{s.end:%H:%M}"\n'
                f"slot_minutes = {s.slot_minutes}\n"
                f"capacity = {s.capacity}\n"
                f"online = {s.online}\n"
            )
        return "\n".join(blocks)


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char == "\t" or (char >= " " and char != "\x7f"):
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04X}")
    out.append('"')
    return "".join(out)


def template_problems(sessions: tuple[SessionSpec, ...]) -> list[tuple[int | None, str]]:
    """Everything wrong with a template, as (session index or None, reason) pairs (F8).

    Refused: no session, an empty, repeated, too long (the database column) or unprintable name,
    no days, a day outside 0-6 or given twice, an end not after the start, a start not on the
    slot grid (the grid of ``slot_minutes`` counted from midnight), no whole slot between start
    and end, a slot length, capacity or online share out of range, ``online > capacity``, and two
    sessions that overlap on a day.
    """
    problems: list[tuple[int | None, str]] = []
    if not sessions:
        return [(None, "the template has no [[session]]; a clinic needs at least one session")]
    if len(sessions) > MAX_SESSIONS:
        problems.append((None, f"more than {MAX_SESSIONS} sessions"))
    seen: dict[str, int] = {}
    for i, s in enumerate(sessions):
        if not s.name.strip():
            problems.append((i, "the session has no name"))
        elif s.name in seen:
            problems.append((i, f"the name {s.name!r} is used twice (names are unique)"))
        elif len(s.name) > MAX_NAME_LENGTH:
            problems.append((i, f"the name is over {MAX_NAME_LENGTH} characters"))
        elif not s.name.isprintable():
            problems.append((i, "the name has a control character (a line break, a tab …)"))
        seen.setdefault(s.name, i)
        if not s.days:
            problems.append((i, "no days given"))
        if any(not 0 <= d < len(DAY_NAMES) for d in s.days):
            problems.append((i, "a day is not 0 (Monday) to 6 (Sunday)"))
        if len(set(s.days)) != len(s.days):
            problems.append((i, "a day is given twice"))
        if s.end <= s.start:
            problems.append((i, f"end {s.end:%H:%M} is not after start {s.start:%H:%M}"))
        if not MIN_SLOT_MINUTES <= s.slot_minutes <= MAX_SLOT_MINUTES:
            problems.append(
                (
                    i,
                    f"slot_minutes must be {MIN_SLOT_MINUTES} to {MAX_SLOT_MINUTES}, "
                    f"not {s.slot_minutes}",
                )
            )
        else:
            if _minutes(s.start) % s.slot_minutes:
                problems.append(
                    (i, f"start {s.start:%H:%M} is not on the {s.slot_minutes}-minute slot grid")
                )
            if s.end > s.start and not s.slot_starts():
                problems.append(
                    (
                        i,
                        f"no {s.slot_minutes}-minute slot fits between {s.start:%H:%M} "
                        f"and {s.end:%H:%M}",
                    )
                )
        if not 1 <= s.capacity <= MAX_CAPACITY:
            problems.append((i, f"capacity must be 1 to {MAX_CAPACITY}, not {s.capacity}"))
        if s.online < 0:
            problems.append((i, f"online must not be negative, not {s.online}"))
        elif s.online > s.capacity:
            problems.append((i, f"online ({s.online}) is more than capacity ({s.capacity})"))
    for i, a in enumerate(sessions):
        for j in range(i + 1, len(sessions)):
            b = sessions[j]
            shared = sorted(d for d in set(a.days) & set(b.days) if 0 <= d < len(DAY_NAMES))
            # A session with end <= start is refused above; it overlaps nothing.
            if (
                shared
                and a.start < a.end
                and b.start < b.end
                and a.start < b.end
                and b.start < a.end
            ):
                problems.append(
                    (
                        j,
                        f"sessions {a.name!r} and {b.name!r} overlap on "
                        f"{', '.join(DAY_NAMES[d] for d in shared)}",
                    )
                )
    return problems
