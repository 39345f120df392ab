"""Small widget helpers shared by the pages (one look for every table and date field)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, QLocale
from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QHeaderView, QTableView, QWidget

from fc_admin.views.formatting import to_qdate

ISO_DATE_FORMAT = "yyyy-MM-dd"


def table_view(model: QAbstractItemModel, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    return view


COLUMN_PADDING = 12


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their contents, plus a little air."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count() - 1):  # the last one stretches
        view.setColumnWidth(column, view.columnWidth(column) + COLUMN_PADDING)


def date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A date field with a calendar pop-up, ISO format, weekday names in the UI language."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(ISO_DATE_FORMAT)
    edit.setLocale(QLocale())
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(2200, 12, 31))
    if value is not None:
        edit.setDate(to_qdate(value))
    return edit
