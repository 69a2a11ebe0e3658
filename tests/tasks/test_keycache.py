"""The API key cache (tasks/keycache.py): one lookup per key per TTL, revocation seen
once the TTL has passed, unknown keys never remembered."""

from __future__ import annotations

import asyncio

from meshforge.store.keys import hash_secret
from meshforge.tasks.keycache import KeyCache


class FakeKeys:
    def __init__(self) -> None:
        self.live = {hash_secret("mf_a"): 1}
        self.lookups = 0

    async def lookup(self, key_hash: str) -> int | None:
        self.lookups += 1
        return self.live.get(key_hash)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_live_key_is_looked_up_once_per_ttl_and_revocation_shows_after_it() -> None:
    keys, clock = FakeKeys(), Clock()
    cache = KeyCache(keys.lookup, ttl_s=5.0, clock=clock)

    async def run() -> None:
        assert await cache.key_id("mf_a") == 1
        assert await cache.key_id("mf_a") == 1
        assert keys.lookups == 1
        keys.live.clear()  # revoked
        clock.now += 4.9
        assert await cache.key_id("mf_a") == 1  # still within the TTL
        clock.now += 0.2
        assert await cache.key_id("mf_a") is None
        assert keys.lookups == 2

    asyncio.run(run())


def test_unknown_keys_are_not_remembered_and_a_new_key_works_at_once() -> None:
    keys, clock = FakeKeys(), Clock()
    cache = KeyCache(keys.lookup, ttl_s=5.0, clock=clock)

    async def run() -> None:
        assert await cache.key_id("mf_b") is None
        keys.live[hash_secret("mf_b")] = 2  # created now
        assert await cache.key_id("mf_b") == 2
        assert keys.lookups == 2

    asyncio.run(run())


def test_a_zero_ttl_checks_every_time() -> None:
    keys = FakeKeys()
    cache = KeyCache(keys.lookup, ttl_s=0.0)

    async def run() -> None:
        for _ in range(3):
            assert await cache.key_id("mf_a") == 1
        assert keys.lookups == 3

    asyncio.run(run())
