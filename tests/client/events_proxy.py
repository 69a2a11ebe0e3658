"""A real HTTP proxy that changes what a meshforge server's event streams look like.

Everything else is forwarded as FaultyProxy forwards it. On the events route it either
answers a fixed status, as a server without the route does (`events_status=404`), or
relays the stream live and cuts the connection after `cut_after` events of each of the
first `cut_streams` streams, as a proxy or a network that drops long requests does.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from tests.client.faulty_proxy import HOP_BY_HOP, FaultyProxy, _Handler


def is_events(method: str, path: str) -> bool:
    return method == "GET" and path.startswith("/v1/3d/generations/") and path.endswith("/events")


def is_task_read(method: str, path: str) -> bool:
    return (
        method == "GET"
        and path.startswith("/v1/3d/generations/3d_")
        and not is_events(method, path)
    )


@dataclass
class EventsProxy(FaultyProxy):
    events_status: int | None = None
    cut_after: int = 1
    cut_streams: int = 0
    cuts: int = 0

    def handler_class(self) -> type[_Handler]:
        return _EventsHandler

    def events_seen(self) -> list[int | None]:
        return [entry.answered for entry in self.seen if is_events(entry.method, entry.path)]

    def reads_seen(self) -> int:
        return sum(1 for entry in self.seen if is_task_read(entry.method, entry.path))

    def take_cut(self) -> bool:
        """Whether to cut the stream now starting (counts it)."""
        with self._lock:
            if self.cuts >= self.cut_streams:
                return False
            self.cuts += 1
            return True


class _EventsHandler(_Handler):
    proxy: EventsProxy

    def do_GET(self) -> None:
        if not is_events(self.command, self.path):
            self._handle()
        elif self.proxy.events_status is not None:
            self._reply(self.proxy.events_status, {"content-type": "application/json"}, b"{}")
        else:
            self._relay_stream(cut=self.proxy.take_cut())

    def _relay_stream(self, cut: bool) -> None:
        headers = {
            name: value for name, value in self.headers.items() if name.lower() not in HOP_BY_HOP
        }
        with self.proxy._http.stream("GET", self.path, headers=headers) as upstream:
            self.proxy.record(self.command, self.path, upstream.status_code)
            self.send_response(upstream.status_code)
            for name, value in upstream.headers.items():
                if name.lower() not in HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            events = 0
            for line in upstream.iter_lines():
                self._chunk(line.encode() + b"\n")
                events += line.startswith("data:")
                if cut and line == "" and events >= self.proxy.cut_after:
                    self._cut()
                    return
            self._chunk(b"")

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _cut(self) -> None:
        """Drop the connection mid-body: the client sees an incomplete chunked stream."""
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)
