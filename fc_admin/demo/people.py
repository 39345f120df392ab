"""A deterministic, streaming generator of families of civil service eligible persons (R1).

:func:`generate_families` yields one :class:`Family` at a time (principal first, then the spouse,
then the children from the eldest), so a roster of 600,000 people never sits in memory. The same
``seed`` gives the same families; ages are drawn relative to ``as_of`` (the roster date), so the
HKIDs and names of a seed do not depend on that date, only the dates of birth do.

What the demo contains, so that every branch of R1 shows up in verification:

- principals: serving officers of several departments, pensioners and survivors (Pensions
  Division, ``PEN``);
- spouses (most officers and pensioners) and children of every age: under 19; 19-20 with
  ``child_status`` ``fte`` or ``infirm``, and some without it (ineligible under R1.2); a few over
  21 still listed by their department (stale rows, ineligible);
- inactive officers and suspended pensions (``status`` ``inactive`` with a ``status_date``), and
  a few inactive dependants;
- HKIDs that are valid (R9.1) and unique: the n-th person's number is an affine permutation of
  n over all (prefix, six digits) pairs, so uniqueness needs no set of the numbers issued.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

from fc_admin.demo.names import HkName, NameMaker, Surname
from fc_admin.demo.sources import PENSIONS, SOURCE_CUM_SHARES, SOURCES
from fc_admin.domain.hkid import check_character

__all__ = [
    "HKID_PREFIXES",
    "Family",
    "FamilyGenerator",
    "HkidSequence",
    "Person",
    "age_on",
    "generate_families",
    "looks_eligible",
]

# Prefixes in use on Hong Kong identity cards; two-letter ones are rarer in life, but each prefix
# gets the same million numbers here (the permutation needs a rectangle).
HKID_PREFIXES: tuple[str, ...] = (
    "A",
    "B",
    "C",
    "D",
    "E",
    "G",
    "H",
    "K",
    "M",
    "P",
    "R",
    "S",
    "T",
    "V",
    "Y",
    "Z",
    "WX",
    "XA",
)
_NUMBERS_PER_PREFIX = 1_000_000
_DAYS_PER_YEAR = 365.2425


class Person(NamedTuple):
    hkid: str  # canonical, A123456(3)
    name: HkName
    date_of_birth: date
    sex: str  # M | F
    category: str  # officer | pensioner | survivor | dependant
    relationship: str  # self | spouse | child
    principal_hkid: str
    child_status: str | None  # fte | infirm | None
    status: str  # active | inactive
    status_date: date | None
    staff_no: str | None  # principals only
    source: str

    @property
    def name_en(self) -> str:
        return self.name.en

    @property
    def name_zh(self) -> str:
        return self.name.zh


class Family(NamedTuple):
    number: int  # 0, 1, 2 ... in generation order
    source: str
    members: tuple[Person, ...]  # the principal first

    @property
    def principal(self) -> Person:
        return self.members[0]


def age_on(born: date, on: date) -> int:
    """Completed years of age on ``on``."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def looks_eligible(person: Person, principal: Person, as_of: date) -> bool:
    """R1 as the roster says on ``as_of`` (for choosing realistic bookers and applicants)."""
    if person.status != "active" or principal.status != "active":
        return False
    if person.relationship != "child":
        return True
    age = age_on(person.date_of_birth, as_of)
    return age < 19 or (age < 21 and person.child_status in ("fte", "infirm"))


class HkidSequence:
    """The n-th HKID of a seed: ``x = (a * n + b) mod M`` over M = prefixes x 10**6 numbers.

    ``a`` is coprime to M, so n -> x is a bijection and distinct n give distinct HKIDs; a and b
    come from the seed, so two seeds give different people.
    """

    def __init__(self, seed: int) -> None:
        self.capacity = len(HKID_PREFIXES) * _NUMBERS_PER_PREFIX
        digest = hashlib.sha256(f"fc-admin demo hkids {seed}".encode()).digest()
        a = int.from_bytes(digest[:8], "big") % self.capacity
        while math.gcd(a, self.capacity) != 1:
            a += 1
        self._a = a
        self._b = int.from_bytes(digest[8:16], "big") % self.capacity

    def __getitem__(self, n: int) -> str:
        if not 0 <= n < self.capacity:
            raise IndexError(f"HKID number {n} out of range 0-{self.capacity - 1}")
        prefix_index, number = divmod((self._a * n + self._b) % self.capacity, _NUMBERS_PER_PREFIX)
        prefix = HKID_PREFIXES[prefix_index]
        digits = f"{number:06d}"
        return f"{prefix}{digits}({check_character(prefix, digits)})"


# --- the shape of the population (rough shares, documented rather than sourced) -----------------
_PENSIONER_SHARE_OF_PEN = 0.88  # the rest of PEN's principals are survivors
_MALE_SHARE = {"officer": 0.62, "pensioner": 0.72, "survivor": 0.10}
_INACTIVE_SHARE = {"officer": 0.025, "pensioner": 0.015, "survivor": 0.02, "dependant": 0.008}
# triangular(low, high, mode) of the age in years
_AGE = {
    "officer": (19.5, 64.9, 48.0),
    "pensioner": (55.0, 98.0, 68.0),
    "survivor": (45.0, 99.0, 78.0),
}
_SPOUSE_SHARE = {"officer": 0.68, "pensioner": 0.62, "survivor": 0.0}
_CHILDREN_CUM = {  # cumulative P(0, 1, 2, 3, 4 children)
    "officer": (0.25, 0.60, 0.92, 0.99, 1.0),
    "pensioner": (0.15, 0.45, 0.85, 0.97, 1.0),
    "survivor": (0.70, 0.85, 0.97, 1.0, 1.0),
}
_STALE_ADULT_CHILD_SHARE = 0.04  # children 21+ a roster still lists (ineligible)
_CHILD_STATUS_19_20 = (("fte", 0.65), ("infirm", 0.05))  # the rest have none (ineligible)


class FamilyGenerator:
    """Generates families one by one; see the module documentation."""

    def __init__(self, seed: int, as_of: date) -> None:
        self.seed = seed
        self.as_of = as_of
        self._as_of_ordinal = as_of.toordinal()
        self._rng = random.Random(f"fc-admin-demo:{seed}:people")
        self._names = NameMaker(self._rng)
        self.hkids = HkidSequence(seed)
        self._next_hkid = 0
        start = random.Random(f"fc-admin-demo:{seed}:staff-numbers")
        self._staff_numbers = {s.code: 100_000 + start.randrange(300_000) for s in SOURCES}
        self._staff_prefixes = {s.code: s.staff_prefix for s in SOURCES}
        self._share_total = SOURCE_CUM_SHARES[-1]

    # -- small draws -----------------------------------------------------------------------------
    def _born(self, age_years: float) -> date:
        ordinal = self._as_of_ordinal - int(age_years * _DAYS_PER_YEAR)
        return date.fromordinal(min(ordinal, self._as_of_ordinal))

    def _status(self, category: str) -> tuple[str, date | None]:
        rng = self._rng
        if rng.random() < _INACTIVE_SHARE[category]:
            return "inactive", self.as_of - timedelta(days=1 + int(rng.random() * 400))
        return "active", None

    def _hkid(self) -> str:
        hkid = self.hkids[self._next_hkid]
        self._next_hkid += 1
        return hkid

    def _staff_no(self, source: str) -> str:
        number = self._staff_numbers[source]
        self._staff_numbers[source] = number + 1 + int(self._rng.random() * 3)
        return f"{self._staff_prefixes[source]}{number:06d}"

    # -- a family --------------------------------------------------------------------------------
    def family(self, number: int, max_members: int | None = None) -> Family:
        rng = self._rng
        source_index = bisect.bisect_right(SOURCE_CUM_SHARES, rng.random() * self._share_total)
        source = SOURCES[min(source_index, len(SOURCES) - 1)].code
        if source == PENSIONS:
            category = "pensioner" if rng.random() < _PENSIONER_SHARE_OF_PEN else "survivor"
        else:
            category = "officer"
        age = rng.triangular(*_AGE[category])
        sex = "M" if rng.random() < _MALE_SHARE[category] else "F"
        born = self._born(age)
        name = self._names.name(sex, born.year)
        status, status_date = self._status(category)
        principal_hkid = self._hkid()
        members = [
            Person(
                principal_hkid,
                name,
                born,
                sex,
                category,
                "self",
                principal_hkid,
                None,
                status,
                status_date,
                self._staff_no(source),
                source,
            )
        ]

        spouse_age: float | None = None
        spouse_surname: Surname | None = None
        married = rng.random() < _SPOUSE_SHARE[category] * (1.0 if age >= 24 else 0.2)
        if married and (max_members is None or len(members) < max_members):
            spouse_sex = "F" if sex == "M" else "M"
            gap = rng.gauss(2.5, 3.5)
            spouse_age = max(20.0, age - gap if sex == "M" else age + gap)
            spouse_born = self._born(spouse_age)
            spouse_surname = self._names.surname()
            spouse_name = self._names.name(spouse_sex, spouse_born.year, spouse_surname)
            s_status, s_date = self._status("dependant")
            members.append(
                Person(
                    self._hkid(),
                    spouse_name,
                    spouse_born,
                    spouse_sex,
                    "dependant",
                    "spouse",
                    principal_hkid,
                    None,
                    s_status,
                    s_date,
                    None,
                    source,
                )
            )

        # Children take the father's surname; the mother's age decides when they were born.
        if sex == "M":
            father_surname: Surname | None = name.surname
            mother_age = spouse_age if spouse_age is not None else age - 3.0
        else:
            # A mother without a listed husband: one surname for all her children, often hers.
            father_surname = spouse_surname
            if father_surname is None:
                father_surname = name.surname if rng.random() < 0.5 else self._names.surname()
            mother_age = age
        count = bisect.bisect_right(_CHILDREN_CUM[category], rng.random())
        children: list[tuple[date, str, str | None, HkName]] = []
        for _ in range(count):
            child_age = mother_age - rng.uniform(23.0, 43.0)
            child_sex = "M" if rng.random() < 0.51 else "F"
            if child_age < 0:
                continue  # not born yet: young parents have fewer children listed
            child_born = self._born(child_age)
            years = age_on(child_born, self.as_of)
            child_status: str | None = None
            if years >= 21:
                if rng.random() >= _STALE_ADULT_CHILD_SHARE:
                    continue  # no longer a dependant; departments usually drop the row
                child_status = "fte" if rng.random() < 0.4 else None
            elif years >= 19:
                draw = rng.random()
                for value, share in _CHILD_STATUS_19_20:
                    if draw < share:
                        child_status = value
                        break
                    draw -= share
            children.append(
                (
                    child_born,
                    child_sex,
                    child_status,
                    self._names.name(child_sex, child_born.year, father_surname),
                )
            )
        children.sort(key=lambda c: (c[0], c[3].en))
        for child_born, child_sex, child_status, child_name in children:
            if max_members is not None and len(members) >= max_members:
                break
            c_status, c_date = self._status("dependant")
            members.append(
                Person(
                    self._hkid(),
                    child_name,
                    child_born,
                    child_sex,
                    "dependant",
                    "child",
                    principal_hkid,
                    child_status,
                    c_status,
                    c_date,
                    None,
                    source,
                )
            )
        return Family(number, source, tuple(members))

    def families(self, people: int) -> Iterator[Family]:
        """Families until exactly ``people`` persons; the last one may be cut short."""
        remaining = people
        number = 0
        while remaining > 0:
            family = self.family(number, max_members=remaining)
            remaining -= len(family.members)
            number += 1
            yield family


def generate_families(people: int, seed: int, as_of: date) -> Iterator[Family]:
    """Deterministic families totalling exactly ``people`` persons (see the module docs)."""
    if people < 0:
        raise ValueError(f"people must not be negative, not {people}")
    return FamilyGenerator(seed, as_of).families(people)
