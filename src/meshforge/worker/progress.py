"""A task's progress: the bands each stage fills, and throttled, rising writes.

Each stage reports 0..100 within its own band; only here is it mapped onto the task's
0..99 (100% is written by SUCCESS alone).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from meshforge.store.db import database_unavailable
from meshforge.store.tasks import TaskStore

Band = tuple[int, int]
STARTED = 2  # claimed, inputs being read
ENGINE_BAND: Band = (5, 85)  # the engine builds the model
OUTPUTS_BAND: Band = (85, 95)  # exports and thumbnail

Report = Callable[[int], None]


class ProgressReporter:
    """Writes progress to the store at most every 0.25 s and only when it rises."""

    def __init__(self, store: TaskStore, task_id: str, worker_id: str) -> None:
        self._store, self._task_id, self._worker_id = store, task_id, worker_id
        self._last_value = -1
        self._last_write = 0.0

    def __call__(self, percent: int) -> None:
        now = time.monotonic()
        if percent <= self._last_value or now - self._last_write < 0.25:
            return
        self._last_value, self._last_write = percent, now
        try:
            self._store.set_progress(self._task_id, self._worker_id, percent)
        except Exception as exc:
            if not database_unavailable(exc):
                raise
            # Progress is a hint: the work goes on and a later report writes a higher value.

    def within(self, band: Band) -> Report:
        """A reporter for one stage: its 0..100 fills `band` of the task's progress."""
        low, high = band

        def report(percent: int) -> None:
            self(low + (high - low) * max(0, min(100, percent)) // 100)

        return report
