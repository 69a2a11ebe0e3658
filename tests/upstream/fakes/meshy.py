"""A fake of Meshy's API (docs.meshy.ai): POST /openapi/v1/image-to-3d and
/openapi/v2/text-to-3d (preview, then refine of a SUCCEEDED preview) -> 202
{"result": id}; GET and DELETE <endpoint>/{id}; GET /openapi/v1/balance; errors
{"message"}."""

from __future__ import annotations

from typing import Any

from tests.upstream.fakes.server import Request, Response, Route
from tests.upstream.fakes.state import FakeState

IMAGE, TEXT = "/openapi/v1/image-to-3d", "/openapi/v2/text-to-3d"
STATUS = {
    "queued": "PENDING",
    "running": "IN_PROGRESS",
    "done": "SUCCEEDED",
    "canceled": "CANCELED",
}


class MeshyFake:
    def __init__(self) -> None:
        self.routes: list[Route] = [
            ("POST", IMAGE, "submit", self.create_image),
            ("POST", TEXT, "submit", self.create_text),
            ("GET", f"(?:{IMAGE}|{TEXT})/([^/]+)", "poll", self.get_task),
            ("DELETE", f"(?:{IMAGE}|{TEXT})/([^/]+)", "cancel", self.delete_task),
            ("GET", "/openapi/v1/balance", "probe", self.balance),
        ]

    def error(self, status: int, message: str) -> Any:
        return {"message": message}

    def create_image(self, state: FakeState, request: Request) -> Response:
        body = request.json()
        url = str(body.get("image_url") or "")
        if not url.startswith(("data:image/", "http://", "https://")):
            return Response(400, {"message": "image_url must be a URL or a data URI"})
        return Response(202, {"result": state.add_task("image-to-3d", body).id})

    def create_text(self, state: FakeState, request: Request) -> Response:
        body = request.json()
        if body.get("mode") == "preview" and body.get("prompt"):
            return Response(202, {"result": state.add_task("preview", body).id})
        preview = state.tasks.get(str(body.get("preview_task_id")))
        if body.get("mode") == "refine" and preview and preview.phase(state.duration)[0] == "done":
            return Response(202, {"result": state.add_task("refine", body).id})
        return Response(400, {"message": "a preview needs a prompt; a refine a SUCCEEDED preview"})

    def get_task(self, state: FakeState, request: Request) -> Response:
        task = state.tasks.get(request.groups[0])
        if task is None:
            return Response(404, {"message": "Task not found"})
        phase, progress = task.phase(state.duration)
        data: dict[str, Any] = {
            "id": task.id,
            "status": STATUS[phase],
            "progress": progress,
            "created_at": int(task.created * 1000),
            "model_urls": {},
            "task_error": None,
        }
        if data["status"] == "SUCCEEDED" and state.fail_reason:
            data.update(status="FAILED", task_error={"message": state.fail_reason})
        elif data["status"] == "SUCCEEDED":
            data["model_urls"] = {"glb": f"{request.base_url}/files/{task.id}.glb"}
        return Response(200, data)

    def delete_task(self, state: FakeState, request: Request) -> Response:
        task = state.tasks.get(request.groups[0])
        if task is None:
            return Response(404, {"message": "Task not found"})
        task.canceled = True
        return Response(200, {})

    def balance(self, state: FakeState, request: Request) -> Response:
        return Response(200, {"balance": 1000})


PROVIDER = MeshyFake()
