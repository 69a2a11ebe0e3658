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

from meshforge.store.pg_connections import ReadConnections
from meshforge.store.reads import CompiledRead, Reads, Row

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

    @classmethod
    async def open(cls, database_url: str) -> AsyncpgReads:
        """Connections open on first use, so a node starts while the database is away."""
        return cls(ReadConnections(asyncpg_dsn(database_url), CONNECTIONS))

    async def close(self) -> None:
        await self._connections.close()

    async def _fetch(self, read: CompiledRead, values: Mapping[str, Any]) -> Sequence[Row]:
        args = read.params(values)
        assert isinstance(args, list)  # asyncpg's placeholders are positional ($1, $2)
        try:
            return await self._connections.fetch(read.sql, args)
        except (asyncpg.PostgresConnectionError, asyncpg.InterfaceError):
            return await self._connections.fetch(read.sql, args)  # a stale connection
