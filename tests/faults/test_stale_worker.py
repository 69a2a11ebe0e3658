"""A Celery worker process frozen with SIGSTOP past its heartbeat lease, then resumed:
the task is re-run elsewhere, and the frozen run's late writes (its files, its SUCCESS)
are refused, so the re-run stands. (The embedded executor kills such a worker instead:
tests/executor/test_local_faults.py.)"""

from __future__ import annotations

import os
import secrets
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.processes import stop
from tests.support.server import RunningServer, get_task, start_server, submit, wait_for
from tests.support.tmpfs import files_under


@pytest.fixture
def celery_cluster(tmp_path: Path) -> Iterator[tuple[RunningServer, Path, Path]]:
    pid_dir = tmp_path / "pids"
    pid_dir.mkdir()
    env = {
        "MESHFORGE_EXECUTOR": "celery",
        "MESHFORGE_BROKER_URL": "redis://127.0.0.1:6379/0",
        "MESHFORGE_CELERY_QUEUE": f"test-{secrets.token_hex(4)}",
        "MESHFORGE_HEARTBEAT_INTERVAL_S": "0.5",
        "MESHFORGE_HEARTBEAT_LEASE_S": "2",
        "FIXTURE_PID_DIR": str(pid_dir),
    }
    worker_log = tmp_path / "worker.log"
    with start_server(tmp_path, env=env) as server, worker_log.open("wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "meshforge", "worker", "--concurrency", "2"],
            env=server.env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            yield server, pid_dir, worker_log
        finally:
            stop(worker)


def pid_of_run(pid_dir: Path, seed: int) -> int:
    path = pid_dir / f"{seed}.pid"
    wait_for(lambda: path.exists() and path.read_text(), timeout_s=60)
    pid = int(path.read_text())
    path.unlink()
    return pid


def rows(server: RunningServer, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(server.data_dir / "meshforge.db") as conn:
        return conn.execute(sql, args).fetchall()


def test_a_frozen_worker_resumed_late_cannot_undo_the_rerun(
    celery_cluster: tuple[RunningServer, Path, Path],
) -> None:
    server, pid_dir, worker_log = celery_cluster
    task_id = submit(server, {"model": "test/slow", "prompt": "3", "seed": 21})
    frozen = pid_of_run(pid_dir, 21)
    os.kill(frozen, signal.SIGSTOP)
    try:
        rerun = pid_of_run(pid_dir, 21)  # the lease ran out: another process runs it
        assert rerun != frozen
        wait_for(lambda: get_task(server, task_id)["status"] == "SUCCESS", timeout_s=60)
    finally:
        os.kill(frozen, signal.SIGCONT)
    standing = get_task(server, task_id)
    wait_for(lambda: b"late result" in worker_log.read_bytes(), timeout_s=30)
    assert get_task(server, task_id) == standing  # same outputs, same finish time
    ((worker_id, attempts),) = rows(
        server, "SELECT worker_id, attempts FROM tasks WHERE id = ?", task_id
    )
    assert worker_id == f"celery-{os.uname().nodename}-{rerun}" and attempts == 2
    # Only the standing run's files and artifacts exist: the frozen run's are gone.
    tokens = {url.rsplit("/", 1)[1] for url in standing["outputs"]}
    tokens.add(str(standing["thumbnail"]).rsplit("/", 1)[1])
    recorded = rows(server, "SELECT token, storage_key FROM artifacts WHERE task_id = ?", task_id)
    assert {token for token, _ in recorded} == tokens
    on_disk = files_under(server.data_dir / "files" / "outputs" / task_id)
    stored = {server.data_dir / "files" / str(key) for _, key in recorded}
    assert set(on_disk) == stored
