"""A small set of asyncpg connections shared by the API's reads on one event loop.

asyncpg's own pool cost ~50 us of CPU per query in acquire, release and their timeouts,
more than the query's own client side (bench/api's poll, measured with py-spy and a
micro-benchmark). The reads need none of its features: every read is one autocommit
statement, so a connection carries no state to reset, and a free connection is simply
put back. Connections are opened on first use, so a node starts while the database is
away; a broken one is dropped and reopened by the next read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import asyncpg

from meshforge.store.db import CONNECT_TIMEOUT_S, DatabaseAway

# How a connection fails when the server or the network, not the query, is at fault;
# one the server ended while idle answers its next query with an InterfaceError, an
# AdminShutdownError or an InternalClientError (seen after pg_terminate_backend, as on a
# server restart).
_BROKEN = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,  # "connection is closed", and its ConnectionDoesNotExistError
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.InternalClientError,
)


class ReadConnections:
    def __init__(self, dsn: str, size: int) -> None:
        self._dsn = dsn
        # None: a slot whose connection is not open (yet, or any more).
        self._free: asyncio.Queue[asyncpg.Connection | None] = asyncio.Queue()
        for _ in range(size):
            self._free.put_nowait(None)
        self._open: set[asyncpg.Connection] = set()

    async def fetch(self, sql: str, args: Sequence[Any]) -> list[asyncpg.Record]:
        """The rows of one statement; DatabaseAway when the server cannot be reached
        or does not answer within CONNECT_TIMEOUT_S."""
        connection = await self._take()
        if connection is not None and connection.is_closed():  # ended while idle
            self._open.discard(connection)
            connection = None
        try:
            return await self._fetch_on(connection, sql, args)
        except DatabaseAway as away:
            # A fresh connection that failed, or a silent server: the database is away.
            if connection is None or isinstance(away.__cause__, TimeoutError):
                raise
        # A reused connection broke while idle (a restart, a proxy, a dropped socket):
        # one more try on a fresh one before the client is told the database is away.
        await self._empty_a_slot()
        return await self._fetch_on(None, sql, args)

    async def _empty_a_slot(self) -> None:
        """Take a slot and close its connection: after one broke, the others may have."""
        connection = await self._take()
        if connection is not None:
            self._open.discard(connection)
            connection.terminate()

    async def _fetch_on(
        self, connection: asyncpg.Connection | None, sql: str, args: Sequence[Any]
    ) -> list[asyncpg.Record]:
        try:
            if connection is None:
                connection = await self._connect()
            rows: list[asyncpg.Record] = await connection.fetch(sql, *args)
        except _BROKEN as exc:
            self._drop(connection)  # refused, reset, closed or silent: not a bad query
            raise DatabaseAway(str(exc)) from exc
        except asyncio.CancelledError:  # a query may be in flight: its state is unknown
            self._drop(connection)
            raise
        except BaseException:
            if connection is not None and connection.is_closed():
                self._drop(connection)  # the next read opens a fresh one
            else:
                self._free.put_nowait(connection)
            raise
        self._free.put_nowait(connection)
        return rows

    async def _take(self) -> asyncpg.Connection | None:
        if not self._free.empty():  # the usual case: no timer to arm
            return self._free.get_nowait()
        try:
            async with asyncio.timeout(CONNECT_TIMEOUT_S):
                return await self._free.get()
        except TimeoutError as exc:  # every connection is stuck on a silent server
            raise DatabaseAway("no read connection came free") from exc

    async def _connect(self) -> asyncpg.Connection:
        connection = await asyncpg.connect(
            self._dsn, timeout=CONNECT_TIMEOUT_S, command_timeout=CONNECT_TIMEOUT_S
        )
        self._open.add(connection)
        return connection

    def _drop(self, connection: asyncpg.Connection | None) -> None:
        if connection is not None:
            self._open.discard(connection)
            connection.terminate()
        self._free.put_nowait(None)

    async def close(self) -> None:
        for connection in list(self._open):
            await connection.close(timeout=CONNECT_TIMEOUT_S)
        self._open.clear()
