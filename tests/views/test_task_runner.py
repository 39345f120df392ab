"""The task runner: results, progress, cancel and errors reach the GUI thread; workers live on."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from fc_admin.db import DatabaseUnavailable
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services.errors import NotFound
from fc_admin.tasks import TaskControl
from fc_admin.views.task_runner import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot, runner: TaskRunner) -> None:
    gui_thread = threading.get_ident()
    worker_threads: list[int] = []
    results: list[tuple[int, int]] = []

    def work(_control: TaskControl) -> int:
        worker_threads.append(threading.get_ident())
        return 42

    task = runner.run(work, on_done=lambda r: results.append((r, threading.get_ident())))
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert results == [(42, gui_thread)]
    assert worker_threads and worker_threads[0] != gui_thread
    assert runner.active_count == 0


def test_progress_is_reported_in_order_and_ends_with_the_last_step(
    qtbot, runner: TaskRunner
) -> None:
    seen: list[tuple[int, int, str]] = []

    def work(control: TaskControl) -> str:
        for i in range(1, 101):
            control.progress(i, 100, f"row {i}")
        return "done"

    done: list[str] = []
    runner.run(work, on_progress=lambda *a: seen.append(a), on_done=done.append)
    qtbot.waitUntil(lambda: done == ["done"], timeout=5000)
    assert seen, "at least the last progress report arrives"
    assert seen[-1] == (100, 100, "row 100")
    assert [s[0] for s in seen] == sorted(s[0] for s in seen)
    assert len(seen) < 100  # throttled: the GUI thread is not flooded


def test_cancel_stops_the_work_and_reports_cancelled(qtbot, runner: TaskRunner) -> None:
    started = threading.Event()
    steps: list[int] = []

    def work(control: TaskControl) -> None:
        started.set()
        for i in range(10_000):
            control.progress(i, 10_000)
            steps.append(i)
            threading.Event().wait(0.001)

    cancelled: list[bool] = []
    done: list[object] = []
    task = runner.run(work, on_cancelled=lambda: cancelled.append(True), on_done=done.append)
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert cancelled == [True]
    assert done == []
    assert len(steps) < 10_000


def test_progress_dialog_cancel_button_cancels(qtbot, runner: TaskRunner) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    started = threading.Event()

    def work(control: TaskControl) -> None:
        started.set()
        while True:
            control.progress(0, 0, "waiting")
            threading.Event().wait(0.005)

    cancelled: list[bool] = []
    task = runner.run(
        work, owner=owner, progress_title="Working…", on_cancelled=lambda: cancelled.append(True)
    )
    assert started.wait(5)
    dialogs = owner.findChildren(QProgressDialog)
    assert len(dialogs) == 1
    (cancel_button,) = dialogs[0].findChildren(QPushButton)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        cancel_button.click()
    assert cancelled == [True]
    qtbot.waitUntil(lambda: not owner.findChildren(QProgressDialog), timeout=2000)


def test_service_error_becomes_its_message(qtbot, runner: TaskRunner) -> None:
    def work(_control: TaskControl) -> None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "no user {name}"), name="ghost")

    failures: list[str] = []
    task = runner.run(work, on_failed=failures.append)
    with qtbot.waitSignal(task.failed, timeout=5000):
        pass
    assert failures == ["No user ghost"]


def test_database_error_becomes_one_line(qtbot, runner: TaskRunner) -> None:
    def work(_control: TaskControl) -> None:
        raise DatabaseUnavailable("the database x does not answer: refused")

    failures: list[str] = []
    task = runner.run(work, on_failed=failures.append)
    with qtbot.waitSignal(task.failed, timeout=5000):
        pass
    assert failures == ["Database problem: the database x does not answer: refused"]


def test_unexpected_error_is_logged_not_shown(
    qtbot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    def work(_control: TaskControl) -> None:
        raise ZeroDivisionError("secret detail")

    failures: list[str] = []
    with caplog.at_level(logging.ERROR, logger="fc_admin.views.task_runner"):
        task = runner.run(work, on_failed=failures.append, name="divide")
        with qtbot.waitSignal(task.failed, timeout=5000):
            pass
    assert len(failures) == 1
    assert "secret detail" not in failures[0]
    assert "log" in failures[0]
    assert "ZeroDivisionError: secret detail" in caplog.text  # the traceback is in the log


def test_callbacks_skipped_when_owner_is_gone(qtbot, runner: TaskRunner) -> None:
    owner = QWidget()
    release = threading.Event()
    called: list[object] = []

    def work(_control: TaskControl) -> int:
        release.wait(5)
        return 1

    task = runner.run(work, owner=owner, on_done=called.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=5000)
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    assert called == []


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))


def test_running_tasks_are_kept_alive_without_a_caller_reference(qtbot, runner: TaskRunner) -> None:
    import gc

    release = threading.Event()
    done: list[int] = []
    runner.run(lambda _c: release.wait(5) and 7, on_done=done.append)  # reference dropped
    gc.collect()
    assert runner.active_count == 1
    release.set()
    qtbot.waitUntil(lambda: done == [7], timeout=5000)
    assert runner.active_count == 0
