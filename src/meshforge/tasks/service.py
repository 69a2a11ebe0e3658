"""Submit, read, list and cancel tasks: the use cases behind the HTTP routes.

Routes hand in plain, already shape-checked values; this layer applies the rules that
need the server's state (models, keys, queue, idempotency) and drives the lifecycle.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from meshforge.errors import (
    InvalidRequest,
    ModelNotFound,
    NotFound,
    Overloaded,
    RateLimited,
    Unauthorized,
)
from meshforge.executor.base import Executor
from meshforge.inputs.fetch import fetch_image
from meshforge.inputs.images import ImageLimits, check_image, classify_image_field, decode_data_url
from meshforge.runtime import Runtime
from meshforge.store.keys import hash_secret
from meshforge.store.tasks import WEBHOOK_PENDING, DuplicateIdempotencyKey
from meshforge.tasks.ids import is_task_id, new_task_id
from meshforge.tasks.models import Task
from meshforge.tasks.ratelimit import SubmitRateLimiter, retry_after_seconds
from meshforge.tasks.status import CANCELED_REASON, Status

log = logging.getLogger(__name__)

IDEMPOTENCY_WINDOW_S = 24 * 3600
INVALID_KEY = "invalid or revoked API key"
MAX_SEED = 9_999_999_999


@dataclass(frozen=True)
class TaskView:
    """A task as a client sees it: the row plus its live queue position."""

    task: Task
    queue_position: int | None


class TaskService:
    def __init__(self, runtime: Runtime, executor: Executor) -> None:
        self._rt = runtime
        self._executor = executor
        self._limits = ImageLimits()
        self._rate = SubmitRateLimiter(runtime.settings.submits_per_minute)
        self._fetchers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="image-fetch")

    # ---- submit ------------------------------------------------------------------------

    def submit(self, key_id: int, fields: dict[str, Any], idempotency_key: str | None) -> Task:
        model = self.resolve_model(fields["model"])
        self._check_kind_fields(model, fields)
        callback_url = self._checked_callback_url(fields.get("callback_url"))
        params = {k: v for k, v in fields.items() if k not in ("model", "image", "callback_url")}
        request_hash = _request_hash(model, fields)
        if idempotency_key:
            earlier = self._idempotent_match(key_id, idempotency_key, request_hash)
            if earlier is not None:
                return earlier
        self._check_capacity(key_id)
        task_id = new_task_id()
        image: str | None = fields.get("image")
        input_key = (
            self._store_data_url(task_id, image) if image and image.startswith("data:") else None
        )
        seed = fields["seed"] if fields.get("seed", -1) != -1 else secrets.randbelow(2**32)
        values = {
            "id": task_id,
            "key_id": key_id,
            "model": model,
            "status": Status.NOT_START.value,
            "params": params,
            "seed": seed,
            "submit_time": int(time.time()),
            "expires_at": int(time.time()) + self._rt.settings.retention_s,
            "image_url": image if image and input_key is None else None,
            "input_key": input_key,
            "idempotency_key": idempotency_key or None,
            "request_hash": request_hash,
            "callback_url": callback_url,
            "webhook_state": WEBHOOK_PENDING if callback_url else None,
        }
        try:
            task = self._rt.tasks.create(values)
        except DuplicateIdempotencyKey:  # a concurrent twin won the race
            twin = self._rt.tasks.find_idempotent(key_id, idempotency_key or "")
            assert twin is not None
            return twin
        self._advance(task)
        return self._rt.tasks.get(task_id) or task

    def resolve_model(self, requested: str) -> str:
        model = self._rt.settings.model_aliases.get(requested, requested)
        if model not in self._rt.engines:
            available = ", ".join(self._rt.engines.ids())
            raise ModelNotFound(
                f"model '{requested}' does not exist; available models: {available}"
            )
        return model

    def _check_kind_fields(self, model: str, fields: dict[str, Any]) -> None:
        kind = self._rt.engines.get(model).kind
        if kind == "text-to-3d":
            if not fields.get("prompt"):
                raise InvalidRequest(f"prompt is required for the text-to-3d model {model}")
            if fields.get("image") is not None:
                raise InvalidRequest(
                    f"{model} is a text-to-3d model and takes a prompt, not an image; "
                    "use an image-to-3d model for images"
                )
            if "texture_alignment" in fields:
                raise InvalidRequest("texture_alignment applies to image-to-3d models only")
        elif not fields.get("image"):
            raise InvalidRequest(f"image is required for the image-to-3d model {model}")
        if fields.get("image") is not None:
            classify_image_field(fields["image"])

    def _checked_callback_url(self, url: str | None) -> str | None:
        if url is None:
            return None
        allowed = ("https",) + (("http",) if self._rt.settings.allow_private_callback_urls else ())
        scheme, _, rest = url.partition("://")
        if scheme.lower() not in allowed or not rest or any(c.isspace() for c in url):
            raise InvalidRequest("callback_url must be an https:// URL")
        return url

    def _idempotent_match(self, key_id: int, idem_key: str, request_hash: str) -> Task | None:
        earlier = self._rt.tasks.find_idempotent(key_id, idem_key)
        if earlier is None:
            return None
        if earlier.submit_time < time.time() - IDEMPOTENCY_WINDOW_S:
            self._rt.tasks.release_idempotency_key(earlier.id)
            return None
        if self._rt.tasks.request_hash(earlier.id) != request_hash:
            raise InvalidRequest(
                "this Idempotency-Key was already used with different request fields; "
                "use a new key for a new request"
            )
        return earlier

    def _check_capacity(self, key_id: int) -> None:
        wait = self._rate.take(key_id)
        if wait > 0:
            raise RateLimited(
                f"too many submits: at most {self._rt.settings.submits_per_minute} per minute "
                "per key",
                retry_after=retry_after_seconds(wait),
            )
        waiting = self._rt.tasks.count_in_status(Status.NOT_START, Status.SUBMITTED, Status.QUEUED)
        if waiting >= self._rt.settings.max_queued_tasks:
            raise Overloaded(
                f"the queue is full ({waiting} tasks waiting); try again shortly", retry_after=10
            )

    def _store_data_url(self, task_id: str, image: str) -> str:
        checked = check_image(decode_data_url(image, self._limits), self._limits)
        key = f"inputs/{task_id}/image.{checked.format}"
        self._rt.storage.put(key, checked.data)
        return key

    # ---- lifecycle before the queue ------------------------------------------------------

    def _advance(self, task: Task) -> None:
        """NOT_START -> SUBMITTED -> QUEUED; an image URL is fetched in the background."""
        if task.input_key is None and task.image_url:
            self._fetchers.submit(self._prepare_url_input, task.id, task.image_url)
            return
        if self._rt.tasks.mark_submitted(task.id, task.input_key):
            self._queue(task.id)

    def _queue(self, task_id: str) -> None:
        if self._rt.tasks.mark_queued(task_id):
            self._executor.enqueue(task_id)

    def _prepare_url_input(self, task_id: str, url: str) -> None:
        settings = self._rt.settings
        try:
            data = fetch_image(
                url,
                limits=self._limits,
                allow_private=settings.allow_private_image_urls,
                timeout_s=settings.image_fetch_timeout_s,
            )
            checked = check_image(data, self._limits)
            key = f"inputs/{task_id}/image.{checked.format}"
            self._rt.storage.put(key, checked.data)
        except InvalidRequest as exc:  # every input error the user can act on
            self._rt.tasks.fail(task_id, exc.message)
            return
        except Exception:
            log.exception("preparing the input image of %s failed", task_id)
            self._rt.tasks.fail(task_id, "the image URL could not be fetched; try again later")
            return
        if self._rt.tasks.mark_submitted(task_id, key):
            self._queue(task_id)

    def resume(self) -> None:
        """After a restart: finish preparing tasks that were accepted but not yet queued."""
        for task_id in self._rt.tasks.ids_in_status(Status.NOT_START):
            task = self._rt.tasks.get(task_id)
            if task is not None:
                self._advance(task)

    def close(self) -> None:
        self._fetchers.shutdown(wait=False, cancel_futures=True)

    # ---- reads and cancel ------------------------------------------------------------------

    def _view(self, task: Task) -> TaskView:
        position = self._rt.tasks.queue_position(task) if task.status is Status.QUEUED else None
        return TaskView(task, position)

    def get(self, key_id: int, task_id: str) -> TaskView:
        task = self._rt.tasks.get(task_id, key_id)
        if task is None:
            raise NotFound(f"task {task_id[:80]} not found")
        return self._view(task)

    @property
    def reads_are_local(self) -> bool:
        """True when a task read is an in-process SQLite lookup, not a network call."""
        return self._rt.db.dialect.name == "sqlite"

    def get_with_secret(self, secret: str, task_id: str) -> TaskView:
        """Authenticate and read in one database round trip (the polling hot path)."""
        key_ok, task = self._rt.tasks.get_for_key_hash(hash_secret(secret), task_id)
        if not key_ok:
            raise Unauthorized(INVALID_KEY)
        if task is None or not is_task_id(task_id):
            raise NotFound(f"task {task_id[:80]} not found")
        return self._view(task)

    def list(self, key_id: int, status: Status | None, limit: int, after: str | None) -> list[Task]:
        return self._rt.tasks.list_for_key(key_id, status=status, limit=limit, after=after)

    def cancel(self, key_id: int, task_id: str) -> TaskView:
        view = self.get(key_id, task_id)
        if view.task.is_terminal:
            raise InvalidRequest(
                f"task {task_id} has already finished with status {view.task.status.value}"
            )
        if self._rt.tasks.fail(task_id, CANCELED_REASON):
            self._executor.stop_task(task_id)
            return self.get(key_id, task_id)
        return self.cancel(key_id, task_id)  # it moved meanwhile; look again


def _request_hash(model: str, fields: dict[str, Any]) -> str:
    body = json.dumps({**fields, "model": model}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()
