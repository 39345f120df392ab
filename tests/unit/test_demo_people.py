"""The demo people generator: realistic, valid (R1, R9), deterministic; e-form signatures (F2)."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from fc_admin.demo.files import (
    canonical_bytes,
    demo_signing_key,
    load_public_key,
    public_key_pem,
    sign_eform,
    verify_eform,
)
from fc_admin.demo.forms import MAX_MEMBERS, SHOWCASE, UNLISTED_SLIPS, FormMaker
from fc_admin.demo.names import (
    GIVEN_POOLS,
    SURNAMES,
    NameMaker,
    homophone_zh,
    initials_en,
    joined_en,
    with_english_name,
)
from fc_admin.demo.people import HkidSequence, age_on, generate_families, looks_eligible
from fc_admin.demo.rejects import REJECT_KINDS, RejectedEform, RejectMaker, reject_reason
from fc_admin.demo.sources import SOURCES
from fc_admin.domain.hkid import is_valid_hkid, normalise_hkid
from fc_admin.domain.names import compare_names, names_equivalent_en
from fc_admin.exchange.eform import EFormRejected, load_eform

AS_OF = date(2025, 1, 24)
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
NAME_EN = re.compile(r"^[A-Z]+(?: [A-Z]+)?, [A-Z][a-z]+(?: [A-Z][a-z]+)?$")


def _people(n: int, seed: int = 1) -> list[tuple[str, str, str, date]]:
    return [
        (p.hkid, p.name_en, p.name_zh, p.date_of_birth)
        for f in generate_families(n, seed, AS_OF)
        for p in f.members
    ]


# --- names --------------------------------------------------------------------------------------
def test_every_name_character_fits_big5_hkscs() -> None:
    # F1: some departments export Big5-HKSCS; a demo name that cannot be encoded would break it.
    for surname in SURNAMES:
        surname.zh.encode("big5hkscs")
    for pool in GIVEN_POOLS.values():
        for zh, en in pool:
            zh.encode("big5hkscs")
            assert en.isascii() and en.istitle()


def test_english_and_chinese_names_correspond() -> None:
    import random

    maker = NameMaker(random.Random(5))
    surname_by_zh = {(s.zh, s.en) for s in SURNAMES}
    syllables = {pair for pool in GIVEN_POOLS.values() for pair in pool}
    for year in (1945, 1975, 2010):
        for sex in ("M", "F"):
            for _ in range(300):
                name = maker.name(sex, year)
                assert NAME_EN.match(name.en), name.en
                assert (name.surname_zh, name.surname_en) in surname_by_zh
                assert len(name.given_zh) == len(name.given_en) in (1, 2)
                for zh, en in zip(name.given_zh, name.given_en, strict=True):
                    assert (zh, en) in syllables
                assert not set(name.given_zh) & set(name.surname_zh)


# --- R9 HKIDs -----------------------------------------------------------------------------------
def test_r9_hkid_sequence_is_valid_canonical_and_unique() -> None:
    sequence = HkidSequence(7)
    numbers = [sequence[n] for n in range(50_000)]
    assert len(set(numbers)) == len(numbers)
    for hkid in numbers[:5_000]:
        assert is_valid_hkid(hkid)
        assert normalise_hkid(hkid) == hkid
    prefixes = Counter(re.match(r"[A-Z]+", h).group(0) for h in numbers)  # type: ignore[union-attr]
    assert len(prefixes) >= 15  # spread over the prefixes, two-letter ones included
    assert any(len(p) == 2 for p in prefixes)
    assert sequence[sequence.capacity - 1] not in numbers
    with pytest.raises(IndexError):
        sequence[sequence.capacity]


def test_hkid_sequence_depends_on_the_seed() -> None:
    assert [HkidSequence(1)[n] for n in range(100)] != [HkidSequence(2)[n] for n in range(100)]


# --- families -----------------------------------------------------------------------------------
def test_generates_exactly_the_people_asked_for() -> None:
    for n in (0, 1, 2, 7, 301):
        assert sum(len(f.members) for f in generate_families(n, 3, AS_OF)) == n


def test_same_seed_same_people_other_seed_other_people() -> None:
    first = _people(3_000, seed=11)
    assert _people(3_000, seed=11) == first
    other = _people(3_000, seed=12)
    assert {p[0] for p in other} != {p[0] for p in first}
    assert {p[1] for p in other} != {p[1] for p in first}


def test_r1_families_are_consistent() -> None:
    seen: set[str] = set()
    sources = {s.code for s in SOURCES}
    for family in generate_families(20_000, 1, AS_OF):
        principal = family.principal
        assert principal.relationship == "self"
        assert principal.principal_hkid == principal.hkid
        assert principal.staff_no
        assert family.source in sources
        if family.source == "PEN":
            assert principal.category in ("pensioner", "survivor")
        else:
            assert principal.category == "officer"
        for person in family.members:
            assert person.hkid not in seen
            seen.add(person.hkid)
            assert is_valid_hkid(person.hkid)
            assert person.source == family.source
            assert person.principal_hkid == principal.hkid
            assert person.date_of_birth <= AS_OF
            assert (person.status_date is not None) == (person.status == "inactive")
            if person is not principal:
                assert person.category == "dependant"
                assert person.relationship in ("spouse", "child")
                assert person.staff_no is None
            if person.child_status is not None:
                assert person.relationship == "child"
                assert age_on(person.date_of_birth, AS_OF) >= 19
        assert sum(1 for m in family.members if m.relationship == "spouse") <= 1


def test_r1_every_case_appears_in_realistic_shares() -> None:
    categories: Counter[str] = Counter()
    children: Counter[tuple[str, str | None]] = Counter()
    inactive: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    ages: list[int] = []
    for family in generate_families(40_000, 1, AS_OF):
        sources[family.source] += 1
        for person in family.members:
            categories[person.category] += 1
            if person.status == "inactive":
                inactive[person.category] += 1
            age = age_on(person.date_of_birth, AS_OF)
            if person.category == "officer":
                ages.append(age)
            if person.relationship == "child":
                band = "under 19" if age < 19 else "19-20" if age < 21 else "21+"
                children[(band, person.child_status)] += 1
    assert set(sources) == {s.code for s in SOURCES}
    assert sources["HKPF"] > sources["EDB"]
    assert {"officer", "pensioner", "survivor", "dependant"} <= set(categories)
    assert categories["dependant"] > categories["officer"]
    for key in (("19-20", "fte"), ("19-20", "infirm"), ("19-20", None), ("21+", None)):
        assert children[key] > 0, key
    assert children[("under 19", None)] > 10 * children[("19-20", None)]
    assert inactive["officer"] > 0 and inactive["pensioner"] > 0
    assert 0.01 < inactive["officer"] / categories["officer"] < 0.05
    assert min(ages) >= 19 and max(ages) <= 65
    assert 40 <= sorted(ages)[len(ages) // 2] <= 50  # median age of serving officers


def test_ages_follow_the_roster_date_names_do_not() -> None:
    early = list(generate_families(500, 4, date(2020, 6, 1)))
    late = list(generate_families(500, 4, date(2026, 6, 1)))
    assert [p.hkid for f in early for p in f.members] == [p.hkid for f in late for p in f.members]
    assert early[0].principal.date_of_birth < late[0].principal.date_of_birth


# --- R2 forms -----------------------------------------------------------------------------------
def test_r2_1_forms_have_one_to_six_members_of_one_family() -> None:
    maker = FormMaker(1, AS_OF, share=0.5, in_person_share=0.3)
    slips: Counter[str | None] = Counter()
    channels: Counter[str] = Counter()
    forms = repeats = 0
    for family in generate_families(20_000, 1, AS_OF):
        drafts = maker.forms_for(family)
        assert len(drafts) <= 2 and all(d.repeat == (i == 1) for i, d in enumerate(drafts))
        for form in drafts:
            forms += 1
            repeats += form.repeat
            channels[form.channel] += 1
            assert 1 <= len(form.members) <= MAX_MEMBERS
            assert {m.principal_hkid for m in form.members} == {family.principal.hkid}
            assert form.applicant_hkid in {m.hkid for m in form.members}
            assert len({m.hkid for m in form.members}) == len(form.members)
            roster = {p.hkid for p in family.members}
            for member in form.members:
                slips[member.slip] += 1
                assert is_valid_hkid(member.hkid)
                assert member.department == family.source
                assert (member.hkid in roster) == (member.slip not in UNLISTED_SLIPS)
        if len(drafts) == 2:  # R2.4: the later form names people of the earlier one
            assert {m.hkid for m in drafts[1].members} <= {m.hkid for m in drafts[0].members}
    assert forms > 3_000
    assert 0 < repeats < 0.02 * forms
    assert set(channels) == {"iam_smart", "in_person"}
    for slip in (
        "name_order",
        "name_hyphen",
        "name_slip",
        "name_joined",
        "name_initials",
        "english_name",
        "zh_slip",
        "dob_slip",
        "unlisted_child",
        "unlisted_spouse",
    ):
        assert slips[slip] > 0, slip
    assert slips[None] > 0.9 * sum(slips.values())


def test_a_showcase_maker_has_every_case_in_its_first_forms() -> None:
    maker = FormMaker(5, AS_OF, share=0.03)
    assert set(maker.pending) == set(SHOWCASE)
    seen: Counter[str] = Counter()
    forms = 0
    for family in generate_families(2_000, 5, AS_OF):  # the size of gui --demo
        for form in maker.forms_for(family):
            forms += 1
            seen["repeat"] += form.repeat
            principal = family.principal
            for member in form.members:
                seen[member.slip or ""] += 1
                person = next((p for p in family.members if p.hkid == member.hkid), None)
                if person is not None and not looks_eligible(person, principal, AS_OF):
                    seen["ineligible"] += 1
    assert maker.pending == ()
    for case in SHOWCASE:
        assert seen[case] > 0, case
    quiet = FormMaker(5, AS_OF, share=0.03, showcase=False)
    assert quiet.pending == ()


def test_name_slips_are_review_or_equivalent_as_r3_3_says() -> None:
    import random

    rng = random.Random(3)
    maker = NameMaker(rng)
    homophones = 0
    for _ in range(500):
        name = maker.name("M", 1980)
        assert not compare_names(initials_en(name), name.zh, name.en, name.zh).equivalent
        assert not names_equivalent_en(with_english_name(name, "M", rng), name.en)
        joined = joined_en(name)
        if joined is not None:
            assert not names_equivalent_en(joined, name.en)
        zh = homophone_zh(name, rng)
        if zh is not None:
            homophones += 1
            zh.encode("big5hkscs")  # F1: Big5-HKSCS rosters must hold it
            assert len(zh) == len(name.zh) and zh != name.zh
            comparison = compare_names(name.en, zh, name.en, name.zh)
            assert comparison.en_equal and comparison.zh_equal is False
    assert homophones > 250


def test_rejected_eforms_are_refused_with_the_reasons_given(tmp_path: Path) -> None:
    key = demo_signing_key(1)
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "eform-demo-1.pem").write_bytes(public_key_pem(key))
    rejects = RejectMaker(1, AS_OF, key, "eform-demo-1")
    made: list[RejectedEform] = []
    for family in generate_families(400, 1, AS_OF):
        if rejects.wants(family):
            submitted = rejects.submitted_at(21)
            made.append(rejects.make(family, f"EF{submitted:%Y%m%d}-9{len(made):05d}", submitted))
    assert [bad.kind for bad in made] == list(REJECT_KINDS)
    for bad in made:
        path = tmp_path / bad.file_name
        path.write_text(bad.text, encoding="utf-8")
        with pytest.raises(EFormRejected) as refused:
            load_eform(path, keys)
        assert refused.value.reason == reject_reason(bad.kind, str(keys))
        assert refused.value.form_id == bad.reported_form_id


# --- F2 signatures ------------------------------------------------------------------------------
def test_f2_sample_eforms_verify_with_the_sample_key_and_the_tampered_one_does_not() -> None:
    keys = {"eform-sample-2025": load_public_key(SAMPLES / "keys" / "eform-sample-2025.pem")}
    results = {}
    for path in sorted((SAMPLES / "eforms").glob("*.json")):
        results[path.name] = verify_eform(json.loads(path.read_text(encoding="utf-8")), keys)
    assert results == {
        "EF20250106-000001.json": True,
        "EF20250106-000002.json": True,
        "EF20250107-000003-tampered.json": False,
    }


def test_f2_canonical_bytes_are_sorted_compact_utf8_without_signature() -> None:
    form = {"b": "陳大文", "a": [1, {"d": None, "c": True}], "signature": {"value": "x"}}
    assert canonical_bytes(form) == '{"a":[1,{"c":true,"d":null}],"b":"陳大文"}'.encode()


def test_f2_signing_key_is_derived_from_the_seed() -> None:
    form = {"schema": "fc-eform/1", "form_id": "EF20250101-000001", "members": []}
    a = sign_eform(form, demo_signing_key(1), "eform-demo-1")
    b = sign_eform(form, demo_signing_key(1), "eform-demo-1")
    c = sign_eform(form, demo_signing_key(2), "eform-demo-2")
    assert a == b
    assert a["signature"]["value"] != c["signature"]["value"]
    keys = {"eform-demo-1": demo_signing_key(1).public_key()}
    assert verify_eform(a, keys)
    assert not verify_eform(c, keys)  # unknown key ID
    assert not verify_eform({**a, "form_id": "EF20250101-000002"}, keys)
    assert not verify_eform({**a, "signature": {**a["signature"], "alg": "RSA"}}, keys)
