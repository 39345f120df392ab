"""Staff users, sign-in with lockout, and passwords (R13.1, R13.2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from fc_admin.db import Database
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Permission, Role
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.models import Clinic, SignInAttempt, StaffUser
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import Clock
from fc_admin.services.errors import Conflict, InvalidInput, NotFound, SignInRefused

# R13.1
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,39}$")

# Argon2id (the argon2-cffi default type) with its RFC 9106 "low memory" parameters.
_hasher = PasswordHasher()


@dataclass(frozen=True)
class UserRow:
    username: str
    display_name: str
    role: Role
    clinic_code: str | None
    active: bool
    locked_until: datetime | None
    version: int


def _row(user: StaffUser) -> UserRow:
    return UserRow(
        user.username,
        user.display_name,
        Role(user.role),
        user.clinic_code,
        user.active,
        user.locked_until,
        user.version,
    )


class AuthService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- users -------------------------------------------------------------------------------
    def _check_new_password(self, password: str) -> None:
        if len(password) < MIN_PASSWORD_LENGTH:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "the password must have at least {n} characters"),
                n=MIN_PASSWORD_LENGTH,
            )

    def _check_role_clinic(self, session: sa.orm.Session, role: Role, clinic: str | None) -> None:
        if role is Role.CLINIC and not clinic:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "a user with the clinic role needs a clinic")
            )
        if clinic and session.get(Clinic, clinic) is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "unknown clinic code {code}"), code=clinic)

    def add_user(
        self,
        actor: Actor,
        username: str,
        role: Role | str,
        password: str,
        clinic_code: str | None = None,
        display_name: str = "",
    ) -> UserRow:
        actor.require(Permission.MANAGE_USERS)
        username = username.strip().lower()
        if not _USERNAME.match(username):
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "user name {name!r} is not allowed: 2-40 letters, digits, '.', '_' or '-', "
                    "starting with a letter",
                ),
                name=username,
            )
        try:
            role = Role(role)
        except ValueError:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("errors", "unknown role {role!r} (roles: {roles})"),
                role=str(role),
                roles=", ".join(r.value for r in Role),
            ) from None
        clinic_code = clinic_code.upper() if clinic_code else None
        self._check_new_password(password)
        with self.db.write() as session:
            self._check_role_clinic(session, role, clinic_code)
            exists = session.execute(
                sa.select(StaffUser.id).where(StaffUser.username == username)
            ).first()
            if exists:
                raise Conflict(
                    QT_TRANSLATE_NOOP("errors", "user {name} already exists"), name=username
                )
            user = StaffUser(
                username=username,
                display_name=display_name or username,
                role=role.value,
                clinic_code=clinic_code,
                password_hash=_hasher.hash(password),
                active=True,
                created_at=self.clock.now(),
            )
            session.add(user)
            session.flush()
            append_audit(
                session,
                self.clock,
                actor,
                "user.add",
                "staff_user",
                username,
                after={"role": role.value, "clinic": clinic_code, "display_name": display_name},
            )
            return _row(user)

    def list_users(self, actor: Actor) -> list[UserRow]:
        actor.require(Permission.MANAGE_USERS)
        with self.db.read() as session:
            users = session.execute(sa.select(StaffUser).order_by(StaffUser.username)).scalars()
            return [_row(u) for u in users]

    def _get_for_update(self, session: sa.orm.Session, username: str) -> StaffUser:
        user = session.execute(
            sa.select(StaffUser).where(StaffUser.username == username)
        ).scalar_one_or_none()
        if user is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "no user {name}"), name=username)
        return user

    def _check_version(self, user: StaffUser, expected_version: int | None) -> None:
        if expected_version is not None and user.version != expected_version:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "errors", "user {name} was changed by somebody else meanwhile; reload"
                ),
                name=user.username,
            )

    def update_user(
        self,
        actor: Actor,
        username: str,
        *,
        role: Role | None = None,
        clinic_code: str | None = None,
        active: bool | None = None,
        display_name: str | None = None,
        expected_version: int | None = None,
    ) -> UserRow:
        actor.require(Permission.MANAGE_USERS)
        with self.db.write() as session:
            user = self._get_for_update(session, username)
            self._check_version(user, expected_version)
            before = {
                "role": user.role,
                "clinic": user.clinic_code,
                "active": user.active,
                "display_name": user.display_name,
            }
            new_role = Role(role) if role is not None else Role(user.role)
            new_clinic = (
                (clinic_code.upper() or None) if clinic_code is not None else user.clinic_code
            )
            if new_role is not Role.CLINIC and clinic_code is None:
                new_clinic = user.clinic_code if new_role is Role(user.role) else None
            self._check_role_clinic(session, new_role, new_clinic)
            if username == actor.username and (
                active is False or (role is not None and new_role is not Role.ADMIN)
            ):
                raise InvalidInput(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "you cannot disable your own account or remove your own administrator role",
                    )
                )
            user.role = new_role.value
            user.clinic_code = new_clinic
            if active is not None:
                user.active = active
            if display_name is not None:
                user.display_name = display_name
            session.flush()
            append_audit(
                session,
                self.clock,
                actor,
                "user.update",
                "staff_user",
                username,
                before=before,
                after={
                    "role": user.role,
                    "clinic": user.clinic_code,
                    "active": user.active,
                    "display_name": user.display_name,
                },
            )
            return _row(user)

    def set_password(self, actor: Actor, username: str, password: str) -> None:
        """An administrator resets a password (also clears a lockout)."""
        if actor.username != username:
            actor.require(Permission.MANAGE_USERS)
        self._check_new_password(password)
        with self.db.write() as session:
            user = self._get_for_update(session, username)
            user.password_hash = _hasher.hash(password)
            user.locked_until = None
            append_audit(session, self.clock, actor, "user.set_password", "staff_user", username)

    # -- sign-in -----------------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> Actor:
        """R13.1: the actor on success; :class:`SignInRefused` with the reason otherwise."""
        username = username.strip().lower()
        with self.db.write() as session:
            outcome = self._attempt(session, username, password)
        # Raised after the commit: a failed attempt must stay recorded.
        if isinstance(outcome, SignInRefused):
            raise outcome
        return outcome

    def _attempt(
        self, session: sa.orm.Session, username: str, password: str
    ) -> Actor | SignInRefused:
        now = self.clock.now()
        user = session.execute(
            sa.select(StaffUser).where(StaffUser.username == username)
        ).scalar_one_or_none()
        if user is not None and user.locked_until is not None and user.locked_until > now:
            append_audit(
                session,
                self.clock,
                username,
                "user.sign_in_refused",
                "staff_user",
                username,
                after={"reason": "locked"},
            )
            return SignInRefused(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "this account is locked after too many failed sign-ins; "
                    "try again after {until}",
                ),
                until=_hk_time(user.locked_until),
            )
        ok = user is not None and user.active and _password_matches(user, password)
        session.add(SignInAttempt(username=username, at=now, success=ok))
        if ok and user is not None:
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            user.locked_until = None
            append_audit(session, self.clock, username, "user.sign_in", "staff_user", username)
            return Actor(user.username, Role(user.role), user.clinic_code, user.display_name)
        session.flush()
        failures = session.execute(
            sa.select(sa.func.count())
            .select_from(SignInAttempt)
            .where(
                SignInAttempt.username == username,
                SignInAttempt.success.is_(False),
                SignInAttempt.at > now - FAILURE_WINDOW,
                SignInAttempt.at > self._last_success(session, username),
            )
        ).scalar_one()
        append_audit(
            session,
            self.clock,
            username,
            "user.sign_in_failed",
            "staff_user",
            username,
            after={"failures_in_window": failures},
        )
        if user is not None and failures >= MAX_FAILURES:
            user.locked_until = now + LOCKOUT
            append_audit(
                session,
                self.clock,
                username,
                "user.locked",
                "staff_user",
                username,
                after={"until": user.locked_until},
            )
            return SignInRefused(
                QT_TRANSLATE_NOOP(
                    "errors", "too many failed sign-ins: this account is locked until {until}"
                ),
                until=_hk_time(user.locked_until),
            )
        return SignInRefused(QT_TRANSLATE_NOOP("errors", "the user name or the password is wrong"))

    def _last_success(self, session: sa.orm.Session, username: str) -> datetime:
        last = session.execute(
            sa.select(sa.func.max(SignInAttempt.at)).where(
                SignInAttempt.username == username, SignInAttempt.success.is_(True)
            )
        ).scalar_one_or_none()
        if last is None:
            return datetime(1970, 1, 1, tzinfo=self.clock.now().tzinfo)
        return last if last.tzinfo else last.replace(tzinfo=self.clock.now().tzinfo)

    def has_users(self) -> bool:
        with self.db.read() as session:
            return session.execute(sa.select(StaffUser.id).limit(1)).first() is not None


def _password_matches(user: StaffUser, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _hk_time(moment: datetime) -> str:
    return moment.astimezone(HONG_KONG).strftime("%H:%M")


def staff_actor(db: Database, username: str) -> Actor:
    """The actor for ``--as USER`` on the command line: a staff user, with that user's role."""
    with db.read() as session:
        user = session.execute(
            sa.select(StaffUser).where(StaffUser.username == username.strip().lower())
        ).scalar_one_or_none()
        if user is None or not user.active:
            raise NotFound(
                QT_TRANSLATE_NOOP("errors", "no active staff user {name}"), name=username
            )
        return Actor(user.username, Role(user.role), user.clinic_code, user.display_name)
