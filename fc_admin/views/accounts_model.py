"""Table models of activation details (R5, F6) and the words they show.

``PendingTableModel`` lists the approved members still without activation details (the service
returns them whole: it is the list a supervisor issues in one batch). ``AccountsTableModel``
pages through the accounts like the queue: one page at a time as the view scrolls, filtered in
SQL by an :class:`AccountView` and a search text. ``IssueResultsTableModel`` shows what a batch
did: sent, letter written, or not sent with the reason.

The vocabulary of accounts (states, views, delivery, email problems) is translated here once, in
the ``ActivationTexts`` context, for every view of activations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from fc_admin.domain.deadlines import DeadlineState
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services.activations import (
    AccountRow,
    AccountView,
    IssuedActivation,
    PendingActivation,
)
from fc_admin.views.applications_model import (
    AT_RISK_BACKGROUND,
    AT_RISK_FOREGROUND,
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    days_left_text,
    deadline_brushes,
    shown_hkid,
)
from fc_admin.views.formatting import format_date, format_moment, localized_name
from fc_admin.views.paging_model import PAGE_SIZE, PagingTableModel
from fc_admin.views.table_model import ROW_ROLE, RowTableModel

Index = QModelIndex | QPersistentModelIndex
AccountFetcher = Callable[[int, int], list[AccountRow]]
# An account still waiting for activation is "expiring soon" this close to its deadline (the
# dashboard's "accounts expiring in the next 30 days").
EXPIRING_DAYS = 30

PROBLEM_FOREGROUND = QColor("#b71c1c")
GOOD_FOREGROUND = QColor("#1b5e20")
MUTED_FOREGROUND = QColor("#555555")

CONTEXT = "ActivationTexts"

# -- vocabulary ----------------------------------------------------------------------------------
_STATUSES = {
    "ISSUED": QT_TRANSLATE_NOOP("ActivationTexts", "Waiting for activation"),
    "ACTIVE": QT_TRANSLATE_NOOP("ActivationTexts", "Active"),
    "EXPIRED": QT_TRANSLATE_NOOP("ActivationTexts", "Expired"),
    "SUSPENDED": QT_TRANSLATE_NOOP("ActivationTexts", "Suspended"),
}

STATUS_COLOURS = {
    "ISSUED": "#8a5a00",
    "ACTIVE": "#1b5e20",
    "EXPIRED": "#b71c1c",
    "SUSPENDED": "#6a1b9a",
}

_VIEWS = {
    AccountView.ALL: QT_TRANSLATE_NOOP("ActivationTexts", "All accounts"),
    AccountView.WAITING: QT_TRANSLATE_NOOP("ActivationTexts", "Waiting for activation"),
    AccountView.NOT_SENT: QT_TRANSLATE_NOOP("ActivationTexts", "Not sent"),
    AccountView.ACTIVE: QT_TRANSLATE_NOOP("ActivationTexts", "Active"),
    AccountView.EXPIRING: QT_TRANSLATE_NOOP("ActivationTexts", "Expiring soon"),
    AccountView.EXPIRED: QT_TRANSLATE_NOOP("ActivationTexts", "Expired"),
    AccountView.SUSPENDED: QT_TRANSLATE_NOOP("ActivationTexts", "Suspended"),
}

_DELIVERIES = {
    "email": QT_TRANSLATE_NOOP("ActivationTexts", "Email"),
    "letter": QT_TRANSLATE_NOOP("ActivationTexts", "Letter"),
}

# Why an address cannot be used (exchange.activation_email.address_problem) and why a send
# failed (services.mailer, services.activations): English sentences stored with the account, shown
# here in the UI language. A sentence this version does not know is shown as it is.
_SEND_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"no email address", QT_TRANSLATE_NOOP("ActivationTexts", "no email address")),
    (
        r"the email address is longer than 254 characters",
        QT_TRANSLATE_NOOP("ActivationTexts", "the email address is longer than 254 characters"),
    ),
    (
        r"the email address contains spaces or control characters",
        QT_TRANSLATE_NOOP(
            "ActivationTexts", "the email address contains spaces or control characters"
        ),
    ),
    (
        r"the email address must have exactly one @",
        QT_TRANSLATE_NOOP("ActivationTexts", "the email address must have exactly one @"),
    ),
    (
        r"the email address has nothing before the @",
        QT_TRANSLATE_NOOP("ActivationTexts", "the email address has nothing before the @"),
    ),
    (
        r"the email address has no domain after the @",
        QT_TRANSLATE_NOOP("ActivationTexts", "the email address has no domain after the @"),
    ),
    (
        r"the part before the @ is longer than 64 characters",
        QT_TRANSLATE_NOOP("ActivationTexts", "the part before the @ is longer than 64 characters"),
    ),
    (
        r"the part before the @ has characters an email address cannot have",
        QT_TRANSLATE_NOOP(
            "ActivationTexts", "the part before the @ has characters an email address cannot have"
        ),
    ),
    (
        r"the domain (?P<domain>.+) has no dot \(e\.g\. example\.org\)",
        QT_TRANSLATE_NOOP("ActivationTexts", "the domain {domain} has no dot (e.g. example.org)"),
    ),
    (
        r"the domain (?P<domain>.+) does not end in a valid top-level domain",
        QT_TRANSLATE_NOOP(
            "ActivationTexts", "the domain {domain} does not end in a valid top-level domain"
        ),
    ),
    (
        r"the domain (?P<domain>.+) is not valid",
        QT_TRANSLATE_NOOP("ActivationTexts", "the domain {domain} is not valid"),
    ),
    (r"no letter file chosen", QT_TRANSLATE_NOOP("ActivationTexts", "no letter file chosen")),
    (
        r"recipient refused: (?P<reply>.*)",
        QT_TRANSLATE_NOOP("ActivationTexts", "the mail server refused the recipient: {reply}"),
    ),
    (
        r"sender refused: (?P<reply>.*)",
        QT_TRANSLATE_NOOP("ActivationTexts", "the mail server refused the sender: {reply}"),
    ),
    (
        r"message refused: (?P<reply>.*)",
        QT_TRANSLATE_NOOP("ActivationTexts", "the mail server refused the message: {reply}"),
    ),
    (
        r"the connection to the mail server failed while sending \((?P<reason>.*)\); "
        r"the message may not have been delivered",
        QT_TRANSLATE_NOOP(
            "ActivationTexts",
            "the connection to the mail server failed while sending ({reason}); the message "
            "may not have been delivered",
        ),
    ),
    (
        r"the mail server (?P<server>\S+) cannot be used: (?P<reason>.*)",
        QT_TRANSLATE_NOOP("ActivationTexts", "the mail server {server} cannot be used: {reason}"),
    ),
    (
        r"the mail server (?P<server>\S+) stopped answering \((?P<reason>.*)\); "
        r"the rest was not sent",
        QT_TRANSLATE_NOOP(
            "ActivationTexts",
            "the mail server {server} stopped answering ({reason}); the rest was not sent",
        ),
    ),
    (
        r"the mail server (?P<server>\S+) refused the login of (?P<user>.*?): (?P<reason>.*)",
        QT_TRANSLATE_NOOP(
            "ActivationTexts", "the mail server {server} refused the login of {user}: {reason}"
        ),
    ),
    (
        r"cannot write (?P<file>.+?): (?P<reason>.*)",
        QT_TRANSLATE_NOOP("ActivationTexts", "cannot write {file}: {reason}"),
    ),
    (
        r"letters cannot be printed here: (?P<reason>.*)",
        QT_TRANSLATE_NOOP("ActivationTexts", "letters cannot be printed here: {reason}"),
    ),
)
_SEND_PATTERNS = [(re.compile(pattern, re.DOTALL), source) for pattern, source in _SEND_PROBLEMS]


def send_problem_text(problem: str | None) -> str:
    """Why an email cannot go (or did not go) out, in the UI language."""
    if not problem:
        return ""
    text = problem.strip()
    for pattern, source in _SEND_PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            translated = QCoreApplication.translate(CONTEXT, source)
            try:
                return translated.format(**match.groupdict())
            except (KeyError, IndexError, ValueError):
                return text
    return text


def _lookup(table: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    source = table.get(code) or table.get(code.lower()) or table.get(code.upper())
    return QCoreApplication.translate(CONTEXT, source) if source else code


def account_status_name(status: str) -> str:
    return _lookup(_STATUSES, status)


def account_view_name(view: AccountView) -> str:
    return QCoreApplication.translate(CONTEXT, _VIEWS[view])


def delivery_name(delivery: str) -> str:
    return _lookup(_DELIVERIES, delivery)


def is_expiring(row: AccountRow, today: date, days: int = EXPIRING_DAYS) -> bool:
    """Still waiting for activation and its deadline within ``days`` (R5.3)."""
    return row.status == "ISSUED" and today <= row.activation_deadline <= today + timedelta(days)


def is_unsent(row: AccountRow) -> bool:
    """Issued, but the email (or letter) never went out: a retry sends it."""
    return row.status == "ISSUED" and row.sent_at is None


def sending_text(row: AccountRow) -> str:
    """``2025-01-08 10:00`` when sent, else ``Not sent: <reason>``."""
    if row.sent_at is not None:
        return format_moment(row.sent_at, seconds=False)
    if row.send_error:
        return QCoreApplication.translate("ActivationTexts", "Not sent: {reason}").format(
            reason=send_problem_text(row.send_error)
        )
    if row.status in ("ISSUED", "EXPIRED"):
        return QCoreApplication.translate("ActivationTexts", "Not sent")
    return ""


# -- approved members still without activation details -------------------------------------------
class PendingTableModel(RowTableModel[PendingActivation]):
    FORM_ID, DEADLINE, DAYS_LEFT, NAME_EN, NAME_ZH, HKID, DELIVERY, EMAIL = range(8)

    def __init__(self, full_hkid: bool, parent: QObject | None = None) -> None:
        super().__init__(key=lambda row: row.member_id, parent=parent)
        self.full_hkid = full_hkid

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("ActivationTexts", "Form ID"),
            QCoreApplication.translate("ActivationTexts", "Notification deadline"),
            QCoreApplication.translate("ActivationTexts", "Working days"),
            QCoreApplication.translate("ActivationTexts", "English name"),
            QCoreApplication.translate("ActivationTexts", "Chinese name"),
            QCoreApplication.translate("ActivationTexts", "HKID"),
            QCoreApplication.translate("ActivationTexts", "Delivery"),
            QCoreApplication.translate("ActivationTexts", "Email"),
        ]

    def display(self, row: PendingActivation, column: int) -> str:
        if column == self.FORM_ID:
            return row.form_id
        if column == self.DEADLINE:
            return format_date(row.notification_deadline)
        if column == self.DAYS_LEFT:
            return days_left_text(DeadlineState(row.deadline_state), row.working_days_left, "OPEN")
        if column == self.NAME_EN:
            return row.name_en
        if column == self.NAME_ZH:
            return row.name_zh
        if column == self.HKID:
            return shown_hkid(row.hkid, self.full_hkid)
        if column == self.DELIVERY:
            return delivery_name(row.delivery)
        if column == self.EMAIL:
            if row.email_problem:
                problem = send_problem_text(row.email_problem)
                return f"{row.email_to} — {problem}" if row.email_to else problem
            return row.email_to or ""
        return ""

    def cell_data(self, row: PendingActivation, column: int, role: int) -> Any:
        if column in (self.DEADLINE, self.DAYS_LEFT) and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            brushes = deadline_brushes(DeadlineState(row.deadline_state), "OPEN")
            if brushes is None:
                return None
            return brushes[0] if role == Qt.ItemDataRole.BackgroundRole else brushes[1]
        if column == self.EMAIL and row.email_problem:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(PROBLEM_FOREGROUND)
            if role == Qt.ItemDataRole.ToolTipRole:
                return send_problem_text(row.email_problem)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DAYS_LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# -- what one batch did ----------------------------------------------------------------------------
def issue_result_text(result: IssuedActivation) -> str:
    if result.sent:
        if result.delivery == "letter":
            return QCoreApplication.translate("ActivationTexts", "Letter written")
        return QCoreApplication.translate("ActivationTexts", "Sent")
    return QCoreApplication.translate("ActivationTexts", "Not sent")


class IssueResultsTableModel(RowTableModel[IssuedActivation]):
    RESULT, FORM_ID, HKID, ACCOUNT_ID, DELIVERY, DEADLINE, REASON = range(7)

    def __init__(self, full_hkid: bool, parent: QObject | None = None) -> None:
        super().__init__(key=lambda row: row.member_id, parent=parent)
        self.full_hkid = full_hkid

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("ActivationTexts", "Result"),
            QCoreApplication.translate("ActivationTexts", "Form ID"),
            QCoreApplication.translate("ActivationTexts", "HKID"),
            QCoreApplication.translate("ActivationTexts", "Account ID"),
            QCoreApplication.translate("ActivationTexts", "Delivery"),
            QCoreApplication.translate("ActivationTexts", "Activation deadline"),
            QCoreApplication.translate("ActivationTexts", "Reason"),
        ]

    def display(self, row: IssuedActivation, column: int) -> str:
        if column == self.RESULT:
            return issue_result_text(row)
        if column == self.FORM_ID:
            return row.form_id
        if column == self.HKID:
            return shown_hkid(row.hkid, self.full_hkid)
        if column == self.ACCOUNT_ID:
            return row.account_id or ""
        if column == self.DELIVERY:
            return delivery_name(row.delivery)
        if column == self.DEADLINE:
            return format_date(row.deadline)
        if column == self.REASON:
            return "" if row.sent else send_problem_text(row.error)
        return ""

    def cell_data(self, row: IssuedActivation, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.RESULT, self.REASON):
            return QBrush(GOOD_FOREGROUND if row.sent else PROBLEM_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASON and row.error:
            return send_problem_text(row.error)
        return None


# -- accounts, paged -----------------------------------------------------------------------------
class AccountsTableModel(PagingTableModel[AccountRow]):
    (
        ACCOUNT_ID,
        STATUS,
        DEADLINE,
        NAME,
        HKID,
        FORM_ID,
        DELIVERY,
        SENT,
        ISSUED,
        ACTIVATED,
        NOTE,
    ) = range(11)
    COLUMN_COUNT = 11

    def __init__(
        self,
        full_hkid: bool,
        today: date,
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent, page_size)
        self.full_hkid = full_hkid
        self.today = today
        self._fetch: AccountFetcher | None = None

    def set_source(self, fetch: AccountFetcher | None, today: date | None = None) -> None:
        """Start again from the first row with a new query (view, search text)."""
        self._fetch = fetch
        if today is not None:
            self.today = today
        self.restart(fetch)

    def reload(self) -> None:
        self.set_source(self._fetch)

    def row_key(self, row: AccountRow) -> str:
        return row.account_id

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
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.DEADLINE:
            if row.status == "EXPIRED":
                return QBrush(OVERDUE_BACKGROUND)
            if is_expiring(row, self.today):
                return QBrush(AT_RISK_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME:
                return f"{row.name_en} {row.name_zh}".strip()
            if column == self.SENT and row.send_error:
                return send_problem_text(row.send_error)
            if column == self.DELIVERY and row.email_to:
                return row.email_to
            if column == self.NOTE and row.suspended_reason:
                return row.suspended_reason
        return None

    def _foreground(self, row: AccountRow, column: int) -> QBrush | None:
        if column == self.STATUS:
            return QBrush(QColor(STATUS_COLOURS.get(row.status, "#000000")))
        if column == self.DEADLINE:
            if row.status == "EXPIRED":
                return QBrush(OVERDUE_FOREGROUND)
            if is_expiring(row, self.today):
                return QBrush(AT_RISK_FOREGROUND)
            return None
        if column == self.SENT and row.sent_at is None and row.status in ("ISSUED", "EXPIRED"):
            return QBrush(PROBLEM_FOREGROUND)
        if column == self.NOTE and row.suspended_reason:
            return QBrush(MUTED_FOREGROUND)
        return None

    def _display(self, row: AccountRow, column: int) -> str:
        if column == self.ACCOUNT_ID:
            return row.account_id
        if column == self.STATUS:
            text = account_status_name(row.status)
            if is_expiring(row, self.today):
                text += " · " + QCoreApplication.translate("ActivationTexts", "expiring soon")
            return text
        if column == self.DEADLINE:
            return format_date(row.activation_deadline)
        if column == self.NAME:
            return localized_name(row.name_en, row.name_zh)
        if column == self.HKID:
            return shown_hkid(row.hkid, self.full_hkid)
        if column == self.FORM_ID:
            return row.form_id
        if column == self.DELIVERY:
            return delivery_name(row.delivery)
        if column == self.SENT:
            return sending_text(row)
        if column == self.ISSUED:
            return format_date(row.issued_on)
        if column == self.ACTIVATED:
            return format_moment(row.activated_at, seconds=False)
        if column == self.NOTE:
            if row.suspended_reason:
                return row.suspended_reason
            if row.reminder_sent_at is not None:
                return QCoreApplication.translate("ActivationTexts", "Reminder sent {time}").format(
                    time=format_moment(row.reminder_sent_at, seconds=False)
                )
            return ""
        return ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = self.column_titles()
        return titles[section] if 0 <= section < len(titles) else None

    @staticmethod
    def column_titles() -> list[str]:
        return [
            QCoreApplication.translate("ActivationTexts", "Account ID"),
            QCoreApplication.translate("ActivationTexts", "Status"),
            QCoreApplication.translate("ActivationTexts", "Activation deadline"),
            QCoreApplication.translate("ActivationTexts", "Name"),
            QCoreApplication.translate("ActivationTexts", "HKID"),
            QCoreApplication.translate("ActivationTexts", "Form ID"),
            QCoreApplication.translate("ActivationTexts", "Delivery"),
            QCoreApplication.translate("ActivationTexts", "Sent"),
            QCoreApplication.translate("ActivationTexts", "Issued"),
            QCoreApplication.translate("ActivationTexts", "Activated"),
            QCoreApplication.translate("ActivationTexts", "Note"),
        ]
