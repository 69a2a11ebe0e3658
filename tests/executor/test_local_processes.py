"""End to end with real processes: a `meshforge serve` subprocess and its workers.

Covers the crash cases of the lifecycle: engine errors, time limits, workers killed with
SIGKILL, the server killed with SIGKILL and restarted, and cancel of a running task; and
the graceful stop (SIGTERM), which hands running tasks back without counting an attempt.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.rows import stored_row
from tests.support.server import RunningServer, get_task, start_server, submit, wait_for

TERMINAL = {"SUCCESS", "FAILURE"}


def _watch(server: RunningServer, task_id: str, timeout_s: float = 60) -> list[dict[str, object]]:
    """Poll until terminal; returns every observed state."""
    seen: list[dict[str, object]] = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        data = get_task(server, task_id)
        seen.append(data)
        if data["status"] in TERMINAL:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"task {task_id} not finished: {seen[-1]}")


def _attempts(server: RunningServer, task_id: str) -> int:
    return int(_row(server, task_id)["attempts"])


def _row(server: RunningServer, task_id: str) -> dict[str, object]:
    """The task's row, read straight from the database (attempts is not in the API)."""
    return stored_row(server.data_dir, task_id)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers signal 0; treat it as dead.
    try:
        return Path(f"/proc/{pid}/status").read_text().find("zombie") == -1
    except FileNotFoundError:
        return False


def _pid_of(pid_dir: Path, seed: int) -> int:
    path = pid_dir / f"{seed}.pid"
    wait_for(lambda: path.exists() and path.read_text(), timeout_s=30)
    return int(path.read_text())


@pytest.fixture
def pid_dir(tmp_path: Path) -> Path:
    path = tmp_path / "pids"
    path.mkdir()
    return path


def _server_with_time_limit(tmp_path: Path, pid_dir: Path, limit_s: int) -> Iterator[RunningServer]:
    env = {"FIXTURE_PID_DIR": str(pid_dir), "MESHFORGE_TASK_TIME_LIMIT_S": str(limit_s)}
    with start_server(tmp_path, workers=2, env=env) as running:
        yield running


@pytest.fixture
def server(tmp_path: Path, pid_dir: Path) -> Iterator[RunningServer]:
    # Roomy: workers run niced, so on a busy machine a 2 s fixture task can take several.
    yield from _server_with_time_limit(tmp_path, pid_dir, limit_s=30)


@pytest.fixture
def short_limit_server(tmp_path: Path, pid_dir: Path) -> Iterator[RunningServer]:
    yield from _server_with_time_limit(tmp_path, pid_dir, limit_s=4)


def test_statuses_in_order_then_files_download(server: RunningServer) -> None:
    task_id = submit(
        server, {"model": "test/slow", "prompt": "1.5", "output_formats": ["glb", "stl"]}
    )
    seen = _watch(server, task_id)
    statuses = [s["status"] for s in seen]
    order = ["NOT_START", "SUBMITTED", "QUEUED", "IN_PROGRESS", "SUCCESS"]
    assert [order.index(str(s)) for s in statuses] == sorted(order.index(str(s)) for s in statuses)
    assert "IN_PROGRESS" in statuses and statuses[-1] == "SUCCESS"
    running = [int(str(s["progress"]).rstrip("%")) for s in seen if s["status"] == "IN_PROGRESS"]
    assert running == sorted(running) and max(running) < 100 and len(set(running)) > 2
    final = seen[-1]
    assert final["progress"] == "100%" and final["fail_reason"] == ""
    assert final["start_time"] >= final["submit_time"] > 0  # type: ignore[operator]
    assert final["finish_time"] >= final["start_time"]  # type: ignore[operator]
    glb_url, stl_url = final["outputs"]  # type: ignore[misc]
    glb = httpx.get(glb_url, timeout=10)
    assert glb.status_code == 200 and glb.content[:4] == b"glTF"
    assert glb.headers["content-type"] == "model/gltf-binary"
    assert httpx.get(stl_url, timeout=10).status_code == 200
    thumb = httpx.get(str(final["thumbnail"]), timeout=10)
    assert thumb.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_engine_errors_become_failures_with_reasons(server: RunningServer) -> None:
    told = _watch(server, submit(server, {"model": "test/fail", "prompt": "x"}))[-1]
    assert told["status"] == "FAILURE"
    assert told["fail_reason"] == "the fixture engine failed on purpose"
    crashed = _watch(server, submit(server, {"model": "test/raise", "prompt": "x"}))[-1]
    assert crashed["status"] == "FAILURE"
    reason = str(crashed["fail_reason"])
    assert "test/raise engine failed" in reason and "try again" in reason
    assert "/opt/secret" not in reason
    assert crashed["outputs"] == [] and crashed["progress"] != "100%"


def test_time_limit_stops_the_task_and_frees_the_worker(
    short_limit_server: RunningServer, pid_dir: Path
) -> None:
    server = short_limit_server
    task_id = submit(server, {"model": "test/slow", "prompt": "60", "seed": 11})
    pid = _pid_of(pid_dir, 11)
    final = _watch(server, task_id, timeout_s=30)[-1]
    assert final["status"] == "FAILURE" and "time limit of 4 s" in str(final["fail_reason"])
    wait_for(lambda: not _alive(pid), timeout_s=10)
    for _ in range(2):  # both workers are usable again
        assert (
            _watch(server, submit(server, {"model": "test/cube", "prompt": "x"}))[-1]["status"]
            == "SUCCESS"
        )


def test_worker_killed_mid_task_is_rerun(server: RunningServer, pid_dir: Path) -> None:
    task_id = submit(server, {"model": "test/slow", "prompt": "2", "seed": 21})
    pid = _pid_of(pid_dir, 21)
    (pid_dir / "21.pid").unlink()
    os.kill(pid, signal.SIGKILL)
    second_pid = _pid_of(pid_dir, 21)  # the same task started again in another worker
    assert second_pid != pid
    final = _watch(server, task_id)[-1]
    assert final["status"] == "SUCCESS"
    assert _attempts(server, task_id) == 2


def test_worker_stopped_with_sigterm_hands_its_task_back(
    server: RunningServer, pid_dir: Path
) -> None:
    task_id = submit(server, {"model": "test/slow", "prompt": "2", "seed": 22})
    pid = _pid_of(pid_dir, 22)
    (pid_dir / "22.pid").unlink()
    os.kill(pid, signal.SIGTERM)
    assert _pid_of(pid_dir, 22) != pid  # run again in another worker
    assert _watch(server, task_id)[-1]["status"] == "SUCCESS"
    assert _attempts(server, task_id) == 1  # the stopped run did not count


def test_worker_dying_every_time_fails_after_three_attempts(server: RunningServer) -> None:
    task_id = submit(server, {"model": "test/suicide", "prompt": "x"})
    final = _watch(server, task_id, timeout_s=90)[-1]
    assert final["status"] == "FAILURE"
    assert "stopped unexpectedly 3 times" in str(final["fail_reason"])
    assert _attempts(server, task_id) == 3
    assert (
        _watch(server, submit(server, {"model": "test/cube", "prompt": "x"}))[-1]["status"]
        == "SUCCESS"
    )


def test_cancel_running_task_stops_its_work(server: RunningServer, pid_dir: Path) -> None:
    task_id = submit(server, {"model": "test/slow", "prompt": "60", "seed": 31})
    pid = _pid_of(pid_dir, 31)
    response = httpx.post(
        f"{server.base_url}/v1/3d/generations/{task_id}/cancel", headers=server.headers, timeout=10
    )
    assert response.json()["data"]["fail_reason"] == "canceled"
    wait_for(lambda: not _alive(pid), timeout_s=10)
    time.sleep(0.5)
    final = get_task(server, task_id)
    assert final["status"] == "FAILURE" and final["fail_reason"] == "canceled"


def test_server_killed_and_restarted_finishes_every_task(tmp_path: Path, pid_dir: Path) -> None:
    env = {"FIXTURE_PID_DIR": str(pid_dir)}
    with start_server(tmp_path, workers=1, env=env) as server:
        ids = [
            submit(server, {"model": "test/slow", "prompt": "1", "seed": 40 + i}) for i in range(4)
        ]
        running_pid = _pid_of(pid_dir, 40)
        statuses = {str(get_task(server, i)["status"]) for i in ids}
        assert "QUEUED" in statuses and "IN_PROGRESS" in statuses
        server.kill()
        wait_for(lambda: not _alive(running_pid), timeout_s=10)  # no orphaned worker
        server.restart()
        finals = [_watch(server, i, timeout_s=60)[-1] for i in ids]
        assert [f["status"] for f in finals] == ["SUCCESS"] * 4


def _stop_gracefully_while_running(server: RunningServer, pid_dir: Path, seed: int) -> None:
    """SIGTERM the server while the task of `seed` runs; its worker must not outlive it."""
    pid = _pid_of(pid_dir, seed)
    (pid_dir / f"{seed}.pid").unlink()
    server.stop()  # uvicorn re-raises SIGTERM after its shutdown, so the code is -15
    wait_for(lambda: not _alive(pid), timeout_s=10)


def test_graceful_stop_hands_the_running_task_back(tmp_path: Path, pid_dir: Path) -> None:
    env = {"FIXTURE_PID_DIR": str(pid_dir)}
    with start_server(tmp_path, workers=1, env=env) as server:
        running = submit(server, {"model": "test/slow", "prompt": "5", "seed": 50})
        waiting = submit(server, {"model": "test/slow", "prompt": "0.5", "seed": 51})
        _pid_of(pid_dir, 50)
        assert get_task(server, running)["status"] == "IN_PROGRESS"
        assert get_task(server, waiting)["status"] == "QUEUED"
        assert _attempts(server, running) == 1
        _stop_gracefully_while_running(server, pid_dir, 50)
        row = _row(server, running)
        assert row["status"] == "QUEUED" and row["attempts"] == 0, row
        assert row["worker_id"] is None and row["progress"] == 0, row
        assert _row(server, waiting)["status"] == "QUEUED"
        server.restart()
        first, second = _watch(server, running)[-1], _watch(server, waiting)[-1]
        assert first["status"] == second["status"] == "SUCCESS"
        assert _attempts(server, running) == _attempts(server, waiting) == 1
        # The handed-back task kept its place at the head of the queue.
        assert int(str(second["start_time"])) >= int(str(first["finish_time"]))


def test_repeated_graceful_restarts_never_fail_the_task(tmp_path: Path, pid_dir: Path) -> None:
    """More restarts than MESHFORGE_MAX_ATTEMPTS: a redeploy is not a crash."""
    env = {"FIXTURE_PID_DIR": str(pid_dir), "MESHFORGE_MAX_ATTEMPTS": "1"}
    with start_server(tmp_path, workers=1, env=env) as server:
        task_id = submit(server, {"model": "test/slow", "prompt": "4", "seed": 60})
        for _ in range(3):
            _stop_gracefully_while_running(server, pid_dir, 60)
            row = _row(server, task_id)
            assert row["status"] == "QUEUED" and row["attempts"] == 0, row
            server.restart()
        final = _watch(server, task_id)[-1]
        assert final["status"] == "SUCCESS", final
        assert _attempts(server, task_id) == 1


def test_server_killed_still_counts_the_attempt(tmp_path: Path, pid_dir: Path) -> None:
    """A crash is not a graceful stop: with MESHFORGE_MAX_ATTEMPTS=1 the task fails."""
    env = {"FIXTURE_PID_DIR": str(pid_dir), "MESHFORGE_MAX_ATTEMPTS": "1"}
    with start_server(tmp_path, workers=1, env=env) as server:
        task_id = submit(server, {"model": "test/slow", "prompt": "5", "seed": 70})
        pid = _pid_of(pid_dir, 70)
        server.kill()
        wait_for(lambda: not _alive(pid), timeout_s=10)
        assert _row(server, task_id)["status"] == "IN_PROGRESS"
        server.restart()
        final = _watch(server, task_id)[-1]
        assert final["status"] == "FAILURE"
        assert "stopped unexpectedly 1 times" in str(final["fail_reason"])
        assert _attempts(server, task_id) == 1
