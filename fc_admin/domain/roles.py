"""Staff roles and what each may do (R13.2). Checked by the services, never only by the GUI."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    VERIFIER = "verifier"
    SUPERVISOR = "supervisor"
    CLINIC = "clinic"
    ADMIN = "admin"


class Permission(StrEnum):
    VIEW_CLINICS = "view_clinics"
    MANAGE_ROLLOUT = "manage_rollout"  # R7: go-live dates
    VIEW_CALENDAR = "view_calendar"
    MANAGE_CALENDAR = "manage_calendar"  # R4.1: added non-working days
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    VIEW_APPLICATIONS = "view_applications"  # the queue, forms and their history
    IMPORT_FILES = "import_files"  # rosters, e-forms, feeds
    KEY_IN_FORMS = "key_in_forms"  # R2.2 in-person forms
    DECIDE_MEMBERS = "decide_members"  # R3.4
    OVERRIDE_DECISIONS = "override_decisions"  # approve a non-ELIGIBLE member
    ASSIGN_WORK = "assign_work"
    ISSUE_ACTIVATIONS = "issue_activations"  # R5
    MANAGE_CAPACITY = "manage_capacity"  # R10.1, R10.2
    BOOK_APPOINTMENTS = "book_appointments"
    PRINT_DAILY_LISTS = "print_daily_lists"  # R11
    EXPORT_FILES = "export_files"  # R12
    VIEW_REPORTS = "view_reports"  # management charts and the monthly report (issue 6)
    SEARCH_HKID = "search_hkid"
    SEE_FULL_HKID = "see_full_hkid"  # R9.3 "only to the roles that need it"


_EVERYONE = frozenset({Permission.VIEW_CLINICS, Permission.VIEW_CALENDAR})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: _EVERYONE
    | {
        Permission.VIEW_APPLICATIONS,
        Permission.IMPORT_FILES,
        Permission.KEY_IN_FORMS,
        Permission.SEE_FULL_HKID,
    },
    Role.VERIFIER: _EVERYONE
    | {
        Permission.VIEW_APPLICATIONS,
        Permission.DECIDE_MEMBERS,
        Permission.SEARCH_HKID,
        Permission.SEE_FULL_HKID,
    },
    Role.SUPERVISOR: _EVERYONE
    | {
        Permission.VIEW_APPLICATIONS,
        Permission.IMPORT_FILES,
        Permission.DECIDE_MEMBERS,
        Permission.OVERRIDE_DECISIONS,
        Permission.ASSIGN_WORK,
        Permission.ISSUE_ACTIVATIONS,
        Permission.EXPORT_FILES,
        Permission.VIEW_REPORTS,
        Permission.PRINT_DAILY_LISTS,
        Permission.VIEW_AUDIT,
        Permission.SEARCH_HKID,
        Permission.SEE_FULL_HKID,
    },
    Role.CLINIC: _EVERYONE
    | {Permission.BOOK_APPOINTMENTS, Permission.PRINT_DAILY_LISTS, Permission.SEARCH_HKID},
    Role.ADMIN: _EVERYONE
    | {
        Permission.VIEW_APPLICATIONS,
        Permission.MANAGE_ROLLOUT,
        Permission.MANAGE_CALENDAR,
        Permission.MANAGE_USERS,
        Permission.VIEW_AUDIT,
        Permission.MANAGE_CAPACITY,
        Permission.IMPORT_FILES,
        Permission.EXPORT_FILES,
        Permission.VIEW_REPORTS,
    },
}


def role_may(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
