"""Keying in a paper application form taken at a clinic (R2.2), for clerks.

Up to six members (R2.1), each with the F2 member fields. The HKID fields say as the clerk types
whether the number is valid (R9.1); the principal's HKID defaults to the first member's. The
service checks the form by the rules of an e-form and names each field to fix; the dialog shows
that message and marks the fields it names.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.hkid import check_hkid
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.errors import ServiceError
from fc_admin.services.intake import InPersonForm, InPersonMember
from fc_admin.views import messages
from fc_admin.views.applications_model import category_name, child_status_name, relationship_name
from fc_admin.views.formatting import localized_name

MAX_MEMBERS = 6  # R2.1
VALID_STYLE = "color: #1b5e20;"
INVALID_STYLE = "color: #b71c1c;"
MARKED_STYLE = "border: 2px solid #b71c1c;"
ERROR_STYLE = "color: #b71c1c;"

# The service names fields as "member 2, date of birth" (intake._FIELD_NAMES).
_MEMBER_FIELD = re.compile(r"member (\d+), ([a-z' ]+)", re.IGNORECASE)
_SERVICE_FIELD_NAMES = {
    "HKID": "hkid",
    "English name": "name_en",
    "Chinese name": "name_zh",
    "date of birth": "date_of_birth",
    "category": "category",
    "relationship": "relationship",
    "principal's HKID": "principal_hkid",
    "department": "department",
    "staff number": "staff_no",
    "email": "email",
    "child status": "child_status",
}


def parse_date(text: str) -> date | None:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` (as F1 accepts); None if neither."""
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def hkid_indicator(text: str) -> tuple[str, str]:
    """(text, style) of the live check beside an HKID field (R9.1, R9.2)."""
    if not text.strip():
        return "", ""
    check = check_hkid(text)
    if check.valid:
        return "✓ " + (check.canonical or ""), VALID_STYLE
    if check.reason and check.reason.startswith("check character"):
        return "✗ " + QCoreApplication.translate(
            "KeyInForm", "wrong check character"
        ), INVALID_STYLE
    return "✗ " + QCoreApplication.translate("KeyInForm", "not an HKID number"), INVALID_STYLE


@dataclass
class MemberFields:
    box: QGroupBox
    hkid: QLineEdit
    hkid_check: QLabel
    name_en: QLineEdit
    name_zh: QLineEdit
    date_of_birth: QLineEdit
    category: QComboBox
    relationship: QComboBox
    principal_hkid: QLineEdit
    department: QComboBox
    staff_no: QLineEdit
    email: QLineEdit
    child_status: QComboBox
    remove_button: QPushButton

    def widget(self, name: str) -> QWidget | None:
        found = getattr(self, name, None)
        return found if isinstance(found, QWidget) else None


class KeyInDialog(QDialog):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.form_id: str | None = None
        self.members: list[MemberFields] = []
        self.setWindowTitle(
            QCoreApplication.translate("KeyInForm", "Key in a paper application form")
        )
        self.resize(1000, 720)

        self.clinic_combo = QComboBox()
        for code, name_en, name_zh in services.applications.clinics():
            self.clinic_combo.addItem(f"{code} — {localized_name(name_en, name_zh)}", code)
        if actor.clinic_code:
            self.clinic_combo.setCurrentIndex(max(self.clinic_combo.findData(actor.clinic_code), 0))
            self.clinic_combo.setEnabled(False)
        else:
            self.clinic_combo.setCurrentIndex(-1)
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(
            QCoreApplication.translate("KeyInForm", "for the activation details (R5.1)")
        )
        self.mobile_edit = QLineEdit()
        self.mobile_edit.setPlaceholderText(QCoreApplication.translate("KeyInForm", "8 digits"))
        header = QFormLayout()
        header.addRow(QCoreApplication.translate("KeyInForm", "Clinic:"), self.clinic_combo)
        header.addRow(
            QCoreApplication.translate("KeyInForm", "Applicant's email:"), self.email_edit
        )
        header.addRow(
            QCoreApplication.translate("KeyInForm", "Applicant's mobile:"), self.mobile_edit
        )

        self._departments: list[str] = []
        with contextlib.suppress(ServiceError, DatabaseError):  # a department can be typed
            self._departments = sorted(s.code for s in services.rosters.sources())

        self._members_holder = QWidget()
        self._members_layout = QVBoxLayout(self._members_holder)
        self._members_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._members_holder)
        self.add_member_button = QPushButton(
            QCoreApplication.translate("KeyInForm", "Add a member")
        )
        self.add_member_button.clicked.connect(lambda: self.add_member())

        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(QCoreApplication.translate("KeyInForm", "Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_member_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)
        self.add_member()

    # -- members ---------------------------------------------------------------------------------
    def add_member(self) -> MemberFields | None:
        if len(self.members) >= MAX_MEMBERS:
            return None
        box = QGroupBox()
        grid = QGridLayout(box)
        hkid = QLineEdit()
        hkid.setPlaceholderText("A123456(3)")
        hkid_check = QLabel()
        name_en = QLineEdit()
        name_en.setPlaceholderText(
            QCoreApplication.translate("KeyInForm", "as on the HKID card, e.g. CHAN, Tai Man")
        )
        name_zh = QLineEdit()
        date_of_birth = QLineEdit()
        date_of_birth.setPlaceholderText(QCoreApplication.translate("KeyInForm", "YYYY-MM-DD"))
        category = QComboBox()
        for code in ("officer", "pensioner", "survivor", "dependant"):
            category.addItem(category_name(code), code)
        relationship = QComboBox()
        for code in ("self", "spouse", "child"):
            relationship.addItem(relationship_name(code), code)
        principal = QLineEdit()
        department = QComboBox()
        department.setEditable(True)
        department.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code in self._departments:
            department.addItem(code, code)
        department.setCurrentIndex(-1)
        department_edit = department.lineEdit()
        if department_edit is not None:
            department_edit.setPlaceholderText(
                QCoreApplication.translate("KeyInForm", "e.g. LCSD; PEN for pensioners")
            )
        staff_no = QLineEdit()
        email = QLineEdit()
        email.setPlaceholderText(QCoreApplication.translate("KeyInForm", "optional"))
        child_status = QComboBox()
        child_status.addItem(QCoreApplication.translate("KeyInForm", "None"), None)
        for code in ("fte", "infirm"):
            child_status.addItem(child_status_name(code), code)
        remove = QPushButton(QCoreApplication.translate("KeyInForm", "Remove"))

        def add(row: int, column: int, label: str, widget: QWidget) -> None:
            grid.addWidget(QLabel(label), row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)

        # The live check sits under the field: beside it, it would squeeze the number.
        hkid_cell = QWidget()
        hkid_column = QVBoxLayout(hkid_cell)
        hkid_column.setContentsMargins(0, 0, 0, 0)
        hkid_column.setSpacing(0)
        hkid_column.addWidget(hkid)
        hkid_column.addWidget(hkid_check)
        add(0, 0, QCoreApplication.translate("KeyInForm", "HKID:"), hkid_cell)
        add(0, 1, QCoreApplication.translate("KeyInForm", "English name:"), name_en)
        add(0, 2, QCoreApplication.translate("KeyInForm", "Chinese name:"), name_zh)
        add(1, 0, QCoreApplication.translate("KeyInForm", "Date of birth:"), date_of_birth)
        add(1, 1, QCoreApplication.translate("KeyInForm", "Relationship:"), relationship)
        add(1, 2, QCoreApplication.translate("KeyInForm", "Category:"), category)
        add(2, 0, QCoreApplication.translate("KeyInForm", "Principal's HKID:"), principal)
        add(2, 1, QCoreApplication.translate("KeyInForm", "Department:"), department)
        add(2, 2, QCoreApplication.translate("KeyInForm", "Staff no.:"), staff_no)
        add(3, 0, QCoreApplication.translate("KeyInForm", "Email:"), email)
        add(3, 1, QCoreApplication.translate("KeyInForm", "Child status:"), child_status)
        grid.addWidget(remove, 3, 5, Qt.AlignmentFlag.AlignRight)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)

        fields = MemberFields(
            box,
            hkid,
            hkid_check,
            name_en,
            name_zh,
            date_of_birth,
            category,
            relationship,
            principal,
            department,
            staff_no,
            email,
            child_status,
            remove,
        )
        hkid.textChanged.connect(lambda text: self._hkid_typed(fields, text))
        relationship.currentIndexChanged.connect(lambda _i: self._relationship_changed(fields))
        remove.clicked.connect(lambda: self.remove_member(fields))
        if self.members:
            # A family has one department: the first member's, unless the clerk changes it.
            department.setEditText(self.members[0].department.currentText())
            relationship.setCurrentIndex(relationship.findData("spouse"))
        self.members.append(fields)
        self._members_layout.insertWidget(self._members_layout.count() - 1, box)
        self._relationship_changed(fields)
        self._renumber()
        hkid.setFocus()
        return fields

    def remove_member(self, fields: MemberFields) -> None:
        if len(self.members) <= 1:
            return
        self.members.remove(fields)
        fields.box.setParent(None)
        fields.box.deleteLater()
        self._renumber()

    def _renumber(self) -> None:
        for number, fields in enumerate(self.members, start=1):
            title = QCoreApplication.translate("KeyInForm", "Member {n}").format(n=number)
            if number == 1:
                title += " — " + QCoreApplication.translate("KeyInForm", "usually the principal")
            fields.box.setTitle(title)
            fields.remove_button.setEnabled(len(self.members) > 1)
        self.add_member_button.setEnabled(len(self.members) < MAX_MEMBERS)
        self._update_principal_placeholders()

    def _hkid_typed(self, fields: MemberFields, text: str) -> None:
        shown, style = hkid_indicator(text)
        fields.hkid_check.setText(shown)
        fields.hkid_check.setStyleSheet(style)
        fields.hkid.setStyleSheet("")
        if self.members and fields is self.members[0]:
            self._update_principal_placeholders()

    def _update_principal_placeholders(self) -> None:
        first = self.members[0].hkid.text().strip() if self.members else ""
        placeholder = (
            QCoreApplication.translate("KeyInForm", "default: {hkid}").format(hkid=first)
            if first
            else ""
        )
        for fields in self.members:
            fields.principal_hkid.setPlaceholderText(placeholder)

    def _relationship_changed(self, fields: MemberFields) -> None:
        relationship = fields.relationship.currentData()
        is_self = relationship == "self"
        current = fields.category.currentData()
        if is_self and current == "dependant":
            fields.category.setCurrentIndex(fields.category.findData("officer"))
        elif not is_self:
            fields.category.setCurrentIndex(fields.category.findData("dependant"))
        fields.child_status.setEnabled(relationship == "child")
        if relationship != "child":
            fields.child_status.setCurrentIndex(0)

    # -- saving ----------------------------------------------------------------------------------
    def _member(
        self, fields: MemberFields, first_hkid: str, first_department: str
    ) -> InPersonMember:
        dob_text = fields.date_of_birth.text().strip()
        parsed = parse_date(dob_text)
        principal = fields.principal_hkid.text().strip() or first_hkid
        department = fields.department.currentText().strip().upper() or first_department

        def optional(text: str) -> str | None:
            return text.strip() or None

        return InPersonMember(
            hkid=fields.hkid.text().strip(),
            name_en=fields.name_en.text().strip(),
            date_of_birth=parsed if parsed is not None else dob_text,
            category=str(fields.category.currentData()),
            relationship=str(fields.relationship.currentData()),
            principal_hkid=principal,
            department=department,
            name_zh=optional(fields.name_zh.text()),
            staff_no=optional(fields.staff_no.text()),
            email=optional(fields.email.text()),
            child_status=fields.child_status.currentData(),
        )

    def local_problems(self) -> list[str]:
        """What the dialog can tell before asking the service (marks the fields)."""
        problems: list[str] = []
        if self.clinic_combo.currentData() is None:
            problems.append(
                QCoreApplication.translate(
                    "KeyInForm", "Choose the clinic where the form was taken."
                )
            )
        for number, fields in enumerate(self.members, start=1):
            for name in ("hkid", "principal_hkid"):
                edit = fields.hkid if name == "hkid" else fields.principal_hkid
                text = edit.text().strip()
                if name == "principal_hkid" and not text:
                    continue
                if not text or not check_hkid(text).valid:
                    edit.setStyleSheet(MARKED_STYLE)
                    label = (
                        QCoreApplication.translate("KeyInForm", "HKID")
                        if name == "hkid"
                        else QCoreApplication.translate("KeyInForm", "principal's HKID")
                    )
                    problems.append(
                        QCoreApplication.translate(
                            "KeyInForm", "Member {n}: the {field} is not a valid HKID number."
                        ).format(n=number, field=label)
                    )
            if not fields.name_en.text().strip():
                fields.name_en.setStyleSheet(MARKED_STYLE)
                problems.append(
                    QCoreApplication.translate(
                        "KeyInForm", "Member {n}: the English name is missing."
                    ).format(n=number)
                )
            if parse_date(fields.date_of_birth.text()) is None:
                fields.date_of_birth.setStyleSheet(MARKED_STYLE)
                problems.append(
                    QCoreApplication.translate(
                        "KeyInForm", "Member {n}: the date of birth must be YYYY-MM-DD."
                    ).format(n=number)
                )
        return problems

    def _clear_marks(self) -> None:
        for fields in self.members:
            for name in _SERVICE_FIELD_NAMES.values():
                widget = fields.widget(name)
                if widget is not None:
                    widget.setStyleSheet("")
        self.error_label.clear()

    def mark_fields_named_in(self, message: str) -> list[tuple[int, str]]:
        """Mark the fields a service message names (``member 2, date of birth``)."""
        marked = []
        for match in _MEMBER_FIELD.finditer(message):
            number = int(match.group(1))
            words = match.group(2).strip()
            name = next(
                (
                    field
                    for label, field in _SERVICE_FIELD_NAMES.items()
                    if words.startswith(label.lower())
                ),
                None,
            )
            if name is None or not 1 <= number <= len(self.members):
                continue
            widget = self.members[number - 1].widget(name)
            if widget is not None:
                widget.setStyleSheet(MARKED_STYLE)
                marked.append((number, name))
        return marked

    def save(self) -> None:
        self._clear_marks()
        problems = self.local_problems()
        if problems:
            self.error_label.setText("\n".join(problems))
            return
        first = self.members[0]
        first_hkid = first.hkid.text().strip()
        first_department = first.department.currentText().strip().upper()
        form = InPersonForm(
            clinic_code=str(self.clinic_combo.currentData()),
            members=[self._member(f, first_hkid, first_department) for f in self.members],
            applicant_email=self.email_edit.text().strip() or None,
            applicant_mobile=self.mobile_edit.text().strip() or None,
        )
        try:
            self.form_id = self._services.intake.key_in_form(self._actor, form)
        except (ServiceError, DatabaseError) as exc:
            text = messages.error_text(exc)
            self.error_label.setText(text)
            self.mark_fields_named_in(text)
            return
        messages.show_info(
            self,
            QCoreApplication.translate("KeyInForm", "Form saved"),
            QCoreApplication.translate(
                "KeyInForm", "The form was saved as {form_id}; it is in the application queue now."
            ).format(form_id=self.form_id),
        )
        self.accept()
