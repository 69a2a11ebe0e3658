"""Every field rule of POST /v1/3d/generations answers 400/413/415 in the contract's shape."""

from __future__ import annotations

import base64
import io
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.api.conftest import Api, assert_error, make_api, png_data_url

TEXT = {"model": "test/cube", "prompt": "a cube"}
IMAGE = {"model": "test/image-cube"}


def test_submit_answers_task_id_in_data_and_top_level(api: Api) -> None:
    response = api.submit(TEXT)
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "success" and body["message"] == ""
    assert re.fullmatch(r"3d_[0-9a-f]{48}", body["data"]["task_id"])
    assert body["task_id"] == body["data"]["task_id"]
    assert api.executor.enqueued == [body["task_id"]]


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ({"face_limit": 99}, "face_limit must be between 100 and 1000000"),
        ({"face_limit": 1_000_001}, "face_limit must be between 100 and 1000000"),
        ({"face_limit": "500"}, "face_limit must be an integer"),
        ({"face_limit": 500.5}, "face_limit must be an integer"),
        ({"seed": -2}, "seed must be between -1 and 9999999999"),
        ({"seed": 10_000_000_000}, "seed must be between -1 and 9999999999"),
        ({"seed": True}, "seed must be an integer"),
        ({"texture_seed": -5}, "texture_seed must be between -1 and 9999999999"),
        ({"texture_enable": "yes"}, "texture_enable must be a boolean"),
        ({"pbr_enable": 1}, "pbr_enable must be a boolean"),
        ({"quad": "false"}, "quad must be a boolean"),
        ({"auto_size": None}, "auto_size must be a boolean"),
        ({"texture_quality": "ultra"}, "texture_quality must be one of"),
        ({"output_formats": ["gltf"]}, "output_formats"),
        ({"output_formats": []}, "output_formats"),
        ({"output_formats": ["glb", "glb"]}, "must not repeat"),
        ({"output_formats": "glb"}, "output_formats must be a list"),
        ({"prompt": "   "}, "prompt must be 1 to 2000 characters"),
        ({"prompt": "x" * 2001}, "prompt must be 1 to 2000 characters"),
        ({"prompt": 5}, "prompt must be a string"),
        ({"colour": "red"}, "unknown field(s): colour"),
        ({"texture_alignment": "geometry"}, "texture_alignment applies to image-to-3d"),
        ({"callback_url": "ftp://example.com/hook"}, "callback_url must be an https:// URL"),
        ({"callback_url": "http://example.com/hook"}, "callback_url must be an https:// URL"),
        ({"callback_url": ""}, "callback_url"),
        ({"image": png_data_url()}, "takes a prompt, not an image"),
    ],
)
def test_text_field_rules(api: Api, extra: dict[str, Any], fragment: str) -> None:
    assert_error(api.submit({**TEXT, **extra}), 400, "invalid_request", fragment)
    assert api.executor.enqueued == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"face_limit": 99}, "face_limit must be between 100 and 1000000"),
        ({"seed": -2}, "seed must be between -1 and 9999999999"),
        ({"texture_seed": 10_000_000_000}, "texture_seed must be between -1 and 9999999999"),
        ({"face_limit": "500"}, "face_limit must be an integer"),
        ({"output_formats": []}, "output_formats must have at least 1 item(s)"),
        ({"output_formats": ["glb"] * 7}, "output_formats must have at most 6 items"),
        ({"colour": "red"}, "unknown field(s): colour"),
    ],
)
def test_range_and_type_messages_are_whole_sentences(
    api: Api, extra: dict[str, Any], message: str
) -> None:
    response = api.submit({**TEXT, **extra})
    assert_error(response, 400, "invalid_request")
    assert response.json()["message"] == message


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"limit": 0}, "limit must be between 1 and 100"),
        ({"limit": 101}, "limit must be between 1 and 100"),
        ({"limit": "many"}, "limit must be an integer"),
        ({"status": "DONE"}, "status must be one of "),
    ],
)
def test_list_query_messages_are_whole_sentences(
    api: Api, query: dict[str, Any], message: str
) -> None:
    response = api.client.get("/v1/3d/generations", params=query, headers=api.auth)
    assert_error(response, 400, "invalid_request")
    assert response.json()["message"].startswith(message)
    if not message.endswith(" "):
        assert response.json()["message"] == message


@pytest.mark.parametrize(
    ("extra", "accepted"),
    [
        ({"face_limit": 100}, True),
        ({"face_limit": 1_000_000}, True),
        ({"seed": -1}, True),
        ({"seed": 9_999_999_999}, True),
        ({"prompt": "  " + "x" * 2000 + "  "}, True),
        ({"output_formats": ["glb", "obj", "stl", "ply", "usdz", "fbx"]}, True),
        ({"texture_quality": "HD", "quad": True, "pbr_enable": False}, True),
    ],
)
def test_boundary_values_are_accepted(api: Api, extra: dict[str, Any], accepted: bool) -> None:
    assert api.submit({**TEXT, **extra}).status_code == 200


def test_missing_model_and_prompt(api: Api) -> None:
    assert_error(api.submit({"prompt": "x"}), 400, "invalid_request", "model is required")
    assert_error(api.submit({"model": "test/cube"}), 400, "invalid_request", "prompt is required")


def test_unknown_model_lists_available_ids(api: Api) -> None:
    response = api.submit({"model": "siray/nope", "prompt": "x"})
    assert_error(response, 400, "model_not_found", "siray/nope", "test/cube", "test/image-cube")


def test_image_rules(api: Api) -> None:
    assert_error(api.submit(IMAGE), 400, "invalid_request", "image is required")
    assert_error(api.submit({**IMAGE, "image": "ftp://x/y.png"}), 400, "invalid_request")
    bad_base64 = "data:image/png;base64,!!!notbase64"
    assert_error(api.submit({**IMAGE, "image": bad_base64}), 400, "invalid_request")
    gif = png_data_url(fmt="GIF").replace("image/gif", "image/png")
    assert_error(api.submit({**IMAGE, "image": gif}), 415, "unsupported_media_type", "PNG")
    too_wide = png_data_url(4097, 8)
    assert_error(api.submit({**IMAGE, "image": too_wide}), 400, "invalid_request", "4096")
    for fmt in ("PNG", "JPEG", "WEBP"):
        assert api.submit({**IMAGE, "image": png_data_url(fmt=fmt)}).status_code == 200


def test_decompression_bomb_is_refused_cheaply(api: Api) -> None:
    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    idat_data = zlib.compress(b"\0" * 1000)
    idat = struct.pack(">I", len(idat_data)) + b"IDAT" + idat_data
    idat += struct.pack(">I", zlib.crc32(b"IDAT" + idat_data))
    png = b"\x89PNG\r\n\x1a\n" + ihdr + idat
    url = "data:image/png;base64," + base64.b64encode(png).decode()
    assert_error(api.submit({**IMAGE, "image": url}), 400, "invalid_request")


def test_image_over_20_mib_is_413(api: Api) -> None:
    noise = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * (21 * 1024 * 1024)).decode()
    response = api.submit({**IMAGE, "image": "data:image/png;base64," + noise})
    assert_error(response, 413, "payload_too_large")


def test_body_shape_errors(api: Api) -> None:
    post = api.client.post
    url = "/v1/3d/generations"
    assert_error(
        post(url, content=b"{not json", headers={**api.auth, "Content-Type": "application/json"}),
        400,
        "invalid_request",
        "not valid JSON",
    )
    assert_error(post(url, json=[1, 2], headers=api.auth), 400, "invalid_request", "JSON object")
    assert_error(
        post(
            url,
            content=b"model=x",
            headers={**api.auth, "Content-Type": "application/x-www-form-urlencoded"},
        ),
        415,
        "unsupported_media_type",
    )


def test_body_over_limit_is_413(tmp_path: Path) -> None:
    for api in make_api(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", max_body_bytes=2048):
        response = api.submit({**TEXT, "prompt": "x" * 1999, "seed": 5, "face_limit": 5000})
        assert_error(response, 413, "payload_too_large")


def test_image_url_is_fetched_then_queued(api: Api, image_server: str) -> None:
    task_id = api.submit({**IMAGE, "image": f"{image_server}/photo.png"}).json()["task_id"]
    _wait_status(api, task_id, "QUEUED")
    assert api.executor.enqueued == [task_id]


def test_unreachable_image_url_fails_the_task_with_a_reason(api: Api, image_server: str) -> None:
    task_id = api.submit({**IMAGE, "image": f"{image_server}/missing.png"}).json()["task_id"]
    data = _wait_status(api, task_id, "FAILURE")
    assert "404" in data["fail_reason"]


def test_private_image_url_refused_by_default(tmp_path: Path, image_server: str) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    for api in make_api(tmp_path, url, allow_private_image_urls=False):
        task_id = api.submit({**IMAGE, "image": f"{image_server}/photo.png"}).json()["task_id"]
        data = _wait_status(api, task_id, "FAILURE")
        assert "private" in data["fail_reason"] or "loopback" in data["fail_reason"]


def _wait_status(api: Api, task_id: str, status: str) -> dict[str, Any]:
    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        data: dict[str, Any] = api.get(task_id).json()["data"]
        if data["status"] == status:
            return data
        time.sleep(0.05)
    raise AssertionError(f"task never reached {status}: {data}")


@pytest.fixture
def image_server() -> Any:
    import http.server
    import threading

    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (0, 0, 255)).save(buffer, format="PNG")
    png = buffer.getvalue()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path != "/photo.png":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_accepted_url_task_is_prepared_after_a_restart(tmp_path: Path, image_server: str) -> None:
    """A task accepted while its image URL was still being fetched (NOT_START) when the
    server died is fetched and queued by the next start."""
    import time as clock

    from meshforge.config import Settings
    from meshforge.runtime import open_runtime

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    runtime = open_runtime(Settings(data_dir=tmp_path / "data", database_url=url), migrate=True)
    runtime.tasks.create(
        {
            "id": "3d_" + "c" * 48,
            "key_id": 1,
            "model": "test/image-cube",
            "params": {},
            "status": "NOT_START",
            "seed": 1,
            "submit_time": int(clock.time()),
            "expires_at": 0,
            "image_url": f"{image_server}/photo.png",
        }
    )
    runtime.close()
    for api in make_api(tmp_path, url):  # the "next start" of the server
        assert _wait_status(api, "3d_" + "c" * 48, "QUEUED")["status"] == "QUEUED"
        assert api.executor.enqueued == ["3d_" + "c" * 48]
