"""R13.1, R13.2 in the GUI: administrators add users, change them, reset passwords."""

from __future__ import annotations

import pytest

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.errors import SignInRefused
from fc_admin.views.users_page import UsersPage, UsersTableModel
from tests.views.conftest import PASSWORD, add_user


def _page(qtbot, services: Services, actor: Actor) -> UsersPage:
    page = UsersPage(services, actor)
    qtbot.addWidget(page)
    return page


def _cells(page: UsersPage, username: str) -> list[str]:
    row = page.model.find_row(username)
    return [str(page.model.data(page.model.index(row, c))) for c in range(6)]


def test_users_are_listed(qtbot, services: Services, admin: Actor) -> None:
    add_user(services, "cw1", Role.CLINIC, "CW")
    page = _page(qtbot, services, admin)
    assert _cells(page, "admin1") == ["admin1", "Admin One", "Administrator", "", "Yes", ""]
    assert _cells(page, "cw1") == ["cw1", "cw1 name", "Clinic staff", "CW", "Yes", ""]


def test_add_a_clinic_user(qtbot, services: Services, admin: Actor) -> None:
    page = _page(qtbot, services, admin)
    dialog = page.make_add_dialog()
    dialog.username_edit.setText("sk.front")
    dialog.display_name_edit.setText("SK front desk")
    assert not dialog.clinic_combo.isEnabled()
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("clinic"))
    assert dialog.clinic_combo.isEnabled()
    dialog.clinic_combo.setCurrentIndex(dialog.clinic_combo.findData("SK"))
    dialog.password_edit.setText(PASSWORD)
    dialog.confirm_edit.setText(PASSWORD)
    assert dialog.try_accept()
    assert _cells(page, "sk.front")[:4] == ["sk.front", "SK front desk", "Clinic staff", "SK"]
    assert page.selected_user().username == "sk.front"
    assert services.auth.sign_in("sk.front", PASSWORD).clinic_code == "SK"


def test_add_refused_keeps_the_dialog_open_with_the_reason(
    qtbot, services: Services, admin: Actor
) -> None:
    page = _page(qtbot, services, admin)
    dialog = page.make_add_dialog()
    dialog.username_edit.setText("x")
    dialog.password_edit.setText(PASSWORD)
    dialog.confirm_edit.setText(PASSWORD)
    assert not dialog.try_accept()
    assert dialog.error_label.text().startswith("User name 'x' is not allowed")
    dialog.username_edit.setText("admin1")
    assert not dialog.try_accept()
    assert dialog.error_label.text() == "User admin1 already exists"
    dialog.username_edit.setText("clinicless")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("clinic"))
    assert not dialog.try_accept()
    assert dialog.error_label.text() == "A user with the clinic role needs a clinic"


def test_edit_role_and_deactivate(qtbot, services: Services, admin: Actor) -> None:
    add_user(services, "clerk1", Role.CLERK)
    page = _page(qtbot, services, admin)
    page.select_user("clerk1")
    dialog = page.make_edit_dialog(page.selected_user())
    assert dialog.username_edit.isReadOnly()
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("verifier"))
    dialog.active_check.setChecked(False)
    assert dialog.try_accept()
    assert _cells(page, "clerk1")[2:5] == ["Verifier", "", "No"]
    row = page.model.row_at(page.model.find_row("clerk1"))
    assert row.role is Role.VERIFIER and not row.active


def test_edit_with_a_stale_row_is_refused(qtbot, services: Services, admin: Actor) -> None:
    add_user(services, "clerk1", Role.CLERK)
    page = _page(qtbot, services, admin)
    page.select_user("clerk1")
    dialog = page.make_edit_dialog(page.selected_user())
    services.auth.update_user(admin, "clerk1", display_name="changed meanwhile")
    dialog.active_check.setChecked(False)
    assert not dialog.try_accept()
    assert "changed by somebody else" in dialog.error_label.text()


def test_reset_password_ends_a_lockout(qtbot, services: Services, admin: Actor) -> None:
    add_user(services, "clerk1", Role.CLERK)
    for _ in range(5):
        with pytest.raises(SignInRefused):
            services.auth.sign_in("clerk1", "wrong")
    page = _page(qtbot, services, admin)
    assert _cells(page, "clerk1")[5] == "2025-01-08 10:15"
    page.select_user("clerk1")
    dialog = page.make_password_dialog(page.selected_user())
    dialog.password_edit.setText("new-password-1")
    dialog.confirm_edit.setText("new-password-2")
    assert not dialog.try_accept()
    dialog.confirm_edit.setText("new-password-1")
    assert dialog.try_accept()
    assert _cells(page, "clerk1")[5] == ""
    assert services.auth.sign_in("clerk1", "new-password-1").username == "clerk1"


def test_buttons_follow_the_selection(qtbot, services: Services, admin: Actor) -> None:
    page = _page(qtbot, services, admin)
    assert not page.edit_button.isEnabled() and not page.password_button.isEnabled()
    page.select_user("admin1")
    assert page.edit_button.isEnabled() and page.password_button.isEnabled()
    assert page.model.columnCount() == len(UsersTableModel(None).column_titles())
