"""Every table model passes Qt's model tester, filled and empty; row updates are not resets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.audit import AuditFilter
from fc_admin.views.audit_model import AuditTableModel
from fc_admin.views.calendar_page import HolidaysTableModel
from fc_admin.views.clinics_page import ClinicsTableModel
from fc_admin.views.table_model import ROW_ROLE
from fc_admin.views.users_page import UsersTableModel
from tests.views.conftest import add_user


def test_clinics_model(qtmodeltester, services: Services) -> None:
    model = ClinicsTableModel()
    qtmodeltester.check(model)
    model.set_rows(services.clinics.list_clinics(date(2025, 1, 20)))
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), ROW_ROLE).code == "CW"


def test_holidays_model(qtmodeltester, services: Services, admin: Actor) -> None:
    services.calendar.add_non_working_day(admin, date(2025, 9, 10), "Typhoon", "颱風")
    model = HolidaysTableModel()
    qtmodeltester.check(model)
    model.set_rows(services.calendar.holidays(2025))
    qtmodeltester.check(model)


def test_users_model(qtmodeltester, services: Services, admin: Actor) -> None:
    add_user(services, "cw1", Role.CLINIC, "CW")
    model = UsersTableModel()
    qtmodeltester.check(model)
    model.set_rows(services.auth.list_users(admin))
    qtmodeltester.check(model)


def test_audit_model(qtmodeltester, services: Services, admin: Actor) -> None:
    services.clinics.set_go_live(admin, "HK", date(2025, 2, 3))
    model = AuditTableModel(page_size=1)
    qtmodeltester.check(model)
    model.set_source(lambda o, n: services.audit.page(admin, AuditFilter(), o, n))
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    qtmodeltester.check(model)
    assert model.rowCount() == 2


def test_changing_one_row_is_not_a_reset(qtbot, services: Services) -> None:
    model = ClinicsTableModel()
    rows = services.clinics.list_clinics(date(2025, 1, 8))
    model.set_rows(rows)
    changed = list(rows)
    changed[1] = replace(rows[1], go_live_date=date(2025, 2, 3), version=rows[1].version + 1)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_rows(changed)
    assert resets == []
    assert blocker.args[0].row() == 1 and blocker.args[1].row() == 1
    model.set_rows(changed[:3])  # different rows: a reset
    assert resets == [True]
