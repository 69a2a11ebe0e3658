"""Tripo's task API (platform docs, openapi v2; base URL https://api.tripo3d.ai/v2/openapi).

POST /upload (multipart "file") -> data.image_token; POST /task with type text_to_model or
image_to_model -> data.task_id; GET /task/{id} -> data.status queued | running | success |
failed | cancelled | unknown | banned | expired, data.progress, data.output.pbr_model /
model. Errors: {"code", "message", "suggestion"} (401 code 1002, 429 code 2000). Tripo
documents no idempotency key and no cancel.
"""

from __future__ import annotations

from typing import Any

from meshforge.engines.upstream.errors import UpstreamRejected
from meshforge.engines.upstream.http import ProviderHttp
from meshforge.engines.upstream.job import Poll, UpstreamJob
from meshforge.engines.upstream.provider import percent

RUNNING = {"queued", "running"}
FILE_TYPES = {"png": "png", "jpeg": "jpg", "webp": "webp"}


class TripoProvider:
    name = "tripo"
    idempotent_submit = False

    def error_message(self, body: Any) -> str:
        parts = [str(body.get("message") or ""), str(body.get("suggestion") or "")]
        return " ".join(p for p in parts if p).strip()

    def stages(self, job: UpstreamJob) -> int:
        return 1

    async def submit(
        self, http: ProviderHttp, job: UpstreamJob, stage: int, previous: str | None, key: str
    ) -> str:
        body = task_body(job)
        if job.kind == "image-to-3d":
            token = await self._upload(http, job)  # a second upload is harmless
            body["file"] = {"type": FILE_TYPES.get(job.image_format, "png"), "file_token": token}
        data = _data(await http.call("POST", "/task", json=body))
        if not data.get("task_id"):
            raise UpstreamRejected("Tripo accepted the task but sent no task_id")
        return str(data["task_id"])

    async def poll(self, http: ProviderHttp, job: UpstreamJob, stage: int, task_id: str) -> Poll:
        data = _data(await http.call("GET", f"/task/{task_id}"))
        status = data.get("status")
        if status in RUNNING:
            return Poll("running", percent(data.get("progress", 0)))
        if status == "success":
            output = data.get("output") or {}
            url = output.get("pbr_model") or output.get("model") or output.get("base_model")
            return Poll("success", 100, model_url=url)
        return Poll("failure", reason=_failure_reason(data))

    async def cancel(self, http: ProviderHttp, job: UpstreamJob, stage: int, task_id: str) -> None:
        return None  # no cancel in Tripo's API: the upstream task runs to its end

    async def probe(self, http: ProviderHttp) -> None:
        _data(await http.call("GET", "/user/balance"))

    async def _upload(self, http: ProviderHttp, job: UpstreamJob) -> str:
        assert job.image is not None
        name = f"image.{FILE_TYPES.get(job.image_format, 'png')}"
        files = {"file": (name, job.image, job.image_mime)}
        data = _data(await http.call("POST", "/upload", files=files))
        if not data.get("image_token"):
            raise UpstreamRejected("Tripo accepted the image but sent no image_token")
        return str(data["image_token"])


def task_body(job: UpstreamJob) -> dict[str, Any]:
    options = job.options
    body: dict[str, Any] = {
        "type": "image_to_model" if job.kind == "image-to-3d" else "text_to_model",
        "model_version": job.model,
        "texture": options.texture_enable,
        "pbr": options.pbr_enable,
        "texture_quality": "detailed" if options.texture_quality == "HD" else "standard",
        "auto_size": options.auto_size,
        "quad": options.quad,
        "model_seed": job.seed,
        "texture_seed": job.seed if options.texture_seed is None else options.texture_seed,
    }
    if job.kind == "text-to-3d":
        body["prompt"] = options.prompt
    elif options.texture_alignment:
        body["texture_alignment"] = options.texture_alignment
    if options.face_limit is not None:
        body["face_limit"] = options.face_limit
    return body


def _data(body: Any) -> dict[str, Any]:
    """`data` of a Tripo answer; a non-zero `code` is a refusal even on HTTP 200."""
    if body.get("code", 0) != 0:
        raise UpstreamRejected(TripoProvider().error_message(body) or f"code {body.get('code')}")
    data: dict[str, Any] = body.get("data") or {}
    return data


def _failure_reason(data: dict[str, Any]) -> str:
    message = data.get("error_msg") or ""
    code = data.get("error_code")
    detail = f"{message} (error code {code})" if code else message
    return f"Tripo reports the task {data.get('status')}" + (f": {detail}" if detail else "")
