"""The I/O-free half of wait(): the SSE decoder and the stream-or-poll decisions."""

from __future__ import annotations

import json
import random

import httpx
import pytest

from meshforge.client import (
    NotFoundError,
    OverloadedError,
    ProtocolError,
    RetryPolicy,
    Task,
    WaitTimeoutError,
)
from meshforge.client.following import (
    MAX_FRUITLESS_DROPS,
    TIMEOUT_SLACK,
    Step,
    StreamSupport,
    WaitSession,
)
from meshforge.client.retry import WaitLoop
from meshforge.client.sse import ServerSentEvent, SSEDecoder, is_event_stream
from tests.client.test_client_units import FakeClock, task_json

POLL = 5.0
STREAM_HEADERS = {"content-type": "text/event-stream; charset=utf-8"}


def decode(lines: list[str]) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    return [event for line in lines if (event := decoder.feed(line)) is not None]


def test_the_decoder_dispatches_on_blank_lines_and_skips_comments() -> None:
    lines = ["event: status", 'data: {"a": 1}', "", ": keep-alive", ""]
    lines += ["data: first", "data:second", "", "id: 7", "event: other", "data: z", ""]
    lines += ["retry: 50", "event: empty", "", "no-colon-field", "data", ""]
    assert decode(lines) == [
        ServerSentEvent("status", '{"a": 1}'),
        ServerSentEvent("message", "first\nsecond"),
        ServerSentEvent("other", "z", id="7"),
        ServerSentEvent("message", "", id="7"),  # "data" alone is a data line, empty
    ]


def test_event_stream_content_types() -> None:
    assert is_event_stream("text/event-stream")
    assert is_event_stream("Text/Event-Stream; charset=utf-8")
    assert not is_event_stream("application/json")
    assert not is_event_stream(None)


def make_session(support: StreamSupport | None = None, timeout: float | None = 60.0) -> WaitSession:
    loop = WaitLoop(
        task_id="3d_" + "a" * 48,
        poll_interval=POLL,
        timeout=timeout,
        policy=RetryPolicy(base_delay=1.0, max_delay=8.0, jitter=0.0),
        clock=FakeClock(),
        rng=random.Random(0),
    )
    return WaitSession(loop, support or StreamSupport())


def status_lines(status: str, progress: str = "0%") -> list[str]:
    return ["event: status", "data: " + json.dumps(task_json(status, progress=progress)), ""]


def stream_states(session: WaitSession, lines: list[str]) -> list[Task]:
    """What the client does with a stream: open it, feed it, take each state."""
    assert session.stream_opened(httpx.Response(200, headers=STREAM_HEADERS))
    states = [task for line in lines for task in session.feed(line)]
    for task in states:
        session.after_task(task)
    return states


def read_reply(session: WaitSession, status: str, progress: str = "0%") -> Task:
    reply = httpx.Response(200, json={"data": task_json(status, progress=progress)})
    [task] = session.answer(reply)
    return task


def test_a_wait_follows_the_stream_and_ends_on_the_terminal_event() -> None:
    session = make_session()
    assert session.step is Step.STREAM and session.delay == 0.0
    assert session.request_path().endswith("/events")
    assert session.request_headers() == {"Accept": "text/event-stream"}
    lines = [": keep-alive", ""] + status_lines("QUEUED")
    lines += ["event: progress", "data: {}", ""] + status_lines("SUCCESS", "100%")
    states = stream_states(session, lines)
    assert [task.status.value for task in states] == ["QUEUED", "SUCCESS"]
    assert session.result == states[-1]


@pytest.mark.parametrize(
    "reply",
    [
        httpx.Response(404, json={"detail": "Not Found"}),
        httpx.Response(405),
        httpx.Response(501),
        httpx.Response(200, json={"data": task_json()}),
    ],
)
def test_no_stream_means_polling_remembered_once_the_task_answers(reply: httpx.Response) -> None:
    support = StreamSupport()
    session = make_session(support)
    assert not session.stream_opened(reply)
    assert session.answer(reply) == []
    assert (session.step, session.delay) == (Step.READ, 0.0)
    assert not support.missing  # not yet: the 404 may have been about the task
    queued = read_reply(session, "QUEUED")
    assert session.is_news(queued)
    session.after_task(queued)
    assert support.missing and (session.step, session.delay) == (Step.READ, POLL)
    assert session.is_news(queued)  # a poll's every answer reaches on_update, as before
    later = make_session(support)
    assert later.step is Step.READ and not later.request_path().endswith("/events")


def test_an_unknown_task_does_not_mark_the_route_missing() -> None:
    support = StreamSupport()
    session = make_session(support)
    session.answer(httpx.Response(404, json={"error": {"code": "not_found", "message": "x"}}))
    with pytest.raises(NotFoundError):
        session.answer(httpx.Response(404, json={"error": {"code": "not_found", "message": "x"}}))
    assert not support.missing


def test_a_dropped_stream_is_resumed_by_a_read_then_the_stream_with_back_off() -> None:
    session = make_session()
    first = stream_states(session, status_lines("IN_PROGRESS", "10%"))[0]
    delays = []
    for _ in range(MAX_FRUITLESS_DROPS):
        session.stream_ended()
        assert (session.step, session.delay) == (Step.READ, 0.0)
        resumed = read_reply(session, "IN_PROGRESS", "10%")
        assert not session.is_news(resumed)  # on_update saw this state already
        session.after_task(resumed)
        assert session.step is Step.STREAM
        delays.append(session.delay)
        assert stream_states(session, status_lines("IN_PROGRESS", "10%")) == [first]
    assert delays == [0.0, 1.0, 2.0]  # at once, then backing off while nothing changes
    session.stream_ended()
    session.after_task(read_reply(session, "IN_PROGRESS", "10%"))
    assert (session.step, session.delay) == (Step.READ, POLL)  # too many drops: polling


def test_news_on_a_stream_resets_the_drops() -> None:
    session = make_session()
    stream_states(session, status_lines("QUEUED"))
    for progress in ("10%", "20%"):
        session.stream_ended()
        session.after_task(read_reply(session, "QUEUED"))
        assert session.delay == 0.0
        stream_states(session, status_lines("IN_PROGRESS", progress))


def test_a_stream_cannot_outlast_the_wait() -> None:
    session = make_session(timeout=12.0)
    clock = session.loop.clock
    assert isinstance(clock, FakeClock)
    default = httpx.Timeout(30.0, connect=10.0)
    clock.now += 10.0
    limits = session.request_timeout(default)
    assert limits.read == limits.pool == limits.write == pytest.approx(2.0 + TIMEOUT_SLACK)
    assert limits.connect == pytest.approx(2.0 + TIMEOUT_SLACK)
    assert make_session(timeout=None).request_timeout(default) == default
    clock.now += 2.0
    with pytest.raises(WaitTimeoutError):
        session.stream_ended()  # a quiet stream timed out with the wait


def test_errors_on_the_stream_back_off_and_retry_the_stream() -> None:
    session = make_session()
    with pytest.raises(OverloadedError) as caught:
        session.answer(httpx.Response(503, headers={"retry-after": "3"}, json={}))
    session.after_error(caught.value)
    assert (session.step, session.delay) == (Step.STREAM, 3.0)
    with pytest.raises(ProtocolError):
        session.after_error(ProtocolError("garbled"))


def test_a_status_event_must_carry_a_json_object() -> None:
    session = make_session()
    assert session.stream_opened(httpx.Response(200, headers=STREAM_HEADERS))
    session.feed("event: status")
    session.feed("data: not json")
    with pytest.raises(ProtocolError):
        session.feed("")
