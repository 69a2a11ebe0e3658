"""Delete output files whose retention period has ended (their URLs then answer 410)."""

from __future__ import annotations

import logging
import threading
import time

from meshforge.storage.base import Storage
from meshforge.store.tasks import TaskStore

log = logging.getLogger(__name__)


def delete_expired(store: TaskStore, storage: Storage, now: int | None = None) -> int:
    """Delete every expired artifact's file; returns how many were deleted."""
    moment = int(time.time()) if now is None else now
    deleted = 0
    while batch := store.expired_artifacts(moment):
        for artifact in batch:
            storage.delete(artifact.storage_key)
            store.mark_artifact_deleted(artifact.token)
            deleted += 1
    return deleted


class CleanupThread(threading.Thread):
    """Runs delete_expired every interval until stopped."""

    def __init__(self, store: TaskStore, storage: Storage, interval_s: float) -> None:
        super().__init__(name="cleanup", daemon=True)
        self._store, self._storage, self._interval = store, storage, interval_s
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self._interval):
            try:
                count = delete_expired(self._store, self._storage)
                if count:
                    log.info("deleted %d expired files", count)
            except Exception:
                log.exception("cleanup pass failed")

    def stop(self) -> None:
        self._stopped.set()
