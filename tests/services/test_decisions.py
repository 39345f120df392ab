"""R3.4: officers' decisions on members, batch approval, the queue; SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from fc_admin.domain.eligibility import Outcome
from fc_admin.domain.roles import Role
from fc_admin.models import Application, ApplicationMember, AuditRecord
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.clock import FixedClock
from fc_admin.services.decisions import REJECT_REASONS, DecisionService
from fc_admin.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from fc_admin.services.verification import VerificationService
from tests.conftest import NOW, OPERATOR, actor_for
from tests.services.factories import (
    Person,
    add_account,
    add_application,
    add_roster,
    add_source,
    family,
    hkid,
    member_row,
)

WONG = Actor("verifier.wong", Role.VERIFIER, None, "WONG Ka Ho")
LAM = Actor("verifier.lam", Role.VERIFIER, None, "LAM Chi Keung")
HO = Actor("supervisor.ho", Role.SUPERVISOR, None, "HO Kwok Wah")
FORM = "EF20250106-000001"


@pytest.fixture
def decisions(services: Services) -> DecisionService:
    return DecisionService(services.db, services.clock)


@pytest.fixture
def people(services: Services) -> dict[str, Person]:
    """One form of three, verified: principal ELIGIBLE, spouse REVIEW, child NOT_FOUND."""
    f = family("A", 100001)
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", [f["principal"], f["spouse"]])
    add_application(
        services.db,
        FORM,
        "LCSD",
        [f["principal"], f["spouse"].but(name_en="WONG Mei Lin"), f["child"]],
    )
    VerificationService(services.db, services.clock).verify(OPERATOR)
    return f


def _status(services: Services, form_id: str = FORM) -> str:
    with services.db.read() as session:
        return session.execute(
            sa.select(Application.status).where(Application.form_id == form_id)
        ).scalar_one()


def _id(services: Services, person: Person, form_id: str = FORM) -> int:
    with services.db.read() as session:
        return session.execute(
            sa.select(ApplicationMember.id)
            .join(Application, Application.id == ApplicationMember.application_id)
            .where(Application.form_id == form_id, ApplicationMember.hkid == person.hkid)
        ).scalar_one()


def _decide_audits(services: Services) -> list[AuditRecord]:
    with services.db.read() as session:
        return list(
            session.execute(
                sa.select(AuditRecord)
                .where(AuditRecord.action == "member.decide")
                .order_by(AuditRecord.id)
            ).scalars()
        )


# --- One decision -------------------------------------------------------------------------------
def test_r3_4_approve_an_eligible_member(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    row = decisions.decide(WONG, FORM, people["principal"].hkid, "approve")
    assert row.decision == "approve" and row.decided_by == "verifier.wong"
    assert row.decided_at == NOW and row.outcome is Outcome.ELIGIBLE
    assert row.version == member_row(services.db, row.member_id).version
    assert row.application_status == "OPEN"


def test_r3_4_hkid_input_is_normalised(
    decisions: DecisionService, people: dict[str, Person]
) -> None:
    typed = people["principal"].hkid.lower().replace("(", " ").replace(")", "")  # "a100001 5"
    row = decisions.decide(WONG, f" {FORM} ", typed, "APPROVE")
    assert row.hkid == people["principal"].hkid
    with pytest.raises(InvalidInput, match="not valid") as error:
        decisions.decide(WONG, FORM, "A100001(4)", "approve")
    assert "A100001" not in str(error.value)  # R9.3: not repeated in a message


def test_r3_4_reject_needs_a_coded_reason(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    child = people["child"].hkid
    for reason in (None, "", "because"):
        with pytest.raises(InvalidInput, match="NOT_ELIGIBLE, NOT_ON_ROSTER"):
            decisions.decide(WONG, FORM, child, "reject", reason=reason)
    with pytest.raises(InvalidInput, match="OTHER needs a note"):
        decisions.decide(WONG, FORM, child, "reject", reason="OTHER")
    with pytest.raises(InvalidInput, match="rejection only"):
        decisions.decide(WONG, FORM, child, "query", reason="NOT_ON_ROSTER")
    with pytest.raises(InvalidInput, match="unknown decision"):
        decisions.decide(WONG, FORM, child, "maybe")
    assert (
        member_row(
            services.db,
            decisions.decide(WONG, FORM, child, "reject", reason="not_on_roster").member_id,
        ).decision_reason
        == "NOT_ON_ROSTER"
    )
    assert "OTHER" in REJECT_REASONS


def test_r3_4_verifier_cannot_approve_a_member_that_is_not_eligible(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    with pytest.raises(PermissionDenied, match="REVIEW, not ELIGIBLE"):
        decisions.decide(WONG, FORM, people["spouse"].hkid, "approve", note="looks fine to me")
    assert member_row(services.db, _id(services, people["spouse"])).decision is None


def test_r3_4_supervisor_override_needs_a_written_justification(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    spouse = people["spouse"].hkid
    with pytest.raises(InvalidInput, match="written justification"):
        decisions.decide(HO, FORM, spouse, "approve")
    with pytest.raises(InvalidInput, match="written justification"):
        decisions.decide(HO, FORM, spouse, "approve", note="   ")
    row = decisions.decide(HO, FORM, spouse, "approve", note="Name as on the HKID card copy")
    assert row.decision == "approve" and row.decision_note == "Name as on the HKID card copy"
    audit = _decide_audits(services)[-1]
    assert json.loads(audit.after or "{}")["note"] == "Name as on the HKID card copy"
    assert json.loads(audit.after or "{}")["outcome"] == "REVIEW"


def test_r3_4_query_with_and_without_a_note(
    decisions: DecisionService, people: dict[str, Person]
) -> None:
    assert decisions.decide(WONG, FORM, people["child"].hkid, "query").decision_note is None
    row = decisions.decide(
        WONG, FORM, people["spouse"].hkid, "query", note="Please confirm the English name"
    )
    assert row.decision == "query" and row.decision_note == "Please confirm the English name"


def test_r3_4_decisions_are_audited_with_masked_hkid_before_and_after(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    child = people["child"].hkid
    decisions.decide(WONG, FORM, child, "query", note="new-born? HKID " + child)
    decisions.decide(WONG, FORM, child, "reject", reason="NOT_ON_ROSTER")
    first, second = _decide_audits(services)
    assert first.entity_type == "application_member"
    assert first.entity_id == f"{FORM}/A100XXX(X)"
    assert first.actor == "verifier.wong"
    assert json.loads(first.before or "{}")["decision"] is None
    assert json.loads(first.after or "{}")["note"] == "new-born? HKID A100XXX(X)"
    assert json.loads(second.before or "{}")["decision"] == "query"
    assert json.loads(second.after or "{}")["reason"] == "NOT_ON_ROSTER"
    assert services.audit.verify().ok


def test_r3_4_unknown_form_or_member(decisions: DecisionService, people: dict[str, Person]) -> None:
    with pytest.raises(NotFound, match="no application form EF-NONE"):
        decisions.decide(WONG, "EF-NONE", people["child"].hkid, "query")
    with pytest.raises(NotFound, match="has no member B200XXX"):
        decisions.decide(WONG, FORM, hkid("B", 200001), "query")


def test_r13_2_clerk_cannot_decide(decisions: DecisionService, people: dict[str, Person]) -> None:
    with pytest.raises(PermissionDenied):
        decisions.decide(actor_for(Role.CLERK), FORM, people["child"].hkid, "query")


# --- Optimistic locking -------------------------------------------------------------------------
def test_r3_4_two_officers_deciding_the_same_member_second_gets_conflict(
    services: Services, people: dict[str, Person]
) -> None:
    wong_desk = DecisionService(services.db, services.clock)
    lam_desk = DecisionService(services.db, FixedClock(NOW + timedelta(minutes=3)))
    child_id = _id(services, people["child"])
    seen = member_row(services.db, child_id).version  # both opened the child at the same version
    wong_desk.decide(WONG, FORM, people["child"].hkid, "query", note="?", expected_version=seen)
    with pytest.raises(Conflict) as error:
        lam_desk.decide(
            LAM, FORM, people["child"].hkid, "reject", reason="NOT_ON_ROSTER", expected_version=seen
        )
    assert str(error.value) == f"{FORM} / A100XXX(X) was changed by verifier.wong at 10:00, reload"
    assert member_row(services.db, child_id).decision == "query"


def test_r3_4_a_verification_meanwhile_is_a_conflict_too(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    seen = member_row(services.db, _id(services, people["child"])).version
    VerificationService(services.db, services.clock).verify(OPERATOR)
    with pytest.raises(Conflict, match="changed by verification at 10:00"):
        decisions.decide(WONG, FORM, people["child"].hkid, "query", expected_version=seen)


@pytest.fixture
def sneaky_update(services: Services) -> Iterator[None]:
    """Another desk's UPDATE lands between our read and our write (what StaleDataError means)."""
    fired: list[bool] = []

    def before_flush(session: Session, _context: Any, _instances: Any) -> None:
        if fired:
            return
        fired.append(True)
        session.execute(
            sa.update(ApplicationMember.__table__)  # type: ignore[arg-type]
            .where(ApplicationMember.__table__.c.hkid == hkid("A", 100003))
            .values(
                decision="query",
                decided_by="verifier.lam",
                decided_at=NOW,
                version=ApplicationMember.__table__.c.version + 1,
            )
        )

    event.listen(Session, "before_flush", before_flush)
    yield
    event.remove(Session, "before_flush", before_flush)


def test_r3_4_stale_write_is_reported_as_conflict(
    services: Services, decisions: DecisionService, people: dict[str, Person], sneaky_update: None
) -> None:
    # On SQLite nobody else can write meanwhile, so "theirs" is simulated inside our own
    # transaction and rolls back with it: the message then names the last change that stayed.
    with pytest.raises(Conflict, match=r"was changed by \S+ at 10:00, reload"):
        decisions.decide(WONG, FORM, people["child"].hkid, "reject", reason="NOT_ON_ROSTER")
    assert member_row(services.db, _id(services, people["child"])).decision is None


def test_r3_4_a_final_decision_is_changed_only_by_a_supervisor(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    child = people["child"].hkid
    decisions.decide(WONG, FORM, child, "reject", reason="NOT_ON_ROSTER")
    with pytest.raises(Conflict, match=r"already decided \(reject\) by verifier.wong at 10:00"):
        decisions.decide(LAM, FORM, child, "query")
    row = decisions.decide(HO, FORM, child, "query", note="Department says a new-born")
    assert row.decision == "query" and row.decided_by == "supervisor.ho"


def test_r3_4_no_change_of_decision_once_activation_details_are_issued(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    row = decisions.decide(WONG, FORM, people["principal"].hkid, "approve")
    add_account(services.db, row.member_id, row.hkid, "FC0000001")
    with pytest.raises(Conflict, match="suspend the account"):
        decisions.decide(HO, FORM, people["principal"].hkid, "reject", reason="WITHDRAWN")


# --- The form's status --------------------------------------------------------------------------
def test_r3_4_application_done_when_every_member_is_approved_or_rejected(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    decisions.decide(WONG, FORM, people["principal"].hkid, "approve")
    decisions.decide(WONG, FORM, people["spouse"].hkid, "query", note="name?")
    row = decisions.decide(WONG, FORM, people["child"].hkid, "reject", reason="NOT_ON_ROSTER")
    assert row.application_status == "OPEN" and _status(services) == "OPEN"
    row = decisions.decide(HO, FORM, people["spouse"].hkid, "approve", note="ID card seen")
    assert row.application_status == "DONE" and _status(services) == "DONE"
    row = decisions.decide(HO, FORM, people["child"].hkid, "query", note="reconsidered")
    assert row.application_status == "OPEN" and _status(services) == "OPEN"


# --- Batch approval -----------------------------------------------------------------------------
def test_r3_4_approve_eligible_approves_only_undecided_eligible_members(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    other = family("B", 200001, surname="LEE")
    add_roster(services.db, "LCSD", [people["principal"], people["spouse"], *other.values()])
    add_application(services.db, "EF-2", "LCSD", list(other.values()))
    add_application(services.db, "EF-3", "LCSD", [other["spouse"].but(name_en="LEE Mei")])
    VerificationService(services.db, services.clock).verify(OPERATOR)
    # EF-2 all ELIGIBLE; EF-3's spouse a DUPLICATE of EF-2's; the fixture's form one ELIGIBLE.
    decisions.decide(WONG, "EF-2", other["child"].hkid, "query", note="school?")
    assert decisions.approve_eligible(LAM) == 3
    assert decisions.approve_eligible(LAM) == 0
    summaries = {s.form_id: s for s in decisions.list_applications(LAM)}
    assert [m.decision for m in summaries[FORM].members] == ["approve", None, None]
    assert [m.decision for m in summaries["EF-2"].members] == ["approve", "approve", "query"]
    assert [m.decision for m in summaries["EF-3"].members] == [None]
    audits = _decide_audits(services)
    batch = [a for a in audits if a.actor == "verifier.lam"]
    assert len(batch) == 3
    assert {a.entity_id for a in batch} == {
        f"{FORM}/A100XXX(X)",
        "EF-2/B200XXX(X)",
    }
    assert json.loads(batch[0].after or "{}")["batch"] is True
    assert services.audit.verify().ok
    decided = member_row(services.db, summaries["EF-2"].members[0].member_id)
    assert decided.decided_by == "verifier.lam" and decided.version == 3


def test_r3_4_approve_eligible_closes_forms_and_can_be_limited_to_forms(
    services: Services, decisions: DecisionService
) -> None:
    f = family("A", 100001)
    g = family("B", 200001, surname="LEE")
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", [*f.values(), *g.values()])
    add_application(services.db, "EF-A", "LCSD", list(f.values()))
    add_application(services.db, "EF-B", "LCSD", list(g.values()))
    VerificationService(services.db, services.clock).verify(OPERATOR)
    assert decisions.approve_eligible(WONG, ["EF-A"]) == 3
    assert _status(services, "EF-A") == "DONE"
    assert _status(services, "EF-B") == "OPEN"
    with pytest.raises(NotFound, match="EF-NONE"):
        decisions.approve_eligible(WONG, ["EF-B", "EF-NONE"])
    assert _status(services, "EF-B") == "OPEN"
    assert decisions.approve_eligible(WONG, []) == 0
    with pytest.raises(PermissionDenied):
        decisions.approve_eligible(actor_for(Role.CLERK))


# --- The queue ----------------------------------------------------------------------------------
def test_r3_4_list_applications_by_status_or_outcome(
    services: Services, decisions: DecisionService, people: dict[str, Person]
) -> None:
    g = family("B", 200001, surname="LEE")
    add_roster(services.db, "LCSD", [people["principal"], people["spouse"], g["principal"]])
    add_application(services.db, "EF-2", "LCSD", [g["principal"]], deadline=date(2025, 1, 27))
    VerificationService(services.db, services.clock).verify(OPERATOR)
    decisions.decide(WONG, "EF-2", g["principal"].hkid, "approve")
    everything = decisions.list_applications(WONG)
    assert [s.form_id for s in everything] == [FORM, "EF-2"]
    first = everything[0]
    assert (first.channel, first.status, first.assigned_to) == ("iam_smart", "OPEN", None)
    assert [(m.hkid, m.outcome, m.decision) for m in first.members] == [
        (people["principal"].hkid, "ELIGIBLE", None),
        (people["spouse"].hkid, "REVIEW", None),
        (people["child"].hkid, "NOT_FOUND", None),
    ]
    assert [s.form_id for s in decisions.list_applications(WONG, "DONE")] == ["EF-2"]
    assert [s.form_id for s in decisions.list_applications(WONG, "open")] == [FORM]
    assert [s.form_id for s in decisions.list_applications(WONG, "NOT_FOUND")] == [FORM]
    assert len(decisions.list_applications(WONG, "REVIEW")[0].members) == 3
    assert decisions.list_applications(WONG, "DUPLICATE") == []
    with pytest.raises(InvalidInput, match="OPEN, DONE, ELIGIBLE"):
        decisions.list_applications(WONG, "PENDING")
    with pytest.raises(PermissionDenied):
        decisions.list_applications(actor_for(Role.CLINIC, "CW"))
