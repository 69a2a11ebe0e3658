"""Shared helpers of the forwarding tests: a meshforge server forwarding to a fake."""

from __future__ import annotations

import base64
import io
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image

from tests.support.rows import stored_row
from tests.support.server import RunningServer, get_task, start_server
from tests.support.upstreams import FakeProvider

TERMINAL = {"SUCCESS", "FAILURE"}
FAST = {
    "MESHFORGE_UPSTREAM_POLL_INTERVAL_S": "0.2",
    "MESHFORGE_UPSTREAM_PROBE_INTERVAL_S": "1",
    "MESHFORGE_HEARTBEAT_INTERVAL_S": "0.5",
}


@contextmanager
def forwarding_server(
    tmp_path: Path, fake: FakeProvider, models: dict[str, Any], **env: str
) -> Iterator[RunningServer]:
    settings = {"MESHFORGE_UPSTREAMS": fake.upstreams(models), **FAST, **env}
    with start_server(tmp_path, workers=1, env=settings) as server:
        yield server


def watch(server: RunningServer, task_id: str, timeout_s: float = 60) -> list[dict[str, Any]]:
    """Every state seen until the task is terminal."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        seen.append(get_task(server, task_id))
        if seen[-1]["status"] in TERMINAL:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"task {task_id} did not finish: {seen[-1]}")


def row(server: RunningServer, task_id: str) -> dict[str, Any]:
    return stored_row(server.data_dir, task_id)


def database_text(server: RunningServer) -> str:
    with sqlite3.connect(server.data_dir / "meshforge.db") as conn:
        return "\n".join(conn.iterdump())


def photo_data_url() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 60, 30)).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
