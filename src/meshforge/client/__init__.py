"""Python SDK for meshforge and any server of the Siray 3D generation task API.

from meshforge.client import Client

with Client() as client:  # MESHFORGE_BASE_URL / MESHFORGE_API_KEY from the environment
    result = client.generate("meshforge/text-to-3d", prompt="a chair", output_dir="out")
"""

from meshforge.client.aio import AsyncClient
from meshforge.client.errors import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    BadRequestError,
    MeshforgeClientError,
    NotFoundError,
    OverloadedError,
    PermissionDeniedError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    TaskFailedError,
    TaskNotFinishedError,
    WaitTimeoutError,
)
from meshforge.client.models import (
    Asset,
    DownloadedFile,
    GenerationResult,
    ModelInfo,
    Task,
    TaskPage,
    TaskStatus,
)
from meshforge.client.protocol import SubmitOptions
from meshforge.client.retry import RetryPolicy
from meshforge.client.sync import Client

__all__ = [
    "APIConnectionError",
    "APIError",
    "Asset",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "DownloadedFile",
    "GenerationResult",
    "MeshforgeClientError",
    "ModelInfo",
    "NotFoundError",
    "OverloadedError",
    "PermissionDeniedError",
    "ProtocolError",
    "RateLimitedError",
    "RetryPolicy",
    "ServerError",
    "SubmitOptions",
    "Task",
    "TaskFailedError",
    "TaskNotFinishedError",
    "TaskPage",
    "TaskStatus",
    "WaitTimeoutError",
]
