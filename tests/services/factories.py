"""Rosters, applications and accounts written straight into the database for service tests.

Deliberately not through the roster and e-form import services: the tests of verification and
decisions must not depend on them. Rows go in with SQLAlchemy Core, every column given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.hkid import check_character
from fc_admin.models import (
    Account,
    Application,
    ApplicationMember,
    RosterImport,
    RosterPerson,
    RosterSource,
)
from tests.conftest import NOW

_T: dict[str, sa.Table] = {
    m.__tablename__: m.__table__  # type: ignore[misc]
    for m in (Account, Application, ApplicationMember, RosterImport, RosterPerson, RosterSource)
}


def hkid(prefix: str, number: int) -> str:
    """A valid canonical HKID, e.g. ``hkid("A", 123456)`` -> ``A123456(3)``."""
    digits = f"{number:06d}"
    return f"{prefix}{digits}({check_character(prefix, digits)})"


def born(years: int, days: int = 0, on: date | None = None) -> date:
    """The date of birth of someone exactly ``years`` old on ``on`` (default: the test clock's
    day), ``days`` later (a positive ``days`` makes the birthday still to come)."""
    today = on or NOW.date()
    return today.replace(year=today.year - years) + timedelta(days=days)


@dataclass(frozen=True)
class Person:
    """One person as a roster lists them (F1) and, by default, as a form gives them (F2)."""

    hkid: str
    name_en: str
    date_of_birth: date
    relationship: str = "self"
    category: str = "officer"
    principal_hkid: str = ""  # empty: themselves
    name_zh: str = ""
    child_status: str | None = None
    status: str = "active"
    staff_no: str | None = None

    @property
    def principal(self) -> str:
        return self.principal_hkid or self.hkid

    def but(self, **changes: Any) -> Person:
        return replace(self, **changes)


def family(
    prefix: str,
    start: int,
    *,
    category: str = "officer",
    staff_no: str | None = "S000001",
    surname: str = "CHAN",
) -> dict[str, Person]:
    """A principal, a spouse and a child of 10 with HKIDs ``prefix`` + start, start+1, ..."""
    principal = Person(
        hkid(prefix, start),
        f"{surname}, Tai Man",
        date(1975, 3, 2),
        category=category,
        name_zh="陳大文",
        staff_no=staff_no,
    )
    return {
        "principal": principal,
        "spouse": Person(
            hkid(prefix, start + 1),
            "WONG, Mei Ling",
            date(1977, 6, 15),
            relationship="spouse",
            category="dependant",
            principal_hkid=principal.hkid,
            name_zh="黃美玲",
        ),
        "child": Person(
            hkid(prefix, start + 2),
            f"{surname}, Siu Ming",
            born(10),
            relationship="child",
            category="dependant",
            principal_hkid=principal.hkid,
            name_zh="陳小明",
        ),
    }


def add_source(db: Database, code: str, *, pensions: bool = False) -> None:
    with db.write() as s:
        s.execute(
            sa.insert(_T["roster_source"]),
            [
                {
                    "code": code,
                    "name_en": f"{code} department",
                    "name_zh": "",
                    "is_pensions": pensions,
                }
            ],
        )


def add_roster(
    db: Database,
    source: str,
    people: list[Person],
    *,
    as_of: date = date(2025, 1, 2),
    current: bool = True,
) -> int:
    """One roster import of ``source`` listing ``people``; earlier ones of the source stop being
    current when this one is."""
    with db.write() as s:
        if current:
            s.execute(
                sa.update(_T["roster_import"])
                .where(_T["roster_import"].c.source_code == source)
                .values(is_current=False)
            )
        import_id = s.execute(
            sa.insert(_T["roster_import"]).returning(_T["roster_import"].c.id),
            [
                {
                    "source_code": source,
                    "file_name": f"{source}.csv",
                    "as_of_date": as_of,
                    "imported_at": NOW,
                    "imported_by": "test",
                    "row_count": len(people),
                    "counts_json": "{}",
                    "is_current": current,
                }
            ],
        ).scalar_one()
        if people:
            s.execute(
                sa.insert(_T["roster_person"]),
                [
                    {
                        "import_id": import_id,
                        "source_code": source,
                        "staff_no": p.staff_no,
                        "hkid": p.hkid,
                        "name_en": p.name_en,
                        "name_zh": p.name_zh,
                        "date_of_birth": p.date_of_birth,
                        "category": p.category,
                        "relationship": p.relationship,
                        "principal_hkid": p.principal,
                        "child_status": p.child_status,
                        "status": p.status,
                        "status_date": None,
                    }
                    for p in people
                ],
            )
    return int(import_id)


def add_application(
    db: Database,
    form_id: str,
    department: str,
    members: list[Person],
    *,
    submitted_at: datetime | None = None,
    received: date = date(2025, 1, 6),
    deadline: date = date(2025, 1, 24),
    channel: str = "iam_smart",
) -> dict[str, int]:
    """An application with ``members`` (in order) of ``department``; member ids by HKID."""
    submitted = submitted_at or datetime(2025, 1, 6, 1, 0, tzinfo=UTC)
    with db.write() as s:
        app_id = s.execute(
            sa.insert(_T["application"]).returning(_T["application"].c.id),
            [
                {
                    "form_id": form_id,
                    "channel": channel,
                    "submitted_at": submitted,
                    "received_date": received,
                    "notification_deadline": deadline,
                    "applicant_hkid": members[0].hkid,
                    "applicant_email": "applicant@example.org",
                    "applicant_mobile": "91234567",
                    "clinic_code": None,
                    "keyed_by": None,
                    "signature_key_id": None,
                    "status": "OPEN",
                    "assigned_to": None,
                    "imported_at": submitted,
                    "version": 1,
                }
            ],
        ).scalar_one()
        ids: dict[str, int] = {}
        for position, p in enumerate(members, start=1):
            ids[p.hkid] = s.execute(
                sa.insert(_T["application_member"]).returning(_T["application_member"].c.id),
                [
                    {
                        "application_id": app_id,
                        "position": position,
                        "hkid": p.hkid,
                        "name_en": p.name_en,
                        "name_zh": p.name_zh,
                        "date_of_birth": p.date_of_birth,
                        "category": p.category,
                        "relationship": p.relationship,
                        "principal_hkid": p.principal,
                        "department": department,
                        "staff_no": p.staff_no,
                        "email": None,
                        "child_status": p.child_status,
                        "outcome": None,
                        "outcome_reasons": "[]",
                        "name_similarity": None,
                        "verified_at": None,
                        "decision": None,
                        "decision_reason": None,
                        "decision_note": None,
                        "decided_by": None,
                        "decided_at": None,
                        "version": 1,
                    }
                ],
            ).scalar_one()
    return ids


def add_account(db: Database, member_id: int, person_hkid: str, account_id: str) -> None:
    with db.write() as s:
        s.execute(
            sa.insert(_T["account"]),
            [
                {
                    "account_id": account_id,
                    "member_id": member_id,
                    "hkid": person_hkid,
                    "code_hash": "x",
                    "status": "ACTIVE",
                    "issued_on": date(2024, 12, 2),
                    "activation_deadline": date(2025, 8, 2),
                    "activated_at": None,
                    "failed_attempts": 0,
                    "delivery": "email",
                    "email_to": None,
                    "sent_at": None,
                    "send_error": None,
                    "reminder_sent_at": None,
                    "suspended_reason": None,
                    "version": 1,
                }
            ],
        )


def set_decision(db: Database, member_id: int, decision: str, by: str = "verifier.old") -> None:
    with db.write() as s:
        s.execute(
            sa.update(_T["application_member"])
            .where(_T["application_member"].c.id == member_id)
            .values(
                decision=decision,
                decided_by=by,
                decided_at=NOW - timedelta(days=1),
                version=_T["application_member"].c.version + 1,
            )
        )


def member_row(db: Database, member_id: int) -> sa.Row[Any]:
    with db.read() as s:
        return s.execute(
            sa.select(_T["application_member"]).where(_T["application_member"].c.id == member_id)
        ).one()
