"""Run the same batch of real image-to-3D tasks through the cluster of scripts/cluster.sh
(two API nodes, PostgreSQL, Redis, S3) with one worker node, then two, one worker process
each, and write the throughputs and their ratio to bench/results/scale.{json,md}.

Throughput is the batch size over the time from the first submit to the last task
finished; the workers are warmed up (models loaded, one task each) before the clock starts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.scale.cpu import cpu_seconds, machine_busy_seconds
from bench.soak.load import photo_data_url
from tools.cluster.launch import Cluster, ClusterSpec

RESULTS = Path(__file__).resolve().parents[1] / "results"
MODEL = "meshforge/image-to-3d"


def submit_batch(cluster: Cluster, count: int, seed: int) -> list[str]:
    """`count` different photos, submitted alternately through the two API nodes."""
    rng = random.Random(seed)
    nodes = sorted(cluster.api_ports)
    ids = []
    with httpx.Client(headers=cluster.headers, timeout=60) as client:
        for index in range(count):
            body = {"model": MODEL, "image": photo_data_url(rng), "seed": seed * 1000 + index}
            url = f"{cluster.api_url(nodes[index % len(nodes)])}/v1/3d/generations"
            response = client.post(url, json=body)
            response.raise_for_status()
            ids.append(str(response.json()["task_id"]))
    return ids


def wait_finished(cluster: Cluster, ids: list[str], timeout_s: float = 1800) -> list[Any]:
    """Every task's data once all are finished. The benchmark client shares the two cores
    with the workers, so it watches cheaply: one kept-alive connection and one list
    request per pass (a poll of each task over a new connection every half second was
    ~10% of the machine during a 2-worker batch), every 0.2 s."""
    url = f"{cluster.api_url(sorted(cluster.api_ports)[-1])}/v1/3d/generations"
    deadline = time.monotonic() + timeout_s
    wanted = set(ids)
    done: dict[str, Any] = {}
    with httpx.Client(headers=cluster.headers, timeout=60) as client:
        while len(done) < len(wanted) and time.monotonic() < deadline:
            for item in _all_tasks(client, url):
                if item["task_id"] in wanted and item["status"] in ("SUCCESS", "FAILURE"):
                    done[item["task_id"]] = item
            time.sleep(0.2)
    if len(done) < len(wanted):
        raise TimeoutError(f"{len(wanted) - len(done)} tasks did not finish")
    return [done[task_id] for task_id in ids]


def _all_tasks(client: httpx.Client, url: str) -> list[Any]:
    items: list[Any] = []
    params: dict[str, Any] = {"limit": 100}
    while True:
        page = client.get(url, params=params).json()["data"]
        items += page["items"]
        if page["next_after"] is None:
            return items
        params["after"] = page["next_after"]


def measure(workers: int, batch: int, root: Path) -> dict[str, Any]:
    spec = ClusterSpec(
        root / f"workers-{workers}",
        worker_nodes=workers,
        concurrency=1,
        env={"MESHFORGE_RESULT_CACHE": "false"},
    )
    cluster = Cluster(spec)
    try:
        cluster.start()
        wait_finished(cluster, submit_batch(cluster, 2 * workers, seed=99))  # warm-up
        roots = {name: process.pid for name, process in cluster.processes.items()}
        cpu_before, busy_before = cpu_seconds(roots), machine_busy_seconds()
        started = time.monotonic()
        finished = wait_finished(cluster, submit_batch(cluster, batch, seed=1))
        elapsed = time.monotonic() - started
        cpu_after, busy_after = cpu_seconds(roots), machine_busy_seconds()
    finally:
        cluster.stop()
    cpu = {name: round(cpu_after[name] - cpu_before[name], 1) for name in roots}
    run_s = [d["finish_time"] - d["start_time"] for d in finished if d["status"] == "SUCCESS"]
    return {
        "worker_processes": workers,
        "tasks": batch,
        "succeeded": len(run_s),
        "elapsed_s": round(elapsed, 1),
        "tasks_per_minute": round(batch / elapsed * 60, 1),
        "mean_task_run_s": round(sum(run_s) / max(1, len(run_s)), 2),
        "cpu_s_by_process": cpu,  # during the timed batch, children included
        "machine_busy_cpu_s": round(busy_after - busy_before, 1),  # of elapsed_s * cores
        "other_cpu_s": round(busy_after - busy_before - sum(cpu.values()), 1),  # PG, client, rest
    }


def write_results(runs: list[dict[str, Any]], batch: int) -> dict[str, Any]:
    one, two = runs
    ratio = round(two["tasks_per_minute"] / one["tasks_per_minute"], 2)
    result = {
        "benchmark": "bench/scale",
        "model": MODEL,
        "batch": batch,
        "cpu_cores": os.cpu_count(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "runs": runs,
        "throughput_ratio": ratio,
        "target_ratio": 1.7,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "# Scale: the same image-to-3D batch through the cluster with 1 and 2 workers",
        "",
        f"{batch} tasks of {MODEL}, 2 API nodes, PostgreSQL, Redis, S3 (moto), "
        f"{os.cpu_count()} CPU cores; `python -m bench.scale`.",
        "",
        "| worker processes | elapsed s | tasks/min | mean task run s | CPU s: workers "
        "| API nodes | PostgreSQL, client, other | machine busy / available |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        lines.append(_table_row(run))
    lines += ["", f"Throughput ratio 2/1: **{ratio}x** (target 1.7x).", ""]
    lines += [_bound(run, batch) for run in runs] + [""]
    (RESULTS / "scale.md").write_text("\n".join(lines))
    return result


def _table_row(run: dict[str, Any]) -> str:
    cpu = run["cpu_s_by_process"]
    workers = sum(v for k, v in cpu.items() if k.startswith("worker-"))
    api = sum(v for k, v in cpu.items() if k.startswith("api-"))
    available = round(run["elapsed_s"] * (os.cpu_count() or 1), 1)
    return (
        f"| {run['worker_processes']} | {run['elapsed_s']} | {run['tasks_per_minute']} "
        f"| {run['mean_task_run_s']} | {workers:.1f} | {api:.1f} "
        f"| {run['other_cpu_s'] + cpu.get('redis', 0) + cpu.get('s3', 0):.1f} "
        f"| {run['machine_busy_cpu_s']} / {available} |"
    )


def _bound(run: dict[str, Any], batch: int) -> str:
    """What the workers got: CPU seconds per task (the work) and cores (the share)."""
    workers = sum(v for k, v in run["cpu_s_by_process"].items() if k.startswith("worker-"))
    return (
        f"- {run['worker_processes']} worker process(es): {workers / batch:.2f} worker CPU s "
        f"per task, the workers held {workers / run['elapsed_s']:.2f} of "
        f"{os.cpu_count()} cores; the machine was busy {run['machine_busy_cpu_s']} of "
        f"{run['elapsed_s'] * (os.cpu_count() or 1):.1f} CPU s."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="meshforge-scale-") as root:
        runs = [measure(workers, args.batch, Path(root)) for workers in (1, 2)]
    print(json.dumps(write_results(runs, args.batch), indent=2))
