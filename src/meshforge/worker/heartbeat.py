"""A worker's sign of life: the row's heartbeat, refreshed from a thread while a task runs.

The executors read it to tell a dead or frozen worker (take its task over) from a live
one that is simply busy.
"""

from __future__ import annotations

import contextlib
import threading

from meshforge.store.tasks import TaskStore


class Heartbeat:
    def __init__(self, store: TaskStore, task_id: str, worker_id: str, every_s: float) -> None:
        self._store, self._args, self._every = store, (task_id, worker_id), every_s
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join(timeout=5)

    def _beat(self) -> None:
        while not self._done.wait(self._every):
            with contextlib.suppress(Exception):  # a missed beat is retried on the next tick
                self._store.heartbeat(*self._args)
