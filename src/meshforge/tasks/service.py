"""Submit, read, list and cancel tasks: the use cases behind the HTTP routes.

Routes hand in plain, already shape-checked values; this layer applies the rules that
need the server's state (models, keys, queue, idempotency) and drives the lifecycle.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass

from meshforge.domain.ids import is_task_id, new_task_id
from meshforge.domain.options import ENGINE_OPTIONS, GenerationOptions
from meshforge.domain.records import Task
from meshforge.domain.status import CANCELED_REASON, Status
from meshforge.errors import (
    InvalidRequest,
    ModelNotFound,
    ModelUnavailable,
    Overloaded,
    RateLimited,
    TaskNotFound,
)
from meshforge.executor.base import Executor
from meshforge.inputs.images import classify_image_field
from meshforge.runtime import Runtime
from meshforge.store.tasks import DuplicateIdempotencyKey
from meshforge.store.webhooks import WebhookState
from meshforge.tasks.intake import Intake, StoredImage, fetch_lease_s
from meshforge.tasks.ratelimit import SubmitRateLimiter, retry_after_seconds
from meshforge.tasks.views import TaskView

IDEMPOTENCY_WINDOW_S = 24 * 3600
INVALID_KEY = "invalid or revoked API key"


@dataclass(frozen=True)
class Submission:
    """A submit request whose fields passed their shape rules at the HTTP edge."""

    model: str
    options: GenerationOptions
    seed: int = -1  # -1: the server picks one
    image: str | None = None  # a data: URL or an http(s):// URL
    callback_url: str | None = None

    def request_hash(self, model: str) -> str:
        """Identifies the request for Idempotency-Key checks (the model after aliases)."""
        fields = {
            **self.options.to_json(),
            "model": model,
            "seed": self.seed,
            "image": self.image,
            "callback_url": self.callback_url,
        }
        body = json.dumps(fields, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(body.encode()).hexdigest()


class TaskService:
    def __init__(self, runtime: Runtime, executor: Executor) -> None:
        self._rt = runtime
        self._executor = executor
        self._rate = SubmitRateLimiter(runtime.settings.submits_per_minute)
        self.intake = Intake(runtime, executor)

    # ---- submit ------------------------------------------------------------------------

    def submit(self, key_id: int, submission: Submission, idempotency_key: str | None) -> Task:
        model = self.resolve_model(submission.model)
        self._check_kind_fields(model, submission)
        self._check_engine_options(model, submission.options)
        callback_url = self._checked_callback_url(submission.callback_url)
        request_hash = submission.request_hash(model)
        if idempotency_key:
            earlier = self._idempotent_match(key_id, idempotency_key, request_hash)
            if earlier is not None:
                return earlier
        self._check_capacity(key_id)
        task_id = new_task_id()
        image = submission.image
        inline = image is not None and image.startswith("data:")
        stored = self.intake.store_data_url(task_id, image) if inline and image else None
        now = int(time.time())
        values = {
            "id": task_id,
            "key_id": key_id,
            "model": model,
            "status": Status.NOT_START.value,
            "params": submission.options.to_json(),
            "seed": submission.seed if submission.seed != -1 else secrets.randbelow(2**32),
            "submit_time": now,
            "expires_at": now + self._rt.settings.retention_s,
            "image_url": None if inline else image,
            "input_key": stored.key if stored else None,
            "idempotency_key": idempotency_key or None,
            "request_hash": request_hash,
            "callback_url": callback_url,
            "webhook_state": WebhookState.PENDING.value if callback_url else None,
            # An image URL is fetched by this node; another takes it over past this time.
            "dispatch_due_at": None if inline or not image else now + fetch_lease_s(self._rt),
        }
        try:
            task = self._rt.tasks.create(values)
        except DuplicateIdempotencyKey:  # a concurrent twin won the race
            return self._twin(key_id, idempotency_key or "", request_hash, stored)
        self.intake.advance(task, stored.digest if stored else None, self._cacheable(submission))
        return self._rt.tasks.get(task_id) or task

    def _cacheable(self, submission: Submission) -> bool:
        """Whether the result cache may answer: it asks nothing random of the model."""
        model = self._rt.settings.model_aliases.get(submission.model, submission.model)
        explicit_seed = submission.seed != -1
        return self.intake.cache.may_answer(model, explicit_seed, submission.options.cache)

    def _twin(
        self, key_id: int, idem_key: str, request_hash: str, stored: StoredImage | None
    ) -> Task:
        """The task a concurrent submit with the same Idempotency-Key created first."""
        if stored:  # the twin stored its own copy of the image
            self._rt.storage.delete(stored.key)
        twin = self._idempotent_match(key_id, idem_key, request_hash)
        assert twin is not None
        return twin

    def resolve_model(self, requested: str) -> str:
        """The model id behind an alias, if it exists and can run now."""
        model = self._rt.settings.model_aliases.get(requested, requested)
        engines = self._rt.engines
        if model not in engines:
            available = ", ".join(engines.ids())
            raise ModelNotFound(
                f"model '{requested}' does not exist; available models: {available}"
            )
        availability = engines.get(model).availability()
        if not availability.available:
            raise ModelUnavailable(f"model '{requested}' is not available: {availability.reason}")
        return model

    def _check_kind_fields(self, model: str, submission: Submission) -> None:
        options, image = submission.options, submission.image
        if self._rt.engines.get(model).kind == "text-to-3d":
            if not options.prompt:
                raise InvalidRequest(f"prompt is required for the text-to-3d model {model}")
            if image is not None:
                raise InvalidRequest(
                    f"{model} is a text-to-3d model and takes a prompt, not an image; "
                    "use an image-to-3d model for images"
                )
            if options.texture_alignment is not None:
                raise InvalidRequest("texture_alignment applies to image-to-3d models only")
        elif not image:
            raise InvalidRequest(f"image is required for the image-to-3d model {model}")
        if image is not None:
            classify_image_field(image)

    def _check_engine_options(self, model: str, options: GenerationOptions) -> None:
        taken = self._rt.engines.get(model).engine_options
        for name in ENGINE_OPTIONS:
            if getattr(options, name) is not None and name not in taken:
                raise InvalidRequest(
                    f"{name} is not an option of {model}; GET /v1/models lists the fields "
                    "each model takes"
                )

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

    # ---- lifecycle before the queue ------------------------------------------------------

    def resume(self) -> None:
        self.intake.resume()

    def close(self) -> None:
        self.intake.close()

    # ---- reads and cancel ------------------------------------------------------------------

    def get(self, key_id: int, task_id: str) -> TaskView:
        task = self._rt.tasks.get(task_id, key_id) if is_task_id(task_id) else None
        return self._view(task_id, task)

    def _view(self, task_id: str, task: Task | None) -> TaskView:
        if task is None:
            raise TaskNotFound(task_id)
        position = self._rt.tasks.queue_position(task) if task.status is Status.QUEUED else None
        return TaskView(task, position)

    def list(self, key_id: int, status: Status | None, limit: int, after: str | None) -> list[Task]:
        if after is not None and not is_task_id(after):
            raise InvalidRequest("after must be the id of a task from the previous page")
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
