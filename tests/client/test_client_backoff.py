"""wait(), submit() and download() ride out 429, 503 and dropped connections.

A real proxy in front of the real server misbehaves for the first requests, then forwards.
"""

from __future__ import annotations

import dataclasses
import pathlib

from meshforge.client import Client, RetryPolicy, TaskStatus
from tests.client.conftest import FAST_POLL
from tests.client.faulty_proxy import Fault, FaultyProxy
from tests.support.server import RunningServer

# Short back-off steps so that the tests stay fast; Retry-After still rules when given.
QUICK_RETRY = RetryPolicy(base_delay=0.2, max_delay=5.0, max_retries=3)


def is_query(method: str, path: str) -> bool:
    return method == "GET" and path.startswith("/v1/3d/generations/3d_")


def is_submit(method: str, path: str) -> bool:
    return method == "POST" and path == "/v1/3d/generations"


def proxied_client(proxy: FaultyProxy, server: RunningServer) -> Client:
    return Client(proxy.base_url, server.api_key, poll_interval=FAST_POLL, retry=QUICK_RETRY)


def test_wait_honours_retry_after_on_429_and_503_then_succeeds(
    server: RunningServer, tmp_path: pathlib.Path
) -> None:
    faults = [Fault(429, "1"), Fault(503, "1"), Fault(429, "1")]
    with FaultyProxy(server.base_url, faults, is_query) as proxy:
        with proxied_client(proxy, server) as client:
            task_id = client.submit("test/cube", prompt="a cube")
            task = client.wait(task_id)
            files = client.download(task, tmp_path)
        queries = [entry for entry in proxy.seen if is_query(entry.method, entry.path)]
    assert task.status is TaskStatus.SUCCESS
    assert files[0].path.read_bytes()[:4] == b"glTF"
    assert [entry.answered for entry in queries[:4]] == [429, 503, 429, 200]
    gaps = [later.at - earlier.at for earlier, later in zip(queries, queries[1:4], strict=False)]
    assert all(1.0 <= gap < 2.5 for gap in gaps), gaps  # waited as told, with some jitter
    assert len({round(gap, 3) for gap in gaps}) > 1  # jittered, not lock-step


def test_wait_backs_off_exponentially_when_the_connection_drops(server: RunningServer) -> None:
    faults = [Fault(None), Fault(None), Fault(None), Fault(503, retry_after=None)]
    with FaultyProxy(server.base_url, faults, is_query) as proxy:
        with proxied_client(proxy, server) as client:
            task = client.wait(client.submit("test/cube", prompt="a cube"))
        queries = [entry for entry in proxy.seen if is_query(entry.method, entry.path)]
    assert task.status is TaskStatus.SUCCESS
    assert [entry.answered for entry in queries[:5]] == [None, None, None, 503, 200]
    gaps = [later.at - earlier.at for earlier, later in zip(queries, queries[1:5], strict=False)]
    # Base 0.2 s doubling, jitter takes off at most 25%: >= 0.15, 0.3, 0.6, 1.2 s.
    for gap, step in zip(gaps, [0.2, 0.4, 0.8, 1.6], strict=True):
        assert 0.75 * step - 0.02 <= gap <= step + 1.0, gaps


def test_a_submit_retried_after_a_lost_reply_creates_one_task(server: RunningServer) -> None:
    # The server accepts the first submit, but the client only sees a 503 and retries.
    faults = [Fault(503, "0", forward_first=True)]
    with FaultyProxy(server.base_url, faults, is_submit) as proxy:
        with proxied_client(proxy, server) as client:
            before = {task.task_id for task in client.list_tasks(limit=100).tasks}
            task_id = client.submit("test/cube", prompt="once only")
            after = {task.task_id for task in client.list_tasks(limit=100).tasks}
            client.wait(task_id)
        submits = [entry.answered for entry in proxy.seen if is_submit(entry.method, entry.path)]
    assert submits == [503, 200]
    assert after - before == {task_id}


def test_downloads_retry_a_dropped_connection(
    server: RunningServer, tmp_path: pathlib.Path
) -> None:
    with Client(server.base_url, server.api_key, poll_interval=FAST_POLL) as client:
        task = client.wait(client.submit("test/cube", prompt="a cube"))
    output_path = "/redirect/" + task.outputs[0].rsplit("/redirect/", 1)[1]

    def is_output(method: str, path: str) -> bool:
        return path == output_path

    with FaultyProxy(server.base_url, [Fault(None)], is_output) as proxy:
        url = proxy.base_url + output_path
        with proxied_client(proxy, server) as client:
            files = client.download(dataclasses.replace(task, outputs=(url,)), tmp_path)
    assert [entry.answered for entry in proxy.seen] == [None, 200]
    assert files[0].path.read_bytes()[:4] == b"glTF"
