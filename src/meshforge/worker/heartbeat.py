"""A worker's sign of life: the row's heartbeat, refreshed from a thread while a task runs.

The executors read it to tell a dead or frozen worker (take its task over) from a live
one that is simply busy.
"""

from __future__ import annotations

from meshforge.background import PeriodicTask
from meshforge.store.tasks import TaskStore


class Heartbeat:
    def __init__(self, store: TaskStore, task_id: str, worker_id: str, every_s: float) -> None:
        self._loop = PeriodicTask(
            "heartbeat",
            every_s,
            lambda: store.heartbeat(task_id, worker_id),
            log_failures=False,  # a missed beat is retried on the next tick
        )

    def __enter__(self) -> Heartbeat:
        self._loop.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._loop.stop()
