"""Worker processes run at a lower CPU priority than the server answering polls."""

from __future__ import annotations

from pathlib import Path

from tests.support.processes import children_of, command_line
from tests.support.server import start_server


def _niceness(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[16])  # field 19 of stat; the first two (pid, comm) are cut off


def test_workers_yield_the_cpu_to_the_api(tmp_path: Path) -> None:
    with start_server(tmp_path, workers=2) as server:
        workers = [
            pid
            for pid in children_of(server.process.pid)
            if "resource_tracker" not in command_line(pid)
        ]
        assert len(workers) == 2
        server_nice = _niceness(server.process.pid)
        assert all(_niceness(pid) >= server_nice + 10 for pid in workers)
