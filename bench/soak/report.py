"""The soak's figures: per-minute rows, totals, the targets met or missed, and the files."""

from __future__ import annotations

import argparse
import json
import os
import platform
from collections import Counter
from pathlib import Path
from typing import Any

from bench.api.run import _pct
from bench.soak.load import Minute, Record

RESULTS = Path(__file__).resolve().parents[1] / "results"
P99_TARGET_MS, MEMORY_DRIFT_TARGET = 50.0, 0.10


def summarise(record: Record, finals: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    rows = [_row(index, record.minutes[index]) for index in sorted(record.minutes)]
    rows = [row for row in rows if row["polls"]]  # the drain's stray minute has none
    statuses = Counter(finals.values())
    return {
        "settings": {
            "minutes": args.minutes,
            "clients": args.clients,
            "poll_every_s": args.poll_every_s,
            "submits_per_s": 1,
            "kill_every_s": args.kill_every_s,
            "workers": args.workers,
            "database": "postgresql" if args.database_url else "sqlite",
            "machine": f"{platform.machine()}, {_cpus()} CPUs (shared with other work)",
        },
        "minutes": rows,
        "kills": record.kills,
        "tasks": {"submitted": len(finals), **statuses},
        "targets": _targets(rows, statuses.get("LOST", 0)),
    }


def _row(index: int, minute: Minute) -> dict[str, Any]:
    latencies = sorted(minute.latencies_ms)
    return {
        "minute": index + 1,
        "polls": len(latencies),
        "p50_ms": round(_pct(latencies, 50), 2) if latencies else None,
        "p99_ms": round(_pct(latencies, 99), 2) if latencies else None,
        "max_ms": round(latencies[-1], 2) if latencies else None,
        "poll_errors": minute.poll_errors,
        "server_errors_5xx": minute.server_errors,
        "submits": minute.submits,
        "submit_errors": minute.submit_errors,
        "server_rss_mib": _round(minute.server_rss_mib),
        "workers_rss_mib": [round(value, 1) for value in minute.workers_rss_mib],
    }


def _targets(rows: list[dict[str, Any]], lost: int) -> dict[str, Any]:
    p99s = [row["p99_ms"] for row in rows]
    errors_5xx = sum(row["server_errors_5xx"] for row in rows)
    memory = [row["server_rss_mib"] for row in rows]
    drift = (memory[-1] - memory[1]) / memory[1] if len(memory) > 2 and memory[1] else None
    return {
        "lost_tasks": {"value": lost, "met": lost == 0},
        "5xx": {"value": errors_5xx, "met": errors_5xx == 0},
        "worst_minute_p99_ms": {"value": max(p99s), "met": max(p99s) < P99_TARGET_MS},
        "server_memory_end_vs_minute_2": {
            "value": None if drift is None else round(drift, 4),
            "met": None if drift is None else abs(drift) <= MEMORY_DRIFT_TARGET,
        },
    }


def write_results(results: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "soak.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "soak.md").write_text(markdown(results))


def markdown(results: dict[str, Any]) -> str:
    s = results["settings"]
    lines = [
        "# Soak",
        "",
        f"`python -m bench.soak`: {s['minutes']:g} min, {s['clients']} clients polling every "
        f"{s['poll_every_s']:g} s, {s['submits_per_s']} submit/s of the real engines "
        f"(text-to-3d and image-to-3d), a worker SIGKILLed every {s['kill_every_s']:g} s; "
        f"{s['workers']} workers, {s['database']}, {s['machine']}.",
        "",
        "| target | value | met |",
        "|---|---|---|",
    ]
    for name, target in results["targets"].items():
        lines.append(f"| {name} | {target['value']} | {_yes(target['met'])} |")
    lines += ["", f"Tasks: {results['tasks']}; kills at {[k['at_s'] for k in results['kills']]} s.",
              "", "| minute | polls | p50 ms | p99 ms | max ms | poll errors | 5xx | submits "
              "| submit errors | server MiB | workers MiB |", "|" + "---|" * 11]  # fmt: skip
    for row in results["minutes"]:
        workers = " + ".join(f"{value:g}" for value in row["workers_rss_mib"]) or "-"
        lines.append(
            f"| {row['minute']} | {row['polls']} | {row['p50_ms']} | {row['p99_ms']} | "
            f"{row['max_ms']} | {row['poll_errors']} | {row['server_errors_5xx']} | "
            f"{row['submits']} | {row['submit_errors']} | {row['server_rss_mib']} | {workers} |"
        )
    return "\n".join(lines) + "\n"


def _yes(met: bool | None) -> str:
    return "n/a" if met is None else ("yes" if met else "**no**")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _cpus() -> int:
    return os.cpu_count() or 0
