"""Worker processes, every thread of them, run at a lower CPU priority than the server."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from meshforge.config import Settings
from meshforge.executor.slots import spawn_worker
from tests.support.processes import children_of, command_line
from tests.support.server import start_server


def _niceness(stat_file: Path) -> int:
    fields = stat_file.read_text().rsplit(")", 1)[1].split()
    return int(fields[16])  # field 19 of stat; the first two (pid, comm) are cut off


def _thread_niceness(pid: int) -> list[int]:
    """One value per thread: numerical libraries start their thread pools at import, before
    the worker lowers its priority, and those threads do the heavy work."""
    return [_niceness(task / "stat") for task in Path(f"/proc/{pid}/task").iterdir()]


def test_workers_yield_the_cpu_to_the_api(tmp_path: Path) -> None:
    with start_server(tmp_path, workers=2) as server:
        workers = [
            pid
            for pid in children_of(server.process.pid)
            if "resource_tracker" not in command_line(pid)
        ]
        assert len(workers) == 2
        server_nice = _niceness(Path(f"/proc/{server.process.pid}/stat"))
        for pid in workers:
            threads = _thread_niceness(pid)
            assert len(threads) > 1  # the check would prove nothing on one thread
            assert all(nice >= server_nice + 10 for nice in threads), threads


def test_a_new_worker_is_niced_before_its_imports(tmp_path: Path) -> None:
    """A replaced worker spends its first seconds importing numpy, torch and the engines;
    that must not run at the server's priority either (soak p99 at each restart)."""
    context = multiprocessing.get_context("spawn")
    settings = Settings(data_dir=tmp_path)
    slot = spawn_worker(context, settings.model_dump_json(), "cpu")
    try:
        main_thread = Path(f"/proc/{slot.process.pid}/stat")
        assert not slot.link.poll(0)  # not ready yet: still starting
        assert _niceness(main_thread) >= os.getpriority(os.PRIO_PROCESS, 0) + 10
    finally:
        slot.process.kill()
        slot.process.join(10)
