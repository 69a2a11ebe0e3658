"""The executor interface: how task ids reach workers.

Only a task id crosses it; workers read everything else from the database row, which is
the truth. A local process pool and a Celery executor implement the same four calls.
"""

from __future__ import annotations

from typing import Protocol


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

    def healthy(self) -> bool: ...

    def shutdown(self) -> None: ...
