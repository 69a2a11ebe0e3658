"""Typed errors raised by the meshforge client.

Every HTTP error is parsed from the contract's error envelope (`error.message`,
`error.code`, `error.type`), so callers catch a class instead of checking status codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meshforge.client.models import Task


class MeshforgeClientError(Exception):
    """Base of every error the client raises."""


class APIConnectionError(MeshforgeClientError):
    """The server could not be reached or the connection broke mid-request."""


class ProtocolError(MeshforgeClientError):
    """The server answered with something that is not the contract's JSON envelope."""


class APIError(MeshforgeClientError):
    """The server answered with an HTTP error status."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: str = "",
        error_type: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.code = code
        self.error_type = error_type
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"{self.message} (HTTP {self.status_code}, {self.code or 'no code'})"


class BadRequestError(APIError):
    """The request was rejected as invalid (400, 405, 413, 415, 422)."""


class AuthenticationError(APIError):
    """The API key is missing, unknown or revoked (401)."""


class PermissionDeniedError(APIError):
    """The API key may not do this (403)."""


class NotFoundError(APIError):
    """No such task or output for this key (404), or an output that has expired (410)."""


class RateLimitedError(APIError):
    """Too many requests (429); `retry_after` says how long to wait."""


class ServerError(APIError):
    """The server failed (5xx)."""


class OverloadedError(ServerError):
    """The server cannot take more work now (503); `retry_after` says how long to wait."""


class TaskFailedError(MeshforgeClientError):
    """A task ended in FAILURE; `fail_reason` is the server's sentence about why."""

    def __init__(self, task: Task) -> None:
        super().__init__(f"task {task.task_id} failed: {task.fail_reason or 'no reason given'}")
        self.task = task
        self.task_id = task.task_id
        self.fail_reason = task.fail_reason


class TaskNotFinishedError(MeshforgeClientError):
    """Outputs were asked for before the task reached SUCCESS."""

    def __init__(self, task: Task) -> None:
        super().__init__(f"task {task.task_id} has no outputs yet (status {task.status.value})")
        self.task = task


class WaitTimeoutError(MeshforgeClientError, TimeoutError):
    """wait() gave up before the task reached a terminal status."""

    def __init__(self, task_id: str, timeout: float, last_task: Task | None) -> None:
        state = f"last status {last_task.status.value}" if last_task else "no status seen"
        super().__init__(f"task {task_id} did not finish within {timeout:g} s ({state})")
        self.task_id = task_id
        self.timeout = timeout
        self.last_task = last_task


def error_class_for_status(status_code: int) -> type[APIError]:
    """The error class that matches an HTTP error status."""
    if status_code == 401:
        return AuthenticationError
    if status_code == 403:
        return PermissionDeniedError
    if status_code in (404, 410):
        return NotFoundError
    if status_code == 429:
        return RateLimitedError
    if status_code == 503:
        return OverloadedError
    if status_code >= 500:
        return ServerError
    return BadRequestError


RETRYABLE_ERRORS: tuple[type[MeshforgeClientError], ...] = (
    RateLimitedError,
    ServerError,
    APIConnectionError,
)
"""Errors worth retrying after a pause: the server asked us to, or it may recover."""
