"""A thin read-only table model over a list of plain rows (dataclasses from the services).

Subclasses say what the columns are called and what each cell shows; they hold no database
handle. Replacing the rows with a list of the same keys in the same order emits ``dataChanged``
for the rows that differ instead of resetting the whole model (the view keeps its selection).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # data(index, ROW_ROLE) gives the row object


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(
        self, key: Callable[[R], Hashable] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._key = key

    # -- for subclasses ------------------------------------------------------------------------
    def column_titles(self) -> list[str]:
        raise NotImplementedError

    def display(self, row: R, column: int) -> str:
        raise NotImplementedError

    def cell_data(self, row: R, column: int, role: int) -> Any:
        """Other roles (tool tips, colours, alignment); None when there is nothing special."""
        return None

    # -- rows ----------------------------------------------------------------------------------
    @property
    def rows(self) -> Sequence[R]:
        return tuple(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def set_rows(self, rows: Sequence[R]) -> None:
        new = list(rows)
        if self._key is not None and [self._key(r) for r in new] == [
            self._key(r) for r in self._rows
        ]:
            last_column = self.columnCount() - 1
            for i, (old_row, new_row) in enumerate(zip(self._rows, new, strict=True)):
                if old_row != new_row:
                    self._rows[i] = new_row
                    self.dataChanged.emit(self.index(i, 0), self.index(i, last_column))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def find_row(self, key: Hashable) -> int:
        """The position of the row with ``key`` (-1 if none)."""
        if self._key is None:
            raise TypeError("this model has no row key")
        for i, row in enumerate(self._rows):
            if self._key(row) == key:
                return i
        return -1

    # -- QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.column_titles())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == ROW_ROLE:
            return row
        return self.cell_data(row, index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            titles = self.column_titles()
            return titles[section] if 0 <= section < len(titles) else None
        return str(section + 1)
