"""Store writes a worker must not lose: retried while the database is unavailable.

A result that took minutes to compute is worth waiting a while for the database to come
back (a restart, a failover); a write that keeps failing past the deadline raises, the
worker gives the run up, and the executor re-runs the task.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from meshforge.store.db import database_unavailable

log = logging.getLogger(__name__)

T = TypeVar("T")

PERSIST_FOR_S = 120.0  # how long a worker keeps retrying one write
FIRST_DELAY_S, MAX_DELAY_S = 0.2, 5.0


def persist(write: Callable[[], T], what: str, *, for_s: float = PERSIST_FOR_S) -> T:
    """`write()`, retried with backoff while the database is unavailable, for `for_s`."""
    deadline = time.monotonic() + for_s
    delay = FIRST_DELAY_S
    while True:
        try:
            return write()
        except Exception as exc:
            if not database_unavailable(exc) or time.monotonic() + delay > deadline:
                raise
            log.warning("%s: the database is unavailable; retrying in %.1f s", what, delay)
        time.sleep(delay)
        delay = min(delay * 2, MAX_DELAY_S)
