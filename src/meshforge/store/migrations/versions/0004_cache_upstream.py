"""The result cache (cache_key, cached) and forwarded tasks (upstream) on task rows.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("cache_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("cached", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("upstream", sa.Text, nullable=True))
    op.create_index("ix_tasks_cache", "tasks", ["cache_key", "status", "finish_time"])
    op.create_index("ix_artifacts_storage_key", "artifacts", ["storage_key"])


def downgrade() -> None:
    op.drop_index("ix_artifacts_storage_key", "artifacts")
    op.drop_index("ix_tasks_cache", "tasks")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("upstream")
        batch.drop_column("cached")
        batch.drop_column("cache_key")
