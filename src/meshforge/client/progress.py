"""Showing a task's progress in a terminal: a live rich bar, or plain lines in logs."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import IO, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from meshforge.client.models import Task


def format_elapsed(seconds: float) -> str:
    """0:00:07 style, like rich's elapsed column."""
    whole = max(0, int(seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def queue_text(task: Task) -> str:
    """'queue position 3' while the task waits in the queue, else ''."""
    if task.queue_position is None or task.is_terminal:
        return ""
    return f"queue position {task.queue_position}"


def describe(task: Task, elapsed: float) -> str:
    """One line about a task: status, percent, queue position and elapsed time."""
    parts = [f"{task.status.value:<11}", f"{task.progress:>3d}%"]
    if queue := queue_text(task):
        parts.append(queue)
    parts.append(format_elapsed(elapsed))
    return "  ".join(parts)


class ProgressReporter(Protocol):
    """What the CLI feeds each polled task to."""

    def __enter__(self) -> ProgressReporter: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def update(self, task: Task) -> None: ...


class LineReporter:
    """Prints a line whenever status, percent or queue position changes (for logs, CI)."""

    def __init__(self, stream: IO[str], clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._last: tuple[str, int, int | None] | None = None

    def __enter__(self) -> LineReporter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stream.flush()

    def update(self, task: Task) -> None:
        state = (task.status.value, task.progress, task.queue_position)
        if state == self._last:
            return
        self._last = state
        print(describe(task, self._clock() - self._started), file=self._stream, flush=True)


class BarReporter:
    """A live rich progress bar that keeps its elapsed time ticking between polls."""

    def __init__(self, console: Console, label: str) -> None:
        self._progress = Progress(
            SpinnerColumn(finished_text="*"),
            TextColumn("{task.description}"),
            TextColumn("[bold]{task.fields[status]:<11}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[queue]}"),
            TimeElapsedColumn(),
            console=console,
        )
        self._label = label
        self._bar: TaskID | None = None

    def __enter__(self) -> BarReporter:
        self._progress.start()
        self._bar = self._progress.add_task(self._label, total=100, status="SUBMITTED", queue="")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def update(self, task: Task) -> None:
        assert self._bar is not None, "use BarReporter as a context manager"
        self._progress.update(
            self._bar,
            completed=task.progress,
            status=task.status.value,
            queue=queue_text(task),
        )
        if task.is_terminal:
            self._progress.stop_task(self._bar)


class SilentReporter:
    """Shows nothing (--quiet)."""

    def __enter__(self) -> SilentReporter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        return None

    def update(self, task: Task) -> None:
        return None


def make_reporter(console: Console, label: str, quiet: bool) -> ProgressReporter:
    """A bar on a terminal, plain lines when the output goes to a file or pipe."""
    if quiet:
        return SilentReporter()
    if console.is_terminal:
        return BarReporter(console, label)
    return LineReporter(console.file)
