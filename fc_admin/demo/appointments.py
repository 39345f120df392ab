"""Demo appointments: the clinics' booking history and near future, as the channels made them.

Planned day by day (flat memory: one day of appointments at a time), for every clinic, from the
clinic's templates and go-live date, the working calendar and the moment ``now`` (R7, R8, R10):

- past days (about twelve weeks): every slot's seat pools filled to a utilisation drawn per
  clinic-day (60-95% of capacity), each appointment made inside the R8 window of its channel at
  the moment it was booked, by the channels serving the clinic then (R7.2): manual telephone and
  ATBS before go-live, online (about 60% of the bookings once live) and manual telephone after;
  then ``ATTENDED``, or ``NO_SHOW`` for about 8%, recorded on the day by the clinic's counter;
- about 5% ``CANCELLED`` besides, with the reason (staff on the telephone) or ``cancelled online``
  (the feed, F3), each cancelled before its slot and before the seat it freed was taken again;
- today and the next days: ``BOOKED``, as far as the windows had opened by ``now`` (R8: a live
  clinic books today and tomorrow, one not live the next 7 working days), so the near days fill
  less the further they are;
- never more active appointments in a slot's pool than its seats (F8, R10.3), one active
  appointment a person a day across all clinics (R10.3), only people the roster makes eligible
  on every day of the period (R1), a contact number for every telephone booking.

Online bookings reach the database through the feed, imported every quarter of an hour by the
scheduled job: a booking or cancellation made after the last import before ``now`` is not in the
database yet. The audit records are the services': ``appointment.book`` for a telephone booking,
``appointment.cancel``, ``appointment.attendance``, and one ``appointments.import`` per import that
carried rows.

The number of appointments follows the clinics' capacity, not the number of people: at most
:data:`PERSON_DAY_SHARE` of the eligible people the bookers are drawn from book on one day, so a
small demo fills its clinics less rather than booking the same people every day.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final, NamedTuple

from fc_admin.demo.accounts import SCHEDULER
from fc_admin.demo.people import Family
from fc_admin.domain.booking_window import Channel, bookable_dates, is_live
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.eligibility import RosterFacts, judge_eligibility
from fc_admin.domain.hktime import HONG_KONG, hk_date
from fc_admin.domain.schedule import ClinicSchedule, Slot
from fc_admin.domain.session_templates import SeatPool

__all__ = [
    "ATBS_ACTOR",
    "FEED_ACTOR",
    "FUTURE_REACH",
    "HISTORY_DAYS",
    "Booker",
    "BookerPool",
    "ClinicPlan",
    "DayPlan",
    "FeedImports",
    "PlannedAppointment",
    "plan_days",
]

HISTORY_DAYS: Final = 84  # calendar days of booking history before today (about 58 working days)
FUTURE_REACH: Final = 21  # R8's widest window (D + 7 working days) always fits in three weeks
UTILISATION: Final = (0.60, 0.95)  # share of a clinic-day's seats booked, drawn per clinic-day
ONLINE_SHARE: Final = 0.60  # of a live clinic's bookings
ATBS_SHARE: Final = 0.40  # of the telephone bookings of a clinic not live yet
NO_SHOW_SHARE: Final = 0.08
CANCEL_SHARE: Final = 0.05  # of all appointments
MAX_FILL: Final = 0.98  # of one pool's seats, on average
PERSON_DAY_SHARE: Final = 0.25  # of the bookers, at most, book on one day
POOL_TARGET: Final = 30_000  # people offered to the booker pool (the eligible ones are kept)
FEED_EVERY: Final = timedelta(minutes=15)  # the scheduled feed import (F3)
ATBS_ACTOR: Final = "system:atbs"  # the automated telephone booking system
FEED_ACTOR: Final = SCHEDULER  # imports the online bookings feed on schedule
ONLINE_CANCEL_REASON: Final = "cancelled online"  # as AppointmentService.import_feed writes it
# Why clinic staff cancelled a telephone booking (R10.4: who, when, why).
CANCEL_REASONS: Final = (
    "Patient unwell, will call again",
    "Patient asked to cancel by phone",
    "Booked the wrong date; patient will rebook",
    "Patient travelling",
    "Family member called to cancel",
    "Duplicate booking found by the counter",
    "Patient admitted to hospital",
)
_REF_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # as AppointmentService issues them
# When each channel takes bookings (minutes of the day): the clinics' telephone lines in office
# hours of working days, ATBS and the online system from early morning to late evening.
_HOURS: Final = {
    Channel.ONLINE: (7 * 60, 24 * 60 - 1),
    Channel.MANUAL: (9 * 60, 17 * 60),
    Channel.ATBS: (7 * 60, 23 * 60),
}
_LAST_BOOKING_BEFORE_SLOT: Final = timedelta(minutes=10)
_MOBILE_FIRST: Final = "5569996"  # HK mobile numbers start with 5, 6 or 9 (mostly)


class Booker(NamedTuple):
    """An eligible person on the current roster, as an appointment copies them."""

    hkid: str
    name_en: str
    name_zh: str
    category: str
    phone: str


class BookerPool:
    """Eligible people the appointments are made for: a deterministic sample of the families
    (about :data:`POOL_TARGET` people offered, whatever the roster's size), kept if the roster
    makes them eligible on the first and the last day of the period (R1)."""

    def __init__(self, seed: int, people: int, first: date, last: date) -> None:
        self._rng = random.Random(f"fc-admin-demo:{seed}:bookers")
        self._share = min(1.0, POOL_TARGET / people) if people > 0 else 0.0
        self._days = (first, last)
        self.bookers: list[Booker] = []

    def offer(self, family: Family) -> None:
        if self._rng.random() >= self._share:
            return
        principal = family.members[0]
        for person in family.members:
            facts = RosterFacts(
                person.category,
                person.relationship,
                person.status,
                person.child_status,
                person.date_of_birth,
                None if person.relationship == "self" else principal.status,
            )
            if any(judge_eligibility(facts, day) for day in self._days):
                continue
            self.bookers.append(
                Booker(person.hkid, person.name.en, person.name.zh, person.category, self._phone())
            )

    def _phone(self) -> str:
        rng = self._rng
        if rng.random() < 0.12:  # a home number
            first = "23"[int(rng.random() * 2)]
        else:
            first = _MOBILE_FIRST[int(rng.random() * len(_MOBILE_FIRST))]
        rest = f"{int(rng.random() * 10_000_000):07d}"
        return f"{first}{rest[:3]} {rest[3:]}"


@dataclass(frozen=True)
class ClinicPlan:
    """What the planner needs of a clinic: its schedule (without closures: the closures are
    made now, after every booking) and the user at its counter."""

    code: str
    go_live: date | None
    schedule: ClinicSchedule
    counter: str  # the clinic's staff user: telephone bookings, cancellations, attendance


@dataclass
class PlannedAppointment:
    clinic: str
    day: date
    start: time
    session: str
    pool: SeatPool
    booker: Booker
    channel: Channel
    booked_at: datetime  # Hong Kong time
    booked_by: str
    status: str = "BOOKED"
    changed_at: datetime | None = None
    changed_by: str | None = None
    cancel_reason: str | None = None
    booking_ref: str = ""


@dataclass(frozen=True)
class SeatCount:
    clinic: str
    day: date
    start: time
    pool: SeatPool
    capacity: int
    taken: int


@dataclass
class DayPlan:
    day: date
    appointments: list[PlannedAppointment]
    seats: list[SeatCount]


class FeedImports:
    """The scheduled feed imports that carried rows: (moment) -> [booked, cancelled]."""

    def __init__(self) -> None:
        self.runs: dict[datetime, list[int]] = {}

    @staticmethod
    def run_after(moment: datetime) -> datetime:
        """The first scheduled import at or after ``moment`` (every :data:`FEED_EVERY`)."""
        local = moment.astimezone(HONG_KONG)
        midnight = datetime.combine(local.date(), time(0), tzinfo=HONG_KONG)
        step = FEED_EVERY.total_seconds()
        runs = -(-(local - midnight).total_seconds() // step)  # ceiling
        return midnight + timedelta(seconds=runs * step)

    def count(self, run: datetime, booked: int = 0, cancelled: int = 0) -> None:
        totals = self.runs.setdefault(run, [0, 0])
        totals[0] += booked
        totals[1] += cancelled


def _at(day: date, minute: float) -> datetime:
    return datetime.combine(day, time(0), tzinfo=HONG_KONG) + timedelta(minutes=minute)


class _Planner:
    def __init__(
        self,
        seed: int,
        now: datetime,
        clinics: Sequence[ClinicPlan],
        bookers: Sequence[Booker],
        calendar: WorkingCalendar,
        feed: FeedImports,
    ) -> None:
        self.rng = random.Random(f"fc-admin-demo:{seed}:appointments")
        self.now = now.astimezone(HONG_KONG)
        self.today = hk_date(now)
        self.clinics = clinics
        self.bookers = bookers
        self.calendar = calendar
        self.feed = feed
        self._windows: dict[tuple[str, Channel, date], frozenset[date]] = {}

    # -- R8 windows ------------------------------------------------------------------------------
    def window(self, clinic: ClinicPlan, channel: Channel, on: date) -> frozenset[date]:
        """The dates ``channel`` books at ``clinic`` on the date ``on`` (R8; by date only)."""
        key = (clinic.code, channel, on)
        found = self._windows.get(key)
        if found is None:
            found = frozenset(
                bookable_dates(
                    channel,
                    clinic.go_live,
                    _at(on, 12 * 60),
                    clinic.schedule.is_operating_day,
                    self.calendar,
                )
            )
            self._windows[key] = found
        return found

    def booking_days(self, clinic: ClinicPlan, channel: Channel, day: date) -> list[date]:
        """The dates on which ``channel`` could book ``day`` at ``clinic``, earliest first."""
        found = []
        for back in range(FUTURE_REACH, -1, -1):
            on = day - timedelta(days=back)
            if channel is Channel.MANUAL and not self.calendar.is_working_day(on):
                continue  # nobody answers the clinic's telephone
            if day in self.window(clinic, channel, on):
                found.append(on)
        return found

    # -- one day ---------------------------------------------------------------------------------
    def plan(self, day: date) -> DayPlan:
        rng = self.rng
        slots = {c.code: [s for s in c.schedule.slots(day) if not s.closed] for c in self.clinics}
        seats = sum(s.capacity for found in slots.values() for s in found)
        if not seats:
            return DayPlan(day, [], [])
        # A small demo has few people: at most a share of them book on one day.
        mean_fill = sum(UTILISATION) / 2
        scale = min(1.0, PERSON_DAY_SHARE * len(self.bookers) / (seats * mean_fill))
        used: set[str] = set()
        appointments: list[PlannedAppointment] = []
        counts: list[SeatCount] = []
        for clinic in self.clinics:
            if not slots[clinic.code]:
                continue
            fill = (UTILISATION[0] + rng.random() * (UTILISATION[1] - UTILISATION[0])) * scale
            made, seat_counts = self._clinic_day(clinic, day, slots[clinic.code], fill, used)
            appointments += made
            counts += seat_counts
        return DayPlan(day, appointments, counts)

    def _clinic_day(
        self, clinic: ClinicPlan, day: date, slots: list[Slot], fill: float, used: set[str]
    ) -> tuple[list[PlannedAppointment], list[SeatCount]]:
        rng = self.rng
        live = is_live(clinic.go_live, day)
        days = {
            channel: self.booking_days(clinic, channel, day)
            for channel in (Channel.ONLINE, Channel.MANUAL, Channel.ATBS)
        }
        made: list[PlannedAppointment] = []
        counts: list[SeatCount] = []
        refs: set[str] = set()
        for slot in slots:
            online = slot.seats[SeatPool.ONLINE]
            telephone = slot.seats[SeatPool.TELEPHONE]
            total = online + telephone
            # F8, R7.2: once live, the online seats take about ONLINE_SHARE of the bookings.
            p_online = min(MAX_FILL, ONLINE_SHARE * fill * total / online) if online else 0.0
            p_phone = (
                min(MAX_FILL, max(0.0, (fill * total - p_online * online) / telephone))
                if telephone
                else 0.0
            )
            for pool, capacity, share in (
                (SeatPool.ONLINE, online, p_online),
                (SeatPool.TELEPHONE, telephone, p_phone),
            ):
                if capacity <= 0:
                    continue
                active: list[PlannedAppointment] = []
                for _ in range(capacity):
                    if rng.random() >= share:
                        continue
                    channel = self._channel(pool, live, days)
                    if channel is None:
                        continue
                    booked = self._book(clinic, slot, pool, channel, days[channel], used)
                    if booked is not None:
                        active.append(booked)
                # At most one cancellation a pool, so the seats held at any moment never
                # exceeded the pool's (see _cancelled); as likely as one per booking would be.
                cancelled = []
                if rng.random() < len(active) * CANCEL_SHARE / (1 - CANCEL_SHARE):
                    gone = self._cancelled(clinic, slot, pool, live, days, active, used)
                    if gone is not None:
                        cancelled.append(gone)
                for a in active:
                    self._outcome(clinic, slot, a)
                if active or cancelled:
                    counts.append(
                        SeatCount(clinic.code, day, slot.start, pool, capacity, len(active))
                    )
                made += active + cancelled
        self._number(clinic, day, made, refs)
        return made, counts

    def _channel(
        self, pool: SeatPool, live: bool, days: dict[Channel, list[date]]
    ) -> Channel | None:
        if pool is SeatPool.ONLINE:
            return Channel.ONLINE if days[Channel.ONLINE] else None
        if not live and days[Channel.ATBS] and self.rng.random() < ATBS_SHARE:
            return Channel.ATBS
        if days[Channel.MANUAL]:
            return Channel.MANUAL
        return Channel.ATBS if days[Channel.ATBS] else None

    @staticmethod
    def _hours(channel: Channel, on: date, slot: Slot) -> tuple[float, float]:
        """Minutes of ``on`` in which ``channel`` could book ``slot`` (none when lo >= hi)."""
        lo, hi = _HOURS[channel]
        if on == slot.day:  # R8.4: before the slot starts
            start = slot.start.hour * 60 + slot.start.minute
            return lo, min(hi, start - _LAST_BOOKING_BEFORE_SLOT.total_seconds() / 60)
        return lo, hi

    def _moment(self, channel: Channel, slot: Slot, choices: list[date]) -> datetime | None:
        """When the booking was made: an opening date of the window, earlier ones likelier
        (popular slots go early), a minute in the channel's hours; None if that is after now
        (not booked yet)."""
        rng = self.rng
        hours = [(d, *self._hours(channel, d, slot)) for d in choices]
        open_hours = [h for h in hours if h[1] < h[2]]
        if not open_hours:
            return None
        on, lo, hi = open_hours[int(len(open_hours) * rng.random() ** 1.6)]
        moment = _at(on, int(lo + rng.random() * (hi - lo)))
        if moment >= self.now:
            return None
        if channel is Channel.ONLINE and FeedImports.run_after(moment) > self.now:
            return None  # booked online, not imported yet
        return moment

    def _person(self, used: set[str]) -> Booker | None:
        bookers = self.bookers
        if not bookers:
            return None
        for _ in range(8):
            b = bookers[int(self.rng.random() * len(bookers))]
            if b.hkid not in used:
                used.add(b.hkid)
                return b
        return None

    def _booked_by(self, clinic: ClinicPlan, channel: Channel) -> str:
        if channel is Channel.ONLINE:
            return f"feed:{FEED_ACTOR}"  # as AppointmentService.import_feed records it
        return ATBS_ACTOR if channel is Channel.ATBS else clinic.counter

    def _book(
        self,
        clinic: ClinicPlan,
        slot: Slot,
        pool: SeatPool,
        channel: Channel,
        choices: list[date],
        used: set[str],
    ) -> PlannedAppointment | None:
        moment = self._moment(channel, slot, choices)
        if moment is None:
            return None
        booker = self._person(used)
        if booker is None:
            return None
        if channel is Channel.ONLINE:
            self.feed.count(FeedImports.run_after(moment), booked=1)
        return PlannedAppointment(
            clinic.code,
            slot.day,
            slot.start,
            slot.session,
            pool,
            booker,
            channel,
            moment,
            self._booked_by(clinic, channel),
        )

    def _cancelled(
        self,
        clinic: ClinicPlan,
        slot: Slot,
        pool: SeatPool,
        live: bool,
        days: dict[Channel, list[date]],
        active: list[PlannedAppointment],
        used: set[str],
    ) -> PlannedAppointment | None:
        """A booking of this pool cancelled before its slot; in a full pool, before the last
        active booking took the seat it freed, so the pool never held more than its seats at any
        moment (R10.3; with one cancellation a pool at most)."""
        rng = self.rng
        channel = self._channel(pool, live, days)
        if channel is None:
            return None
        moment = self._moment(channel, slot, days[channel])
        if moment is None:
            return None
        until = min(slot.starts_at() - timedelta(minutes=5), self.now)
        capacity = slot.seats[pool]
        if len(active) >= capacity:
            until = min(until, max(a.booked_at for a in active))
        room = (until - moment).total_seconds() / 60 - 1
        if room < 1:
            return None
        cancelled_at = moment + timedelta(minutes=1 + int(rng.random() * room))
        if channel is Channel.ONLINE:
            run = FeedImports.run_after(cancelled_at)
            if run > self.now:
                return None  # the cancellation is not imported yet
        booker = self._person(used)
        if booker is None:
            return None
        if channel is Channel.ONLINE:
            self.feed.count(FeedImports.run_after(moment), booked=1)
            self.feed.count(FeedImports.run_after(cancelled_at), cancelled=1)
            by, reason = FEED_ACTOR, ONLINE_CANCEL_REASON
        else:
            by, reason = clinic.counter, CANCEL_REASONS[int(rng.random() * len(CANCEL_REASONS))]
        return PlannedAppointment(
            clinic.code,
            slot.day,
            slot.start,
            slot.session,
            pool,
            booker,
            channel,
            moment,
            self._booked_by(clinic, channel),
            status="CANCELLED",
            changed_at=cancelled_at,
            changed_by=by,
            cancel_reason=reason,
        )

    def _outcome(self, clinic: ClinicPlan, slot: Slot, a: PlannedAppointment) -> None:
        """ATTENDED or NO_SHOW, recorded at the counter on the day (R10.4); still BOOKED if
        that moment is after now."""
        rng = self.rng
        session = clinic.schedule.template_on(slot.day)
        spec = session.session(slot.session) if session is not None else None
        if rng.random() < NO_SHOW_SHARE:
            end = spec.end if spec is not None else slot.end
            at = datetime.combine(slot.day, end, tzinfo=HONG_KONG) + timedelta(
                minutes=10 + int(rng.random() * 35)
            )
            status = "NO_SHOW"
        else:
            at = slot.starts_at() + timedelta(minutes=int(rng.random() * 35) - 10)
            status = "ATTENDED"
        at = max(at, a.booked_at + timedelta(minutes=1))
        if a.channel is Channel.ONLINE:
            at = max(at, FeedImports.run_after(a.booked_at) + timedelta(minutes=1))
        if at >= self.now:
            return
        a.status = status
        a.changed_at = at
        a.changed_by = clinic.counter

    def _number(
        self, clinic: ClinicPlan, day: date, made: list[PlannedAppointment], refs: set[str]
    ) -> None:
        """Booking references: the online system numbers its bookings per clinic and day in the
        order made (as the F3 feed of the demo files); the clinics' console issues random ones
        (AppointmentService)."""
        rng = self.rng
        online = sorted(
            (a for a in made if a.channel is Channel.ONLINE),
            key=lambda a: (a.booked_at, a.start),
        )
        for number, a in enumerate(online, start=1):
            a.booking_ref = f"OL{day:%y%m%d}{clinic.code}{number:04d}"
        for a in made:
            if a.channel is Channel.ONLINE:
                continue
            while True:
                suffix = "".join(
                    _REF_ALPHABET[int(rng.random() * len(_REF_ALPHABET))] for _ in range(5)
                )
                ref = f"{clinic.code}{day:%y%m%d}-{suffix}"
                if ref not in refs:
                    refs.add(ref)
                    a.booking_ref = ref
                    break


def plan_days(
    seed: int,
    now: datetime,
    clinics: Sequence[ClinicPlan],
    bookers: Sequence[Booker],
    calendar: WorkingCalendar,
    feed: FeedImports,
) -> Iterator[DayPlan]:
    """Every day's appointments from :data:`HISTORY_DAYS` before ``now`` to the end of the
    widest booking window, in date order; the online feed's imports are counted into ``feed``."""
    planner = _Planner(seed, now, clinics, bookers, calendar, feed)
    today = planner.today
    day = today - timedelta(days=HISTORY_DAYS)
    while day <= today + timedelta(days=FUTURE_REACH):
        yield planner.plan(day)
        day += timedelta(days=1)
