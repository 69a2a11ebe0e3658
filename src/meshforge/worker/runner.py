"""Run one task: claim -> engine -> outputs -> storage -> SUCCESS or FAILURE."""

from __future__ import annotations

import logging
import re

from meshforge.domain.records import Task
from meshforge.engines.base import EngineInputError, GenerationRequest
from meshforge.engines.learned.device import is_out_of_memory
from meshforge.errors import StorageFull
from meshforge.runtime import Runtime
from meshforge.store.db import database_unavailable
from meshforge.worker.heartbeat import Heartbeat
from meshforge.worker.outputs import RunFiles, store_outputs
from meshforge.worker.persist import persist
from meshforge.worker.progress import ENGINE_BAND, OUTPUTS_BAND, STARTED, ProgressReporter

log = logging.getLogger(__name__)

_PATHLIKE = re.compile(r"(/[\w.\-]+){2,}")

STORAGE_FULL_REASON = (
    "storage is full: the server could not save this model's files; "
    "try again later, and tell the operator if it keeps happening"
)


class TaskRunner:
    def __init__(
        self,
        runtime: Runtime,
        worker_id: str,
        time_limit_errors: tuple[type[BaseException], ...] = (),
        claim_patience_s: float = 0.0,
    ) -> None:
        """`time_limit_errors`: what the executor raises inside a task past its limit;
        `claim_patience_s`: how long a claim waits for an unavailable database (a Celery
        worker, whose message is the task's only ride, waits; a local one need not)."""
        self._rt = runtime
        self.worker_id = worker_id
        self._time_limit_errors = time_limit_errors
        self._claim_patience_s = claim_patience_s

    def run(self, task_id: str) -> None:
        """Run a task if it can be claimed; never raises for a task's own failure."""
        store = self._rt.tasks
        try:
            claimed = persist(
                lambda: store.claim(task_id, self.worker_id),
                f"claiming {task_id}",
                for_s=self._claim_patience_s,
            )
        except Exception as exc:
            if not database_unavailable(exc):
                raise
            log.warning("task %s not claimed: the database is unavailable", task_id)
            return  # still QUEUED: dispatched again once the database answers
        if not claimed:
            return  # canceled, already taken, or not queued any more
        task = persist(lambda: store.get(task_id), f"reading task {task_id}")
        assert task is not None
        every_s = self._rt.settings.heartbeat_interval_s
        try:
            with Heartbeat(store, task_id, self.worker_id, every_s):
                self._run_claimed(task)
        finally:  # a GPU worker keeps its models but gives back the task's cached memory
            self._release_memory(task.model)

    def _run_claimed(self, task: Task) -> None:
        """Run and record the outcome; the files of a run that does not stand are removed."""
        files = RunFiles(self._rt.storage, task.id)
        try:
            stood = self._outcome(task, files)
        except BaseException:
            files.remove()
            raise
        if not stood:
            files.remove()

    def _outcome(self, task: Task, files: RunFiles) -> bool:
        """True when this run's SUCCESS was recorded; False when it failed the task or
        its late result was refused (another run holds the task now)."""
        try:
            return self._generate(task, files)
        except EngineInputError as exc:
            reason = str(exc)
        except StorageFull:
            reason = STORAGE_FULL_REASON
        except self._time_limit_errors:
            reason = time_limit_reason(self._rt.settings.task_time_limit_s)
        except Exception as exc:  # the engine's bug must not take the worker down
            reason = self._unexpected_failure_reason(task, exc)
        store = self._rt.tasks
        persist(lambda: store.fail(task.id, reason, worker_id=self.worker_id), "failing a task")
        return False

    def _unexpected_failure_reason(self, task: Task, exc: Exception) -> str:
        if database_unavailable(exc):
            raise exc  # nothing about the task is known to be wrong: let it run again
        if is_out_of_memory(exc):
            log.warning("task %s ran out of accelerator memory in %s", task.id, task.model)
            return self._out_of_memory_reason(task)
        log.exception("task %s failed in engine %s", task.id, task.model)
        return _internal_reason(task.model, exc)

    def _generate(self, task: Task, files: RunFiles) -> bool:
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
            files=files,
            formats=task.options.output_formats,
            quad=task.options.quad,
            face_limit=request.face_limit or engine.default_face_limit,
            retention_s=self._rt.settings.retention_s,
            progress=progress.within(OUTPUTS_BAND),
        )
        stored = persist(
            lambda: self._rt.tasks.succeed(task.id, self.worker_id, outputs, thumbnail, artifacts),
            "recording a result",
        )
        if not stored:
            log.warning(
                "task %s: the late result of worker %s was refused (the task is no longer "
                "its own); its files are removed",
                task.id,
                self.worker_id,
            )
        return stored

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
