"""Several API nodes on one database: when a QUEUED task is next due at the broker
(dispatch_due_at), and named leases for work one node does at a time (leases).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("dispatch_due_at", sa.Float, nullable=True))
    op.create_index("ix_tasks_dispatch_due", "tasks", ["dispatch_due_at"])
    # Tasks queued before this revision may never have reached a broker, and images of
    # accepted tasks may never have been fetched: due now.
    op.execute("UPDATE tasks SET dispatch_due_at = 0 WHERE status IN ('QUEUED', 'NOT_START')")
    op.create_table(
        "leases",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("leases")
    op.drop_index("ix_tasks_dispatch_due", "tasks")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("dispatch_due_at")
