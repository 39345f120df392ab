"""A table model that pages through the audit log (R13.3): never the whole log in memory.

The model asks its ``fetch_page(offset, limit)`` for one page at a time as the view scrolls
(``canFetchMore`` / ``fetchMore``). It does not count the rows: a count over a million records
runs in the task runner, and the view does not need it to scroll.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)

from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services.audit import AuditRow
from fc_admin.views.formatting import format_moment
from fc_admin.views.paging_model import PagingTableModel
from fc_admin.views.table_model import ROW_ROLE, Index

PageFetcher = Callable[[int, int], list[AuditRow]]

_ACTION_DESCRIPTIONS = {
    "user.add": QT_TRANSLATE_NOOP("AuditActions", "User added"),
    "user.update": QT_TRANSLATE_NOOP("AuditActions", "User changed"),
    "user.set_password": QT_TRANSLATE_NOOP("AuditActions", "Password set"),
    "user.sign_in": QT_TRANSLATE_NOOP("AuditActions", "Signed in"),
    "user.sign_in_failed": QT_TRANSLATE_NOOP("AuditActions", "Sign-in failed"),
    "user.sign_in_refused": QT_TRANSLATE_NOOP("AuditActions", "Sign-in refused (locked)"),
    "user.locked": QT_TRANSLATE_NOOP("AuditActions", "Account locked"),
    "clinic.go_live": QT_TRANSLATE_NOOP("AuditActions", "Go-live date changed"),
    "capacity.template": QT_TRANSLATE_NOOP("AuditActions", "Session template loaded"),
    "capacity.close": QT_TRANSLATE_NOOP("AuditActions", "Clinic day or session closed"),
    "capacity.reopen": QT_TRANSLATE_NOOP("AuditActions", "Closure withdrawn"),
    "call_list.export": QT_TRANSLATE_NOOP("AuditActions", "Call list printed or exported"),
    "daily_list.print": QT_TRANSLATE_NOOP("AuditActions", "Daily appointment list printed"),
    "daily_list.export": QT_TRANSLATE_NOOP("AuditActions", "Daily appointment list exported"),
    "person.lookup": QT_TRANSLATE_NOOP("AuditActions", "Caller looked up by HKID"),
    "appointment.book": QT_TRANSLATE_NOOP("AuditActions", "Appointment booked"),
    "appointment.change": QT_TRANSLATE_NOOP("AuditActions", "Appointment moved"),
    "appointment.cancel": QT_TRANSLATE_NOOP("AuditActions", "Appointment cancelled"),
    "appointment.attendance": QT_TRANSLATE_NOOP("AuditActions", "Attendance recorded"),
    "appointments.import": QT_TRANSLATE_NOOP("AuditActions", "Online bookings feed imported"),
    "calendar.add_non_working_day": QT_TRANSLATE_NOOP("AuditActions", "Non-working day added"),
    "calendar.remove_non_working_day": QT_TRANSLATE_NOOP("AuditActions", "Non-working day removed"),
    "roster_source.add": QT_TRANSLATE_NOOP("AuditActions", "Roster source added"),
    "roster.import": QT_TRANSLATE_NOOP("AuditActions", "Roster imported"),
    "application.import": QT_TRANSLATE_NOOP("AuditActions", "E-form application imported"),
    "application.key_in": QT_TRANSLATE_NOOP("AuditActions", "Paper application keyed in"),
    "db.backup": QT_TRANSLATE_NOOP("AuditActions", "Database backed up"),
    "db.restore": QT_TRANSLATE_NOOP("AuditActions", "Database restored"),
    "demo.seed_started": QT_TRANSLATE_NOOP("AuditActions", "Demo data: seeding started"),
    "demo.seed_finished": QT_TRANSLATE_NOOP("AuditActions", "Demo data: seeding finished"),
    "hkid.search": QT_TRANSLATE_NOOP("AuditActions", "Search by HKID"),
    "eform.quarantine": QT_TRANSLATE_NOOP("AuditActions", "E-form refused and quarantined"),
    "verification.run": QT_TRANSLATE_NOOP("AuditActions", "Members verified against the rosters"),
    "member.decide": QT_TRANSLATE_NOOP("AuditActions", "Decision on a member"),
    "application.assign": QT_TRANSLATE_NOOP("AuditActions", "Form assigned"),
    "application.remark": QT_TRANSLATE_NOOP("AuditActions", "Remark added"),
    "export.queries": QT_TRANSLATE_NOOP("AuditActions", "Query list exported"),
    "export.statistics": QT_TRANSLATE_NOOP("AuditActions", "Monthly statistics exported"),
    "account.issue": QT_TRANSLATE_NOOP("AuditActions", "Activation details issued"),
    "account.sent": QT_TRANSLATE_NOOP("AuditActions", "Activation details delivered"),
    "account.send_failed": QT_TRANSLATE_NOOP("AuditActions", "Activation details not delivered"),
    "account.activate": QT_TRANSLATE_NOOP("AuditActions", "Account activated"),
    "account.activation_failed": QT_TRANSLATE_NOOP("AuditActions", "Wrong activation code"),
    "account.locked": QT_TRANSLATE_NOOP("AuditActions", "Account locked after wrong codes"),
    "account.expire": QT_TRANSLATE_NOOP("AuditActions", "Account expired"),
    "account.reminder": QT_TRANSLATE_NOOP("AuditActions", "Activation reminder sent"),
    "account.reissue": QT_TRANSLATE_NOOP("AuditActions", "Activation details re-issued"),
    "account.suspend": QT_TRANSLATE_NOOP("AuditActions", "Account suspended"),
    "setting.change": QT_TRANSLATE_NOOP("AuditActions", "Shared setting changed"),
}


def action_description(action: str) -> str:
    """A translated description of a known action code; "" for codes this version lacks."""
    source = _ACTION_DESCRIPTIONS.get(action)
    return QCoreApplication.translate("AuditActions", source) if source else ""


class AuditTableModel(PagingTableModel[AuditRow]):
    TIME, USER, ACTION, DESCRIPTION, ENTITY_TYPE, ENTITY_ID = range(6)
    COLUMN_COUNT = 6

    def set_source(self, fetch: PageFetcher | None) -> None:
        """Start again from the newest record with a new query (e.g. new filters)."""
        self.restart(fetch)

    def row_key(self, row: AuditRow) -> int:
        return row.id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: AuditRow, column: int) -> str:
        if column == self.TIME:
            return format_moment(row.at)
        if column == self.USER:
            return row.actor
        if column == self.ACTION:
            return row.action
        if column == self.DESCRIPTION:
            return action_description(row.action)
        if column == self.ENTITY_TYPE:
            return row.entity_type
        if column == self.ENTITY_ID:
            return row.entity_id
        return ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = [
            QCoreApplication.translate("AuditPage", "Time (HKT)"),
            QCoreApplication.translate("AuditPage", "User"),
            QCoreApplication.translate("AuditPage", "Action"),
            QCoreApplication.translate("AuditPage", "Description"),
            QCoreApplication.translate("AuditPage", "Record type"),
            QCoreApplication.translate("AuditPage", "Record"),
        ]
        return titles[section] if 0 <= section < len(titles) else None
