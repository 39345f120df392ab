"""Table models of the application queue (R3, R4) and the words they show.

``QueueTableModel`` pages through the queue like the audit model: one page at a time as the view
scrolls (``canFetchMore`` / ``fetchMore``), sorted and filtered in SQL. Clicking a sortable header
re-queries with the matching :class:`SortKey`; the other headers do nothing. The smaller models
(members, history) are :class:`RowTableModel` over the rows one form has.

The vocabulary of verification (outcomes, reason codes, statuses, categories…) is translated here
once, in the ``ApplicationTexts`` context, for every view of applications.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from fc_admin.domain.deadlines import DeadlineState
from fc_admin.domain.hkid import InvalidHkid, mask_hkid
from fc_admin.domain.privacy import mask_hkids_in_text
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services.applications import HistoryRow, MemberRow, QueueFilter, QueueRow, SortKey
from fc_admin.views.audit_model import action_description
from fc_admin.views.formatting import format_date, format_moment, localized_name
from fc_admin.views.paging_model import PAGE_SIZE, PagingTableModel
from fc_admin.views.table_model import ROW_ROLE, RowTableModel

Index = QModelIndex | QPersistentModelIndex
QueueFetcher = Callable[[QueueFilter, int, int], list[QueueRow]]

AT_RISK_BACKGROUND = QColor("#ffe0a3")  # amber (R4.3)
AT_RISK_FOREGROUND = QColor("#6d4c00")
OVERDUE_BACKGROUND = QColor("#ffcdd2")  # red (R4.3)
OVERDUE_FOREGROUND = QColor("#8e0000")

CONTEXT = "ApplicationTexts"

# -- vocabulary ----------------------------------------------------------------------------------
_OUTCOMES = {
    "ELIGIBLE": QT_TRANSLATE_NOOP("ApplicationTexts", "Eligible"),
    "REVIEW": QT_TRANSLATE_NOOP("ApplicationTexts", "Review"),
    "MISMATCH": QT_TRANSLATE_NOOP("ApplicationTexts", "Mismatch"),
    "NOT_FOUND": QT_TRANSLATE_NOOP("ApplicationTexts", "Not found"),
    "INELIGIBLE": QT_TRANSLATE_NOOP("ApplicationTexts", "Ineligible"),
    "DUPLICATE": QT_TRANSLATE_NOOP("ApplicationTexts", "Duplicate"),
    "UNVERIFIED": QT_TRANSLATE_NOOP("ApplicationTexts", "Not verified"),
}

OUTCOME_COLOURS = {
    "ELIGIBLE": "#1b5e20",
    "REVIEW": "#8a5a00",
    "MISMATCH": "#b71c1c",
    "NOT_FOUND": "#b71c1c",
    "INELIGIBLE": "#b71c1c",
    "DUPLICATE": "#6a1b9a",
    "UNVERIFIED": "#555555",
}

_REASONS = {
    "DOB_MISMATCH": QT_TRANSLATE_NOOP(
        "ApplicationTexts", "The date of birth differs from the roster"
    ),
    "NAME_MISMATCH": QT_TRANSLATE_NOOP("ApplicationTexts", "The name differs from the roster"),
    "RELATIONSHIP_MISMATCH": QT_TRANSLATE_NOOP(
        "ApplicationTexts", "The relationship differs from the roster"
    ),
    "PRINCIPAL_MISMATCH": QT_TRANSLATE_NOOP(
        "ApplicationTexts", "The principal differs from the roster"
    ),
    "CATEGORY_MISMATCH": QT_TRANSLATE_NOOP(
        "ApplicationTexts", "The category differs from the roster"
    ),
    "INACTIVE": QT_TRANSLATE_NOOP("ApplicationTexts", "Inactive on the roster"),
    "PRINCIPAL_INACTIVE": QT_TRANSLATE_NOOP(
        "ApplicationTexts", "The principal is inactive on the roster"
    ),
    "PRINCIPAL_NOT_ON_ROSTER": QT_TRANSLATE_NOOP(
        "ApplicationTexts", "The principal is not on the roster"
    ),
    "CHILD_OVER_21": QT_TRANSLATE_NOOP("ApplicationTexts", "The child is 21 or older"),
    "CHILD_STATUS_MISSING": QT_TRANSLATE_NOOP(
        "ApplicationTexts",
        "The child is 19 or 20 and not in full-time education or dependent through infirmity",
    ),
    "NOT_FOUND": QT_TRANSLATE_NOOP("ApplicationTexts", "No roster row for this HKID"),
    "DUPLICATE_ACCOUNT": QT_TRANSLATE_NOOP("ApplicationTexts", "Already holds an account"),
    "DUPLICATE_APPLICATION": QT_TRANSLATE_NOOP(
        "ApplicationTexts", "Already on an earlier pending application"
    ),
    "QUERY": QT_TRANSLATE_NOOP("ApplicationTexts", "Queried with the department"),
}

_STATUSES = {
    "OPEN": QT_TRANSLATE_NOOP("ApplicationTexts", "Open"),
    "DONE": QT_TRANSLATE_NOOP("ApplicationTexts", "Done"),
}

_CHANNELS = {
    "iam_smart": QT_TRANSLATE_NOOP("ApplicationTexts", "iAM Smart e-form"),
    "in_person": QT_TRANSLATE_NOOP("ApplicationTexts", "In person (paper)"),
}

_DECISIONS = {
    "approve": QT_TRANSLATE_NOOP("ApplicationTexts", "Approved"),
    "reject": QT_TRANSLATE_NOOP("ApplicationTexts", "Rejected"),
    "query": QT_TRANSLATE_NOOP("ApplicationTexts", "Queried"),
}

_CATEGORIES = {
    "officer": QT_TRANSLATE_NOOP("ApplicationTexts", "Serving officer"),
    "pensioner": QT_TRANSLATE_NOOP("ApplicationTexts", "Pensioner"),
    "survivor": QT_TRANSLATE_NOOP("ApplicationTexts", "Survivor"),
    "dependant": QT_TRANSLATE_NOOP("ApplicationTexts", "Dependant"),
}

_RELATIONSHIPS = {
    "self": QT_TRANSLATE_NOOP("ApplicationTexts", "Self"),
    "spouse": QT_TRANSLATE_NOOP("ApplicationTexts", "Spouse"),
    "child": QT_TRANSLATE_NOOP("ApplicationTexts", "Child"),
}

_CHILD_STATUSES = {
    "fte": QT_TRANSLATE_NOOP("ApplicationTexts", "Full-time education or training"),
    "infirm": QT_TRANSLATE_NOOP("ApplicationTexts", "Dependent through infirmity"),
}

# decisions.REJECT_REASONS (R3.4).
_REJECT_REASONS = {
    "NOT_ELIGIBLE": QT_TRANSLATE_NOOP("ApplicationTexts", "Not an eligible person"),
    "NOT_ON_ROSTER": QT_TRANSLATE_NOOP("ApplicationTexts", "Not on the roster"),
    "PARTICULARS_DIFFER": QT_TRANSLATE_NOOP(
        "ApplicationTexts", "Particulars differ from the roster"
    ),
    "DUPLICATE": QT_TRANSLATE_NOOP(
        "ApplicationTexts", "Duplicate: already holds an account or applied earlier"
    ),
    "WITHDRAWN": QT_TRANSLATE_NOOP("ApplicationTexts", "Withdrawn by the applicant"),
    "OTHER": QT_TRANSLATE_NOOP("ApplicationTexts", "Other (say why in the note)"),
}

_HISTORY_ACTIONS = {
    "application.assign": QT_TRANSLATE_NOOP("ApplicationTexts", "Assigned"),
    "application.remark": QT_TRANSLATE_NOOP("ApplicationTexts", "Remark added"),
    "application.import": QT_TRANSLATE_NOOP("ApplicationTexts", "Imported"),
    "application.key_in": QT_TRANSLATE_NOOP("ApplicationTexts", "Keyed in"),
    "member.decide": QT_TRANSLATE_NOOP("ApplicationTexts", "Decided"),
    "verification.run": QT_TRANSLATE_NOOP("ApplicationTexts", "Verified against the rosters"),
    "export.queries": QT_TRANSLATE_NOOP("ApplicationTexts", "Query list exported"),
}


def _lookup(table: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    source = table.get(code) or table.get(code.lower()) or table.get(code.upper())
    return QCoreApplication.translate(CONTEXT, source) if source else code


def outcome_name(outcome: str | None) -> str:
    return _lookup(_OUTCOMES, outcome or "UNVERIFIED")


def reason_text(code: str) -> str:
    """A verification reason code in words (the code itself when this version lacks it)."""
    return _lookup(_REASONS, code)


def status_name(status: str) -> str:
    return _lookup(_STATUSES, status)


def channel_label(channel: str) -> str:
    return _lookup(_CHANNELS, channel)


def decision_name(decision: str | None) -> str:
    return _lookup(_DECISIONS, decision)


def category_name(category: str | None) -> str:
    return _lookup(_CATEGORIES, category)


def relationship_name(relationship: str | None) -> str:
    return _lookup(_RELATIONSHIPS, relationship)


def child_status_name(child_status: str | None) -> str:
    return _lookup(_CHILD_STATUSES, child_status)


def reject_reason_name(code: str | None) -> str:
    return _lookup(_REJECT_REASONS, code)


def history_action_name(action: str) -> str:
    source = _HISTORY_ACTIONS.get(action)
    if source:
        return QCoreApplication.translate(CONTEXT, source)
    return action_description(action) or action


def shown_hkid(hkid: str | None, full: bool) -> str:
    """The HKID as this user may see it (R9.3): full for the roles that need it, else masked."""
    if not hkid:
        return ""
    if full:
        return hkid
    try:
        return mask_hkid(hkid)
    except InvalidHkid:
        return "XXXX"


def outcome_summary(outcomes: dict[str, int]) -> str:
    """``Review 1 · Eligible 2`` in the UI language, the outcomes that need a look first."""
    ordered = sorted(outcomes.items(), key=_summary_order)
    return " · ".join(f"{outcome_name(code)} {n}" for code, n in ordered)


def _summary_order(item: tuple[str, int]) -> tuple[int, str]:
    return (_URGENCY.get(item[0], 0), item[0])


# The outcomes an officer must look at come first in the summary.
_URGENCY = {"ELIGIBLE": 3, "UNVERIFIED": 2, "DUPLICATE": 1}


def days_left_text(state: DeadlineState, days: int, status: str) -> str:
    """``3 left`` / ``due today`` / ``overdue by 2`` working days (R4.3); ``—`` once done."""
    if status != "OPEN":
        return "—"
    if state is DeadlineState.OVERDUE:
        if days < 0:
            return QCoreApplication.translate("ApplicationTexts", "overdue by {n}").format(n=-days)
        return QCoreApplication.translate("ApplicationTexts", "overdue")
    if days == 0:
        return QCoreApplication.translate("ApplicationTexts", "due today")
    return QCoreApplication.translate("ApplicationTexts", "{n} left").format(n=days)


def deadline_brushes(state: DeadlineState, status: str) -> tuple[QBrush, QBrush] | None:
    """(background, foreground) of a deadline cell; None when on track or finished."""
    if status != "OPEN":
        return None
    if state is DeadlineState.OVERDUE:
        return QBrush(OVERDUE_BACKGROUND), QBrush(OVERDUE_FOREGROUND)
    if state is DeadlineState.AT_RISK:
        return QBrush(AT_RISK_BACKGROUND), QBrush(AT_RISK_FOREGROUND)
    return None


# -- the queue ---------------------------------------------------------------------------------
class QueueTableModel(PagingTableModel[QueueRow]):
    # What an officer scans for comes first: the splitter often hides the last columns.
    (
        FORM_ID,
        DEADLINE,
        DAYS_LEFT,
        PRINCIPAL,
        OUTCOME,
        TO_DECIDE,
        DEPARTMENT,
        ASSIGNED,
        STATUS,
        CHANNEL,
        RECEIVED,
        MEMBERS,
    ) = range(12)
    COLUMN_COUNT = 12
    SORT_KEYS: ClassVar[dict[int, SortKey]] = {
        FORM_ID: SortKey.FORM_ID,
        RECEIVED: SortKey.RECEIVED,
        DEADLINE: SortKey.DEADLINE,
        DAYS_LEFT: SortKey.DEADLINE,  # the same order as the deadline
        STATUS: SortKey.STATUS,
        CHANNEL: SortKey.CHANNEL,
        ASSIGNED: SortKey.ASSIGNED,
    }

    sort_changed = Signal(int, Qt.SortOrder)  # the column and order now in force

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent, page_size)
        self._fetch: QueueFetcher | None = None
        self._filter = QueueFilter()

    # -- query ---------------------------------------------------------------------------------
    @property
    def queue_filter(self) -> QueueFilter:
        return self._filter

    def set_query(self, fetch: QueueFetcher | None, flt: QueueFilter) -> None:
        """Start again from the first row with a new filter (and its sort order)."""
        self._fetch = fetch
        self._filter = flt
        self.restart(None if fetch is None else partial(fetch, flt))

    def reload(self) -> None:
        self.set_query(self._fetch, self._filter)

    def is_sortable(self, column: int) -> bool:
        return column in self.SORT_KEYS

    def sort_column(self) -> int:
        """The column whose header shows the order in force (the deadline for DAYS_LEFT)."""
        for column, key in self.SORT_KEYS.items():
            if key is self._filter.sort:
                return column
        return self.DEADLINE

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS.get(column)
        descending = order == Qt.SortOrder.DescendingOrder
        if key is not None and (key, descending) != (self._filter.sort, self._filter.descending):
            self.set_query(self._fetch, replace(self._filter, sort=key, descending=descending))
        current = (
            Qt.SortOrder.DescendingOrder if self._filter.descending else Qt.SortOrder.AscendingOrder
        )
        self.sort_changed.emit(column if key is not None else self.sort_column(), current)

    def row_key(self, row: QueueRow) -> str:
        return row.form_id

    # -- QAbstractTableModel -------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ROW_ROLE:
            return row
        if column in (self.DEADLINE, self.DAYS_LEFT) and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            brushes = deadline_brushes(row.deadline_state, row.status)
            if brushes is None:
                return None
            return brushes[0] if role == Qt.ItemDataRole.BackgroundRole else brushes[1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.DAYS_LEFT,
            self.MEMBERS,
            self.TO_DECIDE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PRINCIPAL:
            return f"{row.principal_name_en} {row.principal_name_zh}".strip()
        return None

    def _display(self, row: QueueRow, column: int) -> str:
        if column == self.FORM_ID:
            return row.form_id
        if column == self.RECEIVED:
            return format_date(row.received_date)
        if column == self.DEADLINE:
            return format_date(row.deadline)
        if column == self.DAYS_LEFT:
            return days_left_text(row.deadline_state, row.working_days_left, row.status)
        if column == self.STATUS:
            return status_name(row.status)
        if column == self.CHANNEL:
            return channel_label(row.channel)
        if column == self.PRINCIPAL:
            return localized_name(row.principal_name_en, row.principal_name_zh)
        if column == self.DEPARTMENT:
            return row.department
        if column == self.MEMBERS:
            return str(row.members)
        if column == self.TO_DECIDE:
            return str(row.undecided)
        if column == self.OUTCOME:
            return outcome_summary(row.outcomes)
        if column == self.ASSIGNED:
            return row.assigned_to or QCoreApplication.translate("ApplicationTexts", "Unassigned")
        return ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_titles()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.is_sortable(section):
                return QCoreApplication.translate(
                    "ApplicationTexts", "Click to sort by this column"
                )
            return QCoreApplication.translate("ApplicationTexts", "This column cannot be sorted")
        return None

    @staticmethod
    def column_titles() -> list[str]:
        return [
            QCoreApplication.translate("ApplicationTexts", "Form ID"),
            QCoreApplication.translate("ApplicationTexts", "Deadline"),
            QCoreApplication.translate("ApplicationTexts", "Working days"),
            QCoreApplication.translate("ApplicationTexts", "Principal"),
            QCoreApplication.translate("ApplicationTexts", "Outcome"),
            QCoreApplication.translate("ApplicationTexts", "To decide"),
            QCoreApplication.translate("ApplicationTexts", "Department"),
            QCoreApplication.translate("ApplicationTexts", "Assigned to"),
            QCoreApplication.translate("ApplicationTexts", "Status"),
            QCoreApplication.translate("ApplicationTexts", "Channel"),
            QCoreApplication.translate("ApplicationTexts", "Received"),
            QCoreApplication.translate("ApplicationTexts", "Members"),
        ]


# -- one form's members ----------------------------------------------------------------------
class MembersTableModel(RowTableModel[MemberRow]):
    # The outcome and decision come early: the pane is narrow and the comparison shows the rest.
    POSITION, NAME_EN, NAME_ZH, RELATIONSHIP, OUTCOME, DECISION, HKID, DATE_OF_BIRTH = range(8)

    def __init__(self, full_hkid: bool, parent: QObject | None = None) -> None:
        super().__init__(key=lambda row: row.member_id, parent=parent)
        self.full_hkid = full_hkid

    def column_titles(self) -> list[str]:
        return [
            "#",
            QCoreApplication.translate("ApplicationTexts", "English name"),
            QCoreApplication.translate("ApplicationTexts", "Chinese name"),
            QCoreApplication.translate("ApplicationTexts", "Relationship"),
            QCoreApplication.translate("ApplicationTexts", "Outcome"),
            QCoreApplication.translate("ApplicationTexts", "Decision"),
            QCoreApplication.translate("ApplicationTexts", "HKID"),
            QCoreApplication.translate("ApplicationTexts", "Date of birth"),
        ]

    def display(self, row: MemberRow, column: int) -> str:
        if column == self.POSITION:
            return str(row.position)
        if column == self.HKID:
            return shown_hkid(row.hkid, self.full_hkid)
        if column == self.NAME_EN:
            return row.name_en
        if column == self.NAME_ZH:
            return row.name_zh
        if column == self.RELATIONSHIP:
            return relationship_name(row.relationship)
        if column == self.DATE_OF_BIRTH:
            return format_date(row.date_of_birth)
        if column == self.OUTCOME:
            return outcome_name(row.outcome)
        if column == self.DECISION:
            return decision_name(row.decision) or QCoreApplication.translate(
                "ApplicationTexts", "To decide"
            )
        return ""

    def cell_data(self, row: MemberRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OUTCOME:
            return QBrush(QColor(OUTCOME_COLOURS.get(row.outcome or "UNVERIFIED", "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.OUTCOME and row.reasons:
            return "\n".join(reason_text(code) for code in row.reasons)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DECISION and row.decided_by:
            return QCoreApplication.translate(
                "ApplicationTexts", "Decided by {user} at {time}"
            ).format(user=row.decided_by, time=format_moment(row.decided_at, seconds=False))
        return None


# -- one form's history ------------------------------------------------------------------------
def history_detail(row: HistoryRow) -> str:
    """The change in one line: ``assigned_to: — → verifier.a``."""
    try:
        before = json.loads(row.before) if row.before else {}
        after = json.loads(row.after) if row.after else {}
    except ValueError:
        return row.after or ""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return row.after or ""
    parts = []
    for key in list(dict.fromkeys([*before, *after])):
        old, new = before.get(key), after.get(key)
        if key in before and old != new:
            parts.append(f"{key}: {_short(old)} → {_short(new)}")
        elif key not in before:
            parts.append(f"{key}: {_short(new)}")
    return "; ".join(parts)


def _short(value: object) -> str:
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:80] + "…"


class HistoryTableModel(RowTableModel[HistoryRow]):
    TIME, USER, ACTION, RECORD, DETAIL = range(5)

    def __init__(self, full_hkid: bool, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.full_hkid = full_hkid

    def _safe(self, text: str) -> str:
        return text if self.full_hkid else mask_hkids_in_text(text)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("ApplicationTexts", "Time (HKT)"),
            QCoreApplication.translate("ApplicationTexts", "User"),
            QCoreApplication.translate("ApplicationTexts", "What"),
            QCoreApplication.translate("ApplicationTexts", "Record"),
            QCoreApplication.translate("ApplicationTexts", "Details"),
        ]

    def display(self, row: HistoryRow, column: int) -> str:
        if column == self.TIME:
            return format_moment(row.at)
        if column == self.USER:
            return row.actor
        if column == self.ACTION:
            return history_action_name(row.action)
        if column == self.RECORD:
            return self._safe(row.entity_id)
        if column == self.DETAIL:
            return self._safe(history_detail(row))
        return ""

    def cell_data(self, row: HistoryRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.ACTION, self.DETAIL):
            return self._safe(f"{row.action}\n{history_detail(row)}")
        return None
