"""Part 8: every string of fc_admin/ has a finished Traditional Chinese translation, and the
Chinese interface really shows Chinese."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.errors import SignInRefused
from fc_admin.views.messages import error_text
from fc_admin.views.resources import TRANSLATIONS_DIR
from fc_admin.views.sign_in_dialog import SignInDialog

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = TRANSLATIONS_DIR / "fc_admin_zh_HK.ts"
QM_FILE = TRANSLATIONS_DIR / "fc_admin_zh_HK.qm"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _tool_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool_module()


def test_every_message_has_a_finished_chinese_translation() -> None:
    messages = TOOL.messages(TS_FILE)
    assert len(messages) > 150
    unfinished = sorted(key for key, text in messages.items() if text is None)
    assert unfinished == [], "run tools/update_translations.py and translate these"


def test_translations_keep_every_placeholder() -> None:
    wrong = []
    for (context, source), text in TOOL.messages(TS_FILE).items():
        if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(text or "")):
            wrong.append((context, source, text))
    assert wrong == []


_CODES = {"ATBS", "HKID", "CSV", "PDF", "TOML"}


def _has_english_words(text: str) -> bool:
    words = re.findall(r"[A-Za-z]{2,}", _PLACEHOLDER.sub("", text))
    return any(word not in _CODES for word in words)


def test_translations_are_chinese() -> None:
    # Catch copy-pasted English: a translation without Chinese is only right for a string that
    # is nothing but placeholders, punctuation and codes ("{value}%", "ATBS"), or that drops
    # its English words ("{date} at {time}" -> "{date} {time}").
    latin = [
        (context, source)
        for (context, source), text in TOOL.messages(TS_FILE).items()
        if text and not _HAN.search(text) and _has_english_words(text)
    ]
    assert latin == []


def test_lupdate_finds_no_new_source_strings() -> None:
    in_code = TOOL.sources_in_code()
    in_ts = set(TOOL.messages(TS_FILE))
    assert in_code - in_ts == set(), "new strings: run tools/update_translations.py"
    assert in_ts - in_code == set(), "stale strings: run tools/update_translations.py"
    # lupdate really reads both kinds of call.
    contexts = {context for context, _source in in_code}
    assert {"errors", "MainWindow", "Roles"} <= contexts


def test_qm_is_newer_than_ts() -> None:
    assert QM_FILE.exists()
    assert QM_FILE.stat().st_mtime >= TS_FILE.stat().st_mtime - 1


def test_chinese_main_window(qtbot, chinese_ui: None, make_window, admin: Actor) -> None:
    window = make_window(admin)
    assert window.windowTitle() == "公務員診所網上預約系統 — 後勤管理"
    assert window.page_titles() == [
        "概覽",
        "申請",
        "診所",
        "日曆",
        "名額",
        "使用率",
        "隔離區",
        "用戶",
        "審計記錄",
    ]
    assert window.role_label.text() == "角色：系統管理員"
    assert window.clock_label.text() == "香港時間 2025-01-08 10:00:00"
    calendar = window.show_page("calendar")
    row = [h.name_en for h in calendar.model.rows].index("Good Friday")
    # Dates carry the weekday in Chinese.
    assert calendar.model.data(calendar.model.index(row, 0)) == "2025-04-18（週五）"
    assert calendar.model.data(calendar.model.index(row, 3)) == "公眾假期"


def test_chinese_service_errors(qtbot, chinese_ui: None, services: Services, admin: Actor) -> None:
    dialog = SignInDialog(services.auth)
    qtbot.addWidget(dialog)
    dialog.username_edit.setText("admin1")
    dialog.password_edit.setText("wrong")
    dialog.try_sign_in()
    assert dialog.error_label.text() == "用戶名稱或密碼錯誤"
    # Qt's own buttons come from qtbase_zh_TW.
    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "取消"
    locked = SignInRefused(
        "too many failed sign-ins: this account is locked until {until}", until="10:15"
    )
    assert error_text(locked) == "登入失敗次數過多：此帳戶已被鎖定至 10:15"


def test_chinese_permission_error_names_the_role_and_permission_in_chinese(
    chinese_ui: None,
) -> None:
    clerk = Actor("clerk1", Role.CLERK)
    from fc_admin.domain.roles import Permission
    from fc_admin.services.errors import PermissionDenied

    with pytest.raises(PermissionDenied) as caught:
        clerk.require(Permission.MANAGE_USERS)
    assert error_text(caught.value) == "clerk1（文員）無權管理用戶"


def test_chinese_booking_refusals_read_in_chinese_to_the_caller(
    chinese_ui: None, services: Services
) -> None:
    """Codes inside a refusal (channel, weekday, holiday, R3.2 reasons, state) are translated."""
    from datetime import date, datetime, time

    from fc_admin.domain.booking_window import Channel
    from fc_admin.domain.hktime import HONG_KONG
    from fc_admin.services.appointments import BookingRefused
    from fc_admin.services.errors import ServiceError

    clinic = Actor("cw1", Role.CLINIC, "CW")
    at = datetime(2025, 1, 28, 10, tzinfo=HONG_KONG)

    def refusal(**kwargs: object) -> str:
        with pytest.raises(ServiceError) as caught:
            services.appointments.book(clinic, "CW", "A123456(3)", at=at, **kwargs)  # type: ignore[arg-type]
        return error_text(caught.value)

    holiday = refusal(day=date(2025, 1, 29), start=time(10), channel=Channel.MANUAL)
    assert "農曆年初一" in holiday and "Lunar" not in holiday
    weekend = refusal(day=date(2025, 2, 1), start=time(10), channel=Channel.MANUAL)
    assert "星期六" in weekend and "Saturday" not in weekend
    atbs = BookingRefused(
        "the {time} slot on {day} is full for {channel} bookings",
        time="10:00",
        day="2025-01-30",
        channel="online",
    )
    assert "網上" in error_text(atbs) and "online" not in error_text(atbs)
    ineligible = BookingRefused(
        "{hkid} is not eligible on {day} according to the roster: {reasons}",
        hkid="A123XXX(X)",
        day="2025-01-30",
        reasons="INACTIVE",
    )
    assert "INACTIVE" not in error_text(ineligible)
    cancelled = BookingRefused(
        "{ref} is {status}, not booked: it cannot change", ref="CW1", status="CANCELLED"
    )
    assert "CANCELLED" not in error_text(cancelled)
