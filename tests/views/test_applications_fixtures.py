"""Fixtures and helpers of the application GUI tests (imported by the other test_applications_*
modules): the sample rosters and forms of formats.md, staff of every role, and a way to wait for
the task runner."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.views.task_runner import TaskRunner
from tests.conftest import NOW
from tests.services.factories import Person, add_application
from tests.views.conftest import add_user

SAMPLES = Path("/work/shared/samples")
ROSTERS = SAMPLES / "rosters"
EFORMS = SAMPLES / "eforms"
KEYS = SAMPLES / "keys"

FORM_1 = "EF20250106-000001"  # LCSD: HO Chun Wai, his spouse and a child
FORM_2 = "EF20250106-000002"  # PEN: LAU Kam Chuen
PRINCIPAL = "K200001(6)"
SPOUSE = "K200002(4)"
CHILD = "R200003(1)"
PENSIONER = "D200004(1)"

needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="no /work/shared/samples")

_SERVICE_CLASSES = {
    "verification": "VerificationService",
    "decisions": "DecisionService",
    "rosters": "RosterService",
    "intake": "IntakeService",
}


def has_service(name: str) -> bool:
    return importlib.util.find_spec(f"fc_admin.services.{name}") is not None


def complete(services: Services) -> Services:
    """The Services container with every service module present (until it builds them all)."""
    for name, class_name in _SERVICE_CLASSES.items():
        if not hasattr(services, name) and has_service(name):
            module = importlib.import_module(f"fc_admin.services.{name}")
            setattr(services, name, getattr(module, class_name)(services.db, services.clock))
    return services


def wait_for_tasks(qtbot, runner: TaskRunner, timeout: int = 20_000) -> None:  # type: ignore[no-untyped-def]
    """Until every task of ``runner`` has delivered its result on the GUI thread."""
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=timeout)


# The sample forms as the intake service would store them (for tests that do not import files).
_FAMILY = [
    Person(PRINCIPAL, "HO, Chun Wai", date(1980, 4, 12), name_zh="何俊偉", staff_no="L200001"),
    Person(
        SPOUSE,
        "YIP, Wing Sze",
        date(1982, 9, 3),
        relationship="spouse",
        category="dependant",
        principal_hkid=PRINCIPAL,
        name_zh="葉詠詩",
    ),
    Person(
        CHILD,
        "HO, Hiu Tung",
        date(2012, 2, 28),
        relationship="child",
        category="dependant",
        principal_hkid=PRINCIPAL,
        name_zh="何曉彤",
    ),
]
_PENSIONER = [
    Person(
        PENSIONER,
        "LAU, Kam Chuen",
        date(1948, 11, 20),
        category="pensioner",
        name_zh="劉錦泉",
        staff_no="P200004",
    ),
]


@pytest.fixture(name="app_services")
def app_services_fixture(services: Services) -> Services:
    return complete(services)


@pytest.fixture(name="verifier")
def verifier_fixture(app_services: Services) -> Actor:
    return add_user(app_services, "verifier.a", Role.VERIFIER)


@pytest.fixture(name="verifier_b")
def verifier_b_fixture(app_services: Services) -> Actor:
    return add_user(app_services, "verifier.b", Role.VERIFIER)


@pytest.fixture(name="supervisor")
def supervisor_fixture(app_services: Services) -> Actor:
    return add_user(app_services, "supervisor.a", Role.SUPERVISOR)


@pytest.fixture(name="clerk")
def clerk_fixture(app_services: Services) -> Actor:
    return add_user(app_services, "clerk.a", Role.CLERK)


@pytest.fixture(name="sample_queue")
def sample_queue_fixture(app_services: Services, supervisor: Actor) -> Iterator[Services]:
    """The sample rosters imported and the two sample forms stored, verified at NOW."""
    if not (has_service("rosters") and has_service("verification")):
        pytest.skip("roster or verification service not there yet")
    if not ROSTERS.is_dir():
        pytest.skip("no sample rosters")
    for source in ("LCSD", "PEN"):
        app_services.rosters.import_roster(supervisor, ROSTERS / f"{source}.csv", source)
    submitted = datetime(2025, 1, 6, 2, 12, tzinfo=UTC)
    add_application(
        app_services.db,
        FORM_1,
        "LCSD",
        _FAMILY,
        submitted_at=submitted,
        received=date(2025, 1, 6),
        deadline=date(2025, 1, 24),
    )
    add_application(
        app_services.db,
        FORM_2,
        "PEN",
        _PENSIONER,
        submitted_at=submitted,
        received=date(2025, 1, 6),
        deadline=date(2025, 1, 24),
    )
    app_services.verification.verify(supervisor, at=NOW)
    yield app_services
