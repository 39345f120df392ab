"""Dialogs for staff users: add / edit a user, set a password, create the first administrator.

A dialog collects values and hands them to a ``submit`` callback given by its owner (which calls
the service); a refused submit keeps the dialog open with the translated reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.roles import Role
from fc_admin.services.auth import MIN_PASSWORD_LENGTH, UserRow
from fc_admin.services.errors import ServiceError
from fc_admin.views.messages import error_text, role_name
from fc_admin.views.sign_in_dialog import error_label


@dataclass(frozen=True)
class UserValues:
    username: str
    display_name: str
    role: Role
    clinic_code: str | None
    active: bool
    password: str  # "" when editing


class _SubmittingDialog(QDialog):
    """OK runs ``submit``; on a service error the dialog shows it and stays open."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.error_label = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def validate(self) -> str | None:
        """A translated problem with the input, or None."""
        return None

    def submit(self) -> None:
        raise NotImplementedError

    def try_accept(self) -> bool:
        problem = self.validate()
        if problem:
            self.show_error(problem)
            return False
        try:
            self.submit()
        except (ServiceError, DatabaseError) as exc:
            self.show_error(error_text(exc))
            return False
        self.accept()
        return True


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _password_problem(password: str, confirmation: str) -> str | None:
    if password != confirmation:
        return QCoreApplication.translate("UserDialogs", "The two passwords are not the same.")
    return None


class UserDialog(_SubmittingDialog):
    """Add a user (``existing`` None) or edit one; ``fixed_role`` for the first administrator."""

    def __init__(
        self,
        clinics: list[tuple[str, str]],
        submit: Callable[[UserValues], object],
        existing: UserRow | None = None,
        fixed_role: Role | None = None,
        parent: QWidget | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._existing = existing
        adding = existing is None
        if existing is not None:
            title = QCoreApplication.translate("UserDialogs", "Edit user {name}").format(
                name=existing.username
            )
        elif fixed_role is Role.ADMIN:
            title = QCoreApplication.translate("UserDialogs", "Create the first administrator")
        else:
            title = QCoreApplication.translate("UserDialogs", "Add a user")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)

        self.username_edit = QLineEdit(existing.username if existing else "")
        self.username_edit.setMaxLength(40)
        self.username_edit.setReadOnly(not adding)
        self.display_name_edit = QLineEdit(existing.display_name if existing else "")
        self.display_name_edit.setMaxLength(120)
        self.role_combo = QComboBox()
        for role in Role:
            self.role_combo.addItem(role_name(role), role.value)
        current_role = fixed_role or (existing.role if existing else Role.CLERK)
        self.role_combo.setCurrentIndex(self.role_combo.findData(current_role.value))
        self.role_combo.setEnabled(fixed_role is None)
        self.clinic_combo = QComboBox()
        self.clinic_combo.addItem(QCoreApplication.translate("UserDialogs", "(none)"), None)
        for code, name in clinics:
            self.clinic_combo.addItem(f"{code} — {name}", code)
        if existing and existing.clinic_code:
            self.clinic_combo.setCurrentIndex(self.clinic_combo.findData(existing.clinic_code))
        self.active_check = QCheckBox(
            QCoreApplication.translate("UserDialogs", "Active (may sign in)")
        )
        self.active_check.setChecked(existing.active if existing else True)
        self.password_edit = _password_edit()
        self.confirm_edit = _password_edit()

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("UserDialogs", "User name:"), self.username_edit)
        form.addRow(
            QCoreApplication.translate("UserDialogs", "Display name:"), self.display_name_edit
        )
        form.addRow(QCoreApplication.translate("UserDialogs", "Role:"), self.role_combo)
        if fixed_role is None:
            form.addRow(QCoreApplication.translate("UserDialogs", "Clinic:"), self.clinic_combo)
        if not adding:
            form.addRow("", self.active_check)
        else:
            form.addRow(QCoreApplication.translate("UserDialogs", "Password:"), self.password_edit)
            form.addRow(
                QCoreApplication.translate("UserDialogs", "Confirm password:"), self.confirm_edit
            )
        layout = QVBoxLayout(self)
        if intro:
            intro_label = QLabel(intro)
            intro_label.setWordWrap(True)
            intro_label.setStyleSheet("font-weight: bold;")
            layout.addWidget(intro_label)
        if adding:
            hint = QLabel(
                QCoreApplication.translate(
                    "UserDialogs",
                    "User names: 2-40 lower-case letters, digits, '.', '_' or '-'. "
                    "Passwords: at least {n} characters.",
                ).format(n=MIN_PASSWORD_LENGTH)
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self, *_args: object) -> None:
        needs_clinic = self.role_combo.currentData() == Role.CLINIC.value
        self.clinic_combo.setEnabled(needs_clinic)
        if not needs_clinic:
            self.clinic_combo.setCurrentIndex(0)

    def values(self) -> UserValues:
        return UserValues(
            username=self.username_edit.text().strip(),
            display_name=self.display_name_edit.text().strip(),
            role=Role(self.role_combo.currentData()),
            clinic_code=self.clinic_combo.currentData(),
            active=self.active_check.isChecked(),
            password=self.password_edit.text(),
        )

    def validate(self) -> str | None:
        if self._existing is None:
            return _password_problem(self.password_edit.text(), self.confirm_edit.text())
        return None

    def submit(self) -> None:
        self._submit(self.values())


class PasswordDialog(_SubmittingDialog):
    def __init__(
        self, username: str, submit: Callable[[str], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(
            QCoreApplication.translate("UserDialogs", "New password for {name}").format(
                name=username
            )
        )
        self.setMinimumWidth(420)
        self.password_edit = _password_edit()
        self.confirm_edit = _password_edit()
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("UserDialogs", "New password:"), self.password_edit)
        form.addRow(
            QCoreApplication.translate("UserDialogs", "Confirm password:"), self.confirm_edit
        )
        note = QLabel(
            QCoreApplication.translate(
                "UserDialogs", "Setting a password also ends a lockout after failed sign-ins."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def validate(self) -> str | None:
        return _password_problem(self.password_edit.text(), self.confirm_edit.text())

    def submit(self) -> None:
        self._submit(self.password_edit.text())
