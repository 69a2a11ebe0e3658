"""Heartbeat lease recovery with several API nodes: a task is re-run only when its
worker's heartbeat is stale, never because an API node (re)started or the database was
away for a while (every heartbeat then looks old until the workers beat again)."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import sqlalchemy as sa

from meshforge.config import Settings
from meshforge.domain.status import Status
from meshforge.executor.celery import CeleryExecutor
from meshforge.runtime import Runtime, open_runtime
from tests.support.rows import new_task_row
from tests.support.server import free_port

LEASE_S = 1.0


def running_task(runtime: Runtime, worker: str) -> str:
    task_id = f"3d_{secrets.token_hex(24)}"
    runtime.tasks.create(new_task_row(task_id))
    assert runtime.tasks.mark_submitted(task_id, None) and runtime.tasks.mark_queued(task_id)
    assert runtime.tasks.claim(task_id, worker)
    return task_id


def test_a_new_node_reaps_only_stale_heartbeats_and_only_after_a_lease(
    tmp_path: Path, postgres_url: str
) -> None:
    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE tasks"))
    engine.dispose()
    settings = Settings(
        data_dir=tmp_path,
        database_url=postgres_url,
        executor="celery",
        broker_url=f"redis://127.0.0.1:{free_port()}/0",  # nothing listens: publish fails
        heartbeat_lease_s=LEASE_S,
        builtin_engines=False,
    )
    runtime = open_runtime(settings)
    live, dead = running_task(runtime, "worker-live"), running_task(runtime, "worker-dead")
    time.sleep(LEASE_S + 0.2)  # both heartbeats are now older than a lease
    node = CeleryExecutor(runtime)  # an API node that just started
    node._reap_round()  # its first round only notes that the database answers
    assert runtime.tasks.get(live).status is Status.IN_PROGRESS  # type: ignore[union-attr]
    assert runtime.tasks.get(dead).status is Status.IN_PROGRESS  # type: ignore[union-attr]
    deadline = time.monotonic() + LEASE_S + 0.5
    while time.monotonic() < deadline:  # the live worker beats; the dead one does not
        runtime.tasks.heartbeat(live, "worker-live")
        time.sleep(0.1)
    node._reap_round()
    assert runtime.tasks.get(live).status is Status.IN_PROGRESS  # type: ignore[union-attr]
    requeued = runtime.tasks.get(dead)
    assert requeued is not None and requeued.status is Status.QUEUED
    assert requeued.worker_id is None  # and due at the broker: the republisher sends it
    node.shutdown()
    runtime.close()
