"""Forwarding benchmark: many forwarded tasks in flight at once, and the result cache.

(a) 200 image-to-3D tasks forwarded to a fake Tripo (a real process; every task takes
    5 s upstream) through one `meshforge serve` with one CPU worker: all must succeed;
    wall time, the most tasks in flight upstream at once, the CPU workers busy meanwhile
    (from /metrics) and the server's memory (RSS of the server process, peak, and with
    its worker processes) are recorded;
(b) the same request with an explicit seed: a fresh run (cache off for it) against
    answers from the result cache, submit-to-SUCCESS latency (POST, then GET sees
    SUCCESS).

Usage: python -m bench.upstream [--tasks 200] [--upstream-seconds 5] [--cache-runs 300]
Writes bench/results/upstream.json and bench/results/upstream.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from tests.support.processes import children_of
from tests.support.server import RunningServer, start_server
from tests.support.upstreams import fake_provider
from tests.upstream.conftest import photo_data_url

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
MODEL = "tripo/tripo3d-v2.5-image-to-3d"
POLL_INTERVAL_S = 1.0


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class Sampler:
    """Samples memory, upstream tasks running and busy CPU workers every 0.25 s."""

    def __init__(self, server: RunningServer, fake_url: str) -> None:
        self._server, self._fake_url = server, fake_url
        self.server_rss = self.total_rss = self.running = self.workers_busy = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        pid = self._server.process.pid
        while not self._stop.wait(0.25):
            server = rss_kib(pid)
            total = server + sum(rss_kib(child) for child in children_of(pid))
            self.server_rss, self.total_rss = (
                max(self.server_rss, server),
                max(self.total_rss, total),
            )
            running = httpx.get(f"{self._fake_url}/_fake/stats", timeout=10).json()["running"]
            self.running = max(self.running, running)
            self.workers_busy = max(self.workers_busy, _workers_busy(self._server))


def _workers_busy(server: RunningServer) -> int:
    text = httpx.get(f"{server.base_url}/metrics", timeout=10).text
    for line in text.splitlines():
        if line.startswith("meshforge_workers_busy "):
            return int(float(line.split()[1]))
    return 0


async def submit_all(server: RunningServer, count: int) -> list[str]:
    image = photo_data_url()
    async with httpx.AsyncClient(headers=server.headers, timeout=60) as client:
        gate = asyncio.Semaphore(32)

        async def one(seed: int) -> str:
            async with gate:
                body = {"model": MODEL, "image": image, "seed": seed, "cache": False}
                response = await client.post(f"{server.base_url}/v1/3d/generations", json=body)
                response.raise_for_status()
                return str(response.json()["task_id"])

        return await asyncio.gather(*(one(seed) for seed in range(count)))


async def wait_all(server: RunningServer, ids: list[str], timeout_s: float) -> dict[str, int]:
    """Poll every task until terminal; returns the count per final status."""
    pending, final = set(ids), {}
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient(headers=server.headers, timeout=60) as client:
        while pending and time.monotonic() < deadline:
            for task_id in list(pending):
                data = (await client.get(f"{server.base_url}/v1/3d/generations/{task_id}")).json()
                status = data["data"]["status"]
                if status in ("SUCCESS", "FAILURE"):
                    final[task_id] = status
                    pending.discard(task_id)
            await asyncio.sleep(0.5)
    counts = {status: list(final.values()).count(status) for status in ("SUCCESS", "FAILURE")}
    return {**counts, "unfinished": len(pending)}


def in_flight(server: RunningServer, fake_url: str, count: int) -> dict[str, Any]:
    at_rest = rss_kib(server.process.pid)
    with Sampler(server, fake_url) as sampler:
        started = time.monotonic()
        ids = asyncio.run(submit_all(server, count))
        submitted_s = time.monotonic() - started
        outcome = asyncio.run(wait_all(server, ids, timeout_s=600))
        wall_s = time.monotonic() - started
    return {
        "tasks": count,
        "outcome": outcome,
        "submit_phase_s": round(submitted_s, 2),
        "wall_s": round(wall_s, 2),
        "max_running_upstream": sampler.running,
        "max_cpu_workers_busy": sampler.workers_busy,
        "server_rss_at_rest_mib": round(at_rest / 1024, 1),
        "server_rss_peak_mib": round(sampler.server_rss / 1024, 1),
        "server_and_workers_rss_peak_mib": round(sampler.total_rss / 1024, 1),
    }


def submit_to_success_ms(
    client: httpx.Client, server: RunningServer, body: dict[str, Any]
) -> float:
    started = time.perf_counter()
    response = client.post(f"{server.base_url}/v1/3d/generations", json=body)
    task_id = response.json()["task_id"]
    while True:
        data = client.get(f"{server.base_url}/v1/3d/generations/{task_id}").json()["data"]
        if data["status"] == "SUCCESS":
            return (time.perf_counter() - started) * 1000
        assert data["status"] != "FAILURE", data
        time.sleep(0.02)


def cache_latency(server: RunningServer, runs: int) -> dict[str, Any]:
    body = {"model": MODEL, "image": photo_data_url(), "seed": 123456, "output_formats": ["glb"]}
    with httpx.Client(headers=server.headers, timeout=60) as client:
        fresh = submit_to_success_ms(client, server, {**body, "cache": False})
        hits = sorted(submit_to_success_ms(client, server, body) for _ in range(runs))
    return {
        "fresh_run_ms": round(fresh, 1),
        "cache_hits": runs,
        "cache_hit_p50_ms": round(statistics.median(hits), 2),
        "cache_hit_p99_ms": round(hits[int(0.99 * (runs - 1))], 2),
        "cache_hit_max_ms": round(hits[-1], 2),
    }


def report(results: dict[str, Any]) -> str:
    flight, cache = results["in_flight"], results["cache"]
    outcome = flight["outcome"]
    final = f"{outcome['SUCCESS']} / {outcome['FAILURE']} / {outcome['unfinished']}"
    upstream_s = results["upstream_seconds"]
    return f"""# Forwarding benchmark (2 cores shared with other work; fake Tripo upstream)

Every task takes {upstream_s:g} s upstream; the forwarder polls every {POLL_INTERVAL_S:g} s;
the server has one CPU worker process.

| measure | value | target |
|---|---|---|
| forwarded tasks submitted at once | {flight["tasks"]} | 200 |
| SUCCESS / FAILURE / unfinished | {final} | all SUCCESS |
| most tasks running upstream at once | {flight["max_running_upstream"]} | |
| CPU workers busy meanwhile (max) | {flight["max_cpu_workers_busy"]} | 0 |
| submit phase | {flight["submit_phase_s"]} s | |
| wall time, first submit to last SUCCESS | {flight["wall_s"]} s | |
| server RSS before the run | {flight["server_rss_at_rest_mib"]} MiB | |
| server RSS, peak | {flight["server_rss_peak_mib"]} MiB | |
| server + worker processes RSS, peak | {flight["server_and_workers_rss_peak_mib"]} MiB | |
| fresh run of one request, submit to SUCCESS | {cache["fresh_run_ms"]} ms | |
| cache hit, submit to SUCCESS, p50 | {cache["cache_hit_p50_ms"]} ms | |
| cache hit p99 ({cache["cache_hits"]} hits) | {cache["cache_hit_p99_ms"]} ms | < 50 ms |
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--upstream-seconds", type=float, default=5.0)
    parser.add_argument("--cache-runs", type=int, default=300)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        fake_provider("tripo", duration=args.upstream_seconds) as fake,
    ):
        env = {
            "MESHFORGE_UPSTREAMS": fake.upstreams({MODEL: "v2.5-20250123"}),
            "MESHFORGE_UPSTREAM_POLL_INTERVAL_S": str(POLL_INTERVAL_S),
            "MESHFORGE_SUBMITS_PER_MINUTE": "100000",
            "MESHFORGE_MAX_QUEUED_TASKS": "100000",
        }
        with start_server(Path(tmp), workers=1, env=env) as server:
            results = {"upstream_seconds": args.upstream_seconds}
            results["in_flight"] = in_flight(server, fake.url, args.tasks)
            results["cache"] = cache_latency(server, args.cache_runs)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "upstream.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "upstream.md").write_text(report(results))
    print(report(results))
