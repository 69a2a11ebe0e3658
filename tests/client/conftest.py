"""One real meshforge server (fixture engines) shared by the client's end-to-end tests."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from meshforge.client import Client
from tests.support.server import RunningServer, start_server

# The README's examples name the real models; on the test server they are the fixtures.
MODEL_ALIASES = {
    "meshforge/text-to-3d": "test/cube",
    "meshforge/image-to-3d": "test/image-cube",
}
FAST_POLL = 0.2


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    env = {"MESHFORGE_MODEL_ALIASES": json.dumps(MODEL_ALIASES)}
    with start_server(tmp_path_factory.mktemp("client-server"), workers=2, env=env) as running:
        yield running


@pytest.fixture
def client(server: RunningServer) -> Iterator[Client]:
    with Client(server.base_url, server.api_key, poll_interval=FAST_POLL, wait_timeout=60) as c:
        yield c
