"""A task store on each database (the `database_url` fixture runs SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from meshforge.store.artifacts import ArtifactStore
from meshforge.store.db import make_engine
from meshforge.store.migrate import upgrade_to_head
from meshforge.store.tasks import TaskStore


@pytest.fixture
def store(database_url: str) -> Iterator[TaskStore]:
    engine = make_engine(database_url)
    upgrade_to_head(engine)
    yield TaskStore(engine, ArtifactStore(engine))
    engine.dispose()
