"""The disk fills, for real (a small tmpfs), under the files and under the SQLite
database: tasks fail with 'storage is full' and leave no partial file, submits get 503
with Retry-After, the server keeps answering, and all is well once space is back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.hostile.conftest import data_url
from tests.hostile.images import object_photo, saved
from tests.support.server import RunningServer, get_task, start_server, submit, wait_for
from tests.support.tmpfs import PAGE, files_under, fill, mounted_tmpfs

ALL_FORMATS = ["glb", "obj", "stl", "ply", "usdz", "fbx"]


def finish(server: RunningServer, task_id: str, timeout_s: float = 60) -> dict[str, Any]:
    wait_for(
        lambda: get_task(server, task_id)["status"] in ("SUCCESS", "FAILURE"), timeout_s=timeout_s
    )
    return get_task(server, task_id)


def post(server: RunningServer, body: dict[str, Any]) -> httpx.Response:
    url = f"{server.base_url}/v1/3d/generations"
    return httpx.post(url, json=body, headers=server.headers, timeout=60)


def assert_503_retry_after(response: httpx.Response, phrase: str) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) >= 1
    body = response.json()
    assert body["code"] == body["error"]["code"] == "overloaded" and body["data"] is None
    assert phrase in body["message"], body


@pytest.fixture
def full_files_server(tmp_path: Path) -> Iterator[tuple[RunningServer, Path]]:
    """A server whose output files live on a 1 MiB tmpfs."""
    files = tmp_path / "server-data" / "files"
    with mounted_tmpfs(files, 256 * PAGE), start_server(tmp_path) as server:
        yield server, files


def test_outputs_on_a_full_disk_fail_the_task_and_leave_no_file(
    full_files_server: tuple[RunningServer, Path],
) -> None:
    server, files = full_files_server
    ballast = fill(files, leave_bytes=PAGE)  # room for the first output, not the rest
    task_id = submit(server, {"model": "test/cube", "prompt": "x", "output_formats": ALL_FORMATS})
    task = finish(server, task_id)
    assert task["status"] == "FAILURE" and task["outputs"] == []
    assert str(task["fail_reason"]).startswith("storage is full"), task
    assert files_under(files) == [ballast]  # no output, no temp file
    # An inline image cannot be stored either: 503, not 500.
    more = fill(files, name="more-ballast")  # the page the failed run gave back
    image = {"model": "test/image-cube", "image": data_url(saved(object_photo(), "PNG"))}
    assert_503_retry_after(post(server, image), "storage is full")
    assert files_under(files) == [ballast, more]
    assert httpx.get(f"{server.base_url}/healthz").status_code == 200
    ballast.unlink()
    more.unlink()
    again = submit(server, {"model": "test/cube", "prompt": "x", "output_formats": ALL_FORMATS})
    assert finish(server, again)["status"] == "SUCCESS"
    assert post(server, image).status_code == 200
    wait_for(lambda: httpx.get(f"{server.base_url}/readyz").status_code == 200, timeout_s=30)


def test_a_full_disk_under_sqlite_is_503_and_loses_nothing(tmp_path: Path) -> None:
    """SQLite's honest counterpart of 'the database goes away': its disk stops taking
    writes for 10 s. Reads go on; writes answer 503; a running task's result waits."""
    db_dir = tmp_path / "db"
    with mounted_tmpfs(db_dir, 512 * PAGE):
        env = {"MESHFORGE_DATABASE_URL": f"sqlite:///{db_dir / 'meshforge.db'}"}
        with start_server(tmp_path, env=env) as server:
            running = submit(server, {"model": "test/slow", "prompt": "3"})
            wait_for(lambda: get_task(server, running)["status"] == "IN_PROGRESS")
            ballast = fill(db_dir)
            started = time.monotonic()
            assert_503_retry_after(post(server, {"model": "test/cube", "prompt": "x"}), "database")
            while time.monotonic() - started < 10:
                assert get_task(server, running)["status"] == "IN_PROGRESS"  # reads go on
                time.sleep(0.5)
            ballast.unlink()
            assert finish(server, running)["status"] == "SUCCESS"
            assert (
                finish(server, submit(server, {"model": "test/cube", "prompt": "x"}))["status"]
                == "SUCCESS"
            )
