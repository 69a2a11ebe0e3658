"""What happens to a task whose worker died: run it again, at most max_attempts times."""

from __future__ import annotations

from meshforge.store.tasks import TaskStore
from meshforge.tasks.status import Status


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
