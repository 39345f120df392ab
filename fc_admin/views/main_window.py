"""The main window: navigation, status bar, menus and the idle lock. The only place that wires
pages together; each page lives in its own module and is built the first time it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fc_admin.domain.roles import Permission
from fc_admin.services import Services
from fc_admin.services.activations import AccountView
from fc_admin.services.actor import Actor
from fc_admin.services.applications import RiskFilter
from fc_admin.settings import Settings
from fc_admin.views import dashboard_page
from fc_admin.views.about_dialog import AboutDialog
from fc_admin.views.activation_dialogs import ImportActivationsDialog
from fc_admin.views.activations_page import ActivationsPage, expire_overdue, send_reminders
from fc_admin.views.applications_page import ApplicationsPage
from fc_admin.views.audit_page import AuditPage
from fc_admin.views.calendar_page import CalendarPage
from fc_admin.views.clinics_page import ClinicsPage
from fc_admin.views.dashboard_page import DashboardPage
from fc_admin.views.eform_import_dialog import EFormImportDialog
from fc_admin.views.formatting import format_moment
from fc_admin.views.idle import IdleWatcher
from fc_admin.views.key_in_dialog import KeyInDialog
from fc_admin.views.lock_dialog import LockDialog
from fc_admin.views.messages import role_name
from fc_admin.views.quarantine_page import QuarantinePage
from fc_admin.views.query_export_dialog import QueryExportDialog
from fc_admin.views.resources import icon
from fc_admin.views.roster_import_dialog import RosterImportDialog
from fc_admin.views.settings_dialog import SettingsDialog
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.users_page import UsersPage

DEMO_STYLE = (
    "background: #ffb300; color: #000000; font-weight: bold; padding: 6px; "
    "border-bottom: 1px solid #c68400;"
)


@dataclass(frozen=True)
class PageSpec:
    key: str
    icon: str
    title: str
    build: Callable[[], QWidget]


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        services: Services,
        actor: Actor,
        settings: Settings,
        demo: bool = False,
        runner: TaskRunner | None = None,
        settings_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.actor = actor
        self.settings = settings
        self.demo = demo
        self.runner = runner or TaskRunner(self)
        self._settings_path = settings_path
        self._ending = False
        self.lock_dialog: LockDialog | None = None
        self.setWindowTitle(self._title())
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)

        self._specs = self._page_specs()
        self._pages: dict[str, QWidget] = {}
        self.nav = QListWidget()
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        for spec in self._specs:
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(0, 40))
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the page on first show
        self.nav.setFixedWidth(max(170, self.nav.sizeHintForColumn(0) + 24))
        self.nav.currentRowChanged.connect(self._navigate)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.demo_banner = QLabel(
            QCoreApplication.translate("MainWindow", "DEMO — synthetic data, changes are not kept")
        )
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.setStyleSheet(DEMO_STYLE)
        self.demo_banner.setVisible(demo)
        outer.addWidget(self.demo_banner)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._build_menus()
        self.idle_watcher = IdleWatcher(max(1, settings.idle_lock_minutes) * 60_000, self)
        self.idle_watcher.idle.connect(self.lock)
        self.nav.setCurrentRow(0)

    def _title(self) -> str:
        title = QCoreApplication.translate(
            "MainWindow", "Families Clinics Online Booking System — back office"
        )
        if self.demo:
            title += " — " + QCoreApplication.translate("MainWindow", "DEMO")
        return title

    # -- pages ---------------------------------------------------------------------------------
    def _page_specs(self) -> list[PageSpec]:
        s, a, r = self.services, self.actor, self.runner
        specs = []
        if a.may(Permission.VIEW_APPLICATIONS) or a.may(Permission.ISSUE_ACTIVATIONS):
            # The first screen after sign-in, for every role that has its figures.
            specs.append(
                PageSpec(
                    "dashboard",
                    "dashboard",
                    QCoreApplication.translate("MainWindow", "Dashboard"),
                    self._build_dashboard,
                )
            )
        if a.may(Permission.VIEW_APPLICATIONS):
            specs.append(
                PageSpec(
                    "applications",
                    "applications",
                    QCoreApplication.translate("MainWindow", "Applications"),
                    lambda: ApplicationsPage(s, a, r),
                )
            )
        if a.may(Permission.DECIDE_MEMBERS):
            specs.append(
                PageSpec(
                    "my_work",
                    "mywork",
                    QCoreApplication.translate("MainWindow", "My work"),
                    lambda: ApplicationsPage(s, a, r, my_work=True),
                )
            )
        if a.may(Permission.ISSUE_ACTIVATIONS):
            specs.append(
                PageSpec(
                    "activations",
                    "activations",
                    QCoreApplication.translate("MainWindow", "Activations"),
                    lambda: ActivationsPage(s, a, r),
                )
            )
        if a.may(Permission.BOOK_APPOINTMENTS):
            specs.append(
                PageSpec(
                    "booking",
                    "booking",
                    QCoreApplication.translate("MainWindow", "Booking console"),
                    self._build_booking_console,
                )
            )
        if a.may(Permission.PRINT_DAILY_LISTS):
            specs.append(
                PageSpec(
                    "daily_lists",
                    "dailylist",
                    QCoreApplication.translate("MainWindow", "Daily lists"),
                    self._build_daily_lists,
                )
            )
        specs += [
            PageSpec(
                "clinics",
                "clinics",
                QCoreApplication.translate("MainWindow", "Clinics"),
                lambda: ClinicsPage(s, a),
            ),
            PageSpec(
                "calendar",
                "calendar",
                QCoreApplication.translate("MainWindow", "Calendar"),
                lambda: CalendarPage(s, a),
            ),
        ]
        if a.may(Permission.MANAGE_CAPACITY) or a.may(Permission.BOOK_APPOINTMENTS):
            specs.append(
                PageSpec(
                    "capacity",
                    "capacity",
                    QCoreApplication.translate("MainWindow", "Capacity"),
                    self._build_capacity,
                )
            )
        if any(
            a.may(p)
            for p in (
                Permission.MANAGE_CAPACITY,
                Permission.BOOK_APPOINTMENTS,
                Permission.PRINT_DAILY_LISTS,
            )
        ):
            # Those who plan capacity, book, or run a clinic's day (R10).
            specs.append(
                PageSpec(
                    "utilisation",
                    "utilisation",
                    QCoreApplication.translate("MainWindow", "Utilisation"),
                    self._build_utilisation,
                )
            )
        if a.may(Permission.IMPORT_FILES):
            specs.append(
                PageSpec(
                    "quarantine",
                    "quarantine",
                    QCoreApplication.translate("MainWindow", "Quarantine"),
                    lambda: QuarantinePage(s, a),
                )
            )
        if a.may(Permission.MANAGE_USERS):
            specs.append(
                PageSpec(
                    "users",
                    "users",
                    QCoreApplication.translate("MainWindow", "Users"),
                    lambda: UsersPage(s, a),
                )
            )
        if a.may(Permission.VIEW_AUDIT):
            specs.append(
                PageSpec(
                    "audit",
                    "audit",
                    QCoreApplication.translate("MainWindow", "Audit log"),
                    lambda: AuditPage(s, a, self.runner),
                )
            )
        return specs

    def _build_booking_console(self) -> QWidget:
        from fc_admin.views.booking_console_page import BookingConsolePage

        return BookingConsolePage(self.services, self.actor, self.runner)

    def _build_daily_lists(self) -> QWidget:
        from fc_admin.views.daily_lists_page import DailyListsPage

        return DailyListsPage(self.services, self.actor, self.runner)

    def _build_capacity(self) -> QWidget:
        from fc_admin.views.capacity_page import CapacityPage

        return CapacityPage(self.services, self.actor, self.runner)

    def _build_utilisation(self) -> QWidget:
        from fc_admin.views.utilisation_page import UtilisationPage

        return UtilisationPage(self.services, self.actor, self.runner)

    # -- the dashboard opens the list behind each figure -----------------------------------------
    def _dashboard_targets(self) -> dict[str, str]:
        """Tile key -> what opening it shows, for the lists this role has."""
        keys = {spec.key for spec in self._specs}
        targets: dict[str, str] = {}
        if "applications" in keys:
            open_forms = QCoreApplication.translate(
                "MainWindow", "Open these forms in Applications"
            )
            for key in (
                dashboard_page.WAITING_DECISION,
                dashboard_page.AT_RISK,
                dashboard_page.OVERDUE,
            ):
                targets[key] = open_forms
        if "activations" in keys:
            targets[dashboard_page.WAITING_ACTIVATION] = QCoreApplication.translate(
                "MainWindow", "Open the members waiting in Activations"
            )
            accounts = QCoreApplication.translate(
                "MainWindow", "Open these accounts in Activations"
            )
            targets[dashboard_page.EXPIRING] = accounts
            targets[dashboard_page.ACTIVATION_RATE] = accounts
        return targets

    def _build_dashboard(self) -> QWidget:
        page = DashboardPage(self.services, self.actor, self.runner, self._dashboard_targets())
        page.open_requested.connect(self.open_from_dashboard)
        return page

    def open_from_dashboard(self, key: str) -> None:
        if key == dashboard_page.WAITING_DECISION:
            self.open_applications()
        elif key == dashboard_page.AT_RISK:
            self.open_applications(risk=RiskFilter.AT_RISK)
        elif key == dashboard_page.OVERDUE:
            self.open_applications(risk=RiskFilter.OVERDUE)
        elif key == dashboard_page.WAITING_ACTIVATION:
            self.open_pending_activations()
        elif key == dashboard_page.EXPIRING:
            self.open_accounts(AccountView.EXPIRING)
        elif key == dashboard_page.ACTIVATION_RATE:
            self.open_accounts(AccountView.ALL)

    def open_applications(self, **filters: object) -> ApplicationsPage:
        """The queue of open forms, with ``filters`` (ApplicationsPage.set_filter) and no other."""
        page = self.show_page("applications")
        assert isinstance(page, ApplicationsPage)
        chosen: dict[str, object] = {
            "status": "OPEN",
            "outcome": None,
            "department": None,
            "channel": None,
            "risk": None,
            "assigned_to": None,
            "undecided_only": False,
            "text": "",
        }
        chosen.update(filters)
        page.set_filter(**chosen)
        page.view.setFocus()
        return page

    def open_accounts(self, view: AccountView) -> ActivationsPage:
        page = self.show_page("activations")
        assert isinstance(page, ActivationsPage)
        page.set_view(view)
        page.accounts_view.setFocus()
        return page

    def open_pending_activations(self) -> ActivationsPage:
        page = self.show_page("activations")
        assert isinstance(page, ActivationsPage)
        page.pending_view.setFocus()
        return page

    def page_keys(self) -> list[str]:
        return [spec.key for spec in self._specs]

    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def show_page(self, key: str) -> QWidget:
        """Select a page in the navigation (building it if needed) and return it."""
        self.nav.setCurrentRow(self.page_keys().index(key))
        return self._pages[key]

    def current_page_key(self) -> str:
        return self._specs[self.nav.currentRow()].key

    def _navigate(self, row: int) -> None:
        if row < 0:
            return
        spec = self._specs[row]
        page = self._pages.get(spec.key)
        if page is None:
            page = spec.build()
            self._pages[spec.key] = page
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
        else:
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()  # show what changed on other pages meanwhile
        self.stack.setCurrentIndex(row)

    # -- status bar ----------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_label = QLabel()
        self.role_label = QLabel()
        self.database_label = QLabel(
            QCoreApplication.translate("MainWindow", "Database: {name}").format(
                name=self.services.db.display_name
            )
        )
        self.clock_label = QLabel()
        for label in (self.user_label, self.role_label, self.database_label, self.clock_label):
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)
        self._show_actor()
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self.update_clock)
        self._clock_timer.start()
        self.update_clock()

    def _show_actor(self) -> None:
        self.user_label.setText(
            QCoreApplication.translate("MainWindow", "Signed in: {name}").format(
                name=self.actor.display_name or self.actor.username
            )
        )
        self.user_label.setToolTip(self.actor.username)
        clinic = f" ({self.actor.clinic_code})" if self.actor.clinic_code else ""
        self.role_label.setText(
            QCoreApplication.translate("MainWindow", "Role: {role}").format(
                role=role_name(self.actor.role) + clinic
            )
        )

    def update_clock(self) -> None:
        self.clock_label.setText(
            QCoreApplication.translate("MainWindow", "HKT {time}").format(
                time=format_moment(self.services.clock.now())
            )
        )

    # -- menus ---------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
        self.settings_action = QAction(QCoreApplication.translate("MainWindow", "&Settings…"), self)
        self.settings_action.triggered.connect(self.open_settings)
        self.lock_action = QAction(QCoreApplication.translate("MainWindow", "&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.sign_out_action = QAction(QCoreApplication.translate("MainWindow", "Sign &out"), self)
        self.sign_out_action.triggered.connect(self.sign_out)
        quit_action = QAction(QCoreApplication.translate("MainWindow", "&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.sign_out_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self._build_work_menu()

        help_menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        about_action = QAction(QCoreApplication.translate("MainWindow", "&About fc-admin"), self)
        about_action.triggered.connect(self.open_about)
        help_menu.addAction(about_action)

    def _build_work_menu(self) -> None:
        """Imports and exports, each for the roles that may (the services check again)."""
        s, a, r = self.services, self.actor, self.runner
        dialogs: list[tuple[str, Permission, str, Callable[[], QDialog]]] = [
            (
                "roster_import",
                Permission.IMPORT_FILES,
                QCoreApplication.translate("MainWindow", "Import a &roster…"),
                lambda: RosterImportDialog(s, a, r, self),
            ),
            (
                "eform_import",
                Permission.IMPORT_FILES,
                QCoreApplication.translate("MainWindow", "Import &e-forms…"),
                lambda: EFormImportDialog(s, a, r, self.settings.trusted_keys, self),
            ),
            (
                "key_in",
                Permission.KEY_IN_FORMS,
                QCoreApplication.translate("MainWindow", "&Key in a paper form…"),
                lambda: KeyInDialog(s, a, self),
            ),
            (
                "query_export",
                Permission.EXPORT_FILES,
                QCoreApplication.translate("MainWindow", "Export a department's &query list…"),
                lambda: QueryExportDialog(s, a, r, self),
            ),
            (
                "activations_import",
                Permission.ISSUE_ACTIVATIONS,
                QCoreApplication.translate("MainWindow", "Import &activations…"),
                lambda: ImportActivationsDialog(s, a, r, self),
            ),
        ]
        entries: list[tuple[str, Permission, str, Callable[[], None]]] = [
            (key, permission, text, self._dialog_opener(make))
            for key, permission, text, make in dialogs
        ]
        entries += [
            (
                "activations_expire",
                Permission.ISSUE_ACTIVATIONS,
                QCoreApplication.translate("MainWindow", "E&xpire overdue accounts"),
                lambda: expire_overdue(self, s, a, r, self.refresh_current_page),
            ),
            (
                "activations_remind",
                Permission.ISSUE_ACTIVATIONS,
                QCoreApplication.translate("MainWindow", "Send activation &reminders"),
                lambda: send_reminders(self, s, a, r, self.refresh_current_page),
            ),
        ]
        self.work_actions: dict[str, QAction] = {}
        allowed = [entry for entry in entries if a.may(entry[1])]
        if not allowed:
            return
        menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Work"))
        for key, _permission, text, run in allowed:
            if key == "activations_import":
                menu.addSeparator()
            action = QAction(text, self)
            action.triggered.connect(lambda _checked=False, run=run: run())
            menu.addAction(action)
            self.work_actions[key] = action

    def _dialog_opener(self, make: Callable[[], QDialog]) -> Callable[[], None]:
        return lambda: self.open_dialog(make())

    def open_dialog(self, dialog: QDialog) -> None:
        """Run a work dialog; then show its effect on the current page."""
        dialog.exec()
        dialog.deleteLater()
        self.refresh_current_page()

    def refresh_current_page(self) -> None:
        refresh = getattr(self.stack.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()

    def make_settings_dialog(self) -> SettingsDialog:
        return SettingsDialog(self.settings, self.runner, self, settings_path=self._settings_path)

    def open_settings(self) -> None:
        self.make_settings_dialog().exec()

    def open_about(self) -> None:
        AboutDialog(self.services.db.display_name, self).exec()

    # -- lock and sign-out (R13.1) -------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    def lock(self) -> None:
        if self.locked or self._ending:
            return
        self.idle_watcher.pause()
        self.centralWidget().setVisible(False)  # nothing personal stays on screen
        self.menuBar().setEnabled(False)
        dialog = LockDialog(self.services.auth, self.actor, self)
        dialog.unlocked.connect(self._unlocked)
        dialog.sign_out_requested.connect(self.sign_out)
        self.lock_dialog = dialog
        dialog.show()  # a new top-level window: shown on top
        dialog.activateWindow()

    def _unlocked(self, actor: Actor) -> None:
        self._close_lock_dialog()
        if (actor.role, actor.clinic_code) != (self.actor.role, self.actor.clinic_code):
            # The role changed while locked: pages were built for the old one.
            self.sign_out()
            return
        self.centralWidget().setVisible(True)
        self.menuBar().setEnabled(True)
        self.idle_watcher.resume()

    def _close_lock_dialog(self) -> None:
        if self.lock_dialog is not None:
            self.lock_dialog.deleteLater()
            self.lock_dialog = None

    def sign_out(self) -> None:
        """Close this window; the application shows the sign-in dialog again."""
        self._close_lock_dialog()
        self._end()
        self.close()
        self.sign_out_requested.emit()

    def _end(self) -> None:
        if not self._ending:
            self._ending = True
            self.idle_watcher.stop()
            self._clock_timer.stop()
            self.runner.cancel_all()

    def closeEvent(self, event: QCloseEvent) -> None:
        signing_out = self._ending
        self._end()
        super().closeEvent(event)
        if not signing_out:
            self.quit_requested.emit()
