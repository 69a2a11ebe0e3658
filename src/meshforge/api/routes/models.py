"""GET /v1/models: every model with its kind and the JSON Schema of its fields."""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, Depends

from meshforge.api.deps import KeyId, RuntimeDep, no_query
from meshforge.api.schemas import SubmitRequest
from meshforge.domain.options import ENGINE_OPTIONS
from meshforge.engines.base import Engine
from meshforge.tasks.views import success

router = APIRouter(tags=["models"])

_TEXT_ONLY = {"prompt"}
_IMAGE_ONLY = {"image", "texture_alignment"}


@router.get(
    "/v1/models",
    summary="List the models this server offers",
    dependencies=[Depends(no_query)],
)
def list_models(_: KeyId, runtime: RuntimeDep) -> dict[str, Any]:
    engines = [runtime.engines.get(model_id) for model_id in runtime.engines.ids()]
    return success([_describe(engine) for engine in engines])


def _describe(engine: Engine) -> dict[str, Any]:
    availability = engine.availability()
    described: dict[str, Any] = {
        "id": engine.id,
        "kind": engine.kind,
        "description": engine.description,
        "parameters": parameters_schema(engine),
        "available": availability.available,
        "device": engine.device,
    }
    if not availability.available:
        described["unavailable_reason"] = availability.reason
    if engine.provider:
        described["provider"] = engine.provider
    return described


def parameters_schema(engine: Engine) -> dict[str, Any]:
    """The submit schema narrowed to what this engine accepts, with its own notes."""
    schema = copy.deepcopy(SubmitRequest.model_json_schema())
    props: dict[str, Any] = schema["properties"]
    by_kind = _IMAGE_ONLY if engine.kind == "text-to-3d" else _TEXT_ONLY
    not_taken = set(ENGINE_OPTIONS) - engine.engine_options
    for name in by_kind | not_taken | {"callback_url"}:
        props.pop(name, None)
    required = ["model", "prompt" if engine.kind == "text-to-3d" else "image"]
    schema["required"] = required
    props["model"] = {"const": engine.id, "type": "string"}
    props["face_limit"]["default"] = engine.default_face_limit
    for name, extra in engine.parameter_overrides().items():
        props.setdefault(name, {}).update(extra)
    schema["title"] = f"{engine.id} request"
    return schema


def submit_body_schema(engine: Engine) -> dict[str, Any]:
    """The body POST /v1/3d/generations takes for this model (the OpenAPI document's):
    its parameters, callback_url, and a prompt that is more than whitespace."""
    schema = parameters_schema(engine)
    schema["properties"]["callback_url"] = SubmitRequest.model_json_schema()["properties"][
        "callback_url"
    ]
    if engine.kind == "text-to-3d":
        schema["properties"]["prompt"] = {"type": "string", "minLength": 1, "pattern": r"\S"}
    return schema
