"""Composition root of the desktop application: settings, database, services, translators, windows.

``run_gui`` drives one session as a small state machine on the Qt event loop:

    open the database (worker thread) ─► first run? create the first administrator
                                       └► sign in ─► main window ─► sign out ─► sign in …
    --demo: temporary database seeded on a worker thread (splash) ─► main window as its admin
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton

from fc_admin import __version__
from fc_admin.db import Database, SchemaOutdated
from fc_admin.domain.roles import Role
from fc_admin.logs import configure_logging
from fc_admin.schema import current_revision, require_current, upgrade
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.clock import SystemClock
from fc_admin.settings import Settings, default_database_url
from fc_admin.tasks import TaskControl
from fc_admin.views.first_run_dialog import FirstRunDialog
from fc_admin.views.main_window import MainWindow
from fc_admin.views.resources import icon, install_translators, remove_translators
from fc_admin.views.settings_dialog import SettingsDialog
from fc_admin.views.sign_in_dialog import SignInDialog
from fc_admin.views.task_runner import TaskRunner

log = logging.getLogger(__name__)

DEMO_PEOPLE = 2000
DEMO_SEED = 1


def build_main_window(
    services: Services, actor: Actor, settings: Settings, demo: bool = False
) -> MainWindow:
    """The main window for a signed-in actor (also used by tests and benchmarks)."""
    return MainWindow(services, actor, settings, demo=demo)


# -- work done on a worker thread --------------------------------------------------------------
def open_database(url: str, control: TaskControl) -> Database:
    """Open ``url`` and check its schema; create the schema of the default file on first use."""
    db = Database(url)
    try:
        control.check()
        try:
            require_current(db)
        except SchemaOutdated:
            # Only the officer's own default file, and only when it has no schema at all: a
            # shared or older database is upgraded deliberately with "fc-admin db upgrade".
            if url != default_database_url() or current_revision(db) is not None:
                raise
            log.info("creating the schema of the new database %s", db.display_name)
            upgrade(db)
    except BaseException:
        db.dispose()
        raise
    return db


class _Relabelled(TaskControl):
    """Shows a worker's progress under our own translated words; cancels with the outer one."""

    def __init__(self, outer: TaskControl) -> None:
        super().__init__()
        self._outer = outer

    def cancel(self) -> None:
        self._outer.cancel()

    @property
    def cancelled(self) -> bool:
        return self._outer.cancelled

    def check(self) -> None:
        self._outer.check()

    def progress(self, done: int, total: int = 0, what: str = "") -> None:
        label = QCoreApplication.translate("App", "Generating synthetic data…")
        if total:
            label = QCoreApplication.translate(
                "App", "Generating synthetic data: {done} of {total} people…"
            ).format(done=f"{done:,}", total=f"{total:,}")
        self._outer.progress(done, total, label)


@dataclass(frozen=True)
class DemoData:
    db: Database
    folder: Path
    admin_username: str


def prepare_demo(control: TaskControl) -> DemoData:
    """A fresh temporary SQLite database with synthetic data (removed when the app ends)."""
    from fc_admin.services.demo import seed_demo_database  # heavy, and only for --demo

    folder = Path(tempfile.mkdtemp(prefix="fc-admin-demo-"))
    db = Database(f"sqlite:///{(folder / 'demo.sqlite3').as_posix()}")
    try:
        control.progress(0, 0, QCoreApplication.translate("App", "Creating the demo database…"))
        upgrade(db)
        seeded = seed_demo_database(
            db, SystemClock(), people=DEMO_PEOPLE, seed=DEMO_SEED, control=_Relabelled(control)
        )
    except BaseException:
        db.dispose()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return DemoData(db, folder, seeded.admin_username)


# -- the session on the GUI thread -------------------------------------------------------------
class GuiSession(QObject):
    def __init__(
        self, app: QApplication, settings: Settings, demo: bool, database_url: str
    ) -> None:
        super().__init__()
        self.app = app
        self.settings = settings
        self.demo = demo
        self.database_url = database_url
        self.runner = TaskRunner(self)
        self.services: Services | None = None
        self.window: MainWindow | None = None
        self.demo_folder: Path | None = None
        self.exit_code = 0

    def start(self) -> None:
        if self.demo:
            self.runner.run(
                prepare_demo,
                on_done=self._demo_ready,
                on_failed=self._fatal,
                on_cancelled=lambda: self.finish(0),
                progress_title=QCoreApplication.translate("App", "Preparing demo data…"),
                progress_delay_ms=0,  # the start-up splash: shown at once
                name="demo.prepare",
            )
        else:
            url = self.database_url
            self.runner.run(
                lambda control: open_database(url, control),
                on_done=self._database_open,
                on_failed=self._fatal,
                on_cancelled=lambda: self.finish(0),
                progress_title=QCoreApplication.translate("App", "Opening the database…"),
                name="database.open",
            )

    def _database_open(self, db: Database) -> None:
        self.services = Services(db, settings=self.settings)
        self.sign_in()

    def _demo_ready(self, demo: DemoData) -> None:
        self.demo_folder = demo.folder
        self.services = Services(demo.db, settings=self.settings)
        # The demo is trusted: it signs in as its own administrator without a password.
        actor = Actor(demo.admin_username, Role.ADMIN, None, demo.admin_username)
        for user in self.services.auth.list_users(actor):
            if user.username == demo.admin_username:
                actor = Actor(user.username, Role.ADMIN, None, user.display_name)
        self.show_main_window(actor)

    def sign_in(self) -> None:
        assert self.services is not None
        auth = self.services.auth
        dialog: SignInDialog | FirstRunDialog
        dialog = FirstRunDialog(auth) if not auth.has_users() else SignInDialog(auth)
        dialog.setWindowIcon(icon("app"))
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            self.finish(0)
            return
        self.show_main_window(dialog.actor)

    def show_main_window(self, actor: Actor) -> None:
        assert self.services is not None
        window = build_main_window(self.services, actor, self.settings, self.demo)
        window.sign_out_requested.connect(self._signed_out)
        window.quit_requested.connect(lambda: self.finish(0))
        self.window = window
        window.show()

    def _signed_out(self) -> None:
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        if self.demo:
            self.finish(0)
        else:
            QTimer.singleShot(0, self.sign_in)

    def _fatal(self, message: str) -> None:
        """A problem the user cannot fix from inside: say so plainly and end with status 1."""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("App", "fc-admin cannot start"),
            message,
        )
        settings_button = QPushButton(QCoreApplication.translate("App", "Settings…"))
        box.addButton(settings_button, QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is settings_button:
            SettingsDialog(self.settings, self.runner).exec()
        self.finish(1)

    def finish(self, code: int) -> None:
        self.exit_code = code
        self.app.exit(code)

    def shutdown(self) -> None:
        self.runner.cancel_all()
        self.runner.wait_for_all(10_000)
        if self.window is not None:
            self.window.close()
        if self.services is not None:
            self.services.db.dispose()
        if self.demo_folder is not None:
            shutil.rmtree(self.demo_folder, ignore_errors=True)


def run_gui(settings: Settings, demo: bool = False, database_url: str | None = None) -> int:
    """Run the desktop application until it ends; returns the process exit status."""
    configure_logging()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("fc-admin")
    app.setOrganizationName("DH")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    app.setQuitOnLastWindowClosed(False)  # signing out closes the window but not the app
    translators = install_translators(app, settings.language)
    session = GuiSession(app, settings, demo, database_url or settings.database_url)
    QTimer.singleShot(0, session.start)
    try:
        app.exec()
    finally:
        session.shutdown()
        remove_translators(app, translators)
    return session.exit_code
