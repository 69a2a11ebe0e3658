"""A small tmpfs mounted for one test (root only), and a ballast file that fills it."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PAGE = 4096  # tmpfs hands out space in pages


@contextmanager
def mounted_tmpfs(path: Path, size_bytes: int) -> Iterator[Path]:
    """Mount a tmpfs of `size_bytes` on `path` (made if needed); unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(path)], check=True
    )
    try:
        yield path
    finally:
        # Lazy: a process that still holds a file there must not keep the mount alive.
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(directory: Path, leave_bytes: int = 0, name: str = "ballast") -> Path:
    """Write a ballast file until the filesystem is full, then free `leave_bytes`
    (rounded down to whole pages); returns the ballast, whose removal frees the space."""
    ballast = directory / name
    fd = os.open(ballast, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        block = 1 << 16
        while block >= 1:  # big writes until one fails, then smaller ones for the rest
            try:
                os.write(fd, b"\0" * block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                block //= 2
    finally:
        os.close(fd)
    size = ballast.stat().st_size
    os.truncate(ballast, max(0, (size // PAGE - leave_bytes // PAGE) * PAGE))
    return ballast


def files_under(directory: Path) -> list[Path]:
    return sorted(path for path in directory.rglob("*") if path.is_file())
