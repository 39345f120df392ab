"""activation details: code versions, lockout, send attempts, suspension (R5)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 02:53:22.151438

Only columns are added (SQLite: ALTER TABLE ... ADD COLUMN; batch mode does not recreate the
table for that), so the audit log's append-only triggers of 0001 are untouched. The NOT NULL
columns carry a server default, which fills the rows already there.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from fc_admin.models.base import UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locked_at", UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("code_version", sa.Integer(), server_default="1", nullable=False)
        )
        batch_op.add_column(
            sa.Column("send_attempts", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("last_attempt_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("suspended_by", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("suspended_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    # drop_column on SQLite: batch mode copies the account table (no triggers live on it).
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("suspended_at")
        batch_op.drop_column("suspended_by")
        batch_op.drop_column("last_attempt_at")
        batch_op.drop_column("send_attempts")
        batch_op.drop_column("code_version")
        batch_op.drop_column("locked_at")
