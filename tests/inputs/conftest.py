"""Real images made on the fly, and a real local HTTP server, for the inputs tests."""

from __future__ import annotations

import contextlib
import io
import os
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from meshforge.inputs.foreground import SalientObjectModel, installed_model

ImageMaker = Callable[..., bytes]


def make_image(image_format: str, size: tuple[int, int] = (32, 24), mode: str = "RGB") -> bytes:
    """A real, noisy (so it compresses poorly) image encoded by Pillow."""
    rng = np.random.default_rng(7)
    channels = {"RGB": 3, "RGBA": 4, "L": 1}[mode]
    pixels = rng.integers(0, 256, size=(size[1], size[0], channels), dtype=np.uint8)
    image = Image.fromarray(pixels.squeeze(axis=2) if channels == 1 else pixels, mode)
    out = io.BytesIO()
    image.save(out, format=image_format)
    return out.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny hand-built PNG whose IHDR claims width x height (a decompression bomb shape)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024, 9)  # far less data than the claimed size needs
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def real_segmenter() -> SalientObjectModel:
    """The learned segmenter from the weights scripts/install.sh installs. scripts/test.sh
    sets MESHFORGE_TEST_REQUIRE_SEGMENTER, so there a missing model fails instead of
    skipping."""
    weights = Path(os.environ.get("MESHFORGE_WEIGHTS_DIR", REPO / "meshforge-data" / "weights"))
    model = installed_model(weights)
    if model is None:
        message = f"no segmentation model under {weights}: run scripts/install_segmenter.sh"
        if os.environ.get("MESHFORGE_TEST_REQUIRE_SEGMENTER"):
            pytest.fail(message)
        pytest.skip(message)
    return model


@pytest.fixture
def image_bytes() -> ImageMaker:
    return make_image


@pytest.fixture
def bomb_png() -> Callable[[int, int], bytes]:
    return png_declaring


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the status line
    trickle_s: float = 0.0  # between body bytes
    send_length: bool = True  # False: the body ends when the connection closes


@dataclass
class LocalServer:
    """A threaded http.server on 127.0.0.1 whose answers the test sets per path."""

    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    seen_hosts: list[str] = field(default_factory=list)
    hits: list[str] = field(default_factory=list)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, **kwargs: object) -> str:
        self.routes[path] = Route(**kwargs)  # type: ignore[arg-type]
        return self.url(path)


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            server.hits.append(self.path)
            server.seen_hosts.append(self.headers.get("Host", ""))
            route = server.routes.get(self.path, Route(status=404, body=b"missing"))
            time.sleep(route.delay_s)
            # The client may give up mid-answer, as some tests intend.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(route)

        def _answer(self, route: Route) -> None:
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.send_length and "Content-Length" not in route.headers:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if not route.trickle_s:
                self.wfile.write(route.body)
                return
            for index in range(len(route.body)):
                self.wfile.write(route.body[index : index + 1])
                self.wfile.flush()
                time.sleep(route.trickle_s)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    return Handler


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    state = LocalServer(port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
