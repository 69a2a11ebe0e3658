"""The embedded executor: a pool of worker processes supervised by a thread.

Processes, not threads, because generation is CPU-bound and an engine may crash or hang.
The supervisor restarts dead workers and re-queues what they were running, enforces the
task time limit and stops the work of canceled tasks by killing the process running it.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import threading
import time
import uuid
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any

from meshforge.executor.worker_process import worker_main
from meshforge.runtime import Runtime
from meshforge.tasks.recovery import recover_orphan
from meshforge.tasks.status import CANCELED_REASON, Status
from meshforge.worker.runner import time_limit_reason

log = logging.getLogger(__name__)

SUPERVISE_EVERY_S = 0.2


@dataclass
class _Slot:
    worker_id: str
    process: BaseProcess
    current: Any  # shared char array: the task id being run, b"" when idle
    started: Any  # shared double: when the current task was taken, 0.0 when idle

    def running(self) -> str:
        return bytes(self.current.value).decode()


class LocalExecutor:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._ctx = mp.get_context("spawn")
        self._queue: Any = self._ctx.Queue()
        self._slots: list[_Slot] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._supervise, name="supervisor", daemon=True)
        self._kill_requests: set[str] = set()
        self._lock = threading.Lock()

    # ---- Executor interface ---------------------------------------------------------

    def start(self) -> None:
        self._slots = [self._spawn() for _ in range(self._rt.settings.workers)]
        self._recover_unfinished()
        self._thread.start()

    def enqueue(self, task_id: str) -> None:
        self._queue.put(task_id)

    def stop_task(self, task_id: str) -> None:
        with self._lock:
            self._kill_requests.add(task_id)

    def healthy(self) -> bool:
        return self._thread.is_alive() and all(s.process.is_alive() for s in self._slots)

    def shutdown(self) -> None:
        """A graceful stop: the tasks our workers were running go back to the queue
        without counting an attempt (a crash, by contrast, counts one on restart)."""
        self._stop.set()  # the supervisor must not recover what we stop here
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        # Workers alive now are stopped by us; one that exited on SIGTERM was stopped with
        # the server (e.g. systemd signals the whole group). Any other death was a crash.
        stopping = [s for s in self._slots if s.process.is_alive() or _ended_by_sigterm(s)]
        for slot in self._slots:
            slot.process.terminate()
        for slot in self._slots:
            slot.process.join(timeout=5)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(timeout=5)
        # Only after the workers are gone: none can claim or finish a task meanwhile.
        for slot in stopping:
            self._hand_back(slot)
        self._queue.close()

    def _hand_back(self, slot: _Slot) -> None:
        task_id = slot.running()
        if not task_id:
            return
        try:
            handed_back = self._rt.tasks.hand_back(task_id, slot.worker_id)
        except Exception:  # the database may be gone too: the restart then counts the run
            log.exception("could not hand task %s back to the queue", task_id)
            return
        if handed_back:  # otherwise it had just finished, or was never claimed
            log.info(
                "task %s handed back to the queue (worker %s stopped)", task_id, slot.worker_id
            )

    # ---- workers ---------------------------------------------------------------------

    def _spawn(self) -> _Slot:
        worker_id = f"local-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        current = self._ctx.Array("c", 64)
        started = self._ctx.Value("d", 0.0)
        process = self._ctx.Process(
            target=worker_main,
            args=(worker_id, self._rt.settings.model_dump_json(), self._queue, current, started),
            name=f"meshforge-worker-{worker_id}",
            daemon=True,
        )
        process.start()
        return _Slot(worker_id, process, current, started)

    def _recover_unfinished(self) -> None:
        """After a restart: every IN_PROGRESS row is an orphan of a crash (a graceful
        stop hands its tasks back as QUEUED), SUBMITTED rows still need queueing, and
        QUEUED ids were lost with the old in-memory queue."""
        store, limit = self._rt.tasks, self._rt.settings.max_attempts
        for task_id in store.ids_in_status(Status.IN_PROGRESS):
            recover_orphan(store, task_id, limit, held_by=None)
        for task_id in store.ids_in_status(Status.SUBMITTED):
            store.mark_queued(task_id)
        for task_id in store.ids_in_status(Status.QUEUED):
            self.enqueue(task_id)

    # ---- supervision -------------------------------------------------------------------

    def _supervise(self) -> None:
        while not self._stop.wait(SUPERVISE_EVERY_S):
            try:
                self._supervise_once()
            except Exception:  # a database hiccup must not end supervision
                log.exception("supervisor pass failed")

    def _supervise_once(self) -> None:
        for index, slot in enumerate(self._slots):
            if self._stop.is_set():
                return
            if not slot.process.is_alive():
                self._after_death(slot)
                self._slots[index] = self._spawn()
                continue
            task_id = slot.running()
            if task_id:
                self._check_running(slot, task_id)

    def _after_death(self, slot: _Slot) -> None:
        task_id = slot.running()
        log.warning("worker %s exited (code %s)", slot.worker_id, slot.process.exitcode)
        if not task_id:
            return
        task = self._rt.tasks.get(task_id)
        if task is None:
            return
        # SIGTERM asks a process to stop (an operator, or systemd signalling the whole
        # group before the server's own shutdown runs): not the task's fault, so no attempt.
        if _ended_by_sigterm(slot) and self._rt.tasks.hand_back(task_id, slot.worker_id):
            self.enqueue(task_id)
            return
        if task.status is Status.QUEUED or recover_orphan(
            self._rt.tasks, task_id, self._rt.settings.max_attempts, held_by=slot.worker_id
        ):  # taken from the queue but never claimed
            self.enqueue(task_id)

    def _check_running(self, slot: _Slot, task_id: str) -> None:
        with self._lock:
            kill = task_id in self._kill_requests
            self._kill_requests.discard(task_id)
        limit = self._rt.settings.task_time_limit_s
        started = float(slot.started.value)
        if not kill and started and time.time() - started > limit:
            self._rt.tasks.fail(task_id, time_limit_reason(limit), worker_id=slot.worker_id)
            kill = True
        if not kill:
            task = self._rt.tasks.get(task_id)
            kill = (
                task is not None
                and task.fail_reason == CANCELED_REASON
                and task.worker_id == slot.worker_id
            )
        if kill:
            self._kill(slot)

    def _kill(self, slot: _Slot) -> None:
        pid = slot.process.pid
        if pid is not None and slot.process.is_alive():
            os.kill(pid, signal.SIGKILL)
            slot.process.join(timeout=5)


def _ended_by_sigterm(slot: _Slot) -> bool:
    return slot.process.exitcode == -signal.SIGTERM
