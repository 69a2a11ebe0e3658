"""A real HTTP proxy in front of a meshforge server that misbehaves on purpose.

For the first requests that match, it answers 429 or 503 with Retry-After, or drops the
connection without answering; everything else is forwarded to the real server.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self

import httpx

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class Fault:
    """What to do instead of (or after) forwarding one request."""

    status: int | None  # 429 or 503; None drops the connection without a reply
    retry_after: str | None = "1"
    forward_first: bool = False  # the server gets the request; the client sees the fault


@dataclass
class Seen:
    """One request the proxy received and what it answered."""

    at: float
    method: str
    path: str
    answered: int | None


Matcher = Callable[[str, str], bool]


@dataclass
class FaultyProxy:
    upstream: str
    faults: list[Fault]
    matches: Matcher = lambda method, path: True
    seen: list[Seen] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        """The request handler; a subclass of the proxy may answer some paths its own way."""
        return _Handler

    def __enter__(self) -> Self:
        handler = type("Handler", (self.handler_class(),), {"proxy": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._http = httpx.Client(base_url=self.upstream, timeout=30)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._http.close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def answered(self, status: int | None) -> list[Seen]:
        return [entry for entry in self.seen if entry.answered == status]

    def next_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            if self.faults and self.matches(method, path):
                return self.faults.pop(0)
            return None

    def record(self, method: str, path: str, answered: int | None) -> None:
        with self._lock:
            self.seen.append(Seen(time.monotonic(), method, path, answered))

    def forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> httpx.Response:
        kept = {name: value for name, value in headers.items() if name.lower() not in HOP_BY_HOP}
        return self._http.request(method, path, headers=kept, content=body)


class _Handler(BaseHTTPRequestHandler):
    proxy: FaultyProxy
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: object) -> None:
        return None  # keep test output clean

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        headers = dict(self.headers.items())
        fault = self.proxy.next_fault(self.command, self.path)
        if fault is not None and fault.forward_first:
            self.proxy.forward(self.command, self.path, headers, body)
        if fault is None:
            response = self.proxy.forward(self.command, self.path, headers, body)
            self._reply(response.status_code, dict(response.headers), response.content)
        elif fault.status is None:
            self.proxy.record(self.command, self.path, None)
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        else:
            self._reply_fault(fault)

    def _reply_fault(self, fault: Fault) -> None:
        assert fault.status is not None
        code = "rate_limited" if fault.status == 429 else "overloaded"
        message = f"proxy says {code}"
        error = {"code": code, "type": f"{code}_error", "message": message}
        envelope = {"code": code, "message": message, "data": None, "error": error}
        payload = json.dumps(envelope).encode()
        headers = {"content-type": "application/json"}
        if fault.retry_after is not None:
            headers["retry-after"] = fault.retry_after
        self._reply(fault.status, headers, payload)

    def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.proxy.record(self.command, self.path, status)
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-encoding":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
