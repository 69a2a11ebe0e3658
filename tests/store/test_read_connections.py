"""The API's PostgreSQL read connections survive a server that closed them while idle."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa

from meshforge.store.pg_connections import ReadConnections
from meshforge.store.reads_asyncpg import asyncpg_dsn


def _terminate_other_backends(database_url: str) -> int:
    """What a PostgreSQL restart or a proxy does to idle connections."""
    engine = sa.create_engine(database_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        ended = conn.execute(
            sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar()
    engine.dispose()
    return int(ended or 0)


def test_a_connection_closed_while_idle_is_replaced_not_a_503(postgres_url: str) -> None:
    async def scenario() -> list[int]:
        # One slot, so the second read reuses the first read's connection.
        reads = ReadConnections(asyncpg_dsn(postgres_url), size=1)
        try:
            first = await reads.fetch("SELECT 1", [])
            assert await asyncio.to_thread(_terminate_other_backends, postgres_url) >= 1
            second = await reads.fetch("SELECT 2", [])  # once raised DatabaseAway (503)
            return [first[0][0], second[0][0]]
        finally:
            await reads.close()

    assert asyncio.run(scenario()) == [1, 2]
