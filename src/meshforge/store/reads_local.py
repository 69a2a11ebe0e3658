"""The API's reads on SQLite: in process, on the calling thread.

A SQLite read in WAL mode takes tens of microseconds and never waits for writers, so the
event loop runs it directly; a hop to a thread would cost more than the read (bench/api).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine

from meshforge.store.reads import CompiledRead, Fetched, Reads


class LocalReads(Reads):
    def __init__(self, engine: Engine) -> None:
        super().__init__(engine.dialect)
        self._engine = engine

    async def _fetch(self, read: CompiledRead, values: Mapping[str, Any]) -> Fetched:
        try:
            return self._fetch_now(read, values)
        except self._engine.dialect.loaded_dbapi.OperationalError:
            return self._fetch_now(read, values)  # a stale pooled connection

    def _fetch_now(self, read: CompiledRead, values: Mapping[str, Any]) -> Fetched:
        # The pooled DBAPI connection directly: SQLAlchemy's execution layer costs more
        # than the query itself here.
        raw = self._engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute(read.sql, read.params(values))
            names = tuple(column[0] for column in cursor.description)
            fetched = Fetched(names, cursor.fetchall())
            cursor.close()
        except self._engine.dialect.loaded_dbapi.OperationalError:
            raw.invalidate()  # drop it from the pool so the retry gets a fresh one
            raise
        finally:
            raw.close()  # back to the pool
        return fetched
