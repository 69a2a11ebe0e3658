"""The executor interface: how task ids reach workers.

Only a task id crosses it; workers read everything else from the database row, which is
the truth. A local process pool and a Celery executor implement the same calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ExecutorHealth:
    """What /readyz and /metrics tell about the executor; healthy when nothing is wrong."""

    problems: tuple[str, ...] = ()
    workers_ready: int | None = None  # None: the workers run elsewhere (Celery)
    workers_configured: int | None = None
    workers_busy: int | None = None
    worker_restarts: int = 0

    @property
    def healthy(self) -> bool:
        return not self.problems


class Executor(Protocol):
    def start(self) -> None:
        """Start workers (or connect to the broker) and re-enqueue unfinished tasks."""
        ...

    def enqueue(self, task_id: str) -> None:
        """Hand a QUEUED task to some worker, eventually."""
        ...

    def stop_task(self, task_id: str) -> None:
        """Stop work on a task that was made terminal (canceled or timed out)."""
        ...

    def health(self) -> ExecutorHealth:
        """Whether work flows; may also heal what it finds stuck."""
        ...

    def shutdown(self) -> None: ...
