"""E-form files that must be refused (R2.3): what the demo puts in quarantine.

A handful of families also produce a bad e-form file, one of each kind in turn:

- ``tampered`` — signed, then a member's date of birth changed (the signature no longer verifies);
- ``unknown_key`` — signed with the e-form platform's retired key, which is not trusted;
- ``seven_members`` — properly signed, but seven members (R2.1: 1 to 6);
- ``duplicate_keys`` — a member object naming ``date_of_birth`` twice, with two values.

The first four come early (so even a small demo has one of each), then one every
``every`` families. The forms are drawn by a :class:`~fc_admin.demo.forms.FormMaker` of their own
(its own random stream and its own range of unlisted HKIDs), so the accepted forms of a seed are the
same with or without them. :func:`reject_reason` is the reason the e-form reader
(:func:`fc_admin.exchange.eform.load_eform`) gives for each kind, word for word.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fc_admin.demo.forms import FormDraft, FormMaker, eform_document
from fc_admin.demo.people import Family
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.exchange.eform import MAX_MEMBERS, sign_eform
from fc_admin.exchange.errors import quote_value

__all__ = [
    "REJECT_KINDS",
    "RETIRED_KEY_ID",
    "RejectMaker",
    "RejectedEform",
    "reject_reason",
    "retired_signing_key",
]

REJECT_KINDS: Final = ("tampered", "unknown_key", "seven_members", "duplicate_keys")
RETIRED_KEY_ID: Final = "eform-platform-2024"  # the platform's previous key, no longer trusted
_FIRST_FAMILIES: Final = (3, 7, 11, 13)  # one of each kind, early
_DUPLICATED_KEY: Final = "date_of_birth"
# Far below the forms' own unlisted HKIDs (which count down from the top of the range).
_UNLISTED_OFFSET: Final = 1_000_000


def retired_signing_key(seed: int) -> Ed25519PrivateKey:
    """The key the untrusted demo e-form is signed with (derived from the seed)."""
    secret = hashlib.sha256(f"fc-admin demo retired e-form key {seed}".encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(secret)


def reject_reason(kind: str, trusted_keys: str) -> str:
    """The reason the e-form reader gives for a file of ``kind`` (``trusted_keys``: the folder
    the trusted keys were looked for in, which the reason for an unknown key names)."""
    if kind == "tampered":
        return (
            "the signature does not verify: the content was changed after signing or signed "
            "with another key"
        )
    if kind == "unknown_key":
        return f"unknown signing key {quote_value(RETIRED_KEY_ID)} (not in {trusted_keys})"
    if kind == "seven_members":
        return f"a form covers 1 to {MAX_MEMBERS} members; this one has {MAX_MEMBERS + 1}"
    if kind == "duplicate_keys":
        return (
            f"the key {quote_value(_DUPLICATED_KEY)} appears twice in one JSON object; "
            "a form must not have duplicate keys"
        )
    raise ValueError(f"unknown kind of rejected e-form {kind!r}")


@dataclass(frozen=True)
class RejectedEform:
    kind: str
    form_id: str  # as written in the file
    reported_form_id: str | None  # as the reader reports it: None when the JSON does not parse
    file_name: str
    text: str  # the file's content (UTF-8, LF line ends)
    submitted_at: datetime


class RejectMaker:
    """Which families also produce a bad e-form file, and the file's text."""

    def __init__(
        self,
        seed: int,
        as_of: date,
        key: Ed25519PrivateKey,
        key_id: str,
        every: int = 13_000,
    ) -> None:
        self._maker = FormMaker(
            seed,
            as_of,
            share=1.0,
            showcase=False,
            stream="rejects",
            unlisted_offset=_UNLISTED_OFFSET,
        )
        self._rng = random.Random(f"fc-admin-demo:{seed}:rejects-times")
        self._key = key
        self._key_id = key_id
        self._retired = retired_signing_key(seed)
        self._every = every
        self.as_of = as_of
        self.made = 0

    def wants(self, family: Family) -> bool:
        n = family.number
        return n in _FIRST_FAMILIES or (n > _FIRST_FAMILIES[-1] and n % self._every == 0)

    def submitted_at(self, days: int) -> datetime:
        """A moment (Hong Kong time) in the ``days`` days up to ``as_of``, 07:00-23:59."""
        day = self.as_of - timedelta(days=int(self._rng.random() * days))
        minute = 7 * 60 + int(self._rng.random() * 17 * 60)
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=HONG_KONG)

    def make(self, family: Family, form_id: str, submitted_at: datetime) -> RejectedEform:
        """The next kind in turn, made from a form of ``family``."""
        kind = REJECT_KINDS[self.made % len(REJECT_KINDS)]
        self.made += 1
        form = self._maker.form_for(family)
        assert form is not None  # share 1: every family applies
        if kind == "seven_members":
            members = list(form.members)
            while len(members) <= MAX_MEMBERS:
                members.append(self._maker.unlisted_child(family))
            form = FormDraft(
                form.family_number,
                form.channel,
                form.applicant_hkid,
                form.applicant_email,
                form.applicant_mobile,
                tuple(members),
            )
        document = eform_document(form, form_id, submitted_at)
        reported: str | None = form_id
        if kind == "unknown_key":
            signed = sign_eform(document, self._retired, RETIRED_KEY_ID)
        else:
            signed = sign_eform(document, self._key, self._key_id)
        if kind == "tampered":
            # A member made two years younger after the form was signed.
            changed = signed["members"]
            assert isinstance(changed, list)
            last = dict(changed[-1])
            born = date.fromisoformat(last["date_of_birth"])
            last["date_of_birth"] = born.replace(year=born.year + 2, day=min(born.day, 28))
            last["date_of_birth"] = last["date_of_birth"].isoformat()
            signed["members"] = [*changed[:-1], last]
        text = json.dumps(signed, indent=2, ensure_ascii=False) + "\n"
        if kind == "duplicate_keys":
            # The first member names its date of birth twice: which one is signed?
            first = form.members[0].date_of_birth
            other = first.replace(year=first.year - 1, day=min(first.day, 28))
            marker = f'"{_DUPLICATED_KEY}": "{first.isoformat()}",'
            index = text.index(marker) + len(marker)
            indent = text[text.rindex("\n", 0, index) + 1 : text.index(marker)]
            text = (
                f'{text[:index]}\n{indent}"{_DUPLICATED_KEY}": "{other.isoformat()}",{text[index:]}'
            )
            reported = None
        return RejectedEform(
            kind=kind,
            form_id=form_id,
            reported_form_id=reported,
            file_name=f"{form_id}.json",
            text=text,
            submitted_at=submitted_at,
        )
