"""Server-Sent Events, decoded one line at a time and free of I/O.

Written here rather than taken from a library because the client needs only the line
grammar of the HTML standard's event-stream format (fields, comments, blank-line
dispatch), which is a few lines; httpx already splits the body into lines, and a decoder
that does no I/O serves the sync and the async client alike without a new dependency.
Reconnection (`retry:` and `Last-Event-ID`) is left out on purpose: after a dropped
stream the client reads the task once instead, which is the source of truth anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EVENT_STREAM = "text/event-stream"


@dataclass(frozen=True)
class ServerSentEvent:
    """One dispatched event; `event` is "message" when the stream names no type."""

    event: str
    data: str
    id: str = ""


@dataclass
class SSEDecoder:
    """Feed it the stream's lines (without their line endings); it returns each event."""

    _event: str = ""
    _data: list[str] = field(default_factory=list)
    _id: str = ""

    def feed(self, line: str) -> ServerSentEvent | None:
        """The event a blank line completes, else None (a field or comment is stored)."""
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment, such as the server's keep-alive
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id" and "\0" not in value:
            self._id = value
        return None  # "retry" and unknown fields are ignored, as the standard says

    def _dispatch(self) -> ServerSentEvent | None:
        event, data = self._event or "message", self._data
        self._event, self._data = "", []
        if not data:
            return None  # an event without data is not dispatched
        return ServerSentEvent(event=event, data="\n".join(data), id=self._id)


def is_event_stream(content_type: str | None) -> bool:
    """Whether a Content-Type header names the event-stream format."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type == EVENT_STREAM
