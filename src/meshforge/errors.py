"""One error tree for the whole service; api/errors.py maps it to HTTP in one place.

Each class carries the contract's error code, its HTTP status and the error type that
Siray's SDKs read from `error.type`. Messages are shown to users verbatim, so they say
what was wrong and what to change, and never contain paths or stack traces.
"""

from __future__ import annotations


class MeshforgeError(Exception):
    """Base of every error a user may see."""

    code = "internal_error"
    status = 500
    type = "api_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidRequest(MeshforgeError):
    """The request is malformed or a field breaks its rule."""

    code = "invalid_request"
    status = 400
    type = "invalid_request_error"


class ModelNotFound(InvalidRequest):
    """The model id is not one the server offers."""

    code = "model_not_found"


class ModelUnavailable(InvalidRequest):
    """The model exists but cannot run now (weights missing, licence, no GPU, upstream)."""

    code = "model_unavailable"


class Unauthorized(MeshforgeError):
    """Missing, malformed, unknown or revoked API key."""

    code = "unauthorized"
    status = 401
    type = "authentication_error"


class NotFound(MeshforgeError):
    """No such resource for this key."""

    code = "not_found"
    status = 404
    type = "not_found_error"


class TaskNotFound(NotFound):
    """No task with this id for this key (another key's task answers exactly the same)."""

    def __init__(self, task_id: str) -> None:
        super().__init__(f"task {task_id[:80]} not found")


class MethodNotAllowed(MeshforgeError):
    """The path exists but not with this HTTP method."""

    code = "method_not_allowed"
    status = 405
    type = "invalid_request_error"


class PayloadTooLarge(MeshforgeError):
    """The body or an input image is over its size limit."""

    code = "payload_too_large"
    status = 413
    type = "invalid_request_error"


class UnsupportedMediaType(MeshforgeError):
    """The body or an input image is of a type we do not accept."""

    code = "unsupported_media_type"
    status = 415
    type = "invalid_request_error"


class Gone(MeshforgeError):
    """An output whose retention period has ended."""

    code = "gone"
    status = 410
    type = "not_found_error"


class RateLimited(MeshforgeError):
    """Too many requests; retry after retry_after seconds."""

    code = "rate_limited"
    status = 429
    type = "rate_limit_error"

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Overloaded(MeshforgeError):
    """The server cannot take more work now; retry after retry_after seconds."""

    code = "overloaded"
    status = 503
    type = "overloaded_error"

    def __init__(self, message: str, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class DatabaseUnavailable(Overloaded):
    """The database cannot be reached or cannot take writes now (a restart, a full disk)."""

    def __init__(self) -> None:
        super().__init__(
            "the database is unavailable at the moment; try again shortly", retry_after=5
        )


class StorageFull(Overloaded):
    """The file store has no space left for new files."""

    def __init__(self) -> None:
        super().__init__("storage is full: the server cannot save files now", retry_after=30)
