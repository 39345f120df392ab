"""Translated texts for service errors, roles and channels, and the few message boxes.

Pages call ``messages.show_error`` / ``messages.confirm`` through this module, so that tests can
replace the modal boxes with ``monkeypatch.setattr(messages, "confirm", ...)``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox, QWidget

from fc_admin.db import DatabaseError
from fc_admin.domain.booking_window import Channel
from fc_admin.domain.roles import Permission, Role
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services.errors import ServiceError

log = logging.getLogger(__name__)

_ROLE_NAMES = {
    Role.CLERK: QT_TRANSLATE_NOOP("Roles", "Clerk"),
    Role.VERIFIER: QT_TRANSLATE_NOOP("Roles", "Verifier"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Roles", "Supervisor"),
    Role.CLINIC: QT_TRANSLATE_NOOP("Roles", "Clinic staff"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Roles", "Administrator"),
}

_CHANNEL_NAMES = {
    Channel.ONLINE: QT_TRANSLATE_NOOP("Channels", "Online"),
    Channel.MANUAL: QT_TRANSLATE_NOOP("Channels", "Manual telephone"),
    Channel.ATBS: QT_TRANSLATE_NOOP("Channels", "Automated telephone (ATBS)"),
}

_PERMISSION_NAMES = {
    Permission.VIEW_CLINICS: QT_TRANSLATE_NOOP("Permissions", "view clinics"),
    Permission.MANAGE_ROLLOUT: QT_TRANSLATE_NOOP("Permissions", "change go-live dates"),
    Permission.VIEW_CALENDAR: QT_TRANSLATE_NOOP("Permissions", "view the calendar"),
    Permission.MANAGE_CALENDAR: QT_TRANSLATE_NOOP("Permissions", "change non-working days"),
    Permission.MANAGE_USERS: QT_TRANSLATE_NOOP("Permissions", "manage users"),
    Permission.VIEW_AUDIT: QT_TRANSLATE_NOOP("Permissions", "view the audit log"),
    Permission.IMPORT_FILES: QT_TRANSLATE_NOOP("Permissions", "import files"),
    Permission.KEY_IN_FORMS: QT_TRANSLATE_NOOP("Permissions", "key in paper forms"),
    Permission.DECIDE_MEMBERS: QT_TRANSLATE_NOOP("Permissions", "decide on members"),
    Permission.OVERRIDE_DECISIONS: QT_TRANSLATE_NOOP("Permissions", "override decisions"),
    Permission.ASSIGN_WORK: QT_TRANSLATE_NOOP("Permissions", "assign work"),
    Permission.ISSUE_ACTIVATIONS: QT_TRANSLATE_NOOP("Permissions", "issue activation details"),
    Permission.MANAGE_CAPACITY: QT_TRANSLATE_NOOP("Permissions", "manage capacity"),
    Permission.BOOK_APPOINTMENTS: QT_TRANSLATE_NOOP("Permissions", "book appointments"),
    Permission.PRINT_DAILY_LISTS: QT_TRANSLATE_NOOP("Permissions", "print daily lists"),
    Permission.EXPORT_FILES: QT_TRANSLATE_NOOP("Permissions", "export files"),
    Permission.SEARCH_HKID: QT_TRANSLATE_NOOP("Permissions", "search by HKID"),
    Permission.SEE_FULL_HKID: QT_TRANSLATE_NOOP("Permissions", "see full HKID numbers"),
}


def role_name(role: Role | str | None) -> str:
    if role is None:
        return QCoreApplication.translate("Roles", "Operator")
    try:
        return QCoreApplication.translate("Roles", _ROLE_NAMES[Role(role)])
    except ValueError:
        return str(role)


def channel_name(channel: Channel | str) -> str:
    try:
        return QCoreApplication.translate("Channels", _CHANNEL_NAMES[Channel(channel)])
    except ValueError:
        return str(channel)


def permission_name(permission: Permission | str) -> str:
    try:
        return QCoreApplication.translate("Permissions", _PERMISSION_NAMES[Permission(permission)])
    except ValueError:
        return str(permission)


_APPOINTMENT_STATES = {
    "BOOKED": QT_TRANSLATE_NOOP("AppointmentStates", "booked"),
    "ATTENDED": QT_TRANSLATE_NOOP("AppointmentStates", "attended"),
    "NO_SHOW": QT_TRANSLATE_NOOP("AppointmentStates", "no-show"),
    "CANCELLED": QT_TRANSLATE_NOOP("AppointmentStates", "cancelled"),
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _translated_params(params: dict[str, Any]) -> dict[str, Any]:
    """Codes inside an error in the UI language too: the officer reads the sentence to a caller
    ("管理員 is not allowed …", "the slot is full for online bookings" …)."""
    from fc_admin.views.applications_model import reason_text  # (import cycle)
    from fc_admin.views.formatting import ui_is_chinese

    result = dict(params)
    if "role" in result and str(result["role"]) in {r.value for r in Role}:
        result["role"] = role_name(str(result["role"]))
    if "permission" in result:
        key = str(result["permission"]).replace(" ", "_")
        if key in {p.value for p in Permission}:
            result["permission"] = permission_name(key)
    if "channel" in result and str(result["channel"]) in {c.value for c in Channel}:
        result["channel"] = channel_name(str(result["channel"]))
    if "status" in result and str(result["status"]) in _APPOINTMENT_STATES:
        result["status"] = QCoreApplication.translate(
            "AppointmentStates", _APPOINTMENT_STATES[str(result["status"])]
        )
    if "weekday" in result and str(result["weekday"]) in _WEEKDAYS:
        result["weekday"] = QLocale().dayName(_WEEKDAYS.index(str(result["weekday"])) + 1)
    if "reasons" in result and isinstance(result["reasons"], str):
        # R3.2 reason codes ("INACTIVE, CHILD_OVER_21") in words.
        codes = [c.strip() for c in result["reasons"].split(",")]
        if all(c.isupper() and c.replace("_", "").isalnum() for c in codes if c):
            result["reasons"] = QLocale().createSeparatedList([reason_text(c) for c in codes])
    if ui_is_chinese() and result.get("name_zh"):
        result["name"] = result["name_zh"]  # a holiday's gazetted Chinese name
    return result


def service_error_text(error: ServiceError) -> str:
    """The error's template translated in its context, then filled in with its parameters."""
    template = QCoreApplication.translate(error.context, error.template)
    try:
        text = template.format(**_translated_params(error.params))
    except (KeyError, IndexError, ValueError):
        # A broken translation must not hide the error: fall back to English.
        log.warning("translation of %r does not fit its parameters", error.template)
        text = str(error)
    if template[:1].islower():
        # The services' sentences start in lower case (they also end up inside CLI messages);
        # one that starts with a parameter (a user name) is left alone.
        text = text[:1].upper() + text[1:]
    return text


def error_text(error: BaseException) -> str:
    """One line for the user; never a traceback."""
    if isinstance(error, ServiceError):
        return service_error_text(error)
    if isinstance(error, DatabaseError):
        return QCoreApplication.translate("Messages", "Database problem: {message}").format(
            message=str(error)
        )
    return QCoreApplication.translate(
        "Messages",
        "Something went wrong. The details were written to the log file; "
        "please tell the system administrator.",
    )


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
