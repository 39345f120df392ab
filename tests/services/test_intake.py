"""R2: e-forms imported (accepted, duplicate or quarantined) and paper forms keyed in."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.hkid import check_character
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Role
from fc_admin.models import (
    Application,
    ApplicationMember,
    AuditRecord,
    QuarantinedEform,
)
from fc_admin.services import Services
from fc_admin.services.audit import AuditFilter
from fc_admin.services.calendar import CalendarService
from fc_admin.services.errors import InvalidInput, NotFound, PermissionDenied
from fc_admin.services.intake import (
    EFormImportResult,
    InPersonForm,
    InPersonMember,
    IntakeService,
)
from fc_admin.services.rosters import RosterService
from fc_admin.tasks import Cancelled, TaskControl
from tests.conftest import ADMIN, NOW, actor_for

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
EFORMS = SAMPLES / "eforms"
KEYS = SAMPLES / "keys"
CLERK = actor_for(Role.CLERK)
SIGNATURE_FAILS = (
    "the signature does not verify: the content was changed after signing or signed with "
    "another key"
)


@pytest.fixture
def intake(services: Services) -> IntakeService:
    return IntakeService(services.db, services.clock)


@pytest.fixture
def rosters(services: Services) -> RosterService:
    return RosterService(services.db, services.clock)


def counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            model.__tablename__: session.execute(
                sa.select(sa.func.count()).select_from(model)
            ).scalar_one()
            for model in (Application, ApplicationMember, QuarantinedEform, AuditRecord)
        }


def members_of(db: Database, form_id: str) -> list[ApplicationMember]:
    with db.read() as session:
        return list(
            session.execute(
                sa.select(ApplicationMember)
                .join(Application, Application.id == ApplicationMember.application_id)
                .where(Application.form_id == form_id)
                .order_by(ApplicationMember.position)
            ).scalars()
        )


def application(db: Database, form_id: str) -> Application:
    with db.read() as session:
        return session.execute(
            sa.select(Application).where(Application.form_id == form_id)
        ).scalar_one()


def import_sample_rosters(rosters: RosterService) -> None:
    rosters.import_roster(CLERK, SAMPLES / "rosters" / "LCSD.csv", "LCSD")
    rosters.import_roster(CLERK, SAMPLES / "rosters" / "PEN.csv", "PEN")


def summary(results: list[EFormImportResult]) -> list[tuple[str, str | None, str]]:
    return [(Path(r.file).name, r.form_id, r.result) for r in results]


SAMPLE_RESULTS = [
    ("EF20250106-000001.json", "EF20250106-000001", "accepted"),
    ("EF20250106-000002.json", "EF20250106-000002", "accepted"),
    ("EF20250107-000003-tampered.json", "EF20250107-000003", "rejected"),
]


# --- e-forms (F2) ------------------------------------------------------------------------------
def test_r2_3_samples_two_accepted_the_tampered_one_rejected(
    intake: IntakeService, rosters: RosterService, services: Services
) -> None:
    import_sample_rosters(rosters)
    results = intake.import_eforms(CLERK, [EFORMS], KEYS)
    assert summary(results) == SAMPLE_RESULTS
    assert results[0].file == str(EFORMS / "EF20250106-000001.json")
    assert results[0].reason is None and results[1].reason is None
    assert results[2].reason == SIGNATURE_FAILS

    form = application(services.db, "EF20250106-000001")
    assert form.channel == "iam_smart" and form.signature_key_id == "eform-sample-2025"
    assert form.submitted_at == datetime(2025, 1, 6, 10, 12, tzinfo=HONG_KONG)
    assert form.received_date == date(2025, 1, 6)
    # R4.2: the 14th working day after Monday 6 January 2025.
    assert form.notification_deadline == date(2025, 1, 24)
    assert (form.applicant_hkid, form.applicant_email, form.applicant_mobile) == (
        "K200001(6)",
        "chunwai.ho@example.org",
        "91234567",
    )
    assert form.clinic_code is None and form.keyed_by is None and form.status == "OPEN"
    assert form.imported_at == NOW
    members = members_of(services.db, "EF20250106-000001")
    assert [(m.position, m.hkid, m.relationship) for m in members] == [
        (1, "K200001(6)", "self"),
        (2, "K200002(4)", "spouse"),
        (3, "R200003(1)", "child"),
    ]
    assert members[0].name_zh == "何俊偉" and members[0].staff_no == "L200001"
    assert all(m.department == "LCSD" and m.decision is None for m in members)
    pensioner = members_of(services.db, "EF20250106-000002")
    assert [(m.hkid, m.category, m.department) for m in pensioner] == [
        ("D200004(1)", "pensioner", "PEN")
    ]

    with services.db.read() as session:
        assert (
            session.execute(
                sa.select(Application.id).where(Application.form_id == "EF20250107-000003")
            ).first()
            is None
        )

    imports = services.audit.page(ADMIN, AuditFilter(action="application.import"), 0, 10)
    assert sorted(r.entity_id for r in imports) == ["EF20250106-000001", "EF20250106-000002"]
    after = json.loads(imports[-1].after or "{}")
    assert after["members"] == 3 and after["channel"] == "iam_smart"
    assert all("200001(6)" not in (r.after or "") for r in imports)  # R9.3


def test_r2_4_importing_again_is_a_duplicate_and_changes_nothing(
    intake: IntakeService, services: Services
) -> None:
    intake.import_eforms(CLERK, [EFORMS], KEYS)
    before = counts(services.db)
    again = intake.import_eforms(CLERK, [EFORMS], KEYS)
    assert summary(again) == [
        ("EF20250106-000001.json", "EF20250106-000001", "duplicate"),
        ("EF20250106-000002.json", "EF20250106-000002", "duplicate"),
        ("EF20250107-000003-tampered.json", "EF20250107-000003", "rejected"),
    ]
    assert again[0].reason is not None and "already imported" in again[0].reason
    assert counts(services.db) == before
    assert len(intake.quarantine(CLERK)) == 1  # the same refused file is kept once


def test_r2_4_a_copy_of_a_form_under_another_file_name_is_a_duplicate(
    intake: IntakeService, services: Services, tmp_path: Path
) -> None:
    intake.import_eforms(CLERK, [EFORMS / "EF20250106-000002.json"], KEYS)
    copy = shutil.copyfile(EFORMS / "EF20250106-000002.json", tmp_path / "resent.json")
    before = counts(services.db)
    [result] = intake.import_eforms(CLERK, [copy], KEYS)
    assert (result.result, result.form_id) == ("duplicate", "EF20250106-000002")
    assert counts(services.db) == before


def test_r2_4_a_race_on_the_form_id_ends_as_a_duplicate(
    intake: IntakeService, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    intake.import_eforms(CLERK, [EFORMS / "EF20250106-000001.json"], KEYS)
    before = counts(services.db)
    real = IntakeService._imported_at
    calls: list[str] = []

    def not_yet_seen(session: Any, form_id: str) -> datetime | None:
        # The first look happens before the other process's commit became visible.
        calls.append(form_id)
        return None if len(calls) == 1 else real(session, form_id)

    monkeypatch.setattr(IntakeService, "_imported_at", staticmethod(not_yet_seen))
    [result] = intake.import_eforms(CLERK, [EFORMS / "EF20250106-000001.json"], KEYS)
    assert (result.result, result.form_id) == ("duplicate", "EF20250106-000001")
    assert len(calls) == 2
    assert counts(services.db) == before


def test_r2_3_quarantine_lists_the_tampered_file(intake: IntakeService, services: Services) -> None:
    intake.import_eforms(CLERK, [EFORMS], KEYS)
    [row] = intake.quarantine(CLERK)
    assert row.file_name == "EF20250107-000003-tampered.json"
    assert row.form_id == "EF20250107-000003" and row.reason == SIGNATURE_FAILS
    assert row.received_at == NOW
    content = intake.quarantined_content(CLERK, row.id)
    assert content == (EFORMS / "EF20250107-000003-tampered.json").read_text(encoding="utf-8")
    # An administrator may look at it, but not at full HKIDs (R9.3).
    masked = intake.quarantined_content(ADMIN, row.id)
    assert "K200001(6)" not in masked and "K200XXX(X)" in masked
    records = services.audit.page(ADMIN, AuditFilter(action="eform.quarantine"), 0, 10)
    assert [json.loads(r.after or "{}")["file"] for r in records] == [row.file_name]
    with pytest.raises(NotFound):
        intake.quarantined_content(CLERK, row.id + 100)


def test_r2_3_files_that_are_not_forms_are_quarantined(
    intake: IntakeService, services: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-broken.json").write_text('{"schema": "fc-eform/1", "form_id": ', "utf-8")
    (folder / "b-binary.json").write_bytes(b"\x00\x01\xff\xfe binary")
    (folder / "c-unsigned.json").write_text(
        json.dumps({"schema": "fc-eform/1", "form_id": "EF20250108-000009"}), "utf-8"
    )
    (folder / "notes.txt").write_text("not an e-form", "utf-8")  # not *.json: not looked at
    (folder / "sub").mkdir()
    shutil.copy(EFORMS / "EF20250106-000001.json", folder / "sub")  # subfolders are not read
    results = intake.import_eforms(CLERK, [folder], KEYS)
    assert summary(results) == [
        ("a-broken.json", None, "rejected"),
        ("b-binary.json", None, "rejected"),
        ("c-unsigned.json", "EF20250108-000009", "rejected"),
    ]
    assert results[0].reason is not None and "not valid JSON" in results[0].reason
    assert results[2].reason == "the form is not signed: it has no signature"
    rows = {r.file_name: r for r in intake.quarantine(CLERK)}
    assert set(rows) == {"a-broken.json", "b-binary.json", "c-unsigned.json"}
    binary = intake.quarantined_content(CLERK, rows["b-binary.json"].id)
    assert binary.endswith(" binary") and "\x00" not in binary
    assert counts(services.db)["application"] == 0


def test_r2_3_trusted_keys_are_required(intake: IntakeService, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no trusted keys folder"):
        intake.import_eforms(CLERK, [EFORMS], None)
    with pytest.raises(InvalidInput, match="does not exist"):
        intake.import_eforms(CLERK, [EFORMS], tmp_path / "no-keys")
    with pytest.raises(InvalidInput, match="no such file or folder"):
        intake.import_eforms(CLERK, [tmp_path / "missing.json"], KEYS)


def test_r2_3_a_form_signed_with_an_unknown_key_is_rejected(
    intake: IntakeService, tmp_path: Path
) -> None:
    [result] = intake.import_eforms(CLERK, [EFORMS / "EF20250106-000001.json"], tmp_path)
    assert result.result == "rejected"
    assert result.reason is not None and "unknown signing key" in result.reason


def test_r2_3_cancel_stops_between_files(intake: IntakeService, services: Services) -> None:
    seen: list[tuple[int, int]] = []

    def on_progress(done: int, total: int, what: str) -> None:
        seen.append((done, total))
        if done == 1:
            control.cancel()

    control = TaskControl(on_progress)
    with pytest.raises(Cancelled):
        intake.import_eforms(CLERK, [EFORMS], KEYS, control=control)
    assert seen == [(0, 3), (1, 3)]
    assert counts(services.db)["application"] == 1  # the file done before stays imported


def test_r3_2_imported_members_are_verified_at_once(
    intake: IntakeService, rosters: RosterService, services: Services
) -> None:
    pytest.importorskip("fc_admin.services.verification")
    import_sample_rosters(rosters)
    intake.import_eforms(CLERK, [EFORMS], KEYS)
    expected = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
    outcomes = {
        f"{form_id}/{m.hkid}": m.outcome
        for form_id in expected["accepted"]
        for m in members_of(services.db, form_id)
    }
    assert outcomes == expected["outcomes"]
    assert all(m.verified_at is not None for m in members_of(services.db, "EF20250106-000002"))


def test_r13_2_who_may_import_e_forms(intake: IntakeService) -> None:
    for role in (Role.VERIFIER, Role.CLINIC):
        with pytest.raises(PermissionDenied):
            intake.import_eforms(actor_for(role), [EFORMS], KEYS)
        with pytest.raises(PermissionDenied):
            intake.quarantine(actor_for(role))
    results = intake.import_eforms(actor_for(Role.SUPERVISOR), [EFORMS], KEYS)
    assert [r.result for r in results] == ["accepted", "accepted", "rejected"]


# --- paper forms (R2.2) ------------------------------------------------------------------------
def officer(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "hkid": "K200001(6)",
        "name_en": "HO, Chun Wai",
        "name_zh": "何俊偉",
        "date_of_birth": date(1980, 4, 12),
        "category": "officer",
        "relationship": "self",
        "principal_hkid": "K200001(6)",
        "department": "LCSD",
        "staff_no": "L200001",
    }
    values.update(changes)
    return values


SPOUSE = InPersonMember(
    hkid="k 200002 4",  # as a clerk might type it (R9.2)
    name_en="YIP, Wing Sze",
    name_zh="葉詠詩",
    date_of_birth="1982-09-03",
    category="dependant",
    relationship="spouse",
    principal_hkid="K200001(6)",
    department="LCSD",
)


def test_r2_2_a_paper_form_records_the_clinic_and_the_clerk(
    intake: IntakeService, services: Services
) -> None:
    clerk = actor_for(Role.CLERK, "CW")
    form_id = intake.key_in_form(
        clerk,
        InPersonForm(
            clinic_code="cw", members=[officer(), SPOUSE], applicant_email="ho@example.org"
        ),
    )
    assert form_id == "PF20250108-CW-000001"
    second = intake.key_in_form(clerk, InPersonForm("CW", [officer(hkid="K200001(6)")]))
    assert second == "PF20250108-CW-000002"
    elsewhere = intake.key_in_form(CLERK, InPersonForm("KLN", [officer()]))
    assert elsewhere == "PF20250108-KLN-000001"

    form = application(services.db, form_id)
    assert (form.channel, form.clinic_code, form.keyed_by) == ("in_person", "CW", "clerk1")
    assert form.signature_key_id is None and form.submitted_at == NOW
    assert form.received_date == date(2025, 1, 8)
    calendar = CalendarService(services.db, services.clock)
    assert form.notification_deadline == calendar.notification_deadline(date(2025, 1, 8))
    assert (form.applicant_hkid, form.applicant_email, form.applicant_mobile) == (
        "K200001(6)",
        "ho@example.org",
        None,
    )
    members = members_of(services.db, form_id)
    assert [(m.position, m.hkid, m.name_zh) for m in members] == [
        (1, "K200001(6)", "何俊偉"),
        (2, "K200002(4)", "葉詠詩"),
    ]
    assert members[1].date_of_birth == date(1982, 9, 3) and members[1].staff_no is None
    records = services.audit.page(ADMIN, AuditFilter(action="application.key_in"), 0, 10)
    assert len(records) == 3 and records[-1].entity_id == form_id and records[-1].actor == "clerk1"
    after = json.loads(records[-1].after or "{}")
    assert after["clinic"] == "CW" and after["members"] == 2 and after["channel"] == "in_person"


def test_r2_2_received_date_is_the_hong_kong_date_given(
    intake: IntakeService, services: Services
) -> None:
    yesterday = datetime(2025, 1, 7, 16, 30)  # naive: Hong Kong time (cli.md)
    form_id = intake.key_in_form(CLERK, InPersonForm("HK", [officer()], received_at=yesterday))
    assert form_id == "PF20250107-HK-000001"
    assert application(services.db, form_id).received_date == date(2025, 1, 7)
    with pytest.raises(InvalidInput, match="in the future"):
        intake.key_in_form(
            CLERK, InPersonForm("HK", [officer()], received_at=NOW + timedelta(days=1))
        )


@pytest.mark.parametrize("size", [0, 7])
def test_r2_1_a_paper_form_needs_1_to_6_members(
    size: int, intake: IntakeService, services: Services
) -> None:
    members = [officer()] + [
        officer(
            hkid=f"R20001{n}({check_character('R', f'20001{n}')})",
            name_en=f"HO, Child {n}",
            date_of_birth=date(2010, 1, n + 1),
            category="dependant",
            relationship="child",
            staff_no=None,
        )
        for n in range(size - 1)
    ]
    before = counts(services.db)
    with pytest.raises(InvalidInput, match=f"a form covers 1 to 6 members; this one has {size}"):
        intake.key_in_form(CLERK, InPersonForm("CW", members[:size]))
    assert counts(services.db) == before


def test_r2_1_a_bad_hkid_is_named_by_member_and_field(
    intake: IntakeService, services: Services
) -> None:
    bad = officer(hkid="K200002(5)", category="dependant", relationship="spouse", staff_no=None)
    with pytest.raises(InvalidInput) as refused:
        intake.key_in_form(CLERK, InPersonForm("CW", [officer(), bad]))
    message = str(refused.value)
    assert "member 2, HKID: 'K200XXX(X)' is not a valid HKID" in message
    assert "K200002" not in message  # R9.3
    assert counts(services.db)["application"] == 0


def test_r2_2_field_problems_read_for_a_clerk(intake: IntakeService) -> None:
    child = officer(
        hkid="R200003(1)",
        date_of_birth="2012-02-30",
        category="dependant",
        relationship="child",
        staff_no=None,
        child_status="studying",
    )
    with pytest.raises(InvalidInput) as refused:
        intake.key_in_form(CLERK, InPersonForm("CW", [officer(), child]))
    message = str(refused.value)
    assert message.startswith("the form cannot be accepted: ")
    assert "member 2, date of birth: '2012-02-30' is not a valid date" in message
    assert "member 2, child status: 'studying' is not one of: fte, infirm" in message
    with pytest.raises(InvalidInput, match="more than one family"):
        intake.key_in_form(
            CLERK,
            InPersonForm(
                "CW",
                [officer(), officer(hkid="A123456(3)", principal_hkid="A123456(3)")],
            ),
        )
    with pytest.raises(InvalidInput, match="member 1, relationship"):
        intake.key_in_form(CLERK, InPersonForm("CW", [officer(relationship="spouse")]))


def test_r2_2_unknown_clinic(intake: IntakeService) -> None:
    with pytest.raises(NotFound, match="unknown clinic code XX"):
        intake.key_in_form(CLERK, InPersonForm("XX", [officer()]))


def test_r2_4_a_person_on_an_earlier_pending_application_is_accepted(
    intake: IntakeService, services: Services
) -> None:
    intake.import_eforms(CLERK, [EFORMS / "EF20250106-000001.json"], KEYS)
    form_id = intake.key_in_form(CLERK, InPersonForm("FL", [officer()]))
    assert [m.hkid for m in members_of(services.db, form_id)] == ["K200001(6)"]
    with services.db.read() as session:
        holders = session.execute(
            sa.select(sa.func.count()).where(ApplicationMember.hkid == "K200001(6)")
        ).scalar_one()
    assert holders == 2


def test_r13_2_who_may_key_in_paper_forms(intake: IntakeService) -> None:
    form = InPersonForm("CW", [officer()])
    for actor in (actor_for(Role.CLINIC, "CW"), actor_for(Role.VERIFIER), ADMIN):
        with pytest.raises(PermissionDenied):
            intake.key_in_form(actor, form)
    with pytest.raises(PermissionDenied, match="not for clinic CW"):
        intake.key_in_form(actor_for(Role.CLERK, "SK"), form)
    assert intake.key_in_form(actor_for(Role.CLERK, "CW"), form).startswith("PF20250108-CW-")
