"""The one way the GUI runs long work: off the GUI thread, with progress, cancel and errors.

Modelled on Anki's ``QueryOp``: the work is a plain function ``fn(control) -> result`` (see
:mod:`fc_admin.tasks`) that never touches a widget. It runs on a worker of a ``QThreadPool``;
its progress, result or failure come back to the GUI thread as queued signals of a
:class:`Task`, and only there are callbacks called and widgets touched.

    task = runner.run(
        lambda control: services.audit.verify(),
        on_done=self.show_verification,
        owner=self,                      # callbacks are skipped if the page is gone by then
        progress_title=QCoreApplication.translate("AuditPage", "Verifying the audit log…"),
    )

Errors: a :class:`ServiceError` or :class:`DatabaseError` becomes its translated one-line
message; anything else becomes a generic message, and its traceback goes to the log only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from fc_admin.db import DatabaseError
from fc_admin.services.errors import ServiceError
from fc_admin.tasks import Cancelled, TaskControl
from fc_admin.views.messages import error_text

log = logging.getLogger(__name__)

T = TypeVar("T")

# Progress reports closer together than this are dropped (except the last one): a loop over
# 100,000 rows must not flood the GUI thread with queued signals.
PROGRESS_INTERVAL_S = 0.05
# A progress dialog appears only for work that lasts longer than this.
PROGRESS_DIALOG_DELAY_MS = 400


class Task(QObject, Generic[T]):
    """One run of a function on a worker thread. Its public signals arrive on the GUI thread."""

    progress = Signal(int, int, str)  # done, total (0 = unknown), what
    finished = Signal(object)  # the function's result
    failed = Signal(str)  # a translated one-line message
    cancelled = Signal()

    # Emitted on the worker thread, delivered (queued) to this object on the GUI thread.
    _worker_progress = Signal(int, int, str)
    _worker_result = Signal(object)
    _worker_error = Signal(object)
    _worker_cancelled = Signal()

    def __init__(
        self, fn: Callable[[TaskControl], T], name: str = "", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name or getattr(fn, "__name__", "task")
        self._fn = fn
        self._done = False
        self._last_progress = 0.0
        self._progress_lock = threading.Lock()
        self.control = TaskControl(on_progress=self._report_progress)
        queued = Qt.ConnectionType.QueuedConnection
        self._worker_progress.connect(self._deliver_progress, queued)
        self._worker_result.connect(self._deliver_result, queued)
        self._worker_error.connect(self._deliver_error, queued)
        self._worker_cancelled.connect(self._deliver_cancelled, queued)

    @property
    def done(self) -> bool:
        return self._done

    def cancel(self) -> None:
        """Ask the function to stop at its next ``control.check()`` / ``control.progress()``."""
        self.control.cancel()

    # -- worker thread -------------------------------------------------------------------------
    def _report_progress(self, done: int, total: int, what: str) -> None:
        now = time.monotonic()
        with self._progress_lock:
            if now - self._last_progress < PROGRESS_INTERVAL_S and not (total and done >= total):
                return
            self._last_progress = now
        self._worker_progress.emit(done, total, what)

    def execute(self) -> None:
        try:
            result = self._fn(self.control)
        except Cancelled:
            self._worker_cancelled.emit()
        except (ServiceError, DatabaseError) as exc:
            log.info("task %s failed: %s", self.name, exc)
            self._worker_error.emit(exc)
        except Exception as exc:
            log.exception("task %s failed unexpectedly", self.name)
            self._worker_error.emit(exc)
        else:
            if self.control.cancelled:
                self._worker_cancelled.emit()
            else:
                self._worker_result.emit(result)

    # -- GUI thread ----------------------------------------------------------------------------
    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, what: str) -> None:
        if not self._done:
            self.progress.emit(done, total, what)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        self._done = True
        self.finished.emit(result)

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        self._done = True
        assert isinstance(error, BaseException)
        self.failed.emit(error_text(error))

    @Slot()
    def _deliver_cancelled(self) -> None:
        self._done = True
        self.cancelled.emit()


class TaskRunner(QObject):
    """Starts tasks and keeps each (and its worker) alive until its result has been delivered."""

    task_started = Signal(object)
    task_ended = Signal(object)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Task[Any]] = set()

    @property
    def active_count(self) -> int:
        return len(self._running)

    def run(
        self,
        fn: Callable[[TaskControl], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        owner: QWidget | None = None,
        progress_title: str | None = None,
        cancellable: bool = True,
        progress_delay_ms: int = PROGRESS_DIALOG_DELAY_MS,
        name: str = "",
    ) -> Task[T]:
        """Run ``fn(control)`` on a worker thread; the callbacks run on the GUI thread.

        ``owner``: the widget the callbacks belong to; if it has been deleted by the time the
        task ends, the callbacks are skipped. ``progress_title``: show a progress dialog (after a
        short delay, ``progress_delay_ms``) over ``owner``, with a Cancel button unless
        ``cancellable`` is False.
        """
        # Parented to the runner: the C++ object is deleted here on the GUI thread (deleteLater),
        # never by the worker thread dropping the last Python reference.
        task: Task[T] = Task(fn, name, parent=self)

        def alive() -> bool:
            return owner is None or shiboken6.isValid(owner)

        dialog = (
            self._progress_dialog(task, owner, progress_title, cancellable, progress_delay_ms)
            if progress_title is not None
            else None
        )

        def end() -> None:
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.canceled.disconnect()  # closing a progress dialog emits "canceled"
                dialog.hide()
                dialog.deleteLater()
            self._running.discard(task)
            self.task_ended.emit(task)
            task.deleteLater()

        def finished(result: object) -> None:
            end()
            if on_done is not None and alive():
                on_done(result)  # type: ignore[arg-type]

        def failed(message: str) -> None:
            end()
            if on_failed is not None and alive():
                on_failed(message)

        def was_cancelled() -> None:
            end()
            if on_cancelled is not None and alive():
                on_cancelled()

        def progressed(done: int, total: int, what: str) -> None:
            if dialog is not None and shiboken6.isValid(dialog):
                _show_progress(dialog, done, total, what)
            if on_progress is not None and alive():
                on_progress(done, total, what)

        task.finished.connect(finished)
        task.failed.connect(failed)
        task.cancelled.connect(was_cancelled)
        task.progress.connect(progressed)
        self._running.add(task)  # a strong reference until its result has been delivered
        self.task_started.emit(task)
        self._pool.start(task.execute)
        return task

    def _progress_dialog(
        self,
        task: Task[Any],
        owner: QWidget | None,
        title: str,
        cancellable: bool,
        delay_ms: int,
    ) -> QProgressDialog:
        cancel_text = QCoreApplication.translate("TaskRunner", "Cancel") if cancellable else ""
        dialog = QProgressDialog(title, cancel_text, 0, 0, owner)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(delay_ms)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(task.cancel)
        dialog.setValue(0)
        return dialog

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait_for_all(self, timeout_ms: int = 10_000) -> bool:
        """Block until every worker has returned (shutdown and tests only)."""
        return bool(self._pool.waitForDone(timeout_ms))


def _show_progress(dialog: QProgressDialog, done: int, total: int, what: str) -> None:
    if total > 0:
        if dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(min(done, total))
    if what:
        dialog.setLabelText(what)
