"""The audit log (R13.3): filter, page through, read one record, verify the hash chain."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QItemSelection, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fc_admin.domain.hktime import HONG_KONG
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.audit import AuditFilter, AuditRow, AuditVerification
from fc_admin.views.audit_model import AuditTableModel, action_description
from fc_admin.views.formatting import format_moment, from_qdate
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.widgets import date_edit, fit_columns, table_view

ANY_DATE = QDate(2000, 1, 1)  # the date fields' minimum, shown as "Any"

# AuditService.verify() explains a broken chain in English; these are its sentences.
_VERIFY_REASONS = (
    QT_TRANSLATE_NOOP(
        "AuditPage",
        "its link to the previous record is broken "
        "(a record before it was changed, removed or inserted)",
    ),
    QT_TRANSLATE_NOOP("AuditPage", "its content does not match its hash"),
)


def _pretty_json(text: str | None) -> str:
    if text is None:
        return "—"
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False, sort_keys=True)
    except ValueError:
        return text


def _hk_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), HONG_KONG)


class AuditPage(QWidget):
    def __init__(
        self, services: Services, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._count_generation = 0
        self.record_count: int | None = None
        self.verification: AuditVerification | None = None

        self.user_combo = QComboBox()
        self.action_combo = QComboBox()
        for combo in (self.user_combo, self.action_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(12)
        self._fill_choices([], [])
        self.from_edit = self._filter_date_edit()
        self.to_edit = self._filter_date_edit()
        clear_button = QPushButton(QCoreApplication.translate("AuditPage", "Clear filters"))
        clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel()

        filters = QHBoxLayout()
        filters.addWidget(QLabel(QCoreApplication.translate("AuditPage", "User:")))
        filters.addWidget(self.user_combo)
        filters.addWidget(QLabel(QCoreApplication.translate("AuditPage", "Action:")))
        filters.addWidget(self.action_combo)
        filters.addWidget(QLabel(QCoreApplication.translate("AuditPage", "From:")))
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel(QCoreApplication.translate("AuditPage", "To:")))
        filters.addWidget(self.to_edit)
        filters.addWidget(clear_button)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.model = AuditTableModel(self)
        self.model.load_failed.connect(self._show_load_failure)
        self.view = table_view(self.model, self)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.detail.setPlaceholderText(
            QCoreApplication.translate("AuditPage", "Select a record to see what it changed.")
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 300])

        self.verify_button = QPushButton(QCoreApplication.translate("AuditPage", "Verify chain"))
        self.verify_button.setToolTip(
            QCoreApplication.translate(
                "AuditPage",
                "Check that no audit record was changed, removed or inserted afterwards.",
            )
        )
        self.verify_button.clicked.connect(self.verify_chain)
        self.verify_label = QLabel()
        self.verify_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.verify_label, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        for combo in (self.user_combo, self.action_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        self.apply_filter()
        self._load_choices()
        fit_columns(self.view)  # to the first page only: cheap

    # -- filters -------------------------------------------------------------------------------
    def _filter_date_edit(self) -> QDateEdit:
        edit = date_edit()
        edit.setMinimumDate(ANY_DATE)
        edit.setSpecialValueText(QCoreApplication.translate("AuditPage", "Any"))
        edit.setDate(ANY_DATE)
        return edit

    def _fill_choices(self, users: list[str], actions: list[str]) -> None:
        chosen_user, chosen_action = self.user_combo.currentData(), self.action_combo.currentData()
        for combo in (self.user_combo, self.action_combo):
            combo.blockSignals(True)
            combo.clear()
        self.user_combo.addItem(QCoreApplication.translate("AuditPage", "All users"), None)
        for user in users:
            self.user_combo.addItem(user, user)
        self.action_combo.addItem(QCoreApplication.translate("AuditPage", "All actions"), None)
        for action in actions:
            description = action_description(action)
            label = f"{action} — {description}" if description else action
            self.action_combo.addItem(label, action)
        for combo, chosen in ((self.user_combo, chosen_user), (self.action_combo, chosen_action)):
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _load_choices(self) -> None:
        """The users and actions for the filter boxes come from the task runner (large logs)."""
        self._runner.run(
            lambda _control: self._services.audit.distinct_values(self._actor),
            on_done=lambda values: self._fill_choices(*values),
            on_failed=self._show_load_failure,
            owner=self,
            name="audit.distinct_values",
        )

    def current_filter(self) -> AuditFilter:
        since = until = None
        if self.from_edit.date() != ANY_DATE:
            since = _hk_midnight(from_qdate(self.from_edit.date()))
        if self.to_edit.date() != ANY_DATE:
            until = _hk_midnight(from_qdate(self.to_edit.date()) + timedelta(days=1))
        return AuditFilter(
            actor=self.user_combo.currentData(),
            action=self.action_combo.currentData(),
            since=since,
            until=until,
        )

    def set_filter(
        self,
        user: str | None = None,
        action: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> None:
        """Choose filters in the boxes (adding a user or action not loaded yet) and apply."""
        widgets = (self.user_combo, self.action_combo, self.from_edit, self.to_edit)
        for widget in widgets:
            widget.blockSignals(True)
        for combo, value in ((self.user_combo, user), (self.action_combo, action)):
            index = combo.findData(value) if value is not None else 0
            if index < 0 and value is not None:
                combo.addItem(value, value)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
        for edit, day in ((self.from_edit, since), (self.to_edit, until)):
            edit.setDate(ANY_DATE if day is None else QDate(day.year, day.month, day.day))
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_filter()

    def refresh(self) -> None:
        self.apply_filter()
        self._load_choices()

    def clear_filters(self) -> None:
        self.set_filter()

    def apply_filter(self) -> None:
        flt = self.current_filter()
        services, actor = self._services, self._actor
        self.detail.clear()
        self.model.set_source(lambda offset, limit: services.audit.page(actor, flt, offset, limit))
        self._count(flt)

    def _count(self, flt: AuditFilter) -> None:
        self._count_generation += 1
        generation = self._count_generation
        self.record_count = None
        self.count_label.setText(QCoreApplication.translate("AuditPage", "Counting…"))

        def show(count: int) -> None:
            if generation == self._count_generation:  # an answer to the newest filter only
                self.record_count = count
                self.count_label.setText(
                    QCoreApplication.translate("AuditPage", "{n} records").format(n=f"{count:,}")
                )

        self._runner.run(
            lambda _control: self._services.audit.count(self._actor, flt),
            on_done=show,
            on_failed=self._show_load_failure,
            owner=self,
            name="audit.count",
        )

    def _show_load_failure(self, message: str) -> None:
        self.count_label.setText(message)

    # -- detail --------------------------------------------------------------------------------
    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.show_detail(self.model.row_at(rows[0].row()))

    def show_detail(self, row: AuditRow) -> None:
        description = action_description(row.action)
        lines = [
            QCoreApplication.translate("AuditPage", "Record #{id} — {time} HKT").format(
                id=row.id, time=format_moment(row.at)
            ),
            QCoreApplication.translate("AuditPage", "User: {user}").format(user=row.actor),
            QCoreApplication.translate("AuditPage", "Action: {action}").format(
                action=f"{row.action} ({description})" if description else row.action
            ),
            QCoreApplication.translate("AuditPage", "Record: {type} {id}").format(
                type=row.entity_type, id=row.entity_id
            ),
            "",
            QCoreApplication.translate("AuditPage", "Before:"),
            _pretty_json(row.before),
            "",
            QCoreApplication.translate("AuditPage", "After:"),
            _pretty_json(row.after),
        ]
        self.detail.setPlainText("\n".join(lines))

    # -- verification --------------------------------------------------------------------------
    def verify_chain(self) -> None:
        self.verify_button.setEnabled(False)
        self.verification = None
        self.verify_label.setText(QCoreApplication.translate("AuditPage", "Verifying…"))
        self._runner.run(
            lambda _control: self._services.audit.verify(),
            on_done=self._show_verification,
            on_failed=self._verification_failed,
            on_cancelled=self._verification_cancelled,
            owner=self,
            progress_title=QCoreApplication.translate("AuditPage", "Verifying the audit log…"),
            name="audit.verify",
        )

    def _show_verification(self, result: AuditVerification) -> None:
        self.verify_button.setEnabled(True)
        self.verification = result
        if result.ok:
            text = QCoreApplication.translate(
                "AuditPage", "The audit log is intact: {n} records checked."
            ).format(n=f"{result.checked:,}")
            self.verify_label.setStyleSheet("color: #1b5e20; font-weight: bold;")
        else:
            reason = QCoreApplication.translate("AuditPage", result.reason or "")
            text = QCoreApplication.translate(
                "AuditPage",
                "The audit log has been tampered with: record #{id} fails ({reason}). "
                "{n} records before it are intact.",
            ).format(id=result.first_broken_id, reason=reason, n=f"{result.checked:,}")
            self.verify_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.verify_label.setText(text)

    def _verification_failed(self, message: str) -> None:
        self.verify_button.setEnabled(True)
        self.verify_label.setStyleSheet("color: #b71c1c;")
        self.verify_label.setText(message)

    def _verification_cancelled(self) -> None:
        self.verify_button.setEnabled(True)
        self.verify_label.setStyleSheet("")
        self.verify_label.setText(
            QCoreApplication.translate("AuditPage", "Verification cancelled.")
        )
