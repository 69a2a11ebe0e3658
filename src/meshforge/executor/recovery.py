"""What happens to tasks whose worker is gone: run them again, at most max_attempts times.

One home for both executors: after a restart (`recover_unfinished`) and whenever a
worker dies or goes silent (`recover_orphan`).
"""

from __future__ import annotations

import time
from collections.abc import Collection

from meshforge.domain.status import Status
from meshforge.store.tasks import TaskStore


def recover_orphan(store: TaskStore, task_id: str, max_attempts: int, held_by: str | None) -> bool:
    """IN_PROGRESS task lost its worker: QUEUED again, or FAILURE after the last attempt.

    Returns True when the task was put back in the queue (the caller must enqueue it).
    """
    task = store.get(task_id)
    if task is None or task.status is not Status.IN_PROGRESS:
        return False
    if held_by is not None and task.worker_id != held_by:
        return False
    if task.attempts >= max_attempts:
        store.fail(
            task_id,
            f"the worker running this task stopped unexpectedly {task.attempts} times "
            "(it may need more memory than the server has); try a smaller face_limit "
            "or a simpler input",
            worker_id=task.worker_id,
        )
        return False
    return store.requeue(task_id, task.worker_id)


def recover_unfinished(
    store: TaskStore,
    max_attempts: int,
    *,
    in_progress_are_orphans: bool,
    forwarded: Collection[str] = (),
) -> list[str]:
    """After a restart: SUBMITTED rows still need queueing, and where the workers died
    with the server (the local executor) every IN_PROGRESS row is an orphan of a crash (a
    graceful stop hands its tasks back as QUEUED); remote workers may still be running
    theirs, which their heartbeats tell. Returns the ids now QUEUED, in queue order.

    Tasks of the `forwarded` models are left alone: they never ran in a worker, and an
    IN_PROGRESS one is resumed by the forwarder polling its recorded upstream task (no
    attempt counted, nothing submitted again)."""
    if in_progress_are_orphans:
        for task_id in store.ids_in_status(Status.IN_PROGRESS, other_than=forwarded):
            recover_orphan(store, task_id, max_attempts, held_by=None)
    for task_id in store.ids_in_status(Status.SUBMITTED):
        store.mark_queued(task_id)
    return store.ids_in_status(Status.QUEUED, other_than=forwarded)


STRANDED_AFTER_S = 30.0  # a submit moves its task to QUEUED within its own request


def queue_stranded(store: TaskStore, older_than_s: float = STRANDED_AFTER_S) -> list[str]:
    """Queue tasks a database blip stranded between a submit's steps (the client got a
    503, and its retry with the same Idempotency-Key returns this task): returns the ids
    now QUEUED, for executors that must also be told."""
    queued = []
    for task in store.stranded_before_queue(int(time.time() - older_than_s)):
        if task.status is Status.NOT_START:
            store.mark_submitted(task.id, task.input_key)
        if store.mark_queued(task.id):
            queued.append(task.id)
    return queued
