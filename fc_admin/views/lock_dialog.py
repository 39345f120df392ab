"""The idle lock (R13.1): only the signed-in user's password continues the session."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
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
from fc_admin.views.sign_in_dialog import error_label


class LockDialog(QDialog):
    """Application-modal but not blocking (``show``, not ``exec``): the window stays hidden."""

    unlocked = Signal(object)  # the Actor, as the sign-in returned it
    sign_out_requested = Signal()

    def __init__(self, auth: AuthService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._auth = auth
        self._actor = actor
        self._closing = False
        self.setWindowTitle(QCoreApplication.translate("LockDialog", "Locked — fc-admin"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(420)

        picture = QLabel()
        picture.setPixmap(icon("lock").pixmap(48, 48))
        message = QLabel(
            QCoreApplication.translate(
                "LockDialog",
                "The session was locked. {name} ({user}), enter your password to continue.",
            ).format(name=actor.display_name or actor.username, user=actor.username)
        )
        message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(message, 1)

        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("LockDialog", "Password:"), self.password_edit)
        self.error_label = error_label()

        buttons = QDialogButtonBox()
        self.unlock_button = QPushButton(QCoreApplication.translate("LockDialog", "Unlock"))
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton(QCoreApplication.translate("LockDialog", "Sign out"))
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.sign_out_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.sign_out_button.clicked.connect(self.sign_out)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.password_edit.setFocus()

    def try_unlock(self) -> bool:
        try:
            actor = self._auth.sign_in(self._actor.username, self.password_edit.text())
        except (ServiceError, DatabaseError) as exc:
            self.error_label.setText(error_text(exc))
            self.error_label.setVisible(True)
            self.password_edit.clear()
            return False
        self._finish()
        self.unlocked.emit(actor)
        return True

    def sign_out(self) -> None:
        self._finish()
        self.sign_out_requested.emit()

    def _finish(self) -> None:
        self._closing = True
        self.done(QDialog.DialogCode.Accepted)

    # Escape and the window's close button do not unlock.
    def reject(self) -> None:
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:
            event.accept()
        else:
            event.ignore()
