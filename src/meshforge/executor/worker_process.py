"""The body of one local worker process: take ids from its own pipe, run them.

Each worker has a private pipe to the supervisor and nothing else shared: no queue, no
lock, no shared memory. A worker killed at any moment can therefore block no one; the
supervisor sees the pipe's end and the process's exit and replaces it.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
from multiprocessing.connection import Connection

from meshforge.config import Settings
from meshforge.engines.base import EngineDevice
from meshforge.engines.learned.device import go_offline, pin_gpu
from meshforge.runtime import open_runtime
from meshforge.worker.runner import TaskRunner

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
# Generation is batch work; the API answering polls is not. On a small machine a worker
# at normal priority takes the cores from the server's event loop (bench/soak: poll p99).
WORKER_NICENESS = 10

# Supervisor -> worker: a task id, or PING. Worker -> supervisor: (kind, task id or "").
PING = "ping"
READY, PONG, TOOK, DONE = "ready", "pong", "took", "done"


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when the server dies, so no worker outlives it."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:  # not Linux: the parent-pid check in the loop still ends us
        pass


def worker_niceness() -> int:
    """The niceness workers run at: WORKER_NICENESS steps above the calling thread's."""
    return min(os.getpriority(os.PRIO_PROCESS, 0) + WORKER_NICENESS, 19)


def lower_priority(niceness: int) -> None:
    """Set every thread of this process to `niceness`. os.nice() alone changes only the
    calling thread, and the thread pools of numpy/torch exist already: they start at
    import, before this runs, and they do the heavy work. Threads made later inherit it."""
    try:
        threads = [int(tid) for tid in os.listdir("/proc/self/task")]
    except OSError:  # no /proc: at least this thread, and what it starts from now on
        threads = [0]
    for tid in threads:
        with contextlib.suppress(OSError):  # the thread ended since the listing
            os.setpriority(os.PRIO_PROCESS, tid, niceness)


def worker_main(
    worker_id: str,
    settings_json: str,
    device: EngineDevice,
    link: Connection,
    niceness: int,
    gpu: int | None = None,
) -> None:
    """`gpu`: the index of the one GPU this worker uses among those the server sees;
    `niceness`: the one the supervisor gave this process's main thread at its start."""
    die_with_parent()
    lower_priority(niceness)
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us, not Ctrl-C
    go_offline()  # weights come from local folders only, whatever a model asks for
    if gpu is not None:
        pin_gpu(gpu)
    settings = Settings.model_validate_json(settings_json)
    runtime = open_runtime(settings)
    runner = TaskRunner(runtime, worker_id)
    runtime.engines.warm_up(device)  # ready means ready: no model loads on a first task
    link.send((READY, ""))
    while os.getppid() == parent:
        try:
            if not link.poll(1.0):
                continue
            message = link.recv()
        except (EOFError, OSError):  # the supervisor's end is gone: so is the server
            return
        if message == PING:
            link.send((PONG, ""))
            continue
        link.send((TOOK, message))
        runner.run(message)
        link.send((DONE, message))
