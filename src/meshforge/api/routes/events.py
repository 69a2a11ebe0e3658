"""GET /v1/3d/generations/{id}/events: Server-Sent Events, one `status` event per change."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import orjson
from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from meshforge.api.deps import BaseUrl, KeyId, Service, no_query
from meshforge.tasks.service import TaskService
from meshforge.tasks.views import TaskView, task_data

router = APIRouter(prefix="/v1/3d/generations", tags=["generations"])

# The stream re-reads the row (the only source of truth): every FAST_POLL_S after a change,
# slowing to POLL_S while nothing changes, so a result shows at once yet an idle stream
# costs two reads a second.
FAST_POLL_S, POLL_S = 0.1, 0.5
KEEPALIVE_S = 15.0  # a comment line keeps proxies from closing an idle stream


@router.get(
    "/{task_id}/events",
    summary="Stream a task's status changes (SSE)",
    dependencies=[Depends(no_query)],
)
async def events(task_id: str, key_id: KeyId, service: Service, base: BaseUrl) -> StreamingResponse:
    first = await run_in_threadpool(service.get, key_id, task_id)  # 404 before streaming
    return StreamingResponse(
        _stream(service, key_id, first, base),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _stream(
    service: TaskService, key_id: int, view: TaskView, base: str
) -> AsyncIterator[bytes]:
    last: tuple[Any, ...] | None = None
    quiet_s, wait_s = 0.0, FAST_POLL_S
    while True:
        data = task_data(view, base)
        state = (data["status"], data["progress"], data["queue_position"])
        if state != last:
            yield b"event: status\ndata: " + orjson.dumps(data) + b"\n\n"
            last, quiet_s, wait_s = state, 0.0, FAST_POLL_S
        elif quiet_s >= KEEPALIVE_S:
            yield b": keep-alive\n\n"
            quiet_s = 0.0
        if view.task.is_terminal:
            return
        await asyncio.sleep(wait_s)
        quiet_s += wait_s
        wait_s = min(POLL_S, wait_s * 1.5)
        view = await run_in_threadpool(service.get, key_id, view.task.id)
