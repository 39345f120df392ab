"""Where the icons and translations are, from the source tree and when installed (package data)."""

from __future__ import annotations

import logging
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon

RESOURCES_DIR = Path(str(files("fc_admin.resources")))
ICONS_DIR = RESOURCES_DIR / "icons"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
TRANSLATION_BASENAME = "fc_admin"

log = logging.getLogger(__name__)


def icon(name: str) -> QIcon:
    """An icon from ``resources/icons/<name>.svg`` (an empty icon if the file is missing)."""
    path = ICONS_DIR / f"{name}.svg"
    if not path.exists():
        log.warning("icon %s is missing", path)
        return QIcon()
    return QIcon(str(path))


def ui_locale(language: str) -> QLocale:
    """The locale for dates and numbers shown in ``language`` ("en" or "zh_HK")."""
    if language == "zh_HK":
        return QLocale(
            QLocale.Language.Chinese,
            QLocale.Script.TraditionalChineseScript,
            QLocale.Country.HongKong,
        )
    return QLocale(QLocale.Language.English, QLocale.Country.HongKong)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our translation and Qt's own (buttons, dialogs) for ``language``.

    Returns the installed translators; the caller keeps them alive as long as the application.
    English is the source language, so it needs none.
    """
    QLocale.setDefault(ui_locale(language))
    if language == "en":
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"{TRANSLATION_BASENAME}_{language}", str(TRANSLATIONS_DIR)):
        installed.append(ours)
    else:
        log.warning("no %s translation in %s", language, TRANSLATIONS_DIR)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    # Qt ships no zh_HK: Taiwan's Traditional Chinese is the nearest for its standard buttons.
    if qt_own.load("qtbase_zh_TW", qt_dir):
        installed.append(qt_own)
    for translator in installed:
        app.installTranslator(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
