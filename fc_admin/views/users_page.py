"""Staff users (R13.1, R13.2), for administrators: add, edit, reset a password."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from fc_admin.db import DatabaseError
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.auth import UserRow
from fc_admin.services.errors import ServiceError
from fc_admin.views import messages
from fc_admin.views.formatting import format_moment, localized_name
from fc_admin.views.table_model import RowTableModel
from fc_admin.views.user_dialogs import PasswordDialog, UserDialog, UserValues
from fc_admin.views.widgets import fit_columns, table_view

INACTIVE_COLOUR = QColor("#888888")
LOCKED_COLOUR = QColor("#b71c1c")


class UsersTableModel(RowTableModel[UserRow]):
    USERNAME, DISPLAY_NAME, ROLE, CLINIC, ACTIVE, LOCKED_UNTIL = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(key=lambda row: row.username, parent=parent)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("UsersPage", "User name"),
            QCoreApplication.translate("UsersPage", "Display name"),
            QCoreApplication.translate("UsersPage", "Role"),
            QCoreApplication.translate("UsersPage", "Clinic"),
            QCoreApplication.translate("UsersPage", "Active"),
            QCoreApplication.translate("UsersPage", "Locked until"),
        ]

    def display(self, row: UserRow, column: int) -> str:
        if column == self.USERNAME:
            return row.username
        if column == self.DISPLAY_NAME:
            return row.display_name
        if column == self.ROLE:
            return messages.role_name(row.role)
        if column == self.CLINIC:
            return row.clinic_code or ""
        if column == self.ACTIVE:
            return (
                QCoreApplication.translate("UsersPage", "Yes")
                if row.active
                else QCoreApplication.translate("UsersPage", "No")
            )
        if column == self.LOCKED_UNTIL:
            return format_moment(row.locked_until, seconds=False)
        return ""

    def cell_data(self, row: UserRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.active:
                return QBrush(INACTIVE_COLOUR)
            if column == self.LOCKED_UNTIL and row.locked_until is not None:
                return QBrush(LOCKED_COLOUR)
        return None


class UsersPage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor

        self.add_button = QPushButton(QCoreApplication.translate("UsersPage", "Add user…"))
        self.edit_button = QPushButton(QCoreApplication.translate("UsersPage", "Edit…"))
        self.password_button = QPushButton(
            QCoreApplication.translate("UsersPage", "Reset password…")
        )
        self.refresh_button = QPushButton(QCoreApplication.translate("UsersPage", "Refresh"))
        self.add_button.clicked.connect(lambda: self.make_add_dialog().exec())
        self.edit_button.clicked.connect(self._edit_selected)
        self.password_button.clicked.connect(self._password_for_selected)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.password_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        self.model = UsersTableModel(self)
        self.view = table_view(self.model, self)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(lambda _i: self._edit_selected())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.refresh()
        fit_columns(self.view)

    def refresh(self) -> None:
        try:
            rows = self._services.auth.list_users(self._actor)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, self._title(), messages.error_text(exc))
            return
        self.model.set_rows(rows)
        self._selection_changed()

    def selected_user(self) -> UserRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_user(self, username: str) -> None:
        row = self.model.find_row(username)
        if row >= 0:
            self.view.selectRow(row)

    def _selection_changed(self, *_args: object) -> None:
        selected = self.selected_user() is not None
        self.edit_button.setEnabled(selected)
        self.password_button.setEnabled(selected)

    def _clinic_choices(self) -> list[tuple[str, str]]:
        try:
            clinics = self._services.clinics.list_clinics()
        except (ServiceError, DatabaseError):
            return []
        return [(c.code, localized_name(c.name_en, c.name_zh)) for c in clinics]

    # -- dialogs (built here, shown with exec(); tests fill them and call try_accept) --------
    def make_add_dialog(self) -> UserDialog:
        def submit(values: UserValues) -> None:
            self._services.auth.add_user(
                self._actor,
                values.username,
                values.role,
                values.password,
                clinic_code=values.clinic_code,
                display_name=values.display_name,
            )
            self._after_change(values.username)

        return UserDialog(self._clinic_choices(), submit, parent=self)

    def make_edit_dialog(self, user: UserRow) -> UserDialog:
        def submit(values: UserValues) -> None:
            self._services.auth.update_user(
                self._actor,
                user.username,
                role=values.role,
                clinic_code=values.clinic_code or "",
                active=values.active,
                display_name=values.display_name,
                expected_version=user.version,
            )
            self._after_change(user.username)

        return UserDialog(self._clinic_choices(), submit, existing=user, parent=self)

    def make_password_dialog(self, user: UserRow) -> PasswordDialog:
        def submit(password: str) -> None:
            self._services.auth.set_password(self._actor, user.username, password)
            self._after_change(user.username)

        return PasswordDialog(user.username, submit, parent=self)

    def _edit_selected(self) -> None:
        user = self.selected_user()
        if user is not None:
            self.make_edit_dialog(user).exec()

    def _password_for_selected(self) -> None:
        user = self.selected_user()
        if user is not None:
            self.make_password_dialog(user).exec()

    def _after_change(self, username: str) -> None:
        self.refresh()
        self.select_user(username)

    def _title(self) -> str:
        return QCoreApplication.translate("UsersPage", "Users")
