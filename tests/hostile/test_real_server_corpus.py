"""The hostile inputs that pass the edge, through a real server and its real engines:
each ends SUCCESS or FAILURE with a reason a user can act on, no worker crashes, and the
server answers the next request. Raw sockets check the body limit on the wire."""

from __future__ import annotations

import io
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import trimesh

from tests.hostile.conftest import data_url
from tests.hostile.images import IMAGE_CASES
from tests.support.server import RunningServer, get_task, start_server, submit

IMAGE_MODEL, TEXT_MODEL = "meshforge/image-to-3d", "meshforge/text-to-3d"
# Reasons that mean the service, not the input, went wrong.
NOT_A_USER_REASON = ("engine failed while generating", "stopped unexpectedly", "internal")
HOSTILE_PROMPTS = [
    "\u202eriahc a\u202c",
    "كرسي خشبي أحمر",
    "a red\u200b ch\u200bair\u200d\ufeff",
    "a mug \U0001f468\u200d\U0001f469\u200d\U0001f467",
    "a cha\u0301\u0301\u0301ir",
    "\u00a0a\u2003stool\u3000",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    env = {"MESHFORGE_BUILTIN_ENGINES": "true", "MESHFORGE_SUBMITS_PER_MINUTE": "10000"}
    with start_server(tmp_path_factory.mktemp("corpus"), workers=1, env=env) as running:
        yield running


def finish(server: RunningServer, task_id: str, timeout_s: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while (data := get_task(server, task_id))["status"] not in ("SUCCESS", "FAILURE"):
        assert time.monotonic() < deadline, data
        time.sleep(0.2)
    return data


def glb_of(task: dict[str, Any]) -> trimesh.Scene:
    content = httpx.get(task["outputs"][0], timeout=30).content
    return trimesh.load(io.BytesIO(content), file_type="glb", force="scene")


def worker_restarts(server: RunningServer) -> float:
    text = httpx.get(f"{server.base_url}/metrics", timeout=10).text
    found = re.search(r"^meshforge_worker_restarts_total (\S+)$", text, re.MULTILINE)
    assert found, text
    return float(found.group(1))


def test_accepted_hostile_images_end_with_a_result_or_a_reason(server: RunningServer) -> None:
    accepted = [case for case in IMAGE_CASES if case.answer is None]
    ids = {
        case.name: submit(server, {"model": IMAGE_MODEL, "image": data_url(case.make())})
        for case in accepted
    }
    results = {name: finish(server, task_id) for name, task_id in ids.items()}
    for name, task in results.items():
        reason = str(task["fail_reason"])
        assert not any(bad in reason for bad in NOT_A_USER_REASON), (name, reason)
    must_succeed = set(ids) - {"png-1x1", "png-1x4096"}
    assert {n for n in must_succeed if results[n]["status"] != "SUCCESS"} == set(), results
    assert results["png-1x1"]["status"] == "FAILURE"
    _check_handled_right(results)
    assert worker_restarts(server) == 0


def _check_handled_right(results: dict[str, dict[str, Any]]) -> None:
    # EXIF orientation 6: the object stands as displayed (taller than wide), not lying.
    width, height, _ = glb_of(results["jpeg-exif-rotated"]).extents
    assert height > 1.5 * width, (width, height)
    # The object's colours reach the texture: CMYK read the right way round (an inverted
    # CMYK reads as cyan), a palette's colours, and 16-bit grey tones as they are.
    for name in ("jpeg-cmyk", "png-palette-transparency"):
        red, green, blue = _mean_texture_rgb(results[name])
        assert red > 120 and red > 3 * max(green, blue), (name, red, green, blue)
    grey = _mean_texture_rgb(results["png-16-bit-grey"])
    assert all(abs(channel - 59) < 12 for channel in grey), grey  # the disc's grey is 59


def _mean_texture_rgb(task: dict[str, Any]) -> tuple[float, float, float]:
    for geometry in glb_of(task).geometry.values():
        material = getattr(geometry.visual, "material", None)
        texture = getattr(material, "baseColorTexture", None)
        if texture is not None:
            pixels = np.asarray(texture.convert("RGB"), dtype=np.float64).reshape(-1, 3)
            painted = pixels[pixels.sum(axis=1) > 3]  # the atlas's empty gutters are black
            red, green, blue = painted.mean(axis=0)
            return float(red), float(green), float(blue)
    raise AssertionError("the model has no texture")


def test_hostile_prompts_end_with_a_result_or_a_reason(server: RunningServer) -> None:
    ids = [submit(server, {"model": TEXT_MODEL, "prompt": prompt}) for prompt in HOSTILE_PROMPTS]
    results = [finish(server, task_id) for task_id in ids]
    for prompt, task in zip(HOSTILE_PROMPTS, results, strict=True):
        reason = str(task["fail_reason"])
        assert not any(bad in reason for bad in NOT_A_USER_REASON), (prompt, reason)
        if task["status"] == "FAILURE":
            assert "is not an object this engine can build" in reason, (prompt, reason)
    # Invisible characters inside a word do not hide it from the engine.
    assert results[2]["status"] == "SUCCESS", results[2]
    assert results[5]["status"] == "SUCCESS", results[5]
    assert worker_restarts(server) == 0


def _send_headers(sock: socket.socket, server: RunningServer, extra: str) -> None:
    head = (
        "POST /v1/3d/generations HTTP/1.1\r\nHost: x\r\n"
        f"Authorization: Bearer {server.api_key}\r\nContent-Type: application/json\r\n{extra}\r\n"
    )
    sock.sendall(head.encode())


def _send_until_answered(sock: socket.socket, chunk: bytes, total: int) -> tuple[int, bytes]:
    """Send `chunk` repeatedly, up to `total` bytes, until the server answers; returns
    (bytes sent, the answer's first bytes)."""
    sock.setblocking(False)
    sent, pending = 0, memoryview(b"")
    while sent < total:
        try:
            if answer := sock.recv(65536):
                return sent, answer
        except BlockingIOError:
            pass
        pending = pending or memoryview(chunk)
        try:
            written = sock.send(pending)
        except BlockingIOError:
            time.sleep(0.01)
            continue
        except (BrokenPipeError, ConnectionResetError):
            break  # the server stopped reading: its answer is waiting
        sent, pending = sent + written, pending[written:]
    sock.setblocking(True)
    return sent, sock.recv(65536)


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_50_mib_body_is_refused_before_it_is_read(server: RunningServer, framing: str) -> None:
    total = 50 * 2**20
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        if framing == "chunked":
            _send_headers(sock, server, "Transfer-Encoding: chunked\r\n")
            chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"
        else:
            _send_headers(sock, server, f"Content-Length: {total}\r\n")
            chunk = b"x" * 0x10000
        sent, answer = _send_until_answered(sock, chunk, total)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    # A declared length is refused before any of the body is read; a chunked body is read
    # up to the 28 MiB limit only (plus what the sockets' buffers hold).
    assert sent < (8 if framing == "content-length" else 36) * 2**20, sent
    assert httpx.get(f"{server.base_url}/healthz", timeout=10).status_code == 200


def test_the_server_still_answers_after_the_corpus(server: RunningServer, tmp_path: Path) -> None:
    task_id = submit(server, {"model": "test/cube", "prompt": "x"})
    assert finish(server, task_id)["status"] == "SUCCESS"
    assert httpx.get(f"{server.base_url}/readyz", timeout=10).status_code == 200
