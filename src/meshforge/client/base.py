"""Configuration and I/O-free helpers shared by Client and AsyncClient."""

from __future__ import annotations

import contextlib
import enum
import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from meshforge import __version__
from meshforge.client.errors import APIConnectionError, TaskFailedError, TaskNotFinishedError
from meshforge.client.following import StreamSupport, WaitSession
from meshforge.client.models import Task, TaskStatus
from meshforge.client.protocol import (
    api_headers,
    resolve_api_key,
    resolve_base_url,
    resolve_poll_interval,
    transport_error_message,
)
from meshforge.client.retry import DEFAULT_POLL_INTERVAL, RetryPolicy, WaitLoop

DEFAULT_WAIT_TIMEOUT = 1800.0
"""Seconds wait() allows a task by default; generation takes minutes, not hours."""

DEFAULT_REQUEST_TIMEOUT = httpx.Timeout(30.0, connect=10.0)

UpdateCallback = Callable[[Task], Any]
"""Called with every task state wait() sees (the CLI draws its progress bar from it)."""


class Unset(enum.Enum):
    """Marks an argument left out, so that an explicit None can mean 'no limit'."""

    UNSET = 0


UNSET = Unset.UNSET


class ClientBase:
    """Holds the settings; subclasses add the sync or async I/O."""

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        poll_interval: float | None = None,
        wait_timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        retry: RetryPolicy | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.base_url = resolve_base_url(base_url)
        self.api_key = resolve_api_key(api_key)
        self.poll_interval = resolve_poll_interval(poll_interval, DEFAULT_POLL_INTERVAL)
        self.wait_timeout = wait_timeout
        self.retry = retry or RetryPolicy()
        self._rng = rng or random.Random()
        self._stream_support = StreamSupport()  # learnt by the first wait() that asks
        self._user_agent = f"meshforge-client/{__version__} httpx/{httpx.__version__}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return api_headers(self.api_key, extra)

    def _submit_headers(self, idempotency_key: str | None) -> dict[str, str]:
        # A key on every submit makes its retries safe: a repeat returns the same task.
        return self._headers({"Idempotency-Key": idempotency_key or uuid.uuid4().hex})

    def _wait_session(
        self,
        task_id: str,
        poll_interval: float | None,
        timeout: float | None | Unset,
        raise_on_failure: bool,
    ) -> WaitSession:
        loop = WaitLoop(
            task_id=task_id,
            poll_interval=poll_interval or self.poll_interval,
            timeout=self.wait_timeout if timeout is UNSET else timeout,
            policy=self.retry,
            raise_on_failure=raise_on_failure,
            rng=self._rng,
        )
        return WaitSession(loop, self._stream_support)

    def _watch_request(
        self, http: httpx.Client | httpx.AsyncClient, session: WaitSession
    ) -> httpx.Request:
        """The GET of a wait() round: the task's event stream, or the task itself."""
        return http.build_request(
            "GET",
            session.request_path(),
            headers=self._headers(session.request_headers()),
            timeout=session.request_timeout(http.timeout),
        )

    def _connection_error(self, exc: httpx.TransportError) -> APIConnectionError:
        return APIConnectionError(transport_error_message(exc, self.base_url))

    @contextlib.contextmanager
    def _connection_errors(self) -> Iterator[None]:
        """Network failures inside the block become APIConnectionError."""
        try:
            yield
        except httpx.TransportError as exc:
            raise self._connection_error(exc) from exc

    def _http_options(self, timeout: httpx.Timeout | float | None) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "timeout": DEFAULT_REQUEST_TIMEOUT if timeout is None else timeout,
            "headers": {"User-Agent": self._user_agent},
            "follow_redirects": True,
        }


def require_outputs(task: Task) -> None:
    """Raise unless the task succeeded and so has outputs to download."""
    if task.status is TaskStatus.FAILURE:
        raise TaskFailedError(task)
    if task.status is not TaskStatus.SUCCESS:
        raise TaskNotFinishedError(task)
