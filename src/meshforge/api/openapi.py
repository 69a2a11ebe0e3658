"""The OpenAPI document: what each route really answers, so clients and schemathesis can
hold the server to it.

FastAPI's generated document knows neither our envelopes nor our errors (it lists a 422
that never happens); this module completes it in one place: the success body of every
operation, each error status it can answer in the contract's shape (429 and 503 with
Retry-After), the bearer key, and the links from a submitted task to its other routes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from meshforge.domain.status import Status

JSON = "application/json"
Schema = dict[str, Any]

_STRING, _INTEGER = {"type": "string"}, {"type": "integer", "minimum": 0}
ERROR: Schema = {
    "type": "object",
    "required": ["code", "message", "data", "error"],
    "properties": {
        "code": _STRING,
        "message": _STRING,
        "data": {"type": "null"},
        "error": {
            "type": "object",
            "required": ["code", "type", "message"],
            "properties": {"code": _STRING, "type": _STRING, "message": _STRING},
        },
    },
}
ASSET: Schema = {
    "type": "object",
    "required": ["url", "format", "bytes", "triangles", "vertices"],
    "properties": {
        "url": _STRING,
        "format": _STRING,
        "bytes": _INTEGER,
        "triangles": _INTEGER,
        "vertices": _INTEGER,
    },
}
TASK: Schema = {
    "type": "object",
    "required": [
        "task_id",
        "status",
        "progress",
        "outputs",
        "start_time",
        "finish_time",
        "submit_time",
        "fail_reason",
    ],  # fmt: skip
    "properties": {
        "task_id": {"type": "string", "pattern": "^3d_[0-9a-f]{48}$"},
        "status": {"type": "string", "enum": [status.value for status in Status]},
        "progress": {"type": "string", "pattern": "^(100|[1-9]?[0-9])%$"},
        "outputs": {"type": "array", "items": _STRING},
        "start_time": _INTEGER,
        "finish_time": _INTEGER,
        "submit_time": _INTEGER,
        "fail_reason": _STRING,
        "model": _STRING,
        "seed": _INTEGER,
        "queue_position": {"type": ["integer", "null"], "minimum": 1},
        "thumbnail": {"type": ["string", "null"]},
        "assets": {"type": "array", "items": ASSET},
        "expires_at": _INTEGER,
    },
}
MODEL: Schema = {
    "type": "object",
    "required": ["id", "kind", "description", "parameters", "available", "device"],
    "properties": {
        "id": _STRING,
        "kind": {"type": "string", "enum": ["text-to-3d", "image-to-3d"]},
        "description": _STRING,
        "parameters": {"type": "object"},
        "available": {"type": "boolean"},
        "device": {"type": "string", "enum": ["cpu", "gpu", "upstream"]},
        "unavailable_reason": _STRING,
        "provider": _STRING,
    },
}
# What /redirect/{token} serves, by output format (assets/export.py).
OUTPUT_TYPES = (
    "model/gltf-binary", "model/obj", "application/zip", "model/stl", "model/ply",
    "model/vnd.usdz+zip", "application/octet-stream", "image/png",
)  # fmt: skip


def envelope(data: Schema, **top_level: Schema) -> Schema:
    """The contract's success envelope around `data`."""
    return {
        "type": "object",
        "required": ["code", "message", "data", *top_level],
        "properties": {"code": {"const": "success"}, "message": _STRING, "data": data, **top_level},
    }


def _object(**properties: Schema) -> Schema:
    return {"type": "object", "required": list(properties), "properties": properties}


def _task_links(task_id: str) -> dict[str, Any]:
    """Where a task id found at `task_id` (a runtime expression) leads."""
    parameters = {"task_id": task_id}
    return {
        name: {"operationId": operation, "parameters": parameters}
        for name, operation in (
            ("GetTask", "getTask"),
            ("CancelTask", "cancelTask"),
            ("TaskEvents", "streamTaskEvents"),
        )
    }


@dataclass(frozen=True)
class Operation:
    operation_id: str
    success: Schema | None  # a JSON body; None: `media` with any content
    errors: tuple[int, ...]
    media: tuple[str, ...] = (JSON,)
    links: dict[str, Any] = field(default_factory=dict)
    authenticated: bool = True
    success_status: tuple[int, ...] = (200,)


_TASK_ERRORS = (401, 404, 500, 503)
OPERATIONS: dict[tuple[str, str], Operation] = {
    ("/v1/3d/generations", "post"): Operation(
        "submitTask",
        envelope(_object(task_id=TASK["properties"]["task_id"]), task_id=_STRING),
        (400, 401, 413, 415, 429, 500, 503),
        links=_task_links("$response.body#/data/task_id"),
    ),
    ("/v1/3d/generations", "get"): Operation(
        "listTasks",
        envelope(
            _object(items={"type": "array", "items": TASK}, next_after={"type": ["string", "null"]})
        ),
        (400, 401, 500, 503),
        links={
            **_task_links("$response.body#/data/items/0/task_id"),
            "NextPage": {
                "operationId": "listTasks",
                "parameters": {"after": "$response.body#/data/next_after"},
            },
        },
    ),
    ("/v1/3d/generations/{task_id}", "get"): Operation(
        "getTask", envelope(TASK), _TASK_ERRORS, links=_task_links("$request.path.task_id")
    ),
    ("/v1/3d/generations/{task_id}/cancel", "post"): Operation(
        "cancelTask",
        envelope(TASK),
        (400, *_TASK_ERRORS),
        links=_task_links("$request.path.task_id"),
    ),
    ("/v1/3d/generations/{task_id}/events", "get"): Operation(
        "streamTaskEvents", None, _TASK_ERRORS, media=("text/event-stream",)
    ),
    ("/v1/models", "get"): Operation(
        "listModels", envelope({"type": "array", "items": MODEL}), (401, 500, 503)
    ),
    ("/redirect/{token}", "get"): Operation(
        "downloadOutput",
        None,
        (404, 410, 500, 503),
        media=OUTPUT_TYPES,
        authenticated=False,
        success_status=(200, 302),
    ),
    ("/healthz", "get"): Operation(
        "healthz", envelope(_object(status={"const": "ok"})), (500,), authenticated=False
    ),
    ("/readyz", "get"): Operation(
        "readyz",
        envelope(_object(status={"const": "ready"}, checks={"type": "object"})),
        (500, 503),
        authenticated=False,
    ),
    ("/metrics", "get"): Operation(
        "metrics", None, (500, 503), media=("text/plain",), authenticated=False
    ),
}


def install_openapi(app: FastAPI, request_bodies: list[Schema]) -> None:
    """Make app.openapi() return the completed document (built once); `request_bodies`
    are the submit bodies the models take, one schema each."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = complete(document, request_bodies)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def complete(document: dict[str, Any], request_bodies: list[Schema]) -> dict[str, Any]:
    """Our responses, security and links in place of FastAPI's guesses."""
    submit = document["paths"]["/v1/3d/generations"]["post"]["requestBody"]
    # Which fields a submit takes and requires depends on its model (prompt or image).
    submit["content"][JSON]["schema"] = {"oneOf": request_bodies}
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    schemas["Error"] = ERROR
    components["securitySchemes"] = {"apiKey": {"type": "http", "scheme": "bearer"}}
    for (path, method), operation in OPERATIONS.items():
        described = document["paths"][path][method]
        described["operationId"] = operation.operation_id
        described["responses"] = _responses(operation)
        if operation.authenticated:
            described["security"] = [{"apiKey": []}]
    return document


def _responses(operation: Operation) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status in operation.success_status:
        responses[str(status)] = _success(operation, status)
    for status in operation.errors:
        responses[str(status)] = _error(status)
    return responses


def _success(operation: Operation, status: int) -> dict[str, Any]:
    if status == 302:
        return {"description": "redirect to a short-lived presigned URL of the file"}
    content = {media: {"schema": operation.success or {}} for media in operation.media}
    described: dict[str, Any] = {"description": "success", "content": content}
    if operation.links:
        described["links"] = operation.links
    return described


def _error(status: int) -> dict[str, Any]:
    described: dict[str, Any] = {
        "description": "an error in the contract's shape",
        "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if status in (429, 503):
        described["headers"] = {
            "Retry-After": {"required": True, "schema": {"type": "integer", "minimum": 1}}
        }
    return described
