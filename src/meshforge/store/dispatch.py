"""The broker's safety net: QUEUED tasks that are due at the broker (again).

A task queued for a remote executor gets a `dispatch_due_at`: the moment it must be
published (again) unless a worker has claimed it by then. Publishing can fail (the
broker is down) and a broker can lose its messages (a restart without persistence), so
every API node runs a republisher over these rows. A round claims due rows with one
compare-and-set UPDATE that pushes their due time on (SKIP LOCKED on PostgreSQL), so
with N nodes each due task is published by one node; a worker's claim clears it.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from typing import Any

from sqlalchemy import Engine, and_, or_, update

from meshforge.domain.status import Status
from meshforge.store.claims import claim_due_tasks
from meshforge.store.tables import tasks

REPUBLISH_AFTER_S = 30.0  # a published task not claimed by then is published again


class DispatchQueue:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim_due(
        self,
        now: float | None = None,
        *,
        limit: int = 100,
        again_after_s: float = REPUBLISH_AFTER_S,
        other_than: Collection[str] = (),
    ) -> list[str]:
        """Ids of QUEUED tasks due at the broker, oldest due first, each now this
        caller's to publish: their next due time is `again_after_s` away."""
        conditions = [tasks.c.status == Status.QUEUED.value]
        if other_than:
            conditions.append(tasks.c.model.not_in(list(other_than)))
        return self._claim(conditions, now, limit, again_after_s)

    def claim_due_fetches(
        self, now: float | None = None, *, limit: int = 20, lease_s: float = 60.0
    ) -> list[str]:
        """Ids of accepted tasks whose image URL is still to fetch and whose fetch is due
        (its node died, or never began): each now this caller's for `lease_s`."""
        conditions = [
            tasks.c.status == Status.NOT_START.value,
            tasks.c.image_url.is_not(None),
            tasks.c.input_key.is_(None),
        ]
        return self._claim(conditions, now, limit, lease_s)

    def _claim(
        self, conditions: list[Any], now: float | None, limit: int, again_after_s: float
    ) -> list[str]:
        """One compare-and-set UPDATE ... RETURNING over the due rows matching `conditions`."""
        moment = time.time() if now is None else now
        # No due time at all (a row from before the column, or written by hand): due now.
        due = (
            *conditions,
            or_(tasks.c.dispatch_due_at.is_(None), tasks.c.dispatch_due_at <= moment),
        )
        with self._engine.begin() as conn:
            until = moment + again_after_s
            rows = claim_due_tasks(
                conn, and_(*due), tasks.c.dispatch_due_at, until, limit, returning=[tasks.c.id]
            )
        return [row.id for row in rows]

    def due_at(self, task_id: str, when: float) -> None:
        """Make a still-QUEUED task due at `when` (sooner after a failed publish)."""
        with self._engine.begin() as conn:
            conn.execute(
                update(tasks)
                .where(tasks.c.id == task_id, tasks.c.status == Status.QUEUED.value)
                .values(dispatch_due_at=when)
            )
