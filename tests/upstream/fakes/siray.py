"""A fake of Siray's 3D task API as ../shared/CONTRACT.md writes it: POST
/v1/3d/generations (Idempotency-Key), GET /v1/3d/generations/{id}, POST .../cancel,
GET /v1/models; the contract's envelope and error shape."""

from __future__ import annotations

from typing import Any

from tests.upstream.fakes.server import Request, Response, Route
from tests.upstream.fakes.state import FakeState

STATUS = {"queued": "QUEUED", "running": "IN_PROGRESS", "done": "SUCCESS", "canceled": "FAILURE"}
CODES = {401: "unauthorized", 400: "invalid_request", 404: "not_found", 429: "rate_limited"}


class SirayFake:
    def __init__(self) -> None:
        self.routes: list[Route] = [
            ("POST", "/v1/3d/generations", "submit", self.create),
            ("GET", "/v1/3d/generations/([^/]+)", "poll", self.query),
            ("POST", "/v1/3d/generations/([^/]+)/cancel", "cancel", self.cancel),
            ("GET", "/v1/models", "probe", self.models),
        ]

    def error(self, status: int, message: str) -> Any:
        code = CODES.get(status, "overloaded" if status == 503 else "internal_error")
        error = {"code": code, "type": "api_error", "message": message}
        return {"code": code, "message": message, "data": None, "error": error}

    def create(self, state: FakeState, request: Request) -> Response:
        body = request.json()
        if not body.get("model") or not (body.get("prompt") or body.get("image")):
            return Response(400, self.error(400, "model and a prompt or an image are required"))
        task = state.add_task("generation", body, request.headers.get("idempotency-key"))
        data = {"task_id": task.id}
        return Response(200, {"code": "success", "message": "", "data": data, "task_id": task.id})

    def query(self, state: FakeState, request: Request) -> Response:
        task = state.tasks.get(request.groups[0])
        if task is None:
            return Response(404, self.error(404, "task not found"))
        phase, progress = task.phase(state.duration)
        data: dict[str, Any] = {
            "task_id": task.id,
            "status": STATUS[phase],
            "progress": f"{progress}%",
            "outputs": [],
            "fail_reason": "canceled" if task.canceled else "",
            "submit_time": int(task.created),
            "start_time": int(task.created),
            "finish_time": 0,
        }
        if data["status"] == "SUCCESS" and state.fail_reason:
            data.update(status="FAILURE", fail_reason=state.fail_reason, progress="0%")
        elif data["status"] == "SUCCESS":
            data["outputs"] = [f"{request.base_url}/files/{task.id}.glb"]
        return Response(200, {"code": "success", "message": "", "data": data})

    def cancel(self, state: FakeState, request: Request) -> Response:
        task = state.tasks.get(request.groups[0])
        if task is None:
            return Response(404, self.error(404, "task not found"))
        task.canceled = True
        return self.query(state, request)

    def models(self, state: FakeState, request: Request) -> Response:
        return Response(200, {"code": "success", "message": "", "data": []})


PROVIDER = SirayFake()
