"""Translated texts for service errors, roles and channels, and the few message boxes.

Pages call ``messages.show_error`` / ``messages.confirm`` through this module, so that tests can
replace the modal boxes with ``monkeypatch.setattr(messages, "confirm", ...)``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
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


def _translated_params(params: dict[str, Any]) -> dict[str, Any]:
    # Role and permission names inside an error are translated too ("管理員 is not allowed …").
    result = dict(params)
    if "role" in result and str(result["role"]) in {r.value for r in Role}:
        result["role"] = role_name(str(result["role"]))
    if "permission" in result:
        key = str(result["permission"]).replace(" ", "_")
        if key in {p.value for p in Permission}:
            result["permission"] = permission_name(key)
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
