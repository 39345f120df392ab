"""Who is acting: a signed-in staff user, or an operating-system user on the command line."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from fc_admin.domain.roles import Permission, Role, role_may
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services.errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role | None  # None: an operator on the command line, trusted like the OS account
    clinic_code: str | None = None
    display_name: str = ""

    @property
    def is_operator(self) -> bool:
        return self.role is None

    def may(self, permission: Permission) -> bool:
        return self.role is None or role_may(self.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("errors", "{user} ({role}) is not allowed to {permission}"),
                user=self.username,
                role=str(self.role),
                permission=permission.value.replace("_", " "),
            )


def operator_actor() -> Actor:
    """cli.md: a command run without ``--as`` acts as ``cli:<OS user name>``."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment (service accounts)
        name = "unknown"
    return Actor(username=f"cli:{name}", role=None, display_name=name)
