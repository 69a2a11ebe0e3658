"""How wait() watches a task: its event stream where the server offers one, else polls.

meshforge streams a task's changes as Server-Sent Events on
`GET /v1/3d/generations/{task_id}/events` [ext]; a Siray server has no such route. A
WaitSession makes every decision of one wait() and does no I/O, so that the sync and the
async client share it: each round, the client sends the request the session names,
hands it the reply (or the stream's lines, or the error), and sleeps `delay` before the
next round. The rules:

- Follow the stream first. 404, 405 or 501 on the events route, or a reply that is not an
  event stream, means the server has none: poll at the interval instead, and once a poll
  of the same task has answered (so the 404 was about the route, not the task), remember
  that on the client, so that later waits poll straight away.
- A stream that ends or breaks before the terminal event is resumed by reading the task
  once (the task is the source of truth), then by following the stream again: at once
  the first time, with back-off while streams keep dropping without news, and by polling
  for the rest of the wait after MAX_FRUITLESS_DROPS of them.
- Errors are retried as polls' errors are (back-off, Retry-After), and the overall
  timeout bounds everything, a quiet stream included.
- Once a wait has followed a stream, on_update sees each state once, even when a
  reconnected stream or a resuming read repeats it; a server without a stream is polled
  as before, every answer shown.
"""

from __future__ import annotations

import contextlib
import enum
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from meshforge.client.errors import MeshforgeClientError, ProtocolError
from meshforge.client.models import Task, parse_task
from meshforge.client.protocol import parse_retry_after, read_data, task_path
from meshforge.client.retry import WaitLoop
from meshforge.client.sse import EVENT_STREAM, SSEDecoder, is_event_stream

EVENTS_SUFFIX = "/events"
STATUS_EVENT = "status"
NO_STREAM_STATUSES = frozenset({404, 405, 501})
"""What the events route answers on a server without it (Siray's among them)."""

MAX_FRUITLESS_DROPS = 3
"""Streams in a row that end without news before this wait polls instead."""

TIMEOUT_SLACK = 0.1
"""Seconds a stream may outlive the wait's timeout, so that its end finds the time spent."""


class Step(enum.Enum):
    """The request of a round."""

    STREAM = "stream"  # follow the task's events
    READ = "read"  # read the task once (a poll, or the resume after a dropped stream)


@dataclass
class StreamSupport:
    """Per client: whether its server is known to lack the events route."""

    missing: bool = False


class WaitSession:
    """The decisions of one wait(); see the module's docstring for the rules."""

    def __init__(self, loop: WaitLoop, support: StreamSupport) -> None:
        self.loop = loop
        self.result: Task | None = None
        self.delay = 0.0
        self._support = support
        self._streaming = not support.missing  # this wait still uses the stream
        self.step = Step.STREAM if self._streaming else Step.READ
        self._decoder = SSEDecoder()
        self._last_seen: Task | None = None
        self._followed_stream = False  # from then on on_update sees each state once
        self._drops = 0  # streams in a row that ended without news
        self._route_unconfirmed = False  # fell back; not yet sure the route is missing
        self._retry_after: float | None = None

    def request_path(self) -> str:
        suffix = EVENTS_SUFFIX if self.step is Step.STREAM else ""
        return task_path(self.loop.task_id, suffix)

    def request_headers(self) -> dict[str, str]:
        return {"Accept": EVENT_STREAM} if self.step is Step.STREAM else {}

    def request_timeout(self, default: httpx.Timeout) -> httpx.Timeout:
        """A stream's limits, clipped so that a quiet stream cannot outlast the wait."""
        remaining = self.loop.remaining()
        if self.step is not Step.STREAM or remaining is None:
            return default
        limit = max(0.0, remaining) + TIMEOUT_SLACK
        return httpx.Timeout(
            connect=_clip(default.connect, limit),
            read=_clip(default.read, limit),
            write=_clip(default.write, limit),
            pool=_clip(default.pool, limit),
        )

    def stream_opened(self, response: httpx.Response) -> bool:
        """True when the reply is the event stream asked for; its lines go to feed()."""
        if self.step is not Step.STREAM or not response.is_success:
            return False
        if not is_event_stream(response.headers.get("content-type")):
            return False
        self._decoder = SSEDecoder()
        self._retry_after = None
        self._followed_stream = True
        return True

    def feed(self, line: str) -> list[Task]:
        """The task state a line of the stream completes, if any."""
        event = self._decoder.feed(line)
        if event is None or event.event != STATUS_EVENT:
            return []
        try:
            data = json.loads(event.data)
        except ValueError as exc:
            raise ProtocolError("a status event's data is not JSON") from exc
        if not isinstance(data, dict):
            raise ProtocolError("a status event's data is not an object")
        return [parse_task(data)]

    def answer(self, response: httpx.Response) -> list[Task]:
        """The task in a reply that is not a stream (its body read); raises its error."""
        if self.step is Step.STREAM and (
            response.is_success or response.status_code in NO_STREAM_STATUSES
        ):
            self._fall_back_to_polling()
            return []
        data = read_data(response)  # raises the typed error of an HTTP error status
        self._retry_after = parse_retry_after(response.headers.get("retry-after"))
        return [parse_task(data)]

    def is_news(self, task: Task) -> bool:
        """Whether on_update should see this state: every poll, but a stream's once."""
        return not self._followed_stream or task != self._last_seen

    def after_task(self, task: Task) -> bool:
        """Take a state the server showed; True when the wait is over (`result` is set)."""
        if self.step is Step.STREAM and self.is_news(task):
            self._drops = 0
        self._last_seen = task
        poll_delay = self.loop.after_task(task, self._retry_after)  # raises on FAILURE
        if poll_delay is None:
            self.result = task
            return True
        if self.step is Step.READ:
            self._after_read(poll_delay)
        return False

    def after_error(self, error: MeshforgeClientError) -> None:
        """Back off before trying the same request again, or re-raise `error`."""
        self.delay = self.loop.after_error(error)

    @contextlib.contextmanager
    def following_stream(self) -> Iterator[None]:
        """Wraps the reading of a stream's lines: an end or a break there is a drop."""
        # A broken stream (or one quiet past the read timeout) resumes like a closed one.
        with contextlib.suppress(httpx.TransportError):
            yield
        self.stream_ended()

    def stream_ended(self) -> None:
        """The stream closed or broke before the terminal state: resume with one read."""
        self._drops += 1
        if self._drops > MAX_FRUITLESS_DROPS:
            self._streaming = False
        self.step = Step.READ
        self.delay = self.loop.bounded(0.0)  # raises WaitTimeoutError once time is up

    def _after_read(self, poll_delay: float) -> None:
        if self._route_unconfirmed:
            self._support.missing = True  # the task answered, so the route was missing
            self._route_unconfirmed = False
        if not self._streaming:
            self.delay = poll_delay
            return
        self.step = Step.STREAM
        reconnect = 0.0
        if self._drops > 1:
            reconnect = self.loop.policy.delay(self._drops - 1, None, self.loop.rng)
        self.delay = self.loop.bounded(max(reconnect, self._retry_after or 0.0))

    def _fall_back_to_polling(self) -> None:
        self._streaming = False
        self._route_unconfirmed = True
        self.step = Step.READ
        self.delay = 0.0


def _clip(value: float | None, limit: float) -> float:
    return min(math.inf if value is None else value, limit)
