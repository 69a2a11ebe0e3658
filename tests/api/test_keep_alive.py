"""Error answers keep the keep-alive connection open (real uvicorn servers)."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.api.conftest import Api, make_api
from tests.support.server import RunningServer, free_port, start_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    with start_server(tmp_path_factory.mktemp("keepalive")) as running:
        yield running


def _post(conn: http.client.HTTPConnection, key: str, body: bytes) -> tuple[int, dict[str, object]]:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    conn.request("POST", "/v1/3d/generations", body=body, headers=headers)
    response = conn.getresponse()
    return response.status, json.loads(response.read())


def _same_connection_twice(
    server: RunningServer, first_body: bytes
) -> tuple[int, dict[str, object]]:
    """Send `first_body`, then a good submit on the same socket; returns the first answer."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        status, body = _post(conn, server.api_key, first_body)
        sock = conn.sock
        assert sock is not None, "the server closed the connection after the error"
        good = json.dumps({"model": "test/cube", "prompt": "a cube"}).encode()
        second_status, second = _post(conn, server.api_key, good)
        assert conn.sock is sock  # no reconnect happened
        assert second_status == 200 and str(second["task_id"]).startswith("3d_"), second
    finally:
        conn.close()
    return status, body


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_a_body_nested_10000_deep_is_a_400_and_the_connection_lives(
    server: RunningServer, opener: str
) -> None:
    closer = "]" if opener == "[" else "}"
    deep = (opener * 10_000 + "1" + closer * 10_000).encode()
    status, body = _same_connection_twice(server, deep)
    assert status == 400, body
    assert body["code"] == "invalid_request"
    assert body["message"] == "the request body is nested too deeply to be a request"


def test_other_bad_bodies_keep_the_connection(server: RunningServer) -> None:
    for bad in (
        b"{not json",
        b"[1, 2]",
        b'{"model": "nope"}',
        "\ud800".encode("utf-8", "surrogatepass"),
    ):
        status, body = _same_connection_twice(server, bad)
        assert status == 400, body


@pytest.fixture
def api_on_uvicorn(tmp_path: Path) -> Iterator[tuple[Api, int]]:
    """The in-process app (fixture engines, executor double) served by a real uvicorn."""
    for api in make_api(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}"):
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(api.client.app, port=port, log_level="critical"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        yield api, port
        server.should_exit = True
        thread.join(timeout=10)


def test_an_internal_error_is_a_500_and_the_connection_lives(
    api_on_uvicorn: tuple[Api, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, port = api_on_uvicorn

    def explode(*_: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(api.runtime.keys, "authenticate", explode)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", "/v1/models", headers={"Authorization": f"Bearer {api.key}"})
        first = conn.getresponse()
        assert first.status == 500 and json.loads(first.read())["code"] == "internal_error"
        sock = conn.sock
        conn.request("GET", "/healthz")
        second = conn.getresponse()
        assert second.status == 200 and json.loads(second.read())["data"]["status"] == "ok"
        assert sock is not None and conn.sock is sock
    finally:
        conn.close()
