"""Reads that arrive in the same event-loop turn share one PostgreSQL round trip.

Under load many polls and list pages reach the event loop in the same turn; each used to
cost its own statement: a send and a receive on the socket, a wake-up of the loop and
the server's per-statement work, on the same two cores as the API (bench/api). The first
read of a turn opens a batch, and the batch leaves at the end of that turn, so a lone
read waits for nothing and a burst of 30 costs one statement. Identical reads of a turn
are asked once: none of them was answered before the others arrived, so sharing the
answer shows no read an older state than it would have seen on its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Generic, TypeVar

Request = TypeVar("Request", bound=Hashable)
Answer = TypeVar("Answer")

# The distinct requests of a turn, in arrival order -> their answers, in the same order.
AnswerAll = Callable[[Sequence[Request]], Awaitable[Sequence[Answer]]]


class TurnBatch(Generic[Request, Answer]):
    def __init__(self, answer_all: AnswerAll[Request, Answer]) -> None:
        self._answer_all = answer_all
        # Each request of the open batch, with the futures of the reads that asked it (a
        # future each: a cancelled read must not cancel the answer of its twins).
        self._open: dict[Request, list[asyncio.Future[Answer]]] | None = None
        self._in_flight: set[asyncio.Task[None]] = set()  # the loop keeps weak references

    async def get(self, request: Request) -> Answer:
        loop = asyncio.get_running_loop()
        if self._open is None:
            self._open = {}
            loop.call_soon(self._send)  # after the reads already ready in this turn
        answer: asyncio.Future[Answer] = loop.create_future()
        self._open.setdefault(request, []).append(answer)
        return await answer

    def _send(self) -> None:
        batch, self._open = self._open or {}, None
        sending = asyncio.get_running_loop().create_task(self._answer(batch))
        self._in_flight.add(sending)
        sending.add_done_callback(self._in_flight.discard)

    async def _answer(self, batch: dict[Request, list[asyncio.Future[Answer]]]) -> None:
        try:
            answers = await self._answer_all(list(batch))
        except Exception as exc:  # every read of the batch gets the same 503 or 500
            for futures in batch.values():
                for future in futures:
                    if not future.done():  # its read may have been cancelled meanwhile
                        future.set_exception(exc)
            return
        for futures, answer in zip(batch.values(), answers, strict=True):
            for future in futures:
                if not future.done():
                    future.set_result(answer)
