"""Every error leaves the server in the contract's one shape, mapped here in one place."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from meshforge.domain.options import FIELD_RANGES
from meshforge.errors import (
    DatabaseUnavailable,
    InvalidRequest,
    MeshforgeError,
    MethodNotAllowed,
    NotFound,
    Overloaded,
    RateLimited,
)
from meshforge.store.db import database_unavailable

log = logging.getLogger(__name__)

_TYPE_NAMES = {
    "int_type": "an integer",
    "float_type": "a number",
    "bool_type": "a boolean (true or false)",
    "string_type": "a string",
    "list_type": "a list of strings",
    "int_parsing": "an integer",
}


def error_body(error: MeshforgeError) -> dict[str, Any]:
    return {
        "code": error.code,
        "message": error.message,
        "data": None,
        "error": {"code": error.code, "type": error.type, "message": error.message},
    }


def error_response(error: MeshforgeError) -> JSONResponse:
    headers = {}
    if isinstance(error, RateLimited | Overloaded):
        headers["Retry-After"] = str(error.retry_after)
    return JSONResponse(error_body(error), status_code=error.status, headers=headers)


def validation_message(errors: Sequence[Any]) -> str:
    """One sentence for the first problem, naming the field and its rule."""
    unknown = [str(e["loc"][-1]) for e in errors if e["type"] == "extra_forbidden"]
    if unknown:
        return "unknown field(s): " + ", ".join(sorted(unknown))
    first = errors[0]
    loc = [str(p) for p in first["loc"] if p not in ("body", "query", "path", "header")]
    field = loc[0] if loc else "body"
    ctx = first.get("ctx") or {}
    kind = first["type"]
    if kind == "missing":
        return f"{field} is required"
    if kind in ("greater_than_equal", "less_than_equal") and field in FIELD_RANGES:
        low, high = FIELD_RANGES[field]
        return f"{field} must be between {low} and {high}"
    if kind in ("literal_error", "enum"):
        return f"{field} must be one of {ctx.get('expected', '')}"
    if kind == "too_short":
        return f"{field} must have at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"{field} must have at most {ctx.get('max_length')} items"
    if kind == "string_too_long":
        return f"{field} must be at most {ctx.get('max_length')} characters"
    if kind in _TYPE_NAMES:
        return f"{field} must be {_TYPE_NAMES[kind]}"
    if kind == "value_error":
        return str(ctx.get("error", first["msg"]))
    return f"{field}: {first['msg']}"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(MeshforgeError)
    async def _ours(_: Request, exc: MeshforgeError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(InvalidRequest(validation_message(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 405:  # with the Allow header a 405 must carry
            response = error_response(MethodNotAllowed("this method is not allowed on this path"))
            response.headers.update(exc.headers or {})
            return response
        if exc.status_code == 404:
            return error_response(NotFound("no such path"))
        error = MeshforgeError(str(exc.detail))
        error.status = exc.status_code
        return error_response(error)

    app.add_middleware(InternalErrorMiddleware)


class InternalErrorMiddleware:
    """Answers an unexpected exception with the contract's 500 right here.

    Starlette's last-resort handler re-raises after answering, and the server then closes
    the connection, so a keep-alive client's next request would fail with a reset.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self._app(scope, receive, tracking_send)
        except Exception as exc:
            if started:  # half a response went out: only closing the connection is honest
                raise
            await unexpected_error_response(exc)(scope, receive, send)


def unexpected_error_response(exc: BaseException) -> JSONResponse:
    """A database that cannot serve now is a 503 with Retry-After (clients retry); any
    other surprise is a 500 with a reference to find it in the log."""
    if database_unavailable(exc):  # not logged per request: the background loops say it
        return error_response(DatabaseUnavailable())
    return internal_error_response(exc)


def internal_error_response(exc: BaseException) -> JSONResponse:
    reference = secrets.token_hex(6)
    log.error("internal error %s", reference, exc_info=exc)
    return error_response(
        MeshforgeError(f"internal server error (reference {reference}); please try again")
    )
