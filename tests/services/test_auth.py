"""R13.1, R13.2: staff users, Argon2id, sign-in lockout, permissions in the service layer."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from fc_admin.domain.roles import Permission, Role
from fc_admin.models import StaffUser
from fc_admin.services import Services
from fc_admin.services.audit import AuditFilter
from fc_admin.services.clock import FixedClock
from fc_admin.services.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    SignInRefused,
)
from tests.conftest import ADMIN, OPERATOR, actor_for

PASSWORD = "correct horse"


def _add(services: Services, name: str = "chan.tm", role: Role = Role.VERIFIER) -> None:
    services.auth.add_user(OPERATOR, name, role, PASSWORD, display_name="CHAN Tai Man")


def test_r13_1_password_is_stored_as_argon2id_hash(services: Services) -> None:
    _add(services)
    with services.db.read() as session:
        stored = session.execute(sa.select(StaffUser.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_r13_1_sign_in_succeeds_with_the_right_password(services: Services) -> None:
    _add(services)
    actor = services.auth.sign_in("CHAN.TM ", PASSWORD)
    assert actor.username == "chan.tm"
    assert actor.role is Role.VERIFIER
    rows = services.audit.page(ADMIN, AuditFilter(action="user.sign_in"), 0, 10)
    assert [r.actor for r in rows] == ["chan.tm"]


def test_r13_1_wrong_password_is_refused_and_recorded(services: Services) -> None:
    _add(services)
    with pytest.raises(SignInRefused, match="user name or the password is wrong"):
        services.auth.sign_in("chan.tm", "wrong password")
    failed = services.audit.page(ADMIN, AuditFilter(action="user.sign_in_failed"), 0, 10)
    assert len(failed) == 1


def test_r13_1_five_failures_in_15_minutes_lock_the_account(
    services: Services, clock: FixedClock
) -> None:
    _add(services)
    start = clock.at
    for i in range(4):
        clock.at = start + timedelta(minutes=i)
        with pytest.raises(SignInRefused, match="wrong"):
            services.auth.sign_in("chan.tm", "nope")
    clock.at = start + timedelta(minutes=5)
    with pytest.raises(SignInRefused, match="locked until"):
        services.auth.sign_in("chan.tm", "nope")
    # Even the right password is refused while locked...
    clock.at = start + timedelta(minutes=10)
    with pytest.raises(SignInRefused, match="locked"):
        services.auth.sign_in("chan.tm", PASSWORD)
    # ...and works again 15 minutes after the lock.
    clock.at = start + timedelta(minutes=20, seconds=1)
    assert services.auth.sign_in("chan.tm", PASSWORD).username == "chan.tm"


def test_r13_1_failures_spread_over_more_than_15_minutes_do_not_lock(
    services: Services, clock: FixedClock
) -> None:
    _add(services)
    start = clock.at
    for i in range(6):
        clock.at = start + timedelta(minutes=4 * i)
        with pytest.raises(SignInRefused, match="wrong"):
            services.auth.sign_in("chan.tm", "nope")
    clock.at = start + timedelta(minutes=25)
    assert services.auth.sign_in("chan.tm", PASSWORD).role is Role.VERIFIER


def test_r13_1_a_success_resets_the_failure_count(services: Services, clock: FixedClock) -> None:
    _add(services)
    start = clock.at
    for i in range(4):
        clock.at = start + timedelta(seconds=i)
        with pytest.raises(SignInRefused):
            services.auth.sign_in("chan.tm", "nope")
    clock.at = start + timedelta(seconds=10)
    services.auth.sign_in("chan.tm", PASSWORD)
    clock.at = start + timedelta(seconds=20)
    with pytest.raises(SignInRefused, match="wrong"):
        services.auth.sign_in("chan.tm", "nope")


def test_unknown_user_gets_the_same_message_as_a_wrong_password(services: Services) -> None:
    with pytest.raises(SignInRefused, match="user name or the password is wrong"):
        services.auth.sign_in("nobody", PASSWORD)


def test_disabled_user_cannot_sign_in(services: Services) -> None:
    _add(services)
    services.auth.update_user(ADMIN, "chan.tm", active=False)
    with pytest.raises(SignInRefused):
        services.auth.sign_in("chan.tm", PASSWORD)


@pytest.mark.parametrize("role", [Role.CLERK, Role.VERIFIER, Role.SUPERVISOR, Role.CLINIC])
def test_r13_2_only_admin_manages_users(services: Services, role: Role) -> None:
    actor = actor_for(role, "CW" if role is Role.CLINIC else None)
    with pytest.raises(PermissionDenied):
        services.auth.add_user(actor, "new.user", Role.CLERK, PASSWORD)
    with pytest.raises(PermissionDenied):
        services.auth.list_users(actor)


def test_r13_2_admin_adds_users_and_the_addition_is_audited(services: Services) -> None:
    services.auth.add_user(ADMIN, "lee.kc", Role.CLINIC, PASSWORD, clinic_code="kln")
    users = services.auth.list_users(ADMIN)
    assert [(u.username, u.role, u.clinic_code) for u in users] == [("lee.kc", Role.CLINIC, "KLN")]
    record = services.audit.page(ADMIN, AuditFilter(action="user.add"), 0, 1)[0]
    assert record.actor == "admin1" and record.entity_id == "lee.kc"


def test_user_input_is_checked(services: Services) -> None:
    with pytest.raises(InvalidInput, match="at least 8"):
        services.auth.add_user(ADMIN, "short.pw", Role.CLERK, "1234")
    with pytest.raises(InvalidInput, match="unknown role"):
        services.auth.add_user(ADMIN, "x.role", "doctor", PASSWORD)
    with pytest.raises(InvalidInput, match="needs a clinic"):
        services.auth.add_user(ADMIN, "no.clinic", Role.CLINIC, PASSWORD)
    with pytest.raises(NotFound, match="unknown clinic code XX"):
        services.auth.add_user(ADMIN, "bad.clinic", Role.CLINIC, PASSWORD, clinic_code="XX")
    with pytest.raises(InvalidInput, match="not allowed"):
        services.auth.add_user(ADMIN, "Bad Name!", Role.CLERK, PASSWORD)
    _add(services)
    with pytest.raises(Conflict, match="already exists"):
        _add(services)


def test_optimistic_locking_on_user_edits(services: Services) -> None:
    _add(services)
    row = services.auth.list_users(ADMIN)[0]
    services.auth.update_user(ADMIN, "chan.tm", role=Role.SUPERVISOR, expected_version=row.version)
    with pytest.raises(Conflict, match="changed by somebody else"):
        services.auth.update_user(ADMIN, "chan.tm", active=False, expected_version=row.version)


def test_reset_password_clears_the_lock(services: Services) -> None:
    _add(services)
    for _ in range(5):
        with pytest.raises(SignInRefused):
            services.auth.sign_in("chan.tm", "nope")
    services.auth.set_password(ADMIN, "chan.tm", "a new password")
    assert services.auth.sign_in("chan.tm", "a new password").username == "chan.tm"


def test_r13_2_role_permissions() -> None:
    assert actor_for(Role.ADMIN).may(Permission.MANAGE_ROLLOUT)
    assert not actor_for(Role.SUPERVISOR).may(Permission.MANAGE_ROLLOUT)
    assert actor_for(Role.CLERK).may(Permission.KEY_IN_FORMS)
    assert not actor_for(Role.CLERK).may(Permission.DECIDE_MEMBERS)
    assert actor_for(Role.VERIFIER).may(Permission.DECIDE_MEMBERS)
    assert not actor_for(Role.VERIFIER).may(Permission.OVERRIDE_DECISIONS)
    assert actor_for(Role.SUPERVISOR).may(Permission.ISSUE_ACTIVATIONS)
    assert actor_for(Role.CLINIC, "CW").may(Permission.BOOK_APPOINTMENTS)
    assert not actor_for(Role.CLINIC, "CW").may(Permission.VIEW_AUDIT)
    assert OPERATOR.may(Permission.MANAGE_USERS)
