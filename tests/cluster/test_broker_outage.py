"""The broker is down when tasks are accepted: they stay QUEUED, nothing fails, and once
the broker is back the republishers of two API nodes publish each of them once."""

from __future__ import annotations

import itertools
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa

from meshforge.config import Settings
from meshforge.domain.status import Status
from meshforge.executor.celery import CeleryExecutor
from meshforge.runtime import Runtime, open_runtime
from tests.support.rows import new_task_row
from tests.support.server import FIXTURE_ENGINES, free_port, wait_for

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")

_ids = itertools.count(1)


class OwnRedis:
    """A Redis of this test's own, so stopping it disturbs nobody else."""

    def __init__(self, folder: Path) -> None:
        self.port, self.folder = free_port(), folder
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: self._answers(), timeout_s=20)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def _answers(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port).ping())
        except redis.ConnectionError:
            return False


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[OwnRedis]:
    own = OwnRedis(tmp_path)
    yield own
    own.stop()


def node(tmp_path: Path, name: str, database_url: str, broker: OwnRedis, queue: str) -> Runtime:
    settings = Settings(
        data_dir=tmp_path / name,
        database_url=database_url,
        executor="celery",
        broker_url=f"redis://127.0.0.1:{broker.port}/0",
        celery_queue=queue,
        node_name=name,
        builtin_engines=False,
        extra_engines=[FIXTURE_ENGINES.strip('[]"')],
    )
    return open_runtime(settings)


def accept(runtime: Runtime, executor: CeleryExecutor) -> str:
    """What a submit does past its input: SUBMITTED -> QUEUED, then the publish."""
    task_id = f"3d_{secrets.token_hex(24)}"
    runtime.tasks.create({**new_task_row(task_id), "model": "test/cube"})
    assert runtime.tasks.mark_submitted(task_id, None) and runtime.tasks.mark_queued(task_id)
    executor.enqueue(task_id)
    return task_id


def test_tasks_accepted_while_the_broker_is_down_are_published_once_when_it_is_back(
    tmp_path: Path, postgres_url: str, broker: OwnRedis
) -> None:
    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE tasks"))
    engine.dispose()
    queue = f"outage-{secrets.token_hex(4)}"
    nodes = [node(tmp_path, f"api-{i}", postgres_url, broker, queue) for i in (1, 2)]
    executors = [CeleryExecutor(runtime) for runtime in nodes]
    started = time.monotonic()
    accepted = [accept(nodes[i % 2], executors[i % 2]) for i in range(6)]
    assert time.monotonic() - started < 30  # a down broker does not hold a submit long
    assert all(nodes[0].tasks.get(t).status is Status.QUEUED for t in accepted)  # type: ignore[union-attr]
    broker.start()
    for executor in executors:
        executor.start()  # the republishers of both nodes run from now on
    try:
        client = redis.Redis(port=broker.port)
        wait_for(lambda: client.llen(queue) >= len(accepted), timeout_s=30)
        time.sleep(3)  # a second publish of any of them would show by now
        messages = client.lrange(queue, 0, -1)
        assert len(messages) == len(accepted)
        assert all(any(t.encode() in m for m in messages) for t in accepted)
    finally:
        for executor, runtime in zip(executors, nodes, strict=True):
            executor.shutdown()
            runtime.close()
