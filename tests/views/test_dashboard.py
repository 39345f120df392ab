"""The dashboard, the first screen after sign-in: its figures, their colours, refresh, and each
tile opening the filtered list behind it (by mouse and by keyboard)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.activations import AccountView
from fc_admin.services.applications import RiskFilter
from fc_admin.services.dashboard import DashboardFigures
from fc_admin.views import dashboard_page
from fc_admin.views.activations_page import ActivationsPage
from fc_admin.views.applications_page import ApplicationsPage
from fc_admin.views.dashboard_page import DashboardPage, DashboardTile
from tests.services.test_mailer import SmtpServer
from tests.views.conftest import add_user
from tests.views.test_activations_page import (  # noqa: F401 - the fixture
    AT_RISK_FORM,
    LATE_FORM,
    attach_activation_services,
    seed_day,
    smtp_fixture,
)
from tests.views.test_applications_fixtures import (  # noqa: F401 - the fixture
    app_services_fixture,
    has_service,
    needs_samples,
    wait_for_tasks,
)

pytestmark = [
    needs_samples,
    pytest.mark.skipif(
        not all(has_service(n) for n in ("rosters", "intake", "verification", "decisions")),
        reason="a service module is not there yet",
    ),
]


def open_dashboard(qtbot, make_window, services: Services, role: Role = Role.SUPERVISOR):  # type: ignore[no-untyped-def]
    window = make_window(add_user(services, f"{role.value}.dash", role))
    assert window.page_keys()[0] == "dashboard"
    assert window.current_page_key() == "dashboard"  # the first screen
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    wait_for_tasks(qtbot, window.runner)
    return window, page


def test_figures_and_colours(
    qtbot,
    make_window,
    app_services: Services,
    smtp: SmtpServer,
) -> None:
    services = attach_activation_services(app_services, smtp)
    seed_day(services)
    _window, page = open_dashboard(qtbot, make_window, services)
    assert page.figures == DashboardFigures(
        forms_waiting_decision=2,
        approved_waiting_activation=6,
        forms_at_risk=1,
        forms_overdue=1,
        accounts_expiring_30_days=0,
        accounts_issued=0,
        accounts_active=0,
        activation_rate=None,
    )
    tiles = page.tiles
    assert tiles[dashboard_page.WAITING_DECISION].number_label.text() == "2"
    assert tiles[dashboard_page.WAITING_ACTIVATION].number_label.text() == "6"
    assert tiles[dashboard_page.AT_RISK].state == dashboard_page.ATTENTION  # amber
    assert tiles[dashboard_page.OVERDUE].state == dashboard_page.ALERT  # red
    assert tiles[dashboard_page.EXPIRING].state == dashboard_page.NORMAL
    assert tiles[dashboard_page.EXPIRING].title_label.text() == (
        "Accounts expiring in the next 30 days"
    )
    rate = tiles[dashboard_page.ACTIVATION_RATE]
    assert rate.number_label.text() == "—"
    assert rate.detail_label.text() == "0 active of 0 issued"
    assert page.updated_label.text() == "Updated 2025-01-08 10:00:00"
    assert all(tile.openable for tile in tiles.values())


def test_refresh_shows_the_new_figures(
    qtbot,
    make_window,
    app_services: Services,
    smtp: SmtpServer,
    tmp_path: Path,
) -> None:
    services = attach_activation_services(app_services, smtp)
    supervisor = seed_day(services)
    window, page = open_dashboard(qtbot, make_window, services)
    services.activations.issue(supervisor, letters_out=tmp_path / "letters.pdf")
    loads = page.loads
    page.refresh_button.click()
    wait_for_tasks(qtbot, window.runner)
    assert page.loads == loads + 1
    assert page.figures is not None
    assert page.figures.approved_waiting_activation == 0
    assert page.figures.accounts_issued == 6
    rate = page.tiles[dashboard_page.ACTIVATION_RATE]
    assert rate.number_label.text() == "0%"
    assert rate.detail_label.text() == "0 active of 6 issued"
    # Coming back to the page reads them again; so does the timer while it is shown.
    window.show_page("applications")
    window.show_page("dashboard")
    wait_for_tasks(qtbot, window.runner)
    assert page.loads == loads + 2
    assert page.timer.isActive()
    assert page.timer.interval() == dashboard_page.REFRESH_INTERVAL_MS


def test_tiles_open_the_filtered_lists(
    qtbot,
    make_window,
    app_services: Services,
    smtp: SmtpServer,
) -> None:
    services = attach_activation_services(app_services, smtp)
    seed_day(services)
    window, page = open_dashboard(qtbot, make_window, services)

    # Overdue, by mouse: the queue of open forms past their deadline.
    qtbot.mouseClick(page.tiles[dashboard_page.OVERDUE], Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "applications"
    queue = window.show_page("applications")
    assert isinstance(queue, ApplicationsPage)
    assert queue.current_filter().risk is RiskFilter.OVERDUE
    assert queue.current_filter().status == "OPEN"
    assert [r.form_id for r in queue.model.rows] == [LATE_FORM]

    # At risk, by keyboard.
    window.show_page("dashboard")
    tile = page.tiles[dashboard_page.AT_RISK]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert window.current_page_key() == "applications"
    assert queue.current_filter().risk is RiskFilter.AT_RISK
    assert [r.form_id for r in queue.model.rows] == [AT_RISK_FORM]

    # Forms waiting for a decision: every open form, no other filter left over.
    window.show_page("dashboard")
    qtbot.keyClick(page.tiles[dashboard_page.WAITING_DECISION], Qt.Key.Key_Space)
    assert queue.current_filter().risk is None
    assert sorted(r.form_id for r in queue.model.rows) == [LATE_FORM, AT_RISK_FORM]

    # Approved members waiting: the Activations page, its waiting list.
    window.show_page("dashboard")
    qtbot.mouseClick(page.tiles[dashboard_page.WAITING_ACTIVATION], Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "activations"
    activations = window.show_page("activations")
    assert isinstance(activations, ActivationsPage)

    # Expiring: the accounts view "Expiring soon".
    window.show_page("dashboard")
    qtbot.mouseClick(page.tiles[dashboard_page.EXPIRING], Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "activations"
    assert activations.current_view() is AccountView.EXPIRING
    wait_for_tasks(qtbot, window.runner)


def test_roles_without_activations_see_the_numbers_only_where_they_lead(
    qtbot,
    make_window,
    app_services: Services,
    smtp: SmtpServer,
) -> None:
    services = attach_activation_services(app_services, smtp)
    seed_day(services)
    window, page = open_dashboard(qtbot, make_window, services, Role.VERIFIER)
    assert "activations" not in window.page_keys()
    assert page.tiles[dashboard_page.OVERDUE].openable
    assert not page.tiles[dashboard_page.EXPIRING].openable
    assert page.tiles[dashboard_page.EXPIRING].focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.mouseClick(page.tiles[dashboard_page.EXPIRING], Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "dashboard"


def test_clinic_staff_have_no_dashboard(qtbot, make_window, app_services: Services) -> None:
    window = make_window(add_user(app_services, "cw.staff", Role.CLINIC, "CW"))
    assert "dashboard" not in window.page_keys()
    # Their first screen is the telephone booking console (R13.2).
    assert window.page_keys()[0] == "booking"
    assert window.current_page_key() == "booking"


def test_tile_alone(qtbot) -> None:
    tile = DashboardTile("x", "Things")
    qtbot.addWidget(tile)
    hits: list[bool] = []
    tile.activated.connect(lambda: hits.append(True))
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert hits == []  # not openable: only a number
    tile.set_openable(True, "Open the things")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.keyClick(tile, Qt.Key.Key_Enter)
    assert hits == [True, True]
    assert tile.toolTip() == "Open the things"
