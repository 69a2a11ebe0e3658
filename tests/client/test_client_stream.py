"""wait() follows a task's event stream, and polls when the server offers none.

Against the real server (fixture engines), directly or through a real proxy that hides
the events route or cuts its streams.
"""

from __future__ import annotations

import asyncio
import pathlib
import time

import pytest

from meshforge.client import AsyncClient, Client, NotFoundError, Task, TaskStatus
from tests.client.conftest import FAST_POLL
from tests.client.events_proxy import EventsProxy
from tests.support.server import RunningServer

SLOW_POLL = 10.0
"""A poll interval that polling must sit out at least once for a 0.4 s task."""

UNKNOWN_TASK = "3d_" + "0" * 48


@pytest.fixture
def warm_server(server: RunningServer) -> RunningServer:
    """The server after both its workers ran a task: a cold worker takes seconds to start."""
    with Client(server.base_url, server.api_key, poll_interval=FAST_POLL) as client:
        ids = [client.submit("test/cube", prompt=f"warm-up {n}") for n in range(2)]
        for task_id in ids:
            client.wait(task_id)
    return server


def assert_each_state_once(seen: list[Task], final: Task) -> None:
    assert seen and seen[-1] == final
    assert all(earlier != later for earlier, later in zip(seen, seen[1:], strict=False)), seen
    assert [task.progress for task in seen] == sorted(task.progress for task in seen)


def test_generate_returns_as_soon_as_the_task_is_done(
    warm_server: RunningServer, tmp_path: pathlib.Path
) -> None:
    server = warm_server
    seen: list[Task] = []
    with Client(server.base_url, server.api_key, poll_interval=SLOW_POLL) as client:
        started = time.monotonic()
        result = client.generate(
            "test/cube", prompt="a cube", output_dir=tmp_path, on_update=seen.append
        )
        took = time.monotonic() - started
    assert result.task.status is TaskStatus.SUCCESS
    assert took < SLOW_POLL / 2, took  # a poll would have come SLOW_POLL after the first
    assert result.files[0].path.read_bytes()[:4] == b"glTF"
    assert len(seen) >= 2  # the states on the way, not only the last
    assert_each_state_once(seen, result.task)


def test_the_async_client_returns_as_soon_as_the_tasks_are_done(
    warm_server: RunningServer,
) -> None:
    server = warm_server
    seen: list[Task] = []

    async def record(task: Task) -> None:
        await asyncio.sleep(0)
        seen.append(task)

    async def run() -> tuple[list[Task], float]:
        async with AsyncClient(server.base_url, server.api_key, poll_interval=SLOW_POLL) as c:
            started = time.monotonic()
            ids = [await c.submit("test/cube", prompt=f"cube {n}") for n in range(2)]
            tasks = await asyncio.gather(c.wait(ids[0], on_update=record), c.wait(ids[1]))
            return list(tasks), time.monotonic() - started

    tasks, took = asyncio.run(run())
    assert [task.status for task in tasks] == [TaskStatus.SUCCESS] * 2
    assert took < SLOW_POLL / 2, took
    assert_each_state_once(seen, tasks[0])


@pytest.mark.parametrize("answer", [404, 405, 501, 200])
def test_a_server_without_the_events_route_is_polled_and_asked_once(
    server: RunningServer, tmp_path: pathlib.Path, answer: int
) -> None:
    # 200 here is a JSON reply: not an event stream, so no stream either.
    with EventsProxy(server.base_url, [], events_status=answer) as proxy:
        with Client(proxy.base_url, server.api_key, poll_interval=FAST_POLL) as client:
            first = client.wait(client.submit("test/cube", prompt="one"))
            second = client.generate("test/cube", prompt="two", output_dir=tmp_path)
        events, reads = proxy.events_seen(), proxy.reads_seen()
    assert first.status is second.task.status is TaskStatus.SUCCESS
    assert second.files[0].path.read_bytes()[:4] == b"glTF"
    assert events == [answer]  # the client remembered that there is no stream
    assert reads >= 4  # each wait polled until the task was done


def test_an_unknown_task_is_not_found_and_the_stream_is_still_used(
    server: RunningServer,
) -> None:
    with EventsProxy(server.base_url, []) as proxy:
        with Client(proxy.base_url, server.api_key, poll_interval=SLOW_POLL) as client:
            with pytest.raises(NotFoundError):
                client.wait(UNKNOWN_TASK)
            task = client.wait(client.submit("test/cube", prompt="a cube"))
        events = proxy.events_seen()
    assert task.status is TaskStatus.SUCCESS
    # The 404 was about the task, not the route: the next wait followed the stream.
    assert events == [404, 200]


@pytest.mark.parametrize("cut_streams", [1, 1000], ids=["first-stream", "every-stream"])
def test_a_stream_cut_after_its_first_event_still_ends_in_the_final_state(
    server: RunningServer, cut_streams: int
) -> None:
    seen: list[Task] = []
    with EventsProxy(server.base_url, [], cut_after=1, cut_streams=cut_streams) as proxy:
        with Client(proxy.base_url, server.api_key, poll_interval=SLOW_POLL) as client:
            task = client.wait(client.submit("test/slow", prompt="1.5"), on_update=seen.append)
        events, reads, cuts = proxy.events_seen(), proxy.reads_seen(), proxy.cuts
    assert task.status is TaskStatus.SUCCESS and task.progress == 100
    assert cuts >= 1 and reads >= 1  # cut, then resumed by reading the task
    assert_each_state_once(seen, task)
    if cut_streams == 1:
        assert events == [200, 200] and reads == 1  # one resume, then the stream again
