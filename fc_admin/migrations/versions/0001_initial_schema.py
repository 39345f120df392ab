"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 01:49:54.462587
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

from fc_admin.models.base import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_record",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=80), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_record")),
    )
    with op.batch_alter_table("audit_record", schema=None) as batch_op:
        batch_op.create_index("ix_audit_record_action_id", ["action", "id"], unique=False)
        batch_op.create_index("ix_audit_record_actor_id", ["actor", "id"], unique=False)
        batch_op.create_index("ix_audit_record_at", ["at"], unique=False)

    op.create_table(
        "clinic",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("name_zh", sa.String(length=60), nullable=False),
        sa.Column("enquiry_phone", sa.String(length=40), nullable=False),
        sa.Column("appointment_phones", sa.String(length=80), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("go_live_date", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_clinic")),
    )
    op.create_table(
        "non_working_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("name_zh", sa.String(length=60), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_non_working_day")),
    )
    op.create_table(
        "quarantined_eform",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("form_id", sa.String(length=40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantined_eform")),
    )
    op.create_table(
        "roster_source",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name_en", sa.String(length=160), nullable=False),
        sa.Column("name_zh", sa.String(length=80), nullable=False),
        sa.Column("is_pensions", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_roster_source")),
    )
    op.create_table(
        "shared_setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_shared_setting")),
    )
    op.create_table(
        "sign_in_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempt")),
    )
    with op.batch_alter_table("sign_in_attempt", schema=None) as batch_op:
        batch_op.create_index("ix_sign_in_attempt_username_at", ["username", "at"], unique=False)

    op.create_table(
        "application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=False),
        sa.Column("received_date", sa.Date(), nullable=False),
        sa.Column("notification_deadline", sa.Date(), nullable=False),
        sa.Column("applicant_hkid", sa.String(length=12), nullable=False),
        sa.Column("applicant_email", sa.String(length=254), nullable=True),
        sa.Column("applicant_mobile", sa.String(length=20), nullable=True),
        sa.Column("clinic_code", sa.String(length=8), nullable=True),
        sa.Column("keyed_by", sa.String(length=80), nullable=True),
        sa.Column("signature_key_id", sa.String(length=80), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("assigned_to", sa.String(length=80), nullable=True),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinic_code"], ["clinic.code"], name=op.f("fk_application_clinic_code_clinic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application")),
        sa.UniqueConstraint("form_id", name=op.f("uq_application_form_id")),
    )
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.create_index("ix_application_assigned_to", ["assigned_to"], unique=False)
        batch_op.create_index(
            "ix_application_status_deadline", ["status", "notification_deadline"], unique=False
        )

    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_ref", sa.String(length=20), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("clinic_code", sa.String(length=8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("session_name", sa.String(length=20), nullable=False),
        sa.Column("hkid", sa.String(length=12), nullable=False),
        sa.Column("name_en", sa.String(length=160), nullable=False),
        sa.Column("name_zh", sa.String(length=60), nullable=False),
        sa.Column("category", sa.String(length=12), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("booked_at", UTCDateTime(), nullable=False),
        sa.Column("booked_by", sa.String(length=80), nullable=False),
        sa.Column("contact_phone", sa.String(length=20), nullable=True),
        sa.Column("status_changed_by", sa.String(length=80), nullable=True),
        sa.Column("status_changed_at", UTCDateTime(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('BOOKED', 'ATTENDED', 'NO_SHOW', 'CANCELLED')",
            name=op.f("ck_appointment_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["clinic_code"], ["clinic.code"], name=op.f("fk_appointment_clinic_code_clinic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
        sa.UniqueConstraint("booking_ref", name=op.f("uq_appointment_booking_ref")),
        sa.UniqueConstraint("request_id", name=op.f("uq_appointment_request_id")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_appointment_clinic_day", ["clinic_code", "day", "start_time"], unique=False
        )
        batch_op.create_index(
            "uq_appointment_active_person_day",
            ["hkid", "day"],
            unique=True,
            sqlite_where=sa.text("status <> 'CANCELLED'"),
            postgresql_where=sa.text("status <> 'CANCELLED'"),
        )

    op.create_table(
        "closure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_code", sa.String(length=8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session_name", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinic_code"], ["clinic.code"], name=op.f("fk_closure_clinic_code_clinic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closure")),
    )
    op.create_table(
        "roster_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_code", sa.String(length=12), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("as_of_date", sa.Date(), nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=80), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("counts_json", sa.Text(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_code"],
            ["roster_source.code"],
            name=op.f("fk_roster_import_source_code_roster_source"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_import")),
    )
    with op.batch_alter_table("roster_import", schema=None) as batch_op:
        batch_op.create_index(
            "ix_roster_import_source_current", ["source_code", "is_current"], unique=False
        )

    op.create_table(
        "session_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_code", sa.String(length=8), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinic_code"], ["clinic.code"], name=op.f("fk_session_template_clinic_code_clinic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_template")),
        sa.UniqueConstraint("clinic_code", "valid_from", name="uq_session_template_clinic_from"),
    )
    op.create_table(
        "slot_seats",
        sa.Column("clinic_code", sa.String(length=8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("pool", sa.String(length=10), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "taken >= 0 AND taken <= capacity", name=op.f("ck_slot_seats_within_capacity")
        ),
        sa.ForeignKeyConstraint(
            ["clinic_code"], ["clinic.code"], name=op.f("fk_slot_seats_clinic_code_clinic")
        ),
        sa.PrimaryKeyConstraint(
            "clinic_code", "day", "start_time", "pool", name=op.f("pk_slot_seats")
        ),
    )
    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("clinic_code", sa.String(length=8), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("locked_until", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinic_code"], ["clinic.code"], name=op.f("fk_staff_user_clinic_code_clinic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_user")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_user_username")),
    )
    op.create_table(
        "application_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("hkid", sa.String(length=12), nullable=False),
        sa.Column("name_en", sa.String(length=160), nullable=False),
        sa.Column("name_zh", sa.String(length=60), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=12), nullable=False),
        sa.Column("relationship", sa.String(length=8), nullable=False),
        sa.Column("principal_hkid", sa.String(length=12), nullable=False),
        sa.Column("department", sa.String(length=12), nullable=False),
        sa.Column("staff_no", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("child_status", sa.String(length=8), nullable=True),
        sa.Column("outcome", sa.String(length=12), nullable=True),
        sa.Column("outcome_reasons", sa.Text(), nullable=False),
        sa.Column("name_similarity", sa.Float(), nullable=True),
        sa.Column("verified_at", UTCDateTime(), nullable=True),
        sa.Column("decision", sa.String(length=8), nullable=True),
        sa.Column("decision_reason", sa.String(length=40), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_application_member_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_member")),
        sa.UniqueConstraint("application_id", "position", name="uq_application_member_position"),
    )
    with op.batch_alter_table("application_member", schema=None) as batch_op:
        batch_op.create_index("ix_application_member_hkid", ["hkid"], unique=False)
        batch_op.create_index("ix_application_member_outcome", ["outcome"], unique=False)

    op.create_table(
        "application_remark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_application_remark_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_remark")),
    )
    with op.batch_alter_table("application_remark", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_remark_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "roster_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("source_code", sa.String(length=12), nullable=False),
        sa.Column("staff_no", sa.String(length=20), nullable=True),
        sa.Column("hkid", sa.String(length=12), nullable=False),
        sa.Column("name_en", sa.String(length=160), nullable=False),
        sa.Column("name_zh", sa.String(length=60), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=12), nullable=False),
        sa.Column("relationship", sa.String(length=8), nullable=False),
        sa.Column("principal_hkid", sa.String(length=12), nullable=False),
        sa.Column("child_status", sa.String(length=8), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["roster_import.id"],
            name=op.f("fk_roster_person_import_id_roster_import"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_person")),
        sa.UniqueConstraint("import_id", "hkid", name="uq_roster_person_import_hkid"),
    )
    with op.batch_alter_table("roster_person", schema=None) as batch_op:
        batch_op.create_index("ix_roster_person_hkid", ["hkid"], unique=False)
        batch_op.create_index(
            "ix_roster_person_import_principal", ["import_id", "principal_hkid"], unique=False
        )

    op.create_table(
        "template_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("days", sa.String(length=40), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("online_seats", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["session_template.id"],
            name=op.f("fk_template_session_template_id_session_template"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_template_session")),
        sa.UniqueConstraint("template_id", "name", name="uq_template_session_name"),
    )
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.String(length=20), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("hkid", sa.String(length=12), nullable=False),
        sa.Column("code_hash", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("activation_deadline", sa.Date(), nullable=False),
        sa.Column("activated_at", UTCDateTime(), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("delivery", sa.String(length=8), nullable=False),
        sa.Column("email_to", sa.String(length=254), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("send_error", sa.Text(), nullable=True),
        sa.Column("reminder_sent_at", UTCDateTime(), nullable=True),
        sa.Column("suspended_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["application_member.id"],
            name=op.f("fk_account_member_id_application_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("account_id", name=op.f("uq_account_account_id")),
        sa.UniqueConstraint("member_id", name=op.f("uq_account_member_id")),
    )
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_index("ix_account_hkid", ["hkid"], unique=False)
        batch_op.create_index(
            "ix_account_status_deadline", ["status", "activation_deadline"], unique=False
        )

    _make_audit_log_append_only()
    _insert_the_six_clinics()


# R13.3: the audit log is append-only at the database level too; the hash chain detects what a
# database superuser could still do behind our back.
def _make_audit_log_append_only() -> None:
    if op.get_context().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_record_no_{event.lower()} BEFORE {event} ON audit_record "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record "
            "FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()"
        )


# R6 and R7.1: the six Families Clinics and their default go-live dates.
CLINICS = [
    ("CW", "Chai Wan Families Clinic", "柴灣公務員診所", "2595 6305", "2557 4319", 1, "2025-01-20"),
    (
        "HK",
        "Hong Kong Families Clinic",
        "香港公務員診所",
        "2838 7349",
        "2574 1683, 2574 5670",
        2,
        None,
    ),
    (
        "KLN",
        "Kowloon Families Clinic",
        "九龍公務員診所",
        "2388 2102",
        "2771 1518, 2771 6946",
        3,
        None,
    ),
    ("NT", "New Territories Families Clinic", "新界公務員診所", "2422 7911", "2428 8309", 4, None),
    ("FL", "Fanling Families Clinic", "粉嶺公務員診所", "2627 3125", "2886 5522", 5, "2025-01-20"),
    ("SK", "Sai Kung Families Clinic", "西貢公務員診所", "2569 1422", "2569 1955", 6, None),
]


def _insert_the_six_clinics() -> None:
    clinic = sa.table(
        "clinic",
        sa.column("code", sa.String),
        sa.column("name_en", sa.String),
        sa.column("name_zh", sa.String),
        sa.column("enquiry_phone", sa.String),
        sa.column("appointment_phones", sa.String),
        sa.column("sort_order", sa.Integer),
        sa.column("go_live_date", sa.Date),
        sa.column("version", sa.Integer),
    )
    op.bulk_insert(
        clinic,
        [
            {
                "code": code,
                "name_en": name_en,
                "name_zh": name_zh,
                "enquiry_phone": enquiry,
                "appointment_phones": lines,
                "sort_order": order,
                "go_live_date": date.fromisoformat(live) if live else None,
                "version": 1,
            }
            for code, name_en, name_zh, enquiry, lines, order, live in CLINICS
        ],
    )


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_record_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_record_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_record_append_only ON audit_record")
        op.execute("DROP FUNCTION IF EXISTS audit_record_append_only()")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index("ix_account_status_deadline")
        batch_op.drop_index("ix_account_hkid")

    op.drop_table("account")
    op.drop_table("template_session")
    with op.batch_alter_table("roster_person", schema=None) as batch_op:
        batch_op.drop_index("ix_roster_person_import_principal")
        batch_op.drop_index("ix_roster_person_hkid")

    op.drop_table("roster_person")
    with op.batch_alter_table("application_remark", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_remark_application_id"))

    op.drop_table("application_remark")
    with op.batch_alter_table("application_member", schema=None) as batch_op:
        batch_op.drop_index("ix_application_member_outcome")
        batch_op.drop_index("ix_application_member_hkid")

    op.drop_table("application_member")
    op.drop_table("staff_user")
    op.drop_table("slot_seats")
    op.drop_table("session_template")
    with op.batch_alter_table("roster_import", schema=None) as batch_op:
        batch_op.drop_index("ix_roster_import_source_current")

    op.drop_table("roster_import")
    op.drop_table("closure")
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_appointment_active_person_day",
            sqlite_where=sa.text("status <> 'CANCELLED'"),
            postgresql_where=sa.text("status <> 'CANCELLED'"),
        )
        batch_op.drop_index("ix_appointment_clinic_day")

    op.drop_table("appointment")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index("ix_application_status_deadline")
        batch_op.drop_index("ix_application_assigned_to")

    op.drop_table("application")
    with op.batch_alter_table("sign_in_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_sign_in_attempt_username_at")

    op.drop_table("sign_in_attempt")
    op.drop_table("shared_setting")
    op.drop_table("roster_source")
    op.drop_table("quarantined_eform")
    op.drop_table("non_working_day")
    op.drop_table("clinic")
    with op.batch_alter_table("audit_record", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_record_at")
        batch_op.drop_index("ix_audit_record_actor_id")
        batch_op.drop_index("ix_audit_record_action_id")

    op.drop_table("audit_record")
