"""How several nodes share rows that come due: one claim, made in one statement.

A claim is a compare-and-set UPDATE ... RETURNING over the due rows that pushes their due
time past a lease; SKIP LOCKED (PostgreSQL; SQLite's writes are serial) lets each node
take a disjoint batch instead of racing for the same rows. The broker republisher, the
image-fetch takeover and the webhook outbox all claim this way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, Connection, Row, select, update
from sqlalchemy.sql import ColumnElement

from meshforge.store.tables import tasks


def claim_due_tasks(
    conn: Connection,
    due: ColumnElement[bool],
    due_column: Column[Any],
    until: float,
    limit: int,
    returning: Sequence[Column[Any]],
) -> Sequence[Row[Any]]:
    """Claim up to `limit` task rows matching `due`, oldest `due_column` first, by
    setting `due_column` to `until`; the claimed rows' `returning` columns."""
    candidates = (
        select(tasks.c.id)
        .where(due)
        .order_by(due_column)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claim = (
        update(tasks)
        .where(tasks.c.id.in_(candidates.scalar_subquery()), due)
        .values({due_column: until})
        .returning(*returning)
    )
    return conn.execute(claim).all()
