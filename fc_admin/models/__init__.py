"""SQLAlchemy mapped classes: the database schema of fc-admin (migrations in ../migrations)."""

from fc_admin.models.account import Account
from fc_admin.models.application import (
    Application,
    ApplicationMember,
    ApplicationRemark,
    QuarantinedEform,
)
from fc_admin.models.appointment import Appointment, SlotSeats
from fc_admin.models.audit import AuditRecord
from fc_admin.models.base import Base
from fc_admin.models.capacity import Closure, SessionTemplate, TemplateSession
from fc_admin.models.clinic import Clinic, NonWorkingDay
from fc_admin.models.roster import RosterImport, RosterPerson, RosterSource
from fc_admin.models.setting import SharedSetting
from fc_admin.models.staff import SignInAttempt, StaffUser

__all__ = [
    "Account",
    "Application",
    "ApplicationMember",
    "ApplicationRemark",
    "Appointment",
    "AuditRecord",
    "Base",
    "Clinic",
    "Closure",
    "NonWorkingDay",
    "QuarantinedEform",
    "RosterImport",
    "RosterPerson",
    "RosterSource",
    "SessionTemplate",
    "SharedSetting",
    "SignInAttempt",
    "SlotSeats",
    "StaffUser",
    "TemplateSession",
]
