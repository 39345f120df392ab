"""Sign-in (R13.1): user name and password; the refusal reason shown in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.services.actor import Actor
from fc_admin.services.auth import AuthService
from fc_admin.services.errors import ServiceError
from fc_admin.views.messages import error_text
from fc_admin.views.resources import icon

ERROR_STYLE = "color: #b71c1c; font-weight: bold;"


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SignInDialog(QDialog):
    def __init__(
        self, auth: AuthService, parent: QWidget | None = None, username: str = ""
    ) -> None:
        super().__init__(parent)
        self._auth = auth
        self.actor: Actor | None = None
        self.setWindowTitle(QCoreApplication.translate("SignInDialog", "Sign in — fc-admin"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(420)

        heading = QLabel(
            QCoreApplication.translate(
                "SignInDialog", "Families Clinics Online Booking System — back office"
            )
        )
        heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        heading.setWordWrap(True)
        self.username_edit = QLineEdit(username)
        self.username_edit.setMaxLength(80)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = error_label()

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("SignInDialog", "User name:"), self.username_edit)
        form.addRow(QCoreApplication.translate("SignInDialog", "Password:"), self.password_edit)

        buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton(QCoreApplication.translate("SignInDialog", "Sign in"))
        self.sign_in_button.setDefault(True)
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        (self.password_edit if username else self.username_edit).setFocus()

    def try_sign_in(self) -> bool:
        """Check the password (Argon2, ~50 ms: fine on the GUI thread); accept on success."""
        username = self.username_edit.text().strip()
        if not username:
            self._show_error(
                QCoreApplication.translate("SignInDialog", "Please enter your user name.")
            )
            return False
        try:
            self.actor = self._auth.sign_in(username, self.password_edit.text())
        except (ServiceError, DatabaseError) as exc:
            self._show_error(error_text(exc))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return False
        self.accept()
        return True

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)
