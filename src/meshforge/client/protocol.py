"""The wire format, free of I/O: request bodies in, typed results or typed errors out.

Shared by the sync and async clients so that both speak the contract identically.
"""

from __future__ import annotations

import email.utils
import json
import os
import time
from collections.abc import Mapping
from typing import Any, Literal, TypedDict

import httpx

from meshforge.client.errors import APIError, ProtocolError, error_class_for_status
from meshforge.client.images import ImageInput, image_to_field

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
BASE_URL_ENV = "MESHFORGE_BASE_URL"
API_KEY_ENV = "MESHFORGE_API_KEY"
POLL_INTERVAL_ENV = "MESHFORGE_POLL_INTERVAL"
GENERATIONS_PATH = "/v1/3d/generations"
MODELS_PATH = "/v1/models"


class SubmitOptions(TypedDict, total=False):
    """The optional fields of `POST /v1/3d/generations`; omitted ones take server defaults."""

    prompt: str
    image: ImageInput
    seed: int
    face_limit: int
    texture_enable: bool
    pbr_enable: bool
    quad: bool
    texture_quality: Literal["standard", "HD"]
    texture_seed: int
    texture_alignment: Literal["original_image", "geometry"]
    auto_size: bool
    output_formats: list[str]
    callback_url: str


def resolve_base_url(base_url: str | None) -> str:
    """The argument, else $MESHFORGE_BASE_URL, else the local default; without '/v1'."""
    url = (base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).strip().rstrip("/")
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"the base URL must start with http:// or https://, not {url!r}")
    return url[: -len("/v1")] if url.endswith("/v1") else url


def resolve_api_key(api_key: str | None) -> str | None:
    """The argument, else $MESHFORGE_API_KEY, else None (requests then get a 401)."""
    return api_key or os.environ.get(API_KEY_ENV) or None


def resolve_poll_interval(poll_interval: float | None, default: float) -> float:
    """The argument, else $MESHFORGE_POLL_INTERVAL, else `default`; must be positive."""
    if poll_interval is None:
        text = os.environ.get(POLL_INTERVAL_ENV, "").strip()
        try:
            poll_interval = float(text) if text else default
        except ValueError:
            raise ValueError(f"{POLL_INTERVAL_ENV} is not a number: {text!r}") from None
    if poll_interval <= 0:
        raise ValueError("the poll interval must be positive")
    return poll_interval


def build_submit_body(model: str, options: SubmitOptions) -> dict[str, Any]:
    """The JSON body for submit, with the image inlined and unset fields left out."""
    body: dict[str, Any] = {"model": model}
    for name, value in options.items():
        if value is None:
            continue
        if name == "image":
            value = image_to_field(value)  # type: ignore[arg-type]
        elif name == "output_formats":
            value = [str(fmt).strip().lower() for fmt in value]  # type: ignore[attr-defined]
        body[name] = value
    return body


def read_envelope(response: httpx.Response) -> dict[str, Any]:
    """The decoded success envelope, or the typed APIError the reply describes."""
    if response.status_code >= 400:
        raise error_from_response(response)
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"HTTP {response.status_code} reply is not JSON") from exc
    if not isinstance(body, dict) or "data" not in body:
        raise ProtocolError("reply has no 'data' member")
    return body


def read_data(response: httpx.Response) -> Any:
    """The `data` member of a success envelope."""
    return read_envelope(response)["data"]


def read_submitted_task_id(response: httpx.Response) -> str:
    """The task id from a submit reply: `data.task_id`, else the top-level echo."""
    body = read_envelope(response)
    data = body.get("data")
    task_id = data.get("task_id") if isinstance(data, dict) else None
    task_id = task_id or body.get("task_id")
    if not task_id:
        raise ProtocolError("submit reply carries no task_id")
    return str(task_id)


def error_from_response(response: httpx.Response) -> APIError:
    """Parse the contract's error envelope (`error.{message,code,type}`) into an APIError."""
    message, code, error_type = _error_fields(response)
    cls = error_class_for_status(response.status_code)
    return cls(
        message or f"HTTP {response.status_code} {response.reason_phrase}".strip(),
        status_code=response.status_code,
        code=code,
        error_type=error_type,
        retry_after=parse_retry_after(response.headers.get("retry-after")),
    )


def _error_fields(response: httpx.Response) -> tuple[str, str, str]:
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return "", "", ""
    if not isinstance(body, dict):
        return "", "", ""
    nested = body.get("error")
    error: dict[str, Any] = nested if isinstance(nested, dict) else {}
    message = error.get("message") or body.get("message") or body.get("detail") or ""
    code = error.get("code") or body.get("code") or ""
    return str(message), str(code), str(error.get("type") or "")


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def api_headers(api_key: str | None, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Headers for a `/v1` request: the bearer key plus any extras."""
    headers = dict(extra or {})
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    return headers


def list_params(status: str | None, limit: int | None, after: str | None) -> dict[str, str]:
    """Query parameters for the task list, leaving out unset ones."""
    params = {"status": status, "limit": None if limit is None else str(limit), "after": after}
    return {name: value for name, value in params.items() if value is not None}


def task_path(task_id: str, suffix: str = "") -> str:
    """The URL path of one task, refusing ids that would change the path."""
    if not task_id or "/" in task_id or task_id in (".", ".."):
        raise ValueError(f"not a task id: {task_id!r}")
    return f"{GENERATIONS_PATH}/{task_id}{suffix}"


def transport_error_message(exc: httpx.TransportError, base_url: str) -> str:
    """A one-line explanation of a network failure."""
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect to {base_url}: {exc or 'connection refused'}"
    if isinstance(exc, httpx.TimeoutException):
        return f"{base_url} did not answer in time ({type(exc).__name__})"
    return f"network error talking to {base_url}: {exc or type(exc).__name__}"
