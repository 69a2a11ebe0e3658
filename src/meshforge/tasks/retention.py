"""Retention: delete output files whose time is up (their URLs then answer 410)."""

from __future__ import annotations

import logging
import os
import time
import uuid

from meshforge.background import PeriodicTask
from meshforge.runtime import Runtime

log = logging.getLogger(__name__)


def delete_expired(runtime: Runtime, now: int | None = None) -> int:
    """Retire every expired artifact; returns how many were retired. Its file is deleted
    only when no live artifact shares it (a cache hit shares its source task's files)."""
    moment = int(time.time()) if now is None else now
    deleted = 0
    while batch := runtime.artifacts.expired(moment):
        for artifact in batch:
            runtime.artifacts.mark_deleted(artifact.token)
            if not runtime.artifacts.file_in_use(artifact.storage_key, moment):
                runtime.storage.delete(artifact.storage_key)
            deleted += 1
    return deleted


RETENTION_LEASE = "retention"


def retention_loop(runtime: Runtime, holder: str | None = None) -> PeriodicTask:
    """delete_expired every MESHFORGE_CLEANUP_INTERVAL_S, on a background thread, by
    one API node of several at a time: the holder of the "retention" lease. It renews
    the lease each round; when it dies the lease runs out and the next node to look
    takes the work over."""
    interval = runtime.settings.cleanup_interval_s
    me = holder or f"{runtime.settings.node_name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def one_round() -> None:
        # Longer than a round's interval, so a live holder keeps it from round to round.
        if not runtime.leases.acquire(RETENTION_LEASE, me, ttl_s=interval * 2.5):
            return
        count = delete_expired(runtime)
        if count:
            log.info("deleted %d expired files", count)

    return PeriodicTask("retention", interval, one_round)
