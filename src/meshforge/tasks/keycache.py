"""API keys recently seen live, so a list read does one query, not two.

Key hash -> key id for `ttl_s` seconds (Settings.key_cache_ttl_s, 5 s by default). Only
live keys are remembered: an unknown key is looked up every time, so a key works the
moment it is created. The price is that a revoked key keeps working on a node for up to
`ttl_s` after `meshforge keys revoke` (README: API keys).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from meshforge.store.keys import hash_secret

KeyLookup = Callable[[str], Awaitable[int | None]]  # key hash -> live key id or None

# Each entry is ~200 bytes; a node with more live keys than this simply looks some up.
MAX_ENTRIES = 10_000


class KeyCache:
    def __init__(
        self,
        lookup: KeyLookup,
        ttl_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lookup = lookup
        self._ttl_s = ttl_s
        self._clock = clock
        self._live: dict[str, tuple[int, float]] = {}  # key hash -> (key id, good until)

    async def key_id(self, secret: str) -> int | None:
        """The id of the live key `secret`, or None when it is unknown or revoked."""
        key_hash = hash_secret(secret)
        now = self._clock()
        remembered = self._live.get(key_hash)
        if remembered is not None and remembered[1] > now:
            return remembered[0]
        key_id = await self._lookup(key_hash)
        if key_id is None:
            self._live.pop(key_hash, None)
            return None
        if self._ttl_s > 0:
            if len(self._live) >= MAX_ENTRIES:
                self._live.clear()  # rare; cheaper than tracking age order
            self._live[key_hash] = (key_id, now + self._ttl_s)
        return key_id
