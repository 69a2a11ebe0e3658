"""Typed, immutable results of the client, parsed from the contract's JSON.

Parsing is lenient about additive fields (a Siray server sends fewer [ext] fields than
meshforge) and strict about the ones the contract requires.
"""

from __future__ import annotations

import enum
import pathlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from meshforge.client.errors import ProtocolError


class TaskStatus(enum.StrEnum):
    """A task's status, spelt as on the wire."""

    NOT_START = "NOT_START"
    SUBMITTED = "SUBMITTED"
    QUEUED = "QUEUED"
    IN_PROGRESS = "IN_PROGRESS"
    SUCCESS = "SUCCESS"
    FAILURE = "FAILURE"

    @property
    def is_terminal(self) -> bool:
        return self in (TaskStatus.SUCCESS, TaskStatus.FAILURE)


@dataclass(frozen=True)
class Asset:
    """One output file as the server describes it ([ext] `assets`)."""

    url: str
    format: str
    bytes: int | None = None
    triangles: int | None = None
    vertices: int | None = None


@dataclass(frozen=True)
class Task:
    """A generation task as returned by `GET /v1/3d/generations/{task_id}`."""

    task_id: str
    status: TaskStatus
    progress: int
    outputs: tuple[str, ...] = ()
    submit_time: int = 0
    start_time: int = 0
    finish_time: int = 0
    fail_reason: str = ""
    model: str | None = None
    seed: int | None = None
    queue_position: int | None = None
    thumbnail: str | None = None
    assets: tuple[Asset, ...] = ()
    expires_at: int | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_terminal(self) -> bool:
        return self.status.is_terminal


@dataclass(frozen=True)
class ModelInfo:
    """One model offered by `GET /v1/models`."""

    id: str
    kind: str
    description: str = ""
    parameters: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class TaskPage:
    """One page of `GET /v1/3d/generations`; pass `next_cursor` as `after` for the next."""

    tasks: tuple[Task, ...]
    next_cursor: str | None = None


@dataclass(frozen=True)
class DownloadedFile:
    """An output written to disk by download()."""

    url: str
    path: pathlib.Path
    size: int
    content_type: str = ""


@dataclass(frozen=True)
class GenerationResult:
    """What generate() returns: the finished task and its files on disk."""

    task: Task
    files: tuple[DownloadedFile, ...]


def parse_progress(value: object) -> int:
    """'42%' (or a bare number) -> 42, clamped to 0..100."""
    text = str(value if value is not None else "0").strip().rstrip("%").strip()
    try:
        number = int(float(text)) if text else 0
    except ValueError as exc:
        raise ProtocolError(f"progress is not a percentage: {value!r}") from exc
    return max(0, min(100, number))


def parse_task(data: Mapping[str, Any]) -> Task:
    """Build a Task from the `data` object of a query reply."""
    try:
        task_id = str(data["task_id"])
        status = TaskStatus(str(data["status"]))
    except KeyError as exc:
        raise ProtocolError(f"task without {exc.args[0]!r}") from exc
    except ValueError as exc:
        raise ProtocolError(f"unknown task status {data.get('status')!r}") from exc
    return Task(
        task_id=task_id,
        status=status,
        progress=parse_progress(data.get("progress")),
        outputs=tuple(str(url) for url in data.get("outputs") or ()),
        submit_time=_int(data.get("submit_time")) or 0,
        start_time=_int(data.get("start_time")) or 0,
        finish_time=_int(data.get("finish_time")) or 0,
        fail_reason=str(data.get("fail_reason") or ""),
        model=_str(data.get("model")),
        seed=_int(data.get("seed")),
        queue_position=_int(data.get("queue_position")),
        thumbnail=_str(data.get("thumbnail")),
        assets=tuple(_parse_asset(item) for item in data.get("assets") or ()),
        expires_at=_int(data.get("expires_at")),
        raw=dict(data),
    )


def parse_model(data: Mapping[str, Any]) -> ModelInfo:
    """Build a ModelInfo from one entry of `GET /v1/models`."""
    if "id" not in data:
        raise ProtocolError("model entry without 'id'")
    return ModelInfo(
        id=str(data["id"]),
        kind=str(data.get("kind") or ""),
        description=str(data.get("description") or ""),
        parameters=dict(data.get("parameters") or {}),
    )


def parse_models(data: object) -> list[ModelInfo]:
    """Parse the `data` list of `GET /v1/models`."""
    if not isinstance(data, list):
        raise ProtocolError("models reply is not a list")
    return [parse_model(item) for item in data]


def parse_task_page(data: object) -> TaskPage:
    """Parse a list reply: either a bare list of tasks or an object holding one."""
    if isinstance(data, list):
        return TaskPage(tasks=tuple(parse_task(item) for item in data))
    if not isinstance(data, Mapping):
        raise ProtocolError("task list is neither a list nor an object")
    items = next((data[key] for key in ("tasks", "items", "data") if key in data), None)
    if not isinstance(items, list):
        raise ProtocolError("task list object holds no list of tasks")
    cursor = next(
        (data[key] for key in ("next_cursor", "next_after", "next", "after") if data.get(key)), None
    )
    return TaskPage(
        tasks=tuple(parse_task(item) for item in items),
        next_cursor=str(cursor) if cursor is not None else None,
    )


def _parse_asset(data: Mapping[str, Any]) -> Asset:
    return Asset(
        url=str(data.get("url") or ""),
        format=str(data.get("format") or ""),
        bytes=_int(data.get("bytes")),
        triangles=_int(data.get("triangles")),
        vertices=_int(data.get("vertices")),
    )


def _int(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _str(value: object) -> str | None:
    return None if value is None else str(value)
