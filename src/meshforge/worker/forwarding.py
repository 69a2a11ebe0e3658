"""Run one forwarded task: submit it upstream once, poll it, download the model, then
the same outputs stage as every engine (formats, face limit, thumbnail) and SUCCESS.

Exactly one upstream submit per stage: the row records `submitting` before the request
goes out and the upstream id the moment it comes back, so a forwarder that takes the task
over (after a crash or on another node) polls the recorded id. Only a submit whose answer
was lost is in doubt: it is sent again with the same Idempotency-Key where the provider
honours one (Siray/meshforge), and otherwise the task fails rather than pay twice.

Every wait (poll interval, backoff, Retry-After) ends early when the task is stopped, and
each poll re-reads the row, so a cancel reaches the provider within one poll interval.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import random
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import trimesh

from meshforge.domain.records import Task, UpstreamRun
from meshforge.domain.status import CANCELED_REASON, Status
from meshforge.engines.upstream.engine import Endpoint, UpstreamEngine
from meshforge.engines.upstream.errors import (
    KEY_REFUSED_REASON,
    UpstreamBusy,
    UpstreamError,
    UpstreamKeyRefused,
    UpstreamRejected,
)
from meshforge.engines.upstream.http import ProviderHttp
from meshforge.engines.upstream.job import UpstreamJob
from meshforge.runtime import Runtime
from meshforge.worker.outputs import RunFiles, store_outputs
from meshforge.worker.progress import ENGINE_BAND, OUTPUTS_BAND, ProgressReporter

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_BACKOFF_S = 60.0


class NotHeld(Exception):
    """The row is no longer ours: canceled, or taken over by another forwarder."""


class StopForwarding(Exception):
    """The task ends as FAILURE with this reason."""


@dataclass
class ForwardContext:
    """What every forwarded task of one forwarder shares."""

    runtime: Runtime
    worker_id: str
    http: Callable[[Endpoint], ProviderHttp]
    # The CPU-bound outputs stage runs here, one task at a time: on one thread, since an
    # OpenGL context (thumbnails) stays current on the thread that made it.
    finisher: ThreadPoolExecutor


class ForwardedTask:
    def __init__(self, ctx: ForwardContext, task: Task, stop: asyncio.Event) -> None:
        engine = ctx.runtime.engines.get(task.model)
        assert isinstance(engine, UpstreamEngine)
        self._ctx, self._task, self._engine, self._stop = ctx, task, engine, stop
        self._provider = engine.endpoint.provider
        self._http = ctx.http(engine.endpoint)
        self._run = task.upstream or UpstreamRun(engine.provider or "", since=time.time())
        self._deadline = self._run.since + ctx.runtime.settings.task_time_limit_s
        self._progress = 0
        self._job: UpstreamJob | None = None

    async def run(self) -> None:
        """Forward the task to its end; never raises for the task's own failure."""
        try:
            await self._forward()
        except NotHeld:
            await self._after_release()
        except UpstreamKeyRefused:
            await self._fail(KEY_REFUSED_REASON)
        except UpstreamRejected as exc:
            await self._fail(f"the upstream provider ({self._engine.provider}) rejected it: {exc}")
        except StopForwarding as exc:
            await self._fail(str(exc))
        except Exception as exc:
            log.exception("forwarding task %s failed", self._task.id)
            await self._fail(f"forwarding to {self._engine.provider} failed ({type(exc).__name__})")

    async def _forward(self) -> None:
        self._job = await asyncio.to_thread(self._build_job)
        await self._save()
        stages = self._provider.stages(self._job)
        model_url: str | None = None
        for stage in range(stages):
            upstream_id = await self._submitted(stage)
            model_url = await self._until_done(stage, stages, upstream_id)
        if not model_url:
            raise UpstreamRejected("it reported success but gave no model URL")
        url = model_url
        limit = self._ctx.runtime.settings.upstream_download_max_bytes
        data = await self._retry(lambda: self._http.download(url, limit))
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._ctx.finisher, self._store_result, data, url)

    # ---- submit once --------------------------------------------------------------

    async def _submitted(self, stage: int) -> str:
        """The stage's upstream task id: the recorded one, else from one submit."""
        if len(self._run.ids) > stage:
            return self._run.ids[stage]
        idempotent = self._provider.idempotent_submit
        if self._run.submitting and not idempotent:
            raise StopForwarding(
                f"forwarding stopped while the task was being submitted to "
                f"{self._engine.provider}; it was not sent again so that it cannot run (and "
                "be charged) twice. Submit it again"
            )
        self._run = replace(self._run, submitting=True)
        await self._save()
        previous = self._run.ids[stage - 1] if stage else None
        key = f"meshforge-{self._task.id}-{stage}"
        job = self._current_job()
        upstream_id = await self._retry(
            lambda: self._provider.submit(self._http, job, stage, previous, key),
            unclear_is_fatal=not idempotent,
        )
        self._run = replace(self._run, ids=(*self._run.ids, upstream_id), submitting=False)
        await self._save()
        return upstream_id

    # ---- poll -----------------------------------------------------------------------

    async def _until_done(self, stage: int, stages: int, upstream_id: str) -> str | None:
        job = self._current_job()
        while True:
            poll = await self._retry(
                lambda: self._provider.poll(self._http, job, stage, upstream_id)
            )
            if poll.state == "success":
                return poll.model_url
            if poll.state == "failure":
                raise StopForwarding(
                    f"the upstream provider ({self._engine.provider}) failed the task: "
                    f"{poll.reason}"
                )
            await self._report(stage, stages, poll.progress)
            await self._pause(self._ctx.runtime.settings.upstream_poll_interval_s)

    async def _retry(self, call: Callable[[], Awaitable[T]], unclear_is_fatal: bool = False) -> T:
        """`call`, again after 429s, 5xx, timeouts and dropped connections, until the
        task's time limit: Retry-After when the provider sends it, else backoff."""
        attempt = 0
        while True:
            try:
                return await call()
            except UpstreamBusy as busy:
                if busy.maybe_done and unclear_is_fatal:
                    raise StopForwarding(self._unclear_submit(busy)) from None
                wait = busy.retry_after
                if wait is None:
                    wait = min(MAX_BACKOFF_S, 2.0**attempt) * random.uniform(0.5, 1.0)
                log.info("task %s: %s; again in %.1f s", self._task.id, busy, wait)
                attempt += 1
                await self._pause(wait)

    def _unclear_submit(self, busy: UpstreamBusy) -> str:
        return (
            f"{self._engine.provider} did not confirm the submit ({busy}); it was not sent "
            "again so that the task cannot run (and be charged) twice. Submit it again"
        )

    async def _pause(self, seconds: float) -> None:
        """Sleep (cut short by a stop), give up at the time limit, then check the row."""
        left = self._deadline - time.time()
        if left <= 0 or seconds > left + 1.0:
            limit = self._ctx.runtime.settings.task_time_limit_s
            await self._cancel_upstream()
            raise StopForwarding(
                f"the upstream provider ({self._engine.provider}) did not finish within the "
                f"time limit of {limit:g} s"
            )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), timeout=seconds)
        await self._check_held()

    async def _report(self, stage: int, stages: int, upstream_percent: int) -> None:
        low, high = ENGINE_BAND
        value = low + (high - low) * (stage * 100 + upstream_percent) // (stages * 100)
        if value > self._progress:
            self._progress = value
            store, task_id, me = self._ctx.runtime.tasks, self._task.id, self._ctx.worker_id
            await asyncio.to_thread(store.set_progress, task_id, me, value)

    # ---- the row ----------------------------------------------------------------------

    async def _save(self) -> None:
        store, task_id, me = self._ctx.runtime.tasks, self._task.id, self._ctx.worker_id
        if not await asyncio.to_thread(store.record_upstream, task_id, me, self._run):
            raise NotHeld(task_id)

    async def _check_held(self) -> None:
        row = await asyncio.to_thread(self._ctx.runtime.tasks.get, self._task.id)
        if row is None or row.status is not Status.IN_PROGRESS:
            raise NotHeld(self._task.id)
        if row.worker_id != self._ctx.worker_id:
            raise NotHeld(self._task.id)

    async def _fail(self, reason: str) -> None:
        store, task_id, me = self._ctx.runtime.tasks, self._task.id, self._ctx.worker_id
        await asyncio.to_thread(store.fail, task_id, reason, worker_id=me)

    async def _after_release(self) -> None:
        """A canceled task is canceled upstream too; a taken-over one is left alone."""
        row = await asyncio.to_thread(self._ctx.runtime.tasks.get, self._task.id)
        if row is not None and row.status is Status.FAILURE and row.fail_reason == CANCELED_REASON:
            await self._cancel_upstream()

    async def _cancel_upstream(self) -> None:
        if not self._run.ids or self._job is None:
            return
        stage = len(self._run.ids) - 1
        try:
            await self._provider.cancel(self._http, self._job, stage, self._run.ids[stage])
        except UpstreamError as exc:  # best effort: it may have just finished
            log.info("task %s: canceling upstream failed (%s)", self._task.id, exc)

    # ---- input and outputs (worker threads) ----------------------------------------------

    def _current_job(self) -> UpstreamJob:
        assert self._job is not None
        return self._job

    def _build_job(self) -> UpstreamJob:
        task, engine, storage = self._task, self._engine, self._ctx.runtime.storage
        image = storage.get(task.input_key) if task.input_key else None
        image_format = (task.input_key or "image.png").rsplit(".", 1)[-1]
        return UpstreamJob(
            engine.kind, engine.upstream_model, task.options, task.seed, image, image_format
        )

    def _store_result(self, data: bytes, url: str) -> None:
        rt, task, me = self._ctx.runtime, self._task, self._ctx.worker_id
        scene = load_scene(data, url)
        progress = ProgressReporter(rt.tasks, task.id, me)
        files = RunFiles(rt.storage, task.id)
        outputs, thumbnail, artifacts = store_outputs(
            scene,
            files=files,
            formats=task.options.output_formats,
            quad=task.options.quad,
            face_limit=task.options.face_limit or self._engine.default_face_limit,
            retention_s=rt.settings.retention_s,
            progress=progress.within(OUTPUTS_BAND),
        )
        if not rt.tasks.succeed(task.id, me, outputs, thumbnail, artifacts):
            files.remove()  # the task is no longer ours (canceled or taken over)


def load_scene(data: bytes, url: str) -> trimesh.Scene:
    """The provider's model file as a scene (GLB by its magic, else by the URL's suffix)."""
    suffix = url.split("?", 1)[0].rsplit(".", 1)[-1].lower()
    file_type = "glb" if data[:4] == b"glTF" or suffix not in {"obj", "stl", "ply"} else suffix
    try:
        loaded: Any = trimesh.load(io.BytesIO(data), file_type=file_type, force="scene")
    except Exception as exc:
        raise UpstreamRejected(f"its model file could not be read ({type(exc).__name__})") from None
    if not isinstance(loaded, trimesh.Scene) or loaded.is_empty:
        raise UpstreamRejected("its model file holds no mesh")
    return loaded
