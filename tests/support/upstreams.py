"""Fake providers as real processes, and MESHFORGE_UPSTREAMS pointing at them."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from tests.support.server import REPO_ROOT, free_port

BASE_PATHS = {"siray": "", "tripo": "/v2/openapi", "meshy": ""}


@dataclass
class FakeProvider:
    provider: str
    port: int
    key: str
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """What an operator writes as base_url (Tripo's API lives under /v2/openapi)."""
        return self.url + BASE_PATHS[self.provider]

    def configure(self, **config: Any) -> None:
        httpx.post(f"{self.url}/_fake/config", json=config, timeout=10).raise_for_status()

    def stats(self) -> dict[str, Any]:
        data: dict[str, Any] = httpx.get(f"{self.url}/_fake/stats", timeout=10).json()
        return data

    def count(self, what: str) -> int:
        return int(self.stats()["counts"].get(what, 0))

    def upstreams(self, models: dict[str, Any], key: str | None = None) -> str:
        """MESHFORGE_UPSTREAMS for this fake."""
        entry = {
            "provider": self.provider,
            "base_url": self.base_url,
            "api_key": self.key if key is None else key,
            "models": models,
        }
        return json.dumps([entry])


@contextmanager
def fake_provider(provider: str, *, duration: float = 1.0, key: str = "") -> Iterator[FakeProvider]:
    port = free_port()
    key = key or f"{provider}-secret-key-0123456789"
    command = [
        sys.executable, "-m", "tests.upstream.fakes", "--provider", provider,
        "--port", str(port), "--key", key, "--duration", str(duration),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL)
    fake = FakeProvider(provider, port, key, process)
    try:
        _wait_up(fake)
        yield fake
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_up(fake: FakeProvider, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if fake.process.poll() is not None:
            raise RuntimeError(f"the fake {fake.provider} exited with {fake.process.returncode}")
        try:
            fake.stats()
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise TimeoutError(f"the fake {fake.provider} did not start")
