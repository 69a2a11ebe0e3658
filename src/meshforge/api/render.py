"""Task records -> the contract's JSON shapes."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import Response

from meshforge.tasks.models import Task
from meshforge.tasks.service import TaskView


def json_response(body: dict[str, Any], status_code: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status_code, media_type="application/json")


def success(data: Any, **top_level: Any) -> dict[str, Any]:
    return {"code": "success", "message": "", "data": data, **top_level}


def task_data(view: TaskView, base_url: str) -> dict[str, Any]:
    task = view.task
    done = task.status.value == "SUCCESS"
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
    }


def task_summary(task: Task, base_url: str) -> dict[str, Any]:
    return task_data(TaskView(task, None), base_url)


def _asset(asset: Any, base_url: str) -> dict[str, Any]:
    return {
        "url": _url(base_url, asset.token),
        "format": asset.format,
        "bytes": asset.bytes,
        "triangles": asset.triangles,
        "vertices": asset.vertices,
    }


def _url(base_url: str, token: str) -> str:
    return f"{base_url}/redirect/{token}"
