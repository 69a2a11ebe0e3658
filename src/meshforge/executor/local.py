"""The embedded executor: a pool of worker processes supervised by a thread.

Processes, not threads, because generation is CPU-bound and an engine may crash or hang.
The supervisor reads the QUEUED rows and hands each task id to an idle worker over that
worker's private pipe, so no lock or queue is shared between processes and a process
killed at any moment blocks no one. It restarts dead workers and re-queues what they
were running, replaces workers that stop answering, enforces the task time limit and
stops the work of canceled tasks by killing the process running it.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import threading
import time
from dataclasses import replace
from multiprocessing.connection import wait

from meshforge.background import PeriodicTask
from meshforge.domain.records import Task
from meshforge.domain.status import CANCELED_REASON, Status
from meshforge.executor.base import ExecutorHealth
from meshforge.executor.pools import WorkerPool, pools_for
from meshforge.executor.recovery import queue_stranded, recover_orphan, recover_unfinished
from meshforge.executor.slots import WorkerSlot
from meshforge.executor.upstream import Forwarder, upstream_models
from meshforge.runtime import Runtime
from meshforge.worker.runner import time_limit_reason

log = logging.getLogger(__name__)

SUPERVISE_EVERY_S = 0.2
PING_IDLE_EVERY_S = 2.0  # an idle worker is asked to answer this often
SUPERVISOR_LATE_S = 5.0  # a supervisor pass older than this means supervision is stuck
SWEEP_STRANDED_EVERY_S = 10.0


class LocalExecutor:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._ctx = mp.get_context("spawn")
        self._settings_json = runtime.settings.model_dump_json()
        self._pools = pools_for(runtime)
        self._forwarder = Forwarder(runtime, adopt_orphans=True)  # the only node
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_write, False)
        self._kill_requests: set[str] = set()
        self._lock = threading.Lock()
        self._supervisor = PeriodicTask(
            "supervisor", SUPERVISE_EVERY_S, self._supervise_once, wait=self._wait_for_news
        )
        self._restarts = 0
        self._swept_at = 0.0
        self._idle_with_work_since: float | None = None
        self._health = ExecutorHealth(("the workers are starting",))

    # ---- Executor interface ---------------------------------------------------------

    def start(self) -> None:
        for pool in self._pools:
            pool.slots = [pool.spawn(self._ctx, self._settings_json, i) for i in range(pool.size)]
        settings = self._rt.settings
        recover_unfinished(
            self._rt.tasks,
            settings.max_attempts,
            in_progress_are_orphans=True,
            forwarded=upstream_models(self._rt),
        )
        self._supervisor.start()
        self._forwarder.start()

    def enqueue(self, task_id: str) -> None:
        """The row is already QUEUED; the supervisor and the forwarder read the rows."""
        self._wake()
        self._forwarder.wake()

    def stop_task(self, task_id: str) -> None:
        with self._lock:
            self._kill_requests.add(task_id)
        self._wake()
        self._forwarder.stop_task(task_id)

    def health(self) -> ExecutorHealth:
        """The last pass's findings, plus whether the supervisor itself still runs; a
        supervisor thread that died is started again."""
        late_s = time.monotonic() - self._supervisor.last_round
        found = self._health
        extra: list[str] = []
        if late_s > SUPERVISOR_LATE_S:
            extra.append(f"the supervisor has not run for {late_s:.0f} s")
        if self._supervisor.revive():
            extra.append("the supervisor had stopped and was started again")
        extra.extend(self._forwarder.problems())
        return replace(found, problems=found.problems + tuple(extra)) if extra else found

    def shutdown(self) -> None:
        """A graceful stop: the tasks our workers were running go back to the queue
        without counting an attempt (a crash, by contrast, counts one on restart)."""
        self._supervisor.stop()  # first: it must not recover what we stop here
        self._forwarder.shutdown()  # its tasks go back to the queue, upstream ids kept
        # Workers alive now are stopped by us; one that exited on SIGTERM was stopped with
        # the server (e.g. systemd signals the whole group). Any other death was a crash.
        slots = self._all_slots()
        stopping = [s for s in slots if s.process.is_alive() or s.ended_by_sigterm()]
        for slot in slots:
            slot.process.terminate()
        for slot in slots:
            slot.process.join(timeout=5)
            if slot.process.is_alive():
                slot.kill()
        # Only after the workers are gone: none can claim or finish a task meanwhile.
        for slot in stopping:
            self._hand_back(slot)
        for slot in slots:
            slot.close()
        os.close(self._wake_read)
        os.close(self._wake_write)

    # ---- helpers of start and stop -----------------------------------------------------

    def _hand_back(self, slot: WorkerSlot) -> None:
        if not slot.task:
            return
        try:
            handed_back = self._rt.tasks.hand_back(slot.task, slot.worker_id)
        except Exception:  # the database may be gone too: the restart then counts the run
            log.exception("could not hand task %s back to the queue", slot.task)
            return
        if handed_back:  # otherwise it had just finished, or was never claimed
            log.info("task %s handed back (worker %s stopped)", slot.task, slot.worker_id)

    def _wake(self) -> None:
        # Full: a wake-up is pending anyway. Closed: we are stopped.
        with contextlib.suppress(OSError):
            os.write(self._wake_write, b"!")

    # ---- supervision -------------------------------------------------------------------

    def _wait_for_news(self, timeout_s: float) -> None:
        """Sleep until a worker speaks, a task is enqueued or canceled, or a tick passes."""
        links = [slot.link for slot in self._all_slots() if not slot.broken]
        ready = wait([self._wake_read, *links], timeout=timeout_s)
        if self._wake_read in ready:
            os.read(self._wake_read, 4096)

    def _all_slots(self) -> list[WorkerSlot]:
        return [slot for pool in self._pools for slot in pool.slots]

    def _supervise_once(self) -> None:
        for slot in self._all_slots():
            slot.receive()
        for pool in self._pools:
            self._replace_dead(pool)
        for slot in self._all_slots():
            if slot.task and slot.alive():
                self._check_running(slot, slot.task)
        silent = self._replace_silent()
        self._ping_idle()
        self._sweep_stranded()
        unassigned = sum(self._dispatch(pool) for pool in self._pools)
        self._publish_health(silent, unassigned)

    def _replace_dead(self, pool: WorkerPool) -> None:
        for index, slot in enumerate(pool.slots):
            if slot.alive():
                continue
            if slot.process.is_alive():  # its pipe broke: it can no longer be reached
                slot.kill()
            log.warning("worker %s exited (code %s)", slot.worker_id, slot.process.exitcode)
            self._after_death(slot)
            slot.close()
            pool.slots[index] = pool.spawn(self._ctx, self._settings_json, index)
            self._restarts += 1

    def _after_death(self, slot: WorkerSlot) -> None:
        task_id = slot.task
        if not task_id:
            return
        store = self._rt.tasks
        # SIGTERM asks a process to stop (an operator, or systemd signalling the whole
        # group before the server's own shutdown runs): not the task's fault, so no attempt.
        if slot.ended_by_sigterm() and store.hand_back(task_id, slot.worker_id):
            return
        recover_orphan(store, task_id, self._rt.settings.max_attempts, held_by=slot.worker_id)

    def _check_running(self, slot: WorkerSlot, task_id: str) -> None:
        with self._lock:
            kill = task_id in self._kill_requests
            self._kill_requests.discard(task_id)
        task = self._rt.tasks.get(task_id)
        limit = self._rt.settings.task_time_limit_s
        if not kill and time.time() - slot.assigned_at > limit:
            self._rt.tasks.fail(task_id, time_limit_reason(limit), worker_id=slot.worker_id)
            kill = True
        if not kill and task is not None and task.worker_id == slot.worker_id:
            kill = task.fail_reason == CANCELED_REASON or self._heartbeat_lost(task)
        if kill:
            slot.kill()

    def _heartbeat_lost(self, task: Task) -> bool:
        lease = self._rt.settings.heartbeat_lease_s
        if task.status is not Status.IN_PROGRESS or time.time() - task.heartbeat_at <= lease:
            return False
        log.warning("worker %s sent no heartbeat for %g s; replacing it", task.worker_id, lease)
        return True

    def _replace_silent(self) -> list[str]:
        """Workers that left a message unanswered too long are stuck: kill them (they are
        replaced on the next pass, and a task they never claimed stays QUEUED)."""
        now, limit = time.monotonic(), self._rt.settings.dispatch_stall_s
        found = []
        for slot in self._all_slots():
            silent_s = slot.silent_for(now)
            if silent_s > limit and slot.alive():
                found.append(f"worker {slot.worker_id} did not answer for {silent_s:.0f} s")
                log.warning("%s; replacing it", found[-1])
                slot.kill()
        return found

    def _sweep_stranded(self) -> None:
        """Queue what a database blip left short of the queue (dispatch reads the rows)."""
        now = time.monotonic()
        if now - self._swept_at >= SWEEP_STRANDED_EVERY_S:
            self._swept_at = now
            queue_stranded(self._rt.tasks)

    def _ping_idle(self) -> None:
        now = time.monotonic()
        for slot in self._all_slots():
            quiet = slot.awaiting_since is None and now - slot.last_heard >= PING_IDLE_EVERY_S
            if slot.idle and quiet:
                slot.ping()

    def _dispatch(self, pool: WorkerPool) -> int:
        """Send the pool's oldest QUEUED tasks to its idle workers; returns how many were
        left over while a worker stayed idle (0 when work flows)."""
        idle = [slot for slot in pool.slots if slot.idle and slot.alive()]
        if not idle:
            return 0
        assigned = {slot.task for slot in self._all_slots() if slot.task}
        queued = pool.queued_ids(self._rt.tasks, limit=len(idle) + len(assigned))
        waiting = [task_id for task_id in queued if task_id not in assigned]
        sent = sum(slot.assign(task_id) for slot, task_id in zip(idle, waiting, strict=False))
        return len(waiting) - sent if any(slot.idle for slot in idle) else 0

    def _publish_health(self, silent: list[str], unassigned: int) -> None:
        now = time.monotonic()
        problems = list(silent)
        for pool in self._pools:
            if pool.ready_count() < pool.size:
                problems.append(
                    f"{pool.ready_count()} of {pool.size} {pool.device} workers are ready"
                )
        if unassigned:
            self._idle_with_work_since = self._idle_with_work_since or now
            waited = now - self._idle_with_work_since
            if waited > self._rt.settings.dispatch_stall_s:
                problems.append(f"tasks have waited {waited:.0f} s while workers were idle")
        else:
            self._idle_with_work_since = None
        ready = sum(pool.ready_count() for pool in self._pools)
        size = sum(pool.size for pool in self._pools)
        busy = sum(1 for slot in self._all_slots() if slot.task)
        self._health = ExecutorHealth(tuple(problems), ready, size, busy, self._restarts)
