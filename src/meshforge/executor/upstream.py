"""The forwarder: where forwarded tasks run, in the server process, not in a worker.

A forwarded task spends minutes waiting on a provider and nothing on the CPU, so it gets
no worker process: one asyncio loop on one thread carries every forwarded task of this
node (up to MESHFORGE_UPSTREAM_MAX_IN_FLIGHT at once), and only the short outputs stage
goes to a thread. It runs beside the API on every API node, in the embedded mode and the
scale-out mode alike (a Celery worker would hold a whole process per waiting task).

Several nodes may run forwarders on one database, so every step is a compare-and-set on
the row: a QUEUED task is claimed (QUEUED -> IN_PROGRESS under this forwarder's id), a
held task's heartbeat is renewed for all held tasks in one UPDATE, and a task whose
holder's heartbeat is older than the lease is taken over (holder changed only if it is
still the stale one) and resumes polling its recorded upstream id: no attempt counted,
nothing submitted again. In the embedded mode the server is the only node, so after a
restart every IN_PROGRESS forwarded task is adopted at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

from meshforge.domain.status import Status
from meshforge.engines.upstream.engine import Endpoint, UpstreamEngine
from meshforge.engines.upstream.errors import KEY_REFUSED_REASON, UpstreamError, UpstreamKeyRefused
from meshforge.engines.upstream.http import ProviderHttp
from meshforge.runtime import Runtime
from meshforge.worker.forwarding import ForwardContext, ForwardedTask

log = logging.getLogger(__name__)

DISPATCH_EVERY_S = 0.5
STORE_THREADS = 16  # database reads and writes of the forwarded tasks


def upstream_models(runtime: Runtime) -> list[str]:
    return runtime.engines.ids_on("upstream")


class Forwarder:
    def __init__(self, runtime: Runtime, *, adopt_orphans: bool) -> None:
        """`adopt_orphans`: this node is the only one (embedded), so forwarded tasks left
        IN_PROGRESS by an earlier run of it are taken over at start without waiting."""
        self._rt = runtime
        self._adopt = adopt_orphans
        self.worker_id = f"forwarder-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._models = upstream_models(runtime)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._news: asyncio.Event | None = None
        self._stopping: asyncio.Event | None = None
        self._running: dict[str, tuple[asyncio.Task[None], asyncio.Event]] = {}
        self._clients: dict[str, ProviderHttp] = {}

    @property
    def needed(self) -> bool:
        return bool(self._models)

    # ---- called from other threads ---------------------------------------------------

    def start(self) -> None:
        if not self.needed:
            return
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), name="forwarder")
        self._thread.daemon = True
        self._thread.start()
        ready.wait(10)

    def wake(self) -> None:
        """Something was queued: look at the rows now."""
        self._call_soon(lambda: self._news.set() if self._news else None)

    def stop_task(self, task_id: str) -> None:
        """A held task was made terminal (canceled): its coroutine notices at once."""
        self._call_soon(
            lambda: self._running[task_id][1].set() if task_id in self._running else None
        )

    def in_flight(self) -> int:
        return len(self._running)

    def problems(self) -> tuple[str, ...]:
        if self.needed and (self._thread is None or not self._thread.is_alive()):
            return ("the upstream forwarder has stopped",)
        return ()

    def shutdown(self) -> None:
        """Stop forwarding; held tasks go back to the queue (no attempt counted) and any
        forwarder resumes them from their recorded upstream ids."""
        if self._thread is None:
            return
        self._call_soon(lambda: self._stopping.set() if self._stopping else None)
        self._thread.join(timeout=15)

    def _call_soon(self, callback: Callable[[], object]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # closed meanwhile
                loop.call_soon_threadsafe(callback)

    # ---- the loop ---------------------------------------------------------------------

    def _serve(self, ready: threading.Event) -> None:
        asyncio.run(self._main(ready))

    async def _main(self, ready: threading.Event) -> None:
        self._loop, self._news, self._stopping = (
            asyncio.get_running_loop(),
            asyncio.Event(),
            asyncio.Event(),
        )
        self._loop.set_default_executor(ThreadPoolExecutor(STORE_THREADS, "forwarder-io"))
        finisher = ThreadPoolExecutor(1, "forwarder-outputs")
        ctx = ForwardContext(self._rt, self.worker_id, self._client, finisher)
        ready.set()
        loops = [
            asyncio.create_task(self._dispatch(ctx)),
            asyncio.create_task(self._keep_leases(ctx)),
            asyncio.create_task(self._probe_providers()),
        ]
        await self._stopping.wait()
        for job in loops + [task for task, _ in self._running.values()]:
            job.cancel()
        await asyncio.gather(
            *loops, *(t for t, _ in self._running.values()), return_exceptions=True
        )
        await asyncio.to_thread(self._hand_back_all)
        for client in self._clients.values():
            await client.close()
        finisher.shutdown(wait=False, cancel_futures=True)

    def _client(self, endpoint: Endpoint) -> ProviderHttp:
        if endpoint.name not in self._clients:
            self._clients[endpoint.name] = ProviderHttp(
                endpoint.base_url, endpoint.api_key, endpoint.provider.error_message
            )
        return self._clients[endpoint.name]

    async def _dispatch(self, ctx: ForwardContext) -> None:
        """Claim QUEUED forwarded tasks (and adopt orphans once) while there is room."""
        if self._adopt:
            for task_id in await asyncio.to_thread(self._orphans):
                await self._take(ctx, task_id, claimed=False)
        while True:
            room = self._rt.settings.upstream_max_in_flight - len(self._running)
            if room > 0:
                with _logged("claiming queued tasks"):
                    for task_id in await asyncio.to_thread(self._queued, room):
                        await self._take(ctx, task_id, claimed=True)
            assert self._news is not None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._news.wait(), DISPATCH_EVERY_S)
            self._news.clear()

    async def _take(self, ctx: ForwardContext, task_id: str, *, claimed: bool) -> None:
        """Hold the task (claim a QUEUED one, or take over an orphan) and forward it."""
        store = self._rt.tasks
        if claimed and not await asyncio.to_thread(store.claim, task_id, self.worker_id):
            return
        task = await asyncio.to_thread(store.get, task_id)
        if task is None or task.worker_id != self.worker_id or task_id in self._running:
            return
        stop = asyncio.Event()
        job = asyncio.create_task(ForwardedTask(ctx, task, stop).run(), name=f"forward-{task_id}")
        self._running[task_id] = (job, stop)
        job.add_done_callback(lambda _: self._running.pop(task_id, None))

    def _queued(self, limit: int) -> list[str]:
        return self._rt.tasks.ids_in_status(Status.QUEUED, limit=limit, models=self._models)

    def _orphans(self) -> list[str]:
        """Forwarded tasks left IN_PROGRESS by an earlier run of this (only) node."""
        store, adopted = self._rt.tasks, []
        for task_id in store.ids_in_status(Status.IN_PROGRESS, models=self._models):
            task = store.get(task_id)
            stale = time.time() + 1  # whatever its heartbeat: its holder died with the server
            if task and store.take_over(
                task_id, self.worker_id, holder=task.worker_id, stale=stale
            ):
                adopted.append(task_id)
        return adopted

    async def _keep_leases(self, ctx: ForwardContext) -> None:
        """Renew our leases; take over forwarded tasks whose holder's lease ran out."""
        settings = self._rt.settings
        while True:
            with _logged("renewing leases"):
                await asyncio.to_thread(self._rt.tasks.renew_leases, self.worker_id)
                for task_id in await asyncio.to_thread(self._expired_leases):
                    log.warning("taking over forwarded task %s from a silent forwarder", task_id)
                    await self._take(ctx, task_id, claimed=False)
            await asyncio.sleep(min(settings.heartbeat_interval_s, settings.heartbeat_lease_s / 3))

    def _expired_leases(self) -> list[str]:
        stale = time.time() - self._rt.settings.heartbeat_lease_s
        taken = []
        for task in self._rt.tasks.stale_in_progress(stale):
            if task.model not in self._models or task.worker_id == self.worker_id:
                continue
            if self._rt.tasks.take_over(
                task.id, self.worker_id, holder=task.worker_id, stale=stale
            ):
                taken.append(task.id)
        return taken

    def _hand_back_all(self) -> None:
        store = self._rt.tasks
        for task_id in store.ids_in_status(Status.IN_PROGRESS, models=self._models):
            task = store.get(task_id)
            if task is not None and task.worker_id == self.worker_id:
                store.hand_back(task_id, self.worker_id)

    async def _probe_providers(self) -> None:
        """Ask each provider a cheap question now and then: GET /v1/models lists a model
        as unavailable while its provider does not answer or refuses the key."""
        endpoints = {e.endpoint.name: e.endpoint for e in self._engines()}
        while True:
            await asyncio.gather(*(self._probe(endpoint) for endpoint in endpoints.values()))
            await asyncio.sleep(self._rt.settings.upstream_probe_interval_s)

    async def _probe(self, endpoint: Endpoint) -> None:
        if not endpoint.api_key:
            return
        try:
            await endpoint.provider.probe(self._client(endpoint))
        except UpstreamKeyRefused:
            endpoint.health.record(False, KEY_REFUSED_REASON)
        except UpstreamError as exc:
            endpoint.health.record(False, f"the upstream provider did not answer ({exc})")
        else:
            endpoint.health.record(True)

    def _engines(self) -> list[UpstreamEngine]:
        found = [self._rt.engines.get(model_id) for model_id in self._models]
        return [engine for engine in found if isinstance(engine, UpstreamEngine)]


@contextlib.contextmanager
def _logged(doing: str) -> Iterator[None]:
    """A failed round (say, a database hiccup) is logged and the loop goes on."""
    try:
        yield
    except Exception:
        log.exception("forwarder: %s failed; trying again", doing)
