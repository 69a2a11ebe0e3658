"""An in-process app on either database, with an executor double (no worker processes)."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from meshforge.api.app import create_app
from meshforge.config import Settings
from meshforge.runtime import Runtime, open_runtime
from tests.support.recording_executor import RecordingExecutor


@dataclass
class Api:
    client: TestClient
    runtime: Runtime
    executor: RecordingExecutor
    key: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}

    def submit(self, body: dict[str, Any], **headers: str) -> Any:
        return self.client.post("/v1/3d/generations", json=body, headers={**self.auth, **headers})

    def get(self, task_id: str, key: str | None = None) -> Any:
        auth = {"Authorization": f"Bearer {key}"} if key else self.auth
        return self.client.get(f"/v1/3d/generations/{task_id}", headers=auth)


def make_api(tmp_path: Path, database_url: str, **overrides: Any) -> Iterator[Api]:
    """An app with fixture engines; `overrides` set any Settings field."""
    values: dict[str, Any] = {
        "builtin_engines": False,
        "extra_engines": ["tests.support.fixture_engines:all_engines"],
        "allow_private_image_urls": True,
        **overrides,
    }
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url, **values)
    runtime = open_runtime(settings, migrate=True)
    executor = RecordingExecutor()
    app = create_app(runtime, lambda _: executor)
    _, key = runtime.keys.create("tests")
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(client, runtime, executor, key)
    runtime.close()


@pytest.fixture
def api(tmp_path: Path, database_url: str) -> Iterator[Api]:
    yield from make_api(tmp_path, database_url)


def png_data_url(width: int = 64, height: int = 48, fmt: str = "PNG") -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format=fmt)
    mime = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp", "GIF": "gif"}[fmt]
    return f"data:image/{mime};base64," + base64.b64encode(buffer.getvalue()).decode()


def assert_error(response: Any, status: int, code: str, *fragments: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code
    assert body["data"] is None
    assert body["error"]["code"] == code
    assert body["error"]["message"] == body["message"]
    assert body["error"]["type"]
    for fragment in fragments:
        assert fragment in body["message"], body["message"]
