"""Run one task: claim -> engine -> outputs -> storage -> SUCCESS or FAILURE."""

from __future__ import annotations

import logging
import re

from meshforge.domain.records import Task
from meshforge.engines.base import EngineInputError, GenerationRequest
from meshforge.engines.learned.device import is_out_of_memory
from meshforge.runtime import Runtime
from meshforge.worker.heartbeat import Heartbeat
from meshforge.worker.outputs import store_outputs
from meshforge.worker.progress import ENGINE_BAND, OUTPUTS_BAND, STARTED, ProgressReporter

log = logging.getLogger(__name__)

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
        try:
            with Heartbeat(store, task_id, self.worker_id, every_s):
                self._run_claimed(task)
        finally:  # a GPU worker keeps its models but gives back the task's cached memory
            self._release_memory(task.model)

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
            if is_out_of_memory(exc):
                log.warning("task %s ran out of accelerator memory in %s", task_id, task.model)
                store.fail(task_id, self._out_of_memory_reason(task), worker_id=self.worker_id)
                return
            log.exception("task %s failed in engine %s", task_id, task.model)
            store.fail(task_id, _internal_reason(task.model, exc), worker_id=self.worker_id)

    def _generate(self, task: Task) -> None:
        progress = ProgressReporter(self._rt.tasks, task.id, self.worker_id)
        progress(STARTED)
        engine = self._rt.engines.get(task.model)
        availability = engine.availability()
        if not availability.available:  # e.g. weights removed while the task waited
            raise EngineInputError(f"model {task.model} is not available: {availability.reason}")
        image = self._rt.storage.get(task.input_key) if task.input_key else None
        request = GenerationRequest.of(task.options, task.seed, image)
        in_engine = progress.within(ENGINE_BAND)
        scene = engine.generate(request, lambda percent, _stage: in_engine(percent))
        outputs, thumbnail, artifacts = store_outputs(
            scene,
            task_id=task.id,
            formats=task.options.output_formats,
            quad=task.options.quad,
            face_limit=request.face_limit or engine.default_face_limit,
            retention_s=self._rt.settings.retention_s,
            storage=self._rt.storage,
            progress=progress.within(OUTPUTS_BAND),
        )
        self._rt.tasks.succeed(task.id, self.worker_id, outputs, thumbnail, artifacts)

    def _out_of_memory_reason(self, task: Task) -> str:
        request = GenerationRequest.of(task.options, task.seed, None)
        advice = self._rt.engines.get(task.model).out_of_memory_advice(request)
        return f"the GPU ran out of memory while generating this model; {advice}"

    def _release_memory(self, model: str) -> None:
        if model in self._rt.engines:
            try:
                self._rt.engines.get(model).release_memory()
            except Exception:  # the next task must still run
                log.exception("releasing the memory of %s failed", model)


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
