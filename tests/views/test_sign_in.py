"""R13.1 in the GUI: sign-in, the refusal reasons, lockout, and the first-run administrator."""

from __future__ import annotations

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.views.first_run_dialog import FirstRunDialog
from fc_admin.views.sign_in_dialog import SignInDialog
from tests.views.conftest import PASSWORD


def _dialog(qtbot, services: Services, username: str = "") -> SignInDialog:
    dialog = SignInDialog(services.auth, username=username)
    qtbot.addWidget(dialog)
    return dialog


def _attempt(dialog: SignInDialog, username: str, password: str) -> bool:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    return dialog.try_sign_in()


def test_r13_1_sign_in_with_the_right_password(qtbot, services: Services, admin: Actor) -> None:
    dialog = _dialog(qtbot, services)
    assert _attempt(dialog, "ADMIN1 ", PASSWORD)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert dialog.actor == admin


def test_r13_1_wrong_password_says_so_and_clears_the_field(
    qtbot, services: Services, admin: Actor
) -> None:
    dialog = _dialog(qtbot, services)
    assert not _attempt(dialog, "admin1", "wrong password")
    assert dialog.actor is None
    assert not dialog.error_label.isHidden()
    assert dialog.error_label.text() == "The user name or the password is wrong"
    assert dialog.password_edit.text() == ""


def test_r13_1_unknown_user_gets_the_same_message(qtbot, services: Services, admin: Actor) -> None:
    dialog = _dialog(qtbot, services)
    assert not _attempt(dialog, "nobody", "whatever")
    assert dialog.error_label.text() == "The user name or the password is wrong"


def test_r13_1_empty_user_name_is_refused_without_asking_the_database(
    qtbot, services: Services
) -> None:
    dialog = _dialog(qtbot, services)
    assert not _attempt(dialog, "  ", "x")
    assert "user name" in dialog.error_label.text()


def test_r13_1_five_failures_lock_the_account(qtbot, services: Services, admin: Actor) -> None:
    dialog = _dialog(qtbot, services)
    for _ in range(4):
        assert not _attempt(dialog, "admin1", "wrong")
        assert "locked" not in dialog.error_label.text()
    assert not _attempt(dialog, "admin1", "wrong")
    # NOW is 10:00 Hong Kong time; the lockout lasts 15 minutes.
    assert dialog.error_label.text() == (
        "Too many failed sign-ins: this account is locked until 10:15"
    )
    # Even the right password is refused while locked.
    assert not _attempt(dialog, "admin1", PASSWORD)
    assert "locked" in dialog.error_label.text()
    assert "10:15" in dialog.error_label.text()


def test_first_run_creates_the_first_administrator_and_signs_in(qtbot, services: Services) -> None:
    assert not services.auth.has_users()
    dialog = FirstRunDialog(services.auth)
    qtbot.addWidget(dialog)
    assert not dialog.role_combo.isEnabled()
    dialog.username_edit.setText("boss")
    dialog.display_name_edit.setText("The Boss")
    dialog.password_edit.setText(PASSWORD)
    dialog.confirm_edit.setText(PASSWORD)
    assert dialog.try_accept()
    assert dialog.actor == Actor("boss", Role.ADMIN, None, "The Boss")
    assert services.auth.has_users()


def test_first_run_refuses_different_passwords_and_short_ones(qtbot, services: Services) -> None:
    dialog = FirstRunDialog(services.auth)
    qtbot.addWidget(dialog)
    dialog.username_edit.setText("boss")
    dialog.password_edit.setText(PASSWORD)
    dialog.confirm_edit.setText(PASSWORD + "x")
    assert not dialog.try_accept()
    assert dialog.error_label.text() == "The two passwords are not the same."
    dialog.password_edit.setText("short")
    dialog.confirm_edit.setText("short")
    assert not dialog.try_accept()
    assert dialog.error_label.text() == "The password must have at least 8 characters"
    assert not services.auth.has_users()
