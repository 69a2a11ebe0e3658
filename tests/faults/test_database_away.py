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
    while time.monotonic() - started < OUTAGE_S:
        assert_503_retry_after(httpx.get(task_url, headers=server.headers, timeout=30))
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
