"""Retention: delete output files whose time is up (their URLs then answer 410)."""

from __future__ import annotations

import logging
import time

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


def retention_loop(runtime: Runtime) -> PeriodicTask:
    """delete_expired every MESHFORGE_CLEANUP_INTERVAL_S, on a background thread."""

    def one_round() -> None:
        count = delete_expired(runtime)
        if count:
            log.info("deleted %d expired files", count)

    return PeriodicTask("retention", runtime.settings.cleanup_interval_s, one_round)
