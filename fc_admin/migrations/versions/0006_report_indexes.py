"""indexes for the monthly statistics and the Reports area (events of one month)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.create_index("ix_application_received_date", ["received_date"], unique=False)
    with op.batch_alter_table("application_member", schema=None) as batch_op:
        batch_op.create_index("ix_application_member_decided_at", ["decided_at"], unique=False)
        batch_op.create_index("ix_application_member_verified_at", ["verified_at"], unique=False)
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_index("ix_account_issued_on", ["issued_on"], unique=False)
        batch_op.create_index("ix_account_activated_at", ["activated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index("ix_account_activated_at")
        batch_op.drop_index("ix_account_issued_on")
    with op.batch_alter_table("application_member", schema=None) as batch_op:
        batch_op.drop_index("ix_application_member_verified_at")
        batch_op.drop_index("ix_application_member_decided_at")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index("ix_application_received_date")
