"""A webhook receiver for cluster tests: counts deliveries per webhook id, checks each
signature with the cluster's shared secret."""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from meshforge.webhooks.signing import signature_headers


class WebhookReceiver:
    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.deliveries: Counter[str] = Counter()
        self.bad_signatures = 0
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.record(dict(self.headers.items()), body)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *_: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/hook"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def record(self, headers: dict[str, str], body: bytes) -> None:
        lowered = {k.lower(): v for k, v in headers.items()}
        message_id, timestamp = lowered["webhook-id"], int(lowered["webhook-timestamp"])
        expected = signature_headers(self.secret, message_id, timestamp, body)
        with self._lock:
            self.deliveries[message_id.removeprefix("msg_")] += 1
            if expected["webhook-signature"] != lowered["webhook-signature"]:
                self.bad_signatures += 1

    def close(self) -> None:
        self._server.shutdown()
