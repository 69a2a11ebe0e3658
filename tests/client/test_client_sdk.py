"""The SDK against a real meshforge server running the fixture engines."""

from __future__ import annotations

import asyncio
import io
import pathlib
import struct
import time
import uuid

import httpx
import pytest
import trimesh
from PIL import Image

from meshforge.client import (
    AsyncClient,
    AuthenticationError,
    BadRequestError,
    Client,
    NotFoundError,
    Task,
    TaskFailedError,
    TaskNotFinishedError,
    TaskStatus,
    WaitTimeoutError,
)
from tests.client.conftest import FAST_POLL
from tests.support.server import RunningServer

UNKNOWN_TASK = "3d_" + "0" * 48


def glb_header(data: bytes) -> tuple[bytes, int, int]:
    magic, version, length = struct.unpack("<4sII", data[:12])
    return magic, version, length


def test_generate_downloads_a_real_glb_under_the_servers_filename(
    client: Client, tmp_path: pathlib.Path
) -> None:
    seen: list[Task] = []
    result = client.generate(
        "test/cube", prompt="a cube", seed=5, output_dir=tmp_path, on_update=seen.append
    )
    assert result.task.status is TaskStatus.SUCCESS and result.task.progress == 100
    assert result.task.seed == 5 and result.task.model == "test/cube"
    assert seen[-1] == result.task
    assert [task.progress for task in seen] == sorted(task.progress for task in seen)
    [file] = result.files
    data = file.path.read_bytes()
    assert glb_header(data) == (b"glTF", 2, len(data)) and file.size == len(data)
    assert file.path.parent == tmp_path and file.path.suffix == ".glb"
    assert file.content_type.startswith("model/gltf-binary")
    served = httpx.get(result.task.outputs[0])
    assert served.content == data  # byte for byte what the server stores
    assert f'filename="{file.path.name}"' in served.headers["content-disposition"]
    assert result.task.assets[0].bytes == len(data)
    mesh = trimesh.load(file.path, file_type="glb", force="mesh")
    assert len(mesh.faces) == 12
    assert mesh.extents == pytest.approx([1.0, 1.0, 1.0], abs=1e-3)
    assert not list(tmp_path.glob(".*.part"))


def test_every_requested_format_is_downloaded(client: Client, tmp_path: pathlib.Path) -> None:
    result = client.generate(
        "test/cube", prompt="a cube", output_formats=["glb", "obj", "stl"], output_dir=tmp_path
    )
    suffixes = [file.path.suffix for file in result.files]
    assert suffixes == [".glb", ".obj", ".stl"]
    assert len({file.path for file in result.files}) == 3
    assert all(file.path.stat().st_size == file.size > 0 for file in result.files)
    again = client.download(result.task.task_id, tmp_path)  # by id: same names, overwritten
    assert [file.path for file in again] == [file.path for file in result.files]


def test_a_failing_task_raises_task_failed_with_its_reason(client: Client) -> None:
    task_id = client.submit("test/fail", prompt="anything")
    with pytest.raises(TaskFailedError) as caught:
        client.wait(task_id)
    assert caught.value.fail_reason == "the fixture engine failed on purpose"
    assert caught.value.task.status is TaskStatus.FAILURE
    task = client.wait(task_id, raise_on_failure=False)
    assert task.fail_reason == "the fixture engine failed on purpose"
    with pytest.raises(TaskFailedError):
        client.download(task, "unused")


def test_a_bad_key_raises_authentication_error(server: RunningServer) -> None:
    with (
        Client(server.base_url, "mf_not_a_real_key") as client,
        pytest.raises(AuthenticationError) as caught,
    ):
        client.models()
    assert caught.value.status_code == 401 and caught.value.code == "unauthorized"
    assert caught.value.message


def test_unknown_task_and_unknown_model_are_typed_errors(client: Client) -> None:
    with pytest.raises(NotFoundError) as missing:
        client.get(UNKNOWN_TASK)
    assert missing.value.status_code == 404
    with pytest.raises(BadRequestError) as bad_model:
        client.submit("no/such-model", prompt="x")
    assert bad_model.value.code == "model_not_found"
    assert "test/cube" in bad_model.value.message
    with pytest.raises(BadRequestError) as bad_field:
        client.submit("test/cube", prompt="x", face_limit=5)
    assert "face_limit" in bad_field.value.message


def test_models_lists_the_fixture_engines(client: Client) -> None:
    models = {model.id: model for model in client.models()}
    assert models["test/cube"].kind == "text-to-3d"
    assert models["test/image-cube"].kind == "image-to-3d"


@pytest.mark.parametrize("form", ["path", "bytes", "pil"])
def test_images_are_sent_as_paths_bytes_or_pil_images(
    client: Client, tmp_path: pathlib.Path, form: str
) -> None:
    picture = Image.new("RGB", (200, 100), "white")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    path = tmp_path / "photo.png"
    path.write_bytes(buffer.getvalue())
    image = {"path": path, "bytes": buffer.getvalue(), "pil": picture}[form]
    result = client.generate("test/image-cube", image=image, output_dir=tmp_path / "out")
    mesh = trimesh.load(result.files[0].path, file_type="glb", force="mesh")
    assert mesh.extents[0] == pytest.approx(2 * mesh.extents[1], rel=1e-3)  # 200 x 100


def test_the_same_idempotency_key_returns_the_same_task(client: Client) -> None:
    key = uuid.uuid4().hex
    first = client.submit("test/cube", prompt="a cube", idempotency_key=key)
    second = client.submit("test/cube", prompt="a cube", idempotency_key=key)
    third = client.submit("test/cube", prompt="a cube")
    assert first == second != third
    client.wait(first)
    client.wait(third)


def test_cancel_stops_a_running_task(client: Client) -> None:
    task_id = client.submit("test/slow", prompt="30")
    canceled = client.cancel(task_id)
    assert canceled.status is TaskStatus.FAILURE and canceled.fail_reason == "canceled"
    with pytest.raises(TaskFailedError, match="canceled"):
        client.wait(task_id)


def test_wait_gives_up_after_its_timeout(client: Client, tmp_path: pathlib.Path) -> None:
    task_id = client.submit("test/slow", prompt="20")
    started = time.monotonic()
    with pytest.raises(WaitTimeoutError) as caught:
        client.wait(task_id, timeout=1.0)
    assert 0.9 <= time.monotonic() - started < 5
    assert caught.value.last_task is not None and not caught.value.last_task.is_terminal
    with pytest.raises(TaskNotFinishedError):
        client.download(task_id, tmp_path)
    client.cancel(task_id)


def test_list_tasks_pages_newest_first(client: Client) -> None:
    ids = [client.submit("test/cube", prompt=f"cube {n}") for n in range(3)]
    first = client.list_tasks(limit=2)
    assert len(first.tasks) == 2 and first.next_cursor is not None
    second = client.list_tasks(limit=2, after=first.next_cursor)
    listed = first.tasks + second.tasks
    # Tasks submitted within the same second may come in either order.
    assert {task.task_id for task in listed[:3]} == set(ids)
    assert len({task.task_id for task in listed}) == len(listed)
    times = [task.submit_time for task in listed]
    assert times == sorted(times, reverse=True)
    for task_id in ids:
        client.wait(task_id)


def test_async_client_generates_tasks_concurrently(
    server: RunningServer, tmp_path: pathlib.Path
) -> None:
    seen: list[TaskStatus] = []

    async def record(task: Task) -> None:  # an async callback is awaited
        await asyncio.sleep(0)
        seen.append(task.status)

    async def run() -> list[Task]:
        async with AsyncClient(server.base_url, server.api_key, poll_interval=FAST_POLL) as c:
            ids = [await c.submit("test/cube", prompt=f"cube {n}") for n in range(2)]
            waits = [c.wait(ids[0], on_update=record), c.wait(ids[1])]
            tasks = await asyncio.gather(*waits)
            files = await c.download(tasks[0], tmp_path)
            assert files[0].path.read_bytes()[:4] == b"glTF"
            return list(tasks)

    tasks = asyncio.run(run())
    assert [task.status for task in tasks] == [TaskStatus.SUCCESS] * 2
    assert seen[-1] is TaskStatus.SUCCESS
