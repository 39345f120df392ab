"""Activation details (R5, F6): the approved members still waiting for them, issuing a batch, and
the accounts issued so far.

Top: every approved member without activation details, with the form's notification deadline
(R4.2) and the working days left, coloured like the queue. "Preview batch…" says what the batch
will do (emails, letters, members skipped for an unusable address), asks for the letter file, and
issues it in the task runner with progress and Cancel; the results show what was sent and what was
not, with the reason.

Bottom: the accounts, paged through in SQL, by view (waiting, not sent, active, expiring soon,
expired, suspended) and search text; re-issue an expired or unsent account, suspend one with a
reason, or retry every unsent one. Everything that talks to the mail server or counts whole tables
runs in the task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fc_admin.domain.hktime import hk_date
from fc_admin.domain.roles import Permission
from fc_admin.services import Services
from fc_admin.services.activations import (
    AccountRow,
    AccountView,
    IssuedActivation,
    PendingActivation,
)
from fc_admin.services.actor import Actor
from fc_admin.tasks import TaskControl
from fc_admin.views import activation_dialogs, messages
from fc_admin.views.accounts_model import (
    AccountsTableModel,
    PendingTableModel,
    account_view_name,
    is_unsent,
)
from fc_admin.views.activation_dialogs import BatchSummary, IssueResultsDialog, fit_capped
from fc_admin.views.roster_import_dialog import RelabelledControl
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.widgets import table_view

ERROR_STYLE = "color: #b71c1c;"
VIEWS = (
    AccountView.ALL,
    AccountView.WAITING,
    AccountView.NOT_SENT,
    AccountView.ACTIVE,
    AccountView.EXPIRING,
    AccountView.EXPIRED,
    AccountView.SUSPENDED,
)


class ActivationsPage(QWidget):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
        letters_folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self.letters_folder = letters_folder or Path.home()
        self.full_hkid = actor.may(Permission.SEE_FULL_HKID)
        self._pending_generation = 0
        self._count_generation = 0
        self.pending_loaded = False
        self.issuing = False
        self.view_counts: dict[AccountView, int] = {}
        self.match_count: int | None = None
        self.last_results: list[IssuedActivation] | None = None
        self.results_dialog: IssueResultsDialog | None = None
        self._pending_fitted = False

        # -- waiting for activation details --------------------------------------------------
        self.pending_label = QLabel(QCoreApplication.translate("ActivationsPage", "Loading…"))
        self.pending_label.setWordWrap(True)
        self.pending_label.setTextFormat(Qt.TextFormat.RichText)
        self.preview_button = QPushButton(
            QCoreApplication.translate("ActivationsPage", "Preview batch…")
        )
        self.preview_button.setToolTip(
            QCoreApplication.translate(
                "ActivationsPage",
                "See what the batch will do, choose the letter file, then issue (R5).",
            )
        )
        self.preview_button.clicked.connect(self.preview_batch)
        self.refresh_button = QPushButton(QCoreApplication.translate("ActivationsPage", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        pending_header = QHBoxLayout()
        pending_header.addWidget(self.pending_label, 1)
        pending_header.addWidget(self.preview_button)
        pending_header.addWidget(self.refresh_button)
        self.pending_model = PendingTableModel(self.full_hkid, self)
        self.pending_view = table_view(self.pending_model, self)
        pending_box = QGroupBox(
            QCoreApplication.translate("ActivationsPage", "Waiting for activation details")
        )
        pending_layout = QVBoxLayout(pending_box)
        pending_layout.addLayout(pending_header)
        pending_layout.addWidget(self.pending_view, 1)

        # -- accounts ------------------------------------------------------------------------
        self.view_combo = QComboBox()
        for view in VIEWS:
            self.view_combo.addItem(account_view_name(view), view)
        self.view_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.view_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            QCoreApplication.translate(
                "ActivationsPage", "Account ID, form ID, name or HKID, then Enter"
            )
            if actor.may(Permission.SEARCH_HKID)
            else QCoreApplication.translate(
                "ActivationsPage", "Account ID, form ID or name, then Enter"
            )
        )
        self.search_edit.setMinimumWidth(240)
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.search_edit.textChanged.connect(lambda text: None if text else self.apply_filter())
        self.match_label = QLabel()
        self.reissue_button = QPushButton(QCoreApplication.translate("ActivationsPage", "Re-issue"))
        self.reissue_button.setToolTip(
            QCoreApplication.translate(
                "ActivationsPage",
                "A new activation code for an expired or unsent account; the old code stops "
                "working (R5.3).",
            )
        )
        self.reissue_button.clicked.connect(self.reissue_selected)
        self.suspend_button = QPushButton(QCoreApplication.translate("ActivationsPage", "Suspend…"))
        self.suspend_button.clicked.connect(self.suspend_selected)
        self.retry_button = QPushButton(
            QCoreApplication.translate("ActivationsPage", "Retry unsent")
        )
        self.retry_button.setToolTip(
            QCoreApplication.translate(
                "ActivationsPage", "Send again every email that could not be sent."
            )
        )
        self.retry_button.clicked.connect(self.retry_unsent)
        accounts_bar = QHBoxLayout()
        accounts_bar.addWidget(QLabel(QCoreApplication.translate("ActivationsPage", "Show:")))
        accounts_bar.addWidget(self.view_combo)
        accounts_bar.addWidget(self.search_edit, 1)
        accounts_bar.addWidget(self.match_label)
        accounts_bar.addWidget(self.reissue_button)
        accounts_bar.addWidget(self.suspend_button)
        accounts_bar.addWidget(self.retry_button)
        self.accounts_model = AccountsTableModel(self.full_hkid, self._today(), self)
        self.accounts_model.load_failed.connect(self.show_failure)
        self.accounts_view = table_view(self.accounts_model, self)
        self.accounts_view.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )
        self.accounts_model.modelReset.connect(self._update_buttons)
        self.accounts_model.dataChanged.connect(lambda *_a: self._update_buttons())
        accounts_box = QGroupBox(QCoreApplication.translate("ActivationsPage", "Accounts"))
        accounts_layout = QVBoxLayout(accounts_box)
        accounts_layout.addLayout(accounts_bar)
        accounts_layout.addWidget(self.accounts_view, 1)

        self.status_label = QLabel()
        self.status_label.setStyleSheet(ERROR_STYLE)
        self.status_label.setWordWrap(True)
        self.status_label.setVisible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(pending_box)
        self.splitter.addWidget(accounts_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([340, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.splitter, 1)

        self.refresh()

    def _today(self) -> date:
        return hk_date(self._services.clock.now())

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show what changed elsewhere (new approvals, activations imported)."""
        self.load_pending()
        self.apply_filter()

    def load_pending(self) -> None:
        """The approved members without activation details (task runner: a join over members)."""
        self._pending_generation += 1
        generation = self._pending_generation
        services, actor = self._services, self._actor

        def work(_control: TaskControl) -> list[PendingActivation]:
            return services.activations.pending(actor)

        def done(pending: list[PendingActivation]) -> None:
            if generation == self._pending_generation:
                self.show_pending(pending)

        self._runner.run(
            work, on_done=done, on_failed=self.show_failure, owner=self, name="activations.pending"
        )

    def show_pending(self, pending: list[PendingActivation]) -> None:
        self.pending_loaded = True
        self.pending_model.set_rows(pending)
        if not self._pending_fitted and pending:
            fit_capped(self.pending_view)
            self._pending_fitted = True
        s = BatchSummary.of(pending)
        if not pending:
            text = QCoreApplication.translate(
                "ActivationsPage", "Every approved member has activation details."
            )
        elif not s.problems:
            text = QCoreApplication.translate(
                "ActivationsPage",
                "Approved members waiting: {n} — {emails} by email, {letters} by letter",
            ).format(n=f"{len(pending):,}", emails=f"{s.emails:,}", letters=f"{s.letters:,}")
        else:
            problems = QCoreApplication.translate(
                "ActivationsPage", "{n} with an unusable email address"
            ).format(n=f"{s.problems:,}")
            text = QCoreApplication.translate(
                "ActivationsPage",
                "Approved members waiting: {n} — {emails} by email, {letters} by letter, "
                "{problems}",
            ).format(
                n=f"{len(pending):,}",
                emails=f"{s.emails:,}",
                letters=f"{s.letters:,}",
                problems=f'<span style="color:#b71c1c;">{problems}</span>',
            )
        self.pending_label.setText(text)
        self._update_buttons()

    def current_view(self) -> AccountView:
        return AccountView(self.view_combo.currentData())

    def set_view(self, view: AccountView, text: str = "") -> None:
        """Show one view of the accounts (for the dashboard and tests)."""
        self.view_combo.blockSignals(True)
        self.search_edit.blockSignals(True)
        self.view_combo.setCurrentIndex(max(self.view_combo.findData(view), 0))
        self.search_edit.setText(text)
        self.view_combo.blockSignals(False)
        self.search_edit.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.status_label.setVisible(False)
        view, text = self.current_view(), self.search_edit.text().strip()
        services, actor = self._services, self._actor
        self.accounts_model.set_source(
            lambda offset, limit: services.activations.page(actor, view, offset, limit, text),
            today=self._today(),
        )
        if self.accounts_model.rowCount() > 0:
            fit_capped(self.accounts_view)  # each view's rows differ (reasons, form IDs)
        if self.accounts_model.rowCount() > 0:
            self.select_account_row(0)
        self._count()

    def _count(self) -> None:
        """The accounts of every view (the selector's numbers) and those matching the search."""
        self._count_generation += 1
        generation = self._count_generation
        view, text = self.current_view(), self.search_edit.text().strip()
        services, actor = self._services, self._actor
        self.match_label.setText(QCoreApplication.translate("ActivationsPage", "Counting…"))

        def work(_control: TaskControl) -> tuple[dict[AccountView, int], int]:
            counts = {v: services.activations.count(actor, v) for v in VIEWS}
            matching = counts[view] if not text else services.activations.count(actor, view, text)
            return counts, matching

        def show(result: tuple[dict[AccountView, int], int]) -> None:
            if generation != self._count_generation:
                return  # an answer to an older filter
            self.view_counts, self.match_count = result
            for i in range(self.view_combo.count()):
                v = AccountView(self.view_combo.itemData(i))
                self.view_combo.setItemText(
                    i, f"{account_view_name(v)} ({self.view_counts.get(v, 0):,})"
                )
            self.match_label.setText(
                QCoreApplication.translate("ActivationsPage", "Matching accounts: {n}").format(
                    n=f"{self.match_count:,}"
                )
            )
            self._update_buttons()

        self._runner.run(
            work, on_done=show, on_failed=self.show_failure, owner=self, name="activations.count"
        )

    def show_failure(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setVisible(True)

    # -- selection -----------------------------------------------------------------------------
    def selected_account(self) -> AccountRow | None:
        rows = self.accounts_view.selectionModel().selectedRows()
        return self.accounts_model.row_at(rows[0].row()) if rows else None

    def select_account_row(self, row: int) -> None:
        index = self.accounts_model.index(row, 0)
        self.accounts_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.accounts_view.scrollTo(index)

    def select_account(self, account_id: str) -> bool:
        row = self.accounts_model.find_row(account_id)
        while row < 0 and self.accounts_model.canFetchMore(QModelIndex()):
            self.accounts_model.fetchMore(QModelIndex())
            row = self.accounts_model.find_row(account_id)
        if row >= 0:
            self.select_account_row(row)
        return row >= 0

    def _update_buttons(self) -> None:
        account = self.selected_account()
        idle = not self.issuing
        issuable = BatchSummary.issuable(self.pending_model.rows)
        self.preview_button.setEnabled(idle and bool(issuable))
        self.reissue_button.setEnabled(
            idle and account is not None and (account.status == "EXPIRED" or is_unsent(account))
        )
        self.suspend_button.setEnabled(
            idle and account is not None and account.status in ("ISSUED", "ACTIVE", "EXPIRED")
        )
        unsent = self.view_counts.get(AccountView.NOT_SENT)
        self.retry_button.setEnabled(idle and unsent != 0)
        self.retry_button.setStyleSheet(ERROR_STYLE if unsent else "")

    # -- issuing -------------------------------------------------------------------------------
    def suggested_letters_file(self) -> Path:
        stamp = self._services.clock.now().strftime("%Y%m%d-%H%M")
        return self.letters_folder / f"activation-letters-{stamp}.pdf"

    def preview_batch(self) -> None:
        pending = list(self.pending_model.rows)
        if not pending:
            return
        choice = activation_dialogs.ask_issue(
            self, pending, self.suggested_letters_file(), self.full_hkid
        )
        if choice is None:
            return
        if choice.letters_out is not None:
            self.letters_folder = choice.letters_out.parent
        self.issue(choice.member_ids, choice.letters_out)

    def retry_unsent(self) -> None:
        """Send again every account whose details did not go out, each with a fresh code (the
        service voids the undelivered one); letters need the file to write them to."""
        services, actor = self._services, self._actor
        self.issuing = True
        self._update_buttons()

        def work(_control: TaskControl) -> tuple[list[int], bool]:
            unsent = unsent_accounts(services, actor)
            letters = any(row.delivery == "letter" for row in unsent)
            return member_ids_of(services, actor, unsent), letters

        def collected(result: tuple[list[int], bool]) -> None:
            self.issuing = False
            member_ids, letters = result
            if not member_ids:
                self._update_buttons()
                messages.show_info(
                    self,
                    QCoreApplication.translate("ActivationsPage", "Retry unsent"),
                    QCoreApplication.translate("ActivationsPage", "Every account has been sent."),
                )
                return
            letters_out = None
            if letters:
                letters_out = activation_dialogs.ask_letters_file(
                    self, self.suggested_letters_file()
                )
                if letters_out is None:
                    self._update_buttons()
                    return
            self.issue(member_ids, letters_out, retry=True)

        def failed(message: str) -> None:
            self.issuing = False
            self._update_buttons()
            self.show_failure(message)

        self._runner.run(
            work, on_done=collected, on_failed=failed, owner=self, name="activations.unsent"
        )

    def issue(
        self, member_ids: list[int] | None, letters_out: Path | None, retry: bool = False
    ) -> None:
        """Issue (and send) in the task runner; the results appear when it ends."""
        services, actor = self._services, self._actor
        total = len(member_ids) if member_ids is not None else 0
        label = (
            QCoreApplication.translate(
                "ActivationsPage", "Sending unsent activation details: {done} of {total}…"
            )
            if retry
            else QCoreApplication.translate(
                "ActivationsPage", "Issuing activation details: {done} of {total}…"
            )
        )
        self.issuing = True
        self._update_buttons()

        def work(control: TaskControl) -> list[IssuedActivation]:
            relabelled = RelabelledControl(control, label)
            relabelled.progress(0, total)
            return services.activations.issue(
                actor, member_ids, letters_out=letters_out, control=relabelled
            )

        def done(results: list[IssuedActivation]) -> None:
            self.issuing = False
            self.last_results = results
            self.results_dialog = activation_dialogs.show_results(
                self, results, letters_out, self.full_hkid
            )
            self.refresh()

        def failed(message: str) -> None:
            self.issuing = False
            messages.show_error(
                self,
                QCoreApplication.translate("ActivationsPage", "Issue activation details"),
                message,
            )
            self.refresh()

        def cancelled() -> None:
            self.issuing = False
            self.refresh()  # what was issued before Cancel stays issued

        self._runner.run(
            work,
            on_done=done,
            on_failed=failed,
            on_cancelled=cancelled,
            owner=self,
            progress_title=QCoreApplication.translate(
                "ActivationsPage", "Issuing activation details…"
            ),
            progress_delay_ms=0,
            name="activations.issue",
        )

    # -- one account ---------------------------------------------------------------------------
    def _run_on_account(
        self,
        title: str,
        work: Callable[[TaskControl], object],
        done: Callable[[object], None],
        progress_title: str | None = None,
        name: str = "",
    ) -> None:
        self.issuing = True
        self._update_buttons()

        def finished(result: object) -> None:
            self.issuing = False
            done(result)
            self._count()

        def failed(message: str) -> None:
            self.issuing = False
            messages.show_error(self, title, message)
            self.apply_filter()

        def cancelled() -> None:
            self.issuing = False
            self.apply_filter()

        self._runner.run(
            work,
            on_done=finished,
            on_failed=failed,
            on_cancelled=cancelled,
            owner=self,
            progress_title=progress_title,
            cancellable=False,
            name=name,
        )

    def reissue_selected(self) -> None:
        account = self.selected_account()
        if account is None:
            return
        title = QCoreApplication.translate("ActivationsPage", "Re-issue")
        letters_out: Path | None = None
        if account.delivery == "letter":
            letters_out = activation_dialogs.ask_letters_file(self, self.suggested_letters_file())
            if letters_out is None:
                return
        elif not messages.confirm(
            self,
            title,
            QCoreApplication.translate(
                "ActivationsPage",
                "Send {account} a new activation code? The old code stops working.",
            ).format(account=account.account_id),
        ):
            return
        services, actor, account_id = self._services, self._actor, account.account_id

        def done(result: object) -> None:
            assert isinstance(result, IssuedActivation)
            self.last_results = [result]
            self.results_dialog = activation_dialogs.show_results(
                self, [result], letters_out, self.full_hkid
            )
            self.apply_filter()
            self.select_account(result.account_id)

        self._run_on_account(
            title,
            lambda _control: services.activations.reissue(actor, account_id, letters_out),
            done,
            progress_title=QCoreApplication.translate(
                "ActivationsPage", "Re-issuing activation details…"
            ),
            name="activations.reissue",
        )

    def suspend_selected(self) -> None:
        account = self.selected_account()
        if account is None:
            return
        reason = activation_dialogs.ask_suspend_reason(self, account.account_id)
        if reason is None:
            return
        services, actor = self._services, self._actor
        account_id, version = account.account_id, account.version

        def done(result: object) -> None:
            assert isinstance(result, AccountRow)
            self.accounts_model.update_row(result)

        self._run_on_account(
            QCoreApplication.translate("ActivationsPage", "Suspend"),
            lambda _control: services.activations.suspend(
                actor, account_id, reason, expected_version=version
            ),
            done,
            name="activations.suspend",
        )


# -- helpers run on a worker thread ---------------------------------------------------------
UNSENT_PAGE = 1000


def unsent_accounts(services: Services, actor: Actor) -> list[AccountRow]:
    rows: list[AccountRow] = []
    while True:
        page = services.activations.page(actor, AccountView.NOT_SENT, len(rows), UNSENT_PAGE)
        rows.extend(page)
        if len(page) < UNSENT_PAGE:
            return rows


def member_ids_of(services: Services, actor: Actor, rows: list[AccountRow]) -> list[int]:
    """The members of ``rows`` (what ``issue`` takes), through their forms."""
    found: list[int] = []
    wanted: dict[str, set[str]] = {}
    for row in rows:
        member_id = getattr(row, "member_id", None)
        if isinstance(member_id, int):
            found.append(member_id)
        else:
            wanted.setdefault(row.form_id, set()).add(row.hkid)
    for form_id, hkids in wanted.items():
        detail = services.applications.detail(actor, form_id)
        found.extend(m.member_id for m in detail.members if m.hkid in hkids)
    return sorted(set(found))


# -- the daily jobs, from the Work menu --------------------------------------------------------
def expire_overdue(
    parent: QWidget,
    services: Services,
    actor: Actor,
    runner: TaskRunner,
    then: Callable[[], None],
) -> None:
    """R5.3: accounts past their activation deadline become Expired (normally a daily job)."""
    title = QCoreApplication.translate("ActivationsPage", "Expire overdue accounts")
    if not messages.confirm(
        parent,
        title,
        QCoreApplication.translate(
            "ActivationsPage",
            "Mark every account still waiting past its activation deadline as Expired?",
        ),
    ):
        return

    def done(count: int) -> None:
        messages.show_info(
            parent,
            title,
            QCoreApplication.translate("ActivationsPage", "Accounts expired: {n}.").format(
                n=f"{count:,}"
            ),
        )
        then()

    runner.run(
        lambda _control: services.activations.expire(actor),
        on_done=done,
        on_failed=lambda message: messages.show_error(parent, title, message),
        owner=parent,
        progress_title=QCoreApplication.translate("ActivationsPage", "Expiring accounts…"),
        cancellable=False,
        name="activations.expire",
    )


def send_reminders(
    parent: QWidget,
    services: Services,
    actor: Actor,
    runner: TaskRunner,
    then: Callable[[], None],
) -> None:
    """Remind by email the members whose activation deadline is near and who have not
    activated."""
    title = QCoreApplication.translate("ActivationsPage", "Send reminders")
    if not messages.confirm(
        parent,
        title,
        QCoreApplication.translate(
            "ActivationsPage",
            "Email a reminder to every member whose activation deadline is near and who has not "
            "activated yet?",
        ),
    ):
        return
    label = QCoreApplication.translate("ActivationsPage", "Sending reminders: {done} of {total}…")

    def done(count: int) -> None:
        messages.show_info(
            parent,
            title,
            QCoreApplication.translate("ActivationsPage", "Reminders sent: {n}.").format(
                n=f"{count:,}"
            ),
        )
        then()

    runner.run(
        lambda control: services.activations.send_reminders(
            actor, control=RelabelledControl(control, label)
        ),
        on_done=done,
        on_failed=lambda message: messages.show_error(parent, title, message),
        owner=parent,
        progress_title=QCoreApplication.translate("ActivationsPage", "Sending reminders…"),
        name="activations.send_reminders",
    )
