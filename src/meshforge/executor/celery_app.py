"""The Celery side of the scale-out executor: the app and the one task it runs.

Only a task id travels through the broker; the worker reads everything from the row.
Acks are late, so a message whose worker died is delivered again; heartbeats in the row
tell a dead holder (take the task over) from a live one (a duplicate: drop it).
"""

from __future__ import annotations

import os
import time
from typing import Any

from meshforge.config import Settings
from meshforge.domain.status import Status
from meshforge.engines.learned.device import go_offline
from meshforge.executor.recovery import recover_orphan
from meshforge.runtime import Runtime, open_runtime
from meshforge.store.db import database_unavailable
from meshforge.worker.persist import PERSIST_FOR_S, persist
from meshforge.worker.runner import TaskRunner

RUN_TASK = "meshforge.run_task"
HARD_LIMIT_GRACE_S = 15  # after the soft limit, Celery kills the child process
WARM_UP_LIMIT_S = 600.0  # a worker child loading its models

DATABASE_PATIENCE_S = PERSIST_FOR_S  # how long a delivered task waits for the database
_runtime: tuple[int, Runtime] | None = None  # per process: never share connections over fork
_settings: Settings | None = None  # the worker command's settings, inherited by forked children


def make_celery_app(settings: Settings) -> Any:
    global _settings
    _settings = settings
    try:
        from celery import Celery
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError(
            "the Celery executor needs celery: pip install 'meshforge[celery]'"
        ) from exc
    app = Celery("meshforge", broker=settings.broker_url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,  # the row is the truth; no result backend
        worker_prefetch_multiplier=1,
        task_default_queue=settings.celery_queue,
        task_soft_time_limit=settings.task_time_limit_s,
        task_time_limit=settings.task_time_limit_s + HARD_LIMIT_GRACE_S,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        # A child reports up only after worker_process_init has loaded its models, which
        # for a learned model takes far longer than Celery's default 4 s.
        worker_proc_alive_timeout=WARM_UP_LIMIT_S,
    )
    app.task(name=RUN_TASK)(run_task)
    return app


def warm_worker_process(**_: Any) -> None:
    """Celery's worker_process_init: open this child's runtime and load the models of
    the queue it serves (GPU models on the GPU queue), so no first task waits for them.
    Runs after the fork, so CUDA is only ever initialised in the children."""
    go_offline()
    runtime = process_runtime()
    settings = runtime.settings
    runtime.engines.warm_up("gpu" if settings.celery_queue == settings.celery_gpu_queue else "cpu")


def process_runtime() -> Runtime:
    global _runtime
    if _runtime is None or _runtime[0] != os.getpid():
        settings = _settings or Settings.model_validate({})
        _runtime = (os.getpid(), open_runtime(settings))
    return _runtime[1]


def run_task(task_id: str) -> None:
    """Run one delivered task id. While the database is away the worker waits for it (up
    to DATABASE_PATIENCE_S) and then gives the message back to the broker rather than ack it:
    a database restart must not lose the task."""
    from celery.exceptions import Reject, SoftTimeLimitExceeded

    runtime = process_runtime()
    worker_id = f"celery-{runtime.settings.node_name}-{os.getpid()}"
    try:
        may_run = persist(
            lambda: take_over_if_orphaned(runtime, task_id),
            f"reading {task_id}",
            for_s=DATABASE_PATIENCE_S,
        )
        if not may_run:
            return  # a live worker holds it: this delivery is a duplicate
    except Exception as exc:
        if not database_unavailable(exc):
            raise
        raise Reject("the database is unavailable", requeue=True) from exc
    runner = TaskRunner(
        runtime,
        worker_id,
        time_limit_errors=(SoftTimeLimitExceeded,),
        claim_patience_s=DATABASE_PATIENCE_S,
    )
    runner.run(task_id)


def take_over_if_orphaned(runtime: Runtime, task_id: str) -> bool:
    """False when the task is IN_PROGRESS under a worker that is still alive."""
    task = runtime.tasks.get(task_id)
    if task is None or task.status is not Status.IN_PROGRESS:
        return True  # the claim decides
    if time.time() - task.heartbeat_at < runtime.settings.heartbeat_lease_s:
        return False
    recover_orphan(runtime.tasks, task_id, runtime.settings.max_attempts, held_by=task.worker_id)
    return True
