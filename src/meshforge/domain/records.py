"""Plain, frozen records of the domain: what the store returns and the API renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from meshforge.domain.options import GenerationOptions
from meshforge.domain.status import TERMINAL, Status


@dataclass(frozen=True)
class Asset:
    """One stored output file of a task."""

    token: str
    format: str
    filename: str
    content_type: str
    bytes: int
    triangles: int
    vertices: int

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Asset:
        return cls(**data)


@dataclass(frozen=True)
class UpstreamRun:
    """A forwarded task at its provider: one upstream task id per stage submitted so far.

    `submitting` is set before a stage's submit is sent and cleared when its id is stored,
    so a forwarder taking the task over knows whether a submit may be in the air.
    """

    provider: str
    ids: tuple[str, ...] = ()
    submitting: bool = False
    since: float = 0.0  # when forwarding began; the task time limit counts from here

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "ids": list(self.ids)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UpstreamRun:
        return cls(**{**data, "ids": tuple(data.get("ids", ()))})


@dataclass(frozen=True)
class Task:
    id: str
    key_id: int
    model: str
    status: Status
    progress: int
    options: GenerationOptions
    seed: int
    submit_time: int
    start_time: int = 0
    finish_time: int = 0
    fail_reason: str = ""
    attempts: int = 0
    worker_id: str | None = None
    image_url: str | None = None
    input_key: str | None = None
    outputs: tuple[Asset, ...] = field(default_factory=tuple)
    thumbnail_token: str | None = None
    expires_at: int = 0
    queued_at: float = 0.0
    callback_url: str | None = None
    webhook_state: str | None = None  # a store.webhooks.WebhookState value
    webhook_attempts: int = 0
    heartbeat_at: float = 0.0
    cache_key: str | None = None  # set once the input is stored (tasks.cache)
    cached: bool = False  # the outputs came from the result cache
    upstream: UpstreamRun | None = None  # set while and after the task is forwarded

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL


@dataclass(frozen=True)
class ApiKey:
    id: int
    name: str
    prefix: str
    created_at: int
    revoked_at: int | None


@dataclass(frozen=True)
class Artifact:
    """What /redirect/{token} serves."""

    token: str
    task_id: str
    storage_key: str
    filename: str
    content_type: str
    expires_at: int
