"""Two API nodes' stores on one PostgreSQL database (each its own engine and pool)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from meshforge.store.artifacts import ArtifactStore
from meshforge.store.db import make_engine
from meshforge.store.dispatch import DispatchQueue
from meshforge.store.leases import LeaseStore
from meshforge.store.tasks import TaskStore
from meshforge.store.webhooks import WebhookOutbox


@dataclass
class NodeStores:
    engine: sa.Engine
    tasks: TaskStore
    dispatch: DispatchQueue
    leases: LeaseStore
    webhooks: WebhookOutbox


def _node(url: str) -> NodeStores:
    engine = make_engine(url)
    return NodeStores(
        engine,
        TaskStore(engine, ArtifactStore(engine)),
        DispatchQueue(engine),
        LeaseStore(engine),
        WebhookOutbox(engine),
    )


@pytest.fixture
def two_nodes(postgres_url: str) -> Iterator[tuple[NodeStores, NodeStores]]:
    first, second = _node(postgres_url), _node(postgres_url)
    with first.engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE api_keys, tasks, artifacts, leases RESTART IDENTITY"))
    yield first, second
    first.engine.dispose()
    second.engine.dispose()
