"""Database rows -> the domain's frozen records (one place for the column mapping)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import orjson

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
        options=parsed_options(row["params"]),
        seed=row["seed"],
        submit_time=row["submit_time"],
        start_time=row["start_time"],
        finish_time=row["finish_time"],
        fail_reason=row["fail_reason"],
        attempts=row["attempts"],
        worker_id=row["worker_id"],
        image_url=row["image_url"],
        input_key=row["input_key"],
        outputs=parsed_outputs(row["outputs"]),
        thumbnail_token=row["thumbnail_token"],
        expires_at=row["expires_at"],
        queued_at=row["queued_at"],
        callback_url=row["callback_url"],
        webhook_state=row["webhook_state"],
        webhook_attempts=row["webhook_attempts"],
        heartbeat_at=row["heartbeat_at"] or 0.0,
        cache_key=row["cache_key"],
        cached=bool(row["cached"]),
        upstream=UpstreamRun.from_json(orjson.loads(row["upstream"])) if row["upstream"] else None,
    )


# A polled task is read again and again with the same params and outputs text; parsing
# it into records each time cost ~13 us of a SQLite poll's few hundred. The cache is keyed by
# the JSON text itself, so a row whose JSON changes simply misses; the records are frozen,
# so sharing one between reads is safe. 16,384 entries of ~1 KB each bound the memory.
@lru_cache(maxsize=16_384)
def parsed_options(params_json: str) -> GenerationOptions:
    return GenerationOptions.from_json(orjson.loads(params_json))


@lru_cache(maxsize=16_384)
def parsed_outputs(outputs_json: str) -> tuple[Asset, ...]:
    return tuple(Asset.from_json(asset) for asset in orjson.loads(outputs_json))


@lru_cache(maxsize=8_192)  # ~2 KB a task: ~16 MB at most
def to_task_cached(values: tuple[Any, ...], names: tuple[str, ...]) -> Task:
    """to_task for the API's reads, which see the same rows again and again: building a
    Task (27 fields, frozen) costs ~9 us, a hit ~1 us, and a page of the list route
    builds 20. Keyed by every value of the row, so any change to the row is a miss."""
    return to_task(dict(zip(names, values, strict=True)))


def to_artifact(row: Mapping[Any, Any]) -> Artifact:
    return Artifact(
        token=row["token"],
        task_id=row["task_id"],
        storage_key=row["storage_key"],
        filename=row["filename"],
        content_type=row["content_type"],
        expires_at=row["expires_at"],
    )
