"""Initial schema: api_keys, tasks, artifacts.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
        sa.Column("revoked_at", sa.BigInteger, nullable=True),
    )
    op.create_table(
        "tasks",
        sa.Column("id", sa.String(51), primary_key=True),
        sa.Column("key_id", sa.Integer, nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("progress", sa.Integer, nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("seed", sa.BigInteger, nullable=False),
        sa.Column("submit_time", sa.BigInteger, nullable=False),
        sa.Column("start_time", sa.BigInteger, nullable=False),
        sa.Column("finish_time", sa.BigInteger, nullable=False),
        sa.Column("queued_at", sa.Float, nullable=False),
        sa.Column("fail_reason", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("worker_id", sa.String(80), nullable=True),
        sa.Column("image_url", sa.Text, nullable=True),
        sa.Column("input_key", sa.String(300), nullable=True),
        sa.Column("outputs", sa.Text, nullable=False),
        sa.Column("thumbnail_token", sa.String(64), nullable=True),
        sa.Column("expires_at", sa.BigInteger, nullable=False),
        sa.Column("idempotency_key", sa.String(255), nullable=True),
        sa.Column("request_hash", sa.String(64), nullable=True),
        sa.UniqueConstraint("key_id", "idempotency_key", name="uq_tasks_key_idempotency"),
    )
    op.create_index("ix_tasks_key_submit", "tasks", ["key_id", "submit_time", "id"])
    op.create_index("ix_tasks_status_queued", "tasks", ["status", "queued_at"])
    op.create_table(
        "artifacts",
        sa.Column("token", sa.String(64), primary_key=True),
        sa.Column("task_id", sa.String(51), nullable=False),
        sa.Column("storage_key", sa.String(300), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("expires_at", sa.BigInteger, nullable=False),
        sa.Column("deleted", sa.Integer, nullable=False),
    )
    op.create_index("ix_artifacts_task_id", "artifacts", ["task_id"])
    op.create_index("ix_artifacts_expiry", "artifacts", ["deleted", "expires_at"])


def downgrade() -> None:
    op.drop_table("artifacts")
    op.drop_table("tasks")
    op.drop_table("api_keys")
