"""Webhook delivery state on tasks.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("callback_url", sa.Text, nullable=True))
        batch.add_column(sa.Column("webhook_state", sa.String(16), nullable=True))
        batch.add_column(
            sa.Column("webhook_attempts", sa.Integer, nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("webhook_next_at", sa.Float, nullable=True))
    op.create_index("ix_tasks_webhook_due", "tasks", ["webhook_state", "webhook_next_at"])


def downgrade() -> None:
    op.drop_index("ix_tasks_webhook_due", "tasks")
    with op.batch_alter_table("tasks") as batch:
        for column in ("webhook_next_at", "webhook_attempts", "webhook_state", "callback_url"):
            batch.drop_column(column)
