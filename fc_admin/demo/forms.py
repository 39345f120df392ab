"""Application forms (R2) for a share of the demo families, with the slips real forms have.

Used both for the signed e-form files (F2) and for the application rows of a seeded database, so
that verification of demo data shows every outcome of R3.2. Most members are typed exactly as the
roster lists them; a few, chosen at random, are not:

- ``name_order`` — ``Tai Man CHAN``: equivalent after normalisation (R3.3), still ``ELIGIBLE``;
- ``name_hyphen`` — ``CHAN, Tai-man``: equivalent too;
- ``name_slip`` — one syllable mistyped (``Mun`` for ``Man``): ``REVIEW``;
- ``name_joined`` — ``CHAN, Taiman``: the syllables run together, ``REVIEW``;
- ``name_initials`` — ``CHAN, T M``: ``REVIEW``;
- ``english_name`` — ``CHAN, Peter Tai Man``: an English name the card does not show, ``REVIEW``;
- ``zh_slip`` — a Chinese character read the same but written differently (偉 for 煒): ``REVIEW``;
- ``dob_slip`` — day and month swapped, or the year off by one: ``MISMATCH``;
- ``unlisted_child`` — a new-born the department has not listed yet: ``NOT_FOUND``;
- ``unlisted_spouse`` — a spouse married since the roster was drawn up: ``NOT_FOUND``.

Ineligible members come from the rosters themselves (inactive officers, suspended pensions,
children 19-20 without ``child_status``, children over 21), so no slip is needed for
``INELIGIBLE``. Now and then a family sends a second form later (the spouse applying for herself
and the children, or the same form again after hearing nothing): its members are on an earlier
pending form, ``DUPLICATE`` (R2.4).

A maker made with ``showcase=True`` (the default) also makes sure each of these cases appears in
its first forms, so that even a small demo (``gui --demo``) shows every outcome: until each has
appeared once, the first member of a form (if eligible) takes a pending slip, the first officer's
form gets an unlisted child, the first form is sent twice, and the first family with an
ineligible member applies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from fc_admin.demo.names import (
    HkName,
    NameMaker,
    email_local_part,
    homophone_zh,
    initials_en,
    joined_en,
    misspell,
    with_english_name,
)
from fc_admin.demo.people import Family, HkidSequence, Person, age_on, looks_eligible

__all__ = [
    "MAX_MEMBERS",
    "SHOWCASE",
    "UNLISTED_SLIPS",
    "FormDraft",
    "FormMaker",
    "FormMember",
    "eform_document",
    "eform_key_id",
]

MAX_MEMBERS = 6  # R2.1
_DOMAINS = ("example.org", "example.com", "example.net")

# Per member, the share of each slip (see the module documentation): about 3% of members differ
# in a way an officer must judge (REVIEW), 1% have a date of birth the roster does not.
_SLIPS = (
    ("name_order", 0.02),
    ("name_hyphen", 0.015),
    ("name_slip", 0.008),
    ("name_joined", 0.004),
    ("name_initials", 0.002),
    ("english_name", 0.008),
    ("zh_slip", 0.008),
    ("dob_slip", 0.01),
)
_UNLISTED_CHILD_SHARE = 0.015  # of forms of serving officers with room for one more member
_UNLISTED_SPOUSE_SHARE = 0.02  # of forms of principals 25-60 without a spouse on the roster
_REPEAT_SHARE = 0.008  # of forms: the family sends a second form later (R2.4)
UNLISTED_SLIPS = ("unlisted_child", "unlisted_spouse")  # members on no roster
# What a showcase maker makes sure of in its first forms (see the module documentation).
SHOWCASE = ("name_slip", "zh_slip", "dob_slip", "unlisted_child", "repeat", "ineligible")
_SHOWCASE_SLIPS = ("name_slip", "zh_slip", "dob_slip")


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
    repeat: bool = False  # a later form of a family that already sent one (R2.4)


def eform_document(form: FormDraft, form_id: str, submitted_at: datetime) -> dict[str, Any]:
    """The F2 object of ``form`` without its signature (key order as in the spec's example)."""
    return {
        "schema": "fc-eform/1",
        "form_id": form_id,
        "submitted_at": submitted_at.isoformat(),
        "channel": "iam_smart",
        "applicant": {
            "hkid": form.applicant_hkid,
            "email": form.applicant_email,
            "mobile": form.applicant_mobile,
        },
        "members": [m.as_eform() for m in form.members],
    }


class FormMaker:
    """Decides, family by family, whether the family applied and what its forms say.

    ``share`` of the families apply; ``in_person_share`` of the forms are paper forms (the rest
    are iAM Smart e-forms). Draws come from a generator of its own (``stream`` names it), so the
    people of a seed are the same with or without forms. HKIDs of people on no roster are taken
    from the top of the seed's HKID range, below ``unlisted_offset``, so that two makers of one
    seed (the forms and the rejected files) never give two people one number.
    """

    def __init__(
        self,
        seed: int,
        as_of: date,
        share: float = 0.03,
        in_person_share: float = 0.0,
        *,
        showcase: bool = True,
        stream: str = "forms",
        unlisted_offset: int = 0,
    ) -> None:
        self.as_of = as_of
        self.share = share
        self.in_person_share = in_person_share
        self._rng = random.Random(f"fc-admin-demo:{seed}:{stream}")
        self._names = NameMaker(self._rng)
        self._hkids = HkidSequence(seed)
        self._unlisted = unlisted_offset  # people on no roster, counted down from the top
        self._pending: list[str] = list(SHOWCASE) if showcase else []

    @property
    def pending(self) -> tuple[str, ...]:
        """The showcase cases that have not appeared yet."""
        return tuple(self._pending)

    def _done(self, case: str) -> None:
        if case in self._pending:
            self._pending.remove(case)

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

    def _member(
        self, person: Person, family: Family, email: str | None, *, showcase: bool = False
    ) -> FormMember:
        slip = self._slip()
        if slip is None and showcase:
            slip = next((s for s in _SHOWCASE_SLIPS if s in self._pending), None)
        name_en = person.name_en
        name_zh = person.name_zh
        born = person.date_of_birth
        changed: str | None = None
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
        elif slip == "name_joined":
            changed = joined_en(person.name)
            if changed is None:
                slip = None
            else:
                name_en = changed
        elif slip == "name_initials":
            name_en = initials_en(person.name)
        elif slip == "english_name":
            name_en = with_english_name(person.name, person.sex, self._rng)
        elif slip == "zh_slip":
            changed = homophone_zh(person.name, self._rng)
            if changed is None:
                slip = None
            else:
                name_zh = changed
        elif slip == "dob_slip":
            if born.day <= 12 and born.day != born.month:
                born = date(born.year, born.day, born.month)
            else:
                year = born.year + 1 if born.year < self.as_of.year - 1 else born.year - 1
                born = born.replace(year=year, day=min(born.day, 28))
        if slip is not None:
            self._done(slip)
        return FormMember(
            hkid=person.hkid,
            name_en=name_en,
            name_zh=name_zh,
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

    def _unlisted_hkid(self) -> str:
        self._unlisted += 1
        return self._hkids[self._hkids.capacity - self._unlisted]

    def unlisted_child(self, family: Family) -> FormMember:
        """A new-born of ``family`` that its roster does not list yet (NOT_FOUND)."""
        principal = family.principal
        spouse = next((m for m in family.members if m.relationship == "spouse"), None)
        father = principal if principal.sex == "M" or spouse is None else spouse
        sex = "M" if self._rng.random() < 0.51 else "F"
        born = self.as_of - timedelta(days=30 + int(self._rng.random() * 220))
        name = self._names.name(sex, born.year, father.name.surname)
        return FormMember(
            hkid=self._unlisted_hkid(),
            name_en=name.en,
            name_zh=name.zh,
            date_of_birth=born,
            category="dependant",
            relationship="child",
            principal_hkid=principal.hkid,
            department=family.source,
            staff_no=None,
            email=None,
            child_status=None,
            slip="unlisted_child",
        )

    def _unlisted_spouse(self, family: Family) -> FormMember:
        """A spouse married since the roster was drawn up (NOT_FOUND)."""
        principal = family.principal
        rng = self._rng
        sex = "F" if principal.sex == "M" else "M"
        years = age_on(principal.date_of_birth, self.as_of) + rng.gauss(-1.5, 3.0)
        years = max(21.0, years)
        born = self.as_of - timedelta(days=int(years * 365.2425))
        name = self._names.name(sex, born.year)
        return FormMember(
            hkid=self._unlisted_hkid(),
            name_en=name.en,
            name_zh=name.zh,
            date_of_birth=born,
            category="dependant",
            relationship="spouse",
            principal_hkid=principal.hkid,
            department=family.source,
            staff_no=None,
            email=None,
            child_status=None,
            slip="unlisted_spouse",
        )

    def form_for(self, family: Family) -> FormDraft | None:
        """The family's (first) form, or None if it has not applied."""
        forms = self.forms_for(family)
        return forms[0] if forms else None

    def forms_for(self, family: Family) -> list[FormDraft]:
        """The family's forms: none, one, or (rarely) a first one and a later one (R2.4)."""
        rng = self._rng
        principal = family.principal
        as_of = self.as_of
        ineligible = [p for p in family.members if not looks_eligible(p, principal, as_of)]
        wants_ineligible = bool(ineligible) and "ineligible" in self._pending
        if rng.random() >= self.share and not wants_ineligible:
            return []
        adults = [m for m in family.members if age_on(m.date_of_birth, as_of) >= 18]
        chosen: list[Person] = []
        for person in family.members:
            if person.relationship == "self":
                keep = rng.random() < 0.92 or len(adults) < 2
            else:
                keep = rng.random() < (0.85 if person.relationship == "spouse" else 0.8)
            if wants_ineligible and person is ineligible[0]:
                keep = True
            if keep and len(chosen) < MAX_MEMBERS:
                chosen.append(person)
        if not chosen:
            chosen.append(principal)
        if any(not looks_eligible(p, principal, as_of) for p in chosen):
            self._done("ineligible")
        applicant = next((m for m in chosen if age_on(m.date_of_birth, as_of) >= 18), chosen[0])
        channel = "in_person" if rng.random() < self.in_person_share else "iam_smart"
        applicant_email: str | None = self._email(applicant.name)
        if channel == "in_person" and rng.random() < 0.35:
            applicant_email = None  # a printed letter, then (R5.1)
        members = []
        for index, person in enumerate(chosen):
            own_email = None
            if (
                person is not applicant
                and age_on(person.date_of_birth, as_of) >= 18
                and rng.random() < 0.25
            ):
                own_email = self._email(person.name)
            members.append(
                self._member(
                    person, family, own_email, showcase=index == 0 and person not in ineligible
                )
            )
        has_spouse = any(p.relationship == "spouse" for p in family.members)
        principal_age = age_on(principal.date_of_birth, as_of)
        draw = rng.random()
        if (
            not has_spouse
            and principal.category != "survivor"
            and 25 <= principal_age <= 60
            and members[0].relationship == "self"
            and len(members) < MAX_MEMBERS
            and draw < _UNLISTED_SPOUSE_SHARE
        ):
            members.insert(1, self._unlisted_spouse(family))
        draw = rng.random()
        if (
            principal.category == "officer"
            and len(members) < MAX_MEMBERS
            and (draw < _UNLISTED_CHILD_SHARE or "unlisted_child" in self._pending)
        ):
            members.append(self.unlisted_child(family))
            self._done("unlisted_child")
        first = FormDraft(
            family_number=family.number,
            channel=channel,
            applicant_hkid=applicant.hkid,
            applicant_email=applicant_email,
            applicant_mobile=self._mobile(),
            members=tuple(members),
        )
        if rng.random() < _REPEAT_SHARE or "repeat" in self._pending:
            self._done("repeat")
            return [first, self._repeat(family, chosen)]
        return [first]

    def _repeat(self, family: Family, listed: list[Person]) -> FormDraft:
        """A later form of a family: the spouse applying for herself and the children, or the
        same people again after hearing nothing. Typed afresh (slips drawn again)."""
        rng = self._rng
        spouse = next((p for p in listed if p.relationship == "spouse"), None)
        people = listed
        if spouse is not None and len(listed) > 1 and rng.random() < 0.6:
            people = [p for p in listed if p.relationship != "self"]
        applicant = next(
            (p for p in people if age_on(p.date_of_birth, self.as_of) >= 18), people[0]
        )
        channel = "in_person" if rng.random() < self.in_person_share else "iam_smart"
        return FormDraft(
            family_number=family.number,
            channel=channel,
            applicant_hkid=applicant.hkid,
            applicant_email=self._email(applicant.name),
            applicant_mobile=self._mobile(),
            members=tuple(self._member(p, family, None) for p in people),
            repeat=True,
        )
