"""indexes for the application queue's order and filters at 100,000 forms

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.create_index(
            "ix_application_deadline_id", ["notification_deadline", "id"], unique=False
        )
    with op.batch_alter_table("application_member", schema=None) as batch_op:
        batch_op.drop_index("ix_application_member_outcome")
        batch_op.create_index(
            "ix_application_member_outcome_app", ["outcome", "application_id"], unique=False
        )
        batch_op.create_index(
            "ix_application_member_department_app", ["department", "application_id"], unique=False
        )
        batch_op.create_index("ix_application_member_decision", ["decision"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("application_member", schema=None) as batch_op:
        batch_op.drop_index("ix_application_member_decision")
        batch_op.drop_index("ix_application_member_department_app")
        batch_op.drop_index("ix_application_member_outcome_app")
        batch_op.create_index("ix_application_member_outcome", ["outcome"], unique=False)
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index("ix_application_deadline_id")
