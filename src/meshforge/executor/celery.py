"""The scale-out executor: task ids go to Celery workers (`meshforge worker`) through
Redis or RabbitMQ. The server only publishes ids, revokes canceled work, and reaps tasks
whose worker stopped sending heartbeats."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from meshforge.executor.base import ExecutorHealth
from meshforge.executor.celery_app import RUN_TASK, make_celery_app
from meshforge.runtime import Runtime
from meshforge.tasks.recovery import recover_orphan
from meshforge.tasks.status import Status

log = logging.getLogger(__name__)


class CeleryExecutor:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._app: Any = make_celery_app(runtime.settings)
        self._stop = threading.Event()
        self._reaper = threading.Thread()

    def start(self) -> None:
        """Queue what a restart left behind; the broker may have lost its messages, and
        a duplicate id is harmless (only one claim succeeds)."""
        store = self._rt.tasks
        for task_id in store.ids_in_status(Status.SUBMITTED):
            store.mark_queued(task_id)
        for task_id in store.ids_in_status(Status.QUEUED):
            self.enqueue(task_id)
        self._start_reaper()

    def enqueue(self, task_id: str) -> None:
        self._app.send_task(
            RUN_TASK, args=[task_id], task_id=task_id, queue=self._rt.settings.celery_queue
        )

    def stop_task(self, task_id: str) -> None:
        self._app.control.revoke(task_id, terminate=True, signal="SIGKILL")

    def health(self) -> ExecutorHealth:
        problems = []
        try:
            with self._app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception:
            problems.append("the broker is unreachable")
        if not self._stop.is_set() and not self._reaper.is_alive():
            problems.append("the reaper of silent workers had stopped and was started again")
            self._start_reaper()
        return ExecutorHealth(tuple(problems))

    def shutdown(self) -> None:
        self._stop.set()

    def _start_reaper(self) -> None:
        self._reaper = threading.Thread(target=self._reap_forever, name="reaper", daemon=True)
        self._reaper.start()

    def _reap_forever(self) -> None:
        lease = self._rt.settings.heartbeat_lease_s
        while not self._stop.wait(min(lease, 5.0)):
            try:
                self.reap(time.time() - lease)
            except Exception:
                log.exception("reaping stale tasks failed")

    def reap(self, older_than: float) -> None:
        """Re-queue IN_PROGRESS tasks whose worker went silent (or fail the last try)."""
        settings = self._rt.settings
        for task in self._rt.tasks.stale_in_progress(older_than):
            if recover_orphan(self._rt.tasks, task.id, settings.max_attempts, task.worker_id):
                self.enqueue(task.id)
