"""PostgreSQL goes away for 10 s behind a fault-injecting TCP proxy (the shared server
itself keeps running): the API answers 503 with Retry-After, the worker holds on to its
result until the database is back, and no task is lost or doubled."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from tests.conftest import POSTGRES_ADMIN_URL
from tests.support.server import RunningServer, get_task, start_server, submit, wait_for
from tests.support.tcp_proxy import FaultyTcpProxy

OUTAGE_S = 10.0


@pytest.fixture
def proxied(postgres_url: str, tmp_path: Path) -> Iterator[tuple[RunningServer, FaultyTcpProxy]]:
    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE api_keys, tasks, artifacts RESTART IDENTITY"))
    engine.dispose()
    host_port = POSTGRES_ADMIN_URL.split("@", 1)[1].split("/", 1)[0]
    host, port = host_port.split(":")
    with FaultyTcpProxy((host, int(port))) as proxy:
        url = postgres_url.replace(host_port, f"127.0.0.1:{proxy.port}")
        with start_server(tmp_path, env={"MESHFORGE_DATABASE_URL": url}) as server:
            yield server, proxy


def assert_503_retry_after(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) >= 1
    body = response.json()
    assert body["code"] == body["error"]["code"] == "overloaded" and body["data"] is None


def test_ten_seconds_without_the_database(
    proxied: tuple[RunningServer, FaultyTcpProxy], postgres_url: str
) -> None:
    server, proxy = proxied
    running = submit(server, {"model": "test/slow", "prompt": "3"})
    wait_for(lambda: get_task(server, running)["status"] == "IN_PROGRESS")
    waiting = [submit(server, {"model": "test/cube", "prompt": "x"}) for _ in range(3)]
    proxy.down()
    started = time.monotonic()
    task_url = f"{server.base_url}/v1/3d/generations/{running}"
    list_url = f"{server.base_url}/v1/3d/generations"
    while time.monotonic() - started < OUTAGE_S:
        assert_503_retry_after(httpx.get(task_url, headers=server.headers, timeout=30))
        # The list route reads through asyncpg too (store/reads_asyncpg.py).
        listed = httpx.get(list_url, headers=server.headers, timeout=30)
        assert_503_retry_after(listed)
        body = {"model": "test/cube", "prompt": "x"}
        submitted = httpx.post(
            f"{server.base_url}/v1/3d/generations", json=body, headers=server.headers, timeout=30
        )
        assert_503_retry_after(submitted)
        assert httpx.get(f"{server.base_url}/readyz", timeout=30).status_code == 503
        time.sleep(1.0)
    proxy.up()
    for task_id in [running, *waiting]:
        wait_for(lambda t=task_id: get_task(server, t)["status"] == "SUCCESS", timeout_s=60)
    engine = sa.create_engine(postgres_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, attempts FROM tasks")).all()
    engine.dispose()
    # Nothing lost, nothing doubled, and the running task's one attempt was kept.
    assert sorted(rows) == sorted([(running, 1)] + [(task_id, 1) for task_id in waiting])
    metrics = httpx.get(f"{server.base_url}/metrics", timeout=30).text
    assert "meshforge_worker_restarts_total 0.0" in metrics
    wait_for(lambda: httpx.get(f"{server.base_url}/readyz").status_code == 200, timeout_s=30)


def test_a_database_host_that_never_answers_costs_seconds_not_minutes(
    proxied: tuple[RunningServer, FaultyTcpProxy],
) -> None:
    """Connections are accepted but nothing comes back: without a connect timeout every
    request would hang until TCP gave up; with it, a 503 comes in about 5 s."""
    server, proxy = proxied
    task_id = submit(server, {"model": "test/cube", "prompt": "x"})
    proxy.silence()
    try:
        started = time.monotonic()
        response = httpx.get(
            f"{server.base_url}/v1/3d/generations/{task_id}", headers=server.headers, timeout=60
        )
        assert_503_retry_after(response)
        assert time.monotonic() - started < 20
        listed = httpx.get(
            f"{server.base_url}/v1/3d/generations", headers=server.headers, timeout=60
        )
        assert_503_retry_after(listed)
        assert time.monotonic() - started < 40
    finally:
        proxy.unsilence()
    wait_for(lambda: get_task(server, task_id)["status"] == "SUCCESS", timeout_s=60)


def test_a_task_stranded_before_the_queue_still_runs(tmp_path: Path) -> None:
    """A blip between a submit's insert and its move to QUEUED leaves a SUBMITTED row (the
    client got a 503); the supervisor's sweep queues it, so it runs without a restart."""
    with start_server(tmp_path) as server:
        task_id = submit(server, {"model": "test/cube", "prompt": "x"})
        wait_for(lambda: get_task(server, task_id)["status"] == "SUCCESS")
        stranded = "3d_" + "7" * 48
        engine = sa.create_engine(f"sqlite:///{server.data_dir / 'meshforge.db'}")
        with engine.begin() as conn:  # the row as the blip left it, 5 minutes ago
            conn.execute(
                sa.text(
                    "INSERT INTO tasks (id, key_id, model, status, progress, params, seed,"
                    " submit_time, start_time, finish_time, queued_at, fail_reason, attempts,"
                    " outputs, expires_at, webhook_attempts, cached)"
                    " SELECT :id, key_id, model, 'SUBMITTED', 0, params, seed, submit_time - 300,"
                    " 0, 0, 0, '', 0, '[]', expires_at, 0, 0 FROM tasks WHERE id = :t"
                ),
                {"id": stranded, "t": task_id},
            )
        engine.dispose()
        wait_for(lambda: get_task(server, stranded)["status"] == "SUCCESS", timeout_s=60)
