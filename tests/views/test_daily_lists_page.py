"""The Daily lists page (R11, R10.4, R13.2): the list of a clinic and date, attendance keyed back,
the preview (QtPdf), printing and the F7 CSV, each print and export audited.

The test clock is Wednesday 8 January 2025, 10:00 in Hong Kong; CW is not live until 20 January
but takes manual telephone bookings (R7.2).
"""

from __future__ import annotations

import csv
from datetime import date, time
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from fc_admin.domain.booking_window import Channel
from fc_admin.models import Appointment
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.audit import AuditFilter
from fc_admin.services.clock import FixedClock
from fc_admin.views import daily_lists_page
from fc_admin.views.daily_lists_page import DailyListModel, DailyListsPage
from fc_admin.views.task_runner import TaskRunner
from tests.conftest import ADMIN
from tests.services.booking_support import CW_STAFF, hk, rostered
from tests.views.conftest import Boxes

TODAY = date(2025, 1, 8)
TOMORROW = date(2025, 1, 9)
SHOTS = Path("/tmp/shots")


@pytest.fixture
def booked(services: Services) -> list[str]:
    """Three telephone bookings at CW tomorrow (two at 09:00, one at 14:00) and one the day
    after; their booking references in list order."""
    people = rostered(services.db, 4)
    book = services.appointments.book
    refs = [
        book(CW_STAFF, "CW", people[0], TOMORROW, time(9), Channel.MANUAL).booking_ref,
        book(CW_STAFF, "CW", people[1], TOMORROW, time(9), Channel.MANUAL).booking_ref,
        book(CW_STAFF, "CW", people[2], TOMORROW, time(14), Channel.MANUAL).booking_ref,
    ]
    book(CW_STAFF, "CW", people[3], date(2025, 1, 10), time(9), Channel.MANUAL)
    return sorted(refs[:2]) + refs[2:]


def make_page(qtbot, services: Services, actor: Actor, runner: TaskRunner) -> DailyListsPage:  # type: ignore[no-untyped-def]
    page = DailyListsPage(services, actor, runner)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    wait(qtbot, runner)
    return page


def wait(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=15_000)


def shown_refs(page: DailyListsPage) -> list[str]:
    return [r.booking_ref for r in page.model.rows]


def select(page: DailyListsPage, refs: list[str]) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for ref in refs:
        selection.select(
            page.model.index(page.model.find_row(ref), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def db_status(services: Services, ref: str) -> str:
    with services.db.read() as s:
        return str(
            s.execute(
                sa.select(Appointment.status).where(Appointment.booking_ref == ref)
            ).scalar_one()
        )


def audits(services: Services, action: str) -> int:
    return services.audit.count(ADMIN, AuditFilter(action=action))


def test_default_date_is_tomorrow_and_rows_are_shown(qtbot, services, runner, booked) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, services, CW_STAFF, runner)
    assert page.day == TOMORROW
    assert page.clinic_codes() == ["CW"]  # R13.2: clinic staff see their own clinic only
    assert not page.clinic_combo.isEnabled()
    assert shown_refs(page) == booked
    assert page.model.data(page.model.index(0, DailyListModel.TIME)) == "09:00"
    hkid = page.model.data(page.model.index(0, DailyListModel.HKID))
    assert "XXX" in hkid  # R9.3
    assert "3" in page.summary_label.text()

    page.set_day(date(2025, 1, 10))
    wait(qtbot, runner)
    assert len(page.model.rows) == 1


def test_admin_sees_every_clinic(qtbot, services, runner) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, services, ADMIN, runner)
    assert len(page.clinic_codes()) == 6
    assert page.clinic_combo.isEnabled()


def test_a_day_without_sessions_says_why(qtbot, services, runner) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, services, CW_STAFF, runner)
    page.set_day(date(2025, 1, 11))  # a Saturday
    wait(qtbot, runner)
    assert page.model.rowCount() == 0
    assert "No sessions" in page.summary_label.text()


def test_future_appointments_cannot_be_marked(qtbot, services, runner, booked, boxes) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, services, CW_STAFF, runner)
    select(page, booked[:1])
    assert page.selected_refs() == booked[:1]
    assert not page.attended_button.isEnabled()
    page.mark_selected(True)
    assert db_status(services, booked[0]) == "BOOKED"
    assert "on or after the day" in page.status_label.text()
    assert audits(services, "appointment.attendance") == 0


def test_attendance_is_keyed_back(  # type: ignore[no-untyped-def]
    qtbot, services, clock: FixedClock, runner, booked, boxes: Boxes
) -> None:
    clock.at = hk(2025, 1, 9, 18)  # back at the office after the sessions
    page = make_page(qtbot, services, CW_STAFF, runner)
    page.set_day(TOMORROW)
    wait(qtbot, runner)
    select(page, booked[:2])
    assert page.attended_button.isEnabled()
    page.attended_button.click()
    wait(qtbot, runner)
    assert boxes.questions  # confirmed first
    assert [db_status(services, r) for r in booked] == ["ATTENDED", "ATTENDED", "BOOKED"]
    statuses = [r.status for r in page.model.rows]
    assert statuses == ["ATTENDED", "ATTENDED", "BOOKED"]
    assert page.model.data(page.model.index(0, DailyListModel.STATUS)) == "attended"
    assert audits(services, "appointment.attendance") == 2

    # A marked row cannot be marked again; the booked one can be a no-show.
    select(page, booked[:1])
    assert not page.no_show_button.isEnabled()
    select(page, booked[2:])
    page.mark_selected(False)
    wait(qtbot, runner)
    assert db_status(services, booked[2]) == "NO_SHOW"
    assert page.model.rows[2].status == "NO_SHOW"
    assert audits(services, "appointment.attendance") == 3
    assert not boxes.errors


def test_declined_confirmation_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, services, clock, runner, booked, boxes
) -> None:
    clock.at = hk(2025, 1, 9, 18)
    page = make_page(qtbot, services, CW_STAFF, runner)
    page.set_day(TOMORROW)
    wait(qtbot, runner)
    boxes.answer = False
    select(page, booked)
    page.mark_selected(False)
    wait(qtbot, runner)
    assert [db_status(services, r) for r in booked] == ["BOOKED"] * 3


def test_preview_writes_an_audited_pdf_and_shows_it(qtbot, services, runner, booked) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, services, CW_STAFF, runner)
    page.preview()
    wait(qtbot, runner)
    dialog = page.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert page.last_pdf is not None and page.last_pdf.exists()
    assert page.last_pdf.read_bytes().startswith(b"%PDF")
    assert dialog.document.status() == QPdfDocument.Status.Ready
    independent = QPdfDocument()
    independent.load(str(page.last_pdf))
    assert dialog.page_count == independent.pageCount() >= 1
    independent.close()
    assert audits(services, "daily_list.print") == 1
    dialog.close()


def test_print_to_a_pdf_printer(qtbot, services, runner, booked, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []

    def choose(_parent: object, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        asked.append(printer)
        return True

    monkeypatch.setattr(daily_lists_page, "choose_print_settings", choose)
    page = make_page(qtbot, services, CW_STAFF, runner)
    page.print_list()
    wait(qtbot, runner)
    assert asked
    assert target.exists()
    printed = QPdfDocument()
    printed.load(str(target))
    source = QPdfDocument()
    assert page.last_pdf is None  # a print is no preview
    source_path = sorted(Path(page._temp.path()).glob("*.pdf"))[-1]
    source.load(str(source_path))
    assert printed.pageCount() == source.pageCount() >= 1
    printed_pages = printed.pageCount()
    printed.close()
    source.close()
    assert audits(services, "daily_list.print") == 1
    assert page.status_label.text() == f"Sent {printed_pages} page(s) to the printer."


def test_a_long_list_prints_every_page(qtbot, services, runner, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    people = rostered(services.db, 48)
    slots = [time(h, m) for h in (9, 10, 11, 12, 14, 15, 16) for m in (0, 15, 30, 45)]
    for n, person in enumerate(people):
        slot = slots[n // 2]
        services.appointments.book(CW_STAFF, "CW", person, TOMORROW, slot, Channel.MANUAL)
    target = tmp_path / "printed.pdf"

    def choose(_parent: object, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    monkeypatch.setattr(daily_lists_page, "choose_print_settings", choose)
    page = make_page(qtbot, services, CW_STAFF, runner)
    assert page.model.rowCount() == 48
    page.print_list()
    wait(qtbot, runner)
    source = QPdfDocument()
    source.load(str(sorted(Path(page._temp.path()).glob("*.pdf"))[-1]))
    printed = QPdfDocument()
    printed.load(str(target))
    assert printed.pageCount() == source.pageCount() >= 2
    printed.close()
    source.close()


def test_print_cancelled_in_the_dialog_writes_nothing(qtbot, services, runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(daily_lists_page, "choose_print_settings", lambda _p, _pr: False)
    page = make_page(qtbot, services, CW_STAFF, runner)
    page.print_list()
    wait(qtbot, runner)
    assert audits(services, "daily_list.print") == 0


def test_csv_export(qtbot, services, runner, booked, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "list.csv"
    suggested: list[str] = []

    def choose(_parent: object, name: str) -> str:
        suggested.append(name)
        return str(target)

    monkeypatch.setattr(daily_lists_page, "choose_csv_file", choose)
    page = make_page(qtbot, services, CW_STAFF, runner)
    page.export_csv()
    wait(qtbot, runner)
    assert suggested == ["daily-list-CW-2025-01-09.csv"]
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:5] == ["clinic", "date", "session", "time", "booking_ref"]
    assert [r[4] for r in rows[1:]] == booked
    assert audits(services, "daily_list.export") == 1


def test_model(qtmodeltester, qtbot, services, runner, booked) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, services, CW_STAFF, runner)
    assert page.model.rowCount() == 3
    qtmodeltester.check(page.model)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_screenshots(qtbot, services, runner, booked, language, request) -> None:  # type: ignore[no-untyped-def]
    if language == "zh":
        request.getfixturevalue("chinese_ui")
    SHOTS.mkdir(exist_ok=True)
    page = make_page(qtbot, services, CW_STAFF, runner)
    page.show()
    qtbot.waitExposed(page)
    page.grab().save(str(SHOTS / f"daily_lists_{language}.png"))
    page.preview()
    wait(qtbot, runner)
    dialog = page.preview_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.wait(300)
    dialog.grab().save(str(SHOTS / f"daily_lists_preview_{language}.png"))
    dialog.close()
