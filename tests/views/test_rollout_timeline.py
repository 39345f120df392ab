"""R7 on the clinics page: the rollout timeline (go-live markers, channels, clicks, tool tips)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor, QImage

from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.views.clinics_page import ClinicsPage
from fc_admin.views.rollout_timeline import (
    AFTER_COLOUR,
    BEFORE_COLOUR,
    MARKER_COLOUR,
    RolloutTimeline,
    month_label,
    timeline_range,
)
from tests.conftest import NOW
from tests.views.conftest import Boxes

TODAY = NOW.date()  # 2025-01-08
CW_GO_LIVE = date(2025, 1, 20)  # R7.1 default of CW and FL


def _timeline(qtbot, services: Services, width: int = 900) -> RolloutTimeline:
    timeline = RolloutTimeline()
    qtbot.addWidget(timeline)
    timeline.set_clinics(services.clinics.list_clinics(TODAY), TODAY)
    timeline.resize(width, timeline.heightForWidth(width))
    return timeline


def _page(qtbot, services: Services, actor: Actor) -> ClinicsPage:
    page = ClinicsPage(services, actor)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    page.show()  # laid out: the timeline has its real width
    qtbot.waitExposed(page)
    return page


def _image(timeline: RolloutTimeline) -> QImage:
    return timeline.grab().toImage()


def _colour_at(image: QImage, x: float, y: float) -> QColor:
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(x * ratio), int(y * ratio))


def _day_width(timeline: RolloutTimeline) -> float:
    return timeline.x_for(TODAY + timedelta(days=1)) - timeline.x_for(TODAY)


# --- the range -----------------------------------------------------------------------------------


def test_range_runs_from_a_month_before_the_first_go_live_to_three_months_after_the_last() -> None:
    assert timeline_range([CW_GO_LIVE, None, CW_GO_LIVE], TODAY) == (
        date(2024, 12, 1),
        date(2025, 4, 30),
    )
    assert timeline_range([date(2025, 3, 3), CW_GO_LIVE], TODAY) == (
        date(2024, 12, 1),
        date(2025, 6, 30),
    )


def test_range_without_any_go_live_is_the_current_quarter() -> None:
    assert timeline_range([None] * 6, TODAY) == (date(2025, 1, 1), date(2025, 3, 31))
    # Long after the rollout the axis still reaches today's month.
    assert timeline_range([CW_GO_LIVE], date(2026, 11, 23)) == (
        date(2024, 12, 1),
        date(2026, 11, 30),
    )
    assert timeline_range([], date(2025, 11, 30)) == (date(2025, 10, 1), date(2025, 12, 31))


# --- geometry and painting -----------------------------------------------------------------------


def test_x_for_and_date_at_are_inverse_and_linear(qtbot, services: Services) -> None:
    timeline = _timeline(qtbot, services)
    start, end = timeline.visible_range
    width = _day_width(timeline)
    assert width > 1
    for day in (start, TODAY, CW_GO_LIVE, end):
        assert timeline.date_at(timeline.x_for(day) + width / 2) == day
        assert timeline.date_at(timeline.x_for(day)) == day  # a day starts at its x
    # Equal days take equal room: 30 days further is 30 day widths further.
    assert timeline.x_for(CW_GO_LIVE + timedelta(days=30)) - timeline.x_for(
        CW_GO_LIVE
    ) == pytest.approx(30 * width)
    assert timeline.date_at(timeline.x_for(start) - 1) is None  # the clinic names
    assert timeline.date_at(timeline.width() + 5) is None


def test_r7_1_go_live_marker_sits_at_the_x_of_its_date(qtbot, services: Services) -> None:
    timeline = _timeline(qtbot, services)
    start, end = timeline.visible_range
    marker = timeline.marker_position("CW")
    assert marker is not None
    # Its x is as far along the axis as the date is along the range.
    left, right = timeline.x_for(start), timeline.x_for(end + timedelta(days=1))
    fraction = (CW_GO_LIVE - start).days / ((end - start).days + 1)
    assert marker.x() == pytest.approx(left + fraction * (right - left))
    assert timeline.marker_position("HK") is None  # not scheduled: no marker

    # And that is where it is painted: the marker, telephone + ATBS before, online after.
    image = _image(timeline)
    assert _colour_at(image, marker.x(), marker.y()) == MARKER_COLOUR
    bar = timeline.bar_rect("CW")
    top = bar.top() + 1  # above the text in the bar
    week = 7 * _day_width(timeline)
    assert _colour_at(image, marker.x() - week, top) == BEFORE_COLOUR
    assert _colour_at(image, marker.x() + week, top) == AFTER_COLOUR
    assert _colour_at(image, timeline.x_for(end) + 1, top) == AFTER_COLOUR
    # A clinic without a go-live date has no "online" stretch anywhere.
    hk_bar = timeline.bar_rect("HK")
    xs = [timeline.x_for(start + timedelta(days=d)) + 1 for d in range(0, 150, 10)]
    assert all(_colour_at(image, x, hk_bar.top() + 1) != AFTER_COLOUR for x in xs)


def test_clicking_a_date_on_the_axis_emits_it(qtbot, services: Services) -> None:
    timeline = _timeline(qtbot, services)
    day = date(2025, 2, 3)
    x = timeline.x_for(day) + _day_width(timeline) / 2
    with qtbot.waitSignal(timeline.dateClicked) as signal:
        qtbot.mouseClick(
            timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(timeline.axis_center()))
        )
    assert signal.args == [QDate(2025, 2, 3)]
    assert timeline.selected_date == day


def test_clicking_a_clinic_row_emits_the_date_and_the_clinic(qtbot, services: Services) -> None:
    timeline = _timeline(qtbot, services)
    x = round(timeline.x_for(CW_GO_LIVE) + _day_width(timeline) / 2)
    y = round(timeline.row_center("NT"))
    with (
        qtbot.waitSignal(timeline.dateClicked) as dates,
        qtbot.waitSignal(timeline.clinicClicked) as clinics,
    ):
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert dates.args == [QDate(2025, 1, 20)]
    assert clinics.args == ["NT"]


def test_clicking_the_clinic_names_emits_nothing(qtbot, services: Services) -> None:
    timeline = _timeline(qtbot, services)
    with qtbot.assertNotEmitted(timeline.dateClicked):
        qtbot.mouseClick(
            timeline, Qt.MouseButton.LeftButton, pos=QPoint(10, round(timeline.row_center("CW")))
        )


def test_arrow_keys_move_the_date_a_day(qtbot, services: Services) -> None:
    timeline = _timeline(qtbot, services)
    timeline.set_selected_date(CW_GO_LIVE)
    with qtbot.waitSignal(timeline.dateClicked) as signal:
        qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert signal.args == [QDate(2025, 1, 21)]
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    assert timeline.selected_date == date(2025, 1, 19)


def test_r7_2_tooltips_name_the_clinic_the_date_and_the_channels(qtbot, services: Services) -> None:
    timeline = _timeline(qtbot, services)
    y = timeline.row_center("CW")
    before = timeline.tooltip_at(timeline.x_for(date(2025, 1, 10)) + 1, y)
    assert before == (
        "Chai Wan Families Clinic (CW)\n"
        "2025-01-10: Manual telephone and Automated telephone (ATBS)\n"
        "Goes live on 2025-01-20."
    )
    after = timeline.tooltip_at(timeline.x_for(CW_GO_LIVE) + 1, y)
    assert "2025-01-20: Online and Manual telephone" in after
    assert "Live since 2025-01-20." in after
    not_scheduled = timeline.tooltip_at(timeline.x_for(CW_GO_LIVE) + 1, timeline.row_center("SK"))
    assert "Sai Kung Families Clinic (SK)" in not_scheduled
    assert "Not scheduled" in not_scheduled
    assert "Click to see what changes" in timeline.tooltip_at(
        timeline.x_for(CW_GO_LIVE) + 1, timeline.axis_center()
    )


def test_sizes_come_from_the_font(qtbot, services: Services) -> None:
    timeline = _timeline(qtbot, services)
    small = timeline.heightForWidth(900)
    font = timeline.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    timeline.setFont(font)
    assert timeline.heightForWidth(900) > small * 1.5
    # A narrow widget wraps the legend onto more lines: taller.
    assert timeline.heightForWidth(400) > timeline.heightForWidth(1600)


def test_works_in_chinese(qtbot, services: Services, chinese_ui: None) -> None:
    timeline = _timeline(qtbot, services)
    assert month_label(date(2025, 1, 1), True) == "2025年1月"
    tip = timeline.tooltip_at(timeline.x_for(CW_GO_LIVE) + 1, timeline.row_center("CW"))
    assert tip.startswith("柴灣公務員診所（CW）")
    assert not _image(timeline).isNull()


# --- on the clinics page -------------------------------------------------------------------------


def test_r7_3_clicking_the_timeline_shows_what_changes_on_that_date(
    qtbot, services: Services, admin: Actor
) -> None:
    page = _page(qtbot, services, admin)
    timeline = page.timeline
    assert timeline.selected_date == TODAY
    x = round(timeline.x_for(CW_GO_LIVE) + _day_width(timeline) / 2)
    qtbot.mouseClick(
        timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, round(timeline.axis_center()))
    )
    assert page.live_on == CW_GO_LIVE
    assert "Monday, 20 January 2025" in page.changes_box.title()
    assert page.changes_list.item(0).text().startswith("Chai Wan Families Clinic (CW) goes live")
    assert timeline.selected_date == CW_GO_LIVE
    page.set_live_on(date(2025, 2, 3))  # and the other way round
    assert timeline.selected_date == date(2025, 2, 3)


def test_clicking_a_row_selects_the_clinic_in_the_table(
    qtbot, services: Services, admin: Actor
) -> None:
    page = _page(qtbot, services, admin)
    timeline = page.timeline
    x = round(timeline.x_for(CW_GO_LIVE))
    qtbot.mouseClick(
        timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, round(timeline.row_center("KLN")))
    )
    clinic = page.selected_clinic()
    assert clinic is not None and clinic.code == "KLN"


def test_r7_1_changing_a_go_live_date_updates_the_timeline(
    qtbot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    page = _page(qtbot, services, admin)
    timeline = page.timeline
    assert timeline.marker_position("KLN") is None
    assert timeline.visible_range == (date(2024, 12, 1), date(2025, 4, 30))
    page.select_clinic("KLN")
    assert page.set_go_live(page.selected_clinic(), date(2025, 3, 3))
    assert boxes.errors == []
    # Three months after the new last go-live: the axis now reaches the end of June.
    assert timeline.visible_range == (date(2024, 12, 1), date(2025, 6, 30))
    marker = timeline.marker_position("KLN")
    assert marker is not None
    assert timeline.date_at(marker.x()) == date(2025, 3, 3)
    assert _colour_at(_image(timeline), marker.x(), marker.y()) == MARKER_COLOUR
    # Clearing CW's date leaves FL's marker, and CW "not scheduled".
    page.select_clinic("CW")
    assert page.set_go_live(page.selected_clinic(), None)
    assert timeline.marker_position("CW") is None
    assert timeline.marker_position("FL") is not None
