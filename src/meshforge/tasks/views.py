"""Tasks as clients see them: the contract's JSON shapes, free of any web framework.

The API renders these for the query, list, cancel and events routes, and the webhook
dispatcher signs the very same body, so a callback and a poll can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from meshforge.domain.records import Asset, Task
from meshforge.domain.status import Status


@dataclass(frozen=True)
class TaskView:
    """A task as a client sees it: the row plus its live queue position."""

    task: Task
    queue_position: int | None = None


def success(data: Any, **top_level: Any) -> dict[str, Any]:
    """The contract's success envelope."""
    return {"code": "success", "message": "", "data": data, **top_level}


def task_data(view: TaskView, base_url: str) -> dict[str, Any]:
    """The `data` object of GET /v1/3d/generations/{task_id}."""
    task = view.task
    done = task.status is Status.SUCCESS
    return {
        "task_id": task.id,
        "status": task.status.value,
        "progress": f"{task.progress}%",
        "outputs": [_url(base_url, a.token) for a in task.outputs] if done else [],
        "start_time": task.start_time,
        "finish_time": task.finish_time,
        "submit_time": task.submit_time,
        "fail_reason": task.fail_reason,
        "model": task.model,
        "seed": task.seed,
        "queue_position": view.queue_position,
        "thumbnail": _url(base_url, task.thumbnail_token) if task.thumbnail_token else None,
        "assets": [_asset(a, base_url) for a in task.outputs] if done else [],
        "expires_at": task.expires_at,
        "cached": task.cached,
        "provider": task.upstream.provider if task.upstream else None,
    }


def task_summary(task: Task, base_url: str) -> dict[str, Any]:
    """One item of the list route (no live queue position)."""
    return task_data(TaskView(task), base_url)


def _asset(asset: Asset, base_url: str) -> dict[str, Any]:
    return {
        "url": _url(base_url, asset.token),
        "format": asset.format,
        "bytes": asset.bytes,
        "triangles": asset.triangles,
        "vertices": asset.vertices,
    }


def _url(base_url: str, token: str) -> str:
    return f"{base_url}/redirect/{token}"
