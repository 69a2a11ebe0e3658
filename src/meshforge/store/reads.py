"""The API's read queries (poll, list, key check, queue position), in one home.

Polling and listing are most of an API node's traffic. Each query is built once here and
compiled for the driver that runs it: SQLite in process (store/reads_local.py), and
PostgreSQL with asyncpg on the event loop (store/reads_asyncpg.py). The SQL is
pre-compiled because SQLAlchemy's execution layer costs more than the query itself.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select, tuple_
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import Select

from meshforge.domain.records import Task
from meshforge.domain.status import Status
from meshforge.store.rows import to_task_cached
from meshforge.store.tables import api_keys, tasks
from meshforge.store.turn_batch import TurnBatch

PageRequest = tuple[int, str | None, str | None, int]  # (key id, status, after, limit)


@dataclass(frozen=True)
class Fetched:
    """A statement's rows as tuples and its column names once: no dict per row (a page
    of the list route has 20), and the tuples key store/rows.py's Task cache as they are."""

    names: tuple[str, ...]
    rows: Sequence[tuple[Any, ...]]

    def first(self, name: str) -> Any:
        return self.rows[0][self.names.index(name)]

    def task(self, row: tuple[Any, ...]) -> Task | None:
        """The row's task, or None when its task columns are NULL (an outer join's miss)."""
        if row[self.names.index("id")] is None:
            return None
        return to_task_cached(row, self.names)

    def tasks(self) -> list[Task]:
        """Every row's task (rows of the tasks table alone)."""
        return [to_task_cached(row, self.names) for row in self.rows]


def _task_for_key_hash() -> Select[Any]:
    """The key check and the task read in one round trip: the live key's id (no row when
    the key is unknown or revoked) and its task's columns (NULL when not its task)."""
    return (
        select(api_keys.c.id.label("live_key_id"), tasks)
        .select_from(
            api_keys.outerjoin(
                tasks, and_(tasks.c.id == bindparam("task_id"), tasks.c.key_id == api_keys.c.id)
            )
        )
        .where(api_keys.c.key_hash == bindparam("key_hash"), api_keys.c.revoked_at.is_(None))
    )


def _tasks_of_key(by_status: bool, after: bool) -> Select[Any]:
    """A page of a key's tasks, newest first; `after` is the last id of the previous page
    (read in the same statement: one round trip, and an unknown cursor yields no rows).

    The cursor's values come from scalar subqueries, computed once before the scan, so
    the row comparison is a range on the (key, time, id) index: a join to the cursor row
    made it a filter, and a page 5,000 tasks deep read 5,000 index entries (EXPLAIN)."""
    query = select(tasks).where(tasks.c.key_id == bindparam("key_id"))
    if by_status:
        query = query.where(tasks.c.status == bindparam("status"))
    if after:
        cursor = tasks.alias("cursor_task")
        mark = [
            select(column)
            .where(cursor.c.id == bindparam("after"), cursor.c.key_id == bindparam("key_id"))
            .scalar_subquery()
            for column in (cursor.c.submit_time, cursor.c.id)
        ]
        query = query.where(tuple_(tasks.c.submit_time, tasks.c.id) < tuple_(*mark))
    order = (tasks.c.submit_time.desc(), tasks.c.id.desc())
    return query.order_by(*order).limit(bindparam("limit"))


def _queue_position() -> Select[Any]:
    return select(func.count()).where(
        tasks.c.status == Status.QUEUED.value,
        or_(
            tasks.c.queued_at < bindparam("queued_at"),
            and_(tasks.c.queued_at == bindparam("queued_at"), tasks.c.id < bindparam("id")),
        ),
    )


_QUERIES: dict[str, Select[Any]] = {
    "task_for_key_hash": _task_for_key_hash(),
    "key_id_for_hash": select(api_keys.c.id).where(
        api_keys.c.key_hash == bindparam("key_hash"), api_keys.c.revoked_at.is_(None)
    ),
    "queue_position": _queue_position(),
    **{
        f"tasks_of_key:{int(by_status)}{int(after)}": _tasks_of_key(by_status, after)
        for by_status in (False, True)
        for after in (False, True)
    },
}


@dataclass(frozen=True)
class CompiledRead:
    """One query as its driver takes it: SQL text and the order of its parameters."""

    sql: str
    names: tuple[str, ...] | None  # positional drivers: the parameter names in order
    constants: Mapping[str, Any]  # the values the query itself binds (a status, an offset)

    @classmethod
    def of(cls, query: Select[Any], dialect: Dialect) -> CompiledRead:
        compiled = query.compile(dialect=dialect)
        names = tuple(compiled.positiontup or ()) if compiled.positional else None
        constants = {k: v for k, v in compiled.params.items() if v is not None}
        return cls(str(compiled), names, constants)

    def params(self, values: Mapping[str, Any]) -> Sequence[Any] | Mapping[str, Any]:
        merged = {**self.constants, **values}
        if self.names is None:
            return merged
        return [merged[name] for name in self.names]


class Reads(ABC):
    """The reads themselves; a driver supplies only how a query's rows are fetched."""

    def __init__(self, dialect: Dialect) -> None:
        self._sql = {name: CompiledRead.of(query, dialect) for name, query in _QUERIES.items()}
        # Identical pages asked in one loop turn are read once (store/turn_batch.py): a
        # dashboard's first page, polled from several tabs or clients of one key.
        self._pages: TurnBatch[PageRequest, Fetched] = TurnBatch(self._fetch_pages)

    @abstractmethod
    async def _fetch(self, read: CompiledRead, values: Mapping[str, Any]) -> Fetched: ...

    async def close(self) -> None:
        return None

    async def task_for_key_hash(self, key_hash: str, task_id: str) -> tuple[bool, Task | None]:
        """(is the key live, its task or None)."""
        values = {"key_hash": key_hash, "task_id": task_id}
        fetched = await self._fetch(self._sql["task_for_key_hash"], values)
        if not fetched.rows:
            return False, None
        return True, fetched.task(fetched.rows[0])

    async def key_id_for_hash(self, key_hash: str) -> int | None:
        """The id of the live key with this hash, or None."""
        fetched = await self._fetch(self._sql["key_id_for_hash"], {"key_hash": key_hash})
        return int(fetched.first("id")) if fetched.rows else None

    async def tasks_of_key(
        self, key_id: int, status: Status | None, limit: int, after: str | None
    ) -> list[Task]:
        """Newest first; `after` is the id of the last task of the previous page."""
        status_value = status.value if status is not None else None
        return (await self._pages.get((key_id, status_value, after, limit))).tasks()

    async def _fetch_pages(self, requests: Sequence[PageRequest]) -> list[Fetched]:
        """The distinct pages of one loop turn, each by its own statement (PostgreSQL's
        reads send them together: store/read_batches.py)."""
        pages = []
        for key_id, status, after, limit in requests:
            name = f"tasks_of_key:{int(status is not None)}{int(after is not None)}"
            values: dict[str, Any] = {"key_id": key_id, "limit": limit}
            if status is not None:
                values["status"] = status
            if after is not None:
                values["after"] = after
            pages.append(await self._fetch(self._sql[name], values))
        return pages

    async def queue_position(self, task: Task) -> int:
        """1-based place in the queue of a QUEUED task (1 = next to run)."""
        values = {"queued_at": task.queued_at, "id": task.id}
        fetched = await self._fetch(self._sql["queue_position"], values)
        return int(fetched.rows[0][0]) + 1
