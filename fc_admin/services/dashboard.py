"""The supervisor's dashboard: where the work stands, in a handful of set-based counts.

Every figure is one aggregate query over an index or one scan, never rows loaded into Python, so
the page stays quick with 600,000 people on file (benchmarks/bench_activations.py times it).

- forms waiting for a decision: forms still ``OPEN`` (a member is undecided or queried);
- approved members waiting for activation details: approved, no account yet (R5.1);
- forms at risk and overdue against the 14-working-day deadline (R4.2, R4.3), counted as the
  application queue counts them (``OPEN`` forms), so both screens agree;
- accounts expiring soon: ``ISSUED``, deadline from today to today + the shared "expiring soon"
  window (30 days unless an administrator changed it);
- the activation rate: accounts ``ACTIVE`` / accounts ever issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.deadlines import DEFAULT_AT_RISK_WORKING_DAYS
from fc_admin.domain.hktime import hk_date
from fc_admin.domain.roles import Permission
from fc_admin.models import Account, Application, ApplicationMember
from fc_admin.services.activations import AccountStatus, read_activation_settings
from fc_admin.services.actor import Actor
from fc_admin.services.calendar import CalendarService
from fc_admin.services.clock import Clock

__all__ = ["DashboardFigures", "DashboardService"]


@dataclass(frozen=True)
class DashboardFigures:
    forms_waiting_decision: int
    approved_waiting_activation: int
    forms_at_risk: int
    forms_overdue: int
    accounts_expiring_30_days: int  # within the "expiring soon" window (default 30 days)
    accounts_issued: int  # every account ever issued, whatever its state now
    accounts_active: int
    activation_rate: float | None  # active / issued; None before the first issue
    expiring_window_days: int = 30


class DashboardService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self._calendar = CalendarService(db, clock)

    def figures(self, actor: Actor) -> DashboardFigures:
        if not actor.may(Permission.ISSUE_ACTIVATIONS):
            actor.require(Permission.VIEW_APPLICATIONS)
        calendar = self._calendar.working_calendar()
        today = hk_date(self.clock.now())
        at_risk_until = calendar.working_days_after(today, DEFAULT_AT_RISK_WORKING_DAYS)
        m = ApplicationMember
        open_ = Application.status == "OPEN"
        with self.db.read() as session:
            window = read_activation_settings(session).expiring_days
            waiting_decision = session.execute(
                sa.select(sa.func.count()).select_from(Application).where(open_)
            ).scalar_one()
            overdue = session.execute(
                sa.select(sa.func.count())
                .select_from(Application)
                .where(open_, Application.notification_deadline < today)
            ).scalar_one()
            at_risk = session.execute(
                sa.select(sa.func.count())
                .select_from(Application)
                .where(open_, Application.notification_deadline.between(today, at_risk_until))
            ).scalar_one()
            waiting_activation = session.execute(
                sa.select(sa.func.count())
                .select_from(m)
                .where(
                    m.decision == "approve",
                    ~sa.select(Account.id).where(Account.member_id == m.id).exists(),
                )
            ).scalar_one()
            by_status = {
                status: int(n)
                for status, n in session.execute(
                    sa.select(Account.status, sa.func.count()).group_by(Account.status)
                )
            }
            expiring = session.execute(
                sa.select(sa.func.count())
                .select_from(Account)
                .where(
                    Account.status == AccountStatus.ISSUED.value,
                    Account.activation_deadline.between(today, today + timedelta(days=window)),
                )
            ).scalar_one()
        issued = sum(by_status.values())
        active = by_status.get(AccountStatus.ACTIVE.value, 0)
        return DashboardFigures(
            forms_waiting_decision=int(waiting_decision),
            approved_waiting_activation=int(waiting_activation),
            forms_at_risk=int(at_risk),
            forms_overdue=int(overdue),
            accounts_expiring_30_days=int(expiring),
            accounts_issued=issued,
            accounts_active=active,
            activation_rate=active / issued if issued else None,
            expiring_window_days=window,
        )
