"""F2 / R2.1 / R2.3: signed e-forms, accepted whole or rejected with a readable reason."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fc_admin.domain.hkid import check_character
from fc_admin.exchange.eform import (
    EForm,
    EFormMember,
    EFormRejected,
    canonical_bytes,
    load_eform,
    sign_eform,
)

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
KEY_ID = "eform-test-2025"
SIGNATURE_FAILS = (
    "the signature does not verify: the content was changed after signing or signed with "
    "another key"
)


def hkid(prefix: str, number: int) -> str:
    digits = f"{number:06d}"
    return f"{prefix}{digits}({check_character(prefix, digits)})"


P1, S1, C1 = hkid("K", 100001), hkid("K", 100002), hkid("R", 100003)


def member(person: str, kind: str = "child", **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "hkid": person,
        "name_en": "CHAN, Siu Ming",
        "name_zh": "陳小明",
        "date_of_birth": "2012-02-28",
        "category": "dependant",
        "relationship": kind,
        "principal_hkid": P1,
        "department": "LCSD",
        "staff_no": None,
        "email": None,
        "child_status": None,
    }
    if kind == "self":
        values.update(
            name_en="CHAN, Tai Man",
            name_zh="陳大文",
            date_of_birth="1980-04-12",
            category="officer",
            staff_no="L100001",
        )
    values.update(changes)
    return values


def content(members: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "schema": "fc-eform/1",
        "form_id": "EF20250102-000123",
        "submitted_at": "2025-01-02T09:15:00+08:00",
        "channel": "iam_smart",
        "applicant": {"hkid": P1, "email": "taiman.chan@example.org", "mobile": "91234567"},
        "members": members
        if members is not None
        else [member(P1, "self"), member(S1, "spouse", name_en="WONG, Mei Ling"), member(C1)],
    }


@pytest.fixture
def signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def trusted(tmp_path: Path, signing_key: Ed25519PrivateKey) -> Path:
    folder = tmp_path / "trusted"
    folder.mkdir()
    pem = signing_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    (folder / f"{KEY_ID}.pem").write_bytes(pem)
    return folder


def write_form(tmp_path: Path, form: dict[str, Any], name: str = "form.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(form, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def signed(key: Ed25519PrivateKey, form: dict[str, Any], key_id: str = KEY_ID) -> dict[str, Any]:
    return sign_eform(form, key, key_id)


def rejected(path: Path, trusted: Path) -> EFormRejected:
    with pytest.raises(EFormRejected) as info:
        load_eform(path, trusted)
    return info.value


# --- the samples -----------------------------------------------------------------------------


def test_f2_sample_forms_are_accepted_with_their_members() -> None:
    keys = SAMPLES / "keys"
    first = load_eform(SAMPLES / "eforms" / "EF20250106-000001.json", keys)
    assert first.form_id == "EF20250106-000001"
    assert first.key_id == "eform-sample-2025"
    assert first.channel == "iam_smart"
    assert first.submitted_at == datetime(2025, 1, 6, 10, 12, tzinfo=timezone(timedelta(hours=8)))
    assert first.applicant.hkid == "K200001(6)"
    assert [(m.hkid, m.relationship) for m in first.members] == [
        ("K200001(6)", "self"),
        ("K200002(4)", "spouse"),
        ("R200003(1)", "child"),
    ]
    assert first.members[2] == EFormMember(
        hkid="R200003(1)",
        name_en="HO, Hiu Tung",
        name_zh="何曉彤",
        date_of_birth=date(2012, 2, 28),
        category="dependant",
        relationship="child",
        principal_hkid="K200001(6)",
        department="LCSD",
        staff_no=None,
        email=None,
        child_status=None,
    )
    second = load_eform(SAMPLES / "eforms" / "EF20250106-000002.json", keys)
    assert [(m.hkid, m.category, m.department) for m in second.members] == [
        ("D200004(1)", "pensioner", "PEN")
    ]


def test_r2_3_tampered_sample_is_rejected_for_the_signature() -> None:
    error = rejected(SAMPLES / "eforms" / "EF20250107-000003-tampered.json", SAMPLES / "keys")
    assert error.reason == SIGNATURE_FAILS
    assert error.form_id == "EF20250107-000003"
    assert error.path.endswith("EF20250107-000003-tampered.json")
    assert str(error) == f"EF20250107-000003-tampered.json: {SIGNATURE_FAILS}"


# --- canonical bytes and signing -------------------------------------------------------------


def test_f2_canonical_bytes_sorted_compact_utf8_without_signature() -> None:
    obj = {"b": "陳", "a": [1, {"d": None, "c": True}], "signature": {"value": "x"}}
    assert canonical_bytes(obj) == '{"a":[1,{"c":true,"d":null}],"b":"陳"}'.encode()


def test_f2_sign_eform_gives_a_form_that_loads(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = signed(signing_key, content())
    assert set(form["signature"]) == {"alg", "key_id", "value"}
    loaded = load_eform(write_form(tmp_path, form), trusted)
    assert isinstance(loaded, EForm)
    assert len(loaded.members) == 3
    # Re-signing the signed object signs the same content.
    assert signed(signing_key, form)["signature"] == form["signature"]


def test_f2_layout_of_the_file_does_not_matter(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = signed(signing_key, content())
    compact = tmp_path / "compact.json"
    compact.write_text(json.dumps(form, separators=(",", ":")), encoding="utf-8")
    pretty = write_form(tmp_path, form, "pretty.json")
    assert load_eform(compact, trusted) == load_eform(pretty, trusted)


def test_r9_2_hkids_are_normalised_after_verification(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    raw = P1.replace("(", "").replace(")", "").lower()
    form = content([member(raw, "self", principal_hkid=f" {raw} ")])
    form["applicant"]["hkid"] = raw
    loaded = load_eform(write_form(tmp_path, signed(signing_key, form)), trusted)
    assert loaded.applicant.hkid == P1
    assert loaded.members[0].hkid == P1
    assert loaded.members[0].principal_hkid == P1


# --- R2.3 signature failures ----------------------------------------------------------------


def test_r2_3_unknown_key(tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path) -> None:
    path = write_form(tmp_path, signed(signing_key, content(), key_id="someone-else"))
    error = rejected(path, trusted)
    assert error.reason == f"unknown signing key 'someone-else' (not in {trusted})"
    assert error.form_id == "EF20250102-000123"


def test_r2_3_signed_with_another_key(tmp_path: Path, trusted: Path) -> None:
    path = write_form(tmp_path, signed(Ed25519PrivateKey.generate(), content()))
    assert rejected(path, trusted).reason == SIGNATURE_FAILS


def test_r2_3_content_changed_after_signing(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = signed(signing_key, content())
    form["members"][2]["date_of_birth"] = "2010-02-28"
    assert rejected(write_form(tmp_path, form), trusted).reason == SIGNATURE_FAILS


def test_r2_3_a_signed_field_added_after_signing(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = signed(signing_key, content())
    form["note"] = "added"
    assert rejected(write_form(tmp_path, form), trusted).reason == SIGNATURE_FAILS


def test_r2_3_other_algorithm(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = signed(signing_key, content())
    form["signature"]["alg"] = "RS256"
    reason = rejected(write_form(tmp_path, form), trusted).reason
    assert reason == "signature.alg: 'RS256' is not accepted; e-forms are signed with Ed25519"


@pytest.mark.parametrize(
    "key_id", ["../evil", "..", "sub/key", "sub\\key", "/etc/evil", "C:evil", ".hidden", ""]
)
def test_r2_3_key_id_cannot_leave_the_trusted_folder(
    tmp_path: Path, trusted: Path, key_id: str
) -> None:
    # A key the attacker controls, placed next to the trusted folder: must never be used.
    evil = Ed25519PrivateKey.generate()
    (tmp_path / "evil.pem").write_bytes(
        evil.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    path = write_form(tmp_path, signed(evil, content(), key_id=key_id))
    reason = rejected(path, trusted).reason
    assert reason.startswith("signature.key_id: ")
    assert reason.endswith("is not a valid key name")


def test_r2_3_unsigned_form(tmp_path: Path, trusted: Path) -> None:
    assert "not signed" in rejected(write_form(tmp_path, content()), trusted).reason


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("not base64!", "signature.value: not standard base64"),
        ("AAAA", "signature.value: 3 bytes; an Ed25519 signature is 64"),
        (None, "signature.value: expected a string, not null"),
    ],
)
def test_r2_3_malformed_signature_value(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path, value: Any, reason: str
) -> None:
    form = signed(signing_key, content())
    form["signature"]["value"] = value
    assert rejected(write_form(tmp_path, form), trusted).reason == reason


def test_r2_3_signature_envelope_must_be_exact(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = signed(signing_key, content())
    form["signature"]["cert"] = "x"
    assert rejected(write_form(tmp_path, form), trusted).reason == (
        "signature: unknown field 'cert'"
    )


def test_r2_3_trusted_key_that_is_not_ed25519(tmp_path: Path, trusted: Path) -> None:
    other = ec.generate_private_key(ec.SECP256R1()).public_key()
    (trusted / "ec-key.pem").write_bytes(
        other.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    (trusted / "garbage.pem").write_text("not a key")
    key = Ed25519PrivateKey.generate()
    ec_form = write_form(tmp_path, signed(key, content(), key_id="ec-key"), "a.json")
    assert rejected(ec_form, trusted).reason == "the trusted key 'ec-key' is not an Ed25519 key"
    garbage = write_form(tmp_path, signed(key, content(), key_id="garbage"), "b.json")
    assert (
        rejected(garbage, trusted).reason
        == "the trusted key file garbage.pem is not a PEM public key"
    )


# --- the file and JSON ------------------------------------------------------------------------


def test_r2_3_duplicate_json_keys_rejected(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = signed(signing_key, content())
    text = json.dumps(form, ensure_ascii=False)
    # A second "date_of_birth" in the child: a reader keeping the last copy sees another date.
    text = text.replace(
        '"date_of_birth": "2012-02-28"',
        '"date_of_birth": "2012-02-28", "date_of_birth": "2001-01-01"',
    )
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    error = rejected(path, trusted)
    assert error.reason == (
        "the key 'date_of_birth' appears twice in one JSON object; a form must not have "
        "duplicate keys"
    )


def test_r2_3_duplicate_top_level_key(tmp_path: Path, trusted: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"form_id": "EF1", "form_id": "EF2"}', encoding="utf-8")
    assert "'form_id' appears twice" in rejected(path, trusted).reason


def test_r2_3_not_utf8(tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path) -> None:
    path = tmp_path / "big5.json"
    path.write_bytes(json.dumps(signed(signing_key, content()), ensure_ascii=False).encode("big5"))
    reason = rejected(path, trusted).reason
    assert reason.startswith("the file is not UTF-8 text (byte ")


def test_r2_3_not_json(tmp_path: Path, trusted: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"schema": "fc-eform/1",', encoding="utf-8")
    assert rejected(path, trusted).reason.startswith("the file is not valid JSON: ")
    path.write_text("[1, 2]", encoding="utf-8")
    assert rejected(path, trusted).reason == "the file holds a list, not a JSON object"
    path.write_text('{"a": NaN}', encoding="utf-8")
    assert rejected(path, trusted).reason == "the file is not valid JSON: NaN is not a JSON value"


def test_r2_3_lone_surrogate_is_rejected(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = signed(signing_key, content())
    text = json.dumps(form).replace('"CHAN, Siu Ming"', '"CHAN, Siu Ming \\ud800"')
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    assert "not valid Unicode" in rejected(path, trusted).reason


def test_r2_3_byte_order_mark_is_tolerated(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(signed(signing_key, content())).encode())
    assert load_eform(path, trusted).form_id == "EF20250102-000123"


def test_r2_3_oversized_file(tmp_path: Path, trusted: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (2 << 20))
    assert "an e-form is at most" in rejected(path, trusted).reason


# --- schema (signed correctly, so only the schema is wrong) ----------------------------------


def schema_reason(
    tmp_path: Path, key: Ed25519PrivateKey, trusted: Path, form: dict[str, Any]
) -> str:
    return rejected(write_form(tmp_path, signed(key, form)), trusted).reason


@pytest.mark.parametrize("count", [0, 7])
def test_r2_1_a_form_covers_1_to_6_members(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path, count: int
) -> None:
    members = [member(P1, "self")] + [member(hkid("R", 300000 + n)) for n in range(count - 1)]
    reason = schema_reason(tmp_path, signing_key, trusted, content(members[:count]))
    assert reason == f"a form covers 1 to 6 members; this one has {count}"


def test_r2_1_six_members_accepted(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    members = [member(P1, "self")] + [member(hkid("R", 300000 + n)) for n in range(5)]
    form = load_eform(write_form(tmp_path, signed(signing_key, content(members))), trusted)
    assert len(form.members) == 6


def test_r2_1_members_of_two_families_rejected(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    other = hkid("D", 100004)
    members = [member(P1, "self"), member(C1, principal_hkid=other)]
    reason = schema_reason(tmp_path, signing_key, trusted, content(members))
    assert reason == (
        "the members belong to more than one family (principal_hkid D100XXX(X), K100XXX(X)); "
        "a form covers one family"
    )


def test_r2_1_same_person_twice_rejected(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    members = [member(P1, "self"), member(C1), member(C1, name_en="CHAN, Siu Ming Jr")]
    reason = schema_reason(tmp_path, signing_key, trusted, content(members))
    assert reason == "members[2].hkid: R100XXX(X) is already members[1]; a person is on a form once"


def test_r9_bad_member_hkid_is_masked(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    wrong = C1[:-2] + ("0)" if C1[-2] != "0" else "1)")
    members = [member(P1, "self"), member(wrong)]
    error = rejected(write_form(tmp_path, signed(signing_key, content(members))), trusted)
    assert error.reason.startswith("members[1].hkid: 'R100XXX(X)' is not a valid HKID: ")
    assert wrong not in str(error)


def test_f2_bad_date_names_the_json_path(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    members = [member(P1, "self"), member(S1, "spouse"), member(C1, date_of_birth="2012-02-30")]
    reason = schema_reason(tmp_path, signing_key, trusted, content(members))
    assert reason == "members[2].date_of_birth: '2012-02-30' is not a valid date (YYYY-MM-DD)"


def test_f2_unknown_and_missing_fields(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    child = member(C1, nickname="Ming")
    del child["email"]
    form = content([member(P1, "self"), child])
    form["extra"] = 1
    reason = schema_reason(tmp_path, signing_key, trusted, form)
    assert reason == (
        "unknown field 'extra'; members[1]: missing field 'email'; "
        "members[1]: unknown field 'nickname'"
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"schema": "fc-eform/2"}, "schema: 'fc-eform/2' is not 'fc-eform/1'"),
        ({"channel": "in_person"}, "channel: 'in_person' is not 'iam_smart'"),
        (
            {"form_id": "EF 1"},
            "form_id: 'EF 1' is not a form ID (up to 40 letters, digits and hyphens)",
        ),
        ({"form_id": 123}, "form_id: expected a string, not a number"),
        (
            {"submitted_at": "2025-01-02T09:15:00"},
            "submitted_at: '2025-01-02T09:15:00' has no UTC offset (e.g. +08:00)",
        ),
        (
            {"submitted_at": "yesterday"},
            "submitted_at: 'yesterday' is not an ISO 8601 date and time",
        ),
        ({"members": {}}, "members: expected a list, not an object"),
        ({"members": None}, "members: expected a list, not null"),
        ({"applicant": None}, "applicant: expected an object, not null"),
        (
            {"applicant": {"hkid": P1, "email": "x@example.org"}},
            "applicant: missing field 'mobile'",
        ),
        (
            {"applicant": {"hkid": P1, "email": "x@example.org", "mobile": "call me"}},
            "applicant.mobile: 'call me' is not a telephone number",
        ),
    ],
)
def test_f2_top_level_schema(
    tmp_path: Path,
    signing_key: Ed25519PrivateKey,
    trusted: Path,
    change: dict[str, Any],
    reason: str,
) -> None:
    form = content()
    form.update(change)
    assert schema_reason(tmp_path, signing_key, trusted, form) == reason


MEMBER_CASES: list[tuple[dict[str, Any], str]] = [
    (
        {"category": "contractor"},
        "members[1].category: 'contractor' is not one of: dependant, officer, pensioner, survivor",
    ),
    (
        {"relationship": "cousin"},
        "members[1].relationship: 'cousin' is not one of: child, self, spouse",
    ),
    (
        {"child_status": "student"},
        "members[1].child_status: 'student' is not one of: fte, infirm",
    ),
    ({"child_status": "fte", "relationship": "spouse"}, "members[1].child_status: "),
    ({"department": ""}, "members[1].department: is empty"),
    ({"department": "X" * 13}, "members[1].department: 'XXXXXXXXXXXXX' is 13 characters"),
    ({"email": 5}, "members[1].email: expected a string or null, not a number"),
    ({"email": "not-an-email"}, "members[1].email: 'not-an-email' is not an email address"),
    ({"name_en": None}, "members[1].name_en: expected a string, not null"),
    ({"name_en": "  "}, "members[1].name_en: is empty"),
    (
        {"relationship": "self"},
        "members[1].relationship: self does not go with category dependant "
        "(a principal is self, a dependant spouse or child)",
    ),
    (
        {"department": "PEN"},
        "the members name more than one department ('LCSD', 'PEN'); "
        "all members of a family name the principal's roster source",
    ),
]


@pytest.mark.parametrize(("changes", "reason"), MEMBER_CASES)
def test_f2_member_schema(
    tmp_path: Path,
    signing_key: Ed25519PrivateKey,
    trusted: Path,
    changes: dict[str, Any],
    reason: str,
) -> None:
    form = content([member(P1, "self"), member(C1, **changes)])
    # The reason asked for comes first (others may follow it).
    assert schema_reason(tmp_path, signing_key, trusted, form).startswith(reason)


def test_f2_own_principal_reported(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = content([member(C1, principal_hkid=C1)])
    reason = schema_reason(tmp_path, signing_key, trusted, form)
    assert reason == "members[0].principal_hkid: a dependant cannot be their own principal"


def test_f2_pensioner_comes_from_pen(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = content([member(P1, "self", category="pensioner")])
    reason = schema_reason(tmp_path, signing_key, trusted, form)
    assert reason == "members[0].department: 'LCSD' for a pensioner; expected PEN"


def test_f2_nullable_fields_and_child_status(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = content(
        [
            member(P1, "self", email="taiman@example.org"),
            member(C1, name_zh=None, child_status="fte", date_of_birth="2006-01-01"),
        ]
    )
    form["applicant"]["email"] = None
    form["applicant"]["mobile"] = None
    loaded = load_eform(write_form(tmp_path, signed(signing_key, form)), trusted)
    assert loaded.applicant.email is None
    assert loaded.members[0].email == "taiman@example.org"
    assert loaded.members[1].name_zh == ""
    assert loaded.members[1].child_status == "fte"


def test_f2_many_problems_are_listed_together(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = content([member(P1, "self"), member(C1, date_of_birth="x", category="y")])
    form["channel"] = "fax"
    reason = schema_reason(tmp_path, signing_key, trusted, form)
    assert reason.split("; ") == [
        "channel: 'fax' is not 'iam_smart'",
        "members[1].date_of_birth: 'x' is not a valid date (YYYY-MM-DD)",
        "members[1].category: 'y' is not one of: dependant, officer, pensioner, survivor",
    ]


def test_r2_4_same_content_same_digest(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    form = signed(signing_key, content())
    first = load_eform(write_form(tmp_path, form, "a.json"), trusted)
    second = load_eform(write_form(tmp_path, copy.deepcopy(form), "b.json"), trusted)
    assert first.content_sha256 == second.content_sha256
    assert len(first.content_sha256) == 64


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        items: list[tuple[Any, Any]] = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return found
    for key, item in items:
        found.append((*prefix, key))
        found.extend(_paths(item, (*prefix, key)))
    return found


def test_r2_3_any_wrong_value_is_a_rejection_never_a_crash(
    tmp_path: Path, signing_key: Ed25519PrivateKey, trusted: Path
) -> None:
    base = content()
    outcomes = {"accepted": 0, "rejected": 0}  # about 300 altered forms
    for path in _paths(base):
        replacements: tuple[Any, ...] = (None, 1.5, True, "", [], {}, "<delete>")
        for replacement in replacements:
            form = copy.deepcopy(base)
            parent = form
            for step in path[:-1]:
                parent = parent[step]
            if replacement == "<delete>":
                del parent[path[-1]]
            else:
                parent[path[-1]] = replacement
            file = write_form(tmp_path, signed(signing_key, form))
            try:
                load_eform(file, trusted)
            except EFormRejected as error:
                assert P1 not in error.reason and C1 not in error.reason
                outcomes["rejected"] += 1
            else:
                outcomes["accepted"] += 1
    # Accepted (31): null or "" in a nullable field, or one member deleted from the list.
    assert outcomes["rejected"] > 200
    assert outcomes["accepted"] < 40
