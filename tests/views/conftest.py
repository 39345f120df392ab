"""GUI test fixtures: offscreen Qt, an English UI unless a test asks for Chinese, real services
on a fresh SQLite database, and message boxes recorded instead of shown."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.settings import Settings
from fc_admin.views import messages
from fc_admin.views.main_window import MainWindow
from fc_admin.views.resources import (
    install_translators,
    remove_translators,
    ui_locale,
)
from fc_admin.views.task_runner import TaskRunner
from tests.conftest import ADMIN, OPERATOR

PASSWORD = "correct-horse-1"


@pytest.fixture(autouse=True)
def english_ui(qapp: QApplication) -> Iterator[None]:
    QLocale.setDefault(ui_locale("en"))
    yield
    QLocale.setDefault(ui_locale("en"))


@pytest.fixture
def chinese_ui(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "zh_HK")
    assert len(translators) == 2, "our zh_HK translation and Qt's qtbase_zh_TW must both load"
    yield
    remove_translators(qapp, translators)


@dataclass
class Boxes:
    """Message boxes the code under test wanted to show."""

    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answer: bool = True


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    recorded = Boxes()
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text: recorded.errors.append(text))
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: recorded.infos.append(text))

    def confirm(_parent: object, _title: str, text: str) -> bool:
        recorded.questions.append(text)
        return recorded.answer

    monkeypatch.setattr(messages, "confirm", confirm)
    return recorded


@pytest.fixture
def services(sqlite_services: Services) -> Services:
    return sqlite_services


@pytest.fixture
def admin(services: Services) -> Actor:
    """ADMIN from tests/conftest.py, as a real user who can sign in with PASSWORD."""
    services.auth.add_user(
        OPERATOR, ADMIN.username, Role.ADMIN, PASSWORD, display_name=ADMIN.display_name
    )
    return ADMIN


def add_user(services: Services, username: str, role: Role, clinic: str | None = None) -> Actor:
    services.auth.add_user(
        OPERATOR, username, role, PASSWORD, clinic_code=clinic, display_name=f"{username} name"
    )
    return Actor(username, role, clinic, f"{username} name")


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.cancel_all()
    assert task_runner.wait_for_all(10_000)


@pytest.fixture
def make_window(qtbot, services: Services):  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def make(actor: Actor, demo: bool = False, idle_minutes: int = 10) -> MainWindow:
        settings = Settings(database_url=services.db.url, idle_lock_minutes=idle_minutes)
        window = MainWindow(services, actor, settings, demo=demo)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.runner.cancel_all()
        assert window.runner.wait_for_all(10_000)
