"""API benchmark: polling throughput and latency against a store of 10,000 tasks.

(a) closed loop, 64 concurrent connections (wrk): requests/s of GET
    /v1/3d/generations/{id} (auth + store read) and of the list route GET
    /v1/3d/generations (auth + a page of 20 tasks) against a bare constant-JSON endpoint
    on the same server stack, alternated twice so all see the same machine noise;
(b) open loop: 2,000 simulated clients polling every 5 s (400 requests/s), latency
    measured from each request's scheduled time (no coordinated omission);
(c) submit-to-QUEUED latency: POST returns once the task is QUEUED; verified by a GET.

Usage: python -m bench.api.run [--database-url URL] [--seconds 10]
Writes bench/results/api_<database>.json and .md; on PostgreSQL it works in a scratch
database it creates and drops (the URL must allow CREATE DATABASE).
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, insert, text

from meshforge.config import Settings
from meshforge.domain.ids import new_task_id
from meshforge.runtime import open_runtime
from meshforge.store.tables import tasks

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
STORE_SIZE = 10_000


@contextmanager
def scratch_database(database_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one run, dropped afterwards, so every run
    sees exactly 10,000 tasks of one key (SQLite lives in the run's temporary folder)."""
    if not database_url:
        yield database_url
        return
    name = f"bench_api_{os.getpid()}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield database_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def seed_store(data_dir: Path, database_url: str) -> tuple[str, list[str]]:
    """10,000 finished tasks of one key; returns (key, ids)."""
    runtime = open_runtime(
        Settings(data_dir=data_dir, database_url=database_url, builtin_engines=False),
        migrate=True,
    )
    record, key = runtime.keys.create("bench")
    now = int(time.time())
    rows = [_row(i, now, record.id) for i in range(STORE_SIZE)]
    with runtime.db.begin() as conn:
        conn.execute(insert(tasks), rows)
    if runtime.db.dialect.name == "postgresql":
        # Planner statistics, as autovacuum would gather within a minute of the insert;
        # without them a read may pick the (key, time, id) index over the primary key.
        with runtime.db.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    runtime.close()
    return key, [r["id"] for r in rows]


def _row(i: int, now: int, key_id: int) -> dict[str, Any]:
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
        "key_id": key_id,
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
    # Keep the caller's PYTHONPATH (a worktree's src/ must win over an installed copy).
    inherited = os.environ.get("PYTHONPATH", "")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), inherited]))}
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


def lua_script(path: Path, key: str, ids: list[str], route: str = "/v1/3d/generations/") -> Path:
    """Each request for a random task of the store: its poll, or with
    route="/v1/3d/generations?after=" the list page after it."""
    quoted = ",".join(f'"{i}"' for i in ids)
    path.write_text(
        f"local ids = {{{quoted}}}\n"
        "request = function()\n"
        "  local id = ids[math.random(#ids)]\n"
        f'  return wrk.format("GET", "{route}" .. id, '
        f'{{["Authorization"] = "Bearer {key}"}})\n'
        "end\n"
    )
    return path


def list_script(path: Path, key: str) -> Path:
    """The list route's first page (20 newest tasks of the key): what a dashboard polls."""
    path.write_text(
        "request = function()\n"
        f'  return wrk.format("GET", "/v1/3d/generations", '
        f'{{["Authorization"] = "Bearer {key}"}})\n'
        "end\n"
    )
    return path


def closed_loop(base: str, key: str, ids: list[str], seconds: int, work: Path) -> dict[str, Any]:
    scripts = {
        "query": lua_script(work / "poll.lua", key, ids),
        "list": list_script(work / "list.lua", key),
        # Written after the first-page figure had been tuned: no two requests alike, so
        # neither a batch's twins nor the kept item JSON can help much (see the README).
        "pages": lua_script(work / "pages.lua", key, ids, "/v1/3d/generations?after="),
    }
    wrk(f"{base}/bench/bare", 2)  # warm-up
    for script in scripts.values():
        wrk(f"{base}/", 2, script)
    runs: dict[str, list[dict[str, float]]] = {"bare": [], **{name: [] for name in scripts}}
    for _ in range(2):  # alternate so all see the same noise
        runs["bare"].append(wrk(f"{base}/bench/bare", seconds))
        for name, script in scripts.items():
            runs[name].append(wrk(f"{base}/", seconds, script))
    rps = {name: statistics.mean(r["rps"] for r in measured) for name, measured in runs.items()}
    return {
        "bare_rps": round(rps["bare"], 1),
        "query_rps": round(rps["query"], 1),
        "ratio": round(rps["query"] / rps["bare"], 3),
        "list_rps": round(rps["list"], 1),
        "list_ratio": round(rps["list"] / rps["bare"], 3),
        "pages_rps": round(rps["pages"], 1),
        "pages_ratio": round(rps["pages"] / rps["bare"], 3),
        "runs": runs,
        "non_2xx": sum(r["non_2xx"] for measured in runs.values() for r in measured),
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
    with tempfile.TemporaryDirectory() as tmp, scratch_database(args.database_url) as url:
        work = Path(tmp)
        key, ids = seed_store(work / "data", url)
        port = 18000 + os.getpid() % 1000
        server = start_server(work / "data", port, url)
        base = f"http://127.0.0.1:{port}"
        try:
            print("store seeded, server up; measuring", file=sys.stderr, flush=True)
            results = {
                "database": "postgresql" if args.database_url else "sqlite",
                "store_tasks": STORE_SIZE,
                "cpu_cores": os.cpu_count(),
                # The machine is shared: a busy one lowers every rate, so say how busy.
                "load_avg_1m_before": round(os.getloadavg()[0], 2),
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
        f" {results['cpu_cores']} cores shared by server and load generator;"
        f" 1-minute load average {results['load_avg_1m_before']} before the run)",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| bare endpoint, 64 connections | {closed['bare_rps']} req/s | |",
        f"| GET task (auth + store read), 64 connections | {closed['query_rps']} req/s | |",
        f"| ratio | {closed['ratio']:.0%} | >= 50% |",
        f"| GET list (auth + a page of 20), 64 connections | {closed['list_rps']} req/s | |",
        f"| list ratio | {closed['list_ratio']:.0%} | >= 50% |",
        f"| GET list, a random page each request (?after=<random task>) | {closed['pages_rps']}"
        f" req/s ({closed['pages_ratio']:.0%} of bare) | |",
        f"| closed-loop non-2xx responses | {closed['non_2xx']:.0f} | 0 |",
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
