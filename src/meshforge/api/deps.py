"""Shared route dependencies: the services on app.state and the caller's API key."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from meshforge.errors import Unauthorized
from meshforge.runtime import Runtime
from meshforge.tasks.service import TaskService


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_service(request: Request) -> TaskService:
    service: TaskService = request.app.state.service
    return service


def authenticated_key(request: Request) -> int:
    """The id of the caller's live API key, or 401 in the contract's shape."""
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized("missing or malformed Authorization header; use 'Bearer <key>'")
    key_id = get_runtime(request).keys.authenticate(secret.strip())
    if key_id is None:
        raise Unauthorized("invalid or revoked API key")
    return key_id


def base_url(request: Request) -> str:
    configured: str = get_runtime(request).settings.public_base_url
    return configured or str(request.base_url).rstrip("/")


KeyId = Annotated[int, Depends(authenticated_key)]
Service = Annotated[TaskService, Depends(get_service)]
RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
BaseUrl = Annotated[str, Depends(base_url)]
