"""The dialogs of issuing activation details (R5, F6): preview a batch and choose the letter file,
see what a batch did, suspend an account with a reason, import the online system's activations.

Pages call the ``ask_…`` / ``show_…`` / ``choose_…`` functions of this module, so that tests can
replace the modal dialogs with ``monkeypatch.setattr(activation_dialogs, "ask_issue", ...)``.
The dialogs hold no database handle except the import dialog, which runs the import through the
task runner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fc_admin.exchange.errors import FileRejected
from fc_admin.services import Services
from fc_admin.services.activations import (
    ActivationImportResult,
    IssuedActivation,
    PendingActivation,
)
from fc_admin.services.actor import Actor
from fc_admin.tasks import TaskControl
from fc_admin.views.accounts_model import IssueResultsTableModel, PendingTableModel
from fc_admin.views.roster_import_dialog import problem_text
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.widgets import fit_columns, table_view

ERROR_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #1b5e20; font-weight: bold;"
REASON_LIMIT = 2000


# -- file choosers (tests replace these) -------------------------------------------------------
def choose_letters_file(parent: QWidget | None, suggested: str) -> str | None:
    """Where to write the bilingual letters of a batch (one PDF to print)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ActivationDialogs", "Save the activation letters"),
        suggested,
        QCoreApplication.translate("ActivationDialogs", "PDF files (*.pdf)"),
    )
    return path or None


def choose_activations_file(parent: QWidget | None, start: str) -> str | None:
    """The online system's activations file (CSV: account_id, activated_at)."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ActivationDialogs", "Choose the activations file"),
        start,
        QCoreApplication.translate("ActivationDialogs", "CSV files (*.csv);;All files (*)"),
    )
    return path or None


MAX_COLUMN_WIDTH = 300


def fit_capped(view: QTableView, cap: int = MAX_COLUMN_WIDTH) -> None:
    """Columns as wide as their contents, but a long reason or address does not push the other
    columns out of sight (the cell's tool tip shows it whole)."""
    fit_columns(view)
    for column in range(view.model().columnCount() - 1):
        view.setColumnWidth(column, min(view.columnWidth(column), cap))


def _pdf(path: str) -> Path:
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(".pdf")


class _FileRow(QWidget):
    """A path field with a Browse… button that asks ``choose_letters_file``."""

    def __init__(self, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(str(suggested))
        self.edit.setMinimumWidth(360)
        self.browse_button = QPushButton(QCoreApplication.translate("ActivationDialogs", "Browse…"))
        self.browse_button.clicked.connect(self.browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse_button)

    def browse(self) -> None:
        chosen = choose_letters_file(self, self.edit.text().strip())
        if chosen:
            self.edit.setText(str(_pdf(chosen)))

    @property
    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return _pdf(text) if text else None


# -- preview and confirm a batch ---------------------------------------------------------------
@dataclass(frozen=True)
class IssueChoice:
    member_ids: list[int]  # the members to issue now (those with an email problem are left)
    letters_out: Path | None  # the PDF of the letters, when some go by letter


@dataclass(frozen=True)
class BatchSummary:
    emails: int
    letters: int
    problems: int

    @classmethod
    def of(cls, pending: Sequence[PendingActivation]) -> BatchSummary:
        problems = sum(1 for p in pending if p.email_problem and p.delivery == "email")
        letters = sum(1 for p in pending if p.delivery == "letter")
        return cls(len(pending) - problems - letters, letters, problems)

    @staticmethod
    def issuable(pending: Sequence[PendingActivation]) -> list[PendingActivation]:
        return [p for p in pending if not (p.email_problem and p.delivery == "email")]


class IssuePreviewDialog(QDialog):
    """What the batch will do, the letter file to write, then Issue."""

    def __init__(
        self,
        pending: Sequence[PendingActivation],
        suggested_letters: Path,
        full_hkid: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pending = list(pending)
        self.summary = BatchSummary.of(self.pending)
        self.setWindowTitle(
            QCoreApplication.translate("ActivationDialogs", "Issue activation details")
        )
        self.setMinimumSize(820, 520)

        s = self.summary
        issued = s.emails + s.letters
        heading = QLabel(
            QCoreApplication.translate(
                "ActivationDialogs",
                "{n} approved members will get an account ID and a single-use activation code, "
                "valid for 8 months (R5.3).",
            ).format(n=f"{issued:,}")
        )
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        lines = [
            QCoreApplication.translate(
                "ActivationDialogs",
                "{n} by email (English and Chinese), through the department's mail server",
            ).format(n=f"{s.emails:,}"),
            QCoreApplication.translate(
                "ActivationDialogs",
                "{n} by printed letter (English and Chinese), for applicants without email",
            ).format(n=f"{s.letters:,}"),
        ]
        self.emails_label = QLabel("• " + lines[0])
        self.letters_label = QLabel("• " + lines[1])
        self.problems_label = QLabel(
            "• "
            + QCoreApplication.translate(
                "ActivationDialogs",
                "{n} skipped: their email address cannot be used (shown in red); correct it and "
                "issue again",
            ).format(n=f"{s.problems:,}")
        )
        self.problems_label.setStyleSheet(ERROR_STYLE)
        self.problems_label.setVisible(s.problems > 0)
        for label in (self.emails_label, self.letters_label, self.problems_label):
            label.setWordWrap(True)

        self.letters_row = _FileRow(suggested_letters)
        self.letters_row.edit.textChanged.connect(lambda _t: self._update())
        letters_form = QFormLayout()
        letters_form.addRow(
            QCoreApplication.translate("ActivationDialogs", "Letters file (PDF):"),
            self.letters_row,
        )
        self.letters_box = QWidget()
        self.letters_box.setLayout(letters_form)
        self.letters_box.setVisible(s.letters > 0)

        self.model = PendingTableModel(full_hkid, self)
        self.model.set_rows(self.pending)
        self.view = table_view(self.model, self)
        fit_capped(self.view)

        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.issue_button = QPushButton(QCoreApplication.translate("ActivationDialogs", "Issue"))
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(self.try_accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.issue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.emails_label)
        layout.addWidget(self.letters_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.letters_box)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._update()

    @property
    def letters_out(self) -> Path | None:
        return self.letters_row.path if self.summary.letters else None

    def choice(self) -> IssueChoice:
        return IssueChoice(
            [p.member_id for p in BatchSummary.issuable(self.pending)], self.letters_out
        )

    def problem(self) -> str:
        if self.summary.emails + self.summary.letters == 0:
            return QCoreApplication.translate(
                "ActivationDialogs", "There is nobody to issue activation details to."
            )
        if self.summary.letters and self.letters_out is None:
            return QCoreApplication.translate(
                "ActivationDialogs", "Choose the file the letters are written to."
            )
        return ""

    def _update(self) -> None:
        self.issue_button.setEnabled(self.summary.emails + self.summary.letters > 0)
        self.error_label.clear()

    def try_accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            return
        self.accept()


def ask_issue(
    parent: QWidget | None,
    pending: Sequence[PendingActivation],
    suggested_letters: Path,
    full_hkid: bool,
) -> IssueChoice | None:
    """The members and the letter file to issue with, or None when cancelled."""
    dialog = IssuePreviewDialog(pending, suggested_letters, full_hkid, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
    finally:
        dialog.deleteLater()


def ask_letters_file(parent: QWidget | None, suggested: Path) -> Path | None:
    """The letter file of one re-issued account that goes by post."""
    chosen = choose_letters_file(parent, str(suggested))
    return _pdf(chosen) if chosen else None


# -- what a batch did ------------------------------------------------------------------------
def results_summary(results: Sequence[IssuedActivation]) -> str:
    emails = sum(1 for r in results if r.sent and r.delivery == "email")
    letters = sum(1 for r in results if r.sent and r.delivery == "letter")
    failed = sum(1 for r in results if not r.sent)
    return QCoreApplication.translate(
        "ActivationDialogs",
        "Emails sent: {emails}. Letters written: {letters}. Not sent: {failed}.",
    ).format(emails=f"{emails:,}", letters=f"{letters:,}", failed=f"{failed:,}")


class IssueResultsDialog(QDialog):
    """Sent, letter written, or not sent with the reason (the failures first)."""

    def __init__(
        self,
        results: Sequence[IssuedActivation],
        letters_out: Path | None,
        full_hkid: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("ActivationDialogs", "Activation details issued")
        )
        self.setMinimumSize(820, 460)
        ordered = sorted(results, key=lambda r: (r.sent, r.form_id, r.member_id))
        failed = sum(1 for r in results if not r.sent)
        self.summary_label = QLabel(results_summary(results))
        self.summary_label.setStyleSheet(ERROR_STYLE if failed else OK_STYLE)
        self.summary_label.setWordWrap(True)
        self.hint_label = QLabel(
            QCoreApplication.translate(
                "ActivationDialogs",
                'The accounts not sent wait under "Not sent"; "Retry unsent" sends them '
                "again once the mail server or the address is fixed.",
            )
        )
        self.hint_label.setWordWrap(True)
        self.hint_label.setVisible(failed > 0)
        letters = sum(1 for r in results if r.sent and r.delivery == "letter")
        self.letters_label = QLabel(
            QCoreApplication.translate(
                "ActivationDialogs", "Print and post the letters in {file}"
            ).format(file=str(letters_out))
            if letters_out is not None and letters
            else ""
        )
        self.letters_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.letters_label.setVisible(bool(self.letters_label.text()))
        self.model = IssueResultsTableModel(full_hkid, self)
        self.model.set_rows(ordered)
        self.view = table_view(self.model, self)
        fit_capped(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.letters_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)


def show_results(
    parent: QWidget | None,
    results: Sequence[IssuedActivation],
    letters_out: Path | None,
    full_hkid: bool,
) -> IssueResultsDialog:
    """Shown without blocking (window-modal); the caller may keep it to read it back."""
    dialog = IssueResultsDialog(results, letters_out, full_hkid, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# -- suspend -----------------------------------------------------------------------------------
class SuspendDialog(QDialog):
    def __init__(self, account: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("ActivationDialogs", "Suspend an account"))
        self.setMinimumWidth(460)
        explanation = QLabel(
            QCoreApplication.translate(
                "ActivationDialogs",
                "Suspend {account}: it can no longer be activated or used. The reason is "
                "recorded with your name.",
            ).format(account=account)
        )
        explanation.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(
            QCoreApplication.translate("ActivationDialogs", "Why the account is suspended")
        )
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMinimumHeight(80)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ActivationDialogs", "Reason:"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.reason_edit.setFocus()

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def problem(self) -> str:
        if not self.reason:
            return QCoreApplication.translate("ActivationDialogs", "Please give the reason.")
        if len(self.reason) > REASON_LIMIT:
            return QCoreApplication.translate(
                "ActivationDialogs", "The reason is limited to {n} characters."
            ).format(n=REASON_LIMIT)
        return ""

    def try_accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            return
        self.accept()


def ask_suspend_reason(parent: QWidget | None, account: str) -> str | None:
    dialog = SuspendDialog(account, parent)
    try:
        return dialog.reason if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


# -- import the online system's activations ----------------------------------------------------
def import_summary(result: ActivationImportResult) -> str:
    return QCoreApplication.translate(
        "ActivationDialogs",
        "{file}: {rows} rows. Accounts activated now: {activated}; already active: {already}.",
    ).format(
        file=result.file,
        rows=f"{result.rows:,}",
        activated=f"{result.activated:,}",
        already=f"{result.already_active:,}",
    )


class ImportActivationsDialog(QDialog):
    """Choose the online system's file, import it (task runner), read what it changed.

    A file with a problem changes nothing; every problem is listed with its line."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._folder = folder or Path.home()
        self.import_result: ActivationImportResult | None = None
        self.setWindowTitle(QCoreApplication.translate("ActivationDialogs", "Import activations"))
        self.setMinimumWidth(620)
        explanation = QLabel(
            QCoreApplication.translate(
                "ActivationDialogs",
                "The online booking system's file of the accounts members have activated "
                "(CSV: account_id, activated_at). Each account it names becomes Active; a file "
                "with a problem changes nothing.",
            )
        )
        explanation.setWordWrap(True)
        self.file_edit = QLineEdit()
        self.file_edit.setMinimumWidth(360)
        browse = QPushButton(QCoreApplication.translate("ActivationDialogs", "Browse…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ActivationDialogs", "File:"), file_row)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_list = QListWidget()
        self.problems_list.setVisible(False)
        self.import_button = QPushButton(QCoreApplication.translate("ActivationDialogs", "Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.problems_list, 1)
        layout.addWidget(buttons)

    def browse(self) -> None:
        chosen = choose_activations_file(self, self.file_edit.text().strip() or str(self._folder))
        if chosen:
            self.file_edit.setText(chosen)

    def start_import(self) -> None:
        text = self.file_edit.text().strip()
        if not text:
            self._show(
                QCoreApplication.translate("ActivationDialogs", "Choose the file to import."),
                ERROR_STYLE,
            )
            return
        path = Path(text)
        services, actor = self._services, self._actor
        self.import_button.setEnabled(False)
        self.problems_list.clear()
        self.problems_list.setVisible(False)
        self._show(QCoreApplication.translate("ActivationDialogs", "Importing…"), "")

        def work(_control: TaskControl) -> ActivationImportResult | FileRejected:
            try:
                return services.activations.import_activations(actor, path)
            except FileRejected as exc:
                return exc

        def done(result: ActivationImportResult | FileRejected) -> None:
            self.import_button.setEnabled(True)
            if isinstance(result, FileRejected):
                for problem in result.problems:
                    self.problems_list.addItem(problem_text(problem))
                self.problems_list.setVisible(True)
                self._show(
                    QCoreApplication.translate(
                        "ActivationDialogs",
                        "Nothing was imported: the file has {n} problem(s).",
                    ).format(n=f"{result.total:,}"),
                    ERROR_STYLE,
                )
                return
            self.import_result = result
            self._show(import_summary(result), OK_STYLE)

        def failed(message: str) -> None:
            self.import_button.setEnabled(True)
            self._show(message, ERROR_STYLE)

        self._runner.run(
            work,
            on_done=done,
            on_failed=failed,
            on_cancelled=lambda: self.import_button.setEnabled(True),
            owner=self,
            progress_title=QCoreApplication.translate(
                "ActivationDialogs", "Importing activations…"
            ),
            name="activations.import",
        )

    def _show(self, text: str, style: str) -> None:
        self.result_label.setStyleSheet(style)
        self.result_label.setText(text)
