"""The API's reads on PostgreSQL: asyncpg on the event loop.

psycopg in a thread pool spent most of a poll handing the request to a thread and back
and in the driver's Python layers (bench/api: 22% of a bare endpoint's rate); asyncpg
waits on the socket in the event loop and decodes rows in C.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import asyncpg
from sqlalchemy import make_url
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect

from meshforge.domain.records import Task
from meshforge.store.pg_connections import ReadConnections
from meshforge.store.read_batches import BatchedReads
from meshforge.store.reads import CompiledRead, Fetched, PageRequest, Reads

# Enough for one event loop: a read holds its connection only while the server works.
CONNECTIONS = 8


def asyncpg_dsn(database_url: str) -> str:
    """postgresql+psycopg://... (SQLAlchemy's form) -> postgresql://... (libpq's)."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class AsyncpgReads(Reads):
    def __init__(self, connections: ReadConnections) -> None:
        super().__init__(asyncpg_dialect())  # type: ignore[no-untyped-call]
        self._connections = connections
        self._batches = BatchedReads(connections.fetch)  # it retries a stale connection

    @classmethod
    async def open(cls, database_url: str) -> AsyncpgReads:
        """Connections open on first use, so a node starts while the database is away."""
        return cls(ReadConnections(asyncpg_dsn(database_url), CONNECTIONS))

    async def close(self) -> None:
        await self._connections.close()

    async def task_for_key_hash(self, key_hash: str, task_id: str) -> tuple[bool, Task | None]:
        """As Reads.task_for_key_hash, batched with the polls of the same loop turn."""
        record = await self._batches.poll(key_hash, task_id)
        if record is None:
            return False, None
        fetched = _as_fetched([record])
        return True, fetched.task(fetched.rows[0])

    async def _fetch_pages(self, requests: Sequence[PageRequest]) -> list[Fetched]:
        """The pages of one loop turn in one statement per shape."""
        return await self._batches.pages(requests)

    async def _fetch(self, read: CompiledRead, values: Mapping[str, Any]) -> Fetched:
        args = read.params(values)
        assert isinstance(args, list)  # asyncpg's placeholders are positional ($1, $2)
        return _as_fetched(await self._connections.fetch(read.sql, args))


def _as_fetched(records: Sequence[asyncpg.Record]) -> Fetched:
    names = tuple(records[0].keys()) if records else ()
    return Fetched(names, [tuple(record) for record in records])
