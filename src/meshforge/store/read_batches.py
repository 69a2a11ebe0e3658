"""The API's two hot reads in their batched form on PostgreSQL (store/turn_batch.py):
the polls of one loop turn in one statement, the list pages of one turn in another.

Each batched statement returns the very rows of its single form in store/reads.py
(tests/store/test_reads.py compares them); the rows carry no request number among their
columns when they reach the caller, because the rows' values key store/rows.py's Task
cache.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from meshforge.store.reads import Fetched, PageRequest
from meshforge.store.turn_batch import TurnBatch

Record = Any  # an asyncpg.Record (asyncpg ships no types)
Fetch = Callable[[str, Sequence[Any]], Awaitable[Sequence[Record]]]

# One row per request, in request order; live_key_id NULL when the key is unknown or
# revoked, the task's columns NULL when the task is not that key's.
POLLS_SQL = """
SELECT api_keys.id AS live_key_id, tasks.*
FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS request(key_hash, task_id, n)
LEFT JOIN api_keys ON api_keys.key_hash = request.key_hash AND api_keys.revoked_at IS NULL
LEFT JOIN tasks ON tasks.id = request.task_id AND tasks.key_id = api_keys.id
ORDER BY request.n
"""

PollRequest = tuple[str, str]  # (key hash, task id)


def pages_sql(by_status: bool, after: bool) -> str:
    """Each request's page as in reads._tasks_of_key, led by its request number. One
    statement per shape, so each page keeps its own index condition; the cursor row is
    joined first and the page read after it, so a cursor deep in a key's tasks is a
    range on the (key, time, id) index, not a filter."""
    cursor = (
        "JOIN tasks AS cursor_task ON cursor_task.id = request.after"
        " AND cursor_task.key_id = request.key_id"
        if after
        else ""
    )
    conditions = ["tasks.key_id = request.key_id"]
    if by_status:
        conditions.append("tasks.status = request.status")
    if after:
        conditions.append(
            "(tasks.submit_time, tasks.id) < (cursor_task.submit_time, cursor_task.id)"
        )
    return f"""
SELECT request.n AS request_n, page.*
FROM unnest($1::integer[], $2::text[], $3::text[], $4::integer[])
    WITH ORDINALITY AS request(key_id, status, after, page_size, n)
{cursor}
CROSS JOIN LATERAL (
    SELECT tasks.* FROM tasks
    WHERE {" AND ".join(conditions)}
    ORDER BY tasks.submit_time DESC, tasks.id DESC
    LIMIT request.page_size
) AS page
ORDER BY request.n, page.submit_time DESC, page.id DESC
"""


class BatchedReads:
    """The polls of one event loop, batched per turn; its pages, one statement per shape."""

    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch
        self._polls: TurnBatch[PollRequest, Record | None] = TurnBatch(self._poll_all)
        self._pages_sql = {
            (by_status, after): pages_sql(by_status, after)
            for by_status in (False, True)
            for after in (False, True)
        }

    async def poll(self, key_hash: str, task_id: str) -> Record | None:
        """The row of reads.task_for_key_hash, or None when the key is not live."""
        return await self._polls.get((key_hash, task_id))

    async def pages(self, requests: Sequence[PageRequest]) -> list[Fetched]:
        """The rows of reads.tasks_of_key for each request, one statement per shape."""
        shapes: dict[tuple[bool, bool], list[int]] = {}
        for n, (_, status, after, _) in enumerate(requests):
            shapes.setdefault((status is not None, after is not None), []).append(n)
        answers: list[Fetched] = [Fetched((), [])] * len(requests)
        for shape, numbers in shapes.items():
            fetched = await self._pages_of(self._pages_sql[shape], [requests[n] for n in numbers])
            for n, page in zip(numbers, fetched, strict=True):
                answers[n] = page
        return answers

    async def _poll_all(self, requests: Sequence[PollRequest]) -> list[Record | None]:
        key_hashes = [key_hash for key_hash, _ in requests]
        task_ids = [task_id for _, task_id in requests]
        rows = await self._fetch(POLLS_SQL, [key_hashes, task_ids])
        return [None if row["live_key_id"] is None else row for row in rows]

    async def _pages_of(self, sql: str, requests: Sequence[PageRequest]) -> list[Fetched]:
        columns = [list(column) for column in zip(*requests, strict=True)]
        records = await self._fetch(sql, columns)
        names = tuple(records[0].keys())[1:] if records else ()
        pages: list[list[tuple[Any, ...]]] = [[] for _ in requests]
        for record in records:
            values = tuple(record)
            pages[values[0] - 1].append(values[1:])
        return [Fetched(names, rows) for rows in pages]
