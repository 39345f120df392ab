"""The supervisor's dashboard: set-based counts on both databases."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from email.message import EmailMessage

import pytest
import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Role
from fc_admin.models import Application
from fc_admin.services.activations import ActivationService
from fc_admin.services.clock import FixedClock
from fc_admin.services.dashboard import DashboardFigures, DashboardService
from fc_admin.services.errors import PermissionDenied
from fc_admin.services.mailer import OnResult
from fc_admin.settings import Settings
from tests.conftest import ADMIN, OPERATOR, actor_for
from tests.services.factories import add_application, family, set_decision

SUPERVISOR = actor_for(Role.SUPERVISOR)
_APPLICATION: sa.Table = Application.__table__  # type: ignore[assignment]


class AcceptEverything:
    """A mailer that accepts every message (the dashboard is not about SMTP)."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    def send_many(self, messages: Iterable[EmailMessage], on_result: OnResult) -> None:
        for message in messages:
            self.sent.append(message)
            on_result(message, None)


def form(
    db: Database, form_id: str, prefix: str, deadline: date, status: str = "OPEN"
) -> list[int]:
    people = family(prefix, 100001)
    ids = add_application(
        db,
        form_id,
        "LCSD",
        [people["principal"], people["spouse"], people["child"]],
        received=date(2024, 12, 20),
        deadline=deadline,
    )
    if status != "OPEN":
        with db.write() as s:
            s.execute(
                sa.update(_APPLICATION)
                .where(_APPLICATION.c.form_id == form_id)
                .values(status=status)
            )
    return list(ids.values())


def at(day: date) -> FixedClock:
    return FixedClock(datetime(day.year, day.month, day.day, 10, 0, tzinfo=HONG_KONG))


def test_dashboard_on_an_empty_database(any_db: Database, clock: FixedClock) -> None:
    assert DashboardService(any_db, clock).figures(SUPERVISOR) == DashboardFigures(
        forms_waiting_decision=0,
        approved_waiting_activation=0,
        forms_at_risk=0,
        forms_overdue=0,
        accounts_expiring_30_days=0,
        accounts_issued=0,
        accounts_active=0,
        activation_rate=None,
        expiring_window_days=30,
    )


def test_dashboard_counts_forms_members_and_accounts(any_db: Database, clock: FixedClock) -> None:
    # Wednesday 8 Jan 2025: at risk = deadline from today to the 3rd working day (Mon 13 Jan).
    form(any_db, "F-OVERDUE", "A", date(2025, 1, 7))
    form(any_db, "F-TODAY", "B", date(2025, 1, 8))
    form(any_db, "F-RISK", "C", date(2025, 1, 13))
    form(any_db, "F-OK", "D", date(2025, 1, 14))
    approved = form(any_db, "F-DONE", "E", date(2025, 1, 2), status="DONE")
    for member_id in approved:
        set_decision(any_db, member_id, "approve")
    dashboard = DashboardService(any_db, clock)

    before = dashboard.figures(SUPERVISOR)

    assert before.forms_waiting_decision == 4
    assert before.forms_overdue == 1
    assert before.forms_at_risk == 2
    assert before.approved_waiting_activation == 3
    assert (before.accounts_issued, before.accounts_active, before.activation_rate) == (0, 0, None)

    mailer = AcceptEverything()
    activations = ActivationService(
        any_db,
        clock,
        mailer,
        Settings(mail_from="noreply@fc.example.gov.hk", activation_url="https://x.example"),
    )
    issued = activations.issue(SUPERVISOR)
    assert len(issued) == 3 and len(mailer.sent) == 3
    hashes = _codes(mailer.sent)
    assert activations.activate(issued[0].account_id, hashes[issued[0].account_id])
    activations.suspend(SUPERVISOR, issued[1].account_id, "left the service")

    after = dashboard.figures(SUPERVISOR)

    assert after.approved_waiting_activation == 0
    assert (after.accounts_issued, after.accounts_active) == (3, 1)
    assert after.activation_rate == pytest.approx(1 / 3)
    assert after.accounts_expiring_30_days == 0  # deadline 8 Sep 2025
    august = DashboardService(any_db, at(date(2025, 8, 15))).figures(SUPERVISOR)
    assert august.accounts_expiring_30_days == 1  # ISSUED only: not the active or suspended
    assert (
        DashboardService(any_db, at(date(2025, 9, 9))).figures(SUPERVISOR).accounts_expiring_30_days
        == 0
    )
    activations.set_activation_settings(ADMIN, expiring_days=250)
    wide = dashboard.figures(SUPERVISOR)
    assert (wide.accounts_expiring_30_days, wide.expiring_window_days) == (1, 250)


def _codes(messages: list[EmailMessage]) -> dict[str, str]:
    import re

    found = {}
    for message in messages:
        body = message.get_payload()[0].get_payload(decode=True).decode()  # type: ignore[index,union-attr]
        account = re.search(r"Account ID:\s+(FC\w+)", body)
        code = re.search(r"Activation code:\s+([\w-]+)", body)
        assert account and code
        found[account.group(1)] = code.group(1)
    return found


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.SUPERVISOR, True),
        (Role.VERIFIER, True),
        (Role.CLERK, True),
        (Role.ADMIN, True),
        (Role.CLINIC, False),
    ],
)
def test_r13_2_who_sees_the_dashboard(
    sqlite_db: Database, clock: FixedClock, role: Role, allowed: bool
) -> None:
    dashboard = DashboardService(sqlite_db, clock)
    if allowed:
        dashboard.figures(actor_for(role))
    else:
        with pytest.raises(PermissionDenied):
            dashboard.figures(actor_for(role))
    dashboard.figures(OPERATOR)
