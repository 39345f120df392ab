"""One member side by side: the particulars on the form against the roster row (R3.2).

Fields that differ are highlighted; under the grid are the outcome of the automatic check with
its reasons in words, the name similarity of a REVIEW, and the birthdays on which a child turns
19 and 21 (R1.2, R1.4). The widget shows a :class:`ComparisonContent`, plain text already in the
user's language, built from the verification service's ``MemberComparison`` (or, before a
verification, from the form alone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from fc_admin.domain.eligibility import age_out_dates
from fc_admin.services.applications import MemberRow
from fc_admin.services.verification import MemberComparison
from fc_admin.views.applications_model import (
    OUTCOME_COLOURS,
    category_name,
    child_status_name,
    outcome_name,
    reason_text,
    relationship_name,
    shown_hkid,
)
from fc_admin.views.formatting import format_date, format_moment

DIFFERS_STYLE = "background: #ffe0a3; color: #5d4000; font-weight: bold; padding: 2px 4px;"
SAME_STYLE = "padding: 2px 4px;"
MISSING_STYLE = "color: #777777; font-style: italic; padding: 2px 4px;"
HEADER_STYLE = "font-weight: bold; padding: 2px 4px; border-bottom: 1px solid #999999;"

# The compared fields, in the order shown; the keys are the verification service's names.
FIELD_KEYS = (
    "hkid",
    "name_en",
    "name_zh",
    "date_of_birth",
    "category",
    "relationship",
    "principal_hkid",
    "source",
    "staff_no",
    "child_status",
)


def field_label(key: str) -> str:
    labels = {
        "hkid": QCoreApplication.translate("MemberComparison", "HKID"),
        "name_en": QCoreApplication.translate("MemberComparison", "English name"),
        "name_zh": QCoreApplication.translate("MemberComparison", "Chinese name"),
        "date_of_birth": QCoreApplication.translate("MemberComparison", "Date of birth"),
        "category": QCoreApplication.translate("MemberComparison", "Category"),
        "relationship": QCoreApplication.translate("MemberComparison", "Relationship"),
        "principal_hkid": QCoreApplication.translate("MemberComparison", "Principal's HKID"),
        "source": QCoreApplication.translate("MemberComparison", "Department / source"),
        "staff_no": QCoreApplication.translate("MemberComparison", "Staff number"),
        "child_status": QCoreApplication.translate("MemberComparison", "Child status"),
        "status": QCoreApplication.translate("MemberComparison", "Roster status"),
    }
    return labels.get(key, key)


@dataclass(frozen=True)
class ComparedField:
    key: str
    label: str
    form: str
    roster: str | None  # None: no roster row to compare with
    differs: bool


@dataclass(frozen=True)
class ComparisonContent:
    fields: list[ComparedField]
    outcome: str | None
    reasons: list[str] = field(default_factory=list)
    similarity: float | None = None
    ages_out_19: date | None = None
    ages_out_21: date | None = None
    roster_found: bool = False  # False: no roster row, or the roster was not consulted
    roster_source: str | None = None
    roster_as_of: date | None = None
    verified_text: str = ""


def display_value(key: str, value: Any, full_hkid: bool) -> str:
    """A form or roster value as shown in the grid."""
    if value is None or value == "":
        return ""
    if key in ("hkid", "principal_hkid"):
        return shown_hkid(str(value), full_hkid)
    if isinstance(value, date):
        return format_date(value)
    if key == "category":
        return category_name(str(value))
    if key == "relationship":
        return relationship_name(str(value))
    if key == "child_status":
        return child_status_name(str(value))
    if key == "status":
        return {
            "active": QCoreApplication.translate("MemberComparison", "Active"),
            "inactive": QCoreApplication.translate("MemberComparison", "Inactive"),
        }.get(str(value), str(value))
    return str(value)


def content_from_comparison(comparison: MemberComparison, full_hkid: bool) -> ComparisonContent:
    """From the verification service's side-by-side view (form vs the matched roster row)."""
    form, roster = comparison.form, comparison.roster
    fields = [
        ComparedField(
            key=key,
            label=field_label(key),
            form=display_value(key, getattr(form, key), full_hkid),
            roster=None if roster is None else display_value(key, getattr(roster, key), full_hkid),
            differs=roster is not None and comparison.differs.get(key, False),
        )
        for key in FIELD_KEYS
    ]
    if roster is not None and roster.status is not None:
        status = display_value("status", roster.status, full_hkid)
        if roster.status_date is not None:
            status += " " + QCoreApplication.translate("MemberComparison", "(since {date})").format(
                date=format_date(roster.status_date)
            )
        fields.append(
            ComparedField("status", field_label("status"), "", status, roster.status != "active")
        )
    verified_at = comparison.verified_at
    return ComparisonContent(
        fields=fields,
        outcome=comparison.outcome.value if comparison.outcome is not None else None,
        reasons=list(comparison.reasons),
        similarity=comparison.similarity,
        ages_out_19=comparison.ages_out_19,
        ages_out_21=comparison.ages_out_21,
        roster_found=roster is not None,
        roster_source=comparison.roster_source,
        roster_as_of=comparison.roster_as_of,
        verified_text=format_moment(verified_at, seconds=False) if verified_at else "",
    )


def content_from_member(member: MemberRow, full_hkid: bool) -> ComparisonContent:
    """The form side only (no roster comparison available)."""
    values = {
        **{key: getattr(member, key, None) for key in FIELD_KEYS},
        "source": member.department,
    }
    fields = [
        ComparedField(
            key, field_label(key), display_value(key, values[key], full_hkid), None, False
        )
        for key in FIELD_KEYS
    ]
    age_19, age_21 = age_out_dates(member.date_of_birth, member.relationship)
    return ComparisonContent(
        fields=fields,
        outcome=member.outcome,
        reasons=list(member.reasons),
        similarity=member.similarity,
        ages_out_19=age_19,
        ages_out_21=age_21,
        verified_text=format_moment(member.verified_at, seconds=False)
        if member.verified_at
        else "",
    )


class MemberComparisonWidget(QWidget):
    """The grid (field | form | roster) and the outcome under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: ComparisonContent | None = None
        self._grid_holder = QFrame()
        self._grid_holder.setFrameShape(QFrame.Shape.StyledPanel)
        self._grid = QGridLayout(self._grid_holder)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(2)
        self._cells: dict[str, tuple[QLabel, QLabel]] = {}

        self.outcome_label = QLabel()
        self.outcome_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.PlainText)
        self.similarity_label = QLabel()
        self.ages_label = QLabel()
        self.ages_label.setWordWrap(True)
        self.roster_label = QLabel()
        self.roster_label.setWordWrap(True)
        self.placeholder = QLabel(
            QCoreApplication.translate("MemberComparison", "Select a member to compare.")
        )
        self.placeholder.setStyleSheet("color: #777777;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self._grid_holder)
        layout.addWidget(self.outcome_label)
        layout.addWidget(self.reasons_label)
        layout.addWidget(self.similarity_label)
        layout.addWidget(self.ages_label)
        layout.addWidget(self.roster_label)
        layout.addStretch(1)
        self.clear()

    # -- for tests and the detail pane ---------------------------------------------------------
    def form_value(self, key: str) -> str:
        return self._cells[key][0].text() if key in self._cells else ""

    def roster_value(self, key: str) -> str:
        return self._cells[key][1].text() if key in self._cells else ""

    def differing_fields(self) -> list[str]:
        if self.content is None:
            return []
        return [f.key for f in self.content.fields if f.differs]

    # -- showing -------------------------------------------------------------------------------
    def clear(self) -> None:
        self.content = None
        self._clear_grid()
        self._grid_holder.setVisible(False)
        for label in (
            self.outcome_label,
            self.reasons_label,
            self.similarity_label,
            self.ages_label,
            self.roster_label,
        ):
            label.clear()
            label.setVisible(False)
        self.placeholder.setVisible(True)

    def _clear_grid(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Off the screen at once: deleteLater alone leaves it drawn under the new grid.
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self._cells = {}

    def show_content(self, content: ComparisonContent) -> None:
        self.content = content
        self.placeholder.setVisible(False)
        self._clear_grid()
        self._grid_holder.setVisible(True)
        headers = (
            "",
            QCoreApplication.translate("MemberComparison", "On the form"),
            QCoreApplication.translate("MemberComparison", "On the roster"),
        )
        for column, text in enumerate(headers):
            header = QLabel(text)
            header.setStyleSheet(HEADER_STYLE)
            self._grid.addWidget(header, 0, column)
        for row, item in enumerate(content.fields, start=1):
            name = QLabel(item.label)
            name.setStyleSheet(SAME_STYLE)
            form = QLabel(item.form)
            if item.roster is None:
                roster = QLabel("—")
                roster.setStyleSheet(MISSING_STYLE)
            else:
                roster = QLabel(item.roster)
            for label in (form, roster):
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                label.setTextFormat(Qt.TextFormat.PlainText)
            if item.differs:
                for label in (name, form, roster):
                    label.setStyleSheet(DIFFERS_STYLE)
                name.setText(f"≠ {item.label}")
                name.setToolTip(
                    QCoreApplication.translate("MemberComparison", "Differs from the roster")
                )
            elif item.roster is not None:
                form.setStyleSheet(SAME_STYLE)
                roster.setStyleSheet(SAME_STYLE)
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(form, row, 1)
            self._grid.addWidget(roster, row, 2)
            self._cells[item.key] = (form, roster)
        self._grid.setColumnStretch(1, 1)
        self._grid.setColumnStretch(2, 1)
        self._show_outcome(content)

    def _show_outcome(self, content: ComparisonContent) -> None:
        code = content.outcome or "UNVERIFIED"
        colour = OUTCOME_COLOURS.get(code, "#000000")
        outcome = QCoreApplication.translate("MemberComparison", "Outcome: {outcome}").format(
            outcome=outcome_name(content.outcome)
        )
        if content.verified_text:
            outcome += "  " + QCoreApplication.translate(
                "MemberComparison", "(checked {time})"
            ).format(time=content.verified_text)
        self.outcome_label.setText(outcome)
        self.outcome_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.outcome_label.setVisible(True)

        if content.reasons:
            self.reasons_label.setText("\n".join(f"• {reason_text(r)}" for r in content.reasons))
            self.reasons_label.setVisible(True)
        else:
            self.reasons_label.setVisible(False)

        if content.similarity is not None and (code == "REVIEW" or content.similarity < 1):
            self.similarity_label.setText(
                QCoreApplication.translate(
                    "MemberComparison", "Name similarity: {percent}%"
                ).format(percent=round(content.similarity * 100))
            )
            self.similarity_label.setVisible(True)
        else:
            self.similarity_label.setVisible(False)

        lines = []
        if content.ages_out_19 is not None:
            lines.append(
                QCoreApplication.translate(
                    "MemberComparison",
                    "Turns 19 on {date}: from then eligible only in full-time education "
                    "or if infirm",
                ).format(date=format_date(content.ages_out_19))
            )
        if content.ages_out_21 is not None:
            lines.append(
                QCoreApplication.translate(
                    "MemberComparison", "Ages out on {date} (turns 21)"
                ).format(date=format_date(content.ages_out_21))
            )
        self.ages_label.setText("\n".join(lines))
        self.ages_label.setVisible(bool(lines))

        if content.roster_found and content.roster_source:
            roster = QCoreApplication.translate(
                "MemberComparison", "Roster: {source} as of {date}"
            ).format(source=content.roster_source, date=format_date(content.roster_as_of))
        elif content.roster_found:
            roster = ""
        elif content.outcome is None:
            roster = QCoreApplication.translate(
                "MemberComparison", "Not verified against the rosters yet."
            )
        else:
            roster = QCoreApplication.translate("MemberComparison", "No roster row for this HKID.")
        self.roster_label.setText(roster)
        self.roster_label.setVisible(bool(roster))
