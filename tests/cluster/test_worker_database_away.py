"""A Celery worker that loses the database: it waits for it and runs the task when it is
back; past its patience it gives the message back to the broker (reject with requeue)
instead of acknowledging it, so the task is not lost (item 3 of issue 14)."""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from celery.exceptions import Reject

from meshforge.config import Settings
from meshforge.domain.status import Status
from meshforge.executor import celery_app
from meshforge.runtime import Runtime, open_runtime
from tests.conftest import POSTGRES_ADMIN_URL
from tests.support.rows import new_task_row
from tests.support.server import FIXTURE_ENGINES
from tests.support.tcp_proxy import FaultyTcpProxy


@pytest.fixture
def worker_runtime(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Runtime, Runtime, FaultyTcpProxy]]:
    """The worker's runtime reaches PostgreSQL through a proxy; the test's directly."""
    admin = sa.make_url(POSTGRES_ADMIN_URL)
    with FaultyTcpProxy((admin.host or "127.0.0.1", admin.port or 5432)) as proxy:
        proxied = sa.make_url(postgres_url).set(host="127.0.0.1", port=proxy.port)

        def runtime(url: str, name: str) -> Runtime:
            return open_runtime(
                Settings(
                    data_dir=tmp_path / "files",
                    database_url=url,
                    node_name=name,
                    builtin_engines=False,
                    extra_engines=[FIXTURE_ENGINES.strip('[]"')],
                )
            )

        worker = runtime(proxied.render_as_string(hide_password=False), "worker-1")
        direct = runtime(postgres_url, "test")
        monkeypatch.setattr(celery_app, "_runtime", (os.getpid(), worker))
        yield worker, direct, proxy
        worker.close()
        direct.close()


def queued(runtime: Runtime) -> str:
    task_id = f"3d_{secrets.token_hex(24)}"
    runtime.tasks.create({**new_task_row(task_id), "model": "test/cube"})
    assert runtime.tasks.mark_submitted(task_id, None) and runtime.tasks.mark_queued(task_id)
    return task_id


def test_a_worker_waits_for_the_database_and_then_runs_its_task(
    worker_runtime: tuple[Runtime, Runtime, FaultyTcpProxy],
) -> None:
    worker, direct, proxy = worker_runtime
    task_id = queued(direct)
    proxy.down()
    threading.Timer(3.0, proxy.up).start()  # back after 3 s, well within the patience
    celery_app.run_task(task_id)
    task = direct.tasks.get(task_id)
    assert task is not None and task.status is Status.SUCCESS and task.attempts == 1


def test_past_its_patience_a_worker_gives_the_message_back_instead_of_acking_it(
    worker_runtime: tuple[Runtime, Runtime, FaultyTcpProxy], monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, direct, proxy = worker_runtime
    task_id = queued(direct)
    monkeypatch.setattr(celery_app, "DATABASE_PATIENCE_S", 1.0)
    proxy.down()
    with pytest.raises(Reject) as rejected:
        celery_app.run_task(task_id)
    assert rejected.value.requeue  # the broker delivers it again
    task = direct.tasks.get(task_id)
    assert task is not None and task.status is Status.QUEUED  # untouched, still to run
