"""Soak: 10 minutes of 200 clients polling every 2 s, one submit a second of the real
engines, and a worker SIGKILLed every 2 minutes, against a real `meshforge serve`.

Records per minute: poll p50/p99 (from each poll's scheduled time), errors, 5xx,
submits, and the server's and workers' memory; at the end, tasks lost (submitted but
never finished). Usage:

    python -m bench.soak [--minutes 10] [--clients 200] [--database-url URL]

Writes bench/results/soak.json and bench/results/soak.md.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.soak.load import Record, poller, submitter
from bench.soak.processes import kill_a_worker, rss_mib, worker_pids
from bench.soak.report import summarise, write_results
from tests.support.server import free_port, serve_command, server_env, wait_healthy

DRAIN_S = 600  # after the load: how long unfinished tasks may take to finish


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--poll-every-s", type=float, default=2.0)
    parser.add_argument("--kill-every-s", type=float, default=120.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="meshforge-soak-") as work:
        results = soak(Path(work), args)
    write_results(results)


def soak(work: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = server_env(
        work / "data",
        {
            "MESHFORGE_BUILTIN_ENGINES": "true",
            "MESHFORGE_EXTRA_ENGINES": "[]",
            "MESHFORGE_SUBMITS_PER_MINUTE": "100000",
        },
    )
    if args.database_url:
        env["MESHFORGE_DATABASE_URL"] = args.database_url
    key = subprocess.run(
        [sys.executable, "-m", "meshforge", "keys", "create", "--name", "soak"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    port = free_port()
    with (work / "server.log").open("wb") as log:
        server = subprocess.Popen(
            serve_command(work / "data", port, args.workers), env=env, stderr=log,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_healthy(f"http://127.0.0.1:{port}", server, timeout_s=180)
            record = asyncio.run(_load(port, key, server.pid, args))
            finals = _drain(f"http://127.0.0.1:{port}", key, record.task_ids)
        finally:
            server.terminate()
            server.wait(timeout=60)
    return summarise(record, finals, args)


async def _load(port: int, key: str, server_pid: int, args: argparse.Namespace) -> Record:
    base, rng = f"http://127.0.0.1:{port}", random.Random(15)
    record = Record(start=time.monotonic() + 1.0)
    until = record.start + args.minutes * 60
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {key}"}) as c:
        record.task_ids.append((await c.post("/v1/3d/generations", json={
            "model": "meshforge/text-to-3d", "prompt": "a mug"})).json()["task_id"])  # fmt: skip
    jobs = [
        submitter(base, key, record, until, rng),
        _sample_and_kill(server_pid, record, until, args, rng),
        *(poller(i, ("127.0.0.1", port), key, record, until, args.poll_every_s)
          for i in range(args.clients)),
    ]  # fmt: skip
    await asyncio.gather(*jobs)
    return record


async def _sample_and_kill(
    server_pid: int, record: Record, until: float, args: argparse.Namespace, rng: random.Random
) -> None:
    """Memory at the end of every minute; a worker killed every kill_every_s."""
    next_sample, next_kill = record.start + 60, record.start + args.kill_every_s
    while min(next_sample, next_kill) <= until + 1:
        await asyncio.sleep(max(0.0, min(next_sample, next_kill) - time.monotonic()))
        now = time.monotonic()
        if now >= next_kill:
            victim = kill_a_worker(server_pid, rng)
            record.kills.append({"at_s": round(now - record.start, 1), "pid": victim})
            next_kill += args.kill_every_s
        if now >= next_sample:
            minute = record.minute(now - 1)
            minute.server_rss_mib = rss_mib(server_pid)
            minute.workers_rss_mib = [rss_mib(pid) for pid in worker_pids(server_pid)]
            next_sample += 60


def _drain(base: str, key: str, task_ids: list[str]) -> dict[str, str]:
    """Wait for every submitted task to finish; returns each id's final status (or LOST
    for one that never finished or is not found)."""
    finals: dict[str, str] = {}
    deadline = time.monotonic() + DRAIN_S
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}) as client:
        while len(finals) < len(task_ids) and time.monotonic() < deadline:
            for task_id in (t for t in task_ids if t not in finals):
                response = client.get(f"/v1/3d/generations/{task_id}", timeout=30)
                status = response.json()["data"]["status"] if response.status_code == 200 else ""
                if status in ("SUCCESS", "FAILURE"):
                    finals[task_id] = status
            time.sleep(1.0)
    return {task_id: finals.get(task_id, "LOST") for task_id in task_ids}
