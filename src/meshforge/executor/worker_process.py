"""The body of one local worker process: take ids from the queue, run them."""

from __future__ import annotations

import ctypes
import logging
import os
import queue
import signal
import time
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from typing import Any

from meshforge.config import Settings
from meshforge.runtime import open_runtime
from meshforge.worker.runner import TaskRunner

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when the server dies, so no worker outlives it."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:  # not Linux: the parent-pid check in the loop still ends us
        pass


def worker_main(
    worker_id: str,
    settings_json: str,
    task_queue: Queue[str],
    current: Any,  # multiprocessing.Array('c') holding the id being run, or empty
    started: Synchronized,  # type: ignore[type-arg]
) -> None:
    die_with_parent()
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us, not Ctrl-C
    settings = Settings.model_validate_json(settings_json)
    runtime = open_runtime(settings)
    runner = TaskRunner(runtime, worker_id)
    while os.getppid() == parent:
        try:
            task_id = task_queue.get(timeout=1.0)
        except queue.Empty:
            continue
        # Publish what we run before claiming it, so the supervisor can recover it if we die.
        current.value = task_id.encode()
        started.value = time.time()
        try:
            runner.run(task_id)
        finally:
            current.value = b""
            started.value = 0.0
