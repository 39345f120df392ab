"""One application form: header, members, the selected member against the roster, decisions,
remarks and history (R3.2, R3.4, R4).

The pane reads a form with ``ApplicationService.detail`` (one small query) and a member's
side-by-side view with ``VerificationService.member_comparison``; decisions go through
``DecisionService.decide`` with the member's version, so that a decision on a member somebody
else changed meanwhile is refused (Conflict: the message is shown and the form reloaded).

Keyboard: A approve, R reject, Q query, N or Ctrl+Down next member (then the next form).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.deadlines import DeadlineState
from fc_admin.domain.roles import Permission
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.applications import ApplicationDetail, MemberRow
from fc_admin.services.decisions import REJECT_REASONS
from fc_admin.services.errors import Conflict, ServiceError
from fc_admin.views import decision_dialogs, messages
from fc_admin.views.applications_model import (
    HistoryTableModel,
    MembersTableModel,
    channel_label,
    days_left_text,
    decision_name,
    outcome_name,
    reject_reason_name,
    shown_hkid,
    status_name,
)
from fc_admin.views.formatting import format_date, format_moment
from fc_admin.views.member_comparison import (
    MemberComparisonWidget,
    content_from_comparison,
    content_from_member,
)
from fc_admin.views.widgets import fit_columns, table_view


def member_label(member: MemberRow) -> str:
    """``#2 YIP, Wing Sze`` — never the HKID (dialogs can be photographed, R9.3)."""
    return f"#{member.position} {member.name_en}"


class ApplicationDetailPane(QWidget):
    changed = Signal(str)  # a form changed here (decision, remark): the queue shows it anew
    next_form_requested = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.full_hkid = actor.may(Permission.SEE_FULL_HKID)
        self.detail: ApplicationDetail | None = None

        # -- header --------------------------------------------------------------------------
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadline_label = QLabel()
        self.channel_label = QLabel()
        self.received_label = QLabel()
        self.assigned_label = QLabel()
        self.applicant_label = QLabel()
        self.applicant_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.applicant_label.setWordWrap(True)
        header = QFormLayout()
        header.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        header.addRow(
            QCoreApplication.translate("ApplicationDetail", "Channel:"), self.channel_label
        )
        header.addRow(
            QCoreApplication.translate("ApplicationDetail", "Received:"), self.received_label
        )
        header.addRow(
            QCoreApplication.translate("ApplicationDetail", "Deadline:"), self.deadline_label
        )
        header.addRow(
            QCoreApplication.translate("ApplicationDetail", "Assigned to:"), self.assigned_label
        )
        header.addRow(
            QCoreApplication.translate("ApplicationDetail", "Applicant:"), self.applicant_label
        )

        # -- members -------------------------------------------------------------------------
        self.members_model = MembersTableModel(self.full_hkid, self)
        self.members_view = table_view(self.members_model, self)
        self.members_view.setMinimumHeight(90)
        self.members_view.selectionModel().selectionChanged.connect(self._member_selected)

        # -- the selected member -------------------------------------------------------------
        self.comparison = MemberComparisonWidget()
        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        self.decision_label.setTextFormat(Qt.TextFormat.PlainText)
        self.approve_action = self._action(
            QCoreApplication.translate("ApplicationDetail", "&Approve"), "A", self.approve
        )
        self.reject_action = self._action(
            QCoreApplication.translate("ApplicationDetail", "&Reject…"), "R", self.reject_member
        )
        self.query_action = self._action(
            QCoreApplication.translate("ApplicationDetail", "&Query department…"),
            "Q",
            self.query_member,
        )
        self.next_action = self._action(
            QCoreApplication.translate("ApplicationDetail", "&Next"), "N", self.next_member
        )
        self.next_action.setShortcuts([QKeySequence("N"), QKeySequence("Ctrl+Down")])
        self.approve_button = self._button(self.approve_action, "A")
        self.reject_button = self._button(self.reject_action, "R")
        self.query_button = self._button(self.query_action, "Q")
        self.next_button = self._button(self.next_action, "N")
        buttons = QHBoxLayout()
        for button in (self.approve_button, self.reject_button, self.query_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        member_box = QWidget()
        member_layout = QVBoxLayout(member_box)
        member_layout.addWidget(self.comparison)
        member_layout.addWidget(self.decision_label)
        member_layout.addLayout(buttons)
        member_scroll = QScrollArea()
        member_scroll.setWidgetResizable(True)
        member_scroll.setWidget(member_box)

        # -- remarks and history -------------------------------------------------------------
        self.remarks_list = QListWidget()
        self.remarks_list.setWordWrap(True)
        self.remarks_list.setAlternatingRowColors(True)
        self.remarks_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.remark_edit = QPlainTextEdit()
        self.remark_edit.setPlaceholderText(
            QCoreApplication.translate(
                "ApplicationDetail", "Write a remark for the other officers…"
            )
        )
        self.remark_edit.setTabChangesFocus(True)
        self.remark_edit.setMaximumHeight(70)
        self.add_remark_button = QPushButton(
            QCoreApplication.translate("ApplicationDetail", "Add remark")
        )
        self.add_remark_button.setToolTip(
            QCoreApplication.translate("ApplicationDetail", "Ctrl+Enter")
        )
        self.add_remark_button.clicked.connect(self.add_remark)
        add_remark_action = QAction(self)
        add_remark_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        add_remark_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        add_remark_action.triggered.connect(self.add_remark)
        self.remark_edit.addAction(add_remark_action)
        remarks = QWidget()
        remarks_layout = QVBoxLayout(remarks)
        remarks_layout.addWidget(self.remarks_list, 1)
        remark_row = QHBoxLayout()
        remark_row.addWidget(self.remark_edit, 1)
        remark_row.addWidget(self.add_remark_button, 0, Qt.AlignmentFlag.AlignTop)
        remarks_layout.addLayout(remark_row)

        self.history_model = HistoryTableModel(self.full_hkid, self)
        self.history_view = table_view(self.history_model, self)

        self.tabs = QTabWidget()
        self.tabs.addTab(
            member_scroll, QCoreApplication.translate("ApplicationDetail", "Member check")
        )
        self.tabs.addTab(remarks, QCoreApplication.translate("ApplicationDetail", "Remarks"))
        self.tabs.addTab(
            self.history_view, QCoreApplication.translate("ApplicationDetail", "History")
        )
        self.tabs.currentChanged.connect(self._tab_changed)

        self.placeholder = QLabel(
            QCoreApplication.translate("ApplicationDetail", "Select a form in the queue.")
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #777777;")

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.title_label)
        top_layout.addLayout(header)
        top_layout.addWidget(self.members_view, 1)
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.addWidget(top)
        self.body.addWidget(self.tabs)
        self.body.setStretchFactor(0, 2)
        self.body.setStretchFactor(1, 3)
        self.body.setSizes([300, 500])
        self.body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.body, 1)
        self.show_form(None)

    def _action(self, text: str, key: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        # Letters are shortcuts only while the focus is in the page that holds this pane (the
        # page adds these actions to itself too); typing in a text field never triggers them.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    @staticmethod
    def _button(action: QAction, key: str) -> QPushButton:
        button = QPushButton(action.text().replace("&", "") + f"  [{key}]")
        button.clicked.connect(action.trigger)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    @property
    def decision_actions(self) -> list[QAction]:
        return [self.approve_action, self.reject_action, self.query_action, self.next_action]

    # -- showing a form --------------------------------------------------------------------------
    @property
    def form_id(self) -> str | None:
        return self.detail.form_id if self.detail is not None else None

    def show_form(self, form_id: str | None, member_id: int | None = None) -> None:
        """Load and show ``form_id`` (None: nothing), keeping ``member_id`` selected if given."""
        detail: ApplicationDetail | None = None
        if form_id is not None:
            try:
                detail = self._services.applications.detail(self._actor, form_id)
            except (ServiceError, DatabaseError) as exc:
                messages.show_error(
                    self,
                    QCoreApplication.translate("ApplicationDetail", "Application"),
                    messages.error_text(exc),
                )
        self.detail = detail
        self.placeholder.setVisible(detail is None)
        self.body.setVisible(detail is not None)
        if detail is None:
            self.members_model.set_rows([])
            self.history_model.set_rows([])
            self.remarks_list.clear()
            self.comparison.clear()
            self._update_actions()
            return
        self._show_header(detail)
        self.members_model.set_rows(detail.members)
        fit_columns(self.members_view)
        self._show_remarks(detail)
        if self.tabs.currentIndex() == 2:
            self.load_history()
        else:
            self.history_model.set_rows([])
        row = 0
        if member_id is not None:
            row = max(self.members_model.find_row(member_id), 0)
        self.select_member(row)

    def reload(self) -> None:
        member = self.current_member()
        self.show_form(self.form_id, member.member_id if member is not None else None)

    def _show_header(self, detail: ApplicationDetail) -> None:
        self.title_label.setText(
            QCoreApplication.translate("ApplicationDetail", "Form {form_id} — {status}").format(
                form_id=detail.form_id, status=status_name(detail.status)
            )
        )
        channel = channel_label(detail.channel)
        if detail.clinic_code:
            channel += " — " + QCoreApplication.translate(
                "ApplicationDetail", "keyed in at {clinic} by {user}"
            ).format(clinic=detail.clinic_code, user=detail.keyed_by or "?")
        elif detail.signature_key_id:
            channel += " — " + QCoreApplication.translate(
                "ApplicationDetail", "signed with key {key}"
            ).format(key=detail.signature_key_id)
        self.channel_label.setText(channel)
        self.received_label.setText(
            QCoreApplication.translate("ApplicationDetail", "{date} (submitted {moment})").format(
                date=format_date(detail.received_date),
                moment=format_moment(detail.submitted_at, seconds=False),
            )
        )
        left = days_left_text(detail.deadline_state, detail.working_days_left, detail.status)
        self.deadline_label.setText(
            QCoreApplication.translate("ApplicationDetail", "{date} — working days: {left}").format(
                date=format_date(detail.deadline), left=left
            )
        )
        style = ""
        if detail.status == "OPEN" and detail.deadline_state is DeadlineState.OVERDUE:
            style = "color: #8e0000; background: #ffcdd2; font-weight: bold; padding: 1px 4px;"
        elif detail.status == "OPEN" and detail.deadline_state is DeadlineState.AT_RISK:
            style = "color: #6d4c00; background: #ffe0a3; font-weight: bold; padding: 1px 4px;"
        self.deadline_label.setStyleSheet(style)
        self.assigned_label.setText(
            detail.assigned_to or QCoreApplication.translate("ApplicationDetail", "Unassigned")
        )
        contact = [shown_hkid(detail.applicant_hkid, self.full_hkid)]
        if detail.applicant_email:
            contact.append(detail.applicant_email)
        if detail.applicant_mobile:
            contact.append(detail.applicant_mobile)
        if not detail.applicant_email and not detail.applicant_mobile:
            contact.append(
                QCoreApplication.translate("ApplicationDetail", "no email or mobile given")
            )
        self.applicant_label.setText(" · ".join(contact))

    def _show_remarks(self, detail: ApplicationDetail) -> None:
        self.remarks_list.clear()
        for remark in detail.remarks:
            item = QListWidgetItem(
                f"{remark.author} — {format_moment(remark.at, seconds=False)}\n{remark.text}"
            )
            self.remarks_list.addItem(item)
        if not detail.remarks:
            item = QListWidgetItem(
                QCoreApplication.translate("ApplicationDetail", "No remarks yet.")
            )
            item.setForeground(QBrush(QColor("#777777")))
            self.remarks_list.addItem(item)
        self.tabs.setTabText(
            1,
            QCoreApplication.translate("ApplicationDetail", "Remarks ({n})").format(
                n=len(detail.remarks)
            ),
        )

    def remark_texts(self) -> list[str]:
        return [] if self.detail is None else [r.text for r in self.detail.remarks]

    def _tab_changed(self, index: int) -> None:
        if index == 2 and self.detail is not None:
            self.load_history()

    def load_history(self) -> None:
        if self.detail is None:
            return
        try:
            rows = self._services.applications.history(self._actor, self.detail.form_id)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(
                self,
                QCoreApplication.translate("ApplicationDetail", "History"),
                messages.error_text(exc),
            )
            return
        self.history_model.set_rows(rows)
        fit_columns(self.history_view)

    # -- members ---------------------------------------------------------------------------------
    def current_member(self) -> MemberRow | None:
        rows = self.members_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.members_model.row_at(rows[0].row())

    def select_member(self, row: int) -> None:
        if 0 <= row < self.members_model.rowCount():
            selected = self.members_view.selectionModel().selectedRows()
            if selected and selected[0].row() == row:
                # The same member, perhaps changed: no selection signal, so show it anew here.
                self._show_member(self.members_model.row_at(row))
                self._update_actions()
            else:
                self.members_view.selectRow(row)
        else:
            self.comparison.clear()
            self._update_actions()

    def _member_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        member = self.current_member()
        if member is None:
            self.comparison.clear()
            self.decision_label.clear()
        else:
            self._show_member(member)
        self._update_actions()

    def _show_member(self, member: MemberRow) -> None:
        content = content_from_member(member, self.full_hkid)
        if self._actor.may(Permission.DECIDE_MEMBERS):
            try:
                comparison = self._services.verification.member_comparison(
                    self._actor, member.member_id
                )
            except (ServiceError, DatabaseError) as exc:
                messages.show_error(
                    self,
                    QCoreApplication.translate("ApplicationDetail", "Member"),
                    messages.error_text(exc),
                )
            else:
                content = content_from_comparison(comparison, self.full_hkid)
        self.comparison.show_content(content)
        self.decision_label.setText(self._decision_text(member))

    @staticmethod
    def _decision_text(member: MemberRow) -> str:
        if member.decision is None:
            return QCoreApplication.translate("ApplicationDetail", "No decision yet.")
        text = QCoreApplication.translate(
            "ApplicationDetail", "Decision: {decision} by {user} at {time}"
        ).format(
            decision=decision_name(member.decision),
            user=member.decided_by or "?",
            time=format_moment(member.decided_at, seconds=False),
        )
        if member.decision_reason:
            text += "\n" + QCoreApplication.translate(
                "ApplicationDetail", "Reason: {reason}"
            ).format(reason=reject_reason_name(member.decision_reason))
        if member.decision_note:
            text += "\n" + QCoreApplication.translate("ApplicationDetail", "Note: {note}").format(
                note=member.decision_note
            )
        return text

    def _update_actions(self) -> None:
        member = self.current_member()
        may_decide = self._actor.may(Permission.DECIDE_MEMBERS) and member is not None
        for action in (self.approve_action, self.reject_action, self.query_action):
            action.setEnabled(may_decide)
        for button in (self.approve_button, self.reject_button, self.query_button):
            button.setVisible(self._actor.may(Permission.DECIDE_MEMBERS))
            button.setEnabled(may_decide)
        self.next_action.setEnabled(self.detail is not None)
        self.next_button.setEnabled(self.detail is not None)

    def next_member(self) -> None:
        """The next member of this form; after the last one, the next form of the queue."""
        if self.detail is None:
            self.next_form_requested.emit()
            return
        rows = self.members_view.selectionModel().selectedRows()
        current = rows[0].row() if rows else -1
        if current + 1 < self.members_model.rowCount():
            self.select_member(current + 1)
        else:
            self.next_form_requested.emit()

    # -- decisions (R3.4) ------------------------------------------------------------------------
    def approve(self) -> None:
        member = self.current_member()
        if member is None or self.detail is None:
            return
        note: str | None = None
        if member.outcome != "ELIGIBLE":
            if not self._actor.may(Permission.OVERRIDE_DECISIONS):
                messages.show_error(
                    self,
                    QCoreApplication.translate("ApplicationDetail", "Approve"),
                    QCoreApplication.translate(
                        "ApplicationDetail",
                        "{member} is {outcome}, not Eligible: approving needs a supervisor. "
                        "Reject the member, query the department, or ask a supervisor.",
                    ).format(member=member_label(member), outcome=outcome_name(member.outcome)),
                )
                return
            note = decision_dialogs.ask_justification(self, member_label(member), member.outcome)
            if note is None:
                return
        self._decide(member, "approve", note=note)

    def reject_member(self) -> None:
        member = self.current_member()
        if member is None or self.detail is None:
            return
        answer = decision_dialogs.ask_reject(self, member_label(member), list(REJECT_REASONS))
        if answer is None:
            return
        reason, note = answer
        self._decide(member, "reject", reason=reason, note=note or None)

    def query_member(self) -> None:
        member = self.current_member()
        if member is None or self.detail is None:
            return
        note = decision_dialogs.ask_query(self, member_label(member), member.department)
        if note is None:
            return
        self._decide(member, "query", note=note)

    def _decide(
        self,
        member: MemberRow,
        decision: str,
        reason: str | None = None,
        note: str | None = None,
    ) -> None:
        assert self.detail is not None
        form_id = self.detail.form_id
        try:
            self._services.decisions.decide(
                self._actor,
                form_id,
                member.hkid,
                decision,
                reason=reason,
                note=note,
                expected_version=member.version,
            )
        except Conflict as exc:
            # Somebody else changed the member: say who and when, then show the new state.
            messages.show_error(
                self,
                QCoreApplication.translate("ApplicationDetail", "Changed meanwhile"),
                messages.error_text(exc),
            )
            self.show_form(form_id, member.member_id)
            self.changed.emit(form_id)
            return
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(
                self,
                QCoreApplication.translate("ApplicationDetail", "Decision not recorded"),
                messages.error_text(exc),
            )
            return
        position = self.members_model.find_row(member.member_id)
        self.show_form(form_id, member.member_id)
        self._advance_after(position)
        self.changed.emit(form_id)

    def _advance_after(self, position: int) -> None:
        """After a decision: the next member still waiting for one, if any (else stay)."""
        rows = self.members_model.rows
        for row in list(range(position + 1, len(rows))) + list(range(0, position)):
            if rows[row].decision is None:
                self.select_member(row)
                return

    # -- remarks ---------------------------------------------------------------------------------
    def add_remark(self) -> None:
        text = self.remark_edit.toPlainText().strip()
        if self.detail is None or not text:
            return
        form_id = self.detail.form_id
        try:
            self._services.applications.add_remark(self._actor, form_id, text)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(
                self,
                QCoreApplication.translate("ApplicationDetail", "Remark not added"),
                messages.error_text(exc),
            )
            return
        self.remark_edit.clear()
        self.reload()
        self.remarks_list.scrollToBottom()
        self.changed.emit(form_id)
