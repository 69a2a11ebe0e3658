"""Meshy's API (docs.meshy.ai; base URL https://api.meshy.ai).

Image to 3D: POST /openapi/v1/image-to-3d {image_url: a data URI} -> 202 {"result": id}.
Text to 3D: POST /openapi/v2/text-to-3d, a "preview" task (the mesh), then, for textures,
a "refine" task of that preview. GET <endpoint>/{id} -> status PENDING | IN_PROGRESS |
SUCCEEDED | FAILED | CANCELED, progress, model_urls.glb, task_error.message; DELETE
<endpoint>/{id} cancels. Errors: {"message"}. No idempotency key is documented.
"""

from __future__ import annotations

from typing import Any

from meshforge.engines.upstream.errors import UpstreamRejected
from meshforge.engines.upstream.http import ProviderHttp
from meshforge.engines.upstream.job import Poll, UpstreamJob
from meshforge.engines.upstream.provider import percent

IMAGE_TO_3D = "/openapi/v1/image-to-3d"
TEXT_TO_3D = "/openapi/v2/text-to-3d"
RUNNING = {"PENDING", "IN_PROGRESS"}
POLYCOUNT_RANGE = (100, 300_000)


class MeshyProvider:
    name = "meshy"
    idempotent_submit = False

    def error_message(self, body: Any) -> str:
        return str(body.get("message") or "")

    def stages(self, job: UpstreamJob) -> int:
        textured_text = job.kind == "text-to-3d" and job.options.texture_enable
        return 2 if textured_text else 1

    async def submit(
        self, http: ProviderHttp, job: UpstreamJob, stage: int, previous: str | None, key: str
    ) -> str:
        if stage == 1:
            body = refine_body(job, previous or "")
        else:
            body = {**_mesh_fields(job), **_first_stage_fields(job)}
        answer = await http.call("POST", _endpoint(job), json=body)
        if not answer.get("result"):
            raise UpstreamRejected("Meshy accepted the task but sent no task id")
        return str(answer["result"])

    async def poll(self, http: ProviderHttp, job: UpstreamJob, stage: int, task_id: str) -> Poll:
        task = await http.call("GET", f"{_endpoint(job)}/{task_id}")
        status = task.get("status")
        if status in RUNNING:
            return Poll("running", percent(task.get("progress", 0)))
        if status == "SUCCEEDED":
            return Poll("success", 100, model_url=(task.get("model_urls") or {}).get("glb"))
        error = (task.get("task_error") or {}).get("message") or ""
        return Poll(
            "failure", reason=f"Meshy reports the task {status}" + (f": {error}" if error else "")
        )

    async def cancel(self, http: ProviderHttp, job: UpstreamJob, stage: int, task_id: str) -> None:
        await http.call("DELETE", f"{_endpoint(job)}/{task_id}")

    async def probe(self, http: ProviderHttp) -> None:
        await http.call("GET", "/openapi/v1/balance")


def _endpoint(job: UpstreamJob) -> str:
    return IMAGE_TO_3D if job.kind == "image-to-3d" else TEXT_TO_3D


def _first_stage_fields(job: UpstreamJob) -> dict[str, Any]:
    if job.kind == "image-to-3d":
        return {
            "image_url": job.image_data_url(),
            "should_texture": job.options.texture_enable,
            "enable_pbr": job.options.pbr_enable,
        }
    return {"mode": "preview", "prompt": job.options.prompt}


def _mesh_fields(job: UpstreamJob) -> dict[str, Any]:
    """Model, topology and polycount; Meshy applies the last two only when remeshing."""
    fields: dict[str, Any] = {"ai_model": job.model}
    limit = job.options.face_limit
    if limit is not None or job.options.quad:
        fields["should_remesh"] = True
        fields["topology"] = "quad" if job.options.quad else "triangle"
    if limit is not None:
        fields["target_polycount"] = max(POLYCOUNT_RANGE[0], min(POLYCOUNT_RANGE[1], limit))
    return fields


def refine_body(job: UpstreamJob, preview_id: str) -> dict[str, Any]:
    return {
        "mode": "refine",
        "preview_task_id": preview_id,
        "ai_model": job.model,
        "enable_pbr": job.options.pbr_enable,
    }
