"""A fake of Tripo's openapi v2 (docs.tripo3d.ai): /upload, /task, /task/{id},
/user/balance under /v2/openapi; answers {"code": 0, "data": ...}, errors
{"code", "message", "suggestion"} (401 -> 1002, 429 -> 2000, 400 -> 1004)."""

from __future__ import annotations

import uuid
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from tests.upstream.fakes.server import Request, Response, Route
from tests.upstream.fakes.state import FakeState

BASE = "/v2/openapi"
CODES = {401: 1002, 400: 1004, 404: 2001, 429: 2000, 500: 1000, 503: 1000}
STATUS = {"queued": "queued", "running": "running", "done": "success", "canceled": "cancelled"}


class TripoFake:
    def __init__(self) -> None:
        self.tokens: set[str] = set()
        self.routes: list[Route] = [
            ("POST", f"{BASE}/upload", "upload", self.upload),
            ("POST", f"{BASE}/task", "submit", self.create_task),
            ("GET", f"{BASE}/task/([^/]+)", "poll", self.get_task),
            ("GET", f"{BASE}/user/balance", "probe", self.balance),
        ]

    def error(self, status: int, message: str) -> Any:
        return {"code": CODES.get(status, 1000), "message": message, "suggestion": "see docs"}

    def upload(self, state: FakeState, request: Request) -> Response:
        head = f"content-type: {request.headers.get('content-type', '')}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + request.body)
        parts = [
            p
            for p in message.iter_parts()
            if p.get_param("name", header="content-disposition") == "file"
        ]
        if not parts or not parts[0].get_payload(decode=True):
            return Response(400, self.error(400, "file is required"))
        token = str(uuid.uuid4())
        self.tokens.add(token)
        return Response(200, {"code": 0, "data": {"image_token": token}})

    def create_task(self, state: FakeState, request: Request) -> Response:
        body = request.json()
        problem = self._problem(body)
        if problem:
            return Response(400, self.error(400, problem))
        task = state.add_task(body["type"], body)
        return Response(200, {"code": 0, "data": {"task_id": task.id}})

    def _problem(self, body: dict[str, Any]) -> str:
        if body.get("type") == "text_to_model":
            return "" if body.get("prompt") else "prompt is required"
        if body.get("type") != "image_to_model":
            return f"unknown task type {body.get('type')}"
        file = body.get("file") or {}
        if file.get("file_token") not in self.tokens and not file.get("url"):
            return "file.file_token is not an uploaded file"
        return "" if file.get("type") in ("jpg", "png", "webp") else "file.type is required"

    def get_task(self, state: FakeState, request: Request) -> Response:
        task = state.tasks.get(request.groups[0])
        if task is None:
            return Response(404, self.error(404, "task not found"))
        phase, progress = task.phase(state.duration)
        status = STATUS[phase]
        data: dict[str, Any] = {
            "task_id": task.id,
            "type": task.kind,
            "status": status,
            "input": task.body,
            "output": {},
            "progress": progress,
            "create_time": int(task.created),
        }
        if status == "success" and state.fail_reason:
            data.update(status="failed", error_code=2008, error_msg=state.fail_reason)
        elif status == "success":
            data["output"] = {"pbr_model": f"{request.base_url}/files/{task.id}.glb"}
        return Response(200, {"code": 0, "data": data})

    def balance(self, state: FakeState, request: Request) -> Response:
        return Response(200, {"code": 0, "data": {"balance": 1000.0, "frozen": 0.0}})


PROVIDER = TripoFake()
