"""The scale-out executor: task ids go to Celery workers (`meshforge worker`) through
Redis or RabbitMQ. The server only publishes ids, revokes canceled work, and reaps tasks
whose worker stopped sending heartbeats.

Publishing is backed by the rows: a QUEUED task stays due at the broker
(store/dispatch.py) until a worker claims it, and every API node runs a republisher that
claims due rows by compare-and-set and publishes them, so a task accepted while the broker
was down, or whose message a broker lost, is published once it is back, by one node.

Forwarded models never go to Celery: a Celery worker would hold a whole process while a
provider works. Every API node runs a forwarder (executor/upstream.py) that claims them
from the rows, so several API nodes share them through compare-and-set and leases."""

from __future__ import annotations

import logging
import time
from typing import Any

from meshforge.background import PeriodicTask
from meshforge.domain.records import Task
from meshforge.executor.base import ExecutorHealth
from meshforge.executor.celery_app import RUN_TASK, make_celery_app
from meshforge.executor.recovery import queue_stranded, recover_orphan, recover_unfinished
from meshforge.executor.upstream import Forwarder, upstream_models
from meshforge.runtime import Runtime

log = logging.getLogger(__name__)

REPUBLISH_EVERY_S = 1.0
RETRY_FAILED_PUBLISH_S = 2.0  # the broker was unreachable: try again soon
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2, "interval_max": 0.5}


class CeleryExecutor:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._app: Any = make_celery_app(runtime.settings)
        self._forwarded = frozenset(upstream_models(runtime))
        self._forwarder = Forwarder(runtime, adopt_orphans=False)  # one of several nodes
        lease = runtime.settings.heartbeat_lease_s
        self._reaper = PeriodicTask("reaper", min(lease, 5.0), self._reap_round)
        self._database_seen_since: float | None = None
        self._republisher = PeriodicTask("republisher", REPUBLISH_EVERY_S, self.republish_due)

    def start(self) -> None:
        """Queue what a restart left behind. Nothing is published from here: with N API
        nodes each would publish every QUEUED task; the republisher publishes the due
        ones, each by one node (a duplicate id would be harmless anyway: one claim wins)."""
        recover_unfinished(
            self._rt.tasks,
            self._rt.settings.max_attempts,
            in_progress_are_orphans=False,
            forwarded=self._forwarded,
        )
        self._reaper.start()
        self._republisher.start()
        self._forwarder.start()

    def enqueue(self, task_id: str) -> None:
        task = self._rt.tasks.get(task_id)
        if task is not None and task.model in self._forwarded:
            self._forwarder.wake()
            return
        self._publish(task_id, task)

    def _publish(self, task_id: str, task: Task | None = None) -> bool:
        """Send the id to the broker; False (and due again soon) when it is unreachable:
        the task stays QUEUED and the republisher tries again."""
        task = task or self._rt.tasks.get(task_id)
        try:
            self._app.send_task(
                RUN_TASK,
                args=[task_id],
                task_id=task_id,
                queue=self._queue_for(task),
                retry_policy=PUBLISH_RETRY_POLICY,
            )
        except Exception as exc:
            log.warning("publishing task %s failed (%s); it stays QUEUED", task_id, exc)
            self._rt.dispatch.due_at(task_id, time.time() + RETRY_FAILED_PUBLISH_S)
            return False
        return True

    def republish_due(self) -> None:
        """Publish the QUEUED tasks due at the broker that this node claimed; after a
        failed publish, hand the rest of the batch back (due soon) and stop the round."""
        claimed = self._rt.dispatch.claim_due(
            other_than=self._forwarded, again_after_s=self._rt.settings.republish_after_s
        )
        for index, task_id in enumerate(claimed):
            if not self._publish(task_id):
                for left in claimed[index + 1 :]:
                    self._rt.dispatch.due_at(left, time.time() + RETRY_FAILED_PUBLISH_S)
                return

    def _queue_for(self, task: Task | None) -> str:
        """The GPU queue for a learned model's task, the CPU queue for any other."""
        settings, engines = self._rt.settings, self._rt.engines
        gpu = task is not None and task.model in engines and engines.get(task.model).device == "gpu"
        return settings.celery_gpu_queue if gpu else settings.celery_queue

    def stop_task(self, task_id: str) -> None:
        self._forwarder.stop_task(task_id)
        self._app.control.revoke(task_id, terminate=True, signal="SIGKILL")

    def health(self) -> ExecutorHealth:
        problems = []
        try:
            with self._app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception:
            problems.append("the broker is unreachable")
        if self._reaper.revive():
            problems.append("the reaper of silent workers had stopped and was started again")
        if self._republisher.revive():
            problems.append("the republisher of queued tasks had stopped and was started again")
        return ExecutorHealth(tuple(problems) + self._forwarder.problems())

    def shutdown(self) -> None:
        self._republisher.stop()
        self._reaper.stop()
        self._forwarder.shutdown()

    def _reap_round(self) -> None:
        """Reap only once this node has reached the database for a whole lease: after
        its own start or a database outage every heartbeat looks stale until the workers
        beat again, and a live worker's task must not run twice."""
        lease = self._rt.settings.heartbeat_lease_s
        try:
            self._rt.tasks.ping()
        except Exception:
            self._database_seen_since = None
            raise
        now = time.time()
        if self._database_seen_since is None:
            self._database_seen_since = now
        if now - self._database_seen_since >= lease:
            self.reap(now - lease)

    def reap(self, older_than: float) -> None:
        """Re-queue IN_PROGRESS tasks whose worker went silent (or fail the last try), and
        queue tasks a database blip stranded before the queue."""
        settings = self._rt.settings
        for task in self._rt.tasks.stale_in_progress(older_than):
            if task.model in self._forwarded:
                continue  # the forwarders take these over themselves
            if recover_orphan(self._rt.tasks, task.id, settings.max_attempts, task.worker_id):
                self._publish(task.id)
        for task_id in queue_stranded(self._rt.tasks):
            self.enqueue(task_id)
