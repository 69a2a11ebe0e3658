"""Forwarding in the scale-out mode: every API node runs a forwarder on the shared rows;
when a node dies mid-task another node takes the task over after its lease and resumes
polling the same upstream task (no Celery worker is involved in forwarding)."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from tests.support.server import start_server, submit, wait_for
from tests.support.upstreams import fake_provider
from tests.upstream.conftest import FAST, photo_data_url, row, watch

MODEL = "tripo/tripo3d-v2.5-image-to-3d"


def test_another_api_node_takes_over_a_forwarded_task(tmp_path: Path) -> None:
    with fake_provider("tripo", duration=6) as fake:
        env = {
            **FAST,
            "MESHFORGE_UPSTREAMS": fake.upstreams({MODEL: "v2.5-20250123"}),
            "MESHFORGE_EXECUTOR": "celery",
            "MESHFORGE_BROKER_URL": "redis://127.0.0.1:6379/0",
            "MESHFORGE_CELERY_QUEUE": f"test-{secrets.token_hex(4)}",
            "MESHFORGE_HEARTBEAT_LEASE_S": "2",
        }
        # Two API nodes on one database and one file store (the shared data dir).
        with start_server(tmp_path, env=env) as first, start_server(tmp_path, env=env) as second:
            task_id = submit(first, {"model": MODEL, "image": photo_data_url()})
            wait_for(lambda: json.loads(row(first, task_id)["upstream"] or "{}").get("ids"), 30)
            holder = row(first, task_id)["worker_id"]
            dying, survivor = (
                (first, second) if f"-{first.process.pid}-" in holder else (second, first)
            )
            dying.kill()
            survivor.api_key = first.api_key  # one database: the submitting key reads it
            done = watch(survivor, task_id, timeout_s=60)[-1]
            assert done["status"] == "SUCCESS", done
            assert row(survivor, task_id)["worker_id"] != holder
            assert fake.count("created") == 1
            assert row(survivor, task_id)["attempts"] == 1
