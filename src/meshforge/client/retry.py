"""When to try again: the back-off schedule and the polling state machine.

Both are free of I/O so that the sync and async clients share them and tests can drive
them with a fake clock and a seeded random source.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from meshforge.client.errors import (
    RETRYABLE_ERRORS,
    MeshforgeClientError,
    TaskFailedError,
    WaitTimeoutError,
)
from meshforge.client.models import Task, TaskStatus

DEFAULT_POLL_INTERVAL = 5.0
"""Seconds between polls; the contract asks clients to poll every 5-10 s."""


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential back-off with jitter that never retries sooner than Retry-After."""

    base_delay: float = 1.0
    max_delay: float = 60.0
    factor: float = 2.0
    jitter: float = 0.25
    max_retries: int = 2
    """Retries for a single request (wait() retries until its own timeout instead)."""

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds to pause before retry number `attempt` (1-based)."""
        if retry_after is not None and retry_after >= 0:
            # Spread clients that were all told the same Retry-After, but never go early.
            return retry_after * (1.0 + rng.uniform(0.0, self.jitter))
        backoff = min(self.max_delay, self.base_delay * self.factor ** max(0, attempt - 1))
        return backoff * rng.uniform(1.0 - self.jitter, 1.0)


@dataclass
class WaitLoop:
    """Decides, after each poll, whether to stop, how long to sleep, or to give up.

    A successful poll resets the error streak; a retryable error backs off; anything
    else is raised. The overall timeout bounds everything, sleeps included.
    """

    task_id: str
    poll_interval: float
    timeout: float | None
    policy: RetryPolicy
    raise_on_failure: bool = True
    clock: Callable[[], float] = time.monotonic
    rng: random.Random = field(default_factory=random.Random)
    last_task: Task | None = None
    _errors_in_a_row: int = 0
    _started: float = -1.0

    def __post_init__(self) -> None:
        self._started = self.clock()

    def after_task(self, task: Task, retry_after: float | None = None) -> float | None:
        """None when the task is finished (or raises TaskFailedError); else the sleep."""
        self.last_task = task
        self._errors_in_a_row = 0
        if task.status is TaskStatus.FAILURE and self.raise_on_failure:
            raise TaskFailedError(task)
        if task.is_terminal:
            return None
        wanted = max(self.poll_interval, retry_after or 0.0)
        return self.bounded(wanted)

    def after_error(self, error: MeshforgeClientError) -> float:
        """The sleep before polling again, or re-raises `error` if it is not retryable."""
        if not isinstance(error, RETRYABLE_ERRORS):
            raise error
        self._errors_in_a_row += 1
        retry_after = getattr(error, "retry_after", None)
        wanted = self.policy.delay(self._errors_in_a_row, retry_after, self.rng)
        return self.bounded(wanted)

    def elapsed(self) -> float:
        return self.clock() - self._started

    def remaining(self) -> float | None:
        """Seconds left before the timeout; None without one."""
        return None if self.timeout is None else self.timeout - self.elapsed()

    def bounded(self, wanted: float) -> float:
        """Clip a sleep to the time left, raising WaitTimeoutError when none is left."""
        remaining = self.remaining()
        if remaining is None:
            return wanted
        if remaining <= 0:
            raise WaitTimeoutError(self.task_id, self.timeout or 0.0, self.last_task)
        return min(wanted, remaining)


def request_retry_delay(
    policy: RetryPolicy, attempt: int, error: MeshforgeClientError, rng: random.Random
) -> float:
    """The pause before re-sending a single request, or re-raises `error` to give up.

    Gives up on errors that are not retryable, after `policy.max_retries` retries, and
    when the server asks for a pause longer than `policy.max_delay`.
    """
    if not isinstance(error, RETRYABLE_ERRORS) or attempt > policy.max_retries:
        raise error
    retry_after = getattr(error, "retry_after", None)
    if retry_after is not None and retry_after > policy.max_delay:
        raise error
    return policy.delay(attempt, retry_after, rng)
