"""Demo exchange files: roster CSVs (F1), signed e-forms (F2) and an online bookings feed (F3).

Written as the families are generated (one pass, flat memory). The same seed, number of people and
``as_of`` date give byte-identical files: the e-form signing key is derived from the seed (Ed25519
signatures are deterministic), and nothing depends on the clock. ``as_of`` defaults to a fixed
date in the first weeks of the rollout (R7.1: CW and FL live from 20 January 2025), so the feed has
online bookings to show.

Layout of the folder::

    LCSD.csv HKPF.csv ... PEN.csv   one roster per source (F1), in the encodings F1 allows
    eforms/EF20250106-000001.json   one signed e-form per file (F2); a few must be refused
                                    (tampered, unknown key, 7 members, duplicate JSON keys)
    keys/eform-demo-<seed>.pem      the public key the e-forms verify with
    bookings.csv                    the online bookings feed (F3)
"""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fc_admin.demo.forms import FormDraft, FormMaker, eform_document, eform_key_id
from fc_admin.demo.people import Family, FamilyGenerator, Person, looks_eligible
from fc_admin.demo.rejects import RejectMaker
from fc_admin.demo.sources import SOURCES, DemoSource
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.tasks import NO_CONTROL, TaskControl

__all__ = [
    "DEFAULT_AS_OF",
    "DemoFilesSummary",
    "RosterFile",
    "canonical_bytes",
    "demo_signing_key",
    "load_public_key",
    "sign_eform",
    "verify_eform",
    "write_demo_files",
]

DEFAULT_AS_OF = date(2025, 1, 24)  # a Friday of the first rollout week (R7.1)
EFORM_SHARE = 0.03  # of families
EFORMS_OVER_DAYS = 21  # e-forms were submitted over the three weeks up to as_of
FEED_CLINICS: tuple[tuple[str, date], ...] = (("CW", date(2025, 1, 20)), ("FL", date(2025, 1, 20)))
FEED_MAX_DAYS = 10  # operating days in the feed, up to as_of
# The weekly sessions of formats.md F8's example: 15-minute slots, 2 online seats each.
_SESSIONS = ((time(9, 0), time(13, 0)), (time(14, 0), time(17, 0)))
_SLOT_MINUTES = 15
_ONLINE_SEATS = 2
_BOOKINGS_PER_SLOT_CUM = (0.35, 0.75, 1.0)  # P(0), P(<=1), P(<=2) bookings of a slot
_CANCEL_SHARE = 0.08
_BOOKED_DAY_BEFORE_SHARE = 0.45
_RESERVOIR = 2_000  # eligible people the feed's bookers are drawn from
F3_COLUMNS = (
    "booking_ref",
    "hkid",
    "clinic",
    "date",
    "start_time",
    "channel",
    "status",
    "booked_at",
)


# --- F2 signatures ------------------------------------------------------------------------------
def canonical_bytes(form: Mapping[str, Any]) -> bytes:
    """F2: the bytes signed, i.e. the form without ``signature``, keys sorted, no white space,
    non-ASCII as itself, UTF-8 (RFC 8785 for these payloads)."""
    body = {k: v for k, v in form.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def demo_signing_key(seed: int) -> Ed25519PrivateKey:
    """The demo e-form platform's key: 32 bytes derived from the seed, so files are reproducible."""
    secret = hashlib.sha256(f"fc-admin demo e-form signing key {seed}".encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(secret)


def public_key_pem(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public_key(path: Path) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path}: not an Ed25519 public key")
    return key


def sign_eform(form: dict[str, Any], key: Ed25519PrivateKey, key_id: str) -> dict[str, Any]:
    """``form`` with its ``signature`` member (added last, as in the samples)."""
    signature = key.sign(canonical_bytes(form))
    signed = {k: v for k, v in form.items() if k != "signature"}
    signed["signature"] = {
        "alg": "Ed25519",
        "key_id": key_id,
        "value": base64.b64encode(signature).decode("ascii"),
    }
    return signed


def verify_eform(form: Mapping[str, Any], keys: Mapping[str, Ed25519PublicKey]) -> bool:
    """Whether ``form``'s signature verifies with the trusted key its ``key_id`` names."""
    signature = form.get("signature")
    if not isinstance(signature, Mapping) or signature.get("alg") != "Ed25519":
        return False
    key = keys.get(str(signature.get("key_id")))
    if key is None:
        return False
    try:
        key.verify(
            base64.b64decode(str(signature.get("value")), validate=True), canonical_bytes(form)
        )
    except (InvalidSignature, ValueError):
        return False
    return True


# --- the summary --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RosterFile:
    source: str
    path: Path
    rows: int
    encoding: str  # utf-8, utf-8-sig (with BOM) or big5hkscs


@dataclass(frozen=True)
class DemoFilesSummary:
    directory: Path
    people: int
    families: int
    rosters: tuple[RosterFile, ...]
    eforms_dir: Path
    eforms: int
    eform_members: int
    key_id: str
    public_key: Path
    bookings: Path
    booking_rows: int  # bookings and cancellations
    cancellations: int
    rejected_eforms: tuple[str, ...] = ()  # file names in eforms/ that must be refused (R2.3)

    @property
    def roster_files(self) -> tuple[Path, ...]:
        return tuple(r.path for r in self.rosters)


# --- writers ------------------------------------------------------------------------------------
class _RosterWriter:
    def __init__(self, directory: Path, source: DemoSource) -> None:
        self.source = source
        self.path = directory / f"{source.code}.csv"
        # F1: CRLF line ends (the csv module's default), the encoding the source's system uses.
        self._file: IO[str] = open(  # noqa: SIM115 - closed in close()
            self.path, "w", encoding=source.encoding, newline=""
        )
        self._csv = csv.writer(self._file)
        self._csv.writerow(source.columns)
        self._iso = source.date_format == "%Y-%m-%d"
        self.rows = 0

    def _date(self, value: date | None) -> str:
        if value is None:
            return ""
        return value.isoformat() if self._iso else value.strftime(self.source.date_format)

    def write(self, p: Person) -> None:
        fields = {
            "source": p.source,
            "staff_no": p.staff_no or "",
            "hkid": p.hkid,
            "name_en": p.name.en,
            "name_zh": p.name.zh,
            "date_of_birth": self._date(p.date_of_birth),
            "category": p.category,
            "relationship": p.relationship,
            "principal_hkid": p.principal_hkid,
            "child_status": p.child_status or "",
            "status": p.status,
            "status_date": self._date(p.status_date),
        }
        self._csv.writerow([fields[c] for c in self.source.columns])
        self.rows += 1

    def close(self) -> None:
        self._file.close()


class _EformWriter:
    def __init__(self, directory: Path, seed: int, as_of: date) -> None:
        self.directory = directory
        self.key = demo_signing_key(seed)
        self.key_id = eform_key_id(seed)
        self.as_of = as_of
        self._rng = random.Random(f"fc-admin-demo:{seed}:eform-times")
        self.number = 0  # the platform numbers every e-form, good or bad
        self.count = 0
        self.members = 0

    def _submitted_at(self, after: datetime | None) -> datetime:
        if after is not None:
            # A later form of the same family: some minutes to days after the first.
            end = datetime.combine(self.as_of, time(23, 59), tzinfo=HONG_KONG)
            room = max(int((end - after).total_seconds() // 60), 1)
            return min(after + timedelta(minutes=1 + int(self._rng.random() * room)), end)
        day = self.as_of - timedelta(days=int(self._rng.random() * EFORMS_OVER_DAYS))
        minute = 7 * 60 + int(self._rng.random() * 17 * 60)  # 07:00-23:59, iAM Smart never sleeps
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=HONG_KONG)

    def next_form_id(self, submitted: datetime) -> str:
        self.number += 1
        return f"EF{submitted:%Y%m%d}-{self.number:06d}"

    def write(self, form: FormDraft, after: datetime | None = None) -> datetime:
        """Sign and write ``form``; the moment it was submitted (``after`` that, if given)."""
        self.count += 1
        submitted = self._submitted_at(after)
        form_id = self.next_form_id(submitted)
        signed = sign_eform(eform_document(form, form_id, submitted), self.key, self.key_id)
        with open(self.directory / f"{form_id}.json", "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(signed, indent=2, ensure_ascii=False))
            f.write("\n")
        self.members += len(form.members)
        return submitted

    def write_rejected(self, rejects: RejectMaker, family: Family) -> str:
        """A file that must be refused (R2.3), made from a form of ``family``; its name."""
        submitted = rejects.submitted_at(EFORMS_OVER_DAYS)
        bad = rejects.make(family, self.next_form_id(submitted), submitted)
        with open(self.directory / bad.file_name, "w", encoding="utf-8", newline="\n") as f:
            f.write(bad.text)
        return bad.file_name


class _Reservoir:
    """A uniform sample of a stream of fixed size (algorithm R): flat memory, deterministic."""

    def __init__(self, size: int, rng: random.Random) -> None:
        self.size = size
        self.items: list[str] = []
        self._seen = 0
        self._rng = rng

    def offer(self, item: str) -> None:
        self._seen += 1
        if len(self.items) < self.size:
            self.items.append(item)
        else:
            j = int(self._rng.random() * self._seen)
            if j < self.size:
                self.items[j] = item


def _write_bookings(
    path: Path, bookers: list[str], rng: random.Random, as_of: date
) -> tuple[int, int]:
    """F3 for the last operating days up to ``as_of`` at the live clinics; (rows, cancellations).

    A slot never gets more than its online seats, counting cancelled bookings too, and a person
    has at most one booking a day, so the feed imports under R10.3 whatever order an importer
    frees seats in.
    """
    calendar = WorkingCalendar()
    live_from = min(d for _, d in FEED_CLINICS)
    days: list[date] = []
    day = as_of
    while day >= live_from and len(days) < FEED_MAX_DAYS:
        if calendar.is_working_day(day):
            days.append(day)
        day -= timedelta(days=1)
    days.reverse()
    events: list[tuple[datetime, str, int, list[str]]] = []
    cancellations = 0
    for day in days:
        booked_today: set[str] = set()
        for clinic, go_live in FEED_CLINICS:
            if day < go_live:
                continue
            previous = day - timedelta(days=1)
            # R8.1: the live window is the day and the next calendar day, if operating days.
            can_book_day_before = previous >= go_live and calendar.is_working_day(previous)
            number = 0
            for start, end in _SESSIONS:
                slot = datetime.combine(day, start, tzinfo=HONG_KONG)
                session_end = datetime.combine(day, end, tzinfo=HONG_KONG)
                while slot + timedelta(minutes=_SLOT_MINUTES) <= session_end:
                    draw = rng.random()
                    wanted = next(i for i, p in enumerate(_BOOKINGS_PER_SLOT_CUM) if draw < p)
                    for _ in range(min(wanted, _ONLINE_SEATS)):
                        hkid = None
                        for _try in range(10):
                            candidate = (
                                bookers[int(rng.random() * len(bookers))] if bookers else None
                            )
                            if candidate is not None and candidate not in booked_today:
                                hkid = candidate
                                break
                        if hkid is None:
                            continue
                        booked_today.add(hkid)
                        number += 1
                        ref = f"OL{day:%y%m%d}{clinic}{number:04d}"
                        if can_book_day_before and rng.random() < _BOOKED_DAY_BEFORE_SHARE:
                            booked_at = datetime.combine(
                                previous, time(8), tzinfo=HONG_KONG
                            ) + timedelta(minutes=int(rng.random() * 14 * 60))
                        else:
                            earliest = datetime.combine(day, time(7), tzinfo=HONG_KONG)
                            window = (slot - timedelta(minutes=30) - earliest).total_seconds()
                            booked_at = earliest + timedelta(
                                minutes=int(rng.random() * window / 60)
                            )
                        row = [
                            ref,
                            hkid,
                            clinic,
                            day.isoformat(),
                            f"{slot:%H:%M}",
                            "online",
                            "booked",
                            booked_at.isoformat(),
                        ]
                        events.append((booked_at, ref, 0, row))
                        if rng.random() < _CANCEL_SHARE:
                            room = (slot - timedelta(minutes=5) - booked_at).total_seconds()
                            cancelled_at = booked_at + timedelta(
                                minutes=1 + int(rng.random() * max(room / 60 - 1, 1))
                            )
                            # The row's moment is the cancellation's (import_feed records it).
                            events.append(
                                (
                                    cancelled_at,
                                    ref,
                                    1,
                                    [*row[:6], "cancelled", cancelled_at.isoformat()],
                                )
                            )
                            cancellations += 1
                    slot += timedelta(minutes=_SLOT_MINUTES)
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    # References are issued in the order the bookings were made, per clinic and day.
    issued: dict[str, str] = {}
    next_number: dict[tuple[str, str], int] = {}
    for _, draft_ref, kind, row in events:
        if kind == 0:
            key = (row[3], row[2])
            next_number[key] = next_number.get(key, 0) + 1
            issued[draft_ref] = (
                f"OL{row[3][2:4]}{row[3][5:7]}{row[3][8:10]}{row[2]}{next_number[key]:04d}"
            )
        row[0] = issued[draft_ref]
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(F3_COLUMNS)
        writer.writerows(e[3] for e in events)
    return len(events), cancellations


def write_demo_files(
    directory: Path,
    people: int = 2000,
    seed: int = 1,
    control: TaskControl | None = None,
    *,
    as_of: date = DEFAULT_AS_OF,
) -> DemoFilesSummary:
    """Write the demo files into ``directory`` (created if missing; it must hold nothing yet).

    Cancelling through ``control`` raises :class:`~fc_admin.tasks.Cancelled` and leaves the files
    written so far; the folder was empty before, so it can simply be removed.
    """
    if people < 0:
        raise ValueError(f"people must not be negative, not {people}")
    control = control or NO_CONTROL
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise FileExistsError(f"{directory} is not empty; demo files go into a new or empty folder")
    eforms_dir = directory / "eforms"
    keys_dir = directory / "keys"
    eforms_dir.mkdir(parents=True, exist_ok=True)
    keys_dir.mkdir(exist_ok=True)
    control.progress(0, people, "people")

    eforms = _EformWriter(eforms_dir, seed, as_of)
    key_path = keys_dir / f"{eforms.key_id}.pem"
    key_path.write_bytes(public_key_pem(eforms.key))
    maker = FormMaker(seed, as_of, EFORM_SHARE, in_person_share=0.0)
    rejects = RejectMaker(seed, as_of, eforms.key, eforms.key_id)
    rejected: list[str] = []
    bookings_rng = random.Random(f"fc-admin-demo:{seed}:bookings")
    bookers = _Reservoir(_RESERVOIR, bookings_rng)
    writers = {s.code: _RosterWriter(directory, s) for s in SOURCES}
    done = families = 0
    try:
        for family in FamilyGenerator(seed, as_of).families(people):
            families += 1
            writer = writers[family.source]
            principal = family.principal
            for person in family.members:
                writer.write(person)
                # Eligible on every day the feed books (R1), not just on the roster's date.
                if looks_eligible(person, principal, as_of) and looks_eligible(
                    person, principal, as_of - timedelta(days=2 * FEED_MAX_DAYS)
                ):
                    bookers.offer(person.hkid)
            done += len(family.members)
            first: datetime | None = None
            for form in maker.forms_for(family):
                submitted = eforms.write(form, after=first if form.repeat else None)
                first = first or submitted
            if rejects.wants(family):
                rejected.append(eforms.write_rejected(rejects, family))
            if families % 4_000 == 0:
                control.progress(done, people, "people")
    finally:
        for w in writers.values():
            w.close()
    bookings_path = directory / "bookings.csv"
    rows, cancellations = _write_bookings(bookings_path, bookers.items, bookings_rng, as_of)
    control.progress(done, people, "people")
    return DemoFilesSummary(
        directory=directory,
        people=done,
        families=families,
        rosters=tuple(
            RosterFile(w.source.code, w.path, w.rows, w.source.encoding) for w in writers.values()
        ),
        eforms_dir=eforms_dir,
        eforms=eforms.count,
        eform_members=eforms.members,
        key_id=eforms.key_id,
        public_key=key_path,
        bookings=bookings_path,
        booking_rows=rows,
        cancellations=cancellations,
        rejected_eforms=tuple(rejected),
    )
