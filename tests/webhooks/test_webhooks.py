"""Signed webhooks on terminal statuses, retried with back-off, never failing the task."""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from meshforge.domain.records import Task
from tests.api.conftest import Api, make_api


class Receiver:
    """A real HTTP receiver that answers the given status codes in turn (then 200)."""

    def __init__(self, codes: list[int]) -> None:
        self.codes = list(codes)
        self.calls: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.codes.pop(0) if receiver.codes else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait_calls(self, count: int, timeout_s: float = 15) -> None:
        deadline = time.monotonic() + timeout_s
        while len(self.calls) < count:
            assert time.monotonic() < deadline, f"only {len(self.calls)} webhook calls"
            time.sleep(0.05)


def _settled(api: Api, task_id: str, timeout_s: float = 15) -> Task:
    """The task once its webhook is delivered or given up: no attempt can follow then."""
    deadline = time.monotonic() + timeout_s
    while (task := api.runtime.tasks.get(task_id)) is not None and task.webhook_state == "pending":
        assert time.monotonic() < deadline, "the webhook never settled"
        time.sleep(0.05)
    assert task is not None
    return task


@pytest.fixture
def hooks_api(tmp_path: Path) -> Iterator[Api]:
    yield from make_api(
        tmp_path,
        f"sqlite:///{tmp_path / 'db.sqlite'}",
        allow_private_callback_urls=True,
        webhook_backoff_s=[0.3, 0.3],
    )


def _finish(api: Api, receiver: Receiver) -> str:
    body = {"model": "test/cube", "prompt": "x", "callback_url": receiver.url}
    task_id: str = api.submit(body).json()["task_id"]
    store = api.runtime.tasks
    assert store.claim(task_id, "w1") and store.succeed(task_id, "w1", [], None, [])
    return task_id


def _verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return f"v1,{expected}" in headers["webhook-signature"].split()


def test_terminal_status_is_posted_signed(hooks_api: Api) -> None:
    receiver = Receiver([])
    task_id = _finish(hooks_api, receiver)
    receiver.wait_calls(1)
    headers, body = receiver.calls[0]
    secret = hooks_api.runtime.settings.webhook_secret_path.read_text().strip()
    assert _verify(secret, headers, body)
    assert not _verify(secret, headers, body + b" ")
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    payload = json.loads(body)
    assert payload["code"] == "success"
    assert payload["data"]["task_id"] == task_id and payload["data"]["status"] == "SUCCESS"
    assert _settled(hooks_api, task_id).webhook_state == "delivered"
    assert len(receiver.calls) == 1  # delivered once; a delivered row is never claimed again


def test_failing_receiver_is_retried_with_the_same_id(hooks_api: Api) -> None:
    receiver = Receiver([500, 503])
    task_id = _finish(hooks_api, receiver)
    receiver.wait_calls(3)
    ids = {headers["webhook-id"] for headers, _ in receiver.calls}
    assert len(ids) == 1
    task = _settled(hooks_api, task_id)
    assert task.webhook_state == "delivered" and task.webhook_attempts == 3


def test_receiver_that_always_fails_never_fails_the_task(hooks_api: Api) -> None:
    receiver = Receiver([500] * 10)
    task_id = _finish(hooks_api, receiver)
    receiver.wait_calls(3)
    task = _settled(hooks_api, task_id)
    assert len(receiver.calls) == 3  # one try plus two back-off steps, then it gives up
    assert task.webhook_state == "failed"
    assert hooks_api.get(task_id).json()["data"]["status"] == "SUCCESS"


def test_private_receiver_is_refused_by_default(tmp_path: Path) -> None:
    receiver = Receiver([])
    for api in make_api(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", webhook_backoff_s=[0.2]):
        body = {
            "model": "test/cube",
            "prompt": "x",
            "callback_url": receiver.url.replace("http://", "https://"),
        }
        task_id = api.submit(body).json()["task_id"]
        store = api.runtime.tasks
        assert store.claim(task_id, "w1") and store.succeed(task_id, "w1", [], None, [])
        assert _settled(api, task_id).webhook_state == "failed"
    assert receiver.calls == []
