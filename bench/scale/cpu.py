"""CPU seconds used by each part of the cluster, read from /proc (Linux): what the two
cores went to while a batch ran, which says what bounds the scaling."""

from __future__ import annotations

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None


def _tree(root: int) -> list[int]:
    """`root` and all its descendants."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def cpu_seconds(roots: dict[str, int]) -> dict[str, float]:
    """CPU seconds (user + system) so far of each named process tree, children included."""
    used = {}
    for name, root in roots.items():
        total = 0
        for pid in _tree(root):
            fields = _stat(pid)
            if fields:  # utime, stime, cutime, cstime: fields 14-17 of stat, from 0 here at 11
                total += sum(int(x) for x in fields[11:15])
        used[name] = total / TICKS
    return used


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (all processes, other work included)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    values = [int(x) for x in fields]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / TICKS
