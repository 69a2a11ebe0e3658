"""The webhook outbox: a finished task's callback, kept in its row until delivered.

A delivery is claimed in the row (its next-attempt time moved past a lease) before it is
sent, so two dispatchers, on one node or several, never send the same attempt twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, and_, or_, update

from meshforge.domain.records import Task
from meshforge.domain.status import TERMINAL
from meshforge.store.claims import claim_due_tasks
from meshforge.store.rows import to_task
from meshforge.store.tables import tasks


class WebhookState(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"  # every back-off step was tried; no more attempts


class WebhookOutbox:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim_due(self, now: float, lease_s: float, limit: int = 20) -> list[Task]:
        """Finished tasks whose webhook is due, each claimed for lease_s seconds.

        One UPDATE ... RETURNING over rows locked with SKIP LOCKED (PostgreSQL), so
        dispatchers of several nodes claim disjoint batches instead of racing for the
        same rows and leaving the rest for a later round."""
        due = and_(
            tasks.c.webhook_state == WebhookState.PENDING.value,
            tasks.c.status.in_([s.value for s in TERMINAL]),
            or_(tasks.c.webhook_next_at.is_(None), tasks.c.webhook_next_at <= now),
        )
        with self._engine.begin() as conn:
            rows = claim_due_tasks(
                conn, due, tasks.c.webhook_next_at, now + lease_s, limit, returning=list(tasks.c)
            )
        return [to_task(row._mapping) for row in rows]

    def record_attempt(
        self, task: Task, delivered: bool, backoff_s: Sequence[float], now: float
    ) -> None:
        """Delivered, or retry after the next back-off step, or give up after the last."""
        attempts = task.webhook_attempts + 1
        if delivered:
            values: dict[str, Any] = {"webhook_state": WebhookState.DELIVERED.value}
        elif attempts > len(backoff_s):
            values = {"webhook_state": WebhookState.FAILED.value}
        else:
            values = {"webhook_next_at": now + backoff_s[attempts - 1]}
        with self._engine.begin() as conn:
            conn.execute(
                update(tasks)
                .where(tasks.c.id == task.id)
                .values(webhook_attempts=attempts, **values)
            )
