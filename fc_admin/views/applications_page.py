"""The application queue (R3, R4): filters, counts against the 14-working-day deadline, the
paged table sorted in SQL, and the selected form's detail beside it.

The same page serves "My work": with ``my_work=True`` the queue is fixed to the forms assigned to
the signed-in officer. Supervisors select several forms to assign them or to approve their
ELIGIBLE members together.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.hkid import is_valid_hkid
from fc_admin.domain.roles import Permission
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.applications import QueueCounts, QueueFilter, RiskFilter
from fc_admin.services.errors import ServiceError
from fc_admin.services.verification import VerificationResult
from fc_admin.tasks import TaskControl
from fc_admin.views import decision_dialogs, messages
from fc_admin.views.application_detail import ApplicationDetailPane
from fc_admin.views.applications_model import QueueTableModel, channel_label, outcome_name
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.widgets import fit_columns, table_view

OUTCOMES = ("ELIGIBLE", "REVIEW", "MISMATCH", "NOT_FOUND", "INELIGIBLE", "DUPLICATE")
UNASSIGNED = ""


class ApplicationsPage(QWidget):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        my_work: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self.my_work = my_work
        self._count_generation = 0
        self.counts: QueueCounts | None = None
        self.match_count: int | None = None
        self._columns_fitted = False

        # -- filter bar ----------------------------------------------------------------------
        self.status_combo = QComboBox()
        self.status_combo.addItem(QCoreApplication.translate("ApplicationsPage", "Open"), "OPEN")
        self.status_combo.addItem(QCoreApplication.translate("ApplicationsPage", "Done"), "DONE")
        self.status_combo.addItem(
            QCoreApplication.translate("ApplicationsPage", "All statuses"), None
        )
        self.outcome_combo = QComboBox()
        self.outcome_combo.addItem(
            QCoreApplication.translate("ApplicationsPage", "Any outcome"), None
        )
        for outcome in OUTCOMES:
            self.outcome_combo.addItem(outcome_name(outcome), outcome)
        self.department_combo = QComboBox()
        self.department_combo.addItem(
            QCoreApplication.translate("ApplicationsPage", "All departments"), None
        )
        self.channel_combo = QComboBox()
        self.channel_combo.addItem(
            QCoreApplication.translate("ApplicationsPage", "All channels"), None
        )
        for channel in ("iam_smart", "in_person"):
            self.channel_combo.addItem(channel_label(channel), channel)
        self.risk_combo = QComboBox()
        self.risk_combo.addItem(
            QCoreApplication.translate("ApplicationsPage", "Any deadline"), None
        )
        self.risk_combo.addItem(
            QCoreApplication.translate("ApplicationsPage", "At risk or overdue"),
            RiskFilter.AT_RISK_OR_OVERDUE,
        )
        self.risk_combo.addItem(
            QCoreApplication.translate("ApplicationsPage", "At risk"), RiskFilter.AT_RISK
        )
        self.risk_combo.addItem(
            QCoreApplication.translate("ApplicationsPage", "Overdue"), RiskFilter.OVERDUE
        )
        self.assigned_combo = QComboBox()
        self.assigned_combo.addItem(QCoreApplication.translate("ApplicationsPage", "Anyone"), None)
        self.assigned_combo.addItem(
            QCoreApplication.translate("ApplicationsPage", "Unassigned"), UNASSIGNED
        )
        self.undecided_check = QCheckBox(
            QCoreApplication.translate("ApplicationsPage", "Undecided members only")
        )
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            QCoreApplication.translate("ApplicationsPage", "Form ID, name or HKID, then Enter")
            if actor.may(Permission.SEARCH_HKID)
            else QCoreApplication.translate("ApplicationsPage", "Form ID or name, then Enter")
        )
        self.search_edit.setMinimumWidth(220)
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.search_edit.textChanged.connect(self._search_text_changed)
        clear_button = QPushButton(QCoreApplication.translate("ApplicationsPage", "Clear filters"))
        clear_button.clicked.connect(self.clear_filters)
        for combo in (
            self.status_combo,
            self.outcome_combo,
            self.department_combo,
            self.channel_combo,
            self.risk_combo,
            self.assigned_combo,
        ):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.undecided_check.toggled.connect(lambda _c: self.apply_filter())

        filters = QHBoxLayout()
        filters.addWidget(self.status_combo)
        filters.addWidget(self.outcome_combo)
        filters.addWidget(self.department_combo)
        filters.addWidget(self.channel_combo)
        filters.addWidget(self.risk_combo)
        if not my_work:
            filters.addWidget(self.assigned_combo)
        else:
            self.assigned_combo.setVisible(False)
        filters.addWidget(self.undecided_check)
        filters.addStretch(1)
        search_row = QHBoxLayout()
        search_row.addWidget(QLabel(QCoreApplication.translate("ApplicationsPage", "Search:")))
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(clear_button)

        # -- counts header (R4.3) ------------------------------------------------------------
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.match_label = QLabel()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #b71c1c;")
        self.status_label.setWordWrap(True)

        # -- supervisor actions --------------------------------------------------------------
        self.assign_button = QPushButton(
            QCoreApplication.translate("ApplicationsPage", "Assign to…")
        )
        self.assign_button.clicked.connect(self.assign_selected)
        self.approve_eligible_button = QPushButton(
            QCoreApplication.translate("ApplicationsPage", "Approve all Eligible")
        )
        self.approve_eligible_button.setToolTip(
            QCoreApplication.translate(
                "ApplicationsPage",
                "Approve every undecided Eligible member of the selected forms, or of all forms.",
            )
        )
        approve_menu = QMenu(self.approve_eligible_button)
        self.approve_selected_action = approve_menu.addAction(
            QCoreApplication.translate("ApplicationsPage", "Of the selected forms…")
        )
        self.approve_selected_action.triggered.connect(lambda: self.approve_eligible(False))
        self.approve_all_action = approve_menu.addAction(
            QCoreApplication.translate("ApplicationsPage", "Of every form…")
        )
        self.approve_all_action.triggered.connect(lambda: self.approve_eligible(True))
        self.approve_eligible_button.setMenu(approve_menu)
        self.verify_button = QPushButton(
            QCoreApplication.translate("ApplicationsPage", "Verify now")
        )
        self.verify_button.setToolTip(
            QCoreApplication.translate(
                "ApplicationsPage",
                "Check every member still waiting against the current rosters (R3.2).",
            )
        )
        self.verify_button.clicked.connect(self.verify_now)
        self.refresh_button = QPushButton(QCoreApplication.translate("ApplicationsPage", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.assign_button.setVisible(actor.may(Permission.ASSIGN_WORK))
        self.approve_eligible_button.setVisible(actor.may(Permission.DECIDE_MEMBERS))
        self.verify_button.setVisible(
            actor.may(Permission.DECIDE_MEMBERS) or actor.may(Permission.IMPORT_FILES)
        )
        header = QHBoxLayout()
        header.addWidget(self.counts_label)
        header.addStretch(1)
        header.addWidget(self.match_label)
        header.addWidget(self.verify_button)
        header.addWidget(self.assign_button)
        header.addWidget(self.approve_eligible_button)
        header.addWidget(self.refresh_button)

        # -- queue and detail ----------------------------------------------------------------
        self.model = QueueTableModel(self)
        self.model.load_failed.connect(self._show_load_failure)
        self.model.sort_changed.connect(self._show_sort)
        self.model.modelReset.connect(self._queue_reset)
        self.view = table_view(self.model, self)
        if actor.may(Permission.ASSIGN_WORK) or actor.may(Permission.DECIDE_MEMBERS):
            self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header_view = self.view.horizontalHeader()
        header_view.setSortIndicator(QueueTableModel.DEADLINE, Qt.SortOrder.AscendingOrder)
        header_view.setSortIndicatorShown(True)
        header_view.setSectionsClickable(True)
        self.view.setSortingEnabled(True)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.detail = ApplicationDetailPane(services, actor, self)
        self.detail.changed.connect(self.form_changed)
        self.detail.next_form_requested.connect(self.next_form)
        # The decision keys work wherever the focus is on this page (the queue or the pane).
        self.addActions(self.detail.decision_actions)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([600, 600])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        if my_work:
            title = QLabel(
                QCoreApplication.translate("ApplicationsPage", "Forms assigned to {name}").format(
                    name=actor.display_name or actor.username
                )
            )
            title.setStyleSheet("font-weight: bold;")
            layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(search_row)
        layout.addLayout(header)
        layout.addWidget(self.status_label)
        layout.addWidget(self.splitter, 1)
        self.status_label.setVisible(False)

        self._load_choices()
        self.apply_filter()
        if not self._columns_fitted:
            fit_columns(self.view)
        self._update_buttons()

    # -- filters -------------------------------------------------------------------------------
    def _load_choices(self) -> None:
        """The departments and officers of the filter boxes (a DISTINCT over every member: the
        task runner)."""
        services, actor = self._services, self._actor

        def work(_control: TaskControl) -> tuple[list[str], list[tuple[str, str]]]:
            return (
                services.applications.departments(actor),
                services.applications.assignable_officers(actor),
            )

        self._runner.run(
            work,
            on_done=self._show_choices,
            on_failed=self._show_load_failure,
            owner=self,
            name="applications.choices",
        )

    def _show_choices(self, loaded: tuple[list[str], list[tuple[str, str]]]) -> None:
        departments, officers = loaded
        self._fill(self.department_combo, [(d, d) for d in departments], keep=1)
        choices = [
            (f"{display} ({name})" if display and display != name else name, name)
            for name, display in officers
        ]
        self._fill(self.assigned_combo, choices, keep=2)

    @staticmethod
    def _fill(combo: QComboBox, choices: list[tuple[str, str]], keep: int) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > keep:
            combo.removeItem(keep)
        for label, value in choices:
            combo.addItem(label, value)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def current_filter(self) -> QueueFilter:
        base = self.model.queue_filter
        assigned = self.assigned_combo.currentData()
        if self.my_work:
            assigned = self._actor.username
        # A combo box gives its data back as a plain str; the service compares RiskFilter members.
        risk = self.risk_combo.currentData()
        return QueueFilter(
            status=self.status_combo.currentData(),
            outcome=self.outcome_combo.currentData(),
            undecided_only=self.undecided_check.isChecked(),
            department=self.department_combo.currentData(),
            channel=self.channel_combo.currentData(),
            risk=RiskFilter(risk) if risk else None,
            assigned_to=assigned,
            text=self.search_edit.text().strip(),
            sort=base.sort,
            descending=base.descending,
        )

    def set_filter(self, **values: object) -> None:
        """Set filter boxes by name (status, outcome, department, channel, risk, assigned_to,
        undecided_only, text) and apply once (for tests and other pages)."""
        combos = {
            "status": self.status_combo,
            "outcome": self.outcome_combo,
            "department": self.department_combo,
            "channel": self.channel_combo,
            "risk": self.risk_combo,
            "assigned_to": self.assigned_combo,
        }
        widgets: list[QWidget] = [*combos.values(), self.undecided_check, self.search_edit]
        for widget in widgets:
            widget.blockSignals(True)
        for name, value in values.items():
            if name in combos:
                combo = combos[name]
                index = combo.findData(value)
                if index < 0 and isinstance(value, str):
                    combo.addItem(value, value)
                    index = combo.count() - 1
                combo.setCurrentIndex(max(index, 0))
            elif name == "undecided_only":
                self.undecided_check.setChecked(bool(value))
            elif name == "text":
                self.search_edit.setText(str(value))
            else:
                raise TypeError(f"unknown filter {name}")
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_filter()

    def clear_filters(self) -> None:
        self.set_filter(
            status="OPEN",
            outcome=None,
            department=None,
            channel=None,
            risk=None,
            assigned_to=None,
            undecided_only=False,
            text="",
        )

    def _search_text_changed(self, text: str) -> None:
        if not text:  # the clear button: show everything again at once
            self.apply_filter()

    def apply_filter(self) -> None:
        selected = self.detail.form_id
        self.status_label.setVisible(False)
        flt = self.current_filter()
        if flt.text and is_valid_hkid(flt.text) and not self._actor.may(Permission.SEARCH_HKID):
            self._show_load_failure(
                QCoreApplication.translate(
                    "ApplicationsPage",
                    "You may search by form ID or name; searching by HKID is for verifiers.",
                )
            )
            flt = replace(flt, text="")
        services, actor = self._services, self._actor
        self.model.set_query(
            lambda f, offset, limit: services.applications.page(actor, f, offset, limit), flt
        )
        self._reselect(selected)
        if not self._columns_fitted and self.model.rowCount() > 0:
            fit_columns(self.view)  # once, to the first rows there are
            self._columns_fitted = True
        self._count()

    def refresh(self) -> None:
        """Show what changed elsewhere (new imports, other officers' work)."""
        self._load_choices()
        self.apply_filter()

    def _reselect(self, form_id: str | None) -> None:
        row = self.model.find_row(form_id) if form_id is not None else -1
        if row >= 0:
            self.select_row(row)
        elif self.model.rowCount() > 0:
            self.select_row(0)
        else:
            self.detail.show_form(None)

    def _queue_reset(self) -> None:
        self.match_count = None

    def _show_sort(self, column: int, order: Qt.SortOrder) -> None:
        # An unsortable header was clicked: put the indicator back where the order really is.
        header = self.view.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)

    # -- counts (task runner: they scan the whole table) ---------------------------------------
    def _count(self) -> None:
        self._count_generation += 1
        generation = self._count_generation
        flt = self.model.queue_filter
        services, actor, my_work = self._services, self._actor, self.my_work
        self.match_label.setText(QCoreApplication.translate("ApplicationsPage", "Counting…"))

        def work(_control: object) -> tuple[QueueCounts | None, int]:
            counts = None if my_work else services.applications.counts(actor)
            return counts, services.applications.count(actor, flt)

        def show(result: tuple[QueueCounts | None, int]) -> None:
            if generation != self._count_generation:
                return  # an answer to an older filter
            counts, matching = result
            self.match_count = matching
            self.match_label.setText(
                QCoreApplication.translate("ApplicationsPage", "Matching forms: {n}").format(
                    n=f"{matching:,}"
                )
            )
            if counts is not None:
                self.counts = counts
                self._show_counts(counts)

        self._runner.run(
            work,
            on_done=show,
            on_failed=self._show_load_failure,
            owner=self,
            name="applications.count",
        )

    def _show_counts(self, counts: QueueCounts) -> None:
        parts = [
            QCoreApplication.translate("ApplicationsPage", "Open: {n}").format(
                n=f"{counts.by_status.get('OPEN', 0):,}"
            ),
            QCoreApplication.translate("ApplicationsPage", "Done: {n}").format(
                n=f"{counts.by_status.get('DONE', 0):,}"
            ),
            '<span style="background:#ffe0a3; color:#6d4c00;">&nbsp;'
            + QCoreApplication.translate("ApplicationsPage", "At risk: {n}").format(
                n=f"{counts.at_risk:,}"
            )
            + "&nbsp;</span>",
            '<span style="background:#ffcdd2; color:#8e0000;">&nbsp;'
            + QCoreApplication.translate("ApplicationsPage", "Overdue: {n}").format(
                n=f"{counts.overdue:,}"
            )
            + "&nbsp;</span>",
        ]
        self.counts_label.setText(" &nbsp; ".join(parts))

    def _show_load_failure(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setVisible(True)
        self.match_label.clear()

    # -- selection -----------------------------------------------------------------------------
    def selected_form_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [self.model.row_at(row).form_id for row in rows]

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def select_form(self, form_id: str) -> bool:
        row = self.model.find_row(form_id)
        while row < 0 and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
            row = self.model.find_row(form_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            row = self.model.row_at(current.row())
            if row.form_id != self.detail.form_id:
                self.detail.show_form(row.form_id)
        self._update_buttons()

    def next_form(self) -> None:
        current = self.view.currentIndex()
        row = current.row() + 1 if current.isValid() else 0
        if row >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if row < self.model.rowCount():
            self.select_row(row)
            self.view.setFocus()

    def _update_buttons(self) -> None:
        selected = bool(self.view.selectionModel().selectedRows())
        self.assign_button.setEnabled(selected)
        self.approve_selected_action.setEnabled(selected)

    # -- a form changed in the detail pane -----------------------------------------------------
    def form_changed(self, form_id: str) -> None:
        """Show the form's new state in its row, without re-reading the whole queue."""
        try:
            rows = self._services.applications.page(self._actor, QueueFilter(text=form_id), 0, 20)
        except (ServiceError, DatabaseError) as exc:
            self._show_load_failure(messages.error_text(exc))
            return
        for row in rows:
            if row.form_id == form_id:
                self.model.update_row(row)
        self._count()

    # -- supervisor: assign, approve all eligible -------------------------------------------------
    def assign_selected(self) -> None:
        form_ids = self.selected_form_ids()
        if not form_ids:
            return
        try:
            officers = self._services.applications.assignable_officers(self._actor)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(
                self,
                QCoreApplication.translate("ApplicationsPage", "Assign"),
                messages.error_text(exc),
            )
            return
        chosen, officer = decision_dialogs.ask_officer(self, officers, len(form_ids))
        if not chosen:
            return
        try:
            self._services.applications.assign(self._actor, form_ids, officer)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(
                self,
                QCoreApplication.translate("ApplicationsPage", "Assign"),
                messages.error_text(exc),
            )
            return
        self.refresh_rows(form_ids)
        self.detail.reload()

    def refresh_rows(self, form_ids: list[str]) -> None:
        for form_id in form_ids:
            self.form_changed(form_id)

    def approve_eligible(self, every_form: bool) -> None:
        """R3.4 in bulk: the members the automatic check found ELIGIBLE, still undecided."""
        form_ids = [] if every_form else self.selected_form_ids()
        if not every_form and not form_ids:
            return
        if form_ids:
            question = QCoreApplication.translate(
                "ApplicationsPage",
                "Approve every undecided Eligible member of the selected forms ({n})?",
            ).format(n=len(form_ids))
        else:
            question = QCoreApplication.translate(
                "ApplicationsPage",
                "Approve every undecided Eligible member of every form in the database?",
            )
        if not messages.confirm(
            self, QCoreApplication.translate("ApplicationsPage", "Approve all Eligible"), question
        ):
            return
        services, actor = self._services, self._actor
        chosen = form_ids or None
        self.approve_eligible_button.setEnabled(False)

        def done(count: int) -> None:
            self.approve_eligible_button.setEnabled(True)
            messages.show_info(
                self,
                QCoreApplication.translate("ApplicationsPage", "Approve all Eligible"),
                QCoreApplication.translate("ApplicationsPage", "Members approved: {n}.").format(
                    n=f"{count:,}"
                ),
            )
            self.apply_filter()

        def failed(message: str) -> None:
            self.approve_eligible_button.setEnabled(True)
            messages.show_error(
                self,
                QCoreApplication.translate("ApplicationsPage", "Approve all Eligible"),
                message,
            )

        self._runner.run(
            lambda _control: services.decisions.approve_eligible(actor, chosen),
            on_done=done,
            on_failed=failed,
            on_cancelled=lambda: self.approve_eligible_button.setEnabled(True),
            owner=self,
            progress_title=QCoreApplication.translate(
                "ApplicationsPage", "Approving Eligible members…"
            ),
            cancellable=False,
            name="decisions.approve_eligible",
        )

    def verify_now(self) -> None:
        services, actor = self._services, self._actor
        self.verify_button.setEnabled(False)

        def done(results: list[VerificationResult]) -> None:
            self.verify_button.setEnabled(True)
            messages.show_info(
                self,
                QCoreApplication.translate("ApplicationsPage", "Verify now"),
                QCoreApplication.translate(
                    "ApplicationsPage", "Members verified against the current rosters: {n}."
                ).format(n=f"{len(results):,}"),
            )
            self.apply_filter()
            self.detail.reload()

        def failed(message: str) -> None:
            self.verify_button.setEnabled(True)
            messages.show_error(
                self, QCoreApplication.translate("ApplicationsPage", "Verify now"), message
            )

        self._runner.run(
            lambda control: services.verification.verify(actor, control=control),
            on_done=done,
            on_failed=failed,
            on_cancelled=lambda: self.verify_button.setEnabled(True),
            owner=self,
            progress_title=QCoreApplication.translate(
                "ApplicationsPage", "Verifying members against the rosters…"
            ),
            name="verification.verify",
        )
