"""Seconds per stage of one generation, logged per task and kept for the GPU benchmark.

On a GPU, work is queued asynchronously, so each stage boundary waits for the device
(torch.cuda.synchronize) before reading the clock; otherwise the next stage would be
billed for the previous one's kernels.
"""

from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger(__name__)


def _synchronize() -> None:
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_initialized():
        torch.cuda.synchronize()


class StageClock:
    """Marks stage ends: `mark("denoise")` closes the stage that began at the last mark."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def restart(self) -> None:
        self.seconds = {}
        self._last = time.perf_counter()

    def mark(self, stage: str) -> None:
        _synchronize()
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now

    def log(self, model: str) -> None:
        shown = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in self.seconds.items())
        log.info("%s: %s", model, shown)
