"""One helper for every background loop: do a round of work, wait, repeat until stopped.

The supervisor, the heartbeat, the Celery reaper, retention cleanup and webhook dispatch
all run this way. A round that raises is logged and the next one runs anyway, since a
database hiccup must not end a loop, and `last_round` lets health checks see a loop that
stopped making progress.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

REPEAT_REPORT_S = 60.0  # while rounds keep failing, one line this often


class PeriodicTask:
    def __init__(
        self,
        name: str,
        interval_s: float,
        work: Callable[[], object],
        *,
        wait: Callable[[float], object] | None = None,
        log_failures: bool = True,
    ) -> None:
        """`wait(interval_s)` replaces the plain sleep between rounds (e.g. to wake up
        early on news); `log_failures=False` for loops whose failed round simply retries."""
        self.name, self._interval, self._work = name, interval_s, work
        self._stopped = threading.Event()
        self._wait = wait or self._stopped.wait
        self._log_failures = log_failures
        self._thread: threading.Thread | None = None
        self.last_round = time.monotonic()
        self._failures, self._last_report = 0, 0.0

    def start(self) -> None:
        self.last_round = time.monotonic()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def stop(self, join_s: float = 5.0) -> None:
        self._stopped.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=join_s)

    @property
    def stopping(self) -> bool:
        return self._stopped.is_set()

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def revive(self) -> bool:
        """Start the loop again if its thread died (not after stop); True if it did."""
        if self._stopped.is_set() or self._thread is None or self._thread.is_alive():
            return False
        log.error("background loop %s had stopped; starting it again", self.name)
        self.start()
        return True

    def _run(self) -> None:
        while not self._stopped.is_set():
            self._wait(self._interval)
            if self._stopped.is_set():
                return
            try:
                self._work()
            except Exception:
                self._failed_round()
            else:
                self._succeeded_round()
            self.last_round = time.monotonic()

    def _failed_round(self) -> None:
        """Log the first failure of a streak in full, then one line a minute: a database
        that is away for a while must not flood the log (or block a full stderr pipe)."""
        self._failures += 1
        now = time.monotonic()
        if not self._log_failures:
            return
        if self._failures == 1:
            log.exception("background loop %s: a round failed", self.name)
            self._last_report = now
        elif now - self._last_report >= REPEAT_REPORT_S:
            log.error("background loop %s: %d rounds failed so far", self.name, self._failures)
            self._last_report = now

    def _succeeded_round(self) -> None:
        if self._failures and self._log_failures:
            log.warning(
                "background loop %s: working again after %d failed rounds",
                self.name,
                self._failures,
            )
        self._failures = 0
