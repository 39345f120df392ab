"""The small dialogs of deciding (R3.4) and assigning: reject with a coded reason, query the
department with a note, justify approving a member whose outcome is not ELIGIBLE, choose an
officer.

Pages call the ``ask_…`` functions of this module, so that tests can replace the modal dialogs
with ``monkeypatch.setattr(decision_dialogs, "ask_reject", ...)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fc_admin.views.applications_model import outcome_name, reject_reason_name

NOTE_LIMIT = 2000


def _note_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(80)
    return edit


class _NoteDialog(QDialog):
    """A title, an explanation, optional extra fields, and a note; OK only when it is valid."""

    def __init__(
        self,
        title: str,
        explanation: str,
        note_placeholder: str,
        note_required: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.note_required = note_required
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        self.form = QFormLayout()
        self.note_edit = _note_edit(note_placeholder)
        self.form.addRow(QCoreApplication.translate("DecisionDialogs", "Note:"), self.note_edit)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def problem(self) -> str:
        if self.note_required and not self.note:
            return QCoreApplication.translate("DecisionDialogs", "Please write a note.")
        if len(self.note) > NOTE_LIMIT:
            return QCoreApplication.translate(
                "DecisionDialogs", "The note is limited to {n} characters."
            ).format(n=NOTE_LIMIT)
        return ""

    def try_accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            return
        self.accept()


class RejectDialog(_NoteDialog):
    def __init__(self, member: str, reasons: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("DecisionDialogs", "Reject a member"),
            QCoreApplication.translate(
                "DecisionDialogs", "Reject {member}: choose the reason."
            ).format(member=member),
            QCoreApplication.translate("DecisionDialogs", "Optional: anything the reason omits"),
            note_required=False,
            parent=parent,
        )
        self.reason_combo = QComboBox()
        for code in reasons:
            name = reject_reason_name(code)
            self.reason_combo.addItem(f"{name} ({code})" if name != code else code, code)
        self.form.insertRow(
            0, QCoreApplication.translate("DecisionDialogs", "Reason:"), self.reason_combo
        )
        self.reason_combo.setFocus()

    @property
    def reason(self) -> str:
        return str(self.reason_combo.currentData() or "")

    def problem(self) -> str:
        if not self.reason:
            return QCoreApplication.translate("DecisionDialogs", "Please choose a reason.")
        if self.reason == "OTHER" and not self.note:
            return QCoreApplication.translate(
                "DecisionDialogs", "Please say in the note what the other reason is."
            )
        return super().problem()


class QueryDialog(_NoteDialog):
    def __init__(self, member: str, department: str, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("DecisionDialogs", "Query the department"),
            QCoreApplication.translate(
                "DecisionDialogs",
                "Ask {department} to confirm or update the particulars of {member}. The "
                "question goes into the department's query list.",
            ).format(department=department, member=member),
            QCoreApplication.translate("DecisionDialogs", "Your question to the department"),
            note_required=True,
            parent=parent,
        )
        self.note_edit.setFocus()


class JustificationDialog(_NoteDialog):
    def __init__(self, member: str, outcome: str | None, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("DecisionDialogs", "Approve against the check"),
            QCoreApplication.translate(
                "DecisionDialogs",
                "The automatic check of {member} gave {outcome}, not Eligible. Approving "
                "needs a written justification, recorded with your name.",
            ).format(member=member, outcome=outcome_name(outcome)),
            QCoreApplication.translate("DecisionDialogs", "Why this member is eligible"),
            note_required=True,
            parent=parent,
        )
        self.note_edit.setFocus()


class AssignDialog(QDialog):
    """Choose an officer, or none (back to the pool)."""

    def __init__(
        self, officers: list[tuple[str, str]], forms: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("DecisionDialogs", "Assign forms"))
        self.setMinimumWidth(380)
        self.officer_combo = QComboBox()
        for username, display in officers:
            label = f"{display} ({username})" if display and display != username else username
            self.officer_combo.addItem(label, username)
        self.officer_combo.addItem(
            QCoreApplication.translate("DecisionDialogs", "Nobody (back to the pool)"), ""
        )
        explanation = QLabel(
            QCoreApplication.translate("DecisionDialogs", "Assign {n} form(s) to:").format(n=forms)
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.officer_combo)
        layout.addWidget(buttons)

    @property
    def officer(self) -> str | None:
        return str(self.officer_combo.currentData() or "") or None


# -- what the pages call (tests replace these) -------------------------------------------------
def ask_reject(parent: QWidget | None, member: str, reasons: list[str]) -> tuple[str, str] | None:
    """(reason code, note) or None when cancelled."""
    dialog = RejectDialog(member, reasons, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason, dialog.note


def ask_query(parent: QWidget | None, member: str, department: str) -> str | None:
    dialog = QueryDialog(member, department, parent)
    return dialog.note if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_justification(parent: QWidget | None, member: str, outcome: str | None) -> str | None:
    dialog = JustificationDialog(member, outcome, parent)
    return dialog.note if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_officer(
    parent: QWidget | None, officers: list[tuple[str, str]], forms: int
) -> tuple[bool, str | None]:
    """(chosen, user name or None for the pool)."""
    dialog = AssignDialog(officers, forms, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False, None
    return True, dialog.officer
