"""Application forms (R2) for a share of the demo families, with the slips real forms have.

Used both for the signed e-form files (F2) and for the application rows of a seeded database, so
that verification of demo data shows every outcome of R3.2. Most members are typed exactly as the
roster lists them; a few, chosen at random, are not:

- ``name_order`` — ``Tai Man CHAN``: equivalent after normalisation (R3.3), still ``ELIGIBLE``;
- ``name_hyphen`` — ``CHAN, Tai-man``: equivalent too;
- ``name_slip`` — one syllable mistyped (``Mun`` for ``Man``): ``REVIEW``;
- ``dob_slip`` — day and month swapped, or the year off by one: ``MISMATCH``;
- ``unlisted_child`` — a new-born the department has not listed yet: ``NOT_FOUND``.

Ineligible members come from the rosters themselves (inactive principals, children 19-20 without
``child_status``, children over 21), so no slip is needed for ``INELIGIBLE``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from fc_admin.demo.names import HkName, NameMaker, email_local_part, misspell
from fc_admin.demo.people import Family, HkidSequence, Person, age_on

__all__ = ["MAX_MEMBERS", "FormDraft", "FormMaker", "FormMember", "eform_key_id"]

MAX_MEMBERS = 6  # R2.1
_DOMAINS = ("example.org", "example.com", "example.net")

# Per member, the share of each slip (see the module documentation).
_SLIPS = (("name_order", 0.02), ("name_hyphen", 0.015), ("name_slip", 0.01), ("dob_slip", 0.01))
_UNLISTED_CHILD_SHARE = 0.015  # of forms of serving officers with room for one more member


def eform_key_id(seed: int) -> str:
    """The key ID demo e-forms are signed with (F2), also recorded on seeded applications."""
    return f"eform-demo-{seed}"


@dataclass(frozen=True)
class FormMember:
    hkid: str
    name_en: str
    name_zh: str
    date_of_birth: date
    category: str
    relationship: str
    principal_hkid: str
    department: str
    staff_no: str | None
    email: str | None
    child_status: str | None
    slip: str | None = None  # which deliberate difference from the roster, if any

    def as_eform(self) -> dict[str, Any]:
        """The member as in F2 (key order as in the spec's example)."""
        return {
            "hkid": self.hkid,
            "name_en": self.name_en,
            "name_zh": self.name_zh,
            "date_of_birth": self.date_of_birth.isoformat(),
            "category": self.category,
            "relationship": self.relationship,
            "principal_hkid": self.principal_hkid,
            "department": self.department,
            "staff_no": self.staff_no,
            "email": self.email,
            "child_status": self.child_status,
        }


@dataclass(frozen=True)
class FormDraft:
    family_number: int
    channel: str  # iam_smart | in_person
    applicant_hkid: str
    applicant_email: str | None
    applicant_mobile: str | None
    members: tuple[FormMember, ...]


class FormMaker:
    """Decides, family by family, whether the family applied and what its form says.

    ``share`` of the families apply; ``in_person_share`` of the forms are paper forms (the rest
    are iAM Smart e-forms). Draws come from a generator of its own, so the people of a seed are the
    same with or without forms.
    """

    def __init__(
        self, seed: int, as_of: date, share: float = 0.03, in_person_share: float = 0.0
    ) -> None:
        self.as_of = as_of
        self.share = share
        self.in_person_share = in_person_share
        self._rng = random.Random(f"fc-admin-demo:{seed}:forms")
        self._names = NameMaker(self._rng)
        self._hkids = HkidSequence(seed)
        self._unlisted = 0  # HKIDs for people on no roster are taken from the top of the range

    def _email(self, name: HkName) -> str:
        rng = self._rng
        local = email_local_part(name)
        if rng.random() < 0.4:
            local += str(int(rng.random() * 90) + 10)
        return f"{local}@{_DOMAINS[int(rng.random() * len(_DOMAINS))]}"

    def _mobile(self) -> str:
        rng = self._rng
        return "569"[int(rng.random() * 3)] + f"{int(rng.random() * 10_000_000):07d}"

    def _slip(self) -> str | None:
        draw = self._rng.random()
        for slip, share in _SLIPS:
            if draw < share:
                return slip
            draw -= share
        return None

    def _member(self, person: Person, family: Family, email: str | None) -> FormMember:
        slip = self._slip()
        name_en = person.name_en
        born = person.date_of_birth
        if slip == "name_order":
            name_en = f"{' '.join(person.name.given_en)} {person.name.surname_en}"
        elif slip == "name_hyphen":
            given = person.name.given_en
            if len(given) < 2:
                slip = None
            else:
                name_en = f"{person.name.surname_en}, {given[0]}-{given[1].lower()}"
        elif slip == "name_slip":
            name_en = misspell(person.name, self._rng)
        elif slip == "dob_slip":
            if born.day <= 12 and born.day != born.month:
                born = date(born.year, born.day, born.month)
            else:
                year = born.year + 1 if born.year < self.as_of.year - 1 else born.year - 1
                born = born.replace(year=year, day=min(born.day, 28))
        return FormMember(
            hkid=person.hkid,
            name_en=name_en,
            name_zh=person.name_zh,
            date_of_birth=born,
            category=person.category,
            relationship=person.relationship,
            principal_hkid=person.principal_hkid,
            department=family.source,
            staff_no=person.staff_no,
            email=email,
            child_status=person.child_status,
            slip=slip,
        )

    def _unlisted_child(self, family: Family) -> FormMember:
        principal = family.principal
        spouse = next((m for m in family.members if m.relationship == "spouse"), None)
        father = principal if principal.sex == "M" or spouse is None else spouse
        sex = "M" if self._rng.random() < 0.51 else "F"
        born = self.as_of - timedelta(days=30 + int(self._rng.random() * 220))
        name = self._names.name(sex, born.year, father.name.surname)
        self._unlisted += 1
        hkid = self._hkids[self._hkids.capacity - self._unlisted]
        return FormMember(
            hkid=hkid, name_en=name.en, name_zh=name.zh, date_of_birth=born,
            category="dependant", relationship="child", principal_hkid=principal.hkid,
            department=family.source, staff_no=None, email=None, child_status=None,
            slip="unlisted_child",
        )

    def form_for(self, family: Family) -> FormDraft | None:
        """The family's form, or None if it has not applied."""
        rng = self._rng
        if rng.random() >= self.share:
            return None
        principal = family.principal
        adults = [m for m in family.members if age_on(m.date_of_birth, self.as_of) >= 18]
        chosen: list[Person] = []
        for person in family.members:
            if person.relationship == "self":
                keep = rng.random() < 0.92 or len(adults) < 2
            else:
                keep = rng.random() < (0.85 if person.relationship == "spouse" else 0.8)
            if keep and len(chosen) < MAX_MEMBERS:
                chosen.append(person)
        if not chosen:
            chosen.append(principal)
        applicant = next(
            (m for m in chosen if age_on(m.date_of_birth, self.as_of) >= 18), chosen[0]
        )
        channel = "in_person" if rng.random() < self.in_person_share else "iam_smart"
        applicant_email: str | None = self._email(applicant.name)
        if channel == "in_person" and rng.random() < 0.35:
            applicant_email = None  # a printed letter, then (R5.1)
        members = []
        for person in chosen:
            own_email = None
            if (
                person is not applicant
                and age_on(person.date_of_birth, self.as_of) >= 18
                and rng.random() < 0.25
            ):
                own_email = self._email(person.name)
            members.append(self._member(person, family, own_email))
        if (
            principal.category == "officer"
            and len(members) < MAX_MEMBERS
            and rng.random() < _UNLISTED_CHILD_SHARE
        ):
            members.append(self._unlisted_child(family))
        return FormDraft(
            family_number=family.number,
            channel=channel,
            applicant_hkid=applicant.hkid,
            applicant_email=applicant_email,
            applicant_mobile=self._mobile(),
            members=tuple(members),
        )
