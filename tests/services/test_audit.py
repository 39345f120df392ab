"""R13.3: append-only, hash-chained audit log that never holds a full HKID (R9.3)."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.roles import Role
from fc_admin.models import AuditRecord
from fc_admin.services import Services
from fc_admin.services.audit import AuditFilter, append_audit
from fc_admin.services.errors import PermissionDenied
from tests.conftest import ADMIN, actor_for


def _some_history(services: Services) -> None:
    services.clinics.set_go_live(ADMIN, "HK", date(2025, 2, 3))
    services.clinics.set_go_live(ADMIN, "KLN", date(2025, 2, 10))
    services.calendar.add_non_working_day(ADMIN, date(2025, 3, 12), "Typhoon day", "颱風日")
    services.clinics.set_go_live(ADMIN, "HK", None)


def _drop_append_only_guard(db: Database) -> None:
    """What a database superuser could do: the hash chain must still catch the edit."""
    with db.engine.begin() as conn:
        if db.dialect == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER audit_record_no_update")
            conn.exec_driver_sql("DROP TRIGGER audit_record_no_delete")
        else:
            conn.exec_driver_sql(
                "ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only"
            )


def test_r13_3_each_change_writes_who_what_before_and_after(services: Services) -> None:
    _some_history(services)
    rows = services.audit.page(ADMIN, AuditFilter(), 0, 10)
    assert [r.action for r in rows] == [
        "clinic.go_live",
        "calendar.add_non_working_day",
        "clinic.go_live",
        "clinic.go_live",
    ]
    newest = rows[0]
    assert newest.actor == "admin1" and newest.entity_id == "HK"
    assert json.loads(newest.before or "") == {"go_live_date": "2025-02-03"}
    assert json.loads(newest.after or "") == {"go_live_date": None}


def test_r13_3_chain_verifies_when_untouched(services: Services) -> None:
    _some_history(services)
    result = services.audit.verify()
    assert result.ok and result.checked == 4


def test_r13_3_database_refuses_update_and_delete(services: Services) -> None:
    _some_history(services)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), services.db.engine.begin() as c:
        c.execute(sa.update(AuditRecord).values(actor="mallory"))
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), services.db.engine.begin() as c:
        c.execute(sa.delete(AuditRecord))


def test_r13_3_an_edited_record_is_reported(services: Services) -> None:
    _some_history(services)
    _drop_append_only_guard(services.db)
    with services.db.engine.begin() as conn:
        second = conn.execute(sa.select(AuditRecord.id).order_by(AuditRecord.id)).all()[1][0]
        conn.execute(sa.update(AuditRecord).where(AuditRecord.id == second).values(actor="mallory"))
    result = services.audit.verify()
    assert not result.ok
    assert result.first_broken_id == second
    assert result.checked == 1
    assert "does not match its hash" in (result.reason or "")


def test_r13_3_a_deleted_record_is_reported(services: Services) -> None:
    _some_history(services)
    _drop_append_only_guard(services.db)
    with services.db.engine.begin() as conn:
        ids = [r[0] for r in conn.execute(sa.select(AuditRecord.id).order_by(AuditRecord.id))]
        conn.execute(sa.delete(AuditRecord).where(AuditRecord.id == ids[1]))
    result = services.audit.verify()
    assert not result.ok and result.first_broken_id == ids[2]
    assert "link" in (result.reason or "")


def test_r9_3_audit_records_never_hold_a_full_hkid(services: Services) -> None:
    with services.db.write() as session:
        append_audit(
            session,
            services.clock,
            ADMIN,
            "hkid.search",
            "person",
            "A123456(3)",
            before={"hkid": "K200001(6)", "note": "called about k2000016 and R200003(1)"},
            after={"members": ["D200004(1)", "AB987654(3)"]},
        )
    with services.db.read() as session:
        record = session.execute(sa.select(AuditRecord)).scalar_one()
    text = " ".join([record.entity_id, record.before or "", record.after or ""])
    for full in ("A123456(3)", "K200001(6)", "R200003(1)", "D200004(1)", "AB987654(3)"):
        assert full not in text
    assert record.entity_id == "A123XXX(X)"
    assert "K200XXX(X)" in (record.before or "") and "AB987XXX(X)" in (record.after or "")
    assert services.audit.verify().ok


def test_r13_2_audit_log_is_for_admins_and_supervisors(services: Services) -> None:
    for role in (Role.CLERK, Role.VERIFIER, Role.CLINIC):
        with pytest.raises(PermissionDenied):
            services.audit.page(actor_for(role, "CW"), AuditFilter(), 0, 10)
    assert services.audit.page(actor_for(Role.SUPERVISOR), AuditFilter(), 0, 10) == []


def test_audit_page_filters_and_pages_in_the_database(services: Services) -> None:
    _some_history(services)
    services.auth.add_user(ADMIN, "chan.tm", Role.CLERK, "password-1")
    flt = AuditFilter(action="clinic.go_live")
    assert services.audit.count(ADMIN, flt) == 3
    first = services.audit.page(ADMIN, flt, 0, 2)
    second = services.audit.page(ADMIN, flt, 2, 2)
    assert len(first) == 2 and len(second) == 1
    assert first[0].id > first[1].id > second[0].id
    assert services.audit.count(ADMIN, AuditFilter(actor="nobody")) == 0
    actors, actions = services.audit.distinct_values(ADMIN)
    assert actors == ["admin1"]
    assert "user.add" in actions and "clinic.go_live" in actions
