"""GET /redirect/{token}: public, unguessable output URLs (410 after retention)."""

from __future__ import annotations

import time

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, RedirectResponse, Response

from meshforge.api.deps import RuntimeDep
from meshforge.domain.ids import is_token
from meshforge.errors import Gone, NotFound

router = APIRouter(tags=["files"])


@router.get("/redirect/{token}", summary="Download an output file (no auth)")
async def redirect(token: str, runtime: RuntimeDep) -> Response:
    found = await run_in_threadpool(runtime.artifacts.get, token) if is_token(token) else None
    if found is None:
        raise NotFound("no such file")
    artifact, deleted = found
    if deleted or artifact.expires_at <= int(time.time()):
        raise Gone("this file has expired and was deleted; generate the model again")
    storage = runtime.storage
    remote = storage.download_url(artifact.storage_key, artifact.filename, artifact.content_type)
    if remote is not None:
        return RedirectResponse(remote, status_code=302)
    path = storage.local_path(artifact.storage_key)
    if path is None or not path.exists():
        raise Gone("this file is no longer available; generate the model again")
    return FileResponse(path, media_type=artifact.content_type, filename=artifact.filename)
