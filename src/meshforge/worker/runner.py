"""Run one task: claim -> engine -> outputs -> storage -> SUCCESS or FAILURE."""

from __future__ import annotations

import logging
import re
import time

from meshforge.engines.base import EngineInputError, GenerationRequest
from meshforge.runtime import Runtime
from meshforge.tasks.models import Task
from meshforge.worker.heartbeat import Heartbeat
from meshforge.worker.outputs import store_outputs

log = logging.getLogger(__name__)

ENGINE_SHARE = (5, 85)  # the engine's 0..100% maps onto this part of the task's progress
_PATHLIKE = re.compile(r"(/[\w.\-]+){2,}")


class TaskRunner:
    def __init__(
        self,
        runtime: Runtime,
        worker_id: str,
        time_limit_errors: tuple[type[BaseException], ...] = (),
    ) -> None:
        """`time_limit_errors`: what the executor raises inside a task past its limit."""
        self._rt = runtime
        self.worker_id = worker_id
        self._time_limit_errors = time_limit_errors

    def run(self, task_id: str) -> None:
        """Run a task if it can be claimed; never raises for a task's own failure."""
        store = self._rt.tasks
        if not store.claim(task_id, self.worker_id):
            return  # canceled, already taken, or not queued any more
        task = store.get(task_id)
        assert task is not None
        every_s = self._rt.settings.heartbeat_interval_s
        with Heartbeat(store, task_id, self.worker_id, every_s):
            self._run_claimed(task)

    def _run_claimed(self, task: Task) -> None:
        store, task_id = self._rt.tasks, task.id
        try:
            self._generate(task)
        except EngineInputError as exc:
            store.fail(task_id, str(exc), worker_id=self.worker_id)
        except self._time_limit_errors:
            store.fail(
                task_id,
                time_limit_reason(self._rt.settings.task_time_limit_s),
                worker_id=self.worker_id,
            )
        except Exception as exc:  # the engine's bug must not take the worker down
            log.exception("task %s failed in engine %s", task_id, task.model)
            store.fail(task_id, _internal_reason(task.model, exc), worker_id=self.worker_id)

    def _generate(self, task: Task) -> None:
        progress = _ProgressReporter(self._rt, task.id, self.worker_id)
        progress(2)
        engine = self._rt.engines.get(task.model)
        request = self._request_for(task)
        low, high = ENGINE_SHARE

        def engine_progress(percent: int, stage: str) -> None:
            progress(low + (high - low) * max(0, min(100, percent)) // 100)

        scene = engine.generate(request, engine_progress)
        progress(high)
        outputs, thumbnail, artifacts = store_outputs(
            scene,
            task_id=task.id,
            formats=task.params.get("output_formats", ["glb"]),
            quad=bool(task.params.get("quad", False)),
            face_limit=request.face_limit or engine.default_face_limit,
            retention_s=self._rt.settings.retention_s,
            storage=self._rt.storage,
            progress=progress,
        )
        self._rt.tasks.succeed(task.id, self.worker_id, outputs, thumbnail, artifacts)

    def _request_for(self, task: Task) -> GenerationRequest:
        params = task.params
        image = self._rt.storage.get(task.input_key) if task.input_key else None
        return GenerationRequest(
            seed=task.seed,
            prompt=params.get("prompt"),
            image=image,
            face_limit=params.get("face_limit"),
            texture_enable=params.get("texture_enable", True),
            pbr_enable=params.get("pbr_enable", True),
            quad=params.get("quad", False),
            texture_quality=params.get("texture_quality", "standard"),
            texture_seed=params.get("texture_seed"),
            texture_alignment=params.get("texture_alignment", "original_image"),
            auto_size=params.get("auto_size", True),
        )


class _ProgressReporter:
    """Writes progress to the store at most every 0.25 s and only when it rises."""

    def __init__(self, runtime: Runtime, task_id: str, worker_id: str) -> None:
        self._rt, self._task_id, self._worker_id = runtime, task_id, worker_id
        self._last_value = -1
        self._last_write = 0.0

    def __call__(self, percent: int) -> None:
        now = time.monotonic()
        if percent <= self._last_value or now - self._last_write < 0.25:
            return
        self._last_value, self._last_write = percent, now
        self._rt.tasks.set_progress(self._task_id, self._worker_id, percent)


def time_limit_reason(limit_s: float) -> str:
    return (
        f"the task ran longer than the time limit of {limit_s:g} s and was stopped; "
        "try a smaller face_limit or a simpler input"
    )


def _internal_reason(model: str, exc: Exception) -> str:
    detail = _PATHLIKE.sub("<path>", str(exc))[:200] or type(exc).__name__
    return (
        f"the {model} engine failed while generating ({detail}); "
        "try again with another seed or input, and report it if it keeps failing"
    )
