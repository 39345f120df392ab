"""Loading a signed e-form (formats.md F2) from the iAM Smart+ e-form platform.

A file is accepted only whole: it must be UTF-8 JSON without duplicate keys, carry an Ed25519
signature by a trusted key over its canonical bytes, and follow the schema exactly. Anything else
raises :class:`EFormRejected` with a reason a clerk can read, naming the JSON path
(``members[2].date_of_birth: '2012-02-30' is not a valid date``); the caller quarantines the file
with that reason (R2.3).

The order of the checks matters: the signature is verified on the object exactly as parsed, before
any normalisation (HKIDs, dates), and before the schema is looked at, so that nothing of an
unsigned or altered file is interpreted.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final, NoReturn

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fc_admin.domain.eligibility import (
    CATEGORIES,
    CHILD_STATUSES,
    PRINCIPAL_CATEGORIES,
    RELATIONSHIPS,
)
from fc_admin.domain.hkid import InvalidHkid, mask_hkid, normalise_hkid
from fc_admin.exchange.errors import quote_value, safe_hkid_text

__all__ = [
    "CHANNEL",
    "IN_PERSON_CHANNEL",
    "MAX_MEMBERS",
    "SCHEMA",
    "SIGNATURE_ALG",
    "EForm",
    "EFormApplicant",
    "EFormMember",
    "EFormRejected",
    "canonical_bytes",
    "load_eform",
    "parse_unsigned_form",
    "sign_eform",
]

SCHEMA: Final = "fc-eform/1"
CHANNEL: Final = "iam_smart"
IN_PERSON_CHANNEL: Final = "in_person"  # R2.2: a paper form keyed in at a clinic, not signed
SIGNATURE_ALG: Final = "Ed25519"
PENSIONS_SOURCE: Final = "PEN"
MAX_MEMBERS: Final = 6  # R2.1
# A form of six members is about 3 KB; a much bigger file is not an e-form and is not parsed.
MAX_FILE_BYTES: Final = 1 << 20
_SIGNATURE_BYTES = 64

_TOP_KEYS: Final = frozenset(
    {"schema", "form_id", "submitted_at", "channel", "applicant", "members", "signature"}
)
_APPLICANT_KEYS: Final = frozenset({"hkid", "email", "mobile"})
_MEMBER_KEYS: Final = frozenset(
    {
        "hkid",
        "name_en",
        "name_zh",
        "date_of_birth",
        "category",
        "relationship",
        "principal_hkid",
        "department",
        "staff_no",
        "email",
        "child_status",
    }
)
_SIGNATURE_KEYS: Final = frozenset({"alg", "key_id", "value"})

_FORM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,39}")
# A key ID names a file in the trusted-keys folder: no separators, no "..", nothing but a name.
_KEY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_MOBILE = re.compile(r"\+?[0-9][0-9 -]{6,18}[0-9]")
# Column widths of the application tables (models/application.py).
_MAX_LENGTH: Final = {
    "name_en": 160,
    "name_zh": 60,
    "department": 12,
    "staff_no": 20,
    "email": 254,
}
# How many schema problems one reason lists; a clerk needs the first few to see what is wrong.
_MAX_REASONS = 10


class EFormRejected(Exception):
    """An e-form refused whole (R2.3): ``reason`` for the clerk, and the quarantine record.

    ``form_id`` is the form's ID when the file has a well-formed one, else None. The reason
    never holds a full HKID (R9.3).
    """

    reason: str
    form_id: str | None
    path: str

    def __init__(self, reason: str, form_id: str | None, path: str) -> None:
        super().__init__(f"{Path(path).name}: {reason}")
        self.reason = reason
        self.form_id = form_id
        self.path = path


@dataclass(frozen=True)
class EFormApplicant:
    hkid: str  # canonical (R9.2)
    email: str | None
    mobile: str | None


@dataclass(frozen=True)
class EFormMember:
    """One CSEP on a form; HKIDs canonical (R9.2); ``name_zh`` is ``""`` when not given."""

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


@dataclass(frozen=True)
class EForm:
    """A signed e-form that passed every check (F2).

    ``content_sha256`` is the SHA-256 (hex) of the signed canonical bytes: the same form imported
    twice has the same digest (R2.4).
    """

    schema: str
    form_id: str
    submitted_at: datetime  # aware, with the offset given in the file
    channel: str
    applicant: EFormApplicant
    members: list[EFormMember]
    key_id: str | None  # None for an unsigned in-person form (parse_unsigned_form)
    content_sha256: str


def canonical_bytes(obj: Mapping[str, object]) -> bytes:
    """The bytes an e-form's signature covers (F2): the object without its top-level ``signature``
    member, as JSON with sorted keys, no insignificant white space, non-ASCII characters as
    themselves, UTF-8 (RFC 8785 for these payloads).

    Raises UnicodeEncodeError for text that is not valid Unicode (a lone surrogate).
    """
    content = {key: value for key, value in obj.items() if key != "signature"}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def sign_eform(
    content: Mapping[str, object], private_key: Ed25519PrivateKey, key_id: str
) -> dict[str, object]:
    """A copy of ``content`` with an F2 ``signature`` member made with ``private_key``.

    For demonstration files and tests; the production forms are signed by the e-form platform.
    """
    signature = private_key.sign(canonical_bytes(content))
    signed = {key: value for key, value in content.items() if key != "signature"}
    signed["signature"] = {
        "alg": SIGNATURE_ALG,
        "key_id": key_id,
        "value": base64.b64encode(signature).decode("ascii"),
    }
    return signed


# --- parsing ---------------------------------------------------------------------------------


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _NotAConstant(ValueError):
    pass


def _object_without_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # Duplicate keys are how a signed document is made to mean two things: a verifier and a
    # reader that keep different copies see different content. Refuse them outright.
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _reject_constant(name: str) -> NoReturn:
    raise _NotAConstant(name)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _quoted(value: object) -> str:
    return quote_value(value) if isinstance(value, str) else _json_type(value)


def _form_id_of(obj: object) -> str | None:
    if isinstance(obj, dict):
        form_id = obj.get("form_id")
        if isinstance(form_id, str) and _FORM_ID.fullmatch(form_id):
            return form_id
    return None


class _Loader:
    """The checks of one file; ``reject`` raises with the file's path and form ID."""

    def __init__(self, path: Path | str, trusted_keys: Path | None = None) -> None:
        self.path = path
        self.trusted_keys = trusted_keys
        self.form_id: str | None = None
        self.errors: list[str] = []

    def reject(self, reason: str) -> NoReturn:
        raise EFormRejected(reason, self.form_id, str(self.path))

    # --- file and JSON -----------------------------------------------------------------------

    def parse(self) -> dict[str, object]:
        assert isinstance(self.path, Path)
        try:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.reject(f"the file is {size} bytes; an e-form is at most {MAX_FILE_BYTES}")
            data = self.path.read_bytes()
        except OSError as exc:
            self.reject(f"the file cannot be read: {exc.strerror or exc}")
        try:
            # A byte-order mark is tolerated (RFC 8259 lets parsers ignore it).
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad = data[exc.start : exc.end][:4].hex(" ")
            self.reject(f"the file is not UTF-8 text (byte {bad} at offset {exc.start})")
        try:
            obj = json.loads(
                text,
                object_pairs_hook=_object_without_duplicates,
                parse_constant=_reject_constant,
            )
        except _DuplicateKey as exc:
            self.reject(
                f"the key {quote_value(exc.key)} appears twice in one JSON object; "
                "a form must not have duplicate keys"
            )
        except _NotAConstant as exc:
            self.reject(f"the file is not valid JSON: {exc} is not a JSON value")
        except json.JSONDecodeError as exc:
            self.reject(
                f"the file is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            )
        except RecursionError:
            self.reject("the file is not valid JSON: it is nested too deeply")
        if not isinstance(obj, dict):
            self.reject(f"the file holds {_json_type(obj)}, not a JSON object")
        self.form_id = _form_id_of(obj)
        return obj

    # --- signature ---------------------------------------------------------------------------

    def verify_signature(self, obj: dict[str, object]) -> str:
        """Check the signature envelope and verify it; the key ID."""
        signature = obj.get("signature")
        if signature is None:
            self.reject("the form is not signed: it has no signature")
        if not isinstance(signature, dict):
            self.reject(f"signature: expected an object, not {_json_type(signature)}")
        problems = self.exact_keys(signature, _SIGNATURE_KEYS, "signature")
        if problems:
            self.reject("; ".join(problems))
        alg = signature["alg"]
        if alg != SIGNATURE_ALG:
            self.reject(
                f"signature.alg: {_quoted(alg)} is not accepted; e-forms are signed with "
                f"{SIGNATURE_ALG}"
            )
        key_id = signature["key_id"]
        if not isinstance(key_id, str) or _KEY_ID.fullmatch(key_id) is None or ".." in key_id:
            self.reject(f"signature.key_id: {_quoted(key_id)} is not a valid key name")
        public_key = self.trusted_key(key_id)
        value = signature["value"]
        if not isinstance(value, str):
            self.reject(f"signature.value: expected a string, not {_json_type(value)}")
        try:
            signature_bytes = base64.b64decode(value.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            self.reject("signature.value: not standard base64")
        if len(signature_bytes) != _SIGNATURE_BYTES:
            self.reject(
                f"signature.value: {len(signature_bytes)} bytes; an Ed25519 signature is "
                f"{_SIGNATURE_BYTES}"
            )
        try:
            signed = canonical_bytes(obj)
        except UnicodeEncodeError:
            self.reject("the form contains text that is not valid Unicode (a lone surrogate)")
        try:
            public_key.verify(signature_bytes, signed)
        except InvalidSignature:
            self.reject(
                "the signature does not verify: the content was changed after signing or "
                "signed with another key"
            )
        return key_id

    def trusted_key(self, key_id: str) -> Ed25519PublicKey:
        assert self.trusted_keys is not None
        key_file = self.trusted_keys / f"{key_id}.pem"
        if not key_file.is_file():
            self.reject(f"unknown signing key {quote_value(key_id)} (not in {self.trusted_keys})")
        try:
            key = serialization.load_pem_public_key(key_file.read_bytes())
        except (OSError, ValueError, UnsupportedAlgorithm):
            self.reject(f"the trusted key file {key_file.name} is not a PEM public key")
        if not isinstance(key, Ed25519PublicKey):
            self.reject(f"the trusted key {quote_value(key_id)} is not an Ed25519 key")
        return key

    # --- schema ------------------------------------------------------------------------------

    def exact_keys(self, obj: dict[str, object], keys: frozenset[str], path: str) -> list[str]:
        prefix = f"{path}: " if path else ""
        problems = [
            f"{prefix}missing field {quote_value(key)}" for key in sorted(keys - obj.keys())
        ]
        problems += [
            f"{prefix}unknown field {quote_value(key)}" for key in sorted(obj.keys() - keys)
        ]
        return problems

    def error(self, message: str) -> None:
        self.errors.append(message)

    def string(
        self,
        obj: dict[str, object],
        key: str,
        path: str,
        *,
        nullable: bool = False,
    ) -> str | None:
        """The stripped string at ``key``; None (after an error unless nullable) otherwise.

        Empty strings count as missing: required fields need text, nullable ones read as null.
        """
        where = f"{path}.{key}" if path else key
        if key not in obj:
            return None  # reported by exact_keys
        value = obj[key]
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            expected = "a string or null" if nullable else "a string"
            self.error(f"{where}: expected {expected}, not {_json_type(value)}")
            return None
        text = value.strip()
        if not text:
            if not nullable:
                self.error(f"{where}: is empty")
            return None
        limit = _MAX_LENGTH.get(key)
        if limit is not None and len(text) > limit:
            self.error(f"{where}: {quote_value(text)} is {len(text)} characters, over {limit}")
            return None
        return text

    def hkid(self, obj: dict[str, object], key: str, path: str) -> str | None:
        raw = self.string(obj, key, path)
        if raw is None:
            return None
        try:
            return normalise_hkid(raw)
        except InvalidHkid as exc:
            self.error(f"{path}.{key}: {safe_hkid_text(raw)} is not a valid HKID: {exc.reason}")
            return None

    def choice(
        self, obj: dict[str, object], key: str, path: str, allowed: frozenset[str]
    ) -> str | None:
        raw = self.string(obj, key, path)
        if raw is None:
            return None
        if raw not in allowed:
            self.error(
                f"{path}.{key}: {quote_value(raw)} is not one of: {', '.join(sorted(allowed))}"
            )
            return None
        return raw

    def email(self, obj: dict[str, object], key: str, path: str) -> str | None:
        value = self.string(obj, key, path, nullable=True)
        if value is not None and _EMAIL.fullmatch(value) is None:
            self.error(f"{path}.{key}: {quote_value(value)} is not an email address")
            return None
        return value

    def check_schema(
        self,
        obj: dict[str, object],
        key_id: str | None,
        digest: str,
        *,
        channel_expected: str = CHANNEL,
        top_keys: frozenset[str] = _TOP_KEYS,
    ) -> EForm:
        self.errors.extend(self.exact_keys(obj, top_keys, ""))
        schema = obj.get("schema")
        if "schema" in obj and schema != SCHEMA:
            self.error(f"schema: {_quoted(schema)} is not {quote_value(SCHEMA)}")
        form_id = self.string(obj, "form_id", "")
        if form_id is not None and _FORM_ID.fullmatch(form_id) is None:
            self.error(
                f"form_id: {quote_value(form_id)} is not a form ID (up to 40 letters, digits "
                "and hyphens)"
            )
        channel = obj.get("channel")
        if "channel" in obj and channel != channel_expected:
            self.error(f"channel: {_quoted(channel)} is not {quote_value(channel_expected)}")
        submitted_at = self.moment(obj)
        # A missing member is reported by exact_keys; a present one of the wrong type here.
        applicant = self.applicant(obj["applicant"]) if "applicant" in obj else None
        members = self.members(obj["members"]) if "members" in obj else []
        if self.errors:
            shown = self.errors[:_MAX_REASONS]
            if len(self.errors) > _MAX_REASONS:
                shown.append(f"… and {len(self.errors) - _MAX_REASONS} more")
            self.reject("; ".join(shown))
        assert form_id is not None and submitted_at is not None and applicant is not None
        return EForm(
            schema=SCHEMA,
            form_id=form_id,
            submitted_at=submitted_at,
            channel=channel_expected,
            applicant=applicant,
            members=members,
            key_id=key_id,
            content_sha256=digest,
        )

    def moment(self, obj: dict[str, object]) -> datetime | None:
        raw = self.string(obj, "submitted_at", "")
        if raw is None:
            return None
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            self.error(f"submitted_at: {quote_value(raw)} is not an ISO 8601 date and time")
            return None
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.error(f"submitted_at: {quote_value(raw)} has no UTC offset (e.g. +08:00)")
            return None
        return moment

    def applicant(self, value: object) -> EFormApplicant | None:
        if not isinstance(value, dict):
            self.error(f"applicant: expected an object, not {_json_type(value)}")
            return None
        self.errors.extend(self.exact_keys(value, _APPLICANT_KEYS, "applicant"))
        hkid = self.hkid(value, "hkid", "applicant")
        email = self.email(value, "email", "applicant")
        mobile = self.string(value, "mobile", "applicant", nullable=True)
        if mobile is not None and _MOBILE.fullmatch(mobile) is None:
            self.error(f"applicant.mobile: {quote_value(mobile)} is not a telephone number")
        if hkid is None:
            return None
        return EFormApplicant(hkid=hkid, email=email, mobile=mobile)

    def members(self, value: object) -> list[EFormMember]:
        if not isinstance(value, list):
            self.error(f"members: expected a list, not {_json_type(value)}")
            return []
        if not 1 <= len(value) <= MAX_MEMBERS:
            # R2.1: rejected whole, with the reason.
            self.error(f"a form covers 1 to {MAX_MEMBERS} members; this one has {len(value)}")
        members: list[EFormMember] = []
        for index, item in enumerate(value):
            member = self.member(item, f"members[{index}]")
            if member is not None:
                members.append(member)
        if len(members) == len(value):
            self.family(members)
        return members

    def member(self, value: object, path: str) -> EFormMember | None:
        if not isinstance(value, dict):
            self.error(f"{path}: expected an object, not {_json_type(value)}")
            return None
        before = len(self.errors)
        self.errors.extend(self.exact_keys(value, _MEMBER_KEYS, path))
        hkid = self.hkid(value, "hkid", path)
        name_en = self.string(value, "name_en", path)
        name_zh = self.string(value, "name_zh", path, nullable=True) or ""
        date_of_birth = self.date(value, "date_of_birth", path)
        category = self.choice(value, "category", path, CATEGORIES)
        relationship = self.choice(value, "relationship", path, RELATIONSHIPS)
        principal_hkid = self.hkid(value, "principal_hkid", path)
        department = self.string(value, "department", path)
        staff_no = self.string(value, "staff_no", path, nullable=True)
        email = self.email(value, "email", path)
        child_status: str | None = None
        if self.string(value, "child_status", path, nullable=True) is not None:
            child_status = self.choice(value, "child_status", path, CHILD_STATUSES)
            if child_status is not None and relationship in ("self", "spouse"):
                self.error(f"{path}.child_status: applies to children only")
        if category is not None and relationship is not None:
            is_principal = category in PRINCIPAL_CATEGORIES
            if is_principal != (relationship == "self"):
                self.error(
                    f"{path}.relationship: {relationship} does not go with category {category} "
                    "(a principal is self, a dependant spouse or child)"
                )
            # F2: department is the principal's roster source, PEN for pensioners and survivors.
            if (
                is_principal
                and department is not None
                and (category == "officer") == (department == PENSIONS_SOURCE)
            ):
                expected = "a department" if category == "officer" else PENSIONS_SOURCE
                self.error(
                    f"{path}.department: {quote_value(department)} for a {category}; "
                    f"expected {expected}"
                )
        if hkid is not None and principal_hkid is not None and relationship is not None:
            if relationship == "self" and hkid != principal_hkid:
                self.error(f"{path}.principal_hkid: on a principal (self) it must equal hkid")
            if relationship != "self" and hkid == principal_hkid:
                self.error(f"{path}.principal_hkid: a dependant cannot be their own principal")
        if len(self.errors) != before:
            return None
        assert hkid is not None and name_en is not None and date_of_birth is not None
        assert category is not None and relationship is not None
        assert principal_hkid is not None and department is not None
        return EFormMember(
            hkid=hkid,
            name_en=name_en,
            name_zh=name_zh,
            date_of_birth=date_of_birth,
            category=category,
            relationship=relationship,
            principal_hkid=principal_hkid,
            department=department,
            staff_no=staff_no,
            email=email,
            child_status=child_status,
        )

    def date(self, obj: dict[str, object], key: str, path: str) -> date | None:
        raw = self.string(obj, key, path)
        if raw is None:
            return None
        try:
            if _ISO_DATE.fullmatch(raw) is None:
                raise ValueError(raw)
            return date.fromisoformat(raw)
        except ValueError:
            self.error(f"{path}.{key}: {quote_value(raw)} is not a valid date (YYYY-MM-DD)")
            return None

    def family(self, members: list[EFormMember]) -> None:
        """R2.1: the members are one family (one principal, one roster source), each once."""
        principals = sorted({member.principal_hkid for member in members})
        if len(principals) > 1:
            shown = ", ".join(mask_hkid(hkid) for hkid in principals)
            self.error(
                f"the members belong to more than one family (principal_hkid {shown}); "
                "a form covers one family"
            )
        departments = sorted({member.department for member in members})
        if len(departments) > 1:
            shown = ", ".join(quote_value(department) for department in departments)
            self.error(
                f"the members name more than one department ({shown}); all members of a "
                "family name the principal's roster source"
            )
        first_index: dict[str, int] = {}
        for index, member in enumerate(members):
            if member.hkid in first_index:
                self.error(
                    f"members[{index}].hkid: {mask_hkid(member.hkid)} is already "
                    f"members[{first_index[member.hkid]}]; a person is on a form once"
                )
            else:
                first_index[member.hkid] = index


def load_eform(path: Path, trusted_keys: Path) -> EForm:
    """The e-form in ``path`` if it is well-formed and signed by a key in ``trusted_keys`` (F2).

    Raises :class:`EFormRejected` with the reason otherwise (R2.3). Checks, in order: UTF-8,
    JSON without duplicate keys, the signature envelope, the signature over the canonical bytes
    of the object as parsed, then the schema (with HKIDs normalised, R9.2).
    """
    loader = _Loader(path, trusted_keys)
    obj = loader.parse()
    key_id = loader.verify_signature(obj)
    digest = hashlib.sha256(canonical_bytes(obj)).hexdigest()
    return loader.check_schema(obj, key_id, digest)


def parse_unsigned_form(obj: Mapping[str, object], source: str) -> EForm:
    """An in-person form (R2.2) keyed in by clinic staff, checked like an e-form (F2).

    ``obj`` has the members of an e-form without ``signature``, and ``channel`` is
    ``"in_person"``; every schema rule of F2 applies (1 to 6 members of one family, valid HKIDs,
    the enumerations, dates). ``source`` names where the form comes from in the rejection (for
    example ``"in-person form, CW"``). Raises :class:`EFormRejected` with every problem found;
    the returned form has ``key_id`` None.
    """
    loader = _Loader(source)
    content = dict(obj)
    try:
        digest = hashlib.sha256(canonical_bytes(content)).hexdigest()
    except (TypeError, ValueError, UnicodeEncodeError):
        loader.reject("the form holds values that are not text, numbers or lists")
    loader.form_id = _form_id_of(content)
    return loader.check_schema(
        content,
        None,
        digest,
        channel_expected=IN_PERSON_CHANNEL,
        top_keys=_TOP_KEYS - {"signature"},
    )
