"""An executor double that only records what it was asked to do."""

from __future__ import annotations

from meshforge.executor.base import ExecutorHealth


class RecordingExecutor:
    def __init__(self) -> None:
        self.enqueued: list[str] = []
        self.stopped: list[str] = []
        self.started = False

    def start(self) -> None:
        self.started = True

    def enqueue(self, task_id: str) -> None:
        self.enqueued.append(task_id)

    def stop_task(self, task_id: str) -> None:
        self.stopped.append(task_id)

    def health(self) -> ExecutorHealth:
        return ExecutorHealth(() if self.started else ("the workers are stopped",))

    def shutdown(self) -> None:
        self.started = False
