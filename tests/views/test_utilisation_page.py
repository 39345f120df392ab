"""The utilisation calendar: booked against capacity per clinic and day (R7.2, R10)."""

from __future__ import annotations

import time as wall
from datetime import date, time

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.capacity import DayUtilisation
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.utilisation_page import (
    CHANNEL_COLOURS,
    CLOSED,
    DAY_ROLE,
    GO_LIVE_ROLE,
    HOLIDAY,
    MONTH,
    NON_OPERATING,
    OPEN,
    PARTLY_CLOSED,
    QUARTER,
    STATUS_ROLE,
    UTILISATION_ROLE,
    UtilisationDelegate,
    UtilisationPage,
    band_colour,
    channel_segments,
    period_of,
    shift_period,
)
from tests.services.booking_support import CW_STAFF, hk, rostered
from tests.views.conftest import add_user

Q1 = (date(2025, 1, 1), date(2025, 3, 31))
# CW, Q1 2025: 60 operating weekdays (Jan 19, Feb 20, Mar 21) of 112 seats.
CW_Q1_CAPACITY = 60 * 112


def _page(qtbot, services: Services, actor: Actor, runner: TaskRunner) -> UtilisationPage:
    page = UtilisationPage(services, actor, runner)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    return page


def _wait(qtbot, page: UtilisationPage) -> None:
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)


def _cell(page: UtilisationPage, day: date, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    index = page.model.index_for(day)
    assert index.isValid(), day
    return page.model.data(index, role)


def _book_some(services: Services) -> None:
    """Before CW's go-live: 1 ATBS + 1 manual on 2025-01-09; from it: 2 online + 1 manual on
    2025-01-21, and one cancelled (not counted)."""
    a, b, c, d, e, f = rostered(services.db, 6)
    before = hk(2025, 1, 8, 10)  # the test clock: ATBS and manual telephone book CW
    services.appointments.book(
        CW_STAFF, "CW", a, date(2025, 1, 9), time(9), Channel.ATBS, at=before
    )
    services.appointments.book(
        CW_STAFF, "CW", b, date(2025, 1, 9), time(14), Channel.MANUAL, at=before
    )
    live = hk(2025, 1, 20, 8)  # CW is live: online and manual telephone, D and D+1 (R8.1)
    for person, start, channel in (
        (c, time(9), Channel.ONLINE),
        (d, time(9, 15), Channel.ONLINE),
        (e, time(10), Channel.MANUAL),
    ):
        services.appointments.book(
            CW_STAFF, "CW", person, date(2025, 1, 21), start, channel, at=live
        )
    gone = services.appointments.book(
        CW_STAFF, "CW", f, date(2025, 1, 21), time(11), Channel.MANUAL, at=live
    )
    services.appointments.cancel(CW_STAFF, gone.booking_ref, "caller asked", at=live)


# --- plain functions -----------------------------------------------------------------------------


def test_periods() -> None:
    assert period_of(QUARTER, date(2025, 1, 8)) == Q1
    assert period_of(MONTH, date(2025, 2, 14)) == (date(2025, 2, 1), date(2025, 2, 28))
    assert shift_period(QUARTER, date(2025, 1, 1), 1) == (date(2025, 4, 1), date(2025, 6, 30))
    assert shift_period(QUARTER, date(2025, 1, 1), -1) == (date(2024, 10, 1), date(2024, 12, 31))
    assert shift_period(MONTH, date(2025, 1, 1), -1) == (date(2024, 12, 1), date(2024, 12, 31))


def test_channel_segments_split_the_bar_by_channel() -> None:
    booked = {"online": 2, "manual": 1}
    assert channel_segments(booked, 112, 112.0) == [
        (Channel.ONLINE, 0.0, 2.0),
        (Channel.MANUAL, 2.0, 1.0),
    ]
    # More bookings than seats (a closed day): the bar is the bookings, not the seats.
    assert channel_segments({"atbs": 3, "online": 1}, 0, 100.0) == [
        (Channel.ONLINE, 0.0, 25.0),
        (Channel.ATBS, 25.0, 75.0),
    ]
    assert channel_segments({}, 0, 100.0) == []


def test_utilisation_colours_rise_with_use() -> None:
    colours = [band_colour(p) for p in (None, 0.0, 10.0, 60.0, 90.0, 100.0)]
    assert colours[0] == colours[1]  # nothing booked: plain
    assert len({c.name() for c in colours[1:]}) == 5  # each band its own colour


# --- the page ------------------------------------------------------------------------------------


def test_opens_on_the_current_quarter_with_one_cell_per_day(
    qtbot, services: Services, admin: Actor, runner: TaskRunner, qtmodeltester
) -> None:
    page = _page(qtbot, services, admin, runner)
    assert page.period == Q1 and page.kind == QUARTER and page.clinic_code == "CW"
    assert page.loads == 1
    model = page.model
    qtmodeltester.check(model)
    assert model.columnCount() == 7
    assert model.rowCount() == 14  # Mon 2024-12-30 to Sun 2025-04-06
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Mon"
    # Cells outside the quarter hold no figures and cannot be selected.
    outside = model.index_for(date(2024, 12, 31))
    assert model.data(outside, DAY_ROLE) == date(2024, 12, 31)
    assert model.data(outside, UTILISATION_ROLE) is None
    assert model.flags(outside) == Qt.ItemFlag.NoItemFlags
    # Nothing booked yet: a standard weekday is 0 of 112 seats.
    assert _cell(page, date(2025, 1, 8)) == "0/112"
    assert str(_cell(page, date(2025, 1, 8), Qt.ItemDataRole.ToolTipRole)).startswith(
        "Wednesday, 8 January 2025"
    )
    assert f"Capacity {CW_Q1_CAPACITY:,} seats, booked 0" in page.summary_label.text()


def test_day_cells_show_booked_against_capacity_and_the_channel_split(
    qtbot, services: Services, admin: Actor, runner: TaskRunner, qtmodeltester
) -> None:
    _book_some(services)
    page = _page(qtbot, services, admin, runner)
    qtmodeltester.check(page.model)
    # R7.2: before go-live the telephone channels...
    assert _cell(page, date(2025, 1, 9)) == "2/112"
    before = _cell(page, date(2025, 1, 9), UTILISATION_ROLE)
    assert isinstance(before, DayUtilisation)
    assert before.booked == {"atbs": 1, "manual": 1} and not before.live
    assert before.online_seats == 0
    # ... from it online and manual; the cancelled appointment is not counted (R10.4).
    assert _cell(page, date(2025, 1, 21)) == "3/112"
    after = _cell(page, date(2025, 1, 21), UTILISATION_ROLE)
    assert isinstance(after, DayUtilisation)
    assert after.booked == {"online": 2, "manual": 1} and after.live
    assert after.online_seats == 56
    assert "Online: 2" in str(_cell(page, date(2025, 1, 21), Qt.ItemDataRole.ToolTipRole))
    # The go-live date is marked, and only it.
    assert _cell(page, date(2025, 1, 20), GO_LIVE_ROLE) is True
    assert _cell(page, date(2025, 1, 21), GO_LIVE_ROLE) is False
    # The summary: capacity, booked, utilisation and channel mix of the quarter.
    summary = page.summary_label.text()
    assert f"Capacity {CW_Q1_CAPACITY:,} seats, booked 5 (0.1%)" in summary
    assert "Online 40.0%" in summary and "Manual telephone 40.0%" in summary
    assert "Automated telephone (ATBS) 20.0%" in summary
    split = page.split_label.text()
    assert "Before go-live (2025-01-20)" in split and "booked 2" in split and "booked 3" in split


def test_the_bar_is_painted_in_the_channel_colours(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    _book_some(services)
    page = _page(qtbot, services, admin, runner)

    def colours_in_cell(day: date) -> dict[str, int]:
        image = QImage(1120, 80, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, 1120, 80)
        option.font = page.view.font()
        option.palette = page.view.palette()
        painter = QPainter(image)
        UtilisationDelegate().paint(painter, option, page.model.index_for(day))
        painter.end()
        counts = {c.value: 0 for c in CHANNEL_COLOURS}
        wanted = {colour.rgb(): channel.value for channel, colour in CHANNEL_COLOURS.items()}
        for y in range(image.height()):
            for x in range(image.width()):
                channel = wanted.get(image.pixel(x, y))
                if channel:
                    counts[channel] += 1
        return counts

    after = colours_in_cell(date(2025, 1, 21))  # 2 online, 1 manual
    assert after["online"] > 0 and after["manual"] > 0 and after["atbs"] == 0
    # Twice as many online as manual: about twice the length (edges are antialiased).
    assert 1.5 * after["manual"] < after["online"] < 3 * after["manual"]
    before = colours_in_cell(date(2025, 1, 9))  # 1 ATBS, 1 manual
    assert before["atbs"] > 0 and before["manual"] > 0 and before["online"] == 0
    assert colours_in_cell(date(2025, 1, 8)) == {"online": 0, "manual": 0, "atbs": 0}


def test_r10_2_holidays_and_weekends_have_no_capacity(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    page = _page(qtbot, services, admin, runner)
    assert _cell(page, date(2025, 1, 29)) == "0/0"  # Lunar New Year
    assert _cell(page, date(2025, 1, 29), STATUS_ROLE) == HOLIDAY
    assert "Holiday" in str(_cell(page, date(2025, 1, 29), Qt.ItemDataRole.ToolTipRole))
    assert _cell(page, date(2025, 1, 25), STATUS_ROLE) == NON_OPERATING  # a Saturday
    assert _cell(page, date(2025, 1, 28), STATUS_ROLE) == OPEN
    page.select_day(date(2025, 1, 29))
    assert "Holiday" in page.detail_text()
    assert "Capacity: 0 seats" in page.detail_text()


def test_r10_2_closures_show_on_the_calendar_and_in_the_day_panel(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    _book_some(services)
    page = _page(qtbot, services, admin, runner)
    services.capacity.close(admin, "CW", date(2025, 1, 21), None, "Typhoon signal No. 8")
    services.capacity.close(admin, "CW", date(2025, 1, 22), "PM", "Staff training")
    page.reload()
    _wait(qtbot, page)
    assert _cell(page, date(2025, 1, 21), STATUS_ROLE) == CLOSED
    assert _cell(page, date(2025, 1, 21)) == "0/0"  # no seats; the people to call are below
    assert _cell(page, date(2025, 1, 22), STATUS_ROLE) == PARTLY_CLOSED
    assert _cell(page, date(2025, 1, 22)) == "0/64"  # the AM session only
    assert "PM closed" in str(_cell(page, date(2025, 1, 22), Qt.ItemDataRole.ToolTipRole))
    page.select_day(date(2025, 1, 21))
    detail = page.detail_text()
    assert "Typhoon signal No. 8" in detail and "3 booked to call" in detail
    assert "Whole day" in detail
    page.select_day(date(2025, 1, 22))
    assert "Staff training" in page.detail_text()


def test_clicking_a_day_shows_its_channels(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    _book_some(services)
    page = _page(qtbot, services, admin, runner)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    index = page.model.index_for(date(2025, 1, 21))
    rect = page.view.visualRect(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    selected = page.selected_day()
    assert selected is not None and selected.day == date(2025, 1, 21)
    assert "Tuesday, 21 January 2025" in page.detail_box.title()
    detail = page.detail_text()
    assert "Booked: 3 (2.7%)" in detail
    assert "online 56, telephone 56" in detail
    # A day outside the quarter cannot be picked.
    outside = page.view.visualRect(page.model.index_for(date(2025, 4, 2)))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=outside.center())
    selected = page.selected_day()
    assert selected is not None and selected.day == date(2025, 1, 21)


def test_switching_the_period_loads_the_other_days(
    qtbot, services: Services, admin: Actor, runner: TaskRunner, qtmodeltester
) -> None:
    _book_some(services)
    page = _page(qtbot, services, admin, runner)
    page.next_button.click()
    assert page.loading  # read through the task runner, not on the GUI thread
    _wait(qtbot, page)
    assert page.period == (date(2025, 4, 1), date(2025, 6, 30))
    assert page.period_label.text() == "Q2 2025"
    assert not page.model.index_for(date(2025, 1, 21)).isValid()
    assert _cell(page, date(2025, 4, 1)) == "0/112"
    assert _cell(page, date(2025, 4, 4), STATUS_ROLE) == HOLIDAY  # Ching Ming
    qtmodeltester.check(page.model)
    page.previous_button.click()
    page.previous_button.click()
    _wait(qtbot, page)
    assert page.period == (date(2024, 10, 1), date(2024, 12, 31))
    page.current_button.click()
    _wait(qtbot, page)
    assert page.period == Q1 and _cell(page, date(2025, 1, 21)) == "3/112"
    # A month: January (the month of today, 2025-01-08).
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(MONTH))
    _wait(qtbot, page)
    assert page.period == (date(2025, 1, 1), date(2025, 1, 31))
    assert page.period_label.text() == "January 2025"
    assert page.model.rowCount() == 5
    assert "booked 5" in page.summary_label.text()
    page.next_button.click()
    _wait(qtbot, page)
    assert page.period == (date(2025, 2, 1), date(2025, 2, 28))
    assert "booked 0" in page.summary_label.text()


def test_a_quarter_shows_quickly(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    _book_some(services)
    page = _page(qtbot, services, admin, runner)
    started = wall.perf_counter()
    page.next_button.click()
    _wait(qtbot, page)
    elapsed = wall.perf_counter() - started
    assert page.loads == 2
    # The target is 200 ms on an officer's PC; a loaded test machine gets some slack.
    assert elapsed < 1.0


def test_switching_clinic_loads_that_clinic(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    _book_some(services)
    page = _page(qtbot, services, admin, runner)
    page.set_clinic("HK")
    _wait(qtbot, page)
    assert page.clinic_code == "HK"
    assert _cell(page, date(2025, 1, 21)) == "0/112"  # CW's bookings are not HK's
    assert _cell(page, date(2025, 1, 20), GO_LIVE_ROLE) is False  # HK has no go-live date
    assert "No go-live date" in page.split_label.text()


def test_r13_2_clinic_staff_see_their_own_clinic_only(
    qtbot, services: Services, runner: TaskRunner
) -> None:
    staff = add_user(services, "fl.clerk", Role.CLINIC, "FL")
    page = _page(qtbot, services, staff, runner)
    assert page.clinic_combo.count() == 1
    assert page.clinic_code == "FL"


def test_stale_results_are_not_shown(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    page = _page(qtbot, services, admin, runner)
    page.next_button.click()
    page.next_button.click()  # before the first one has arrived
    _wait(qtbot, page)
    runner.wait_for_all()
    qtbot.wait(50)
    assert page.period == (date(2025, 7, 1), date(2025, 9, 30))
    loaded = page.model.loaded
    assert loaded is not None and loaded.start == date(2025, 7, 1)


def test_works_in_chinese(
    qtbot, services: Services, admin: Actor, runner: TaskRunner, chinese_ui: None
) -> None:
    _book_some(services)
    page = _page(qtbot, services, admin, runner)
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "週一"
    assert _cell(page, date(2025, 1, 21)) == "3/112"
    assert "柴灣公務員診所" in page.clinic_combo.currentText()
    assert not page.grab().isNull()


def test_coming_back_to_the_page_reads_the_bookings_again(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    page = _page(qtbot, services, admin, runner)
    page.show()
    qtbot.waitExposed(page)
    _wait(qtbot, page)
    loads = page.loads
    assert _cell(page, date(2025, 1, 9)) == "0/112"
    page.hide()
    _book_some(services)  # meanwhile, at the booking console
    page.show()
    _wait(qtbot, page)
    assert page.loads == loads + 1
    assert _cell(page, date(2025, 1, 9)) == "2/112"
