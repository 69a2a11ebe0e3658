"""Polls that arrive together share one PostgreSQL round trip.

Under load many polls reach the event loop in the same turn; each used to cost its own
query: a send and a receive on the socket, a wake-up of the loop and the server's
per-statement work, on the same two cores as the API (bench/api). The first poll of a
turn opens a batch and the batch leaves at the end of that turn, so a lone poll waits
for nothing and a burst of 30 costs one statement.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

# The batched form of reads.task_for_key_hash: one row per request, in request order;
# live_key_id NULL when the key is unknown or revoked, the task's columns NULL when the
# task is not that key's. (No request number among the columns: the rows' values key
# store/rows.py's Task cache.)
BATCH_SQL = """
SELECT api_keys.id AS live_key_id, tasks.*
FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS request(key_hash, task_id, n)
LEFT JOIN api_keys ON api_keys.key_hash = request.key_hash AND api_keys.revoked_at IS NULL
LEFT JOIN tasks ON tasks.id = request.task_id AND tasks.key_id = api_keys.id
ORDER BY request.n
"""

Record = Any  # an asyncpg.Record (asyncpg ships no types)
Fetch = Callable[[str, Sequence[Any]], Awaitable[Sequence[Record]]]
_Waiting = tuple[str, str, "asyncio.Future[Record | None]"]


class PollBatcher:
    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch
        self._open: list[_Waiting] | None = None
        self._in_flight: set[asyncio.Task[None]] = set()  # the loop keeps weak references

    async def task_for_key_hash(self, key_hash: str, task_id: str) -> Record | None:
        """The row of reads.task_for_key_hash, or None when the key is not live."""
        loop = asyncio.get_running_loop()
        if self._open is None:
            self._open = []
            loop.call_soon(self._send)  # after the polls already ready in this turn
        answer: asyncio.Future[Record | None] = loop.create_future()
        self._open.append((key_hash, task_id, answer))
        return await answer

    def _send(self) -> None:
        batch, self._open = self._open or [], None
        sending = asyncio.get_running_loop().create_task(self._answer(batch))
        self._in_flight.add(sending)
        sending.add_done_callback(self._in_flight.discard)

    async def _answer(self, batch: list[_Waiting]) -> None:
        key_hashes = [key_hash for key_hash, _, _ in batch]
        task_ids = [task_id for _, task_id, _ in batch]
        try:
            rows = await self._fetch(BATCH_SQL, [key_hashes, task_ids])
        except Exception as exc:  # every poll of the batch gets the same 503 or 500
            for _, _, answer in batch:
                if not answer.done():
                    answer.set_exception(exc)
            return
        for row, (_, _, answer) in zip(rows, batch, strict=True):
            if not answer.done():  # its request may have been cancelled meanwhile
                answer.set_result(None if row["live_key_id"] is None else row)
