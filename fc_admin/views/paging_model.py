"""A table model that pages through the database: one page per ``fetchMore``, never the whole set.

Subclasses say what a query is (:meth:`PagingTableModel.restart` with a page function) and what
the cells show; the paging, the guard against re-entrant fetches (views and Qt's model tester ask
again while rows are being inserted) and the error path live here once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Signal

from fc_admin.db import DatabaseError
from fc_admin.services.errors import ServiceError
from fc_admin.views.messages import error_text
from fc_admin.views.table_model import Index

R = TypeVar("R")
PageFunction = Callable[[int, int], Sequence[R]]  # (offset, limit) -> rows
PAGE_SIZE = 200


class PagingTableModel(QAbstractTableModel, Generic[R]):
    COLUMN_COUNT = 0

    load_failed = Signal(str)  # a translated one-line message

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._page: PageFunction[R] | None = None
        self._rows: list[R] = []
        self._exhausted = True
        self._fetching = False
        self.page_size = page_size
        self.pages_fetched = 0

    # -- for subclasses ------------------------------------------------------------------------
    def row_key(self, row: R) -> Hashable:
        """What identifies a row, for :meth:`find_row` and :meth:`update_row`."""
        raise NotImplementedError

    def restart(self, page: PageFunction[R] | None) -> None:
        """Start again from the first row with a new query (None: an empty model)."""
        self._fetching = True  # no fetch from inside the reset notification
        try:
            self.beginResetModel()
            self._page = page
            self._rows = []
            self._exhausted = page is None
            self.pages_fetched = 0
            self.endResetModel()
        finally:
            self._fetching = False
        if page is not None:
            self.fetchMore(QModelIndex())

    # -- rows ----------------------------------------------------------------------------------
    @property
    def rows(self) -> tuple[R, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def find_row(self, key: Hashable) -> int:
        for i, row in enumerate(self._rows):
            if self.row_key(row) == key:
                return i
        return -1

    def update_row(self, new: R) -> None:
        """Show a row's new state in place (no reset: the view keeps its selection)."""
        i = self.find_row(self.row_key(new))
        if i >= 0 and self._rows[i] != new:
            self._rows[i] = new
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.COLUMN_COUNT - 1))

    # -- paging --------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self.canFetchMore(parent) or self._page is None:
            return
        self._fetching = True
        try:
            self._fetch_page(self._page)
        finally:
            self._fetching = False

    def _fetch_page(self, page_function: PageFunction[R]) -> None:
        try:
            page = page_function(len(self._rows), self.page_size)
        except (ServiceError, DatabaseError) as exc:
            self._exhausted = True
            self.load_failed.emit(error_text(exc))
            return
        self.pages_fetched += 1
        if len(page) < self.page_size:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # -- QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT
