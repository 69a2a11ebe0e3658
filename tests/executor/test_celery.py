"""The scale-out executor end to end: `meshforge serve` publishing task ids and
`meshforge worker` (Celery, prefork) running them, on Redis and on RabbitMQ."""

from __future__ import annotations

import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.processes import stop
from tests.support.server import RunningServer, get_task, start_server, submit, wait_for

BROKERS = {
    "redis": "redis://127.0.0.1:6379/0",
    "rabbitmq": "amqp://guest:guest@127.0.0.1:5672//",
}


class Cluster:
    def __init__(
        self, server: RunningServer, pid_dir: Path, worker: subprocess.Popen[bytes]
    ) -> None:
        self.server, self.pid_dir, self.worker = server, pid_dir, worker

    def finish(self, task_id: str, timeout_s: float = 90) -> dict[str, object]:
        deadline = time.monotonic() + timeout_s
        while (data := get_task(self.server, task_id))["status"] not in ("SUCCESS", "FAILURE"):
            assert time.monotonic() < deadline, data
            time.sleep(0.1)
        return data

    def pid(self, seed: int) -> int:
        path = self.pid_dir / f"{seed}.pid"
        wait_for(lambda: path.exists() and path.read_text(), timeout_s=60)
        return int(path.read_text())

    def attempts(self, task_id: str) -> int:
        with sqlite3.connect(self.server.data_dir / "meshforge.db") as conn:
            row = conn.execute("SELECT attempts FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return int(row[0])


def _cluster(tmp_path: Path, broker: str) -> Iterator[Cluster]:
    pid_dir = tmp_path / "pids"
    pid_dir.mkdir()
    env = {
        "MESHFORGE_EXECUTOR": "celery",
        "MESHFORGE_BROKER_URL": broker,
        "MESHFORGE_CELERY_QUEUE": f"test-{secrets.token_hex(4)}",
        "MESHFORGE_HEARTBEAT_INTERVAL_S": "0.5",
        "MESHFORGE_HEARTBEAT_LEASE_S": "2",
        "MESHFORGE_TASK_TIME_LIMIT_S": "4",
        "FIXTURE_PID_DIR": str(pid_dir),
    }
    with start_server(tmp_path, env=env) as server:
        worker = subprocess.Popen(
            [sys.executable, "-m", "meshforge", "worker", "--concurrency", "2"],
            env=server.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            yield Cluster(server, pid_dir, worker)
        finally:
            stop(worker)


@pytest.fixture(params=sorted(BROKERS))
def cluster(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Cluster]:
    yield from _cluster(tmp_path, BROKERS[request.param])


@pytest.fixture
def redis_cluster(tmp_path: Path) -> Iterator[Cluster]:
    yield from _cluster(tmp_path, BROKERS["redis"])


def test_tasks_run_on_celery_workers(cluster: Cluster) -> None:
    task_id = submit(cluster.server, {"model": "test/cube", "prompt": "x"})
    data = cluster.finish(task_id)
    assert data["status"] == "SUCCESS", data
    outputs = data["outputs"]
    assert isinstance(outputs, list)
    assert httpx.get(outputs[0]).content[:4] == b"glTF"
    ready = httpx.get(f"{cluster.server.base_url}/readyz").json()["data"]["checks"]
    assert ready["queue"] is True


def test_killed_worker_process_task_is_rerun(cluster: Cluster) -> None:
    task_id = submit(cluster.server, {"model": "test/slow", "prompt": "2", "seed": 5})
    pid = cluster.pid(5)
    (cluster.pid_dir / "5.pid").unlink()
    os.kill(pid, signal.SIGKILL)
    assert cluster.pid(5) != pid  # started again in another process
    data = cluster.finish(task_id)
    assert data["status"] == "SUCCESS", data
    assert cluster.attempts(task_id) == 2


def test_cancel_kills_the_running_work(redis_cluster: Cluster) -> None:
    server = redis_cluster.server
    task_id = submit(server, {"model": "test/slow", "prompt": "60", "seed": 6})
    pid = redis_cluster.pid(6)
    httpx.post(f"{server.base_url}/v1/3d/generations/{task_id}/cancel", headers=server.headers)
    wait_for(
        lambda: (
            not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
        ),
        timeout_s=20,
    )
    assert get_task(server, task_id)["fail_reason"] == "canceled"


def test_time_limit_fails_the_task(redis_cluster: Cluster) -> None:
    task_id = submit(redis_cluster.server, {"model": "test/slow", "prompt": "60", "seed": 7})
    data = redis_cluster.finish(task_id, timeout_s=60)
    assert data["status"] == "FAILURE"
    assert "time limit of 4 s" in str(data["fail_reason"])


def test_warm_shutdown_of_a_worker_finishes_its_task(redis_cluster: Cluster) -> None:
    """SIGTERM is Celery's warm shutdown: the running task completes, no attempt is lost."""
    task_id = submit(redis_cluster.server, {"model": "test/slow", "prompt": "3", "seed": 8})
    redis_cluster.pid(8)
    assert get_task(redis_cluster.server, task_id)["status"] == "IN_PROGRESS"
    redis_cluster.worker.send_signal(signal.SIGTERM)
    assert redis_cluster.worker.wait(timeout=30) == 0
    data = get_task(redis_cluster.server, task_id)
    assert data["status"] == "SUCCESS", data
    assert redis_cluster.attempts(task_id) == 1


def test_learned_models_go_to_the_gpu_queue(tmp_path: Path) -> None:
    """A model that declares the GPU is published to MESHFORGE_CELERY_GPU_QUEUE, which a
    `meshforge worker --queue <gpu queue>` consumes; the other models never reach it."""
    gpu_queue = f"test-gpu-{secrets.token_hex(4)}"
    engines = (
        '["tests.support.fixture_engines:all_engines", "tests.support.fixture_engines:gpu_engines"]'
    )
    env = {
        "MESHFORGE_EXECUTOR": "celery",
        "MESHFORGE_BROKER_URL": BROKERS["redis"],
        "MESHFORGE_CELERY_QUEUE": f"test-{secrets.token_hex(4)}",
        "MESHFORGE_CELERY_GPU_QUEUE": gpu_queue,
        "MESHFORGE_EXTRA_ENGINES": engines,
    }
    with start_server(tmp_path, env=env) as server:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "meshforge",
                "worker",
                "--queue",
                gpu_queue,
                "--concurrency",
                "1",
            ],
            env=server.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            cpu_task = submit(server, {"model": "test/cube", "prompt": "x"})
            gpu_task = submit(server, {"model": "test/gpu-cube", "prompt": "x"})
            cluster = Cluster(server, tmp_path, worker)
            assert cluster.finish(gpu_task)["status"] == "SUCCESS"
            time.sleep(1.0)
            assert get_task(server, cpu_task)["status"] == "QUEUED"
        finally:
            worker.terminate()
            worker.wait(timeout=30)
