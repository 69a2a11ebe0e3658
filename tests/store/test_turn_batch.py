"""store/turn_batch.py: the reads of one loop turn are asked together, twins once."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from meshforge.store.turn_batch import TurnBatch


def test_one_turn_is_one_batch_and_twins_are_asked_once() -> None:
    asked: list[list[int]] = []

    async def square_all(requests: Sequence[int]) -> list[int]:
        asked.append(list(requests))
        await asyncio.sleep(0)
        return [r * r for r in requests]

    async def run() -> list[int]:
        batch: TurnBatch[int, int] = TurnBatch(square_all)
        first = await asyncio.gather(*(batch.get(r) for r in [3, 1, 3, 2]))
        later = await batch.get(5)  # a later turn: a batch of its own
        return [*first, later]

    assert asyncio.run(run()) == [9, 1, 9, 4, 25]
    assert asked == [[3, 1, 2], [5]]


def test_a_cancelled_read_leaves_its_twin_answered() -> None:
    release = asyncio.Event()

    async def slow(requests: Sequence[str]) -> list[str]:
        await release.wait()
        return [r.upper() for r in requests]

    async def run() -> str:
        batch: TurnBatch[str, str] = TurnBatch(slow)
        cancelled = asyncio.create_task(batch.get("a"))
        kept = asyncio.create_task(batch.get("a"))
        await asyncio.sleep(0.01)
        cancelled.cancel()
        await asyncio.sleep(0.01)
        release.set()
        return await kept

    assert asyncio.run(run()) == "A"


def test_a_failed_batch_fails_each_of_its_reads() -> None:
    async def broken(requests: Sequence[int]) -> list[int]:
        raise ConnectionError("database away")

    async def run() -> tuple[BaseException | int, ...]:
        batch: TurnBatch[int, int] = TurnBatch(broken)
        return await asyncio.gather(
            batch.get(1), batch.get(1), batch.get(2), return_exceptions=True
        )

    answers = asyncio.run(run())
    assert all(isinstance(a, ConnectionError) for a in answers)


@pytest.mark.parametrize("size", [1, 40])
def test_answers_keep_their_requests_order(size: int) -> None:
    async def echo(requests: Sequence[int]) -> list[int]:
        return list(requests)

    async def run() -> list[int]:
        batch: TurnBatch[int, int] = TurnBatch(echo)
        return await asyncio.gather(*(batch.get(r) for r in range(size)))

    assert asyncio.run(run()) == list(range(size))
