"""Progress and cancellation for long work, without Qt.

Long work is a plain function taking a :class:`TaskControl`; it reports progress and checks for
cancellation between steps. The GUI runs such functions through ``views.task_runner``; the CLI
and the tests call them directly with a :class:`TaskControl` of their own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]  # (done, total, what); total 0 = unknown


class Cancelled(Exception):
    """The user cancelled; the work rolled back whatever it had not committed."""


class TaskControl:
    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self._on_progress = on_progress
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was asked for."""
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int = 0, what: str = "") -> None:
        self.check()
        if self._on_progress is not None:
            self._on_progress(done, total, what)


NO_CONTROL = TaskControl()
