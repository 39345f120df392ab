"""The main window: pages by role, status bar, idle lock (R13.1), sign-out, demo banner."""

from __future__ import annotations

from datetime import date

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.views.audit_page import AuditPage
from fc_admin.views.calendar_page import CalendarPage
from fc_admin.views.clinics_page import ClinicsPage
from fc_admin.views.dashboard_page import DashboardPage
from fc_admin.views.users_page import UsersPage
from tests.views.conftest import PASSWORD, add_user


def test_admin_sees_every_page(qtbot, make_window, admin: Actor) -> None:
    window = make_window(admin)
    assert window.page_keys() == [
        "dashboard",
        "applications",
        "clinics",
        "calendar",
        "capacity",
        "utilisation",
        "quarantine",
        "users",
        "audit",
    ]
    assert window.page_titles() == [
        "Dashboard",
        "Applications",
        "Clinics",
        "Calendar",
        "Capacity",
        "Utilisation",
        "Quarantine",
        "Users",
        "Audit log",
    ]
    assert window.current_page_key() == "dashboard"  # the first screen after sign-in
    assert isinstance(window.show_page("dashboard"), DashboardPage)
    assert isinstance(window.show_page("clinics"), ClinicsPage)
    assert isinstance(window.show_page("calendar"), CalendarPage)
    assert isinstance(window.show_page("users"), UsersPage)
    assert isinstance(window.show_page("audit"), AuditPage)
    assert window.current_page_key() == "audit"


def test_r13_2_pages_follow_the_role(qtbot, make_window, services: Services) -> None:
    clerk = add_user(services, "clerk1", Role.CLERK)
    assert make_window(clerk).page_keys() == [
        "dashboard",
        "applications",
        "clinics",
        "calendar",
        "quarantine",
    ]
    supervisor = add_user(services, "sup1", Role.SUPERVISOR)
    assert make_window(supervisor).page_keys() == [
        "dashboard",
        "applications",
        "my_work",
        "activations",
        "daily_lists",
        "clinics",
        "calendar",
        "utilisation",
        "quarantine",
        "audit",
    ]
    verifier = add_user(services, "ver1", Role.VERIFIER)
    assert make_window(verifier).page_keys() == [
        "dashboard",
        "applications",
        "my_work",
        "clinics",
        "calendar",
    ]
    clinic = add_user(services, "cw1", Role.CLINIC, clinic="CW")
    assert make_window(clinic).page_keys() == [
        "booking",
        "daily_lists",
        "clinics",
        "calendar",
        "capacity",
        "utilisation",
    ]


def test_pages_are_built_when_first_shown(qtbot, make_window, admin: Actor) -> None:
    window = make_window(admin)
    assert set(window._pages) == {"dashboard"}
    window.show_page("audit")
    assert set(window._pages) == {"dashboard", "audit"}


def test_returning_to_a_page_shows_changes_made_elsewhere(
    qtbot, make_window, admin: Actor, services: Services
) -> None:
    window = make_window(admin)
    audit = window.show_page("audit")
    qtbot.waitUntil(lambda: audit.record_count is not None, timeout=5000)
    before = audit.model.rowCount()
    clinics = window.show_page("clinics")
    clinics.set_go_live(services.clinics.get("HK"), date(2025, 2, 3))
    window.show_page("audit")
    assert audit.model.rowCount() == before + 1
    assert audit.model.row_at(0).action == "clinic.go_live"


def test_r13_2_activation_work_is_for_supervisors(
    qtbot, make_window, admin: Actor, services: Services
) -> None:
    supervisor = make_window(add_user(services, "sup1", Role.SUPERVISOR))
    assert {"activations_import", "activations_expire", "activations_remind"} <= set(
        supervisor.work_actions
    )
    assert [
        supervisor.work_actions[k].text()
        for k in ("activations_import", "activations_expire", "activations_remind")
    ] == ["Import &activations…", "E&xpire overdue accounts", "Send activation &reminders"]
    window = make_window(admin)
    assert "activations" not in window.page_keys()
    assert not {"activations_import", "activations_expire", "activations_remind"} & set(
        window.work_actions
    )


def test_status_bar(qtbot, make_window, admin: Actor, services: Services) -> None:
    window = make_window(admin)
    assert window.user_label.text() == "Signed in: Admin One"
    assert window.role_label.text() == "Role: Administrator"
    assert window.database_label.text() == f"Database: {services.db.display_name}"
    assert window.clock_label.text() == "HKT 2025-01-08 10:00:00"


def test_clinic_role_shows_its_clinic(qtbot, make_window, services: Services) -> None:
    staff = add_user(services, "cw1", Role.CLINIC, "CW")
    window = make_window(staff)
    assert window.role_label.text() == "Role: Clinic staff (CW)"


def test_no_demo_banner_normally(qtbot, make_window, admin: Actor) -> None:
    window = make_window(admin)
    assert window.demo_banner.isHidden()
    assert "DEMO" not in window.windowTitle()


def test_demo_banner(qtbot, make_window, admin: Actor) -> None:
    window = make_window(admin, demo=True)
    assert not window.demo_banner.isHidden()
    assert window.demo_banner.text() == "DEMO — synthetic data, changes are not kept"
    assert window.windowTitle().endswith("DEMO")


def test_r13_1_idle_lock_triggers_and_unlocks_with_the_password(
    qtbot, make_window, admin: Actor
) -> None:
    window = make_window(admin)
    window.show()
    window.idle_watcher.set_timeout_ms(50)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    dialog = window.lock_dialog
    assert dialog is not None and dialog.isVisible()
    assert not window.centralWidget().isVisible()  # nothing stays readable behind the lock
    assert not window.menuBar().isEnabled()

    dialog.password_edit.setText("wrong")
    assert not dialog.try_unlock()
    assert dialog.error_label.text() == "The user name or the password is wrong"
    assert window.locked
    dialog.reject()  # Escape does not unlock
    assert window.locked

    dialog.password_edit.setText(PASSWORD)
    assert dialog.try_unlock()
    assert not window.locked
    assert window.centralWidget().isVisible()
    assert window.menuBar().isEnabled()


def test_r13_1_input_keeps_the_session_open(qtbot, make_window, admin: Actor) -> None:
    window = make_window(admin)
    window.show()
    window.idle_watcher.set_timeout_ms(300)
    for _ in range(6):
        qtbot.wait(100)
        qtbot.keyClick(window.nav, "a")
    assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=3000)


def test_lock_menu_item_locks_at_once(qtbot, make_window, admin: Actor) -> None:
    window = make_window(admin)
    window.lock_action.trigger()
    assert window.locked


def test_sign_out_from_the_lock(qtbot, make_window, admin: Actor) -> None:
    window = make_window(admin)
    window.show()
    window.lock()
    with qtbot.waitSignal(window.sign_out_requested, timeout=2000):
        window.lock_dialog.sign_out()
    assert not window.isVisible()


def test_quit_is_not_a_sign_out(qtbot, make_window, admin: Actor) -> None:
    window = make_window(admin)
    window.show()
    signed_out: list[bool] = []
    window.sign_out_requested.connect(lambda: signed_out.append(True))
    with qtbot.waitSignal(window.quit_requested, timeout=2000):
        window.close()
    assert signed_out == []


def test_r13_1_role_changed_while_locked_signs_out(
    qtbot, make_window, admin: Actor, services: Services
) -> None:
    supervisor = add_user(services, "sup1", Role.SUPERVISOR)
    window = make_window(supervisor)
    window.show()
    window.lock()
    services.auth.update_user(admin, "sup1", role=Role.CLERK)
    window.lock_dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(window.sign_out_requested, timeout=2000):
        window.lock_dialog.try_unlock()
