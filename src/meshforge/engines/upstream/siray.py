"""Siray's 3D task API, exactly as ../shared/CONTRACT.md describes it, so the provider can
be Siray itself or another meshforge (an edge box forwarding to a GPU box).

POST /v1/3d/generations -> task_id (with Idempotency-Key); GET /v1/3d/generations/{id}
through NOT_START .. IN_PROGRESS to SUCCESS (outputs) or FAILURE (fail_reason).
"""

from __future__ import annotations

from typing import Any

from meshforge.engines.upstream.errors import UpstreamRejected
from meshforge.engines.upstream.http import ProviderHttp
from meshforge.engines.upstream.job import Poll, UpstreamJob
from meshforge.engines.upstream.provider import percent

RUNNING = {"NOT_START", "SUBMITTED", "QUEUED", "IN_PROGRESS"}


class SirayProvider:
    name = "siray"
    idempotent_submit = True

    def error_message(self, body: Any) -> str:
        error = body.get("error") or {}
        return str(error.get("message") or body.get("message") or "")

    def stages(self, job: UpstreamJob) -> int:
        return 1

    async def submit(
        self, http: ProviderHttp, job: UpstreamJob, stage: int, previous: str | None, key: str
    ) -> str:
        body = await http.call(
            "POST", "/v1/3d/generations", json=request_body(job), headers={"Idempotency-Key": key}
        )
        task_id = (body.get("data") or {}).get("task_id") or body.get("task_id")
        if not task_id:
            raise UpstreamRejected("the provider accepted the task but sent no task_id")
        return str(task_id)

    async def poll(self, http: ProviderHttp, job: UpstreamJob, stage: int, task_id: str) -> Poll:
        data = (await http.call("GET", f"/v1/3d/generations/{task_id}")).get("data") or {}
        status = data.get("status")
        if status in RUNNING:
            return Poll("running", percent(data.get("progress", 0)))
        if status == "SUCCESS":
            return Poll("success", 100, model_url=_model_url(data))
        return Poll("failure", reason=str(data.get("fail_reason") or f"status {status}"))

    async def cancel(self, http: ProviderHttp, job: UpstreamJob, stage: int, task_id: str) -> None:
        await http.call("POST", f"/v1/3d/generations/{task_id}/cancel")

    async def probe(self, http: ProviderHttp) -> None:
        try:
            await http.call("GET", "/v1/models")
        except UpstreamRejected:  # a server without the [ext] model list still answered
            return


def request_body(job: UpstreamJob) -> dict[str, Any]:
    """The contract's submit fields ([compat] only, so Siray itself accepts them)."""
    options = job.options
    body: dict[str, Any] = {
        "model": job.model,
        "seed": job.seed,
        "texture_enable": options.texture_enable,
        "pbr_enable": options.pbr_enable,
        "quad": options.quad,
        "texture_quality": options.texture_quality,
        "auto_size": options.auto_size,
    }
    if job.kind == "image-to-3d":
        body["image"] = job.image_data_url()
        if options.texture_alignment:
            body["texture_alignment"] = options.texture_alignment
    else:
        body["prompt"] = options.prompt
    if options.face_limit is not None:
        body["face_limit"] = options.face_limit
    if options.texture_seed is not None:
        body["texture_seed"] = options.texture_seed
    return body


def _model_url(data: dict[str, Any]) -> str | None:
    """The GLB among the outputs ([ext] `assets` says which is which), else the first."""
    for asset in data.get("assets") or []:
        if asset.get("format") == "glb" and asset.get("url"):
            return str(asset["url"])
    outputs = data.get("outputs") or []
    return str(outputs[0]) if outputs else None
