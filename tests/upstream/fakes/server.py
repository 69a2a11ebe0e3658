"""The HTTP side of the fakes: routing, the key check, scripted faults and control.

Control (no key): POST /_fake/config {"duration", "fail_reason", "key", "faults":
{"submit" | "poll" | "upload" | "cancel" | "probe": [[status, retry_after], ...]}},
GET /_fake/stats. Output files: GET /files/<task id>.glb (public, as CDNs are).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

from tests.upstream.fakes.state import FakeState


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    base_url: str
    groups: tuple[str, ...] = ()

    def json(self) -> Any:
        return json.loads(self.body or b"{}")


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[FakeState, Request], Response]
Route = tuple[str, str, str, Handler]  # method, path regex, fault kind, handler


class Provider(Protocol):
    routes: list[Route]

    def error(self, status: int, message: str) -> Any:
        """The provider's error body."""
        ...


def serve(provider: Provider, state: FakeState, port: int) -> ThreadingHTTPServer:
    handler = type("FakeHandler", (_Handler,), {"provider": provider, "state": state})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    provider: Provider
    state: FakeState

    def log_message(self, *args: Any) -> None:
        return None

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("content-length") or 0)
        host = self.headers.get("host", "127.0.0.1")
        request = Request(
            method,
            self.path,
            {k.lower(): v for k, v in self.headers.items()},
            self.rfile.read(length),
            f"http://{host}",
        )
        self._send(self._answer(request))

    def _answer(self, request: Request) -> Response:
        path = request.path.split("?", 1)[0]
        if path.startswith("/_fake/"):
            return self._control(request, path)
        if path.startswith("/files/"):
            return Response(200, self.state.glb, {"content-type": "model/gltf-binary"})
        for method, pattern, kind, handler in self.provider.routes:
            match = re.fullmatch(pattern, path)
            if method != request.method or match is None:
                continue
            if request.headers.get("authorization") != f"Bearer {self.state.key}":
                return Response(401, self.provider.error(401, "Authentication failed"))
            self.state.count(kind)
            fault = self.state.next_fault(kind)
            if fault is not None:
                headers = {"retry-after": fault.retry_after} if fault.retry_after else {}
                return Response(fault.status, self.provider.error(fault.status, "fault"), headers)
            request.groups = match.groups()
            return handler(self.state, request)
        return Response(404, self.provider.error(404, "no such route"))

    def _control(self, request: Request, path: str) -> Response:
        if path == "/_fake/config" and request.method == "POST":
            self.state.configure(request.json())
            return Response(200, {"ok": True})
        if path == "/_fake/stats":
            return Response(200, {**self.state.stats(), "running": self.state.running_now()})
        return Response(404, {"message": "no such control route"})

    def _send(self, response: Response) -> None:
        body = response.body
        headers = dict(response.headers)
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
            headers.setdefault("content-type", "application/json")
        self.send_response(response.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
