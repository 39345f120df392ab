"""R3.2 and R3.5: members verified against the current rosters, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from fc_admin.domain.eligibility import (
    CATEGORY_MISMATCH,
    CHILD_OVER_21,
    CHILD_STATUS_MISSING,
    DOB_MISMATCH,
    INACTIVE,
    NAME_MISMATCH,
    PRINCIPAL_INACTIVE,
    PRINCIPAL_MISMATCH,
    PRINCIPAL_NOT_ON_ROSTER,
    RELATIONSHIP_MISMATCH,
    Outcome,
)
from fc_admin.domain.roles import Role
from fc_admin.models import ApplicationMember, AuditRecord
from fc_admin.services import Services
from fc_admin.services import verification as verification_module
from fc_admin.services.errors import NotFound, PermissionDenied
from fc_admin.services.verification import (
    DUPLICATE_ACCOUNT,
    DUPLICATE_APPLICATION,
    NOT_FOUND,
    VerificationResult,
    VerificationService,
    verify_members,
)
from fc_admin.tasks import Cancelled, TaskControl
from tests.conftest import NOW, OPERATOR, actor_for
from tests.services.factories import (
    Person,
    add_account,
    add_application,
    add_roster,
    add_source,
    born,
    family,
    hkid,
    member_row,
    set_decision,
)

VERIFIER = actor_for(Role.VERIFIER)


@pytest.fixture
def verification(services: Services) -> VerificationService:
    return VerificationService(services.db, services.clock)


def _by_hkid(results: list[VerificationResult]) -> dict[str, VerificationResult]:
    return {r.hkid: r for r in results}


def _one(
    services: Services,
    verification: VerificationService,
    roster: list[Person],
    form: list[Person],
    *,
    source: str = "LCSD",
    department: str | None = None,
    at: datetime | None = None,
) -> dict[str, VerificationResult]:
    add_source(services.db, source, pensions=source == "PEN")
    add_roster(services.db, source, roster)
    add_application(services.db, "EF20250106-000001", department or source, form)
    return _by_hkid(verification.verify(VERIFIER, at=at))


# --- ELIGIBLE and REVIEW (R3.2, R3.3) -------------------------------------------------------------
def test_r3_2_eligible_when_form_agrees_with_roster(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    results = _one(services, verification, list(f.values()), list(f.values()))
    assert {r.outcome for r in results.values()} == {Outcome.ELIGIBLE}
    assert all(r.reasons == [] and r.similarity == 1.0 for r in results.values())
    assert all(r.form_id == "EF20250106-000001" for r in results.values())


def test_r3_2_eligible_names_equivalent_after_r3_3_normalisation(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    listed = f["principal"].but(name_en="Tai Man CHAN")
    spouse = f["spouse"].but(name_zh="黃 美 玲")  # spaces in the Chinese name are ignored
    results = _one(
        services,
        verification,
        [listed, spouse, f["child"]],
        [listed.but(name_en="CHAN, Tai-man"), spouse.but(name_zh="黃美玲"), f["child"]],
    )
    assert results[listed.hkid].outcome is Outcome.ELIGIBLE
    assert results[listed.hkid].similarity == 1.0
    assert results[spouse.hkid].outcome is Outcome.ELIGIBLE


def test_r3_2_review_when_english_name_differs_with_similarity(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    results = _one(
        services,
        verification,
        list(f.values()),
        [f["principal"].but(name_en="CHAN, Tai Mun"), f["spouse"], f["child"]],
    )
    result = results[f["principal"].hkid]
    assert result.outcome is Outcome.REVIEW
    assert result.reasons == [NAME_MISMATCH]
    assert result.similarity is not None and 0.8 < result.similarity < 1.0


def test_r3_2_review_when_chinese_name_differs_and_only_when_both_have_one(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    results = _one(
        services,
        verification,
        [f["principal"], f["spouse"].but(name_zh=""), f["child"]],
        [f["principal"].but(name_zh="陳大民"), f["spouse"], f["child"].but(name_zh="")],
    )
    assert results[f["principal"].hkid].outcome is Outcome.REVIEW
    assert results[f["principal"].hkid].reasons == [NAME_MISMATCH]
    assert results[f["principal"].hkid].similarity == 1.0  # the English names agree
    # Nothing to compare on one side: not a difference.
    assert results[f["spouse"].hkid].outcome is Outcome.ELIGIBLE
    assert results[f["child"].hkid].outcome is Outcome.ELIGIBLE


# --- NOT_FOUND ----------------------------------------------------------------------------------
def test_r3_2_not_found_when_no_current_roster_lists_the_hkid(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    newborn = Person(
        hkid("A", 100009),
        "CHAN, Siu Fung",
        born(0, -100),
        "child",
        "dependant",
        f["principal"].hkid,
    )
    add_source(services.db, "LCSD")
    # The spouse is only on a superseded roster: that does not count (R3.1).
    add_roster(services.db, "LCSD", list(f.values()), as_of=date(2024, 12, 1))
    add_roster(services.db, "LCSD", [f["principal"], f["child"]])
    add_application(services.db, "EF1", "LCSD", [*f.values(), newborn])
    results = _by_hkid(verification.verify(VERIFIER))
    assert results[newborn.hkid].outcome is Outcome.NOT_FOUND
    assert results[newborn.hkid].reasons == [NOT_FOUND]
    assert results[newborn.hkid].similarity is None
    assert results[f["spouse"].hkid].outcome is Outcome.NOT_FOUND
    assert results[f["principal"].hkid].outcome is Outcome.ELIGIBLE


# --- MISMATCH -----------------------------------------------------------------------------------
def test_r3_2_mismatch_date_of_birth(services: Services, verification: VerificationService) -> None:
    f = family("A", 100001)
    results = _one(
        services,
        verification,
        list(f.values()),
        [f["principal"].but(date_of_birth=date(1975, 2, 3)), f["spouse"], f["child"]],
    )
    assert results[f["principal"].hkid].outcome is Outcome.MISMATCH
    assert results[f["principal"].hkid].reasons == [DOB_MISMATCH]


def test_r3_2_mismatch_relationship(services: Services, verification: VerificationService) -> None:
    f = family("A", 100001)
    results = _one(
        services,
        verification,
        list(f.values()),
        [f["principal"], f["spouse"].but(relationship="child"), f["child"]],
    )
    assert results[f["spouse"].hkid].outcome is Outcome.MISMATCH
    assert results[f["spouse"].hkid].reasons == [RELATIONSHIP_MISMATCH]


def test_r3_2_mismatch_principal_hkid(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    other = hkid("B", 200001)
    results = _one(
        services,
        verification,
        list(f.values()),
        [f["spouse"].but(principal_hkid=other), f["child"]],
    )
    assert results[f["spouse"].hkid].outcome is Outcome.MISMATCH
    assert results[f["spouse"].hkid].reasons == [PRINCIPAL_MISMATCH]
    assert results[f["child"].hkid].outcome is Outcome.ELIGIBLE


def test_r3_2_mismatch_principal_when_form_names_another_department(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    add_source(services.db, "HKPF")
    results = _one(services, verification, list(f.values()), list(f.values()), department="HKPF")
    assert {r.outcome for r in results.values()} == {Outcome.MISMATCH}
    assert all(r.reasons == [PRINCIPAL_MISMATCH] for r in results.values())


def test_r3_2_mismatch_category(services: Services, verification: VerificationService) -> None:
    f = family("A", 100001)
    results = _one(
        services,
        verification,
        list(f.values()),
        [f["principal"].but(category="pensioner"), f["spouse"], f["child"]],
    )
    assert results[f["principal"].hkid].outcome is Outcome.MISMATCH
    assert results[f["principal"].hkid].reasons == [CATEGORY_MISMATCH]


def test_r3_2_mismatch_wins_and_every_reason_is_listed(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    inactive_child = f["child"].but(status="inactive")
    results = _one(
        services,
        verification,
        [f["principal"], f["spouse"], inactive_child],
        [
            f["principal"],
            f["spouse"],
            inactive_child.but(date_of_birth=date(2014, 1, 1), name_en="CHAN, Siu Ping"),
        ],
    )
    result = results[inactive_child.hkid]
    assert result.outcome is Outcome.MISMATCH
    assert result.reasons == [DOB_MISMATCH, INACTIVE, NAME_MISMATCH]


# --- INELIGIBLE (R1) ----------------------------------------------------------------------------
def test_r3_2_ineligible_inactive_row(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    spouse = f["spouse"].but(status="inactive")
    results = _one(services, verification, [f["principal"], spouse, f["child"]], list(f.values()))
    assert results[spouse.hkid].outcome is Outcome.INELIGIBLE
    assert results[spouse.hkid].reasons == [INACTIVE]
    assert results[f["child"].hkid].outcome is Outcome.ELIGIBLE


def test_r3_2_ineligible_dependants_of_a_pensioner_whose_pension_is_suspended(
    services: Services, verification: VerificationService
) -> None:
    f = family("P", 300001, category="pensioner", staff_no="PEN00001")
    suspended = f["principal"].but(status="inactive")
    results = _one(
        services,
        verification,
        [suspended, f["spouse"], f["child"]],
        list(f.values()),
        source="PEN",
    )
    assert results[suspended.hkid].outcome is Outcome.INELIGIBLE
    assert results[suspended.hkid].reasons == [INACTIVE]
    assert results[f["spouse"].hkid].reasons == [PRINCIPAL_INACTIVE]
    assert results[f["child"].hkid].outcome is Outcome.INELIGIBLE


def test_r3_2_ineligible_principal_not_on_roster(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    results = _one(services, verification, [f["spouse"]], [f["spouse"]])
    assert results[f["spouse"].hkid].outcome is Outcome.INELIGIBLE
    assert results[f["spouse"].hkid].reasons == [PRINCIPAL_NOT_ON_ROSTER]


def _child(number: int, date_of_birth: date, child_status: str | None = None) -> Person:
    return Person(
        hkid("A", number),
        f"CHAN, Child {number}",
        date_of_birth,
        "child",
        "dependant",
        hkid("A", 100001),
        child_status=child_status,
    )


def test_r1_2_children_19_to_20_need_child_status_over_21_never(
    services: Services, verification: VerificationService
) -> None:
    principal = family("A", 100001)["principal"]
    children = {
        "18": _child(100011, born(19, 1)),  # turns 19 tomorrow
        "19 fte": _child(100012, born(19), "fte"),
        "19 none": _child(100013, born(19)),
        "20 infirm": _child(100014, born(20, 200), "infirm"),
        "20 none": _child(100015, born(20, 200)),
        "21 fte": _child(100016, born(21), "fte"),
    }
    results = _one(services, verification, [principal, *children.values()], list(children.values()))
    outcome = {k: (results[c.hkid].outcome, results[c.hkid].reasons) for k, c in children.items()}
    assert outcome == {
        "18": (Outcome.ELIGIBLE, []),
        "19 fte": (Outcome.ELIGIBLE, []),
        "19 none": (Outcome.INELIGIBLE, [CHILD_STATUS_MISSING]),
        "20 infirm": (Outcome.ELIGIBLE, []),
        "20 none": (Outcome.INELIGIBLE, [CHILD_STATUS_MISSING]),
        "21 fte": (Outcome.INELIGIBLE, [CHILD_OVER_21]),
    }


def test_r1_4_age_is_judged_on_the_verification_date(
    services: Services, verification: VerificationService
) -> None:
    principal = family("A", 100001)["principal"]
    turning_19 = _child(100011, date(2006, 1, 10))  # 19 on Friday 10 January 2025
    turning_21 = _child(100012, date(2004, 1, 10), "fte")  # 21 the same day
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", [principal, turning_19, turning_21])
    add_application(services.db, "EF1", "LCSD", [turning_19, turning_21])
    before = _by_hkid(verification.verify(VERIFIER, at=NOW))
    assert before[turning_19.hkid].outcome is Outcome.ELIGIBLE
    assert before[turning_21.hkid].outcome is Outcome.ELIGIBLE
    # The Hong Kong date counts: 16:00 UTC on the 9th is midnight of the 10th in Hong Kong.
    on_birthday = datetime(2025, 1, 9, 16, 0, tzinfo=UTC)
    after = _by_hkid(verification.verify(VERIFIER, at=on_birthday))
    assert after[turning_19.hkid].reasons == [CHILD_STATUS_MISSING]
    assert after[turning_21.hkid].reasons == [CHILD_OVER_21]


# --- DUPLICATE (R2.4) ---------------------------------------------------------------------------
def test_r2_4_duplicate_when_the_person_holds_an_account(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", list(f.values()))
    old = add_application(services.db, "EF-OLD", "LCSD", [f["principal"]])
    set_decision(services.db, old[f["principal"].hkid], "approve")
    add_account(services.db, old[f["principal"].hkid], f["principal"].hkid, "FC0000001")
    add_application(
        services.db,
        "EF-NEW",
        "LCSD",
        [f["principal"].but(name_en="CHAN, Tai Mun"), f["spouse"]],
        submitted_at=NOW,
    )
    results = {(r.form_id, r.hkid): r for r in verification.verify(VERIFIER)}
    assert ("EF-OLD", f["principal"].hkid) not in results  # decided: not waiting
    duplicate = results[("EF-NEW", f["principal"].hkid)]
    assert duplicate.outcome is Outcome.DUPLICATE
    assert duplicate.reasons == [DUPLICATE_ACCOUNT, NAME_MISMATCH]  # every code found
    assert results[("EF-NEW", f["spouse"].hkid)].outcome is Outcome.ELIGIBLE


def test_r2_4_duplicate_when_on_an_earlier_pending_application(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", list(f.values()))
    first = NOW - timedelta(days=2)
    add_application(services.db, "EF-2", "LCSD", [f["spouse"]], submitted_at=first)
    add_application(services.db, "EF-1", "LCSD", [f["principal"], f["spouse"]], submitted_at=NOW)
    # Submitted at the same moment: the one imported first (lower id) is the earlier.
    add_application(services.db, "EF-3", "LCSD", [f["spouse"]], submitted_at=first)
    results = {(r.form_id, r.hkid): r for r in verification.verify(VERIFIER)}
    assert results[("EF-2", f["spouse"].hkid)].outcome is Outcome.ELIGIBLE
    assert results[("EF-1", f["spouse"].hkid)].outcome is Outcome.DUPLICATE
    assert results[("EF-1", f["spouse"].hkid)].reasons == [DUPLICATE_APPLICATION]
    assert results[("EF-3", f["spouse"].hkid)].outcome is Outcome.DUPLICATE
    assert results[("EF-1", f["principal"].hkid)].outcome is Outcome.ELIGIBLE


def test_r2_4_a_rejected_earlier_application_is_no_duplicate(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", list(f.values()))
    old = add_application(
        services.db, "EF-OLD", "LCSD", [f["spouse"]], submitted_at=NOW - timedelta(days=9)
    )
    set_decision(services.db, old[f["spouse"].hkid], "reject")
    add_application(services.db, "EF-NEW", "LCSD", [f["spouse"]], submitted_at=NOW)
    results = {(r.form_id, r.hkid): r for r in verification.verify(VERIFIER)}
    assert results[("EF-NEW", f["spouse"].hkid)].outcome is Outcome.ELIGIBLE


def test_r2_4_duplicate_wins_over_not_found(
    services: Services, verification: VerificationService
) -> None:
    stranger = Person(hkid("Z", 999991), "NOBODY, Known", date(1990, 1, 1))
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", [])
    add_application(services.db, "EF-1", "LCSD", [stranger], submitted_at=NOW - timedelta(1))
    add_application(services.db, "EF-2", "LCSD", [stranger], submitted_at=NOW)
    results = {r.form_id: r for r in verification.verify(VERIFIER)}
    assert results["EF-1"].outcome is Outcome.NOT_FOUND
    assert results["EF-2"].outcome is Outcome.DUPLICATE
    assert results["EF-2"].reasons == [DUPLICATE_APPLICATION, NOT_FOUND]


# --- Several rosters list one person ------------------------------------------------------------
def test_r3_2_a_person_on_two_rosters_is_matched_with_the_one_the_form_names(
    services: Services, verification: VerificationService
) -> None:
    pensioner = family("P", 300001, category="pensioner", staff_no="PEN00001")
    spouse_as_officer = pensioner["spouse"].but(
        relationship="self", category="officer", principal_hkid="", staff_no="L000009"
    )
    add_source(services.db, "LCSD")
    add_source(services.db, "PEN", pensions=True)
    add_roster(services.db, "LCSD", [spouse_as_officer])
    add_roster(services.db, "PEN", list(pensioner.values()))
    add_application(services.db, "EF-PEN", "PEN", [pensioner["principal"], pensioner["spouse"]])
    add_application(services.db, "EF-LCSD", "LCSD", [spouse_as_officer])
    results = {(r.form_id, r.hkid): r for r in verification.verify(VERIFIER)}
    assert results[("EF-PEN", pensioner["spouse"].hkid)].outcome is Outcome.ELIGIBLE
    # The same person, applying as an officer on another form: a duplicate of the first form.
    assert results[("EF-LCSD", spouse_as_officer.hkid)].reasons == [DUPLICATE_APPLICATION]


# --- What a run touches and stores (R3.2, R3.5) -------------------------------------------------
def test_r3_2_results_are_stored_on_the_members(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", list(f.values()))
    ids = add_application(
        services.db, "EF1", "LCSD", [f["principal"].but(name_en="CHAN, Tai Mun"), f["spouse"]]
    )
    verification.verify(VERIFIER)
    row = member_row(services.db, ids[f["principal"].hkid])
    assert row.outcome == "REVIEW"
    assert json.loads(row.outcome_reasons) == [NAME_MISMATCH]
    assert 0.8 < row.name_similarity < 1.0
    assert row.verified_at == NOW
    assert row.version == 2
    assert member_row(services.db, ids[f["spouse"].hkid]).outcome == "ELIGIBLE"


def test_r3_2_verification_is_audited_with_counts_per_outcome(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    _one(services, verification, [f["principal"], f["spouse"]], list(f.values()))
    with services.db.read() as session:
        record = session.execute(
            sa.select(AuditRecord).where(AuditRecord.action == "verification.run")
        ).scalar_one()
    assert record.actor == VERIFIER.username
    after = json.loads(record.after or "{}")
    assert after["members"] == 3
    assert after["outcomes"]["ELIGIBLE"] == 2 and after["outcomes"]["NOT_FOUND"] == 1
    assert services.audit.verify().ok


def test_r3_2_only_members_still_waiting_are_verified(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", list(f.values()))
    ids = add_application(services.db, "EF1", "LCSD", list(f.values()))
    set_decision(services.db, ids[f["principal"].hkid], "approve")
    set_decision(services.db, ids[f["spouse"].hkid], "reject")
    set_decision(services.db, ids[f["child"].hkid], "query")
    before = {h: member_row(services.db, i) for h, i in ids.items()}
    results = verification.verify(VERIFIER)
    assert [r.hkid for r in results] == [f["child"].hkid]  # queried members wait too (R3.5)
    for person in (f["principal"], f["spouse"]):
        after = member_row(services.db, ids[person.hkid])
        assert after.outcome is None and after.version == before[person.hkid].version
    assert member_row(services.db, ids[f["child"].hkid]).outcome == "ELIGIBLE"


def test_r3_5_verification_restricted_to_one_source(services: Services) -> None:
    officer = family("A", 100001)
    pensioner = family("P", 300001, category="pensioner", staff_no="PEN00001")
    add_source(services.db, "LCSD")
    add_source(services.db, "PEN", pensions=True)
    add_roster(services.db, "LCSD", list(officer.values()))
    add_roster(services.db, "PEN", list(pensioner.values()))
    lcsd = add_application(services.db, "EF-L", "LCSD", list(officer.values()))
    pen = add_application(services.db, "EF-P", "PEN", list(pensioner.values()))
    with services.db.write() as session:
        results = verify_members(session, services.clock, NOW, source_code="PEN")
    assert {r.form_id for r in results} == {"EF-P"}
    assert all(member_row(services.db, i).outcome == "ELIGIBLE" for i in pen.values())
    assert all(member_row(services.db, i).outcome is None for i in lcsd.values())


def test_r3_5_verification_restricted_to_members(services: Services) -> None:
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", list(f.values()))
    ids = add_application(services.db, "EF-L", "LCSD", list(f.values()))
    wanted = [ids[f["spouse"].hkid]]
    with services.db.write() as session:
        results = verify_members(session, services.clock, NOW, member_ids=wanted)
        assert verify_members(session, services.clock, NOW, member_ids=[]) == []
    assert [r.member_id for r in results] == wanted
    assert member_row(services.db, ids[f["principal"].hkid]).outcome is None


def test_r3_5_many_member_ids_are_verified_in_chunks(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", list(f.values()))
    ids = add_application(services.db, "EF-L", "LCSD", list(f.values()))
    monkeypatch.setattr(verification_module, "_MEMBER_ID_CHUNK", 2)
    with services.db.write() as session:
        results = verify_members(session, services.clock, NOW, member_ids=list(ids.values()) * 2)
    assert sorted(r.member_id for r in results) == sorted(ids.values())
    assert {r.outcome for r in results} == {Outcome.ELIGIBLE}


def test_r3_2_progress_is_reported_and_a_cancel_changes_nothing(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", list(f.values()))
    ids = add_application(services.db, "EF-L", "LCSD", list(f.values()))
    seen: list[tuple[int, int, str]] = []
    verification.verify(VERIFIER, control=TaskControl(lambda *step: seen.append(step)))
    assert seen[0] == (0, 3, "members") and seen[-1] == (3, 3, "members")

    def cancel_midway(done: int, total: int, what: str) -> None:
        if done == total:
            cancelling.cancel()

    cancelling = TaskControl(cancel_midway)
    before = member_row(services.db, ids[f["child"].hkid]).version
    with pytest.raises(Cancelled):
        verification.verify(VERIFIER, control=cancelling)
    assert member_row(services.db, ids[f["child"].hkid]).version == before
    with services.db.read() as session:
        runs = session.execute(
            sa.select(sa.func.count())
            .select_from(AuditRecord)
            .where(AuditRecord.action == "verification.run")
        ).scalar_one()
    assert runs == 1


def test_r3_5_verify_members_keeps_the_callers_orm_objects_usable(services: Services) -> None:
    """The import services verify inside their transaction and may touch the members after."""
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", list(f.values()))
    ids = add_application(services.db, "EF-L", "LCSD", [f["principal"]])
    with services.db.write() as session:
        member = session.get(ApplicationMember, ids[f["principal"].hkid])
        assert member is not None
        verify_members(session, services.clock, NOW)
        assert member.outcome == "ELIGIBLE" and member.version == 2
        member.email = "new@example.org"
        session.flush()  # no StaleDataError: the version was reloaded
    assert member_row(services.db, ids[f["principal"].hkid]).version == 3


def test_r13_2_who_may_run_verification(
    services: Services, verification: VerificationService
) -> None:
    add_source(services.db, "LCSD")
    assert verification.verify(actor_for(Role.CLERK)) == []  # after an import
    assert verification.verify(OPERATOR) == []
    with pytest.raises(PermissionDenied):
        verification.verify(actor_for(Role.CLINIC, "CW"))


# --- The side-by-side view ----------------------------------------------------------------------
def test_r3_2_member_comparison_shows_both_sides_and_differences(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    child = f["child"].but(date_of_birth=date(2006, 5, 1), child_status="fte")
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", [f["principal"], f["spouse"], child], as_of=date(2025, 1, 3))
    ids = add_application(
        services.db,
        "EF1",
        "LCSD",
        [child.but(name_en="CHAN Siu Mng", name_zh="陳少明", date_of_birth=date(2006, 1, 5))],
    )
    verification.verify(VERIFIER)
    view = verification.member_comparison(VERIFIER, ids[child.hkid])
    assert view.form.hkid == child.hkid and view.form_id == "EF1"  # full HKID; the GUI masks
    assert view.roster is not None and view.roster.name_en == "CHAN, Siu Ming"
    assert view.differs == {
        "name_en": True,
        "name_zh": True,
        "date_of_birth": True,
        "category": False,
        "relationship": False,
        "principal_hkid": False,
        "source": False,
    }
    assert view.outcome is Outcome.MISMATCH
    assert view.reasons == [DOB_MISMATCH, NAME_MISMATCH]
    assert view.similarity is not None and view.similarity < 1
    assert (view.ages_out_19, view.ages_out_21) == (date(2025, 5, 1), date(2027, 5, 1))
    assert (view.roster_source, view.roster_as_of) == ("LCSD", date(2025, 1, 3))
    assert view.principal_status == "active"
    assert view.version == 2


def test_r3_2_member_comparison_of_a_member_not_on_any_roster(
    services: Services, verification: VerificationService
) -> None:
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    ids = add_application(services.db, "EF1", "LCSD", [f["child"]])
    view = verification.member_comparison(VERIFIER, ids[f["child"].hkid])
    assert view.roster is None and view.outcome is None and not any(view.differs.values())
    assert view.ages_out_19 == f["child"].date_of_birth.replace(
        year=f["child"].date_of_birth.year + 19
    )
    with pytest.raises(NotFound):
        verification.member_comparison(VERIFIER, 999_999)
    with pytest.raises(PermissionDenied):
        verification.member_comparison(actor_for(Role.CLINIC, "CW"), ids[f["child"].hkid])
