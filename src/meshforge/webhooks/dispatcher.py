"""Deliver webhooks of finished tasks from the rows, retrying with back-off.

Runs beside the API (never in a worker), so a slow or failing receiver can neither block
nor fail a task. A delivery is claimed in the row before sending (store.webhooks), so two
dispatchers never send the same attempt twice; every API node of a cluster runs one, and
all sign with the same secret (MESHFORGE_WEBHOOK_SECRET).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import orjson

from meshforge.background import PeriodicTask
from meshforge.domain.records import Task
from meshforge.runtime import Runtime
from meshforge.tasks.views import TaskView, success, task_data
from meshforge.webhooks.delivery import post_webhook
from meshforge.webhooks.signing import signature_headers

SCAN_EVERY_S = 0.5
SENDERS = 4


class WebhookDispatcher:
    def __init__(self, runtime: Runtime, secret: str) -> None:
        self._rt, self._secret = runtime, secret
        self._senders = ThreadPoolExecutor(max_workers=SENDERS, thread_name_prefix="webhook")
        self._busy, self._busy_lock = 0, threading.Lock()
        self._loop = PeriodicTask("webhooks", SCAN_EVERY_S, self._dispatch_due)

    def start(self) -> None:
        self._loop.start()

    def stop(self) -> None:
        self._loop.stop()
        self._senders.shutdown(wait=False, cancel_futures=True)

    def _dispatch_due(self) -> None:
        """Claim only as many deliveries as this node has idle senders: a claim held in
        a local queue would wait out its lease while another node's senders sit idle."""
        with self._busy_lock:
            idle = SENDERS - self._busy
        if idle <= 0:
            return
        lease_s = self._rt.settings.webhook_timeout_s + 5
        for task in self._rt.webhooks.claim_due(time.time(), lease_s, limit=idle):
            with self._busy_lock:
                self._busy += 1
            self._senders.submit(self._deliver_and_free, task)

    def _deliver_and_free(self, task: Task) -> None:
        try:
            self._deliver(task)
        finally:
            with self._busy_lock:
                self._busy -= 1

    def _deliver(self, task: Task) -> None:
        settings = self._rt.settings
        # No request to take a host from: MESHFORGE_PUBLIC_BASE_URL, else where we listen.
        host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
        base = settings.public_base_url or f"http://{host}:{settings.port}"
        body = orjson.dumps(success(task_data(TaskView(task), base)))
        headers = signature_headers(self._secret, f"msg_{task.id}", int(time.time()), body)
        delivered = bool(task.callback_url) and post_webhook(
            task.callback_url or "",
            body,
            headers,
            allow_private=settings.allow_private_callback_urls,
            timeout_s=settings.webhook_timeout_s,
        )
        self._rt.webhooks.record_attempt(task, delivered, settings.webhook_backoff_s, time.time())
