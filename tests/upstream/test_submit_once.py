"""Exactly one upstream task per forwarded task, whatever moment the forwarder stopped at:
the row says what was already sent, and a forwarder taking over acts on it."""

from __future__ import annotations

import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from meshforge.config import Settings
from meshforge.domain.ids import new_task_id
from meshforge.domain.records import UpstreamRun
from meshforge.domain.status import Status
from meshforge.engines.upstream.engine import Endpoint
from meshforge.engines.upstream.http import ProviderHttp
from meshforge.runtime import Runtime, open_runtime
from meshforge.worker.forwarding import ForwardContext, ForwardedTask
from tests.support.upstreams import FakeProvider, fake_provider
from tests.upstream.conftest import photo_data_url

MODEL = "hosted/chair-image-to-3d"
HOLDER = "forwarder-test"


def runtime_for(tmp_path: Path, fake: FakeProvider, upstream_model: str) -> Runtime:
    settings = Settings(
        data_dir=tmp_path / "data",
        builtin_engines=False,
        upstreams=json.loads(fake.upstreams({MODEL: upstream_model})),
        upstream_poll_interval_s=0.1,
    )
    return open_runtime(settings, migrate=True)


def held_task(runtime: Runtime, run: UpstreamRun) -> str:
    """An IN_PROGRESS forwarded task held by HOLDER, as a crashed forwarder left it."""
    task_id = new_task_id()
    key = f"inputs/{task_id}/image.png"
    runtime.storage.put(key, _png())
    now = int(time.time())
    runtime.tasks.create(
        {
            "id": task_id, "key_id": 1, "model": MODEL, "params": {}, "seed": 11,
            "status": Status.IN_PROGRESS.value, "worker_id": HOLDER, "input_key": key,
            "submit_time": now, "start_time": now, "expires_at": now + 3600, "attempts": 1,
            "upstream": json.dumps(run.to_json()),
        }
    )  # fmt: skip
    return task_id


def forward(runtime: Runtime, task_id: str) -> None:
    clients: dict[str, ProviderHttp] = {}

    def http(endpoint: Endpoint) -> ProviderHttp:
        if endpoint.name not in clients:
            error = endpoint.provider.error_message
            clients[endpoint.name] = ProviderHttp(endpoint.base_url, endpoint.api_key, error)
        return clients[endpoint.name]

    async def go() -> None:
        ctx = ForwardContext(runtime, HOLDER, http, ThreadPoolExecutor(1))
        task = runtime.tasks.get(task_id)
        assert task is not None
        await ForwardedTask(ctx, task, asyncio.Event()).run()
        for client in clients.values():
            await client.close()

    asyncio.run(go())


def _png() -> bytes:
    import base64

    return base64.b64decode(photo_data_url().split(",", 1)[1])


def upstream_ids(runtime: Runtime, task_id: str) -> list[Any]:
    task = runtime.tasks.get(task_id)
    assert task is not None and task.upstream is not None
    return list(task.upstream.ids)


def test_a_lost_submit_answer_is_resent_with_the_same_idempotency_key(tmp_path: Path) -> None:
    with fake_provider("siray", duration=0.5) as fake:
        runtime = runtime_for(tmp_path, fake, "tripo/tripo3d-v2.5-image-to-3d")
        task_id = held_task(runtime, UpstreamRun("siray", submitting=True, since=time.time()))
        # The first submit reached the provider, but the forwarder died before its answer.
        sent = httpx.post(
            f"{fake.url}/v1/3d/generations",
            json={"model": "x", "image": photo_data_url()},
            headers={
                "Authorization": f"Bearer {fake.key}",
                "Idempotency-Key": f"meshforge-{task_id}-0",
            },
        ).json()["task_id"]
        forward(runtime, task_id)
        assert runtime.tasks.get(task_id).status is Status.SUCCESS  # type: ignore[union-attr]
        assert upstream_ids(runtime, task_id) == [sent]
        assert fake.count("created") == 1


def test_without_idempotency_an_unclear_submit_fails_rather_than_pay_twice(tmp_path: Path) -> None:
    with fake_provider("tripo", duration=0.5) as fake:
        runtime = runtime_for(tmp_path, fake, "v2.5-20250123")
        task_id = held_task(runtime, UpstreamRun("tripo", submitting=True, since=time.time()))
        forward(runtime, task_id)
        task = runtime.tasks.get(task_id)
        assert task is not None and task.status is Status.FAILURE
        assert "it was not sent again so that it cannot run (and be charged) twice" in (
            task.fail_reason
        )
        assert fake.count("created") == 0


def test_a_recorded_upstream_task_is_polled_not_submitted_again(tmp_path: Path) -> None:
    with fake_provider("meshy", duration=0.5) as fake:
        runtime = runtime_for(tmp_path, fake, "meshy-6")
        created = httpx.post(
            f"{fake.url}/openapi/v1/image-to-3d",
            json={"image_url": photo_data_url()},
            headers={"Authorization": f"Bearer {fake.key}"},
        ).json()["result"]
        task_id = held_task(runtime, UpstreamRun("meshy", ids=(created,), since=time.time()))
        forward(runtime, task_id)
        assert runtime.tasks.get(task_id).status is Status.SUCCESS  # type: ignore[union-attr]
        assert fake.count("created") == 1 and fake.count("submit") == 1
