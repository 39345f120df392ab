"""First start on an empty database: create the first administrator, then sign in as them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from fc_admin.domain.roles import Role
from fc_admin.services.actor import Actor, operator_actor
from fc_admin.services.auth import AuthService
from fc_admin.views.user_dialogs import UserDialog, UserValues


class FirstRunDialog(UserDialog):
    actor: Actor | None

    def __init__(self, auth: AuthService, parent: QWidget | None = None) -> None:
        def submit(values: UserValues) -> None:
            # Nobody can sign in yet, so the operating-system user creates the account (as the
            # command line's "fc-admin user add" would); the audit record names them.
            auth.add_user(
                operator_actor(),
                values.username,
                Role.ADMIN,
                values.password,
                display_name=values.display_name,
            )
            self.actor = auth.sign_in(values.username, values.password)

        super().__init__(
            [],
            submit,
            fixed_role=Role.ADMIN,
            parent=parent,
            intro=QCoreApplication.translate(
                "FirstRunDialog",
                "This database has no staff users yet. Create the first administrator; "
                "they can then add the other users.",
            ),
        )
        self.actor = None
