"""The dashboard, the first screen after sign-in: the day's work in a few large numbers.

Each tile is one figure of :class:`DashboardFigures` (forms waiting for a decision, members
waiting for activation details, forms at risk and overdue against the 14-working-day deadline
(R4.3), accounts expiring within 30 days, the activation rate). The figures are counts over whole
tables, so they are read through the task runner: when the page is shown, by Refresh, and every
few minutes while it is on screen. A tile is a button: clicking it (or Enter / Space when it has
the focus) asks the main window to open the list behind the number (``open_requested``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.dashboard import DashboardFigures
from fc_admin.tasks import TaskControl
from fc_admin.views.formatting import format_moment
from fc_admin.views.task_runner import TaskRunner

REFRESH_INTERVAL_MS = 5 * 60_000

# The tiles, in reading order; the keys are what ``open_requested`` carries.
WAITING_DECISION = "waiting_decision"
WAITING_ACTIVATION = "waiting_activation"
AT_RISK = "at_risk"
OVERDUE = "overdue"
EXPIRING = "expiring"
ACTIVATION_RATE = "activation_rate"
TILE_KEYS = (WAITING_DECISION, AT_RISK, OVERDUE, WAITING_ACTIVATION, EXPIRING, ACTIVATION_RATE)

NORMAL, GOOD, ATTENTION, ALERT = "normal", "good", "attention", "alert"
_TILE_COLOURS = {  # background, number, border (amber and red as in the queue, R4.3)
    NORMAL: ("#ffffff", "#1b5e8c", "#c9d3dc"),
    GOOD: ("#e8f5e9", "#1b5e20", "#a5d6a7"),
    ATTENTION: ("#ffe0a3", "#6d4c00", "#e0a030"),
    ALERT: ("#ffcdd2", "#8e0000", "#e57373"),
}


class DashboardTile(QFrame):
    """A large number with its label; a button when something can be opened behind it."""

    activated = Signal()

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.state = NORMAL
        self.openable = False
        self.setObjectName("dashboardTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumSize(250, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.number_label = QLabel("…")
        number_font = QFont(self.font())
        number_font.setPointSizeF(max(number_font.pointSizeF(), 9.0) * 2.6)
        number_font.setBold(True)
        self.number_label.setFont(number_font)
        self.title_label = QLabel(title)
        self.title_label.setWordWrap(True)
        title_font = QFont(self.font())
        title_font.setPointSizeF(max(title_font.pointSizeF(), 9.0) * 1.15)
        self.title_label.setFont(title_font)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        for label in (self.number_label, self.title_label, self.detail_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.number_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)
        self.setAccessibleName(title)
        self._restyle()

    def set_openable(self, openable: bool, hint: str = "") -> None:
        self.openable = openable
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if openable else Qt.FocusPolicy.NoFocus)
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if openable else Qt.CursorShape.ArrowCursor
        )
        self.setToolTip(hint)
        self.setAccessibleDescription(hint)

    def set_value(self, number: str, detail: str = "", state: str = NORMAL) -> None:
        self.number_label.setText(number)
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self.state = state
        self._restyle()

    def _restyle(self) -> None:
        background, number, border = _TILE_COLOURS[self.state]
        self.setStyleSheet(
            f"QFrame#dashboardTile {{ background: {background}; border: 1px solid {border}; "
            f"border-radius: 6px; }}"
            f"QFrame#dashboardTile:focus {{ border: 3px solid #1b5e8c; }}"
        )
        self.number_label.setStyleSheet(f"color: {number};")
        text = "#000000" if self.state == NORMAL else number
        self.title_label.setStyleSheet(f"color: {text};")
        self.detail_label.setStyleSheet(f"color: {text};")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            self.openable
            and event.button() == Qt.MouseButton.LeftButton
            and self.rect().contains(event.position().toPoint())
        ):
            self.activated.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.openable and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ):
            self.activated.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def count_text(n: int | None) -> str:
    return "—" if n is None else f"{n:,}"


def rate_text(rate: float | None) -> str:
    """``73%`` in the UI's locale; ``—`` before any account was issued."""
    if rate is None:
        return "—"
    return QLocale().toString(rate * 100, "f", 0) + "%"


class DashboardPage(QWidget):
    """The figures of the signed-in role; ``open_requested(key)`` when a tile is activated."""

    open_requested = Signal(str)

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        openable: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``openable``: tile key -> what opening it shows (its tool tip); other tiles only
        show their number."""
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._loading = False
        self.figures: DashboardFigures | None = None
        self.loads = 0  # figures shown so far (tests)

        heading = QLabel(QCoreApplication.translate("DashboardPage", "Today's work"))
        heading_font = QFont(heading.font())
        heading_font.setPointSizeF(max(heading_font.pointSizeF(), 9.0) * 1.5)
        heading_font.setBold(True)
        heading.setFont(heading_font)
        self.updated_label = QLabel()
        self.updated_label.setStyleSheet("color: #555555;")
        self.refresh_button = QPushButton(QCoreApplication.translate("DashboardPage", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        header.addWidget(heading)
        header.addStretch(1)
        header.addWidget(self.updated_label)
        header.addWidget(self.refresh_button)

        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)

        titles = {
            WAITING_DECISION: QCoreApplication.translate(
                "DashboardPage", "Forms waiting for a decision"
            ),
            AT_RISK: QCoreApplication.translate(
                "DashboardPage", "Forms at risk: 3 working days or fewer left"
            ),
            OVERDUE: QCoreApplication.translate(
                "DashboardPage", "Forms overdue: past the 14-working-day deadline"
            ),
            WAITING_ACTIVATION: QCoreApplication.translate(
                "DashboardPage", "Approved members waiting for activation details"
            ),
            EXPIRING: self._expiring_title(30),
            ACTIVATION_RATE: QCoreApplication.translate("DashboardPage", "Activation rate"),
        }
        self.tiles: dict[str, DashboardTile] = {}
        grid = QGridLayout()
        grid.setSpacing(14)
        for i, key in enumerate(TILE_KEYS):
            tile = DashboardTile(key, titles[key], self)
            hint = (openable or {}).get(key)
            tile.set_openable(hint is not None, hint or "")
            tile.activated.connect(lambda key=key: self.open_requested.emit(key))
            self.tiles[key] = tile
            grid.addWidget(tile, i // 3, i % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)

        self.hint_label = QLabel(
            QCoreApplication.translate(
                "DashboardPage", "Click a figure, or press Enter on it, to open the list behind it."
            )
        )
        self.hint_label.setStyleSheet("color: #555555;")
        self.hint_label.setVisible(bool(openable))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(header)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        layout.addLayout(grid)
        layout.addStretch(1)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_INTERVAL_MS)
        self.timer.timeout.connect(self._timed_refresh)
        self.timer.start()
        self.refresh()

    @staticmethod
    def _expiring_title(days: int) -> str:
        return QCoreApplication.translate(
            "DashboardPage", "Accounts expiring in the next {n} days"
        ).format(n=days)

    def _timed_refresh(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the figures again (task runner); a refresh already under way is enough."""
        if self._loading:
            return
        self._loading = True
        self.refresh_button.setEnabled(False)
        services, actor = self._services, self._actor

        def work(_control: TaskControl) -> DashboardFigures:
            return services.dashboard.figures(actor)

        def failed(message: str) -> None:
            self._loading = False
            self.refresh_button.setEnabled(True)
            self.error_label.setText(message)
            self.error_label.setVisible(True)

        def cancelled() -> None:
            self._loading = False
            self.refresh_button.setEnabled(True)

        self._runner.run(
            work,
            on_done=self.show_figures,
            on_failed=failed,
            on_cancelled=cancelled,
            owner=self,
            name="dashboard.figures",
        )

    def show_figures(self, figures: DashboardFigures) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        self.error_label.setVisible(False)
        self.figures = figures
        self.loads += 1
        f = figures
        self.tiles[WAITING_DECISION].set_value(count_text(f.forms_waiting_decision))
        self.tiles[AT_RISK].set_value(
            count_text(f.forms_at_risk), state=ATTENTION if f.forms_at_risk else NORMAL
        )
        self.tiles[OVERDUE].set_value(
            count_text(f.forms_overdue), state=ALERT if f.forms_overdue else NORMAL
        )
        self.tiles[WAITING_ACTIVATION].set_value(count_text(f.approved_waiting_activation))
        self.tiles[EXPIRING].title_label.setText(self._expiring_title(f.expiring_window_days))
        self.tiles[EXPIRING].set_value(
            count_text(f.accounts_expiring_30_days),
            state=ATTENTION if f.accounts_expiring_30_days else NORMAL,
        )
        self.tiles[ACTIVATION_RATE].set_value(
            rate_text(f.activation_rate),
            QCoreApplication.translate(
                "DashboardPage", "{active} active of {issued} issued"
            ).format(active=count_text(f.accounts_active), issued=count_text(f.accounts_issued)),
        )
        self.updated_label.setText(
            QCoreApplication.translate("DashboardPage", "Updated {time}").format(
                time=format_moment(self._services.clock.now())
            )
        )
