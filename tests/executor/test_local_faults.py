"""The embedded executor under faults, with real processes: any child of the server
killed at any moment, a frozen worker, and the health probes that must tell the truth."""

from __future__ import annotations

import os
import random
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.processes import children_of, command_line, is_alive
from tests.support.server import RunningServer, get_task, start_server, submit, wait_for

TERMINAL = {"SUCCESS", "FAILURE"}
WORKERS = 2
# Every task ends within this many seconds of its submit, even when its worker is killed
# up to MESHFORGE_MAX_ATTEMPTS times: a few re-runs of a 1 s task plus worker restarts.
FINISH_BOUND_S = 90.0


def _workers_ready(server: RunningServer) -> int:
    text = httpx.get(f"{server.base_url}/metrics", timeout=10).text
    found = re.search(r"^meshforge_workers (\S+)$", text, re.MULTILINE)
    return int(float(found.group(1))) if found else -1


def _ready(server: RunningServer) -> bool:
    return httpx.get(f"{server.base_url}/readyz", timeout=10).status_code == 200


def _worker_pids(server: RunningServer) -> list[int]:
    pids = children_of(server.process.pid)
    return [pid for pid in pids if "resource_tracker" not in command_line(pid)]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    with start_server(tmp_path, workers=WORKERS) as running:
        yield running


def test_killing_any_child_at_random_loses_no_task(server: RunningServer) -> None:
    """Twenty SIGKILLs of a random child of the server (idle worker, busy worker, the
    multiprocessing resource tracker) under a steady stream of submits."""
    rng = random.Random(9)
    submitted: dict[str, float] = {}
    kinds: list[str] = []
    for _ in range(20):
        for _twice in range(2):
            body = {"model": "test/slow", "prompt": rng.choice(["0.2", "0.6", "1.2"])}
            submitted[submit(server, {**body, "seed": len(submitted)})] = time.monotonic()
        time.sleep(rng.uniform(0.0, 0.8))
        victim = rng.choice(children_of(server.process.pid))
        kinds.append("tracker" if "resource_tracker" in command_line(victim) else "worker")
        os.kill(victim, signal.SIGKILL)
        wait_for(lambda v=victim: not is_alive(v), timeout_s=10)
        # The pool is back to full size after each kill.
        wait_for(lambda: _workers_ready(server) == WORKERS, timeout_s=30, every_s=0.2)
    assert kinds.count("worker") >= 10, kinds
    pending = dict(submitted)
    while pending:
        for task_id, since in list(pending.items()):
            data = get_task(server, task_id)
            if data["status"] in TERMINAL:
                del pending[task_id]
                if data["status"] == "FAILURE":
                    assert "stopped unexpectedly" in str(data["fail_reason"]), data
            else:
                assert time.monotonic() - since < FINISH_BOUND_S, data
        time.sleep(0.2)
    finals = [get_task(server, task_id)["status"] for task_id in submitted]
    assert finals.count("SUCCESS") >= len(finals) - 3, finals
    assert len(_worker_pids(server)) == WORKERS
    assert _ready(server)


def test_idle_workers_killed_while_waiting_do_not_stop_dispatch(server: RunningServer) -> None:
    """The defect this executor replaced: both idle workers killed while they wait for
    work, then every later task must still run."""
    for task_id in [submit(server, {"model": "test/cube", "prompt": "x"}) for _ in range(2)]:
        wait_for(lambda t=task_id: get_task(server, t)["status"] == "SUCCESS", timeout_s=30)
    for round_ in range(3):
        for pid in _worker_pids(server):
            os.kill(pid, signal.SIGKILL)
        wait_for(lambda: _workers_ready(server) == WORKERS, timeout_s=30, every_s=0.2)
        ids = [
            submit(server, {"model": "test/cube", "prompt": "x", "seed": round_}) for _ in range(3)
        ]
        for task_id in ids:
            wait_for(lambda t=task_id: get_task(server, t)["status"] == "SUCCESS", timeout_s=30)


def test_a_frozen_worker_fails_readiness_until_it_is_replaced(tmp_path: Path) -> None:
    env = {"MESHFORGE_DISPATCH_STALL_S": "2"}
    with start_server(tmp_path, workers=1, env=env) as server:
        assert _ready(server)
        (worker,) = _worker_pids(server)
        os.kill(worker, signal.SIGSTOP)  # frozen while idle: it holds nothing, answers nothing
        task_id = submit(server, {"model": "test/cube", "prompt": "x"})
        wait_for(lambda: not _ready(server), timeout_s=15, every_s=0.2)
        body = httpx.get(f"{server.base_url}/readyz", timeout=10).json()
        assert (
            body["code"] == "overloaded"
            and "workers are ready" in body["message"]
            or ("did not answer" in body["message"])
        ), body
        metrics = httpx.get(f"{server.base_url}/metrics", timeout=10).text
        assert "meshforge_executor_healthy 0.0" in metrics
        # It heals itself: the frozen worker is replaced and the task runs.
        wait_for(lambda: get_task(server, task_id)["status"] == "SUCCESS", timeout_s=30)
        wait_for(lambda: _ready(server), timeout_s=30, every_s=0.2)
        assert not is_alive(worker)
        assert _worker_pids(server) != [worker]


def test_a_worker_frozen_mid_task_loses_it_after_the_heartbeat_lease(tmp_path: Path) -> None:
    env = {"MESHFORGE_HEARTBEAT_INTERVAL_S": "0.5", "MESHFORGE_HEARTBEAT_LEASE_S": "3"}
    with start_server(tmp_path, workers=1, env=env) as server:
        task_id = submit(server, {"model": "test/slow", "prompt": "3"})
        wait_for(lambda: get_task(server, task_id)["status"] == "IN_PROGRESS", timeout_s=30)
        (worker,) = _worker_pids(server)
        os.kill(worker, signal.SIGSTOP)
        wait_for(lambda: not is_alive(worker), timeout_s=30, every_s=0.2)
        wait_for(lambda: get_task(server, task_id)["status"] == "SUCCESS", timeout_s=60)
