"""The supervisor's handle on one worker process: the process and its private pipe."""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess

from meshforge.engines.base import EngineDevice
from meshforge.executor.worker_process import (
    DONE,
    PING,
    READY,
    TOOK,
    worker_main,
    worker_niceness,
)


@dataclass
class WorkerSlot:
    worker_id: str
    process: BaseProcess
    link: Connection
    ready: bool = False  # the worker has opened its runtime and waits for work
    task: str | None = None  # the task id last sent to it, until it reports it done
    assigned_at: float = 0.0  # time.time() when `task` was sent
    awaiting_since: float | None = None  # monotonic time of the oldest unanswered message
    last_heard: float = field(default_factory=time.monotonic)
    broken: bool = False  # the pipe failed: the worker is replaced even if still running

    @property
    def idle(self) -> bool:
        return self.ready and self.task is None and not self.broken

    def alive(self) -> bool:
        return not self.broken and self.process.is_alive()

    def assign(self, task_id: str) -> bool:
        if not self._send(task_id):
            return False
        self.task, self.assigned_at = task_id, time.time()
        return True

    def ping(self) -> None:
        self._send(PING)

    def receive(self) -> None:
        """Apply every message the worker has sent so far."""
        try:
            while self.link.poll():
                kind, task_id = self.link.recv()
                self._on_message(kind, task_id)
        except (EOFError, OSError, ValueError):  # a worker killed mid-message
            self.broken = True

    def silent_for(self, now: float) -> float:
        """How long a message to the worker has gone unanswered (0 when none waits)."""
        return 0.0 if self.awaiting_since is None else now - self.awaiting_since

    def kill(self) -> None:
        pid = self.process.pid
        if pid is not None and self.process.is_alive():
            os.kill(pid, signal.SIGKILL)
            self.process.join(timeout=5)
        self.broken = True

    def close(self) -> None:
        self.link.close()

    def ended_by_sigterm(self) -> bool:
        return self.process.exitcode == -signal.SIGTERM

    def _send(self, message: str) -> bool:
        try:
            self.link.send(message)
        except (OSError, ValueError):
            self.broken = True
            return False
        if self.awaiting_since is None:
            self.awaiting_since = time.monotonic()
        return True

    def _on_message(self, kind: str, task_id: str) -> None:
        self.awaiting_since = None
        self.last_heard = time.monotonic()
        if kind == READY:
            self.ready = True
        elif kind == DONE and task_id == self.task:
            self.task = None
        elif kind == TOOK and task_id != self.task:  # should not happen; trust the worker
            self.task = task_id


def spawn_worker(
    context: SpawnContext, settings_json: str, device: EngineDevice, gpu: int | None = None
) -> WorkerSlot:
    worker_id = f"local-{device}-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    ours, theirs = context.Pipe(duplex=True)
    niceness = worker_niceness()
    process = context.Process(
        target=worker_main,
        args=(worker_id, settings_json, device, theirs, niceness, gpu),
        name=f"meshforge-worker-{worker_id}",
        daemon=True,
    )
    process.start()
    # At once, not in the worker: a new worker spends its first seconds importing numpy,
    # torch and the engines, which would otherwise take the cores from the API (soak p99
    # spiked each time a killed worker was replaced).
    if process.pid is not None:  # always, once started; pid 0 would mean ourselves
        with contextlib.suppress(OSError):  # it died already: the supervisor sees that
            os.setpriority(os.PRIO_PROCESS, process.pid, niceness)
    theirs.close()  # the child holds its own copy; ours must see EOF when it dies
    return WorkerSlot(worker_id, process, ours)
