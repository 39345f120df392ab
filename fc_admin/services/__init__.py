"""Use cases: one call is one unit of work with its permission check and audit record."""

from __future__ import annotations

from fc_admin.db import Database
from fc_admin.services.activations import ActivationService
from fc_admin.services.applications import ApplicationService
from fc_admin.services.appointments import AppointmentService
from fc_admin.services.audit import AuditService
from fc_admin.services.auth import AuthService
from fc_admin.services.booking import BookingWindowService
from fc_admin.services.calendar import CalendarService
from fc_admin.services.capacity import CapacityService
from fc_admin.services.clinics import ClinicService
from fc_admin.services.clock import Clock, SystemClock
from fc_admin.services.daily_lists import DailyListService
from fc_admin.services.dashboard import DashboardService
from fc_admin.services.decisions import DecisionService
from fc_admin.services.intake import IntakeService
from fc_admin.services.rosters import RosterService
from fc_admin.services.statistics import StatisticsService
from fc_admin.services.verification import VerificationService
from fc_admin.settings import Settings


class Services:
    """Every service over one database and one clock; built by the composition root."""

    def __init__(
        self, db: Database, clock: Clock | None = None, settings: Settings | None = None
    ) -> None:
        self.db = db
        self.clock = clock or SystemClock()
        self.settings = settings or Settings()
        self.audit = AuditService(db, self.clock)
        self.auth = AuthService(db, self.clock)
        self.clinics = ClinicService(db, self.clock)
        self.calendar = CalendarService(db, self.clock)
        self.booking = BookingWindowService(db)
        self.capacity = CapacityService(db, self.clock)
        self.appointments = AppointmentService(db, self.clock)
        self.daily_lists = DailyListService(db, self.clock)
        self.applications = ApplicationService(db, self.clock)
        self.rosters = RosterService(db, self.clock)
        self.intake = IntakeService(db, self.clock)
        self.verification = VerificationService(db, self.clock)
        self.decisions = DecisionService(db, self.clock)
        self.activations = ActivationService(db, self.clock, settings=self.settings)
        self.dashboard = DashboardService(db, self.clock)
        self.statistics = StatisticsService(db, self.clock)
