"""Database rows -> the domain's frozen records (one place for the column mapping)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from meshforge.domain.options import GenerationOptions
from meshforge.domain.records import Artifact, Asset, Task, UpstreamRun
from meshforge.domain.status import Status


def to_task(row: Mapping[Any, Any]) -> Task:
    return Task(
        id=row["id"],
        key_id=row["key_id"],
        model=row["model"],
        status=Status(row["status"]),
        progress=row["progress"],
        options=GenerationOptions.from_json(json.loads(row["params"])),
        seed=row["seed"],
        submit_time=row["submit_time"],
        start_time=row["start_time"],
        finish_time=row["finish_time"],
        fail_reason=row["fail_reason"],
        attempts=row["attempts"],
        worker_id=row["worker_id"],
        image_url=row["image_url"],
        input_key=row["input_key"],
        outputs=tuple(Asset.from_json(a) for a in json.loads(row["outputs"])),
        thumbnail_token=row["thumbnail_token"],
        expires_at=row["expires_at"],
        queued_at=row["queued_at"],
        callback_url=row["callback_url"],
        webhook_state=row["webhook_state"],
        webhook_attempts=row["webhook_attempts"],
        heartbeat_at=row["heartbeat_at"] or 0.0,
        cache_key=row["cache_key"],
        cached=bool(row["cached"]),
        upstream=UpstreamRun.from_json(json.loads(row["upstream"])) if row["upstream"] else None,
    )


def to_artifact(row: Mapping[Any, Any]) -> Artifact:
    return Artifact(
        token=row["token"],
        task_id=row["task_id"],
        storage_key=row["storage_key"],
        filename=row["filename"],
        content_type=row["content_type"],
        expires_at=row["expires_at"],
    )
