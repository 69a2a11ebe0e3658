"""/v1/3d/generations: submit, query, list, cancel."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import ValidationError

from meshforge.api import list_query
from meshforge.api.deps import (
    BaseUrl,
    KeyId,
    RuntimeDep,
    Service,
    bearer_secret,
    no_query,
    refuse_unknown_query,
    request_base_url,
)
from meshforge.api.errors import validation_message
from meshforge.api.render import RenderedItems, json_response
from meshforge.api.schemas import SubmitRequest
from meshforge.errors import InvalidRequest, PayloadTooLarge, UnsupportedMediaType
from meshforge.tasks.reader import TaskReader
from meshforge.tasks.views import success, task_data

router = APIRouter(prefix="/v1/3d/generations", tags=["generations"])

_SUBMIT_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": SubmitRequest.model_json_schema()}},
    }
}


@router.post(
    "",
    openapi_extra=_SUBMIT_BODY,
    summary="Submit a generation task",
    dependencies=[Depends(no_query)],
)
async def submit(
    request: Request,
    key_id: KeyId,
    service: Service,
    runtime: RuntimeDep,
    idempotency_key: Annotated[str | None, Header(max_length=255)] = None,
) -> dict[str, Any]:
    body = await _read_json_body(request, runtime.settings.max_body_bytes)
    try:
        submission = SubmitRequest.model_validate(body).submission()
    except ValidationError as exc:
        raise InvalidRequest(validation_message(exc.errors())) from None
    task = await run_in_threadpool(service.submit, key_id, submission, idempotency_key)
    return success({"task_id": task.id}, task_id=task.id)


@router.get("/{task_id}", summary="Query a generation task")
async def query(task_id: str, request: Request) -> Response:
    # The hot path of every polling client: key check and task read in one query on the
    # event loop, no dependency injection, orjson (bench/api measures it).
    secret = bearer_secret(request)
    refuse_unknown_query(request)
    reader: TaskReader = request.app.state.reader
    view = await reader.poll(secret, task_id)
    return json_response(success(task_data(view, request_base_url(request))))


@router.get(
    "",
    summary="List this key's tasks, newest first",
    openapi_extra={"parameters": list_query.PARAMETERS},
)
async def list_tasks(request: Request) -> Response:
    # As the query route: no dependency injection, the query string read by hand, the
    # key from the key cache, items rendered once per task state (bench/api measures it).
    reader: TaskReader = request.app.state.reader
    key_id = await reader.key_id(bearer_secret(request))
    query = list_query.parse_list_query(request.scope["query_string"])
    tasks = await reader.page(key_id, query.status, query.limit, query.after)
    next_after = tasks[-1].id if len(tasks) == query.limit else None
    rendered: RenderedItems = request.app.state.rendered
    return rendered.page(tasks, request_base_url(request), next_after)


@router.post(
    "/{task_id}/cancel",
    summary="Cancel a task that has not finished",
    dependencies=[Depends(no_query)],
)
def cancel(task_id: str, key_id: KeyId, service: Service, base: BaseUrl) -> dict[str, Any]:
    return success(task_data(service.cancel(key_id, task_id), base))


async def _read_json_body(request: Request, limit: int) -> Any:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise UnsupportedMediaType("the request body must be JSON (Content-Type: application/json)")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"the request body is larger than {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise PayloadTooLarge(f"the request body is larger than {limit} bytes")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise InvalidRequest("the request body is not valid JSON") from None
    except RecursionError:
        raise InvalidRequest("the request body is nested too deeply to be a request") from None
    if not isinstance(data, dict):
        raise InvalidRequest("the request body must be a JSON object")
    return data
