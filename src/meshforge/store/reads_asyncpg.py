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

from meshforge.store.db import CONNECT_TIMEOUT_S, DatabaseAway
from meshforge.store.reads import CompiledRead, Reads, Row

# Reads are single autocommit statements, so a pooled connection carries no session state
# worth resetting; asyncpg's default reset is one more round trip per request.
POOL_SIZE = 10


async def _keep_session(_connection: asyncpg.Connection) -> None:
    return None


def asyncpg_dsn(database_url: str) -> str:
    """postgresql+psycopg://... (SQLAlchemy's form) -> postgresql://... (libpq's)."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class AsyncpgReads(Reads):
    def __init__(self, pool: asyncpg.Pool) -> None:
        super().__init__(asyncpg_dialect())  # type: ignore[no-untyped-call]
        self._pool = pool

    @classmethod
    async def open(cls, database_url: str) -> AsyncpgReads:
        """A pool that connects on first use (min_size 0), so a node starts while the
        database is away; every wait is bounded so a silent host costs seconds."""
        pool = await asyncpg.create_pool(
            asyncpg_dsn(database_url),
            min_size=0,
            max_size=POOL_SIZE,
            timeout=CONNECT_TIMEOUT_S,
            command_timeout=CONNECT_TIMEOUT_S,
            reset=_keep_session,
        )
        return cls(pool)

    async def close(self) -> None:
        await self._pool.close()

    async def _fetch(self, read: CompiledRead, values: Mapping[str, Any]) -> Sequence[Row]:
        try:
            return await self._fetch_now(read, values)
        except (asyncpg.PostgresConnectionError, asyncpg.InterfaceError):
            return await self._fetch_now(read, values)  # a stale pooled connection

    async def _fetch_now(self, read: CompiledRead, values: Mapping[str, Any]) -> Sequence[Row]:
        try:
            async with self._pool.acquire(timeout=CONNECT_TIMEOUT_S) as connection:
                rows: Sequence[Row] = await connection.fetch(read.sql, *read.params(values))
                return rows
        except (OSError, TimeoutError) as exc:  # refused, reset or silent: not a bad query
            raise DatabaseAway(str(exc)) from exc
