"""Per-key token buckets for submits (in-process; one server process owns the API)."""

from __future__ import annotations

import math
import threading
import time


class SubmitRateLimiter:
    def __init__(self, per_minute: int) -> None:
        self._rate = per_minute / 60.0
        self._capacity = float(per_minute)
        self._buckets: dict[int, tuple[float, float]] = {}  # key id -> (tokens, stamp)
        self._lock = threading.Lock()

    def take(self, key_id: int) -> float:
        """Take one token; returns 0 when allowed, else seconds until one is free."""
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.get(key_id, (self._capacity, now))
            tokens = min(self._capacity, tokens + (now - stamp) * self._rate)
            if tokens >= 1.0:
                self._buckets[key_id] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key_id] = (tokens, now)
            return (1.0 - tokens) / self._rate


def retry_after_seconds(wait: float) -> int:
    return max(1, math.ceil(wait))
