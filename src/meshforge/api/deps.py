"""Shared route dependencies: the services on app.state and the caller's API key."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from meshforge.errors import InvalidRequest, Unauthorized
from meshforge.runtime import Runtime
from meshforge.tasks.service import INVALID_KEY, TaskService


# Dependencies that do no I/O are `async def` so FastAPI does not hop to a thread for them.
async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def get_service(request: Request) -> TaskService:
    service: TaskService = request.app.state.service
    return service


def refuse_unknown_query(request: Request, allowed: frozenset[str] = frozenset()) -> None:
    """400 naming query parameters a route does not take, as unknown body fields are: a
    misspelt filter (?state=QUEUED) must not be silently ignored."""
    if not request.scope.get("query_string"):
        return  # the polling hot path: nothing to look at
    refuse_unknown(request.query_params, allowed)


def refuse_unknown(names: Iterable[str], allowed: frozenset[str]) -> None:
    unknown = sorted(set(names) - allowed)
    if unknown:
        raise InvalidRequest("unknown query parameter(s): " + ", ".join(unknown))


async def no_query(request: Request) -> None:
    refuse_unknown_query(request)


def bearer_secret(request: Request) -> str:
    """The key from 'Authorization: Bearer <key>', or 401 when it is missing or malformed."""
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized("missing or malformed Authorization header; use 'Bearer <key>'")
    return secret.strip()


async def authenticated_key(request: Request) -> int:
    """The id of the caller's live API key, or 401 in the contract's shape."""
    secret = bearer_secret(request)
    runtime: Runtime = request.app.state.runtime
    key_id = await run_in_threadpool(runtime.keys.authenticate, secret)
    if key_id is None:
        raise Unauthorized(INVALID_KEY)
    return key_id


def request_base_url(request: Request) -> str:
    """Base of output URLs: the configured public URL, else scheme://host of the request
    (built from the scope directly; starlette's URL object is slow on the hot path)."""
    configured: str = request.app.state.runtime.settings.public_base_url
    if configured:
        return configured
    host = request.headers.get("host") or "{}:{}".format(
        *(request.scope.get("server") or ("localhost", 80))
    )
    return f"{request.scope.get('scheme', 'http')}://{host}{request.scope.get('root_path', '')}"


async def base_url(request: Request) -> str:
    return request_base_url(request)


KeyId = Annotated[int, Depends(authenticated_key)]
Service = Annotated[TaskService, Depends(get_service)]
RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
BaseUrl = Annotated[str, Depends(base_url)]
