"""F4 and R12.1, R12.3: the department query list, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from fc_admin.domain.roles import Role
from fc_admin.exchange.query_list import QUERY_LIST_HEADER, issues_for
from fc_admin.models import AuditRecord, RosterSource
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.audit import AuditFilter
from fc_admin.services.clock import FixedClock
from fc_admin.services.decisions import DecisionService
from fc_admin.services.errors import NotFound, PermissionDenied
from fc_admin.services.verification import VerificationService
from tests.conftest import ADMIN, NOW, OPERATOR, actor_for
from tests.services.factories import (
    Person,
    add_application,
    add_roster,
    add_source,
    born,
    family,
    hkid,
)

HO = Actor("supervisor.ho", Role.SUPERVISOR, None, "HO Kwok Wah")
# Any HKID, bracketed or not, standing alone (not inside a longer token such as a form ID).
FULL_HKID = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{6}(?:\([0-9A]\)|[0-9A])(?![0-9A-Za-z])")
FORM_1 = "EF20250106-000001"
FORM_2 = "EF20250107-000002"
FORM_3 = "EF20250107-000003"
FORM_4 = "EF20250107-000004"
FORMULA_NAME = '=HYPERLINK("http://x","CHAN")'


@pytest.fixture
def world(services: Services) -> dict[str, Person]:
    """Four forms whose members need the department for every F4 reason, and some that do not."""
    db = services.db
    a = family("A", 100001)
    a["teen"] = Person(
        hkid("A", 100004), "CHAN, Siu Wah", born(19, -30), "child", "dependant", a["principal"].hkid
    )
    a["newborn"] = Person(
        hkid("A", 100005), FORMULA_NAME, born(0, -90), "child", "dependant", a["principal"].hkid
    )
    b = family("B", 200001, surname="LEE", staff_no="S000002")
    c = family("C", 300001, surname="HO", staff_no="S000003")
    c["inactive"] = c["child"].but(hkid=hkid("C", 300004), status="inactive", name_en="HO, Ka")
    c["stranger"] = Person(
        hkid("C", 300005), "HO, Unknown", date(1990, 1, 1), "spouse", "dependant"
    )
    d = family("D", 400001, surname="WONG", staff_no="P000004")
    for code in ("LCSD", "HKPF"):
        add_source(db, code)
    add_roster(
        db,
        "LCSD",
        [
            a["principal"],
            a["spouse"],
            a["child"],
            a["teen"],
            *b.values(),
            c["principal"],
            c["spouse"],
            c["inactive"],
        ],
    )
    add_roster(db, "HKPF", [d["principal"]])
    add_application(
        db,
        FORM_1,
        "LCSD",
        [
            a["principal"],  # ELIGIBLE: nothing to ask
            a["spouse"].but(name_en="WONG Mei Lin"),  # REVIEW: NAME_MISMATCH
            a["child"].but(date_of_birth=date(2014, 2, 2), relationship="spouse"),  # 2 rows
            a["teen"],  # INELIGIBLE: CHILD_STATUS_MISSING
            a["newborn"],  # NOT_FOUND
        ],
        received=date(2025, 1, 6),
    )
    add_application(
        db,
        FORM_2,
        "LCSD",
        [b["spouse"].but(principal_hkid=hkid("B", 299999))],  # PRINCIPAL_MISMATCH
        received=date(2025, 1, 7),
    )
    add_application(
        db,
        FORM_3,
        "LCSD",
        [
            c["principal"],  # queried below
            c["spouse"].but(name_en="WONG Mei"),  # REVIEW, approved below: nothing to ask
            c["inactive"],  # INELIGIBLE: INACTIVE, the department said so already
            c["stranger"],  # NOT_FOUND, rejected below
            a["spouse"],  # DUPLICATE of form 1: the officers' business
        ],
        received=date(2025, 1, 7),
        submitted_at=NOW,
    )
    add_application(db, FORM_4, "HKPF", [d["principal"].but(hkid=hkid("D", 499999))])
    VerificationService(db, services.clock).verify(OPERATOR)
    later = DecisionService(db, FixedClock(NOW + timedelta(minutes=30)))
    later.decide(
        HO,
        FORM_3,
        c["principal"].hkid,
        "query",
        note=f"Is {c['principal'].hkid} still serving? Staff no. changed?",
    )
    later.decide(HO, FORM_3, c["spouse"].hkid, "approve", note="Name as on ID card")
    later.decide(HO, FORM_3, c["stranger"].hkid, "reject", reason="NOT_ON_ROSTER")
    return {**{f"a_{k}": v for k, v in a.items()}, "b_spouse": b["spouse"], "c": c["principal"]}


def _export(services: Services, tmp_path: Path, department: str = "LCSD") -> tuple[bytes, int]:
    out = tmp_path / f"queries-{department}.csv"
    rows = DecisionService(services.db, services.clock).export_queries(ADMIN, department, out)
    return out.read_bytes(), rows


def _records(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_f4_one_row_per_member_and_issue(
    services: Services, world: dict[str, Person], tmp_path: Path
) -> None:
    data, count = _export(services, tmp_path)
    records = _records(data)
    assert count == len(records) == 7
    assert [(r["form_id"], r["member_name_en"], r["issue_code"]) for r in records] == [
        (FORM_1, "WONG Mei Lin", "NAME_MISMATCH"),
        (FORM_1, "CHAN, Siu Ming", "DOB_MISMATCH"),
        (FORM_1, "CHAN, Siu Ming", "RELATIONSHIP_MISMATCH"),
        (FORM_1, "CHAN, Siu Wah", "CHILD_STATUS_MISSING"),
        (FORM_1, "'" + FORMULA_NAME, "NOT_FOUND"),
        (FORM_2, "WONG, Mei Ling", "PRINCIPAL_MISMATCH"),
        (FORM_3, "HO, Tai Man", "QUERY"),
    ]
    assert {r["department"] for r in records} == {"LCSD"}


def test_f4_columns_and_values(
    services: Services, world: dict[str, Person], tmp_path: Path
) -> None:
    data, _ = _export(services, tmp_path)
    header = data.decode("utf-8-sig").split("\r\n")[0]
    assert header == ",".join(f'"{c}"' for c in QUERY_LIST_HEADER)
    assert QUERY_LIST_HEADER == (
        "department", "form_id", "received_date", "staff_no", "principal_name_en",
        "member_name_en", "member_name_zh", "member_hkid_masked", "relationship",
        "date_of_birth_on_form", "issue_code", "issue_detail", "flagged_at",
    )  # fmt: skip
    records = _records(data)
    dob = records[1]
    assert dob == {
        "department": "LCSD",
        "form_id": FORM_1,
        "received_date": "2025-01-06",
        "staff_no": "S000001",  # the principal's, from the same form
        "principal_name_en": "CHAN, Tai Man",
        "member_name_en": "CHAN, Siu Ming",
        "member_name_zh": "陳小明",
        "member_hkid_masked": "A100XXX(X)",
        "relationship": "spouse",  # as on the form
        "date_of_birth_on_form": "2014-02-02",
        "issue_code": "DOB_MISMATCH",
        "issue_detail": "the date of birth on the form differs from the roster",
        "flagged_at": "2025-01-08T10:00:00+08:00",  # verified
    }
    assert "similarity 0.9" in records[0]["issue_detail"]
    assert records[4]["issue_detail"] == "no row with this HKID on the current roster of LCSD"
    principal_missing = records[5]
    assert (principal_missing["staff_no"], principal_missing["principal_name_en"]) == ("", "")
    query = records[6]
    assert query["issue_detail"] == "Is C300XXX(X) still serving? Staff no. changed?"
    assert query["flagged_at"] == "2025-01-08T10:30:00+08:00"  # when the officer queried
    assert query["staff_no"] == "S000003"


def test_r12_3_f4_file_is_excel_csv_without_full_hkids(
    services: Services, world: dict[str, Person], tmp_path: Path
) -> None:
    data, _ = _export(services, tmp_path)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    for line in lines:
        cells = next(csv.reader([line]))
        assert line == ",".join('"' + c.replace('"', '""') + '"' for c in cells)  # all quoted
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "'=HYPERLINK" in text
    assert FULL_HKID.search(text) is None
    for person in world.values():
        assert person.hkid not in text
        assert person.hkid.replace("(", "").replace(")", "") not in text


def test_f4_department_gets_only_its_members(
    services: Services, world: dict[str, Person], tmp_path: Path
) -> None:
    data, count = _export(services, tmp_path, "hkpf")
    records = _records(data)
    assert count == 1 and records[0]["form_id"] == FORM_4
    assert records[0]["issue_code"] == "NOT_FOUND" and records[0]["department"] == "HKPF"
    with pytest.raises(NotFound, match="unknown department XYZ"):
        _export(services, tmp_path, "XYZ")


def test_r12_3_f4_export_is_audited_and_needs_permission(
    services: Services, world: dict[str, Person], tmp_path: Path
) -> None:
    _export(services, tmp_path)
    with services.db.read() as session:
        record = session.execute(
            sa.select(AuditRecord).where(AuditRecord.action == "export.queries")
        ).scalar_one()
    assert record.actor == ADMIN.username
    assert record.entity_id == "queries-LCSD.csv"
    assert json.loads(record.after or "{}") == {
        "department": "LCSD",
        "rows": 7,
        "file": "queries-LCSD.csv",
    }
    assert services.audit.verify().ok
    service = DecisionService(services.db, services.clock)
    with pytest.raises(PermissionDenied):
        service.export_queries(actor_for(Role.VERIFIER), "LCSD", tmp_path / "no.csv")
    assert not (tmp_path / "no.csv").exists()


def test_f4_empty_list_has_the_header_only(services: Services, tmp_path: Path) -> None:
    add_source(services.db, "LCSD")
    data, count = _export(services, tmp_path)
    assert count == 0
    assert (
        data == b"\xef\xbb\xbf" + ",".join(f'"{c}"' for c in QUERY_LIST_HEADER).encode() + b"\r\n"
    )


def test_f4_issue_codes_per_outcome() -> None:
    def codes(decision: str | None, outcome: str | None, *reasons: str) -> list[str]:
        found = issues_for(
            department="LCSD",
            decision=decision,
            outcome=outcome,
            reasons=reasons,
            note=None,
            similarity=None,
        )
        return [code for code, _ in found]

    assert codes("query", "ELIGIBLE") == ["QUERY"]
    assert codes("approve", "NOT_FOUND", "NOT_FOUND") == []
    assert codes("reject", "MISMATCH", "DOB_MISMATCH") == []
    assert codes(None, None) == []
    assert codes(None, "ELIGIBLE") == []
    assert codes(None, "DUPLICATE", "DUPLICATE_APPLICATION", "NOT_FOUND") == []
    assert codes(None, "NOT_FOUND", "NOT_FOUND") == ["NOT_FOUND"]
    assert codes(None, "MISMATCH", "PRINCIPAL_MISMATCH", "CATEGORY_MISMATCH", "INACTIVE") == [
        "PRINCIPAL_MISMATCH"
    ]
    assert codes(None, "REVIEW", "NAME_MISMATCH") == ["NAME_MISMATCH"]
    assert codes(None, "INELIGIBLE", "INACTIVE", "CHILD_STATUS_MISSING") == ["CHILD_STATUS_MISSING"]
    assert codes(None, "INELIGIBLE", "CHILD_OVER_21") == []


def test_f4_department_code_is_matched_whatever_its_case(
    services: Services, tmp_path: Path
) -> None:
    """Roster codes such as ``ImmD`` are mixed case; ``IMMD`` typed by an operator is the same."""
    with services.db.write() as session:
        session.add(RosterSource(code="ImmD", name_en="Immigration Department"))
    out = tmp_path / "immd.csv"
    assert services.decisions.export_queries(ADMIN, "IMMD", out) == 0
    record = services.audit.page(ADMIN, AuditFilter(action="export.queries"), 0, 1)[0]
    assert '"department":"ImmD"' in (record.after or "")
    with pytest.raises(NotFound, match="unknown department XYZ"):
        services.decisions.export_queries(ADMIN, "XYZ", tmp_path / "x.csv")


def test_f4_as_xlsx_workbook_by_suffix(
    services: Services, world: dict[str, Person], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "queries-LCSD.xlsx"
    rows = DecisionService(services.db, services.clock).export_queries(ADMIN, "LCSD", out)
    assert rows == 7
    sheet = load_workbook(out)["Queries"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert tuple(values[0]) == QUERY_LIST_HEADER
    dob = sheet[3]  # the second data row, as in test_f4_columns_and_values
    assert [c.value for c in dob[:4]] == ["LCSD", FORM_1, datetime(2025, 1, 6), "S000001"]
    assert dob[2].number_format == "yyyy-mm-dd"
    assert dob[9].value == datetime(2014, 2, 2) and dob[9].is_date
    assert dob[12].value == datetime(2025, 1, 8, 10, 0)  # Hong Kong time
    assert values[5][5] == "'" + FORMULA_NAME  # R12.3: never a formula
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert not FULL_HKID.search(" ".join(str(v) for row in values for v in row if v))
