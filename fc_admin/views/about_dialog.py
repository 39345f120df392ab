"""Help ▸ About: version, database, and whom to call."""

from __future__ import annotations

import html

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fc_admin import __version__
from fc_admin.views.resources import icon


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("AboutDialog", "About fc-admin"))
        picture = QLabel()
        picture.setPixmap(icon("app").pixmap(64, 64))
        text = QLabel(
            "<h3>fc-admin {version}</h3><p>{what}</p><p>{who}</p><p>{helpdesk}</p>"
            "<p><small>{database}<br>Qt {qt} · PySide6 {pyside}</small></p>".format(
                version=__version__,
                what=QCoreApplication.translate(
                    "AboutDialog", "Back office of the Families Clinics Online Booking System."
                ),
                who=QCoreApplication.translate(
                    "AboutDialog", "Department of Health, Government of the HKSAR."
                ),
                helpdesk=QCoreApplication.translate(
                    "AboutDialog",
                    "Online Booking System help desk: 2711 0213 "
                    "(Monday to Friday, 9:00–13:00 and 14:00–17:00).",
                ),
                database=QCoreApplication.translate("AboutDialog", "Database: {name}").format(
                    name=html.escape(database)
                ),
                qt=qVersion(),
                pyside=PySide6.__version__,
            )
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
