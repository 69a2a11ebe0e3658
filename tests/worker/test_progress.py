"""Progress bands: each stage's 0..100 fills its own part of the task, rising only."""

from __future__ import annotations

from typing import Any, cast

import pytest

from meshforge.store.tasks import TaskStore
from meshforge.worker import progress as progress_module
from meshforge.worker.progress import ENGINE_BAND, OUTPUTS_BAND, STARTED, ProgressReporter


class RecordingStore:
    def __init__(self) -> None:
        self.written: list[int] = []

    def set_progress(self, task_id: str, worker_id: str, percent: int) -> None:
        self.written.append(percent)


@pytest.fixture
def reporter(monkeypatch: pytest.MonkeyPatch) -> tuple[ProgressReporter, RecordingStore]:
    clock = iter(float(second) for second in range(100, 1000))
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: next(clock))
    store = RecordingStore()
    return ProgressReporter(cast(TaskStore, store), "t", "w"), store


def test_bands_follow_each_other_and_stay_below_100() -> None:
    assert STARTED < ENGINE_BAND[0] < ENGINE_BAND[1] == OUTPUTS_BAND[0] < OUTPUTS_BAND[1] < 100


def test_a_stage_fills_its_band_only(reporter: tuple[ProgressReporter, Any]) -> None:
    progress, store = reporter
    engine = progress.within(ENGINE_BAND)
    for percent in (0, 50, 100, 150):
        engine(percent)
    outputs = progress.within(OUTPUTS_BAND)
    outputs(50)
    outputs(100)
    assert store.written == [5, 45, 85, 90, 95]


def test_progress_never_goes_down(reporter: tuple[ProgressReporter, Any]) -> None:
    progress, store = reporter
    for percent in (10, 40, 30, 40, 41):
        progress(percent)
    assert store.written == [10, 40, 41]
