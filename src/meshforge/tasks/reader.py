"""The API's reads, on the event loop: poll one task, list a key's tasks.

Every polling client hits these; bench/api measures them against a bare endpoint. On
PostgreSQL they go through asyncpg on the loop, on SQLite in process (store/reads*.py).
"""

from __future__ import annotations

from meshforge.domain.ids import is_task_id
from meshforge.domain.records import Task
from meshforge.domain.status import Status
from meshforge.errors import InvalidRequest, TaskNotFound, Unauthorized
from meshforge.runtime import Runtime
from meshforge.store.keys import hash_secret
from meshforge.store.reads import Reads
from meshforge.store.reads_asyncpg import AsyncpgReads
from meshforge.store.reads_local import LocalReads
from meshforge.tasks.keycache import KeyCache
from meshforge.tasks.service import INVALID_KEY
from meshforge.tasks.views import TaskView


async def open_reads(runtime: Runtime) -> Reads:
    """asyncpg on PostgreSQL; SQLite keeps its in-process reads on the main engine."""
    if runtime.db.dialect.name == "sqlite":
        return LocalReads(runtime.db)
    return await AsyncpgReads.open(runtime.settings.resolved_database_url)


class TaskReader:
    def __init__(self, reads: Reads, key_cache_ttl_s: float) -> None:
        self._reads = reads
        self._keys = KeyCache(reads.key_id_for_hash, key_cache_ttl_s)

    async def close(self) -> None:
        await self._reads.close()

    async def poll(self, secret: str, task_id: str) -> TaskView:
        """Authenticate and read in one database round trip (the polling hot path)."""
        # Anything but a task id goes to the database as "": it matches no task, and a
        # hostile one (a NUL, which PostgreSQL refuses) never reaches the query.
        looked_up = task_id if is_task_id(task_id) else ""
        key_ok, task = await self._reads.task_for_key_hash(hash_secret(secret), looked_up)
        if not key_ok:
            raise Unauthorized(INVALID_KEY)
        if task is None:
            raise TaskNotFound(task_id)
        queued = task.status is Status.QUEUED
        return TaskView(task, await self._reads.queue_position(task) if queued else None)

    async def key_id(self, secret: str) -> int:
        """The id of the live key `secret` (cached for a few seconds), or 401."""
        key_id = await self._keys.key_id(secret)
        if key_id is None:
            raise Unauthorized(INVALID_KEY)
        return key_id

    async def page(
        self, key_id: int, status: Status | None, limit: int, after: str | None
    ) -> list[Task]:
        """A key's tasks, newest first; `after` is the last id of the previous page."""
        if after is not None and not is_task_id(after):
            raise InvalidRequest("after must be the id of a task from the previous page")
        return await self._reads.tasks_of_key(key_id, status, limit, after)
