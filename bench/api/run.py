"""API benchmark: polling throughput and latency against a store of 10,000 tasks.

(a) closed loop, 64 concurrent connections (wrk): requests/s of GET
    /v1/3d/generations/{id} (auth + store read) against a bare constant-JSON endpoint on
    the same server stack, alternated twice so both see the same machine noise;
(b) open loop: 2,000 simulated clients polling every 5 s (400 requests/s), latency
    measured from each request's scheduled time (no coordinated omission);
(c) submit-to-QUEUED latency: POST returns once the task is QUEUED; verified by a GET.

Usage: python -m bench.api.run [--database-url URL] [--seconds 10]
Writes bench/results/api.json and bench/results/api.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from meshforge.config import Settings
from meshforge.domain.ids import new_task_id
from meshforge.runtime import open_runtime
from meshforge.store.tables import tasks

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
STORE_SIZE = 10_000


def seed_store(data_dir: Path, database_url: str) -> tuple[str, list[str]]:
    """10,000 finished tasks of one key; returns (key, ids)."""
    runtime = open_runtime(
        Settings(data_dir=data_dir, database_url=database_url, builtin_engines=False),
        migrate=True,
    )
    _, key = runtime.keys.create("bench")
    now = int(time.time())
    rows = [_row(i, now) for i in range(STORE_SIZE)]
    with runtime.db.begin() as conn:
        conn.execute(insert(tasks), rows)
    runtime.close()
    return key, [r["id"] for r in rows]


def _row(i: int, now: int) -> dict[str, Any]:
    ok = i % 10 != 0
    asset = {
        "token": f"tok{i}",
        "format": "glb",
        "filename": "model.glb",
        "content_type": "model/gltf-binary",
        "bytes": 123456,
        "triangles": 30000,
        "vertices": 15002,
    }
    return {
        "id": new_task_id(),
        "key_id": 1,
        "model": "test/cube",
        "status": "SUCCESS" if ok else "FAILURE",
        "progress": 100 if ok else 40,
        "params": json.dumps({"prompt": f"object {i}", "output_formats": ["glb"]}),
        "seed": i,
        "submit_time": now - 10_000 + i,
        "start_time": now - 9_000 + i,
        "finish_time": now - 8_000 + i,
        "queued_at": 0.0,
        "fail_reason": "" if ok else "the image has no distinguishable foreground object",
        "attempts": 1,
        "outputs": json.dumps([asset] if ok else []),
        "thumbnail_token": f"thumb{i}" if ok else None,
        "expires_at": now + 86_400,
    }


def start_server(data_dir: Path, port: int, database_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "bench.api.server",
        "--data-dir",
        str(data_dir),
        "--port",
        str(port),
        "--database-url",
        database_url,
    ]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("benchmark server did not start")


def wrk(url: str, seconds: int, script: Path | None = None) -> dict[str, float]:
    command = ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    return {
        "rps": rate,
        "non_2xx": float(bad.group(1)) if bad else 0.0,
        "p99_ms": _ms(p99.group(1), p99.group(2)) if p99 else -1.0,
    }


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def lua_script(path: Path, key: str, ids: list[str]) -> Path:
    quoted = ",".join(f'"{i}"' for i in ids)
    path.write_text(
        f"local ids = {{{quoted}}}\n"
        "request = function()\n"
        "  local id = ids[math.random(#ids)]\n"
        f'  return wrk.format("GET", "/v1/3d/generations/" .. id, '
        f'{{["Authorization"] = "Bearer {key}"}})\n'
        "end\n"
    )
    return path


def closed_loop(base: str, key: str, ids: list[str], seconds: int, work: Path) -> dict[str, Any]:
    script = lua_script(work / "poll.lua", key, ids)
    wrk(f"{base}/bench/bare", 2)  # warm-up
    wrk(f"{base}/", 2, script)
    bare, query = [], []
    for _ in range(2):  # alternate so both see the same noise
        bare.append(wrk(f"{base}/bench/bare", seconds))
        query.append(wrk(f"{base}/", seconds, script))
    bare_rps = statistics.mean(r["rps"] for r in bare)
    query_rps = statistics.mean(r["rps"] for r in query)
    return {
        "bare_rps": round(bare_rps, 1),
        "query_rps": round(query_rps, 1),
        "ratio": round(query_rps / bare_rps, 3),
        "runs": {"bare": bare, "query": query},
        "non_2xx": sum(r["non_2xx"] for r in bare + query),
    }


async def open_loop(base: str, key: str, ids: list[str], seconds: float) -> dict[str, Any]:
    """2,000 clients, each polling its task every 5 s at a random phase, for `seconds`.

    A dispatcher releases each request at its scheduled time onto a pool of keep-alive
    connections; latency counts from the scheduled time, so queueing in the client or
    the server is included (no coordinated omission)."""
    clients, period = 2000, 5.0
    rng = random.Random(7)
    phases = [rng.uniform(0, period) for _ in range(clients)]
    schedule = sorted(
        (phase + k * period, ids[c % len(ids)])
        for c, phase in enumerate(phases)
        for k in range(int(seconds / period) + 1)
        if phase + k * period < seconds
    )
    host, port = base.removeprefix("http://").split(":")
    jobs: asyncio.Queue[tuple[float, str] | None] = asyncio.Queue()
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter() + 0.5

    async def connection() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        while (job := await jobs.get()) is not None:
            at, task_id = job
            writer.write(
                f"GET /v1/3d/generations/{task_id} HTTP/1.1\r\nHost: {host}\r\n"
                f"Authorization: Bearer {key}\r\n\r\n".encode()
            )
            status = await _read_response(reader)
            latencies.append((time.perf_counter() - (start + at)) * 1000)
            errors += status != 200
        writer.close()

    pool = [asyncio.create_task(connection()) for _ in range(128)]
    for at, task_id in schedule:
        delay = start + at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        jobs.put_nowait((at, task_id))
    for _ in pool:
        jobs.put_nowait(None)
    await asyncio.gather(*pool)
    latencies.sort()
    return {
        "clients": clients,
        "period_s": period,
        "target_rps": clients / period,
        "requests": len(latencies),
        "errors": errors,
        "connections": len(pool),
        "p50_ms": round(_pct(latencies, 50), 2),
        "p99_ms": round(_pct(latencies, 99), 2),
        "max_ms": round(latencies[-1], 2),
    }


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")
    )
    await reader.readexactly(length)
    return int(lines[0].split()[1])


def _pct(values: list[float], pct: float) -> float:
    return values[min(len(values) - 1, int(len(values) * pct / 100))]


def submit_to_queued(base: str, key: str, count: int = 100) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {key}"}
    latencies, statuses, ids = [], [], []
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for i in range(count):
            t0 = time.perf_counter()
            task_id = client.post(
                "/v1/3d/generations", json={"model": "test/slow", "prompt": "600", "seed": i}
            ).json()["task_id"]
            latencies.append((time.perf_counter() - t0) * 1000)
            statuses.append(client.get(f"/v1/3d/generations/{task_id}").json()["data"]["status"])
            ids.append(task_id)
        for task_id in ids:
            client.post(f"/v1/3d/generations/{task_id}/cancel")
    latencies.sort()
    queued_or_later = sum(s in ("QUEUED", "IN_PROGRESS") for s in statuses)
    return {
        "submits": count,
        "queued_when_answered": queued_or_later,
        "p50_ms": round(_pct(latencies, 50), 2),
        "p99_ms": round(_pct(latencies, 99), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--open-loop-seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        key, ids = seed_store(work / "data", args.database_url)
        port = 18000 + os.getpid() % 1000
        server = start_server(work / "data", port, args.database_url)
        base = f"http://127.0.0.1:{port}"
        try:
            print("store seeded, server up; measuring", file=sys.stderr, flush=True)
            results = {
                "database": "postgresql" if args.database_url else "sqlite",
                "store_tasks": STORE_SIZE,
                "cpu_cores": os.cpu_count(),
                "closed_loop_64": closed_loop(base, key, ids, args.seconds, work),
                "open_loop_400rps": asyncio.run(open_loop(base, key, ids, args.open_loop_seconds)),
                "submit_to_queued": submit_to_queued(base, key),
            }
        finally:
            server.terminate()
            server.wait(timeout=10)
    write_results(results)


def write_results(results: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"api_{results['database']}"
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    closed, opened, sub = (
        results["closed_loop_64"],
        results["open_loop_400rps"],
        results["submit_to_queued"],
    )
    lines = [
        f"# API benchmark ({results['database']}, {results['store_tasks']} tasks in the store,"
        f" {results['cpu_cores']} cores shared by server and load generator)",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| bare endpoint, 64 connections | {closed['bare_rps']} req/s | |",
        f"| GET task (auth + store read), 64 connections | {closed['query_rps']} req/s | |",
        f"| ratio | {closed['ratio']:.0%} | >= 50% |",
        f"| open loop 400 req/s (2,000 clients / 5 s): p50 | {opened['p50_ms']} ms | |",
        f"| open loop p99 | {opened['p99_ms']} ms | < 50 ms |",
        f"| open loop errors | {opened['errors']} of {opened['requests']} | 0 |",
        f"| submit-to-QUEUED p50 / p99 | {sub['p50_ms']} / {sub['p99_ms']} ms | |",
        "",
    ]
    (RESULTS / f"{name}.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
