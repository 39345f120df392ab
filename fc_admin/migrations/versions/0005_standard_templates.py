"""the standard weekly session template for the six clinics; closure lookup index

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# R10.1, F8: until an administrator loads their own, every clinic runs the week of the F8
# example (Mon-Fri 09:00-13:00 and 14:00-17:00, 15-minute slots, 4 seats of which 2 online),
# valid from the start of 2024 so that every date of the rollout has sessions.
STANDARD_FROM = date(2024, 1, 1)
CLINICS = ("CW", "HK", "KLN", "NT", "FL", "SK")
SOURCE_TEXT = """[[session]]
name = "AM"
days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
start = "09:00"
end = "13:00"
slot_minutes = 15
capacity = 4
online = 2

[[session]]
name = "PM"
days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
start = "14:00"
end = "17:00"
slot_minutes = 15
capacity = 4
online = 2
"""


def upgrade() -> None:
    with op.batch_alter_table("closure", schema=None) as batch_op:
        batch_op.create_index("ix_closure_clinic_day", ["clinic_code", "day"], unique=False)
    template = sa.table(
        "session_template",
        sa.column("id", sa.Integer),
        sa.column("clinic_code", sa.String),
        sa.column("valid_from", sa.Date),
        sa.column("source_text", sa.Text),
        sa.column("created_by", sa.String),
        sa.column("created_at", sa.DateTime),
    )
    session = sa.table(
        "template_session",
        sa.column("template_id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("days", sa.String),
        sa.column("start", sa.Time),
        sa.column("end", sa.Time),
        sa.column("slot_minutes", sa.Integer),
        sa.column("capacity", sa.Integer),
        sa.column("online_seats", sa.Integer),
    )
    bind = op.get_bind()
    now = datetime.now(UTC).replace(tzinfo=None)  # moments are stored as naive UTC
    for code in CLINICS:
        exists = bind.execute(
            sa.select(sa.func.count()).select_from(template).where(template.c.clinic_code == code)
        ).scalar_one()
        if exists:
            continue
        template_id = bind.execute(
            template.insert()
            .values(
                clinic_code=code,
                valid_from=STANDARD_FROM,
                source_text=SOURCE_TEXT,
                created_by="system",
                created_at=now,
            )
            .returning(template.c.id)
        ).scalar_one()
        for name, start, end in (("AM", time(9), time(13)), ("PM", time(14), time(17))):
            bind.execute(
                session.insert().values(
                    template_id=template_id,
                    name=name,
                    days="Mon,Tue,Wed,Thu,Fri",
                    start=start,
                    end=end,
                    slot_minutes=15,
                    capacity=4,
                    online_seats=2,
                )
            )


def downgrade() -> None:
    op.execute("DELETE FROM template_session")
    op.execute("DELETE FROM session_template WHERE created_by = 'system'")
    with op.batch_alter_table("closure", schema=None) as batch_op:
        batch_op.drop_index("ix_closure_clinic_day")
