"""The database schema (SQLAlchemy Core). Alembic migrations create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger, nullable=True),
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", String(51), primary_key=True),
    Column("key_id", Integer, nullable=False),
    Column("model", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("progress", Integer, nullable=False, default=0),
    Column("params", Text, nullable=False),  # JSON of the validated request fields
    Column("seed", BigInteger, nullable=False),
    Column("submit_time", BigInteger, nullable=False),
    Column("start_time", BigInteger, nullable=False, default=0),
    Column("finish_time", BigInteger, nullable=False, default=0),
    Column("queued_at", Float, nullable=False, default=0.0),
    Column("fail_reason", Text, nullable=False, default=""),
    Column("attempts", Integer, nullable=False, default=0),
    Column("worker_id", String(80), nullable=True),
    Column("image_url", Text, nullable=True),
    Column("input_key", String(300), nullable=True),
    Column("outputs", Text, nullable=False, default="[]"),  # JSON list of Asset
    Column("thumbnail_token", String(64), nullable=True),
    Column("expires_at", BigInteger, nullable=False, default=0),
    Column("idempotency_key", String(255), nullable=True),
    Column("request_hash", String(64), nullable=True),
    # Webhook delivery: state is None (no callback_url), pending, delivered or failed.
    Column("callback_url", Text, nullable=True),
    Column("webhook_state", String(16), nullable=True),
    Column("webhook_attempts", Integer, nullable=False, default=0),
    Column("webhook_next_at", Float, nullable=True),
    # When the worker running the task last said it is alive (Celery workers).
    Column("heartbeat_at", Float, nullable=True),
    # The result cache: the request's key, and whether the outputs came from the cache.
    Column("cache_key", String(64), nullable=True),
    Column("cached", Integer, nullable=False, default=0),
    # A forwarded task's provider and upstream task ids (JSON of UpstreamRun).
    Column("upstream", Text, nullable=True),
    # When a QUEUED task is (again) due at the broker; None once a worker claimed it.
    Column("dispatch_due_at", Float, nullable=True),
    UniqueConstraint("key_id", "idempotency_key", name="uq_tasks_key_idempotency"),
)
Index("ix_tasks_key_submit", tasks.c.key_id, tasks.c.submit_time, tasks.c.id)
Index("ix_tasks_status_queued", tasks.c.status, tasks.c.queued_at)
Index("ix_tasks_webhook_due", tasks.c.webhook_state, tasks.c.webhook_next_at)
Index("ix_tasks_cache", tasks.c.cache_key, tasks.c.status, tasks.c.finish_time)
Index("ix_tasks_dispatch_due", tasks.c.dispatch_due_at)

# Work that one node of several does at a time (e.g. retention): a holder until expires_at.
leases = Table(
    "leases",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("expires_at", Float, nullable=False),
)

artifacts = Table(
    "artifacts",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("task_id", String(51), nullable=False, index=True),
    Column("storage_key", String(300), nullable=False),
    Column("filename", String(200), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("deleted", Integer, nullable=False, default=0),
)
Index("ix_artifacts_expiry", artifacts.c.deleted, artifacts.c.expires_at)
Index("ix_artifacts_storage_key", artifacts.c.storage_key)  # files shared by cached tasks
