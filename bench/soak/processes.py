"""The server's processes as the soak sees them: its workers, their memory, a kill."""

from __future__ import annotations

import os
import random
import signal
from pathlib import Path

from tests.support.processes import children_of, command_line


def worker_pids(server_pid: int) -> list[int]:
    """The server's worker processes (not multiprocessing's resource tracker)."""
    return [pid for pid in children_of(server_pid) if "resource_tracker" not in command_line(pid)]


def rss_mib(pid: int) -> float:
    """Resident memory of one process in MiB (0 if it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def kill_a_worker(server_pid: int, rng: random.Random) -> int | None:
    """SIGKILL one worker chosen at random; returns its pid."""
    pids = worker_pids(server_pid)
    if not pids:
        return None
    victim = rng.choice(pids)
    os.kill(victim, signal.SIGKILL)
    return victim
